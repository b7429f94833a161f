"""Study figures from tables flattened into text: "After-tax NPV5% (US$M)   520   780".

A row takes its unit and currency from its label, and each value column its case from the
heading row ("Base Case  Spot Case"); a row with more values than named columns is left out.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from tracker.capture.clauses import TAX_BASIS, Clause, basis_of
from tracker.capture.money import MONEY, SIGN, TABLE_UNIT, millions, normal, number
from tracker.capture.names import COMMODITY, commodity_symbol
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import Sighting, figure_at
from tracker.capture.study_words import (
    CURRENCIES,
    MONEY_KEYS,
    PERCENT_KEYS,
    RATE_ANYWHERE,
    TABLE_NUMBER,
    TABLE_PER_UNIT,
    UNIT_KEYS,
    UNIT_NAMES,
    YEAR_KEYS,
)

#: The case of a value column that holds no figure of this study: an earlier study's, a change.
NOT_A_CASE = ""
#: "2025 PEA", "2022 Study", "PFS (2023)": a study column named by its year.
_STUDY_YEAR = re.compile(
    # "Updated PFS (2026)": a word may say which of the two studies it is.
    r"^(?:(?:updated|revised|new|current|previous|prior|original)\s)?"
    r"(?:(?P<year>(?:19|20)\d\d)\s(?:PEA|PFS|DFS|BFS|FS|study|update)|(?:PEA|PFS|DFS|BFS|FS|study)"
    r"\s\(?(?P<year2>(?:19|20)\d\d)\)?)$",
    re.I,
)
_CHANGE = re.compile(r"^(?:change|difference|variance|delta|%\schange|change\s\(%\))$", re.I)


@dataclass
class Columns:
    """The case of each value column of a flattened table, from its heading row.

    A column of an earlier study or of the change between two is ``NOT_A_CASE``: its values
    are no figures of this release's study.
    """

    cases: list[str]
    #: Each column's tax basis, for a table whose columns are "Pre-Tax" and "After-Tax".
    bases: list[str | None] | None = None
    #: Each column's discount rate, for a table whose columns are "8% discount", "10% ...".
    rates: list[Decimal] | None = None


def column_heading(sentence: Sentence) -> Columns | None:
    """A table heading naming two or more cases ("Base Case  Spot Case") or comparing studies
    by year ("2025 PEA  2022 PEA  Change", the latest being this one), or ``None``."""
    text = sentence.text
    if not sentence.is_table_row or re.search(r"\d{3,}", re.sub(r"\b(?:19|20)\d\d\b", "", text)):
        return None
    cells = [cell.strip() for cell in re.split(r"\t|\s{3,}", text) if cell.strip()]
    years = [_study_year(cell) for cell in cells]
    dated = [year for year in years if year]
    if len(dated) >= 2 and dated.count(max(dated)) == 1:
        cases = [
            ("base" if year == max(dated) else NOT_A_CASE)
            if year
            else (NOT_A_CASE if _CHANGE.match(cell) else None)
            for cell, year in zip(cells, years, strict=True)
        ]
        return Columns([case for case in cases if case is not None])
    named = [case for case in (_cell_case(cell) for cell in cells) if case]
    if len(named) >= 2:
        return Columns(named)
    # "LOM  Years 1-5": the life-of-mine column is the study's figure, a period's is not.
    periods = [
        "base" if _LOM_CELL.fullmatch(cell) else NOT_A_CASE
        for cell in cells
        if _LOM_CELL.fullmatch(cell) or _PERIOD_CELL.fullmatch(cell)
    ]
    if periods.count("base") == 1 and len(periods) >= 2:
        return Columns(periods)
    bases = [basis_of(m.group(1)) for cell in cells for m in [_BASIS_CELL.fullmatch(cell)] if m]
    if len(bases) >= 2 and len(set(bases)) == len(bases):
        return Columns(["base"] * len(bases), list(bases))
    rates = [
        normal(Decimal(m.group("rate") or m.group("rate2")))
        for cell in cells
        for m in [_RATE_CELL.fullmatch(cell)]
        if m
    ]
    if (
        len(rates) >= 2
        and len(set(rates)) == len(rates)
        and len(rates) >= len(cells) - 1
        and all(rate <= 15 for rate in rates)
    ):
        return Columns(["base"] * len(rates), rates=rates)
    return None


#: A column headed by a discount rate alone: "8% discount", "NPV10", "@ 5%", "5% real".
#: A bare number is a value cell, never a rate heading.
_RATE_CELL = re.compile(
    r"NPV\s?@?\s?(?P<rate>\d{1,2}(?:\.\d+)?)\s?%?"
    r"|@?\s?(?P<rate2>\d{1,2}(?:\.\d+)?)\s?%\s(?:discount(?:\srate)?|disc\.?|real|nominal)",
    re.I,
)


_LOM_CELL = re.compile(r"(?:LOM|life[- ]of[- ]mine)(?:\s(?:average|avg\.?|total))?", re.I)
_PERIOD_CELL = re.compile(
    r"(?:years?|yrs?)\s?\d+\s?(?:-|\u2013|to)\s?\d+(?:\saverage)?|year\s\d+|first\s\w+\syears", re.I
)
#: A column headed by its tax basis alone ("Pre-Tax", "After-tax", "Post-Tax").
_BASIS_CELL = re.compile(rf"{TAX_BASIS}(?:\s(?:basis|results?))?", re.I)


def _study_year(cell: str) -> int | None:
    match = _STUDY_YEAR.match(cell)
    return int(match.group("year") or match.group("year2")) if match else None


def _cell_case(cell: str) -> str | None:
    lowered = cell.lower()
    for label in ("spot", "upside", "downside", "consensus"):
        if label in lowered:
            return label
    if "base" in lowered:
        return "base"
    return None


def table_row(
    clause: Clause,
    default: str | None,
    columns: Columns | None,
    caption: re.Match[str] | None = None,
) -> list[Sighting] | None:
    """A flattened row "Label (unit)  v1  v2"; ``None`` if it is not one we can read.

    ``caption`` is the money unit the table's caption gives, for rows without their own.
    """
    text = clause.sentence.text
    first = TABLE_NUMBER.search(text)
    while first and _in_label_unit(text, first.start()):
        first = TABLE_NUMBER.search(text, first.end())
    if not first:
        return None
    label = _unit_cell_in_brackets(text[: first.start()])
    if MONEY.search(text):
        return None
    values = [m for m in TABLE_NUMBER.finditer(text, first.start())]
    if len(values) == 1:
        label = _unit_cell_after(label, text[values[0].end() :])
    if len(values) > 1 and (columns is None or len(columns.cases) != len(values)):
        return []
    cases = columns.cases if columns and len(values) > 1 else [clause.case]
    bases = columns.bases if columns and columns.bases and len(values) > 1 else None
    rates = columns.rates if columns and columns.rates and len(values) > 1 else None
    found: list[Sighting] = []
    for index, (match, case) in enumerate(zip(values, cases, strict=False)):
        if case == NOT_A_CASE:
            continue
        sighting = _row_value(
            label,
            match,
            clause,
            case,
            default,
            bases[index] if bases else None,
            rates[index] if rates else None,
            caption,
        )
        if sighting:
            found.append(sighting)
    return found


_UNIT_CELL = re.compile(
    rf"(?:{SIGN})\s?(?:M|MM|millions?|B|billions?|000s)|(?:{SIGN})\s?/\s?[A-Za-z]+(?:\s[A-Za-z0-9]+)?",
    re.I,
)


def _unit_cell_in_brackets(label: str) -> str:
    """A unit column ("Post-tax NPV (7%)  US$ M  1,270") read as the label's own unit."""
    cells = [cell.strip() for cell in re.split(r"\t|\s{3,}", label) if cell.strip()]
    if len(cells) >= 2 and _UNIT_CELL.fullmatch(cells[-1]):
        return " ".join(cells[:-1]) + f" ({cells[-1]}) "
    return label


#: A unit column after the value ("After-Tax NPV (8%) | 1,562 | US$M |").
_UNIT_AFTER = re.compile(r"\s*(?:\t|\s{2,})\s*(?P<unit>[^\t\d]{1,16}?)\s*(?:\t\s*)?")


def _unit_cell_after(label: str, tail: str) -> str:
    """A unit column after the row's one value, read as the label's own unit."""
    after = _UNIT_AFTER.fullmatch(tail)
    if not after:
        return label
    unit = after.group("unit")
    if _UNIT_CELL.fullmatch(unit) or re.fullmatch(r"%|years?|yrs?", unit, re.I):
        return label.rstrip() + f" ({unit}) "
    return label


def _in_label_unit(text: str, at: int) -> bool:
    """The number is part of the label ("NPV (5%)", "NPV5%"), not a value cell."""
    label = text[:at]
    return bool(re.search(r"(?:NPV|net present value|\()\s?(?:@\s?|at\s)?$", label, re.I)) or bool(
        re.match(r"\d+(?:\.\d+)?\s?%\)?(?:\s?\(|\s?$|\s{2,}|\t)", text[at:])
        and re.search(r"(?:NPV|net present value)\s?\(?$", label, re.I)
    )


#: "Sustaining capital (average per year)": a yearly figure, not the life-of-mine total.
_PER_YEAR_LABEL = re.compile(r"\b(?:per (?:year|annum)|annual(?:ly)?|a year|/\s?y(?:ea)?r)\b", re.I)


def _row_value(
    label: str,
    match: re.Match[str],
    clause: Clause,
    case: str,
    default: str | None,
    column_basis: str | None = None,
    column_rate: Decimal | None = None,
    caption: re.Match[str] | None = None,
) -> Sighting | None:
    value = number(match.group("n").lstrip("-"))
    if match.group("n").startswith("-"):
        return None
    sentence = clause.sentence
    basis_match = re.search(rf"\b{TAX_BASIS}\b", label, re.I)
    basis = column_basis or (basis_of(basis_match.group(1)) if basis_match else clause.basis)
    unit = TABLE_UNIT.search(label) or caption
    per_unit = TABLE_PER_UNIT.search(label)
    extra = {}
    start, end = match.start("n"), match.end("n")

    def currency_of(sign: str) -> str | None:
        return CURRENCIES.get(sign.upper(), "") or default

    for key, pattern in MONEY_KEYS.items():
        if pattern.search(label) and unit and not _PER_YEAR_LABEL.search(label):
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
                    r"(?:NPV|net present value)\s?\(?@?\s?(\d+(?:\.\d+)?)\s?%?", label, re.I
                ) or RATE_ANYWHERE.search(label)
                if column_rate is not None:
                    extra["discount_rate"] = figure_at(
                        "discount_rate", column_rate, sentence, start, end
                    )
                elif rate:
                    digits = next(g for g in rate.groups() if g)
                    extra["discount_rate"] = figure_at(
                        "discount_rate", normal(Decimal(digits)), sentence, rate.start(), rate.end()
                    )
            return Sighting(key, amount, start, end, sentence, case, basis, extra)
    for key, pattern in PERCENT_KEYS.items():
        if pattern.search(label) and re.search(
            r"%", label + sentence.text[match.start() : match.end() + 1]
        ):
            return Sighting(key, normal(value), start, end, sentence, case, basis)
    for key, pattern in YEAR_KEYS.items():
        # "Mine life (years)  24", or "Mine life:  36 years" with the unit after the value.
        if pattern.search(label) and (
            re.search(r"\byears?\b|\byrs?\b", label, re.I)
            or re.match(r"\s?(?:years?|yrs?)\b", sentence.text[match.end() :], re.I)
        ):
            return Sighting(key, normal(value), start, end, sentence, case, basis)
    if per_unit:
        currency = currency_of(per_unit.group("sign"))
        unit_name = UNIT_NAMES.get(per_unit.group("unit").lower(), per_unit.group("unit").lower())
        if UNIT_KEYS["aisc"].search(label):
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
