"""The investor's positions: a holding is a company's shares kept in one currency, and what
it holds is the sum of its transactions (``tracker.services.transactions``)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.errors import FieldProblem, ValidationError
from tracker.models import Company, Holding, HoldingTransaction
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.services.transactions import create_transaction, opening_buy
from tracker.validation import Checker, Currency, Number, Rules

#: A holding's own rules, shared by the forms and the Excel import.
HOLDING_RULES = Rules(Currency("currency", required=True))
#: What a new holding's opening buy is checked with.
OPENING_RULES = Rules(Number("shares", minimum=0, required=True), Number("average_cost", minimum=0))


def check_holding(session: Session, holding: Holding) -> Checker:
    checker = Checker()
    if session.get(Company, holding.company_id) is None:
        checker.fail("company", holding.company_id, "is not a known company")
    HOLDING_RULES.check(checker, holding)
    return checker


def _normalise(holding: Holding) -> None:
    holding.currency = (holding.currency or "").strip().upper()
    holding.notes = clean_text(holding.notes)


class _Opening:
    def __init__(self, shares: Decimal | None, average_cost: Decimal | None) -> None:
        self.shares, self.average_cost = shares, average_cost


def create_holding(
    session: Session,
    holding: Holding,
    shares: Decimal | None = None,
    average_cost: Decimal | None = None,
    opened: date | None = None,
) -> Holding:
    """Add a holding; with ``shares`` it opens with a buy of them at ``average_cost`` on
    ``opened`` (which is then required), in one write."""
    _normalise(holding)
    checker = check_holding(session, holding)
    if shares is not None or average_cost is not None or opened is not None:
        OPENING_RULES.check(checker, _Opening(shares, average_cost))
        if not isinstance(opened, date):
            checker.fail("opened_date", opened, "is required with shares: the day bought")
    checker.raise_if_any()
    session.add(holding)
    session.flush()
    if shares is not None and opened is not None:
        create_transaction(
            session,
            opening_buy(holding.id or 0, holding.currency, shares, average_cost, opened),
        )
    return holding


def transaction_count(session: Session, holding_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(HoldingTransaction)
            .where(col(HoldingTransaction.holding_id) == holding_id)
        ).one()
    )


def update_holding(session: Session, holding_id: int, changes: Holding) -> Holding:
    """Change a holding's company, currency or notes. Its currency stays while it has
    transactions: they are recorded in it."""
    stored = get_or_raise(session, Holding, holding_id)
    _normalise(changes)
    check_holding(session, changes).raise_if_any()
    if changes.currency != stored.currency and transaction_count(session, holding_id):
        reason = (
            f"its transactions are recorded in {stored.currency}: keep {stored.currency}, or "
            f"add a holding kept in {changes.currency}"
        )
        raise ValidationError([FieldProblem("currency", changes.currency, reason)])
    copy_fields(stored, changes, exclude=frozenset({"id"}))
    session.add(stored)
    session.flush()
    return stored


def delete_holding(session: Session, holding_id: int) -> None:
    """Delete a holding with its transactions."""
    session.delete(get_or_raise(session, Holding, holding_id))
    session.flush()


def holdings_of(session: Session, company_id: int) -> list[Holding]:
    return list(
        session.exec(
            select(Holding).where(Holding.company_id == company_id).order_by(col(Holding.id))
        )
    )
