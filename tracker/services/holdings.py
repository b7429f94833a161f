"""The investor's positions."""

from sqlmodel import Session, col, select

from tracker.models import Company, Holding
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import Checker, Currency, Number, Rules

#: A holding's own rules, shared by the forms and the Excel import.
HOLDING_RULES = Rules(
    Number("shares", minimum=0, required=True),
    Number("average_cost", minimum=0),
    Currency("currency", required=True),
)


def check_holding(session: Session, holding: Holding) -> Checker:
    checker = Checker()
    if session.get(Company, holding.company_id) is None:
        checker.fail("company", holding.company_id, "is not a known company")
    HOLDING_RULES.check(checker, holding)
    return checker


def _normalise(holding: Holding) -> None:
    holding.currency = (holding.currency or "").strip().upper()
    holding.notes = clean_text(holding.notes)


def create_holding(session: Session, holding: Holding) -> Holding:
    _normalise(holding)
    check_holding(session, holding).raise_if_any()
    session.add(holding)
    session.flush()
    return holding


def update_holding(session: Session, holding_id: int, changes: Holding) -> Holding:
    stored = get_or_raise(session, Holding, holding_id)
    _normalise(changes)
    check_holding(session, changes).raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id"}))
    session.add(stored)
    session.flush()
    return stored


def delete_holding(session: Session, holding_id: int) -> None:
    session.delete(get_or_raise(session, Holding, holding_id))
    session.flush()


def holdings_of(session: Session, company_id: int) -> list[Holding]:
    return list(
        session.exec(
            select(Holding).where(Holding.company_id == company_id).order_by(col(Holding.id))
        )
    )
