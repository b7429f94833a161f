"""Read what a person types into a form: amounts with M or B, percents, dates, lists.

Each reader returns the value or raises ``ValueError`` with a reason worth showing at the field
("is not a number"); forms show it where the value was typed, before any service is called.
"""

import re
from datetime import date
from decimal import Decimal

from tracker.numbers import WrittenNumber, read_number

#: A number with a word after it, as a money field is typed with a scale ("12 apples").
_WORD_AFTER = re.compile(r"^[-+(]?[\d.,\s']*\d[\d.,\s']*\s*[a-zA-Z]+\)?$")


def parse_decimal(
    text: str, *, scaled: bool = False, decimal_comma: bool = False
) -> Decimal | None:
    """A number as typed (``1,234.5``, ``1 234``, ``(12)``); with ``scaled``, ``412.5 M`` or
    ``2bn`` too; with ``decimal_comma`` (a CSV file written so), ``1.234,5``.

    Empty text is ``None`` (the field left blank). ``tracker.numbers`` does the reading.
    """
    written = _read(text, scaled=scaled, decimal_comma=decimal_comma)
    return None if written is None else written.amount


def parse_percent(text: str) -> Decimal | None:
    """Percent points: ``8``, ``8 %`` and ``8%`` are all 8."""
    written = _read(text, percent=True)
    return None if written is None else written.amount


def _read(
    text: str, *, scaled: bool = False, decimal_comma: bool = False, percent: bool = False
) -> WrittenNumber | None:
    """The number typed, refused (with the reason) when it carries what the field takes not:
    a currency mark (the currency has its own field), a scale, a percent sign."""
    try:
        written = read_number(text, decimal_comma=decimal_comma)
    except ValueError:
        if scaled and _WORD_AFTER.match(text.strip()):
            raise ValueError("use k, M or B after the number") from None
        raise
    if written is None:
        return None
    if (
        written.currency is not None
        or (written.scaled and not scaled)
        or (written.percent and not percent)
    ):
        raise ValueError("is not a number")
    return written


def parse_date(text: str) -> date | None:
    """An ISO date (``2024-05-01``; ``2024/05/01`` and ``20240501`` too); empty is ``None``."""
    cleaned = text.strip()
    if not cleaned:
        return None
    normal = cleaned.replace("/", "-").replace(".", "-")
    if re.fullmatch(r"\d{8}", normal):
        normal = f"{normal[:4]}-{normal[4:6]}-{normal[6:]}"
    try:
        return date.fromisoformat(normal)
    except ValueError:
        raise ValueError("is not a date; type it as YYYY-MM-DD") from None


def parse_list(text: str) -> list[str]:
    """Comma- or semicolon-separated items, trimmed, empty ones dropped, order kept."""
    items = (item.strip() for item in re.split(r"[,;]", text))
    return list(dict.fromkeys(item for item in items if item))


def decimal_text(value: Decimal | None) -> str:
    """How a stored number is shown in a field for editing: exact, grouped, no exponent."""
    if value is None:
        return ""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        normal = normal.quantize(Decimal(1))
    return f"{normal:,f}"


def date_text(value: date | None) -> str:
    return "" if value is None else value.isoformat()
