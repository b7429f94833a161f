"""How every figure reads, one function per kind, so lists, detail pages, charts, the command
line and the workbook agree.

The rules (money always carries its ISO 4217 code, in front; rounding is half away from zero,
as Excel rounds what it shows):

- ``millions``: a large amount (NPV, capex, consideration) in millions, one decimal:
  ``CAD 2,300.0 M``. Excel: ``millions_format``, on a value already divided by a million.
- ``money``: an amount in full (a payment, a cost basis, a holding's value), two decimals:
  ``CAD 100,000.00``. Excel: ``money_format``.
- ``unit_price``: a price or unit cost (a commodity price, AISC) with its unit, two decimals,
  up to four when the figure has them: ``USD 4.00 / lb``. Excel: ``price_format``.
- ``per_share``: a share price or NPV per share, the same two-to-four decimals: ``CAD 0.0525``.
  Excel: ``price_format``.
- ``percent``: percent points (IRR, discount rate, interest), one decimal: ``20.6 %``,
  ``8.0 %``. Excel: ``PERCENT_FORMAT``, on the fraction (0.206).
- ``count`` (shares): whole, with separators, fractions kept; ``ratio``: ``0.25x``.

Every function shows a missing figure (``None``) as ``""``; a currency of ``None`` or ``""``
leaves the code out (for tables whose Currency column names it).
"""

from decimal import ROUND_HALF_UP, Decimal

from tracker.units import MILLION

MILLIONS_PLACES = 1
MONEY_PLACES = 2
PERCENT_PLACES = 1
#: Prices and per-share amounts show at least two decimals and at most four.
PRICE_PLACES = (2, 4)
RATIO_PLACES = 2

MILLIONS_NUMBER = "#,##0.0"
MONEY_NUMBER = "#,##0.00"
PRICE_NUMBER = "#,##0.00##"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0.######"
RATIO_FORMAT = '0.00"x"'
#: An exchange rate: four decimals at least, as ``tracker.portfolio.fx.rate_text`` shows it.
RATE_FORMAT = "#,##0.0000####"
DATE_FORMAT = "yyyy-mm-dd"


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _with_code(shown: str, currency: str | None) -> str:
    return f"{currency} {shown}" if currency else shown


def millions(value: Decimal | None, currency: str | None = None) -> str:
    """``CAD 2,300.0 M``: a large amount in millions of its currency."""
    if value is None:
        return ""
    return _with_code(f"{_rounded(value / MILLION, MILLIONS_PLACES):,f} M", currency)


def money(value: Decimal | None, currency: str | None = None) -> str:
    """``CAD 100,000.00``: an amount in full."""
    if value is None:
        return ""
    return _with_code(f"{_rounded(value, MONEY_PLACES):,f}", currency)


def _price_places(value: Decimal) -> int:
    fewest, most = PRICE_PLACES
    exponent = value.normalize().as_tuple().exponent
    given = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(most, max(fewest, given))


def per_share(value: Decimal | None, currency: str | None = None) -> str:
    """``CAD 0.0525``, ``USD 12.40``: two decimals, up to four when the figure has them."""
    if value is None:
        return ""
    return _with_code(f"{_rounded(value, _price_places(value)):,f}", currency)


def unit_price(value: Decimal | None, currency: str | None, unit: str | None) -> str:
    """``USD 4.00 / lb``, ``USD 1,050.50 / oz``: a price or unit cost with its unit.

    A unit that names the currency already (``USD/oz``) is not preceded by it again.
    """
    if value is None:
        return ""
    code = None if unit and currency and currency in unit else currency
    shown = per_share(value, code)
    return f"{shown} / {unit}" if unit else shown


def percent(value: Decimal | None) -> str:
    """``20.6 %``: percent points, one decimal."""
    if value is None:
        return ""
    return f"{_rounded(value, PERCENT_PLACES):f} %"


#: How a discount rate that the study's source leaves out is shown beside its NPV.
NOT_STATED = "not stated"


def discount_rate(rate: Decimal | None, has_npv: bool) -> str:
    """``8.0 %``; ``not stated`` for the rate of an NPV that came without one (never a blank
    or 0 %: that NPV is at a rate nobody knows)."""
    if rate is None and has_npv:
        return NOT_STATED
    return percent(rate)


def count(value: Decimal | int | None) -> str:
    """``1,500,000`` (fractions kept when there are any)."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():,f}"


def ratio(value: Decimal | None) -> str:
    """``0.25x``, as P/NAV multiples are written."""
    if value is None:
        return ""
    return f"{_rounded(value, RATIO_PLACES):f}x"


def millions_change(value: Decimal) -> str:
    """``+50.0 M``: a change in a large amount (the currency is the column's)."""
    return f"{_rounded(value / MILLION, MILLIONS_PLACES):+,f} M"


def percent_change(value: Decimal) -> str:
    """``+25.0 %``: a relative change."""
    return f"{_rounded(value, PERCENT_PLACES):+f} %"


def points_change(value: Decimal) -> str:
    """``-1.5 pts``: a change in a rate, in percent points."""
    return f"{_rounded(value, PERCENT_PLACES):+f} pts"


def millions_unit(currency: str | None) -> str:
    """What a chart axis in millions is labelled with: ``CAD M``."""
    return f"{currency} M" if currency else "M"


def _excel_code(currency: str | None) -> str:
    return f'"{currency} "' if currency else ""


def millions_format(currency: str | None = None) -> str:
    """The Excel number format that shows a value in millions as ``millions`` does."""
    return _excel_code(currency) + MILLIONS_NUMBER


def money_format(currency: str | None = None) -> str:
    """The Excel number format that shows an amount as ``money`` does."""
    return _excel_code(currency) + MONEY_NUMBER


def price_format(currency: str | None = None) -> str:
    """The Excel number format that shows a price as ``per_share`` does."""
    return _excel_code(currency) + PRICE_NUMBER
