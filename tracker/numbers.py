"""Read a number as people write it: "1,234.5", "1.234,5", "(12.0)", "US$ 1.2 B", "25 %".

One reader for what is typed into a form, read from a CSV file or found in a spreadsheet cell.
It says what was written (the amount, a currency mark, a percent sign, a scale word) and each
caller decides what it accepts: a form field takes no currency mark, a money field a scale.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: Scale words after a number: "412.5 M" is 412,500,000.
SCALES = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "000": Decimal(1000),
    "000s": Decimal(1000),
    "m": Decimal(10) ** 6,
    "mm": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
}
#: Currency marks as investors write them, to ISO codes.
CURRENCY_MARKS = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "r": "ZAR",
    "zar": "ZAR",
    "chf": "CHF",
    "¥": "JPY",
}
#: Marks read before or after the number ("R" alone is too often something else).
_MARKS = "|".join(
    re.escape(mark) for mark in sorted(CURRENCY_MARKS, key=len, reverse=True) if mark != "r"
)
_SIGN = r"[-+\u2212\u2013]"
_NUMBER = re.compile(
    rf"^(?P<sign1>{_SIGN})?\s*(?P<open>\()?\s*(?P<sign2>{_SIGN})?\s*"
    rf"(?P<cur1>{_MARKS})?\s*(?P<sign3>{_SIGN})?\s*"
    r"(?P<digits>[.,]?\d[\d.,' \u202f]*)(?:[eE](?P<exp>[-+]?\d+))?\s*"
    r"(?P<scale>k|thousand|000s|000|mm|mn|mln|m|millions?|bn|b|billions?)?\s*"
    rf"(?P<cur2>{_MARKS})?\s*(?P<pct>%)?\s*(?P<close>\))?$",
    re.IGNORECASE,
)
#: The whole part: plain digits, or digits grouped by threes ("1,234,567", "1 234", "1'234").
_GROUPED = {
    ".": re.compile(r"\d*|\d{1,3}(?:[, \u202f']\d{3})+"),
    ",": re.compile(r"\d*|\d{1,3}(?:[. \u202f']\d{3})+"),
}


@dataclass(frozen=True)
class WrittenNumber:
    """A number as it was written: its value and the marks around it."""

    amount: Decimal
    """With its sign, and times its scale word (or the caller's scale when none was written)."""
    currency: str | None = None
    """The ISO code of a currency mark written with it ("US$", "C$", "€")."""
    percent: bool = False
    scaled: bool = False
    """A scale word was written ("M", "bn", "thousand")."""


def read_number(
    text: str, *, scale: Decimal = Decimal(1), decimal_comma: bool = False
) -> WrittenNumber | None:
    """What ``text`` says; empty text is None; ``ValueError`` (with the reason) if no number.

    ``scale`` multiplies a number written without a scale word ("412" in a "(M)" column).
    With ``decimal_comma`` the comma is the decimal mark and points group thousands
    ("1.234,5"); otherwise the point is ("1,234.5"). Digits are grouped by threes or not at
    all, so "1,2,3" is refused rather than read as 123.
    """
    cleaned = text.replace("\xa0", " ").strip()
    if not cleaned:
        return None
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ValueError("is not a number")
    parts = match.groupdict()
    if bool(parts["open"]) != bool(parts["close"]):
        raise ValueError("is not a number (unbalanced brackets)")
    signs = [parts[name] for name in ("sign1", "sign2", "sign3") if parts[name]]
    marks = {CURRENCY_MARKS[part.lower()] for part in (parts["cur1"], parts["cur2"]) if part}
    if len(signs) > 1 or len(marks) > 1:
        raise ValueError("is not a number")
    amount = _digits(parts["digits"].rstrip(" \u202f"), "," if decimal_comma else ".")
    if parts["exp"]:
        try:
            amount = amount.scaleb(int(parts["exp"]))
        except ArithmeticError:  # beyond what a Decimal holds ("1e999999999")
            raise ValueError("is too large to store") from None
    written = (parts["scale"] or "").lower()
    amount *= SCALES[written] if written else scale
    if parts["open"] or (signs and signs[0] != "+"):
        amount = -amount
    currency = marks.pop() if marks else None
    return WrittenNumber(amount, currency, bool(parts["pct"]), bool(written))


def _digits(digits: str, point: str) -> Decimal:
    """The digits' value, with ``point`` as the decimal mark and the other as grouping."""
    whole, _, fraction = digits.partition(point)
    if not _GROUPED[point].fullmatch(whole) or (not fraction.isdigit() and fraction != ""):
        raise ValueError("is not a number")
    if not whole and not fraction:
        raise ValueError("is not a number")
    plain = re.sub(r"\D", "", whole) + "." + fraction
    try:
        return Decimal(plain)
    except InvalidOperation:
        raise ValueError("is not a number") from None
