"""Numbers, amounts of money and percentages as releases write them, read exactly as Decimal.

A bare "$" takes the currency of a statement such as "all amounts are in C$ unless otherwise
stated"; without one it has no currency (``None``), never a guessed one.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

_CURRENCY_SIGNS = {
    "US$": "USD",
    "USD": "USD",
    "U.S.$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CDN$": "CAD",
    "CAD": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "£": "GBP",
    "GBP": "GBP",
    "€": "EUR",
    "EUR": "EUR",
    "R": "ZAR",
    "ZAR": "ZAR",
    "$": "",
}
_SCALES = {
    "": Decimal(1),
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(1_000_000),
    "millions": Decimal(1_000_000),
    "mm": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "billions": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "b": Decimal(1_000_000_000),
}
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
#: South African rand as JSE releases write it ("R4.8 billion", "R29,400"): "R" only before a
#: number with thousands or a scale word, so a map's "R12" stays no money.
_RAND = r"R(?=\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:billion|million|bn)\b)"
_SIGN = rf"US\$|U\.S\.\$|CA\$|CDN\$|C\$|AU\$|A\$|\$|£|€|USD|CAD|AUD|GBP|EUR|ZAR|{_RAND}"
#: The currency signs and codes, for rules elsewhere that read a unit without an amount.
SIGN = _SIGN
_SCALE = r"billions?|bn|b|millions?|mm|mln|m|thousand|k"
#: "US$1 950/oz", "R2 400-million": thousands set apart by spaces, as South African and
#: European releases write them; read only before a unit or a scale word, where a space cannot
#: stand between two numbers of a table.
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=\s?/|[\s-](?:million|billion)\b)"
MONEY = re.compile(
    # "US$000s" heads a column of thousands: it is no amount of its own.
    # "$268 million1": a footnote's number may follow a scale word.
    rf"(?<![\w$])(?P<sign>{_SIGN})\s?(?P<number>{_SPACED}|{NUMBER})"
    rf"(?:[\s-]?(?P<scale>{_SCALE})(?:(?<=on)[1-9](?!\d))?\b)?(?![\w'])"
    rf"(?:\s?(?P<after>USD|CAD|AUD|GBP)\b)?"
    rf"|(?<![\w.,])(?P<number2>{NUMBER})\s?(?P<scale2>{_SCALE})?\s?(?P<code>USD|CAD|AUD|GBP)\b",
    re.IGNORECASE,
)
#: A percent sign or its words ("8%", "8 per cent", "8-per-cent").
#: "%", "percent", and "per cent." as UK releases write it.
PCT = r"(?:\s?%|[\s-]per[\s-]?cent\b\.?|\s?percent\b)"
PERCENT = re.compile(rf"(?<![\w.,])(?P<number>{NUMBER})\s?(?:%|[\s-]?per[\s-]?cent\b|percent\b)")
#: "(US$ millions)", "(C$M)", "($000s)": the unit of a table row or column of bare numbers.
TABLE_UNIT = re.compile(
    rf"\(\s?(?P<sign>{_SIGN})\s?(?P<scale>M|MM|millions?|mln|B|billions?|000s|000's|'000)\s?\)",
    re.IGNORECASE,
)

#: A table's caption giving its money unit: "Financial summary (A$ million unless stated)".
CAPTION_UNIT = re.compile(
    rf"\(\s?(?P<sign>{_SIGN})\s?(?P<scale>M|MM|millions?|mln|B|billions?|000s)\b[^)]{{0,30}}\)",
    re.IGNORECASE,
)

_STATEMENTS = [
    (re.compile(r"\b(?:US\$|U\.?S\.?\s?dollars?|USD|United States dollars?)", re.I), "USD"),
    (re.compile(r"\b(?:C\$|CA\$|CAD|Canadian dollars?)", re.I), "CAD"),
    (re.compile(r"\b(?:A\$|AU\$|AUD|Australian dollars?)", re.I), "AUD"),
]
_STATEMENT = re.compile(
    r"(?:all|unless (?:otherwise )?(?:stated|noted|indicated|specified))[^.]{0,80}?"
    r"(?:amounts|figures|dollars?|currenc(?:y|ies)|values|\$)[^.]{0,60}?"
    # "All dollar amounts in this news release are in Canadian dollars": the words between
    # "in" and the currency may name the release.
    r"(?:are|in|expressed|reported|stated)\b[^.]{0,60}",
    re.IGNORECASE,
)
#: "Figures are in Canadian dollars unless otherwise stated", "amounts are expressed in US$".
_STATEMENT_PLAIN = re.compile(
    r"\b(?:amounts|figures|dollar amounts|dollar figures|values|financial figures)\s(?:are|is)\s"
    r"(?:(?:expressed|reported|stated|presented|quoted|given)\s)?in\s[^.]{0,40}",
    re.IGNORECASE,
)
#: "All figures US$.", "All amounts in A$": the statement without a verb, as posts shorten it.
_STATEMENT_SHORT = re.compile(
    r"\ball\s(?:figures|amounts|dollar amounts|values)\s(?:(?:are\s)?in\s)?"
    r"(?:US\$|C\$|A\$|USD|CAD|AUD)(?![\d\w])",
    re.IGNORECASE,
)
_STATEMENT_PAREN = re.compile(
    r"\((?:all )?(?:amounts |figures |dollar amounts |values )?(?:are )?(?:in |expressed in )"
    r"(?P<sign>US\$|C\$|A\$|USD|CAD|AUD)(?: unless [^)]*)?\)"
    # "Key financial outcomes (A$, real, post-tax unless stated)": the sign heads the bracket.
    r"|\((?P<lead>US\$|C\$|A\$|USD|CAD|AUD),\s[^)]{0,40}\bunless\s(?:otherwise\s)?"
    r"(?:stated|noted|indicated)\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount read from the text: exact, in whole units, with ISO currency or ``None``."""

    amount: Decimal
    currency: str | None
    start: int
    end: int


def number(text: str) -> Decimal:
    """``"1,234.5"`` (or ``"1 234.5"``) as ``Decimal("1234.5")``."""
    return Decimal(re.sub(r"[,\s]", "", text))


def currency_statement(text: str) -> str | None:
    """The currency a release says its bare "$" figures are in, if it says so once and clearly."""
    found: set[str] = set()
    text = re.sub(r"\bU\.S\.", "US", text)
    statements = [_STATEMENT, _STATEMENT_PLAIN, _STATEMENT_SHORT]
    for match in [m for pattern in statements for m in pattern.finditer(text)]:
        phrase = match.group()
        if (
            "$" not in phrase
            and "dollar" not in phrase.lower()
            and "currenc" not in phrase
            and not re.search(r"\b(?:USD|CAD|AUD)\b", phrase)
        ):
            continue
        found.update(code for pattern, code in _STATEMENTS if pattern.search(phrase))
    for match in _STATEMENT_PAREN.finditer(text):
        found.add(_CURRENCY_SIGNS[(match.group("sign") or match.group("lead")).upper()])
    return found.pop() if len(found) == 1 else None


#: An amount just before a bracket: what the bracket holds is that amount in another currency
#: ("R4.8 billion (US$262 million)", "C$472 million (US$358 million)").
_CONVERTED = re.compile(
    r"(?:\d[\d,.]*\s?(?:thousand|million|billion|bn|mm|mln|m|b|k)\b|[$£€R]\s?\d[\d,.]*)"
    r"(?:\s?/\s?[a-z]+)?\s?\(\s?(?:approximately\s|approx\.\s|about\s|~\s?)?$",
    re.IGNORECASE,
)


def find_money(
    text: str, default: str | None, start: int = 0, end: int | None = None
) -> list[Money]:
    """Every amount of money in ``text[start:end]``; bare "$" takes ``default``.

    An amount in brackets right after another is its conversion, not a figure of its own.
    """
    found = []
    for match in MONEY.finditer(text, start, len(text) if end is None else end):
        if _CONVERTED.search(text, max(0, match.start() - 40), match.start()):
            continue
        if match.group("number"):
            sign = match.group("sign").upper()
            code = match.group("after")
            currency = _CURRENCY_SIGNS[code.upper()] if code else _CURRENCY_SIGNS[sign]
            scale = (match.group("scale") or "").lower()
            digits = match.group("number")
        else:
            currency = _CURRENCY_SIGNS[match.group("code").upper()]
            scale = (match.group("scale2") or "").lower()
            digits = match.group("number2")
        if scale in ("m", "b") and match.group("scale") not in (None, "M", "B", "m"):
            scale = ""
        found.append(
            Money(number(digits) * _SCALES[scale], currency or default, match.start(), match.end())
        )
    return found


def millions(amount: Decimal) -> Decimal:
    """Whole units as millions, exactly."""
    return normal(amount / Decimal(1_000_000))


def normal(value: Decimal) -> Decimal:
    """Without trailing zeros or exponent: ``1200.0`` and ``1.2E+3`` both become ``1200``."""
    normalised = value.normalize()
    return Decimal(f"{normalised:f}")
