"""Figures a form can use that the JSON object leaves out: throughput, production, cash cost,
a deal's NSR royalty and a stream's deposit. Each is the first plain statement of it.
"""

import re

from tracker.capture.model import Figure
from tracker.capture.money import NUMBER, PCT, find_money, normal, number
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import figure_at

_THROUGHPUT = re.compile(
    rf"(?P<n>{NUMBER})\s?(?P<unit>tonnes per day|tpd|t/d|tonnes? per year|tpa|Mtpa|"
    r"million tonnes per (?:year|annum))\b",
    re.I,
)
_PRODUCTION = re.compile(
    rf"\bannual\s(?:\w+\s){{0,2}}?production\s(?:of\s)?(?:approximately\s|about\s)?(?P<n>{NUMBER})"
    r"\s?(?P<scale>million\s|thousand\s|k\s)?(?P<unit>ounces|oz|pounds|lbs|lb|tonnes|t)\b",
    re.I,
)
_CASH_COST = re.compile(r"\b(?:C1\s)?cash costs?\b", re.I)
_PER = re.compile(r"\s?(?:/|per\s)(?:payable\s)?(?P<unit>oz|ounce|lb|pound|t|tonne)\b", re.I)
_NSR = re.compile(rf"(?P<n>{NUMBER}){PCT}\s(?:NSR|net smelter returns?)\b", re.I)
_DEPOSIT = re.compile(r"\b(?:upfront|up-front|advance)?\s?(?:cash\s)?deposit\s(?:of\s)?$", re.I)
_UNITS = {"ounce": "oz", "pound": "lb", "tonne": "t", "lbs": "lb", "ounces": "oz", "pounds": "lb"}


def study_details(sentences: list[Sentence], default: str | None) -> dict[str, Figure]:
    """Throughput, annual production and cash cost, each from the first sentence stating it."""
    found: dict[str, Figure] = {}
    for sentence in sentences:
        text = sentence.text
        throughput = _THROUGHPUT.search(text)
        if throughput and "throughput" not in found:
            value = normal(number(throughput.group("n")))
            found["throughput"] = figure_at("throughput", value, sentence, *throughput.span("n"))
            unit = throughput.group("unit").lower()
            found["throughput_unit"] = figure_at(
                "throughput_unit", unit, sentence, *throughput.span()
            )
        production = _PRODUCTION.search(text)
        if production and "annual_production" not in found:
            scale = (production.group("scale") or "").strip().lower()
            factor = {"million": 1_000_000, "thousand": 1000, "k": 1000}.get(scale, 1)
            value = normal(number(production.group("n")) * factor)
            found["annual_production"] = figure_at(
                "annual_production", value, sentence, *production.span("n")
            )
            unit = production.group("unit").lower()
            found["production_unit"] = figure_at(
                "production_unit", _UNITS.get(unit, unit), sentence, *production.span("unit")
            )
        cost = _CASH_COST.search(text)
        if cost and "cash_cost" not in found:
            for money in find_money(text, default, cost.end(), min(len(text), cost.end() + 60)):
                per = _PER.match(text, money.end)
                if per and money.currency:
                    found["cash_cost"] = figure_at(
                        "cash_cost", normal(money.amount), sentence, money.start, money.end
                    )
                    per_unit = per.group("unit").lower()
                    unit = f"{money.currency}/{_UNITS.get(per_unit, per_unit)}"
                    found["cash_cost_unit"] = figure_at(
                        "cash_cost_unit", unit, sentence, money.start, per.end()
                    )
                break
    return found


def deal_details(sentences: list[Sentence], default: str | None) -> dict[str, Figure]:
    """The NSR royalty percentage and a stream's deposit, where stated."""
    found: dict[str, Figure] = {}
    for sentence in sentences:
        text = sentence.text
        nsr = _NSR.search(text)
        if nsr and "nsr_pct" not in found:
            found["nsr_pct"] = figure_at(
                "nsr_pct", normal(number(nsr.group("n"))), sentence, *nsr.span("n")
            )
        if "deposit" in found:
            continue
        for money in find_money(text, default):
            if _DEPOSIT.search(text[max(0, money.start - 40) : money.start]):
                found["deposit"] = figure_at(
                    "deposit", normal(money.amount), sentence, money.start, money.end
                )
                if money.currency:
                    found["deposit_currency"] = figure_at(
                        "deposit_currency", money.currency, sentence, money.start, money.end
                    )
                break
    return found
