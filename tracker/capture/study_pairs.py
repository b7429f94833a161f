"""An NPV and an IRR named together and valued together: "a post-tax net present value (5%)
and internal rate of return of US$388 million and 29%, respectively".

The keyword-then-value rules cannot read this: the IRR's keyword stands between the NPV's and
its value. Both values are read here, in order, and the clause rules leave the two keys alone.
"""

import re
from decimal import Decimal

from tracker.capture.clauses import TAX_BASIS, basis_of
from tracker.capture.money import PERCENT, SIGN, find_money, millions, normal, number
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import Sighting, figure_at

_PAIR = re.compile(
    rf"(?:(?P<basis>{TAX_BASIS})\s)?(?P<npv>NPV|net present value)(?P<label>[^.;]{{0,40}}?)\s"
    r"and\s(?:an?\s|the\s)?(?:IRR|internal rate of return)\s"
    r"(?:of|are|were|is|was|at|would be|will be|:)\s(?:approximately\s)?"
    rf"(?P<money>(?:{SIGN})\s?[\d.,]*\d(?:[\s-]?(?:million|billion|mm|bn|m|b)\b)?)"
    r"\sand\s(?P<irr>\d+(?:\.\d+)?\s?%)"
    r"(?:,?\s(?:respectively))?",
    re.I,
)
_RATE = re.compile(r"(?P<rate>\d+(?:\.\d+)?)\s?%")
#: The keys the clause rules leave to this one when a sentence pairs them.
PAIRED_KEYS = frozenset({"npv", "irr"})


def paired(
    sentence: Sentence, case: str, clause_basis: str | None, default: str | None
) -> list[Sighting]:
    """The NPV and IRR of the sentence's first paired statement, or none."""
    text = sentence.text
    match = _PAIR.search(text)
    if not match:
        return []
    moneys = find_money(text, default, match.start("money"), match.end("money"))
    if len(moneys) != 1:
        return []
    money = moneys[0]
    word = match.group("basis") or _basis_in(match.group("label"))
    basis = basis_of(word) if word else clause_basis
    extra = {}
    if money.currency:
        extra["npv_currency"] = figure_at(
            "npv_currency", money.currency, sentence, money.start, money.end
        )
    rate = _RATE.search(match.group("label"))
    if rate and Decimal(0) < Decimal(rate.group("rate")) <= Decimal(15):
        start = match.start("label") + rate.start("rate")
        value = normal(Decimal(rate.group("rate")))
        extra["discount_rate"] = figure_at(
            "discount_rate", value, sentence, start, start + len(rate.group("rate"))
        )
    base = sentence.span.start
    irr = PERCENT.match(text, match.start("irr"))
    assert irr is not None
    return [
        Sighting(
            "npv",
            millions(money.amount),
            base + money.start,
            base + money.end,
            sentence,
            case,
            basis,
            extra,
        ),
        Sighting(
            "irr",
            normal(number(irr.group("number"))),
            base + irr.start(),
            base + irr.end(),
            sentence,
            case,
            basis,
        ),
    ]


def _basis_in(label: str) -> str | None:
    found = re.search(rf"\b{TAX_BASIS}\b", label, re.I)
    return found.group(1) if found else None
