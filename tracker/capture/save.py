"""Saving a reviewed release: the study or deal, the project's event, and each figure's source.

Everything goes through the services, in the caller's transaction, so a refusal (a value out
of range, a name already taken) leaves nothing behind. What the save created or changed is
returned as plain data, and ``undo_save`` / ``redo_save`` take it back and put it back, with
the same ids, like any other edit.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from tracker import changelog, records, snapshots
from tracker.capture.model import Capture, Figure, Value
from tracker.capture.review import EVENT_KINDS, OBLIGATION_KINDS, prefill, quote
from tracker.enums import DealStatus, ObligationKind
from tracker.errors import FieldProblem, ValidationError
from tracker.models import Company, Deal, Event, FigureSource, Project, Study
from tracker.services.commodities import all_commodities
from tracker.services.companies import create_company
from tracker.services.deals import ObligationSpec, StepSpec, create_deal
from tracker.services.events import create_event
from tracker.services.projects import create_project
from tracker.services.studies import PriceAssumption, create_study, update_study
from tracker.snapshots import Snapshot

#: The ``FigureSource.field`` of a price line is this and the commodity: ``price Au``.
PRICE_FIELD = "price"
#: Longest description kept on the event: the release itself, cut at a generous length.
DESCRIPTION_LIMIT = 100_000


@dataclass(frozen=True)
class Pick:
    """An existing record (``record_id``) or a new one to create, named ``name``."""

    record_id: int | None
    name: str


@dataclass
class Reviewed:
    """A release as the person left it in the review: values by column, and the records.

    ``values`` holds the columns of the study or deal (or, for other releases, the event's
    ``kind``, ``title`` and ``event_date``); ``quotes`` the sentence each captured column was
    read from. ``source`` is the file name or URL the release came from.
    """

    kind: str
    source: str
    text: str
    values: dict[str, Value | None]
    project: Pick | None
    company: Pick | None = None
    counterparty: Pick | None = None
    quotes: dict[str, str] = field(default_factory=dict)
    obligations: list[ObligationSpec] = field(default_factory=list)
    steps: list[StepSpec] = field(default_factory=list)
    summary: str = ""
    #: The study's price deck; each line's sentence is in ``quotes`` as ``price SYMBOL``.
    prices: list[PriceAssumption] = field(default_factory=list)
    #: Sentences of figures kept in the event's description (drill intercepts).
    description_quotes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SourceUpdate:
    """The figure sources of an existing study before and after a save replaced some."""

    study_before: Snapshot
    study_after: Snapshot
    removed: tuple[dict[str, Any], ...]
    added: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Saved:
    """What a save wrote. ``created`` lists new records as (kind, id), in creation order."""

    record_kind: str
    record_id: int
    event_id: int
    label: str
    created: tuple[tuple[str, int], ...]
    update: SourceUpdate | None = None


def save_reviewed(session: Session, reviewed: Reviewed) -> Saved:
    """Write a reviewed release; raises ``TrackerError`` (nothing written) when refused."""
    reviewed = _prices_by_symbol(session, reviewed)
    created: list[tuple[str, int]] = []
    company_id = _resolve_company(session, reviewed.company, "company", created)
    counterparty_id = _resolve_company(session, reviewed.counterparty, "counterparty", created)
    project_id = _resolve_project(session, reviewed, created)
    update: SourceUpdate | None = None
    if reviewed.kind == "study":
        assert project_id is not None
        study_id, update = _save_study(session, reviewed, project_id, created)
        record_kind, record_id = "study", study_id
    elif reviewed.kind == "deal":
        record_kind = "deal"
        record_id = _save_deal(session, reviewed, project_id, company_id, counterparty_id)
        created.append(("deal", record_id))
    else:
        record_kind, record_id = "event", -1
    event = _save_event(session, reviewed, project_id, company_id)
    assert event.id is not None
    created.append(("event", event.id))
    if record_kind == "event":
        record_id = event.id
        _add_sources(session, reviewed, event_id=event.id)
    label = records.label(session, record_kind, record_id)
    for kind, new_id in created:
        changelog.log_created(session, kind, new_id, records.label(session, kind, new_id))
    if update is not None:
        changelog.log_edit(session, update.study_before, update.study_after)
    return Saved(record_kind, record_id, event.id, label, tuple(created), update)


def _prices_by_symbol(session: Session, reviewed: Reviewed) -> Reviewed:
    """Price lines named by commodity symbol (``gold`` is ``Au``), their sources too, so that
    a line's source reads ``price Au`` however the release named the metal."""
    symbols: dict[str, str] = {}
    for commodity in all_commodities(session):
        symbols[commodity.symbol.casefold()] = commodity.symbol
        symbols[commodity.name.casefold()] = commodity.symbol
    quotes = dict(reviewed.quotes)
    prices = []
    for price in reviewed.prices:
        symbol = symbols.get(price.commodity.strip().casefold())
        if symbol is not None and symbol != price.commodity:
            sentence = quotes.pop(f"{PRICE_FIELD} {price.commodity}", None)
            if sentence is not None:
                quotes[f"{PRICE_FIELD} {symbol}"] = sentence
            price = replace(price, commodity=symbol)
        prices.append(price)
    return replace(reviewed, prices=prices, quotes=quotes)


def _refuse(field_name: str, value: object, reason: str) -> ValidationError:
    return ValidationError([FieldProblem(field_name, value, reason)])


def _resolve_company(
    session: Session, pick: Pick | None, role: str, created: list[tuple[str, int]]
) -> int | None:
    if pick is None:
        return None
    if pick.record_id is not None:
        if session.get(Company, pick.record_id) is None:
            raise _refuse(role, pick.record_id, "is not a known company")
        return pick.record_id
    company = create_company(session, Company(name=pick.name))
    assert company.id is not None
    created.append(("company", company.id))
    return company.id


def _resolve_project(
    session: Session, reviewed: Reviewed, created: list[tuple[str, int]]
) -> int | None:
    pick = reviewed.project
    if pick is None:
        if reviewed.kind == "study":
            raise _refuse("project", None, "is required: a study belongs to a project")
        return None
    if pick.record_id is not None:
        if session.get(Project, pick.record_id) is None:
            raise _refuse("project", pick.record_id, "is not a known project")
        return pick.record_id
    project = create_project(session, Project(name=pick.name, source=reviewed.source))
    assert project.id is not None
    created.append(("project", project.id))
    return project.id


def _columns(reviewed: Reviewed, model: type[Study] | type[Deal]) -> dict[str, Any]:
    known = set(model.model_fields)
    return {name: value for name, value in reviewed.values.items() if name in known}


def matching_study(
    session: Session, project_id: int, study_type: object, published: object
) -> Study | None:
    """The project's study of that type published (or effective) that day, if there is one."""
    if not isinstance(published, date):
        return None
    found = session.exec(
        select(Study)
        .where(Study.project_id == project_id, Study.study_type == study_type)
        .order_by(col(Study.id))
    ).all()
    for study in found:
        if published in (study.publication_date, study.effective_date):
            return study
    return None


def _save_study(
    session: Session, reviewed: Reviewed, project_id: int, created: list[tuple[str, int]]
) -> tuple[int, SourceUpdate | None]:
    columns = _columns(reviewed, Study)
    columns["source"] = reviewed.source
    stored = matching_study(
        session, project_id, columns.get("study_type"), columns.get("publication_date")
    )
    if stored is None:
        study = create_study(session, Study(project_id=project_id, **columns), reviewed.prices)
        assert study.id is not None
        created.append(("study", study.id))
        _add_sources(session, reviewed, study_id=study.id)
        return study.id, None
    assert stored.id is not None
    study_id = stored.id
    before = snapshots.capture_own(session, "study", study_id)
    merged = stored.model_dump(exclude={"id"})
    merged.update({name: value for name, value in columns.items() if value is not None})
    update_study(session, study_id, Study(**merged), reviewed.prices or None)
    removed = _sources_of(session, study_id, set(reviewed.quotes) & set(columns))
    session.exec(
        delete(FigureSource).where(col(FigureSource.id).in_([row["id"] for row in removed]))
    )
    added_ids = _add_sources(session, reviewed, study_id=study_id)
    added = tuple(
        row for row in _sources_of(session, study_id, None) if row["id"] in set(added_ids)
    )
    after = snapshots.capture_own(session, "study", study_id)
    return study_id, SourceUpdate(before, after, tuple(removed), added)


def _sources_of(session: Session, study_id: int, fields: set[str] | None) -> list[dict[str, Any]]:
    rows = session.exec(select(FigureSource).where(FigureSource.study_id == study_id)).all()
    return [row.model_dump() for row in rows if fields is None or row.field in fields]


def _save_deal(
    session: Session,
    reviewed: Reviewed,
    project_id: int | None,
    company_id: int | None,
    counterparty_id: int | None,
) -> int:
    columns = _columns(reviewed, Deal)
    columns.setdefault("status", DealStatus.PROPOSED.value)
    deal = Deal(
        **columns,
        project_id=project_id,
        acquirer_id=company_id,
        counterparty_id=counterparty_id,
        source=reviewed.source,
    )
    deal = create_deal(session, deal, steps=reviewed.steps, obligations=reviewed.obligations)
    assert deal.id is not None
    _add_sources(session, reviewed, deal_id=deal.id)
    return deal.id


def _save_event(
    session: Session, reviewed: Reviewed, project_id: int | None, company_id: int | None
) -> Event:
    values = reviewed.values
    when: Value | None = values.get("event_date")
    kind: Value | None = values.get("kind")
    if reviewed.kind == "study":
        when, kind = values.get("publication_date"), EVENT_KINDS["study"]
    elif reviewed.kind == "deal":
        when, kind = values.get("announced_date"), EVENT_KINDS["deal"]
    if not isinstance(when, date):
        date_field = {"study": "publication_date", "deal": "announced_date"}
        raise _refuse(
            date_field.get(reviewed.kind, "event_date"), when, "is required to date the event"
        )
    description = "\n\n".join(part for part in (reviewed.summary, reviewed.text) if part.strip())
    event = Event(
        event_date=when,
        kind=str(kind or ""),
        title=str(values.get("title") or ""),
        description=description[:DESCRIPTION_LIMIT],
        source=reviewed.source,
        project_id=project_id,
        company_id=company_id,
    )
    return create_event(session, event)


def _add_sources(
    session: Session,
    reviewed: Reviewed,
    *,
    study_id: int | None = None,
    deal_id: int | None = None,
    event_id: int | None = None,
) -> list[int]:
    """A ``FigureSource`` for each saved column that was read from the release."""
    ids = []
    priced = {f"{PRICE_FIELD} {price.commodity}" for price in reviewed.prices}
    for name, sentence in reviewed.quotes.items():
        if reviewed.values.get(name) is None and name not in priced:
            continue
        row = FigureSource(
            study_id=study_id,
            deal_id=deal_id,
            event_id=event_id,
            field=name,
            source=reviewed.source[:1000],
            quote=sentence,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        ids.append(row.id)
    if event_id is not None:
        for sentence in dict.fromkeys(reviewed.description_quotes):
            session.add(
                FigureSource(
                    event_id=event_id,
                    field="description",
                    source=reviewed.source[:1000],
                    quote=sentence,
                )
            )
        session.flush()
    return ids


def sources_for(session: Session, kind: str, record_id: int) -> list[FigureSource]:
    """The figure sources of a study, deal or event, in the order they were saved."""
    column = {"study": FigureSource.study_id, "deal": FigureSource.deal_id}.get(
        kind, FigureSource.event_id
    )
    return list(
        session.exec(select(FigureSource).where(column == record_id).order_by(col(FigureSource.id)))
    )


# Undo and redo.


def undo_save(session: Session, saved: Saved) -> tuple[Snapshot, ...]:
    """Take a save back: delete what it created (newest first), put an updated study back."""
    removed = tuple(
        records.delete_record(session, kind, record_id)
        for kind, record_id in reversed(saved.created)
    )
    update = saved.update
    if update is not None:
        _swap_sources(session, update.added, update.removed)
        snapshots.replace(session, update.study_before)
    return removed


def redo_save(session: Session, saved: Saved, removed: Sequence[Snapshot]) -> None:
    """Put a save back after ``undo_save``, with the same ids."""
    for snapshot in reversed(removed):
        snapshots.restore(session, snapshot)
    update = saved.update
    if update is not None:
        snapshots.replace(session, update.study_after)
        _swap_sources(session, update.removed, update.added)


def _swap_sources(
    session: Session, out: Sequence[dict[str, Any]], back: Sequence[dict[str, Any]]
) -> None:
    session.flush()
    table = FigureSource.__table__  # type: ignore[attr-defined]
    if out:
        session.exec(delete(FigureSource).where(col(FigureSource.id).in_([r["id"] for r in out])))
    if back:
        session.connection().execute(insert(table), [dict(row) for row in back])
    session.expire_all()


# From a reading to what is saved.


def reviewed_from(
    capture: Capture,
    project: Pick | None,
    company: Pick | None = None,
    counterparty: Pick | None = None,
    values: dict[str, Value | None] | None = None,
) -> Reviewed:
    """A reading as it would be saved: ``values`` as corrected (default: as read)."""
    filled = prefill(capture)
    prices = prices_from(capture)
    quotes = {name: quote(capture, span) for name, span in filled.sentences.items()}
    for price, sentence in prices:
        quotes[f"{PRICE_FIELD} {price.commodity}"] = sentence
    return Reviewed(
        kind=capture.kind if capture.kind in ("study", "deal") else "event",
        source=capture.source,
        text=capture.text,
        values=dict(filled.values if values is None else values),
        project=project,
        company=company,
        counterparty=counterparty,
        quotes=quotes,
        prices=[price for price, _ in prices],
        obligations=obligations_from(capture),
        steps=steps_from(capture),
        summary=drill_summary(capture),
        description_quotes=[
            quote(capture, figure.sentence) for hole in capture.holes for figure in hole.values()
        ],
    )


def obligations_from(capture: Capture) -> list[ObligationSpec]:
    """The deal's payments and commitments as read; from the totals when no schedule is."""
    found = []
    for group in capture.obligations:
        kind = OBLIGATION_KINDS.get(str(_value(group, "kind") or ""))
        amount = _value(group, "amount")
        if kind is None or not isinstance(amount, Decimal | int):
            continue
        currency = _value(group, "currency")
        due = _value(group, "due")
        found.append(
            ObligationSpec(
                kind=kind,
                amount=Decimal(amount),
                currency=None if kind == ObligationKind.SHARES.value else _text(currency),
                due_date=due if isinstance(due, date) else None,
                description=_text(_value(group, "due_text")),
            )
        )
    if found or capture.kind != "deal":
        return found
    figures = capture.figures
    currency = _text(figures["cash_currency"].value) if "cash_currency" in figures else None
    for key, kind in (("cash", "cash"), ("shares", "shares"), ("work_commitment", "work")):
        figure = figures.get(key)
        if figure is None or not isinstance(figure.value, Decimal | int):
            continue
        is_shares = kind == "shares"
        found.append(
            ObligationSpec(
                kind=OBLIGATION_KINDS[kind],
                amount=Decimal(figure.value),
                currency=None if is_shares else currency,
                description=quote(capture, figure.sentence)[:1000],
            )
        )
    return found


def prices_from(capture: Capture) -> list[tuple[PriceAssumption, str]]:
    """The base case's price deck with each line's sentence; a line whose unit names no
    currency (``USD/oz``) is left out rather than given one."""
    found = []
    for group in capture.prices:
        commodity, price, unit = (_value(group, key) for key in ("commodity", "price", "unit"))
        currency, _, per = str(unit or "").partition("/")
        if not commodity or not isinstance(price, Decimal | int) or not per or len(currency) != 3:
            continue
        line = PriceAssumption(str(commodity), Decimal(price), currency.upper(), per.strip())
        found.append((line, quote(capture, group["price"].sentence)))
    return found


def steps_from(capture: Capture) -> list[StepSpec]:
    """The earn-in's staged interests as read."""
    steps = []
    for group in capture.steps:
        interest = _value(group, "interest_pct")
        if isinstance(interest, Decimal | int):
            steps.append(StepSpec(Decimal(interest), description=_text(_value(group, "due_text"))))
    return steps


def drill_summary(capture: Capture) -> str:
    """One line per intercept: ``DDH-1: 12.0 m at 3.1 g/t Au from 100.0 m``."""
    lines = []
    for hole in capture.holes:
        name = _value(hole, "hole")
        interval, grade = _value(hole, "interval_m"), _value(hole, "grade")
        unit, start = _value(hole, "grade_unit"), _value(hole, "from_m")
        inside = _value(hole, "including")
        text = f"{name}: {interval} m at {grade} {unit or ''}".rstrip()
        if start is not None:
            text += f" from {start} m"
        if inside is not None:
            text = f"  including {text}"
        lines.append(text)
    return "\n".join(lines)


def _value(group: dict[str, Figure], key: str) -> Value | None:
    figure = group.get(key)
    return figure.value if figure is not None else None


def _text(value: Value | None) -> str | None:
    return str(value).strip() or None if value is not None else None
