"""Read cell values the way a person means them: "US$ 1.2 B", "(12)", "25%", "Mo-Cu-W", ...

Each parser takes what the reader gives (str, float, int, bool, date, datetime, time, None) and
returns the stored form or raises ``ValueError`` whose message says what is wrong, in words a
user can act on.
"""

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from tracker.excel.formats import PercentCell
from tracker.numbers import CURRENCY_MARKS as CURRENCY_MARKS  # read by the mapping
from tracker.numbers import read_number
from tracker.units import DECIMAL_PLACES

#: Excel's day 0 in the 1900 system (its phantom 29 Feb 1900 makes serials after it line up).
EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers of plausible dates in a date column: 1 Jan 1900 to 31 Dec 9999.
SERIAL_MIN, SERIAL_MAX = 1, 2958465
#: Doubles keep 15 significant digits; more is noise from float arithmetic.
FLOAT_DIGITS = 15
#: A double's shortest repr of this length or less (sign aside, no exponent) has at most
#: ``FLOAT_DIGITS`` digits beside its point.
_SHORT_REPR = FLOAT_DIGITS + 1
#: Characters from a repr's point to its end when it has at most ``DECIMAL_PLACES`` places.
_SHORT_PLACES = DECIMAL_PLACES + 1

#: Text that is a number and nothing else: "412.5", "-12".
_PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,15})?")
#: A cell left for the one-by-one pass of ``decimal_column``.
_LATER = object()
_ONE = Decimal(1)
_HUNDRED = Decimal(100)


def text_value(value: object) -> str | None:
    """A cell as trimmed text; empty is None. Numbers read as people typed them."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("is not a value")
        return format(_plain(float_decimal(value)), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def float_decimal(value: float) -> Decimal:
    """A double as the decimal a person typed: 15 significant digits, then as few as possible."""
    text = repr(value)
    if len(text) <= _SHORT_REPR + (text[0] == "-") and "e" not in text:
        return Decimal(text)  # the common case: at most 15 digits and a point, as typed
    exact = Decimal(text)
    _sign, digits, exponent = exact.as_tuple()
    if len(digits) <= FLOAT_DIGITS and isinstance(exponent, int) and exponent <= 0:
        return exact  # the common case: already as short as typed
    if len(digits) > FLOAT_DIGITS:
        exact = round(exact, FLOAT_DIGITS - exact.adjusted() - 1)
    return _plain(exact)


def _plain(value: Decimal) -> Decimal:
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if not isinstance(exponent, int) or exponent <= 0:
        return normal
    try:
        return normal.quantize(Decimal(1))
    except InvalidOperation as exc:
        # More whole digits than a Decimal holds (1e308, '1e400'): far beyond what the database
        # keeps, and a problem of this one cell, not of the whole import.
        raise ValueError("is too large to store") from exc


def _fit(value: Decimal) -> Decimal:
    """Round to the places the database keeps (floats carry noise beyond them)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -DECIMAL_PLACES <= exponent <= 0:
        return value  # the common case: nothing to round, no exponent form
    if isinstance(exponent, int) and -exponent > DECIMAL_PLACES:
        value = round(value, DECIMAL_PLACES)
    return _plain(value)


def _float_amount(value: float, factor: Decimal) -> Decimal:
    """``value`` as typed, times ``factor`` (a whole power of ten), within the stored places."""
    text = repr(value)
    point = text.find(".")
    short = len(text) <= _SHORT_REPR + (text[0] == "-") and "e" not in text
    if short and len(text) - point - 1 <= DECIMAL_PLACES:
        # The common case: typed with few places, and a whole factor adds none.
        return Decimal(text) * factor if factor != 1 else Decimal(text)
    amount = float_decimal(value)
    return _fit(amount * factor if factor != 1 else amount)


def decimal_column(
    raws: list[object],
    factor: Decimal,
    read: Callable[[object], object],
    *,
    percent: bool = False,
) -> tuple[list[object], list[tuple[int, object, str]]]:
    """``read`` over a column, with the common cases inline: a double typed with at most six
    places (``_float_amount``'s short path), times a whole ``factor``, and plain text numbers
    ("412.5", "-12", and "18.5%" in a ``percent`` column) as CSV files hold them. Each distinct
    double or text is read once (columns repeat their rates and lives). Empty cells are None;
    (row index, cell, reason) for each cell ``read`` refuses."""
    values: list[object] = [None if r is None or r == "" else _LATER for r in raws]
    failures: list[tuple[int, object, str]] = []
    whole = factor == 1
    read_as: dict[float, object] = {}
    texts: dict[str, object] = {}
    plain = _PLAIN_NUMBER.fullmatch
    for index in [i for i, value in enumerate(values) if value is _LATER]:
        raw = raws[index]
        if raw.__class__ is str:
            known = texts.get(raw)
            if known is not None:
                values[index] = known
                continue
            text = raw.strip()
            sign = percent and text.endswith("%")
            body = text[:-1].rstrip() if sign else text
            if plain(body):
                amount = Decimal(body) if sign or whole else Decimal(body) * factor
                values[index] = texts[raw] = _fit(amount)
                continue
        if raw.__class__ is float:
            known = read_as.get(raw)
            if known is not None:
                values[index] = known
                continue
            text = repr(raw)
            point = text.find(".")
            short = point > 0 and len(text) <= _SHORT_REPR and "e" not in text
            if short and len(text) - point <= _SHORT_PLACES:
                amount = Decimal(text) if whole else Decimal(text) * factor
                values[index] = read_as[raw] = amount
                continue
        try:
            values[index] = read(raw)
        except ValueError as exc:
            values[index] = None
            failures.append((index, raw, str(exc)))
    return values, failures


def number_value(value: object, scale: Decimal = Decimal(1)) -> tuple[Decimal | None, str | None]:
    """A number and the currency it was written with, if any.

    ``scale`` applies to bare numbers ("412" in a "(M)" column); a written scale wins:
    "US$ 1.2 B" is 1,200,000,000 USD, "(12)" is -12, "1,234.5" is 1234.5.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueError("is true/false, not a number")
    if isinstance(value, int):
        return _fit(Decimal(value) * scale), None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return _float_amount(value, scale), None
    if isinstance(value, (date, time, timedelta)):
        raise ValueError("is a date, not a number")
    text = str(value).strip()
    if not text or text in {"-", "\u2013", "n/a", "N/A", "na", "NA", "\u2014", "nil", "tbd", "TBD"}:
        return None, None
    amount, currency, percent = _parse_number_text(text, scale)
    if percent:
        raise ValueError("is a percentage, not an amount")
    return amount, currency


def _parse_number_text(text: str, scale: Decimal) -> tuple[Decimal, str | None, bool]:
    """The amount (within the stored places), currency mark and percent sign of a cell's text
    (``tracker.numbers`` reads it)."""
    written = read_number(text, scale=scale)
    if written is None:
        raise ValueError("is not a number")
    return _fit(written.amount), written.currency, written.percent


def percent_value(value: object, fractions: bool) -> Decimal | None:
    """Percent points: "25%", 25, and 0.25 in a column of fractions all give 25.

    ``fractions`` is decided per column (every number in it between -1 and 1, or the workbook
    is ours, whose percentages are Excel fractions).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("is true/false, not a percentage")
    if isinstance(value, PercentCell):
        return _float_amount(value, _HUNDRED)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return _float_amount(value, _HUNDRED if fractions else _ONE)
    if isinstance(value, int):
        return _fit(Decimal(value) * 100 if fractions else Decimal(value))
    text = str(value).strip()
    if not text or text in {"-", "\u2013", "\u2014", "n/a", "N/A", "NA"}:
        return None
    amount, _currency, percent = _parse_number_text(text, Decimal(1))
    if percent or not fractions:
        return amount
    return _fit(amount * 100)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s-]+(\d{4})$")


def date_value(value: object) -> date | None:
    """A date from a real date, an Excel serial number, or text ("2024-03-05", "5 Mar 2024")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError("is true/false, not a date")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or not SERIAL_MIN <= value <= SERIAL_MAX:
            raise ValueError("is a number, not a date")
        return EXCEL_EPOCH + timedelta(days=int(value))
    if isinstance(value, (time, timedelta)):
        raise ValueError("is a time, not a date")
    text = str(value).strip().lower()
    if not text or text in {"-", "\u2013", "\u2014", "n/a", "na", "tbd"}:
        return None
    try:
        return _text_date(text)
    except ValueError as exc:
        reason = str(exc)
        message = reason if "ambiguous" in reason else "is not a date (write e.g. 2024-03-05)"
        raise ValueError(message) from exc


def _text_date(text: str) -> date:
    if (match := _ISO.match(text)) is not None:
        return date(int(match[1]), int(match[2]), int(match[3]))
    if (match := _NUMERIC.match(text)) is not None:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000 if year < 70 else 1900
        if "." in text:
            return date(year, second, first)  # dotted dates are written day first
        if first > 12 >= second:
            return date(year, second, first)
        if second > 12 >= first:
            return date(year, first, second)
        if first == second:
            return date(year, first, second)
        raise ValueError("is ambiguous (day/month or month/day?); write it as 2024-03-05")
    if (match := _DAY_MONTH.match(text)) is not None and match[2] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if (match := _MONTH_DAY.match(text)) is not None and match[1] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[1]], int(match[2]))
    if (match := _MONTH_YEAR.match(text)) is not None and match[1] in _MONTHS:
        return date(int(match[2]), _MONTHS[match[1]], 1)
    if text.isdigit() and len(text) <= 7:
        return date_value(int(text)) or date.min
    raise ValueError("is not a date")


_TRUE = {"true", "yes", "y", "1", "x", "✓", "✔", "t", "oui", "ja", "si", "sí"}
_FALSE = {"false", "no", "n", "0", "f", "non", "nein"}


def bool_value(value: object) -> bool | None:
    """Yes/no in any of the usual spellings; empty is unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("is not yes or no")


_LIST_SEPARATORS = re.compile(r"\s*(?:[,;/&+|\n]|\band\b)\s*", re.IGNORECASE)


def list_value(value: object, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Split "Gold, Silver", "Mo-Cu-W" or "Au/Ag" into items.

    Hyphens and spaces split a piece only when the piece as a whole is not a ``known`` name
    (lower case), so "Platinum-group metals" stays one item.
    """
    text = text_value(value)
    if text is None:
        return ()
    items: list[str] = []
    for piece in _LIST_SEPARATORS.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if piece.lower() in known or not known:
            items.append(piece)
            continue
        parts = [part for part in re.split(r"\s*[-\u2013]\s*|\s+", piece) if part]
        if all(part.lower() in known for part in parts):
            items.extend(parts)
        else:
            items.append(piece)
    return tuple(items)


def split_tags(value: object) -> tuple[str, ...]:
    """Tags are separated by semicolons (or commas when there is no semicolon)."""
    text = text_value(value)
    if text is None:
        return ()
    separator = ";" if ";" in text else ","
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(separator) if tag.strip()))
