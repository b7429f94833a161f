"""Each company's attributable interest in each project, with what deals earn or will earn.

The rule, chosen so that nothing is counted twice:

- Recorded ownership (``ProjectOwner``) is the baseline.
- Deals that move project interest count: LOI, option/earn-in, joint venture, acquisition and
  merger, with a project and an acquirer. Royalties, streams, placements and offtakes do not.
- A deal's *earned* interest is the sum of its earned steps; without steps, the whole interest
  once the deal is closed, else none. Its *target* is the sum of all its steps (or the whole
  interest). A terminated deal keeps what was earned and targets nothing more.
- The acquirer's recorded interest is taken to include what its deals on that project earned, up
  to the recorded amount: current = max(recorded, earned), if fully earned = max(recorded,
  target). So a stage that is both marked earned and recorded as ownership counts once; a stake
  held before the deal and never recorded as separate from it is under-counted, not doubled.
- Whatever the acquirer gains beyond its recorded interest comes out of the deal's counterparty
  (never below zero), so a project's interests still add up to what was recorded.

Example: an LOI to earn 60 % in three 20 % steps, the first earned and nothing recorded yet:
the acquirer is at 20 % now and 60 % if fully earned; the vendor, recorded at 100 %, is at
80 % now and 40 % if fully earned.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import ColumnElement, or_, select
from sqlmodel import Session, col

from tracker.enums import DealStatus, DealType
from tracker.models import Deal, DealStep, ProjectOwner
from tracker.portfolio.facts import company_names, project_facts

ZERO = Decimal(0)

INTEREST_DEAL_TYPES = frozenset(
    {
        DealType.LOI,
        DealType.OPTION_EARN_IN,
        DealType.JOINT_VENTURE,
        DealType.ACQUISITION,
        DealType.MERGER,
    }
)


class Interest(NamedTuple):
    """A company's interest in a project, in percent points."""

    company_id: int
    project_id: int
    recorded_pct: Decimal
    current_pct: Decimal
    fully_earned_pct: Decimal
    deal_ids: tuple[int, ...]

    @property
    def pending_pct(self) -> Decimal:
        """Still to be earned (negative for a vendor who will give interest up)."""
        return self.fully_earned_pct - self.current_pct


class InterestRow(NamedTuple):
    """An ``Interest`` with the names and facts a table shows."""

    company_id: int
    company: str
    project_id: int
    project: str
    country: str | None
    stage: str | None
    commodity: str | None
    recorded_pct: Decimal
    current_pct: Decimal
    pending_pct: Decimal
    fully_earned_pct: Decimal


@dataclass(frozen=True)
class DealTerms:
    """What one deal earns: ``earned`` so far and ``target`` if every step is completed."""

    id: int
    project_id: int
    acquirer_id: int
    counterparty_id: int | None
    earned: Decimal
    target: Decimal


def terms_of(
    deal_id: int,
    parties: tuple[int, int, int | None],
    status: str,
    interest_pct: Decimal | None,
    steps: Sequence[tuple[Decimal, bool]],
) -> DealTerms:
    """Apply the rule of the module docstring to one deal and its steps."""
    if steps:
        earned = sum((pct for pct, done in steps if done), ZERO)
        target = sum((pct for pct, _ in steps), ZERO)
    else:
        target = interest_pct or ZERO
        earned = target if status == DealStatus.CLOSED else ZERO
    if status == DealStatus.TERMINATED:
        target = earned
    project_id, acquirer_id, counterparty_id = parties
    return DealTerms(deal_id, project_id, acquirer_id, counterparty_id, earned, target)


def _deal_filter(company_ids: Collection[int] | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        col(Deal.deal_type).in_([kind.value for kind in INTEREST_DEAL_TYPES]),
        col(Deal.project_id).is_not(None),
        col(Deal.acquirer_id).is_not(None),
    ]
    if company_ids is not None:
        held = list(company_ids)
        conditions.append(or_(col(Deal.acquirer_id).in_(held), col(Deal.counterparty_id).in_(held)))
    return conditions


def load_deal_terms(session: Session, company_ids: Collection[int] | None) -> list[DealTerms]:
    """The interest-moving deals of (or with) ``company_ids``, in id order."""
    conditions = _deal_filter(company_ids)
    steps: dict[int, list[tuple[Decimal, bool]]] = defaultdict(list)
    for deal_id, pct, earned in session.execute(
        select(col(DealStep.deal_id), col(DealStep.interest_pct), col(DealStep.earned))
        .where(col(DealStep.deal_id).in_(select(col(Deal.id)).where(*conditions)))
        .order_by(col(DealStep.deal_id), col(DealStep.seq))
    ):
        steps[deal_id].append((pct, bool(earned)))
    rows = session.execute(
        select(
            col(Deal.id),
            col(Deal.project_id),
            col(Deal.acquirer_id),
            col(Deal.counterparty_id),
            col(Deal.status),
            col(Deal.interest_pct),
        )
        .where(*conditions)
        .order_by(col(Deal.id))
    )
    return [
        terms_of(deal_id, (project_id, acquirer_id, counterparty_id), status, pct, steps[deal_id])
        for deal_id, project_id, acquirer_id, counterparty_id, status, pct in rows
    ]


def load_recorded(
    session: Session, company_ids: Collection[int] | None
) -> dict[tuple[int, int], Decimal]:
    """Recorded interests keyed by (company, project): the companies' own, and every interest
    in a project one of their deals touches."""
    query = select(
        col(ProjectOwner.company_id), col(ProjectOwner.project_id), col(ProjectOwner.interest_pct)
    )
    if company_ids is not None:
        deal_projects = select(col(Deal.project_id)).where(*_deal_filter(company_ids))
        query = query.where(
            or_(
                col(ProjectOwner.company_id).in_(list(company_ids)),
                col(ProjectOwner.project_id).in_(deal_projects),
            )
        )
    return {(company, project): pct for company, project, pct in session.execute(query)}


def combine(
    recorded: dict[tuple[int, int], Decimal], deals: Sequence[DealTerms]
) -> dict[tuple[int, int], Interest]:
    """Recorded interests adjusted by the deals, by the rule of the module docstring."""
    current = dict(recorded)
    full = dict(recorded)
    deal_ids: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_acquirer: dict[tuple[int, int], list[DealTerms]] = defaultdict(list)
    for deal in deals:
        by_acquirer[deal.acquirer_id, deal.project_id].append(deal)
    for key, group in by_acquirer.items():
        left_current = left_full = recorded.get(key, ZERO)
        for deal in group:
            covered = min(left_current, deal.earned)
            left_current -= covered
            gain_now = deal.earned - covered
            covered = min(left_full, deal.target)
            left_full -= covered
            gain_full = deal.target - covered
            _move(current, key, deal, gain_now)
            _move(full, key, deal, gain_full)
            deal_ids[key].append(deal.id)
            if deal.counterparty_id is not None:
                deal_ids[deal.counterparty_id, deal.project_id].append(deal.id)
    keys = set(current) | set(full)
    return {
        key: Interest(
            key[0],
            key[1],
            recorded.get(key, ZERO),
            max(current.get(key, ZERO), ZERO),
            max(full.get(key, ZERO), ZERO),
            tuple(deal_ids[key]),
        )
        for key in keys
    }


def _move(
    book: dict[tuple[int, int], Decimal], acquirer: tuple[int, int], deal: DealTerms, pct: Decimal
) -> None:
    if not pct:
        return
    book[acquirer] = book.get(acquirer, ZERO) + pct
    if deal.counterparty_id is not None:
        vendor = (deal.counterparty_id, deal.project_id)
        if vendor in book:
            book[vendor] -= pct


def attributable_interests(
    session: Session, company_ids: Collection[int] | None = None
) -> list[Interest]:
    """Interests of ``company_ids`` (every company when None) with anything to show, sorted."""
    deals = load_deal_terms(session, company_ids)
    combined = combine(load_recorded(session, company_ids), deals)
    wanted = None if company_ids is None else set(company_ids)
    return sorted(
        (
            interest
            for interest in combined.values()
            if (wanted is None or interest.company_id in wanted)
            and (interest.recorded_pct or interest.current_pct or interest.fully_earned_pct)
        ),
        key=lambda interest: (interest.company_id, interest.project_id),
    )


def interest_rows(
    session: Session, company_ids: Collection[int] | None = None
) -> list[InterestRow]:
    """``attributable_interests`` with company and project names, by company then project."""
    interests = attributable_interests(session, company_ids)
    names = company_names(session, {row.company_id for row in interests})
    facts = project_facts(session, {row.project_id for row in interests})
    rows = [
        InterestRow(
            row.company_id,
            names.get(row.company_id, ""),
            row.project_id,
            facts[row.project_id].name,
            facts[row.project_id].country,
            facts[row.project_id].stage,
            facts[row.project_id].primary_commodity,
            row.recorded_pct,
            row.current_pct,
            row.pending_pct,
            row.fully_earned_pct,
        )
        for row in interests
        if row.project_id in facts
    ]
    return sorted(rows, key=lambda row: (row.company.lower(), row.project.lower()))
