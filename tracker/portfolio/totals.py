"""The portfolio's total: every position's value, cost and gain added up in one currency.

The headline an investor looks for first. Positions are valued in their own currency
(``positions``); here they are converted with the rates entered up to the day, and a position
that has no price, or no rate to convert it, is named in ``left_out`` rather than guessed.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from tracker.portfolio.fx import FxBook
from tracker.portfolio.positions import PositionRow

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class PortfolioTotal(NamedTuple):
    currency: str
    value: Decimal
    cost: Decimal
    """The cost of the positions counted in ``value`` (those with a price and a cost)."""
    gain: Decimal
    gain_pct: Decimal | None
    counted: int
    left_out: list[str]


def portfolio_total(
    positions: Sequence[PositionRow], currency: str, book: FxBook
) -> PortfolioTotal:
    """Value, cost and gain of the positions, in ``currency``."""
    value = cost = gain = ZERO
    counted = 0
    left_out: list[str] = []
    for position in positions:
        if position.value is None:
            left_out.append(f"{position.company}: {position.note or 'no value'}")
            continue
        converted, reason = book.try_convert(position.value, position.currency, currency)
        if converted is None:
            left_out.append(f"{position.company}: {reason}")
            continue
        counted += 1
        value += converted
        if position.cost is not None:
            paid, _reason = book.try_convert(position.cost, position.currency, currency)
            if paid is not None:
                cost += paid
                gain += converted - paid
    gain_pct = gain / cost * HUNDRED if cost else None
    return PortfolioTotal(currency, value, cost, gain, gain_pct, counted, left_out)
