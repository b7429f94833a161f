"""Study figures: NPV with rate, basis and currency, IRR, capex, AISC, mine life, payback, prices.

Each keyword takes the first value after it in its clause (or one just before it: "US$520
million after-tax NPV"); flattened table rows ("After-tax NPV5% (US$M)  520  780") take their
unit from the label and their case from the column headings.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from tracker.capture.clauses import Clause
from tracker.capture.model import Figure
from tracker.capture.money import (
    MONEY,
    NUMBER,
    PERCENT,
    TABLE_UNIT,
    Money,
    find_money,
    millions,
    normal,
    number,
)
from tracker.capture.names import COMMODITY, commodity_symbol
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import Sighting, figure_at

_MONEY_KEYS = {
    "npv": re.compile(r"\bNPV(?:s)?(?=\b|[\d(@₅₈])|net present value", re.I),
    "initial_capex": re.compile(
        r"\b(?:initial|pre-?production|up-?front|start-?up)\s(?:\w+\s)?(?:capital|capex)"
        r"|\b(?:development|construction) capital(?: costs?)?\b|\binitial capex\b",
        re.I,
    ),
    "sustaining_capex": re.compile(r"\bsustaining (?:capital|capex)", re.I),
}
_UNIT_KEYS = {
    "aisc": re.compile(r"\ball[- ]in sustaining (?:cash )?costs?|\bAISC\b", re.I),
}
_PERCENT_KEYS = {"irr": re.compile(r"\bIRRs?\b|internal rate of return", re.I)}
_YEAR_KEYS = {
    "mine_life": re.compile(
        r"\bmine life\b|\blife[- ]of[- ]mine\b|\bLOM\b|\bmine-life\b|\b(?:project|operating) life\b"
        r"|\b(?:expected|planned|scheduled) to operate for\b",
        re.I,
    ),
    "payback": re.compile(r"\bpay-?back\b", re.I),
}
_OTHER_KEYWORDS = re.compile(
    r"\b(?:NPV|IRR|AISC|payback|capex|capital|cash costs?|operating costs?|opex|revenue|EBITDA|"
    r"free cash flow|cash flow|royalt\w+|taxes)\b",
    re.I,
)
_RATE_NEAR = re.compile(
    r"^\s?(?:\(|@|at\s(?:an?\s)?|\s)?\s?(?P<rate>\d+(?:\.\d+)?)\s?%?\)?"
    r"|^[^.;]{0,30}?\b(?:at an?|using an?|discounted at|discount rate of)\s(?P<rate2>\d+(?:\.\d+)?)"
    r"\s?%",
    re.I,
)
_RATE_ANYWHERE = re.compile(
    r"(?P<rate>\d+(?:\.\d+)?)\s?%\s(?:real\s|annual\s)?discount(?:\srate)?\b"
    r"|discount(?:ed)?\s(?:rate\s)?(?:of\s|at\s)(?:an?\s)?(?P<rate2>\d+(?:\.\d+)?)\s?%",
    re.I,
)
_PER_UNIT = re.compile(
    r"\s?(?:/|per\s)(?:payable\s|recovered\s|sold\s)?(?:(?:Au|AuEq|AgEq|gold|GEO|CuEq|Cu|U3O8|"
    r"LCE|ounce of gold)\s)?(?P<unit>oz|ounces?|lbs?|pounds?|tonnes?|tons?|t|dmt|wmt|kg|mtu|"
    r"dmtu)\b",
    re.I,
)
_COMMODITY_AFTER = re.compile(rf"\s?(?:of\s)?(?P<word>{COMMODITY.pattern})", re.I)
_COST_BEFORE = re.compile(r"\bcosts?\b|\bAISC\b|\bopex\b|\bC1\b|\bC3\b", re.I)
_PER_YEAR = re.compile(r"\s?(?:per (?:year|annum)|a year|annually|/\s?y(?:ea)?r)\b", re.I)
_UNIT_NAMES = {
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "dmt": "t",
    "wmt": "t",
    "kg": "kg",
    "mtu": "mtu",
    "dmtu": "dmtu",
}
_TABLE_PER_UNIT = re.compile(
    r"\((?P<sign>US\$|C\$|A\$|£|\$)\s?/\s?(?P<unit>oz|lb|t|tonne|kg|mtu|dmtu)\b[^)]*\)", re.I
)
_CURRENCIES = {"US$": "USD", "C$": "CAD", "A$": "AUD", "£": "GBP", "$": ""}
_YEARS_AFTER = re.compile(rf"[^.;]{{0,40}}?(?P<n>{NUMBER})[- ]?(?:\+\s)?(?:years?|yrs?)\b", re.I)
#: Words that, between "payback" and a number of years, show the years are another figure's.
_YEAR_BLOCKERS = re.compile(r"\b(?:NPV|IRR|AISC|production|mine life|LOM|construction)\b|%", re.I)
_YEARS_BEFORE = re.compile(rf"(?P<n>{NUMBER})[- ](?:years?|yr)[- ]?(?:\w+[- ])?$", re.I)
_TABLE_ROW = re.compile(r"\t|\S\s{3,}\S")
_TABLE_NUMBER = re.compile(rf"(?<![\w.$])(?:\(?)(?P<n>-?(?:{NUMBER}))(?:\)?)(?:\s?%)?(?![\w.])")


@dataclass
class Columns:
    """The case of each value column of a flattened table, from its heading row."""

    cases: list[str]


def column_heading(sentence: Sentence) -> Columns | None:
    """A table heading naming two or more cases ("Base Case  Spot Case"), or ``None``."""
    text = sentence.text
    if not _TABLE_ROW.search(text) or re.search(r"\d{3,}", re.sub(r"\b(?:19|20)\d\d\b", "", text)):
        return None
    cells = [cell for cell in re.split(r"\t|\s{3,}", text) if cell.strip()]
    cases = [_cell_case(cell) for cell in cells]
    named = [case for case in cases if case]
    if len(named) >= 2:
        return Columns(named)
    return None


def _cell_case(cell: str) -> str | None:
    lowered = cell.lower()
    for label in ("spot", "upside", "downside", "consensus"):
        if label in lowered:
            return label
    if "base" in lowered:
        return "base"
    return None


def study_sightings(clause: Clause, default: str | None, columns: Columns | None) -> list[Sighting]:
    """Every study value in one clause."""
    text = clause.sentence.text
    if _TABLE_ROW.search(text) and clause.start == 0:
        row = _table_row(clause, default, columns)
        if row is not None:
            return row
    found: list[Sighting] = []
    claimed: list[tuple[int, int]] = []
    for key, pattern in _MONEY_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _money_value(key, clause, match, default)
            if sighting and (sighting.start, sighting.end) not in claimed:
                found.append(sighting)
                claimed.append((sighting.start, sighting.end))
    for key, pattern in _UNIT_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _unit_value(key, clause, match.end(), default)
            if sighting:
                found.append(sighting)
                claimed.append((sighting.start, sighting.end))
                break
    taken: set[int] = set()
    for key, pattern in _PERCENT_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _percent_value(key, clause, match)
            if sighting and sighting.start not in taken:
                taken.add(sighting.start)
                found.append(sighting)
    for key, pattern in _YEAR_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _year_value(key, clause, match)
            if sighting:
                found.append(sighting)
                break
    found.extend(_prices(clause, default, claimed))
    base = clause.sentence.span.start
    return [
        Sighting(s.key, s.value, base + s.start, base + s.end, s.sentence, s.case, s.basis, s.extra)
        for s in found
    ]


_BASIS_WORD = re.compile(r"\b(after|post|pre)[- ]?tax\b|\b(un)?levered\b", re.I)
_BASIS_AFTER_VALUE = re.compile(r"\s?\(\s?(after|post|pre)[- ]?tax\s?\)", re.I)


def _basis_word(match: re.Match[str]) -> str:
    word = (match.group(1) or "").lower()
    return "pre-tax" if word == "pre" or match.group(2) == "un" else "after-tax"


def local_basis(text: str, keyword: re.Match[str], clause: Clause, value_end: int) -> str | None:
    """The tax basis written next to this keyword or its value, else the clause's."""
    before = list(_BASIS_WORD.finditer(text, max(0, keyword.start() - 30), keyword.start()))
    if before:
        return _basis_word(before[-1])
    after = _BASIS_WORD.match(text, keyword.end() + 1) or _BASIS_WORD.match(text, keyword.end() + 2)
    if after:
        return _basis_word(after)
    behind = _BASIS_AFTER_VALUE.match(text, value_end)
    if behind:
        word = behind.group(1).lower()
        return "pre-tax" if word == "pre" else "after-tax"
    return clause.basis


def _between_is_clean(text: str, start: int, stop: int) -> bool:
    """No other figure's keyword stands between a keyword and the value taken for it."""
    return not _OTHER_KEYWORDS.search(text, start, stop) and "." not in text[start:stop].replace(
        "..", ""
    ).rstrip(".")


def _money_value(
    key: str, clause: Clause, keyword: re.Match[str], default: str | None
) -> Sighting | None:
    text = clause.sentence.text
    after = find_money(text, default, keyword.end(), clause.end)
    money: Money | None = None
    if after and _between_is_clean(text, keyword.end(), after[0].start):
        money = after[0]
    else:
        before = find_money(text, default, max(clause.start, keyword.start() - 40), keyword.start())
        if before and re.fullmatch(
            r"\s?(?:in\s|of\s)?(?:an?\s|the\s)?(?:(?:after|post|pre)[- ]tax\s)?",
            text[before[-1].end : keyword.start()],
            re.I,
        ):
            money = before[-1]
    if money is None or _per_unit(text, money.end) or _PER_YEAR.match(text, money.end):
        return None
    extra = {}
    if money.currency:
        currency_key = "npv_currency" if key == "npv" else "capex_currency"
        extra[currency_key] = figure_at(
            currency_key, money.currency, clause.sentence, money.start, money.end
        )
    if key == "npv":
        rate = _discount_rate(clause, keyword)
        if rate:
            extra["discount_rate"] = rate
    basis = local_basis(text, keyword, clause, money.end) if key == "npv" else clause.basis
    return Sighting(
        key,
        millions(money.amount),
        money.start,
        money.end,
        clause.sentence,
        clause.case,
        basis,
        extra,
    )


def _discount_rate(clause: Clause, keyword: re.Match[str]) -> Figure | None:
    text = clause.sentence.text
    tail = text[keyword.end() : clause.end]
    near = _RATE_NEAR.match(tail)
    if near and keyword.group().upper().startswith("NPV"):
        group = "rate" if near.group("rate") else "rate2"
        value = Decimal(near.group(group))
        if Decimal(0) < value <= Decimal(15):
            start = keyword.end() + near.start(group)
            return figure_at(
                "discount_rate",
                normal(value),
                clause.sentence,
                start,
                start + len(near.group(group)),
            )
    elif near and near.group("rate2"):
        start = keyword.end() + near.start("rate2")
        return figure_at(
            "discount_rate",
            Decimal(near.group("rate2")),
            clause.sentence,
            start,
            start + len(near.group("rate2")),
        )
    anywhere = _RATE_ANYWHERE.search(clause.sentence.text)
    if anywhere:
        group = "rate" if anywhere.group("rate") else "rate2"
        return figure_at(
            "discount_rate",
            normal(Decimal(anywhere.group(group))),
            clause.sentence,
            anywhere.start(group),
            anywhere.end(group),
        )
    return None


def _per_unit(text: str, at: int) -> str | None:
    match = _PER_UNIT.match(text, at)
    return _UNIT_NAMES[match.group("unit").lower()] if match else None


def _unit_value(key: str, clause: Clause, at: int, default: str | None) -> Sighting | None:
    text = clause.sentence.text
    for money in find_money(text, default, at, clause.end):
        unit = _per_unit(text, money.end)
        if not _between_is_clean(text, at, money.start) and key != "aisc":
            return None
        if unit is None:
            return None
        if re.match(
            r"\s?(?:/|per\s)\w+\s(?:processed|milled|mined|moved|of ore|treated)",
            text[money.end :],
            re.I,
        ):
            continue
        extra = {}
        if money.currency:
            unit_text = f"{money.currency}/{unit}"
            extra["aisc_unit"] = figure_at(
                "aisc_unit", unit_text, clause.sentence, money.start, money.end
            )
        return Sighting(
            key,
            normal(money.amount),
            money.start,
            money.end,
            clause.sentence,
            clause.case,
            clause.basis,
            extra,
        )
    return None


def _percent_value(key: str, clause: Clause, keyword: re.Match[str]) -> Sighting | None:
    text = clause.sentence.text
    after = PERCENT.search(text, keyword.end(), clause.end)
    if (
        after
        and _between_is_clean(text, keyword.end(), after.start())
        and after.start() - keyword.end() < 40
    ) and not re.match(
        r"\s?(?:discount|real discount)", text[after.end() : after.end() + 16], re.I
    ):
        value = number(after.group("number"))
        return Sighting(
            key,
            normal(value),
            after.start(),
            after.end(),
            clause.sentence,
            clause.case,
            local_basis(text, keyword, clause, after.end())
            if after
            else local_basis(text, keyword, clause, keyword.end()),
        )
    before = list(PERCENT.finditer(text, max(clause.start, keyword.start() - 30), keyword.start()))
    if before and re.fullmatch(
        r"\s?(?:(?:after|post|pre)[- ]tax\s|levered\s|unlevered\s)?",
        text[before[-1].end() : keyword.start()],
        re.I,
    ):
        match = before[-1]
        return Sighting(
            key,
            normal(number(match.group("number"))),
            match.start(),
            match.end(),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    return None


def _year_value(key: str, clause: Clause, keyword: re.Match[str]) -> Sighting | None:
    text = clause.sentence.text
    after = _YEARS_AFTER.match(text, keyword.end(), clause.end)
    if (
        after
        and not _YEAR_BLOCKERS.search(text, keyword.end(), after.start("n"))
        and not MONEY.search(text, keyword.end(), after.start("n"))
    ) and not PERCENT.search(text, keyword.end(), after.end()):
        return Sighting(
            key,
            normal(number(after.group("n"))),
            after.start("n"),
            after.end("n"),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    before = _YEARS_BEFORE.search(text, clause.start, keyword.start())
    if before:
        return Sighting(
            key,
            normal(number(before.group("n"))),
            before.start("n"),
            before.end("n"),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    return None


def _prices(clause: Clause, default: str | None, claimed: list[tuple[int, int]]) -> list[Sighting]:
    """The price deck: a money per unit with a commodity word before or after it."""
    text = clause.sentence.text
    if not re.search(r"\bprices?\b|\bdeck\b|\bassum|\bcase\b|\bbased on\b|\busing\b", text, re.I):
        return []
    found = []
    for money in find_money(text, default, clause.start, clause.end):
        if any(start <= money.start < end for start, end in claimed) or _COST_BEFORE.search(
            text, max(clause.start, money.start - 40), money.start
        ):
            continue
        unit_match = _PER_UNIT.match(text, money.end)
        if not unit_match:
            continue
        unit = _UNIT_NAMES[unit_match.group("unit").lower()]
        after = _COMMODITY_AFTER.match(text, unit_match.end())
        symbol = commodity_symbol(after.group("word")) if after else None
        if symbol is None:
            lead = text[max(clause.start, money.start - 45) : money.start]
            words = list(COMMODITY.finditer(lead))
            if words and re.fullmatch(
                r"\s?(?:\(\w+\)\s)?(?:\w+\s)?prices?(?:\sassumptions?|\sdeck)?\s?(?:of\s|at\s|:\s|"
                r"assumed at\s)?"
                r"(?:(?:approximately|about)\s)?|\s?(?:price\s)?(?:of|at|:)\s?",
                lead[words[-1].end() :],
                re.I,
            ):
                symbol = commodity_symbol(words[-1].group())
        if symbol is None or money.currency is None:
            continue
        extra = {
            "commodity": figure_at("commodity", symbol, clause.sentence, money.start, money.end),
            "unit": figure_at(
                "unit", f"{money.currency}/{unit}", clause.sentence, money.start, unit_match.end()
            ),
        }
        found.append(
            Sighting(
                "price",
                normal(money.amount),
                money.start,
                money.end,
                clause.sentence,
                clause.case,
                clause.basis,
                extra,
            )
        )
    return found


def _table_row(
    clause: Clause, default: str | None, columns: Columns | None
) -> list[Sighting] | None:
    """A flattened row "Label (unit)  v1  v2"; ``None`` if it is not one we can read."""
    text = clause.sentence.text
    first = _TABLE_NUMBER.search(text)
    while first and _in_label_unit(text, first.start()):
        first = _TABLE_NUMBER.search(text, first.end())
    if not first:
        return None
    label = text[: first.start()]
    if MONEY.search(text):
        return None
    values = [m for m in _TABLE_NUMBER.finditer(text, first.start())]
    if len(values) > 1 and (columns is None or len(columns.cases) != len(values)):
        return []
    cases = columns.cases if columns and len(values) > 1 else [clause.case]
    found: list[Sighting] = []
    for match, case in zip(values, cases, strict=False):
        sighting = _row_value(label, match, clause, case, default)
        if sighting:
            found.append(sighting)
    return found


def _in_label_unit(text: str, at: int) -> bool:
    """The number is part of the label ("NPV (5%)", "NPV5%"), not a value cell."""
    label = text[:at]
    return bool(re.search(r"(?:NPV|\()\s?@?$", label, re.I)) or bool(
        re.match(r"\d+(?:\.\d+)?\s?%\)?(?:\s?\(|\s?$|\s{2,}|\t)", text[at:])
        and re.search(r"NPV\s?\(?$", label, re.I)
    )


def _row_value(
    label: str, match: re.Match[str], clause: Clause, case: str, default: str | None
) -> Sighting | None:
    value = number(match.group("n").lstrip("-"))
    if match.group("n").startswith("-"):
        return None
    sentence = clause.sentence
    basis_match = re.search(r"\b(after|post|pre)[- ]?tax\b", label, re.I)
    basis = clause.basis
    if basis_match:
        basis = "pre-tax" if basis_match.group(1).lower() == "pre" else "after-tax"
    unit = TABLE_UNIT.search(label)
    per_unit = _TABLE_PER_UNIT.search(label)
    extra = {}
    start, end = match.start("n"), match.end("n")

    def currency_of(sign: str) -> str | None:
        return _CURRENCIES.get(sign.upper(), "") or default

    for key, pattern in _MONEY_KEYS.items():
        if pattern.search(label) and unit:
            scale = unit.group("scale").lower()
            if scale in ("000s", "000's", "'000"):
                amount = millions(value * 1000)
            elif scale.startswith("b"):
                amount = normal(value * 1000)
            else:
                amount = normal(value)
            currency = currency_of(unit.group("sign"))
            if currency:
                ckey = "npv_currency" if key == "npv" else "capex_currency"
                extra[ckey] = figure_at(ckey, currency, sentence, start, end)
            if key == "npv":
                rate = re.search(
                    r"NPV\s?\(?@?\s?(\d+(?:\.\d+)?)\s?%?", label, re.I
                ) or _RATE_ANYWHERE.search(label)
                if rate:
                    digits = next(g for g in rate.groups() if g)
                    extra["discount_rate"] = figure_at(
                        "discount_rate", normal(Decimal(digits)), sentence, rate.start(), rate.end()
                    )
            return Sighting(key, amount, start, end, sentence, case, basis, extra)
    for key, pattern in _PERCENT_KEYS.items():
        if pattern.search(label) and re.search(
            r"%", label + sentence.text[match.start() : match.end() + 1]
        ):
            return Sighting(key, normal(value), start, end, sentence, case, basis)
    for key, pattern in _YEAR_KEYS.items():
        if pattern.search(label) and re.search(r"\byears?\b|\byrs?\b", label, re.I):
            return Sighting(key, normal(value), start, end, sentence, case, basis)
    if per_unit:
        currency = currency_of(per_unit.group("sign"))
        unit_name = _UNIT_NAMES.get(per_unit.group("unit").lower(), per_unit.group("unit").lower())
        if _UNIT_KEYS["aisc"].search(label):
            if currency:
                extra["aisc_unit"] = figure_at(
                    "aisc_unit", f"{currency}/{unit_name}", sentence, start, end
                )
            return Sighting("aisc", normal(value), start, end, sentence, case, basis, extra)
        commodity = COMMODITY.search(label)
        if commodity and re.search(r"\bprice", label, re.I) and currency:
            symbol = commodity_symbol(commodity.group())
            if symbol:
                extra["commodity"] = figure_at("commodity", symbol, sentence, start, end)
                extra["unit"] = figure_at("unit", f"{currency}/{unit_name}", sentence, start, end)
                return Sighting("price", normal(value), start, end, sentence, case, basis, extra)
    return None
