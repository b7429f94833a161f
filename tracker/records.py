"""Delete any kind of record undoably, and say beforehand what goes with it.

The window's delete and undo commands call these by kind name, so they need no knowledge of
each service; each delete returns the snapshot that ``tracker.snapshots.restore`` puts back.
"""

from collections.abc import Callable, Mapping

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from tracker import changelog, snapshots
from tracker.errors import NotFoundError
from tracker.models import (
    Commodity,
    Company,
    Deal,
    DealObligation,
    Event,
    Holding,
    Project,
    ResourceLine,
    Study,
    StudyPrice,
)
from tracker.services import (
    companies,
    deals,
    events,
    holdings,
    projects,
    studies,
    transactions,
)
from tracker.snapshots import Snapshot

KINDS = ("project", "company", "study", "deal", "event", "holding", "commodity", "resource")


def _delete_company(session: Session, company_id: int) -> None:
    companies.delete_company(session, company_id, companies.OnDependants.CASCADE)


def _delete_commodity(session: Session, commodity_id: int) -> None:
    snapshots.remove(session, snapshots.capture_deleted(session, "commodity", commodity_id))


DELETERS: Mapping[str, Callable[[Session, int], None]] = {
    "project": projects.delete_project,
    "company": _delete_company,
    "study": studies.delete_study,
    "deal": deals.delete_deal,
    "event": events.delete_event,
    "holding": holdings.delete_holding,
    "commodity": _delete_commodity,
    "resource": studies.delete_resource,
    "transaction": transactions.delete_transaction,
}


#: How a kind is named in messages, where its key is not a word a person would use.
NOUNS: Mapping[str, str] = {"resource": "resource line"}


def noun(kind: str) -> str:
    return NOUNS.get(kind, kind)


def delete_record(session: Session, kind: str, record_id: int) -> Snapshot:
    """Delete through the kind's service; returns what is needed to bring it all back."""
    snapshot = snapshots.capture_deleted(session, kind, record_id)
    named = label(session, kind, record_id)
    DELETERS[kind](session, record_id)
    session.flush()
    changelog.log_deleted(session, kind, record_id, named)
    return snapshot


def label(session: Session, kind: str, record_id: int) -> str:
    """How a record is named in messages: a project's name, a deal's title, ..."""
    if kind == "holding":
        holding = session.get(Holding, record_id)
        company = session.get(Company, holding.company_id) if holding else None
        return f"the holding in {company.name}" if company else f"holding #{record_id}"
    if kind == "resource":
        return _resource_label(session, record_id)
    if kind == "transaction":
        return transactions.transaction_label(session, record_id)
    models: dict[str, tuple[type[SQLModel], str]] = {
        "project": (Project, "name"),
        "company": (Company, "name"),
        "study": (Study, "title"),
        "deal": (Deal, "title"),
        "event": (Event, "title"),
        "commodity": (Commodity, "name"),
    }
    model, attribute = models[kind]
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"{kind} #{record_id} does not exist")
    return str(getattr(record, attribute))


def _resource_label(session: Session, line_id: int) -> str:
    """``indicated Au, 12,500,000 t``: a resource line has no name of its own."""
    line = session.get(ResourceLine, line_id)
    if line is None:
        raise NotFoundError(f"resource line #{line_id} does not exist")
    commodity = session.get(Commodity, line.commodity_id) if line.commodity_id else None
    what = f"{line.category} {commodity.symbol}" if commodity else line.category
    return f"{what}, {line.tonnes.normalize():,f} t"


def _count(session: Session, model: type[object], *conditions: object) -> int:
    return int(session.exec(select(func.count()).select_from(model).where(*conditions)).one())  # type: ignore[arg-type]


def dependants(session: Session, kind: str, record_id: int) -> dict[str, int]:
    """What else a delete removes (or unlinks), by kind, for the confirmation."""
    if kind == "project":
        return projects.project_dependants(session, record_id)
    if kind == "company":
        return companies.dependants(session, record_id)
    if kind == "study":
        found = {
            "price lines": _count(session, StudyPrice, StudyPrice.study_id == record_id),
            "resource lines": _count(session, ResourceLine, ResourceLine.study_id == record_id),
        }
    elif kind == "deal":
        found = {
            "obligations": _count(session, DealObligation, DealObligation.deal_id == record_id),
        }
    else:
        found = {}
    return {what: count for what, count in found.items() if count}
