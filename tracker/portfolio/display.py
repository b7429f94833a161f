"""How portfolio figures read in a cell; tables sort on the raw ``Decimal`` behind them."""

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from tracker.units import MILLION

CENT = Decimal("0.01")


def money(value: Decimal | None) -> str:
    """``80,000.00``."""
    if value is None:
        return ""
    return f"{value.quantize(CENT, ROUND_HALF_EVEN):,f}"


def millions(value: Decimal | None) -> str:
    """``500.0 M``: study figures read in millions."""
    if value is None:
        return ""
    return f"{(value / MILLION).quantize(Decimal('0.1'), ROUND_HALF_EVEN):,f} M"


def price(value: Decimal | None) -> str:
    """Two to four decimals: ``0.80``, ``0.0525``, ``1,250.00``."""
    if value is None:
        return ""
    places = min(4, max(2, -min(0, int(value.normalize().as_tuple().exponent))))
    return f"{value:,.{places}f}"


def count(value: Decimal | None) -> str:
    """``100,000`` (fractions kept when there are any)."""
    if value is None:
        return ""
    return f"{value.normalize():,f}"


def percent(value: Decimal | None) -> str:
    """``20 %`` or ``12.35 %``."""
    if value is None:
        return ""
    rounded = value.quantize(CENT, ROUND_HALF_EVEN).normalize()
    return f"{rounded:f} %"


def ratio(value: Decimal | None) -> str:
    """``0.25x``, as P/NAV multiples are written."""
    if value is None:
        return ""
    return f"{value.quantize(CENT, ROUND_HALF_EVEN):f}x"


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()
