"""What the detail pane shows about one record, gathered as plain data (no Qt, no HTML).

The pane renders these; keeping the gathering here lets the study comparison and "what is due
next" be tested without a window.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

from sqlalchemy import or_
from sqlmodel import Session, col, select

from tracker.due import DueStatus, due_statuses, next_index
from tracker.errors import NotFoundError
from tracker.formatting import percent
from tracker.models import (
    Commodity,
    Company,
    Deal,
    DealObligation,
    DealStatusChange,
    DealStep,
    Event,
    EventCommodity,
    Holding,
    Project,
    ProjectOwner,
    ProjectStage,
    ResourceLine,
    Study,
    StudyPrice,
)
from tracker.portfolio.positions import HoldingRow, holding_rows
from tracker.services.commodities import project_commodity_symbols, symbols_by_id
from tracker.services.companies import listings_of
from tracker.services.deals import obligations_of, status_history, steps_of
from tracker.services.events import events_of_project
from tracker.services.projects import stage_history, tags_of
from tracker.services.studies import resources_of, studies_of


@dataclass(frozen=True)
class Owner:
    company_id: int
    name: str
    interest_pct: Decimal
    is_operator: bool


@dataclass(frozen=True)
class Change:
    """How one figure moved from a study to the next; ``None`` when either side lacks it."""

    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def relative_pct(self) -> Decimal | None:
        """The change in percent of the earlier value (for money figures)."""
        difference = self.difference
        if difference is None or self.before is None or self.before == 0:
            return None
        return (difference / abs(self.before) * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class StudyStep:
    """The change from one study to the next: NPV and capex in money, IRR in points.

    NPVs at different discount rates are not alike: between such studies the NPV change is
    not computed (both sides of ``after_tax_npv`` are None) and ``npv_note`` says why.
    """

    from_study: Study
    to_study: Study
    after_tax_npv: Change
    after_tax_irr_pct: Change
    initial_capex: Change

    @property
    def same_currency(self) -> bool:
        return self.from_study.currency == self.to_study.currency

    @property
    def npv_note(self) -> str:
        """``NPV at 8.0 % vs 5.0 %: not comparable``, or '' when the NPVs compare."""
        return npv_rate_note(self.from_study, self.to_study)


def npvs_comparable(before: Study, after: Study) -> bool:
    """Whether two studies' NPVs are at the same discount rate (and so can be compared).

    When neither study gives its rate, nothing says they differ and they are compared."""
    return before.discount_rate_pct == after.discount_rate_pct


def npv_rate_note(before: Study, after: Study) -> str:
    """``NPV at 8.0 % vs 5.0 %: not comparable`` when the rates differ, else ''."""
    if npvs_comparable(before, after):
        return ""
    rates = [percent(study.discount_rate_pct) or "an unstated rate" for study in (before, after)]
    return f"NPV at {rates[0]} vs {rates[1]}: not comparable"


def compare_studies(studies: Sequence[Study]) -> list[StudyStep]:
    """Each study against the one before it (oldest first), e.g. PEA -> PFS -> FS."""
    steps = []
    for before, after in pairwise(studies):
        npv = (
            Change(before.after_tax_npv, after.after_tax_npv)
            if npvs_comparable(before, after)
            else Change(None, None)
        )
        steps.append(
            StudyStep(
                before,
                after,
                npv,
                Change(before.after_tax_irr_pct, after.after_tax_irr_pct),
                Change(before.initial_capex, after.initial_capex),
            )
        )
    return steps


@dataclass(frozen=True)
class DealTerms:
    """A deal with its history, steps and obligations, and where each obligation stands on
    ``today`` (met, overdue, next, later: ``tracker.due``'s one rule)."""

    deal: Deal
    project: str | None
    acquirer: str | None
    counterparty: str | None
    history: list[DealStatusChange]
    steps: list[DealStep]
    obligations: list[DealObligation]
    today: date

    @property
    def statuses(self) -> list[DueStatus]:
        """Each obligation's standing, in the order of ``obligations``."""
        return due_statuses([(o.due_date, o.met) for o in self.obligations], self.today)

    @property
    def next_due(self) -> DealObligation | None:
        return next_due(self.obligations, self.today)

    @property
    def overdue(self) -> list[DealObligation]:
        """Unmet obligations whose date has passed, oldest first."""
        late = [o for o, s in zip(self.obligations, self.statuses, strict=True) if s.overdue]
        return sorted(late, key=lambda o: (o.due_date or date.max, o.id or 0))


def next_due(obligations: Sequence[DealObligation], today: date) -> DealObligation | None:
    """The next obligation: the earliest unmet one dated ``today`` or later (an overdue one is
    overdue, not next)."""
    index = next_index([(o.due_date, o.met) for o in obligations], today)
    return None if index is None else obligations[index]


@dataclass(frozen=True)
class ProjectDetail:
    project: Project
    owners: list[Owner]
    commodities: list[str]
    stages: list[ProjectStage]
    tags: list[str]
    studies: list[Study]
    steps: list[StudyStep]
    resources: list[ResourceLine]
    deals: list[DealTerms]
    events: list[Event]
    #: Commodity symbols by id, to name the commodity of each resource line.
    symbols: dict[int, str]


def _company_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.exec(select(Company.id, Company.name).where(col(Company.id).in_(wanted)))
    return {company_id: name for company_id, name in rows if company_id is not None}


Record = TypeVar("Record", Project, Company, Deal, Study, Event, Holding)


def _get(session: Session, model: type[Record], record_id: int) -> Record:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"{model.__name__.lower()} #{record_id} does not exist")
    return record


def deal_terms(session: Session, deal: Deal, today: date) -> DealTerms:
    assert deal.id is not None
    names = _company_names(session, {deal.acquirer_id, deal.counterparty_id})
    project = session.get(Project, deal.project_id) if deal.project_id is not None else None
    return DealTerms(
        deal,
        project.name if project else None,
        names.get(deal.acquirer_id) if deal.acquirer_id is not None else None,
        names.get(deal.counterparty_id) if deal.counterparty_id is not None else None,
        status_history(session, deal.id),
        steps_of(session, deal.id),
        obligations_of(session, deal.id),
        today,
    )


def project_detail(session: Session, project_id: int, today: date) -> ProjectDetail:
    project = _get(session, Project, project_id)
    owner_rows = session.exec(
        select(ProjectOwner, Company.name)
        .join(Company, col(Company.id) == ProjectOwner.company_id)
        .where(ProjectOwner.project_id == project_id)
        .order_by(col(ProjectOwner.is_operator).desc(), col(ProjectOwner.interest_pct).desc())
    ).all()
    owners = [
        Owner(row.company_id, name, row.interest_pct, row.is_operator) for row, name in owner_rows
    ]
    studies = studies_of(session, project_id)
    deals = session.exec(
        select(Deal)
        .where(Deal.project_id == project_id)
        .order_by(col(Deal.announced_date), col(Deal.id))
    ).all()
    return ProjectDetail(
        project,
        owners,
        project_commodity_symbols(session, project_id),
        stage_history(session, project_id),
        tags_of(session, project_id),
        studies,
        compare_studies(studies),
        resources_of(session, project_id),
        [deal_terms(session, deal, today) for deal in deals],
        events_of_project(session, project_id),
        symbols_by_id(session),
    )


@dataclass(frozen=True)
class Interest:
    """A company's attributable interest in one project."""

    project_id: int
    project: str
    interest_pct: Decimal
    is_operator: bool
    stage: str | None
    country: str | None


@dataclass(frozen=True)
class HoldingLine:
    """A holding's position, the sum of its transactions."""

    holding: HoldingRow

    @property
    def cost_basis(self) -> Decimal | None:
        cost = self.holding.average_cost
        return None if cost is None else self.holding.shares * cost


@dataclass(frozen=True)
class CompanyDetail:
    company: Company
    listings: list[str]
    interests: list[Interest]
    deals: list[DealTerms]
    holdings: list[HoldingLine]
    events: list[Event]

    @property
    def shares_held(self) -> Decimal:
        return sum((line.holding.shares for line in self.holdings), Decimal(0))

    @property
    def held_pct(self) -> Decimal | None:
        """The investor's share of the company, when shares outstanding are known."""
        outstanding = self.company.shares_outstanding
        if not outstanding or not self.holdings:
            return None
        return (self.shares_held / outstanding * 100).quantize(Decimal("0.001"))


def company_detail(session: Session, company_id: int, today: date) -> CompanyDetail:
    company = _get(session, Company, company_id)
    interest_rows = session.exec(
        select(ProjectOwner, Project)
        .join(Project, col(Project.id) == ProjectOwner.project_id)
        .where(ProjectOwner.company_id == company_id)
        .order_by(col(ProjectOwner.interest_pct).desc(), col(Project.name))
    ).all()
    interests = [
        Interest(
            project.id or 0,
            project.name,
            owner.interest_pct,
            owner.is_operator,
            project.stage,
            project.country,
        )
        for owner, project in interest_rows
    ]
    deals = session.exec(
        select(Deal)
        .where(or_(col(Deal.acquirer_id) == company_id, col(Deal.counterparty_id) == company_id))
        .order_by(col(Deal.announced_date), col(Deal.id))
    ).all()
    holdings = holding_rows(session, company_id=company_id)
    events = session.exec(
        select(Event)
        .where(Event.company_id == company_id)
        .order_by(col(Event.event_date).desc(), col(Event.id))
        .limit(50)
    ).all()
    return CompanyDetail(
        company,
        [str(listing) for listing in listings_of(session, company_id)],
        interests,
        [deal_terms(session, deal, today) for deal in deals],
        [HoldingLine(holding) for holding in holdings],
        list(events),
    )


@dataclass(frozen=True)
class PriceLine:
    commodity: str
    price: Decimal
    currency: str
    unit: str


@dataclass(frozen=True)
class StudyDetail:
    study: Study
    project: str
    prices: list[PriceLine]
    resources: list[ResourceLine]
    previous: StudyStep | None


def study_detail(session: Session, study_id: int) -> StudyDetail:
    study = _get(session, Study, study_id)
    project = _get(session, Project, study.project_id)
    prices = session.exec(
        select(StudyPrice, Commodity.symbol)
        .join(Commodity, col(Commodity.id) == StudyPrice.commodity_id)
        .where(StudyPrice.study_id == study_id)
        .order_by(col(StudyPrice.id))
    ).all()
    siblings = studies_of(session, study.project_id)
    previous = next(
        (step for step in compare_studies(siblings) if step.to_study.id == study_id), None
    )
    return StudyDetail(
        study,
        project.name,
        [PriceLine(symbol, row.price, row.currency, row.unit) for row, symbol in prices],
        [line for line in resources_of(session, study.project_id) if line.study_id == study_id],
        previous,
    )


def deal_detail(session: Session, deal_id: int, today: date) -> DealTerms:
    return deal_terms(session, _get(session, Deal, deal_id), today)


@dataclass(frozen=True)
class EventDetail:
    event: Event
    project: str | None
    company: str | None
    commodities: list[str]


def event_detail(session: Session, event_id: int) -> EventDetail:
    event = _get(session, Event, event_id)
    project = session.get(Project, event.project_id) if event.project_id is not None else None
    company = session.get(Company, event.company_id) if event.company_id is not None else None
    symbols = session.exec(
        select(Commodity.symbol)
        .join(EventCommodity, col(EventCommodity.commodity_id) == Commodity.id)
        .where(EventCommodity.event_id == event_id)
        .order_by(Commodity.symbol)
    ).all()
    return EventDetail(
        event, project.name if project else None, company.name if company else None, list(symbols)
    )
