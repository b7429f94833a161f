"""Exchange rates the user enters: how many units of ``quote`` one unit of ``base`` buys."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.errors import ConflictError
from tracker.models import FxRate, Holding
from tracker.portfolio.checks import date_rule, positive_failure, upper_code
from tracker.services.common import clean_text, get_or_raise
from tracker.validation import Checker, Currency, Failure, Rule, Rules, Text


class FxRateRow(NamedTuple):
    id: int
    base: str
    quote: str
    rate_date: date
    rate: Decimal
    source: str | None = None


def _same_failure(quote: str | None, base: str | None) -> Failure | None:
    return (quote, "is the same currency as the base") if base and base == quote else None


def _rate_failure(rate: Decimal | None, quote: str | None, base: str | None) -> Failure | None:
    return positive_failure(rate, unit=f"{quote} per {base}")


#: An exchange rate's rules, shared by the form and the Excel import.
FX_RATE_RULES = Rules(
    Currency("base", required=True),
    Currency("quote", required=True),
    Rule(("quote", "base"), _same_failure),
    date_rule("rate_date"),
    Rule(("rate", "quote", "base"), _rate_failure),
    Text("source", 1000),
)


def check_fx_rate(entry: FxRate) -> Checker:
    checker = Checker()
    FX_RATE_RULES.check(checker, entry)
    return checker


def _normalise(entry: FxRate) -> None:
    entry.base = upper_code(entry.base)
    entry.quote = upper_code(entry.quote)
    entry.source = clean_text(entry.source)


def record_fx_rate(session: Session, entry: FxRate) -> FxRate:
    """Enter a rate for a pair on a day; a second rate for the same pair and day replaces it."""
    _normalise(entry)
    check_fx_rate(entry).raise_if_any()
    stored = session.scalars(
        select(FxRate).where(
            col(FxRate.base) == entry.base,
            col(FxRate.quote) == entry.quote,
            col(FxRate.rate_date) == entry.rate_date,
        )
    ).first()
    target = stored if stored is not None else entry
    target.rate, target.source = entry.rate, entry.source
    session.add(target)
    session.flush()
    return target


def update_fx_rate(session: Session, rate_id: int, changes: FxRate) -> FxRate:
    """Edit a rate; moving it onto a pair and day that already has a rate is refused."""
    stored = get_or_raise(session, FxRate, rate_id)
    _normalise(changes)
    check_fx_rate(changes).raise_if_any()
    clash = session.scalars(
        select(col(FxRate.id)).where(
            col(FxRate.base) == changes.base,
            col(FxRate.quote) == changes.quote,
            col(FxRate.rate_date) == changes.rate_date,
            col(FxRate.id) != rate_id,
        )
    ).first()
    if clash is not None:
        raise ConflictError(
            f"there is already a {changes.base}/{changes.quote} rate on "
            f"{changes.rate_date.isoformat()}"
        )
    stored.base, stored.quote = changes.base, changes.quote
    stored.rate_date, stored.rate = changes.rate_date, changes.rate
    stored.source = changes.source
    session.add(stored)
    session.flush()
    return stored


def delete_fx_rate(session: Session, rate_id: int) -> None:
    session.delete(get_or_raise(session, FxRate, rate_id))
    session.flush()


def fx_rate_rows(session: Session) -> list[FxRateRow]:
    """Every entered rate, newest first."""
    rows = session.execute(
        select(
            col(FxRate.id),
            col(FxRate.base),
            col(FxRate.quote),
            col(FxRate.rate_date),
            col(FxRate.rate),
            col(FxRate.source),
        ).order_by(col(FxRate.rate_date).desc(), col(FxRate.base), col(FxRate.quote))
    )
    return [FxRateRow(*row) for row in rows]


def currencies_in_use(session: Session) -> list[str]:
    """Holding currencies and both sides of every entered rate: what a total can be shown in."""
    found = {code for (code,) in session.execute(select(col(Holding.currency)).distinct())}
    for base, quote in session.execute(select(col(FxRate.base), col(FxRate.quote)).distinct()):
        found.update((base, quote))
    return sorted(found)
