"""Deals: dated status history, earn-in steps and obligations."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from tracker.enums import FINAL_DEAL_STATUSES, DealStatus, DealType, ObligationKind
from tracker.models import Company, Deal, DealObligation, DealStatusChange, DealStep, Project
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import (
    PERCENT_MAX,
    PERCENT_MIN,
    Checker,
    Choice,
    Currency,
    Failure,
    IsDate,
    NotBefore,
    Number,
    RequiredWith,
    Rule,
    Rules,
    Text,
    currency_failure,
)


@dataclass(frozen=True)
class ObligationSpec:
    """Cash, shares or work owed; ``currency`` is None for shares."""

    kind: str
    amount: Decimal
    currency: str | None = None
    due_date: date | None = None
    met: bool = False
    description: str | None = None


@dataclass(frozen=True)
class StepSpec:
    """One earn-in stage: the interest earned once its obligations are met."""

    interest_pct: Decimal
    due_date: date | None = None
    description: str | None = None
    earned: bool = False
    obligations: Sequence[ObligationSpec] = field(default_factory=tuple)


def _closed_failure(closed: date | None, status: str | None) -> Failure | None:
    if closed is not None and status not in FINAL_DEAL_STATUSES:
        return closed, "is only set once a deal is closed or terminated"
    return None


def _same_failure(counterparty: int | None, acquirer: int | None) -> Failure | None:
    if acquirer is not None and acquirer == counterparty:
        return counterparty, "is the same company as the acquirer"
    return None


#: A deal's own rules, shared by the forms and the Excel import; the check that its project
#: and companies exist is ``check_deal``'s.
DEAL_RULES = Rules(
    Text("title", 300, required=True),
    Choice("deal_type", DealType, required=True),
    Choice("status", DealStatus, required=True),
    Number("interest_pct", minimum=PERCENT_MIN, maximum=PERCENT_MAX, unit="%"),
    Number("consideration", minimum=0),
    Currency("consideration_currency", label="consideration currency"),
    RequiredWith("consideration_currency", ("consideration",), "is required with a consideration"),
    NotBefore("expected_close_date", "announced_date", "announcement"),
    NotBefore("closed_date", "announced_date", "announcement"),
    Rule(("closed_date", "status"), _closed_failure),
    Text("source", 1000),
)
#: Acquirer and counterparty must differ (ids here; the import compares its own references).
COUNTERPARTY_RULES = Rules(
    Rule(("counterparty_id", "acquirer_id"), _same_failure, label="counterparty")
)


def check_deal(session: Session, deal: Deal) -> Checker:
    checker = Checker()
    DEAL_RULES.check(checker, deal)
    if deal.project_id is not None and session.get(Project, deal.project_id) is None:
        checker.fail("project", deal.project_id, "is not a known project")
    for role in ("acquirer_id", "counterparty_id"):
        company_id = getattr(deal, role)
        if company_id is not None and session.get(Company, company_id) is None:
            checker.fail(role.removesuffix("_id"), company_id, "is not a known company")
    COUNTERPARTY_RULES.check(checker, deal)
    return checker


def _obligation_currency(currency: str | None, kind: str | None) -> Failure | None:
    if kind == ObligationKind.SHARES.value:
        return (currency, "shares carry no currency") if currency else None
    return currency_failure(_currency_code(currency), required=True)


#: An obligation's rules; the field names are those of ``ObligationSpec``.
OBLIGATION_RULES = Rules(
    Choice("kind", ObligationKind, required=True),
    Number("amount", minimum=0, required=True),
    Rule(("currency", "kind"), _obligation_currency),
)


def check_obligation(checker: Checker, label: str, spec: ObligationSpec) -> None:
    labelled = Checker(prefix=f"{label} ")
    OBLIGATION_RULES.check(labelled, spec)
    checker.absorb(labelled.problems)


def _currency_code(currency: str | None) -> str | None:
    """A currency as stored: trimmed and upper case (``usd`` is USD); empty is none."""
    return (currency.strip().upper() or None) if currency else None


#: One earn-in step; the field names are those of ``StepSpec`` and ``DealStep``.
STEP_RULES = Rules(
    Number(
        "interest_pct",
        minimum=PERCENT_MIN,
        maximum=PERCENT_MAX,
        unit="%",
        required=True,
        label="interest",
    ),
    Text("description", 1000),
)


def steps_total_failures(
    interests: Sequence[Decimal | None], deal_interest: Decimal | None
) -> list[tuple[str, Failure]]:
    """What is wrong with a deal's steps together: more than 100 %, or not the deal's interest
    (``deal_interest`` None: not checked)."""
    total = sum((i for i in interests if isinstance(i, Decimal)), Decimal(0))
    found: list[tuple[str, Failure]] = []
    if interests and total > PERCENT_MAX:
        found.append(("steps", (f"{total} %", "earn more than 100 % in total")))
    if interests and deal_interest is not None and total != deal_interest:
        reason = f"differs from the {total} % the steps earn"
        found.append(("interest_pct", (deal_interest, reason)))
    return found


def check_steps(checker: Checker, steps: Sequence[StepSpec], deal: Deal) -> None:
    for number, step in enumerate(steps, start=1):
        labelled = Checker(prefix=f"step {number} ")
        STEP_RULES.check(labelled, step)
        checker.absorb(labelled.problems)
        for index, obligation in enumerate(step.obligations, start=1):
            check_obligation(checker, f"step {number} obligation {index}", obligation)
    interests = [step.interest_pct for step in steps]
    for name, failure in steps_total_failures(interests, deal.interest_pct):
        checker.add(name, failure)


#: One dated status of a deal's history.
STATUS_RULES = Rules(
    Choice("status", DealStatus, required=True),
    IsDate("changed_on", label="status date"),
    Text("note", 1000),
)


def _normalise(deal: Deal) -> None:
    deal.title = (clean_text(deal.title) or "").strip()
    deal.source = clean_text(deal.source)
    deal.notes = clean_text(deal.notes)
    deal.consideration_currency = _currency_code(deal.consideration_currency)


def create_deal(
    session: Session,
    deal: Deal,
    *,
    status_date: date | None = None,
    steps: Sequence[StepSpec] = (),
    obligations: Sequence[ObligationSpec] = (),
) -> Deal:
    """Log a deal; its first status is dated ``status_date`` (default: the announcement)."""
    _normalise(deal)
    checker = check_deal(session, deal)
    check_steps(checker, steps, deal)
    for index, obligation in enumerate(obligations, start=1):
        check_obligation(checker, f"obligation {index}", obligation)
    first_date = status_date or deal.announced_date
    if first_date is None:
        checker.fail("announced_date", None, "is required to date the deal's first status")
    checker.raise_if_any()
    assert first_date is not None
    session.add(deal)
    session.flush()
    assert deal.id is not None
    session.add(DealStatusChange(deal_id=deal.id, status=deal.status, changed_on=first_date))
    _replace_terms(session, deal.id, steps, obligations)
    return deal


def update_deal(session: Session, deal_id: int, changes: Deal) -> Deal:
    """Edit a deal's fields. Its status moves only through ``change_status``."""
    stored = get_or_raise(session, Deal, deal_id)
    _normalise(changes)
    changes.status = stored.status
    checker = check_deal(session, changes)
    checker.raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id", "status"}))
    session.add(stored)
    session.flush()
    return stored


def replace_terms(
    session: Session,
    deal_id: int,
    steps: Sequence[StepSpec],
    obligations: Sequence[ObligationSpec],
) -> None:
    """Replace a deal's earn-in steps and obligations."""
    deal = get_or_raise(session, Deal, deal_id)
    checker = Checker()
    check_steps(checker, steps, deal)
    for index, obligation in enumerate(obligations, start=1):
        check_obligation(checker, f"obligation {index}", obligation)
    checker.raise_if_any()
    _replace_terms(session, deal_id, steps, obligations)


def _replace_terms(
    session: Session,
    deal_id: int,
    steps: Sequence[StepSpec],
    obligations: Sequence[ObligationSpec],
) -> None:
    session.exec(delete(DealObligation).where(col(DealObligation.deal_id) == deal_id))
    session.exec(delete(DealStep).where(col(DealStep.deal_id) == deal_id))
    session.flush()
    for seq, step in enumerate(steps, start=1):
        row = DealStep(
            deal_id=deal_id,
            seq=seq,
            interest_pct=step.interest_pct,
            due_date=step.due_date,
            description=clean_text(step.description),
            earned=step.earned,
        )
        session.add(row)
        session.flush()
        for obligation in step.obligations:
            session.add(_obligation_row(deal_id, row.id, obligation))
    for obligation in obligations:
        session.add(_obligation_row(deal_id, None, obligation))
    session.flush()


def _obligation_row(deal_id: int, step_id: int | None, spec: ObligationSpec) -> DealObligation:
    return DealObligation(
        deal_id=deal_id,
        step_id=step_id,
        kind=spec.kind,
        amount=spec.amount,
        currency=_currency_code(spec.currency),
        due_date=spec.due_date,
        met=spec.met,
        description=clean_text(spec.description),
    )


def change_status(
    session: Session, deal_id: int, status: str, on: date, note: str | None = None
) -> Deal:
    """Move a deal to a new status on a date; closing or terminating sets its closed date."""
    deal = get_or_raise(session, Deal, deal_id)
    row = DealStatusChange(deal_id=deal_id, status=status, changed_on=on, note=clean_text(note))
    checker = Checker()
    STATUS_RULES.check(checker, row)
    if deal.status in FINAL_DEAL_STATUSES:
        checker.fail("status", status, f"the deal is already {deal.status}")
    last = session.exec(
        select(col(DealStatusChange.changed_on))
        .where(DealStatusChange.deal_id == deal_id)
        .order_by(col(DealStatusChange.changed_on).desc())
    ).first()
    checker.not_before("status date", on, "previous status change", last)
    checker.not_before("status date", on, "announcement", deal.announced_date)
    checker.raise_if_any()
    session.add(row)
    deal.status = status
    if status in FINAL_DEAL_STATUSES:
        deal.closed_date = on
    session.add(deal)
    session.flush()
    return deal


def status_history(session: Session, deal_id: int) -> list[DealStatusChange]:
    return list(
        session.exec(
            select(DealStatusChange)
            .where(DealStatusChange.deal_id == deal_id)
            .order_by(col(DealStatusChange.changed_on), col(DealStatusChange.id))
        )
    )


def steps_of(session: Session, deal_id: int) -> list[DealStep]:
    return list(
        session.exec(
            select(DealStep).where(DealStep.deal_id == deal_id).order_by(col(DealStep.seq))
        )
    )


def obligations_of(session: Session, deal_id: int) -> list[DealObligation]:
    """A deal's obligations, in due-date order (undated last)."""
    rows = session.exec(select(DealObligation).where(DealObligation.deal_id == deal_id))
    return sorted(
        rows, key=lambda row: (row.due_date is None, row.due_date or date.min, row.id or 0)
    )


def set_obligation_met(session: Session, obligation_id: int, met: bool) -> DealObligation:
    row = get_or_raise(session, DealObligation, obligation_id)
    row.met = met
    session.add(row)
    session.flush()
    return row


def delete_deal(session: Session, deal_id: int) -> None:
    """Delete a deal with its history, steps and obligations."""
    session.delete(get_or_raise(session, Deal, deal_id))
    session.flush()
