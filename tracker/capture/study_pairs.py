"""Figures named together and valued together, in order: "a post-tax net present value (5%)
and internal rate of return of US$388 million and 29%, respectively", and "the pre-tax and
after-tax NPV8 are $1.62 billion and $1.05 billion, respectively".

The keyword-then-value rules cannot read these: a second keyword (or basis) stands between the
first one and its value. Both values are read here, in order, and the clause rules leave the
keys read here alone for the sentence.
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
    # "At an upside zinc price ..., the after-tax NPV8% and IRR increase to US$455 million and
    # 33.1%, respectively": a case's values, stated as what they become.
    r"(?:of|are|were|is|was|at|would be|will be|:|(?:increase|rise|improve|decrease|fall)s?\sto)"
    r"\s(?:approximately\s)?"
    rf"(?P<money>(?:{SIGN})\s?[\d.,]*\d(?:[\s-]?(?:million|billion|mm|bn|m|b)\b)?)"
    r"\sand\s(?P<irr>\d+(?:\.\d+)?\s?%)"
    r"(?:,?\s(?:respectively))?",
    re.I,
)
_RATE = re.compile(r"(?P<rate>\d+(?:\.\d+)?)\s?%")
_VALUE = rf"(?:(?:{SIGN})\s?[\d.,]*\d(?:[\s-]?(?:million|billion|mm|bn|m|b)\b)?|\d+(?:\.\d+)?\s?%)"
_ANY_BASIS = r"(?:after|post|pre|before)[- ]?tax(?:es)?"
#: "pre-tax and after-tax NPV8 are $1.62 billion and $1.05 billion": one key on two bases.
_BASES = re.compile(
    rf"\b(?P<b1>{_ANY_BASIS})\s(?:and|&)\s(?P<b2>{_ANY_BASIS})\s"
    r"(?P<key>NPVs?|net present values?|IRRs?|internal rates? of return)"
    r"(?P<label>[^.;$%]{0,20}?)\s"
    rf"(?:are|were|of|is|:)\s(?:approximately\s)?(?P<v1>{_VALUE})\s(?:and|&)\s(?P<v2>{_VALUE})",
    re.I,
)


def paired(
    sentence: Sentence, case: str, clause_basis: str | None, default: str | None
) -> tuple[list[Sighting], set[str]]:
    """The figures of the sentence's paired statements, and the keys they hold."""
    found = _npv_and_irr(sentence, case, clause_basis, default) + _two_bases(
        sentence, case, default
    )
    return found, {sighting.key for sighting in found}


def _two_bases(sentence: Sentence, case: str, default: str | None) -> list[Sighting]:
    """Each value of "pre-tax and after-tax NPV8 are A and B" on its own basis."""
    found: list[Sighting] = []
    text = sentence.text
    for match in _BASES.finditer(text):
        is_npv = match.group("key").lower().startswith(("npv", "net"))
        bases = [_basis(match.group("b1")), _basis(match.group("b2"))]
        for group, basis in zip(("v1", "v2"), bases, strict=True):
            start, end = match.span(group)
            if is_npv:
                moneys = find_money(text, default, start, end)
                if len(moneys) != 1:
                    return []
                money = moneys[0]
                extra = {}
                if money.currency:
                    extra["npv_currency"] = figure_at(
                        "npv_currency", money.currency, sentence, money.start, money.end
                    )
                rate = _RATE_IN_KEY.search(match.group("key") + match.group("label"))
                if rate:
                    at = match.start("key") + rate.start("rate")
                    value = normal(Decimal(rate.group("rate")))
                    extra["discount_rate"] = figure_at(
                        "discount_rate", value, sentence, at, at + len(rate.group("rate"))
                    )
                found.append(
                    Sighting(
                        "npv",
                        millions(money.amount),
                        sentence.at(start),
                        sentence.at(end),
                        sentence,
                        case,
                        basis,
                        extra,
                    )
                )
            else:
                percent = PERCENT.match(text, start)
                if percent is None:
                    return []
                found.append(
                    Sighting(
                        "irr",
                        normal(number(percent.group("number"))),
                        sentence.at(start),
                        sentence.at(end),
                        sentence,
                        case,
                        basis,
                    )
                )
    return found


#: "NPV8", "NPV (8%)", "NPV at 8%": the rate in a key's own words.
_RATE_IN_KEY = re.compile(r"(?:NPV|value)\s?\(?(?:@|at)?\s?(?P<rate>\d+(?:\.\d+)?)\s?%?", re.I)


def _npv_and_irr(
    sentence: Sentence, case: str, clause_basis: str | None, default: str | None
) -> list[Sighting]:
    """The NPV and IRR of "NPV ... and IRR of A and B%, respectively", or none."""
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
    irr = PERCENT.match(text, match.start("irr"))
    assert irr is not None
    return [
        Sighting(
            "npv",
            millions(money.amount),
            sentence.at(money.start),
            sentence.at(money.end),
            sentence,
            case,
            basis,
            extra,
        ),
        Sighting(
            "irr",
            normal(number(irr.group("number"))),
            sentence.at(irr.start()),
            sentence.at(irr.end()),
            sentence,
            case,
            basis,
        ),
    ]


def _basis(words: str) -> str:
    """ "pre-tax" for "pre-tax" or "before taxes", "after-tax" for "post-tax" or "after tax"."""
    found = re.match(TAX_BASIS, words, re.I)
    return basis_of(found.group(1)) if found else "after-tax"


def _basis_in(label: str) -> str | None:
    found = re.search(rf"\b{TAX_BASIS}\b", label, re.I)
    return found.group(1) if found else None
