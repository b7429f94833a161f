"""What a chart shows when the pointer rests on an item: its date, title and key figures.

Texts are built on demand for the one hovered record, so lanes never carry titles or figures
for 100,000 items they may never show.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlmodel import Session, col, select

from tracker.due import due_statuses
from tracker.enums import ObligationKind, StudyType
from tracker.formatting import count, millions, money, percent
from tracker.models import (
    Commodity,
    Deal,
    DealObligation,
    Event,
    EventCommodity,
    Project,
    ProjectStage,
    Study,
)
from tracker.timeline.columns import RecordKind

SHORT_STUDY_TYPES = {
    StudyType.RESOURCE_ESTIMATE.value: "Resource estimate",
    StudyType.PEA.value: "PEA",
    StudyType.PFS.value: "PFS",
    StudyType.FS.value: "FS",
    StudyType.UPDATED_FS.value: "Updated FS",
}


class StudyFigures(NamedTuple):
    """The headline economics of a study, in its own currency and in percent points."""

    study_type: str
    currency: str
    after_tax_npv: Decimal | None
    pre_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None
    after_tax_irr_pct: Decimal | None
    pre_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None

    @classmethod
    def of(cls, study: Study) -> "StudyFigures":
        return cls(
            study.study_type,
            study.currency,
            study.after_tax_npv,
            study.pre_tax_npv,
            study.discount_rate_pct,
            study.after_tax_irr_pct,
            study.pre_tax_irr_pct,
            study.initial_capex,
        )


def study_summary(figures: StudyFigures) -> str:
    """``PEA · after-tax NPV USD 412.0 M @ 8.0 % · IRR 24.0 % · initial capex USD 310.0 M``.

    After-tax figures are preferred; pre-tax ones are shown, and named so, only when a study
    gives no after-tax figure.
    """
    parts = [SHORT_STUDY_TYPES.get(figures.study_type, figures.study_type)]
    npv: Decimal | None
    if figures.after_tax_npv is not None:
        npv, npv_label = figures.after_tax_npv, "after-tax NPV"
    else:
        npv, npv_label = figures.pre_tax_npv, "pre-tax NPV"
    if npv is not None:
        rate = figures.discount_rate_pct
        at_rate = f" @ {percent(rate)}" if rate is not None else ""
        parts.append(f"{npv_label} {millions(npv, figures.currency)}{at_rate}")
    if figures.after_tax_irr_pct is not None:
        parts.append(f"IRR {percent(figures.after_tax_irr_pct)}")
    elif figures.pre_tax_irr_pct is not None:
        parts.append(f"pre-tax IRR {percent(figures.pre_tax_irr_pct)}")
    if figures.initial_capex is not None:
        parts.append(f"initial capex {millions(figures.initial_capex, figures.currency)}")
    return " · ".join(parts)


def describe(session: Session, kind: str, record_id: int, today: date) -> str:
    """Hover text for one record: lines of date, title and key figures ('' once deleted)."""
    describer = _DESCRIBERS.get(kind)
    return "" if describer is None else describer(session, record_id, today)


def _study(session: Session, record_id: int, _today: date) -> str:
    study = session.get(Study, record_id)
    if study is None:
        return ""
    day = study.publication_date or study.effective_date
    return f"{day} · {study.title}\n{study_summary(StudyFigures.of(study))}"


def _stage(session: Session, record_id: int, _today: date) -> str:
    entry = session.get(ProjectStage, record_id)
    if entry is None:
        return ""
    later = session.exec(
        select(col(ProjectStage.effective_date))
        .where(
            ProjectStage.project_id == entry.project_id,
            col(ProjectStage.effective_date) > entry.effective_date,
        )
        .order_by(col(ProjectStage.effective_date))
    ).first()
    lines = [f"Stage: {entry.stage}", f"{entry.effective_date} → {later or 'today'}"]
    if entry.note:
        lines.append(entry.note)
    return "\n".join(lines)


def _deal(session: Session, record_id: int, _today: date) -> str:
    deal = session.get(Deal, record_id)
    if deal is None:
        return ""
    terms = [deal.deal_type, deal.status]
    if deal.interest_pct is not None:
        terms.append(f"{percent(deal.interest_pct)} interest")
    dates = [f"announced {deal.announced_date}" if deal.announced_date else "announcement undated"]
    if deal.closed_date is not None:
        dates.append(f"{deal.status} {deal.closed_date}")
    elif deal.expected_close_date is not None:
        dates.append(f"expected close {deal.expected_close_date}")
    return f"{deal.title}\n{' · '.join(terms)}\n{' · '.join(dates)}"


def _obligation(session: Session, record_id: int, today: date) -> str:
    obligation = session.get(DealObligation, record_id)
    if obligation is None:
        return ""
    deal = session.get(Deal, obligation.deal_id)
    if obligation.kind == ObligationKind.SHARES.value:
        amount = f"{count(obligation.amount)} shares"
    else:
        amount = money(obligation.amount, obligation.currency)
        if obligation.kind == ObligationKind.WORK.value:
            amount += " of work"
    siblings = session.exec(
        select(DealObligation)
        .where(DealObligation.deal_id == obligation.deal_id)
        .order_by(col(DealObligation.id))
    ).all()
    statuses = due_statuses([(o.due_date, o.met) for o in siblings], today)
    state = next(s.label for o, s in zip(siblings, statuses, strict=True) if o.id == record_id)
    lines = [f"due {obligation.due_date} · {amount} · {state}"]
    if deal is not None:
        lines.append(deal.title)
    if obligation.description:
        lines.append(obligation.description)
    return "\n".join(lines)


def _event(session: Session, record_id: int, _today: date) -> str:
    event = session.get(Event, record_id)
    if event is None:
        return ""
    lines = [f"{event.event_date} · {event.title}", event.kind]
    if event.project_id is None and event.company_id is None:
        symbols = session.exec(
            select(Commodity.symbol)
            .join(EventCommodity, col(EventCommodity.commodity_id) == col(Commodity.id))
            .where(EventCommodity.event_id == record_id)
            .order_by(col(Commodity.symbol))
        ).all()
        lines[1] += f" · touches {', '.join(symbols)}" if symbols else " · market-wide"
    return "\n".join(lines)


def _project(session: Session, record_id: int, _today: date) -> str:
    project = session.get(Project, record_id)
    if project is None:
        return ""
    details = [value for value in (project.stage, project.country) if value]
    return "\n".join([project.name, " · ".join(details)] if details else [project.name])


_DESCRIBERS: dict[str, Callable[[Session, int, date], str]] = {
    RecordKind.STUDY: _study,
    RecordKind.STAGE: _stage,
    RecordKind.DEAL: _deal,
    RecordKind.OBLIGATION: _obligation,
    RecordKind.EVENT: _event,
    RecordKind.PROJECT: _project,
}
