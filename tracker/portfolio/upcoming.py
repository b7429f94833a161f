"""One list of what is due next across the portfolio, with overdue items flagged.

Items: unmet deal obligations and unearned earn-in steps of deals that are not terminated,
expected closes of deals still open, and expected studies not yet delivered. "Across the
portfolio" means deals a held company is party to or that touch a project a held company has an
interest in, and expected studies of those projects. Undated items come last.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from tracker.due import due_status, when_label
from tracker.enums import FINAL_DEAL_STATUSES, DealStatus, ObligationKind
from tracker.formatting import count, money, percent
from tracker.models import Company, Deal, DealObligation, DealStep, Project
from tracker.portfolio.expected_studies import expected_study_rows
from tracker.portfolio.facts import company_names, project_facts
from tracker.portfolio.interests import attributable_interests
from tracker.portfolio.positions import held_company_ids
from tracker.portfolio.reporting import Converted, ReportingBook


class UpcomingKind(StrEnum):
    OBLIGATION = "deal obligation"
    STEP = "earn-in step"
    CLOSE = "expected close"
    STUDY = "expected study"


class UpcomingItem(NamedTuple):
    """One due item; ``record_id`` is its obligation, step, deal or expected study by ``kind``."""

    due_date: date | None
    kind: str
    what: str
    amount: str
    deal: str | None
    project: str | None
    company: str | None
    overdue: bool
    days_left: int | None
    deal_id: int | None
    record_id: int
    #: A cash or work obligation's amount and currency (None for shares and other items), and
    #: the amount in the reporting currency (``with_reporting``).
    money_amount: Decimal | None = None
    currency: str | None = None
    reported: Converted | None = None

    @property
    def status(self) -> str:
        """``overdue 12 d``, ``due today``, ``in 30 d`` or ``no date`` (``tracker.due``)."""
        return when_label(self.days_left)


class Scope(NamedTuple):
    """The held companies, the projects they have an interest in, and who holds each."""

    company_ids: frozenset[int]
    project_ids: frozenset[int]
    owners_by_project: dict[int, list[str]]


def portfolio_scope(session: Session) -> Scope:
    """The held companies and the projects they have (or are earning) an interest in."""
    held = frozenset(held_company_ids(session))
    interests = [
        i for i in attributable_interests(session, held) if i.current_pct or i.fully_earned_pct
    ]
    names = company_names(session, held)
    owners: dict[int, list[str]] = defaultdict(list)
    for interest in interests:
        owners[interest.project_id].append(names.get(interest.company_id, ""))
    return Scope(held, frozenset(i.project_id for i in interests), dict(owners))


def upcoming(session: Session, today: date, *, portfolio_only: bool = True) -> list[UpcomingItem]:
    """Everything due, soonest first; ``overdue`` when the date is before ``today``."""
    scope = portfolio_scope(session) if portfolio_only else None
    items = [
        *_obligations(session, today, scope),
        *_steps(session, today, scope),
        *_closes(session, today, scope),
        *_studies(session, today, scope),
    ]
    return sorted(items, key=lambda item: (item.due_date is None, item.due_date or date.max))


def _timing(today: date, due: date | None) -> tuple[bool, int | None]:
    """Whether an item still due is overdue, and its days left: ``tracker.due``'s rule."""
    status = due_status(due, False, today)
    return status.overdue, status.days_left


def _deal_scope(scope: Scope | None) -> list[ColumnElement[bool]]:
    if scope is None:
        return []
    if not scope.company_ids:
        return [false()]
    return [
        or_(
            col(Deal.acquirer_id).in_(list(scope.company_ids)),
            col(Deal.counterparty_id).in_(list(scope.company_ids)),
            col(Deal.project_id).in_(list(scope.project_ids)),
        )
    ]


def amount_text(kind: str, amount: Decimal, currency: str | None) -> str:
    """``CAD 100,000.00``, ``1,500,000 shares`` or ``CAD 750,000.00 of work``."""
    if kind == ObligationKind.SHARES:
        return f"{count(amount)} shares"
    suffix = " of work" if kind == ObligationKind.WORK else ""
    return money(amount, currency) + suffix


def _obligations(session: Session, today: date, scope: Scope | None) -> list[UpcomingItem]:
    acquirer = aliased(Company)
    rows = session.execute(
        select(
            col(DealObligation.id),
            col(DealObligation.due_date),
            col(DealObligation.kind),
            col(DealObligation.amount),
            col(DealObligation.currency),
            col(DealObligation.description),
            col(DealStep.seq),
            col(Deal.id),
            col(Deal.title),
            col(Project.name),
            col(acquirer.name),
        )
        .join(Deal, col(Deal.id) == col(DealObligation.deal_id))
        .outerjoin(DealStep, col(DealStep.id) == col(DealObligation.step_id))
        .outerjoin(Project, col(Project.id) == col(Deal.project_id))
        .outerjoin(acquirer, col(acquirer.id) == col(Deal.acquirer_id))
        .where(
            col(DealObligation.met).is_(False),
            col(Deal.status) != DealStatus.TERMINATED.value,
            *_deal_scope(scope),
        )
    )
    items = []
    for row_id, due, kind, amount, currency, description, seq, deal_id, title, *names in rows:
        project, company = names
        what = description or kind
        if seq is not None:
            what = f"Step {seq}: {what}"
        items.append(
            UpcomingItem(
                due,
                UpcomingKind.OBLIGATION.value,
                what,
                amount_text(kind, amount, currency),
                title,
                project,
                company,
                *_timing(today, due),
                deal_id,
                row_id,
                None if kind == ObligationKind.SHARES else amount,
                None if kind == ObligationKind.SHARES else currency,
            )
        )
    return items


def with_reporting(items: list[UpcomingItem], reporting: ReportingBook) -> list[UpcomingItem]:
    """The items with each cash or work amount also in the reporting currency."""
    return [
        item
        if item.money_amount is None
        else item._replace(reported=reporting.convert(item.money_amount, item.currency))
        for item in items
    ]


def _steps(session: Session, today: date, scope: Scope | None) -> list[UpcomingItem]:
    acquirer = aliased(Company)
    rows = session.execute(
        select(
            col(DealStep.id),
            col(DealStep.due_date),
            col(DealStep.seq),
            col(DealStep.interest_pct),
            col(DealStep.description),
            col(Deal.id),
            col(Deal.title),
            col(Project.name),
            col(acquirer.name),
        )
        .join(Deal, col(Deal.id) == col(DealStep.deal_id))
        .outerjoin(Project, col(Project.id) == col(Deal.project_id))
        .outerjoin(acquirer, col(acquirer.id) == col(Deal.acquirer_id))
        .where(
            col(DealStep.earned).is_(False),
            col(Deal.status) != DealStatus.TERMINATED.value,
            *_deal_scope(scope),
        )
    )
    return [
        UpcomingItem(
            due,
            UpcomingKind.STEP.value,
            f"Step {seq}: {description}" if description else f"Step {seq}",
            f"earns {percent(pct)}",
            title,
            project,
            company,
            *_timing(today, due),
            deal_id,
            row_id,
        )
        for row_id, due, seq, pct, description, deal_id, title, project, company in rows
    ]


def _closes(session: Session, today: date, scope: Scope | None) -> list[UpcomingItem]:
    acquirer = aliased(Company)
    rows = session.execute(
        select(
            col(Deal.expected_close_date),
            col(Deal.status),
            col(Deal.id),
            col(Deal.title),
            col(Project.name),
            col(acquirer.name),
        )
        .outerjoin(Project, col(Project.id) == col(Deal.project_id))
        .outerjoin(acquirer, col(acquirer.id) == col(Deal.acquirer_id))
        .where(
            col(Deal.expected_close_date).is_not(None),
            col(Deal.status).not_in([status.value for status in FINAL_DEAL_STATUSES]),
            *_deal_scope(scope),
        )
    )
    return [
        UpcomingItem(
            due,
            UpcomingKind.CLOSE.value,
            f"Close (now {status})",
            "",
            title,
            project,
            company,
            *_timing(today, due),
            deal_id,
            deal_id,
        )
        for due, status, deal_id, title, project, company in rows
    ]


def _studies(session: Session, today: date, scope: Scope | None) -> list[UpcomingItem]:
    items = []
    for row in expected_study_rows(session):
        if row.delivered or (scope is not None and row.project_id not in scope.project_ids):
            continue
        owners = (
            None if scope is None else ", ".join(sorted(scope.owners_by_project[row.project_id]))
        )
        items.append(
            UpcomingItem(
                row.expected_date,
                UpcomingKind.STUDY.value,
                f"{row.study_type} expected (noted {row.noted_on.isoformat()})",
                "",
                None,
                row.project,
                owners,
                *_timing(today, row.expected_date),
                None,
                row.id,
            )
        )
    return items


def portfolio_project_choices(session: Session) -> list[tuple[str, int]]:
    """The projects held companies have an interest in, as (name, id) by name."""
    scope = portfolio_scope(session)
    facts = project_facts(session, scope.project_ids)
    return sorted(((f.name, f.id) for f in facts.values()), key=lambda c: c[0].lower())
