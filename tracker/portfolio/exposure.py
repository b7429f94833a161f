"""The portfolio's exposure by commodity, country and stage, weighted by position value.

How a position's value is spread, so that every unit of value lands in exactly one bucket:

- Over the company's projects in proportion to its attributable interest in each (current, or
  if fully earned): a company with 100 % of one project and 25 % of another puts 80 % of its
  value on the first. A company with no project interest lands in "(no project interest)".
- By commodity, each project counts under its primary commodity only (the first listed), not
  split across its by-products: by-product credits rarely drive a junior's value, and an equal
  split would make a gold mine with a silver credit look half silver.
- A position without a value (no price, or no rate to convert it) is left out and listed in
  ``left_out`` with the reason.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from sqlmodel import Session

from tracker.enums import Stage
from tracker.portfolio.facts import ProjectFacts, project_facts
from tracker.portfolio.fx import FxBook
from tracker.portfolio.interests import Interest, attributable_interests
from tracker.portfolio.positions import PositionRow, position_rows

ZERO = Decimal(0)
HUNDRED = Decimal(100)
NO_PROJECT = "(no project interest)"
NOT_ENTERED = "(not entered)"


class Basis(StrEnum):
    """Which interest weights the projects: today's, or the one once every deal is earned."""

    CURRENT = "current"
    FULLY_EARNED = "if fully earned"

    def pct(self, interest: Interest) -> Decimal:
        return interest.current_pct if self is Basis.CURRENT else interest.fully_earned_pct


class Dimension(StrEnum):
    COMMODITY = "commodity"
    COUNTRY = "country"
    STAGE = "stage"


class ExposureRow(NamedTuple):
    dimension: str
    bucket: str
    value: Decimal
    share_pct: Decimal


@dataclass(frozen=True)
class Exposure:
    """Position value (in ``currency``) by bucket, for each dimension."""

    on: date
    currency: str
    basis: Basis
    total: Decimal
    rows: Mapping[Dimension, list[ExposureRow]]
    left_out: list[str]

    def all_rows(self) -> list[ExposureRow]:
        return [row for dimension in Dimension for row in self.rows[dimension]]


BUCKETS: dict[Dimension, Callable[[ProjectFacts], str | None]] = {
    Dimension.COMMODITY: lambda facts: facts.primary_commodity,
    Dimension.COUNTRY: lambda facts: facts.country,
    Dimension.STAGE: lambda facts: facts.stage,
}


def portfolio_exposure(
    session: Session, on: date, currency: str, basis: Basis = Basis.CURRENT
) -> Exposure:
    """Exposure of the positions valued on ``on``, added up in ``currency``."""
    book = FxBook.load(session, on)
    positions = position_rows(session, on, book)
    interests: dict[int, list[Interest]] = defaultdict(list)
    for interest in attributable_interests(session, {p.company_id for p in positions}):
        if basis.pct(interest) > 0:
            interests[interest.company_id].append(interest)
    facts = project_facts(session, {i.project_id for group in interests.values() for i in group})
    totals: dict[Dimension, dict[str, Decimal]] = {d: defaultdict(lambda: ZERO) for d in Dimension}
    left_out: list[str] = []
    for position in positions:
        value, reason = _value_in(position, currency, book)
        if value is None:
            left_out.append(f"{position.company}: {reason}")
            continue
        for project_id, weight in _weights(interests[position.company_id], basis):
            for dimension, bucket_of in BUCKETS.items():
                bucket = NO_PROJECT if project_id is None else bucket_of(facts[project_id])
                totals[dimension][bucket or NOT_ENTERED] += value * weight
    total = sum(totals[Dimension.COUNTRY].values(), ZERO)
    rows = {dimension: _rows(dimension, totals[dimension], total) for dimension in Dimension}
    return Exposure(on, currency, basis, total, rows, left_out)


STAGE_RANK = {stage.value: rank for rank, stage in enumerate(Stage)}


def stage_rank(bucket: str) -> int:
    """A stage's place in the pipeline; buckets that are not stages come after all of them."""
    return STAGE_RANK.get(bucket, len(STAGE_RANK))


def _value_in(position: PositionRow, currency: str, book: FxBook) -> tuple[Decimal | None, str]:
    if position.value is None:
        return None, position.note or "no value"
    return book.try_convert(position.value, position.currency, currency)


def _weights(interests: list[Interest], basis: Basis) -> list[tuple[int | None, Decimal]]:
    """Each project's share of a company's value; ``None`` stands for "no project"."""
    total = sum((basis.pct(interest) for interest in interests), ZERO)
    if not total:
        return [(None, Decimal(1))]
    return [(interest.project_id, basis.pct(interest) / total) for interest in interests]


def _rows(dimension: Dimension, values: dict[str, Decimal], total: Decimal) -> list[ExposureRow]:
    rows = [
        ExposureRow(dimension.value, bucket, value, value / total * HUNDRED if total else ZERO)
        for bucket, value in values.items()
    ]
    if dimension is Dimension.STAGE:
        return sorted(rows, key=lambda row: (stage_rank(row.bucket), row.bucket))
    return sorted(rows, key=lambda row: (-row.value, row.bucket))
