"""The periods returns are shown over: since the first transaction, the year to date, the last
year, or chosen days. A period runs from the close of ``start`` to the close of ``end``."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    SINCE_START = "since start"
    YEAR_TO_DATE = "year to date"
    ONE_YEAR = "1 year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def label(self) -> str:
        return f"{self.kind.value}: {self.start.isoformat()} to {self.end.isoformat()}"


def period(
    kind: PeriodKind, end: date, first_day: date | None, start: date | None = None
) -> Period:
    """The period of ``kind`` ending ``end``. Since start opens the day before ``first_day``
    (the first transaction, so nothing is held at its start); custom takes ``start``."""
    if kind is PeriodKind.SINCE_START:
        opening = (first_day or end) - timedelta(days=1)
    elif kind is PeriodKind.YEAR_TO_DATE:
        opening = date(end.year - 1, 12, 31)
    elif kind is PeriodKind.ONE_YEAR:
        opening = _year_before(end)
    else:
        if start is None:
            raise ValueError("a custom period needs its start")
        opening = start
    if opening > end:
        raise ValueError(f"the period starts {opening.isoformat()}, after its end")
    return Period(kind, opening, end)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
