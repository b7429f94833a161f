"""Money-weighted and time-weighted returns of dated cash flows and values (no database).

Both follow the definitions Portfolio Performance documents:

- **Money-weighted return** (IRR, annualised): the rate ``r`` at which the dated flows, with the
  value at the start as money put in and the value at the end as money taken out, discount to
  zero: ``sum(cf_i / (1 + r) ** (days_i / 365)) = 0`` (XIRR). It is solved by bracketing a sign
  change and bisecting, so it converges whenever a root exists and says None when none does
  (every flow the same sign).
- **True time-weighted return** (cumulative): the product of each day's
  ``(MVE + CFout) / (MVB + CFin)``, where MVB is the value at the end of the day before, MVE at
  the end of the day, CFin the money put in that day and CFout the money taken out. Between
  days with flows the product telescopes to the ratio of the two values, so only the days with
  flows and the days before them are needed.
"""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from math import isfinite

ONE = Decimal(1)
HUNDRED = Decimal(100)
ZERO = Decimal(0)
DAY = timedelta(days=1)
#: Rates tried, as a multiple of money, to find where the discounted sum changes sign.
_BRACKETS = (
    -0.999999,
    -0.99,
    -0.9,
    -0.5,
    -0.2,
    0.0,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    100.0,
    1e4,
    1e6,
    1e9,
    1e12,
)
_PLACES = Decimal("0.0001")


def xirr(flows: Sequence[tuple[date, Decimal]]) -> Decimal | None:
    """The annual rate (as a percentage, to 4 places) at which ``flows`` (money in negative,
    money out positive) are worth zero; None when they have no such rate."""
    rate = irr(flows)
    return None if rate is None else as_percent(rate)


def as_percent(rate: float) -> Decimal:
    """A rate (0.1 for 10 %) as percent points to 4 places (never a negative zero)."""
    shown = (Decimal(repr(rate)) * HUNDRED).quantize(_PLACES)
    return shown if shown else abs(shown)


def irr(flows: Sequence[tuple[date, Decimal]]) -> float | None:
    """``xirr``'s rate as a plain fraction, unrounded.

    Newton's method from 10 % first (a few steps on ordinary books); when it leaves the
    rates that mean anything or does not settle, a sign change is bracketed and bisected.
    """
    given = [(day, float(amount)) for day, amount in flows if amount]
    if len(given) < 2 or all(a > 0 for _d, a in given) or all(a < 0 for _d, a in given):
        return None
    first = min(day for day, _amount in given)
    years = [((day - first).days / 365.0, amount) for day, amount in given]

    def worth(rate: float) -> float:
        try:
            return float(sum(amount / (1.0 + rate) ** t for t, amount in years))
        except (OverflowError, ZeroDivisionError):
            return float("nan")

    rate = 0.1
    for _step in range(50):
        try:
            value = float(sum(amount * (1.0 + rate) ** -t for t, amount in years))
            slope = float(sum(-t * amount * (1.0 + rate) ** (-t - 1.0) for t, amount in years))
        except (OverflowError, ZeroDivisionError):
            break
        if not slope or not isfinite(value) or not isfinite(slope):
            break
        step = value / slope
        rate -= step
        if rate <= -1.0 or not isfinite(rate):
            break
        if abs(step) < 1e-12 * max(1.0, abs(rate)):
            return rate
    return _bisected(worth)


def _bisected(worth: Callable[[float], float]) -> float | None:
    """The rate where ``worth`` changes sign, between the first bracket that shows one."""
    low = high = None
    previous_rate, previous_value = _BRACKETS[0], worth(_BRACKETS[0])
    for rate in _BRACKETS[1:]:
        value = worth(rate)
        if isfinite(previous_value) and isfinite(value) and (previous_value > 0) != (value > 0):
            low, high = previous_rate, rate
            break
        previous_rate, previous_value = rate, value
    if low is None or high is None:
        return None
    low_value = worth(low)
    for _step in range(200):
        middle = (low + high) / 2.0
        value = worth(middle)
        if value == 0.0 or high - low < 1e-12 * max(1.0, abs(middle)):
            break
        if (value > 0) == (low_value > 0):
            low, low_value = middle, value
        else:
            high = middle
    return (low + high) / 2.0


Valuer = Callable[[date], Decimal]


def true_time_weighted(
    start: date, end: date, flows: dict[date, tuple[Decimal, Decimal]], value: Valuer
) -> Decimal | None:
    """The cumulative time-weighted return (a percentage, to 4 places) from the close of
    ``start`` to the close of ``end``. ``flows`` gives each day's (CFin, CFout) within
    (start, end]; ``value(day)`` the value at a day's close. None when nothing was held."""
    growth = ONE
    held = False
    before = start
    for day in sorted(d for d in flows if start < d <= end):
        cash_in, cash_out = flows[day]
        opening = value(before)
        eve = value(day - DAY) if day - DAY > before else opening
        if opening:
            growth *= eve / opening
            held = True
        base = eve + cash_in
        if base:
            growth *= (value(day) + cash_out) / base
            held = True
        before = day
    opening = value(before)
    if before < end and opening:
        growth *= value(end) / opening
        held = True
    if not held:
        return None
    return ((growth - ONE) * HUNDRED).quantize(_PLACES)


def annualised(cumulative_pct: Decimal | None, days: int) -> Decimal | None:
    """A cumulative return over ``days`` as a yearly rate; None for periods under a year (a
    short period's rate compounded to a year says little)."""
    if cumulative_pct is None or days < 365:
        return None
    growth = float(ONE + cumulative_pct / HUNDRED)
    if growth <= 0:
        return None
    rate = growth ** (365.0 / days) - 1.0
    return (Decimal(repr(rate)) * HUNDRED).quantize(_PLACES)


def compounded(rate: float | None, days: int) -> Decimal | None:
    """A yearly rate (a fraction) over ``days``: the cumulative return, in percent points."""
    if rate is None or rate <= -1.0:
        return None
    return as_percent((1.0 + rate) ** (days / 365.0) - 1.0)
