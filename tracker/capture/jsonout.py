"""The ``capture --json`` object: only the keys found, numbers exact (Decimal, written via str)."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.capture.model import Capture, Case, Figure

#: Top-level keys in the order the object lists them.
KEY_ORDER = [
    "kind",
    "company",
    "project",
    "study_type",
    "npv",
    "npv_currency",
    "npv_basis",
    "discount_rate",
    "irr",
    "initial_capex",
    "capex_currency",
    "sustaining_capex",
    "aisc",
    "aisc_unit",
    "mine_life",
    "payback",
    "deal_type",
    "interest_pct",
    "counterparty",
    "cash",
    "cash_currency",
    "shares",
    "work_commitment",
]
#: The JSON names four kinds; a resource estimate is "other" news there (``Capture.kind`` keeps
#: "resource" for the timeline's event).
JSON_KINDS = {"resource": "other"}
_HOLE_KEYS = ("hole", "from_m", "to_m", "interval_m", "grade", "grade_unit", "including")


def capture_json(capture: Capture) -> dict[str, Any]:
    """The JSON object of a capture, numbers as ``Decimal`` (see :func:`dumps`)."""
    result: dict[str, Any] = {"kind": JSON_KINDS.get(capture.kind, capture.kind)}
    result.update(_figures(capture.figures))
    if capture.prices:
        result["prices"] = [_price(price) for price in capture.prices]
    if capture.alt_cases:
        result["alt_cases"] = [_case(case, result) for case in capture.alt_cases]
    if capture.holes:
        result["holes"] = [
            {key: _value(hole[key]) for key in _HOLE_KEYS if key in hole} for hole in capture.holes
        ]
    return result


def _case(case: Case, base: dict[str, Any]) -> dict[str, Any]:
    """An alternative case as what sets it apart: a key or price the base case shares (its
    NPV's currency, basis and rate, most often) is the base case's, not repeated."""
    figures = {k: v for k, v in _figures(case.figures).items() if base.get(k) != v}
    shared = base.get("prices", [])
    prices = [price for price in map(_price, case.prices) if price not in shared]
    return {"case": case.label, **figures} | ({"prices": prices} if prices else {})


def _figures(figures: dict[str, Figure]) -> dict[str, Any]:
    return {key: _value(figures[key]) for key in KEY_ORDER if key in figures}


def _price(price: dict[str, Figure]) -> dict[str, Any]:
    return {key: _value(price[key]) for key in ("commodity", "price", "unit") if key in price}


def _value(figure: Figure) -> Any:
    value = figure.value
    return value.isoformat() if isinstance(value, date) else value


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text with each ``Decimal`` written exactly as its digits, never through a float."""
    return _dump(value, indent, 0)


def _dump(value: Any, indent: int, level: int) -> str:
    pad, inner = " " * indent * level, " " * indent * (level + 1)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {_dump(v, indent, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{inner}{_dump(v, indent, level + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)
