"""Masses in the units commodity prices are quoted in, and a study's production unit read.

A price per troy ounce and production in million pounds meet in kilograms: a troy ounce is
31.1034768 g and a pound 0.45359237 kg, both exact by definition. Units of contained metal
(``mtu``, ``dmtu``) are no plain mass and convert to nothing but themselves.
"""

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

#: Kilograms per unit.
KILOGRAMS: dict[str, Decimal] = {
    "oz": Decimal("0.0311034768"),
    "lb": Decimal("0.45359237"),
    "kg": Decimal(1),
    "t": Decimal(1000),
}
PREFIXES: dict[str, Decimal] = {"": Decimal(1), "k": Decimal(1000), "M": Decimal(1_000_000)}
_PRODUCTION = re.compile(
    r"^\s*(?P<prefix>[kM]?)(?P<unit>oz|lb|kg|t|dmtu|mtu)(?:/[ay])?(?![/\w])\s*(?P<what>.*)$"
)


class ProductionUnit(NamedTuple):
    """``Mlb Cu`` read: a million (``scale``) pounds (``unit``) of ``what`` (``Cu``)."""

    scale: Decimal
    unit: str
    what: str


@lru_cache(maxsize=1024)
def read_production_unit(text: str | None) -> ProductionUnit | None:
    """``oz AuEq``, ``koz/a``, ``Mlb U3O8``, ``t graphite conc``; None when not a mass."""
    if not text:
        return None
    found = _PRODUCTION.match(text)
    if found is None:
        return None
    return ProductionUnit(PREFIXES[found["prefix"]], found["unit"], found["what"].strip())


def per_unit_factor(source: str, target: str) -> Decimal | None:
    """How many ``target`` units one ``source`` unit is (t -> lb: 2,204.62...), or None when
    they do not convert."""
    if source == target:
        return Decimal(1)
    if source in KILOGRAMS and target in KILOGRAMS:
        return KILOGRAMS[source] / KILOGRAMS[target]
    return None
