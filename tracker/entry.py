"""Read what a person types into a form: amounts with M or B, percents, dates, lists.

Each reader returns the value or raises ``ValueError`` with a reason worth showing at the field
("is not a number"); forms show it where the value was typed, before any service is called.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

#: Suffixes a money amount may carry: ``412.5 M`` is 412,500,000.
SCALES = {
    "k": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mm": Decimal(1_000_000),
    "b": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
}
_NUMBER = re.compile(r"^([-+]?[\d.,\s_']*\d[\d.,\s_']*)\s*([a-zA-Z]*)$")


def parse_decimal(text: str, *, scaled: bool = False) -> Decimal | None:
    """A number as typed (``1,234.5``, ``1 234``); with ``scaled``, ``412.5 M`` or ``2bn`` too.

    Empty text is ``None`` (the field left blank).
    """
    cleaned = text.strip().replace("\u202f", " ").replace("\xa0", " ")
    if not cleaned:
        return None
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ValueError("is not a number")
    digits, suffix = match.groups()
    factor = Decimal(1)
    if suffix:
        if not scaled or suffix.lower() not in SCALES:
            raise ValueError("is not a number" if not scaled else "use k, M or B after the number")
        factor = SCALES[suffix.lower()]
    plain = re.sub(r"[,\s_']", "", digits)
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise ValueError("is not a number") from None
    if not value.is_finite():
        raise ValueError("is not a number")
    return value * factor


def parse_percent(text: str) -> Decimal | None:
    """Percent points: ``8``, ``8 %`` and ``8%`` are all 8."""
    return parse_decimal(text.strip().removesuffix("%").strip())


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
