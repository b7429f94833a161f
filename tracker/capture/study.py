"""Study figures: NPV with rate, basis and currency, IRR, capex, AISC, mine life, payback, prices.

Each keyword takes the first value after it in its clause (or one just before it: "US$520
million after-tax NPV"); a flattened table row goes to ``study_table``.
"""

import re
from dataclasses import replace
from decimal import Decimal

from tracker.capture.clauses import TAX_BASIS, Clause, basis_of
from tracker.capture.model import Figure
from tracker.capture.money import (
    MONEY,
    PERCENT,
    SIGN,
    Money,
    find_money,
    millions,
    normal,
    number,
)
from tracker.capture.names import COMMODITY, commodity_symbol
from tracker.capture.sighting import Sighting, figure_at
from tracker.capture.study_table import Columns, table_row
from tracker.capture.study_words import (
    COMMODITY_AFTER,
    COST_BEFORE,
    MONEY_KEYS,
    OPERATION_YEARS,
    OTHER_KEYWORDS,
    PER_UNIT,
    PER_YEAR,
    PERCENT_KEYS,
    RATE_ANYWHERE,
    RATE_NEAR,
    UNIT_KEYS,
    UNIT_NAMES,
    YEAR_BLOCKERS,
    YEAR_KEYS,
    YEAR_WORDS,
    YEARS_AFTER,
    YEARS_BEFORE,
)


def study_sightings(
    clause: Clause,
    default: str | None,
    columns: Columns | None,
    caption: re.Match[str] | None = None,
) -> list[Sighting]:
    """Every study value in one clause; ``caption`` is a table caption's money unit."""
    text = clause.sentence.text
    if clause.sentence.is_table_row and clause.start == 0:
        row = table_row(clause, default, columns, caption)
        if row is not None:
            # A row's values are placed in its sentence; a figure's place is in the release.
            at = clause.sentence.at
            return [replace(s, start=at(s.start), end=at(s.end)) for s in row]
    found: list[Sighting] = []
    claimed: list[tuple[int, int]] = []
    for key, pattern in MONEY_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _money_value(key, clause, match, default)
            if sighting and (sighting.start, sighting.end) not in claimed:
                found.append(sighting)
                claimed.append((sighting.start, sighting.end))
    for key, pattern in UNIT_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _unit_value(key, clause, match.end(), default)
            if sighting:
                found.append(sighting)
                claimed.append((sighting.start, sighting.end))
                break
    taken: set[int] = set()
    for key, pattern in PERCENT_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _percent_value(key, clause, match)
            if sighting and sighting.start not in taken:
                taken.add(sighting.start)
                found.append(sighting)
    for key, pattern in YEAR_KEYS.items():
        for match in pattern.finditer(text, clause.start, clause.end):
            sighting = _year_value(key, clause, match)
            if sighting:
                found.append(sighting)
                break
    if not any(s.key == "mine_life" for s in found):
        found.extend(_operation_years(clause))
    found.extend(_prices(clause, default, claimed))
    at = clause.sentence.at
    return [
        Sighting(s.key, s.value, at(s.start), at(s.end), s.sentence, s.case, s.basis, s.extra)
        for s in found
    ]


_BASIS_WORD = re.compile(rf"\b{TAX_BASIS}\b|\b(un)?levered\b", re.I)
_BASIS_AFTER_VALUE = re.compile(rf"\s?\(\s?{TAX_BASIS}\s?\)", re.I)


def _basis_word(match: re.Match[str]) -> str:
    return "pre-tax" if match.group(2) == "un" else basis_of(match.group(1) or "after")


def local_basis(text: str, keyword: re.Match[str], clause: Clause, value_end: int) -> str | None:
    """The tax basis written next to this keyword or its value, else the clause's."""
    before = list(_BASIS_WORD.finditer(text, max(0, keyword.start() - 30), keyword.start()))
    if len({_basis_word(word) for word in before}) > 1:
        # "pre-tax and after-tax NPV8 are ...", unpaired: which value has which basis is unsaid.
        return None
    if before:
        return _basis_word(before[-1])
    after = _BASIS_WORD.match(text, keyword.end() + 1) or _BASIS_WORD.match(text, keyword.end() + 2)
    if after:
        return _basis_word(after)
    behind = _BASIS_AFTER_VALUE.match(text, value_end)
    if behind:
        return basis_of(behind.group(1))
    return clause.basis


#: "Initial capital includes $74 million of contingency": the value after is a part of it.
_PART_OF = re.compile(
    r"\b(?:includ(?:es|ing)|incl\.?|of which|comprising)\s(?:an?\s|the\s)?$", re.I
)


def _between_is_clean(text: str, start: int, stop: int, own: re.Pattern[str] | None = None) -> bool:
    """No other figure's keyword, no sentence end and no "includes" stands between a keyword
    and the value taken for it (a decimal point is no sentence end). A quoted short form of
    the keyword itself (``own``: "net present value ... ("NPV5%") of") is no other keyword."""
    # A decimal point or an abbreviation's ("incl.", "approx.") ends no sentence.
    between = re.sub(
        r"(?<=\d)\.(?=\d)|\b(?:incl|approx|est|excl)\.", "", text[start:stop], flags=re.I
    )
    named = text[start:stop]
    if own is not None:
        named = re.sub(
            r"\(\s?[\"\u201c](?P<short>[^\"\u201d()]{1,12})[\"\u201d]\s?\)",
            lambda m: (
                "" if own.fullmatch(m.group("short")) or own.match(m.group("short")) else m.group()
            ),
            named,
        )
    return (
        not OTHER_KEYWORDS.search(named)
        and "." not in between.replace("..", "").rstrip(".")
        and not _PART_OF.search(text[start:stop])
    )


#: Less than this many units is no NPV or capital sum of a study: its scale word is missing.
_FEWEST_UNITS = Decimal(100_000)


def _money_value(
    key: str, clause: Clause, keyword: re.Match[str], default: str | None
) -> Sighting | None:
    text = clause.sentence.text
    after = find_money(text, default, keyword.end(), clause.end)
    money: Money | None = None
    if after and _between_is_clean(text, keyword.end(), after[0].start, MONEY_KEYS[key]):
        money = after[0]
    else:
        before = find_money(text, default, max(clause.start, keyword.start() - 40), keyword.start())
        if before and re.fullmatch(
            r"\s?(?:in\s|of\s)?(?:an?\s|the\s)?(?:(?:after|post|pre)[- ]tax\s)?",
            text[before[-1].end : keyword.start()],
            re.I,
        ):
            money = before[-1]
    if money is None or _per_unit(text, money.end) or PER_YEAR.match(text, money.end):
        return None
    if money.amount < _FEWEST_UNITS:
        # "$318" for a capital cost has lost its "million": a study's sums are not so small.
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
    near = RATE_NEAR.match(tail)
    if near and re.match(r"NPV|net present value", keyword.group(), re.I):
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
    anywhere = RATE_ANYWHERE.search(clause.sentence.text)
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
    match = PER_UNIT.match(text, at)
    return UNIT_NAMES[match.group("unit").lower()] if match else None


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


#: "payback from the start of commercial production": when it is counted, not another figure.
_START_OF_PRODUCTION = re.compile(
    r"\b(?:from|after)\s(?:the\s)?(?:(?:start|commencement)\sof\s(?:commercial\s)?|first\s)"
    r"production\b",
    re.I,
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


_ADDED_YEARS = re.compile(
    r"\b(?:adds?|adding|added|extends?|extending|extended|by|additional|another|further|more)\s$"
    # "a payback of under two years", "more than 20 years": a bound, not the figure.
    r"|\b(?:under|less than|below|over|more than|up to|at least|at most)\s$",
    re.I,
)


def _year_value(key: str, clause: Clause, keyword: re.Match[str]) -> Sighting | None:
    text = clause.sentence.text
    after = YEARS_AFTER.match(text, keyword.end(), clause.end)
    if (
        after
        and not YEAR_BLOCKERS.search(
            _START_OF_PRODUCTION.sub(_blank, text[: after.start("n")]), keyword.end()
        )
        and not MONEY.search(text, keyword.end(), after.start("n"))
        and not _ADDED_YEARS.search(text, max(0, after.start("n") - 20), after.start("n"))
    ) and not PERCENT.search(text, keyword.end(), after.end()):
        digits = after.group("n")
        years = YEAR_WORDS.get(digits.lower())
        return Sighting(
            key,
            normal(Decimal(years) if years else number(digits)),
            after.start("n"),
            after.end("n"),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    before = YEARS_BEFORE.search(text, clause.start, keyword.start())
    if before and _ADDED_YEARS.search(text, max(0, before.start() - 20), before.start()):
        # "add five years of mine life", "extends the mine life by 4 years": a change, not it.
        before = None
    if before:
        digits = before.group("n")
        years = YEAR_WORDS.get(digits.lower())
        return Sighting(
            key,
            normal(Decimal(years) if years else number(digits)),
            before.start("n"),
            before.end("n"),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    return None


def _operation_years(clause: Clause) -> list[Sighting]:
    """The mine life as the years of the operation ("outlines a 22-year open pit operation")."""
    text = clause.sentence.text
    match = OPERATION_YEARS.search(text, clause.start, clause.end)
    if not match or _ADDED_YEARS.search(text, max(0, match.start() - 20), match.start()):
        return []
    digits = match.group("n")
    years = YEAR_WORDS.get(digits.lower())
    value = normal(Decimal(years) if years else number(digits))
    return [
        Sighting(
            "mine_life",
            value,
            match.start("n"),
            match.end("n"),
            clause.sentence,
            clause.case,
            clause.basis,
        )
    ]


#: A label that opens a list of prices, each a commodity then its money.
_PRICE_LIST = re.compile(r"\bprices?(?:\sassumptions?|\sdeck)?\s?(?:used\s)?:", re.I)


def _prices(clause: Clause, default: str | None, claimed: list[tuple[int, int]]) -> list[Sighting]:
    """The price deck: a money per unit with a commodity word before or after it."""
    text = clause.sentence.text
    if not re.search(
        r"\bprices?\b|\bdeck\b|\bassum|\bcase\b|\bbased on\b|\busing\b"
        # "PEA Highlights (US$2,300/oz gold, ...)", "Economic results at US$2,250/oz gold".
        rf"|(?:\(|\bat\s)(?:{SIGN})\s?[\d,.]+\s?/\s?(?:oz|lb|t)\s[a-z]",
        text,
        re.I,
    ):
        return []
    found = []
    for money in find_money(text, default, clause.start, clause.end):
        if any(start <= money.start < end for start, end in claimed) or COST_BEFORE.search(
            text, max(clause.start, money.start - 40), money.start
        ):
            continue
        unit_match = PER_UNIT.match(text, money.end)
        if not unit_match:
            continue
        unit = UNIT_NAMES[unit_match.group("unit").lower()]
        after = COMMODITY_AFTER.match(text, unit_match.end())
        symbol = commodity_symbol(after.group("word")) if after else None
        if symbol is None:
            # A table's gap between its label and the value does not count against the window.
            gap = money.start - len(text[: money.start].rstrip())
            lead_start = max(clause.start, money.start - 45 - gap)
            lead = text[lead_start : money.start]
            words = list(COMMODITY.finditer(lead))
            if (
                words
                and (
                    re.fullmatch(
                        r"\s?(?:\(\w+\)\s)?(?:\w+\s)?prices?(?:\sassumptions?|\sdeck)?\s?(?:of\s|at\s|"
                        r":\s|assumed at\s)?"
                        r"(?:(?:approximately|about)\s)?|\s?(?:price\s)?(?:of|at|:)\s?",
                        # A table's gap of spaces between label and value reads as one.
                        re.sub(r"\s{2,}|\t", " ", lead[words[-1].end() :]),
                        re.I,
                    )
                    # "Assumed prices: nickel US$20,000/t and cobalt US$26,000/t"
                    or (
                        lead[words[-1].end() :] == " "
                        and _PRICE_LIST.search(text, 0, lead_start + words[-1].start())
                    )
                )
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
