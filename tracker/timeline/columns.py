"""Timeline lanes stored column by column.

A lane is a handful of numpy arrays (ids, days, categories) rather than one object per item, so
100,000 events cost a few arrays and a chart can draw each lane or category in one batch.
Days are counted from 1970-01-01, which is what a time axis in seconds needs after one multiply.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Self, TypeVar

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
SECONDS_PER_DAY = 86_400
#: ``project_ids`` entry of an item that belongs to no project (a global event).
NO_PROJECT = -1


class RecordKind(StrEnum):
    """What a timeline item is a record of; the chart's ``item_selected`` signal carries it."""

    PROJECT = "project"
    STAGE = "stage"
    STUDY = "study"
    DEAL = "deal"
    OBLIGATION = "obligation"
    EVENT = "event"


def epoch_day(day: date) -> int:
    return day.toordinal() - EPOCH_ORDINAL


def from_epoch_day(day: int) -> date:
    return date.fromordinal(int(day) + EPOCH_ORDINAL)


def epoch_days(iso_dates: Iterable[str | None]) -> IntArray:
    """ISO dates (as SQL returns them) to epoch days in one vectorised parse; None stays NaT."""
    parsed = np.array(list(iso_dates), dtype="datetime64[D]")
    return parsed.astype(np.int64)


#: ``epoch_days`` turns a missing date (NaT) into this value.
MISSING_DAY = int(np.datetime64("NaT").astype(np.int64))


def _ints(values: Iterable[int]) -> IntArray:
    return np.fromiter(values, dtype=np.int64)


def _strs(values: Iterable[str]) -> StrArray:
    listed = list(values)
    return np.array(listed, dtype=np.str_) if listed else np.empty(0, dtype="<U1")


@dataclass(frozen=True, eq=False)
class Marks:
    """Dated point markers of one lane; row ``i`` of every array is one item.

    ``flagged`` marks items that need attention (an overdue obligation); ``settled`` marks items
    that are done (a met obligation). Both are all False where the lane has no such notion.
    """

    kind: RecordKind
    ids: IntArray
    project_ids: IntArray
    days: IntArray
    categories: StrArray
    flagged: BoolArray
    settled: BoolArray

    @classmethod
    def build(
        cls,
        kind: RecordKind,
        ids: Iterable[int],
        project_ids: Iterable[int],
        days: IntArray,
        categories: Iterable[str],
        flagged: BoolArray | None = None,
        settled: BoolArray | None = None,
    ) -> Self:
        id_array = _ints(ids)
        empty = np.zeros(len(id_array), dtype=np.bool_)
        return cls(
            kind,
            id_array,
            _ints(project_ids),
            days.astype(np.int64),
            _strs(categories),
            empty if flagged is None else flagged,
            empty.copy() if settled is None else settled,
        )

    @classmethod
    def empty(cls, kind: RecordKind) -> Self:
        return cls.build(kind, [], [], np.empty(0, dtype=np.int64), [])

    def __len__(self) -> int:
        return len(self.ids)

    def where(self, mask: BoolArray) -> Self:
        """The items where ``mask`` is True, in the same order."""
        return replace(
            self,
            ids=self.ids[mask],
            project_ids=self.project_ids[mask],
            days=self.days[mask],
            categories=self.categories[mask],
            flagged=self.flagged[mask],
            settled=self.settled[mask],
        )


@dataclass(frozen=True, eq=False)
class Spans:
    """Dated bars of one lane (stage bands, deals); ``ongoing`` bars end today, still open."""

    kind: RecordKind
    ids: IntArray
    project_ids: IntArray
    starts: IntArray
    ends: IntArray
    categories: StrArray
    ongoing: BoolArray

    @classmethod
    def build(
        cls,
        kind: RecordKind,
        ids: Iterable[int],
        project_ids: Iterable[int],
        starts: IntArray,
        ends: IntArray,
        categories: Iterable[str],
        ongoing: BoolArray,
    ) -> Self:
        return cls(
            kind,
            _ints(ids),
            _ints(project_ids),
            starts.astype(np.int64),
            ends.astype(np.int64),
            _strs(categories),
            ongoing.astype(np.bool_),
        )

    @classmethod
    def empty(cls, kind: RecordKind) -> Self:
        none = np.empty(0, dtype=np.int64)
        return cls.build(kind, [], [], none, none, [], np.empty(0, dtype=np.bool_))

    def __len__(self) -> int:
        return len(self.ids)

    def where(self, mask: BoolArray) -> Self:
        """The bars where ``mask`` is True, in the same order."""
        return replace(
            self,
            ids=self.ids[mask],
            project_ids=self.project_ids[mask],
            starts=self.starts[mask],
            ends=self.ends[mask],
            categories=self.categories[mask],
            ongoing=self.ongoing[mask],
        )


Lane = TypeVar("Lane", Marks, Spans)


def stack_spans(starts: IntArray, ends: IntArray, gap: int = 0) -> IntArray:
    """A sub-row for each span so that spans on one sub-row never overlap (greedy, by start).

    Overlapping deals of one project are drawn on separate sub-rows instead of over each other.
    """
    slots = np.zeros(len(starts), dtype=np.int64)
    slot_ends: list[int] = []
    for index in np.argsort(starts, kind="stable").tolist():
        start, end = int(starts[index]), int(ends[index])
        free = next((s for s, last in enumerate(slot_ends) if last + gap < start), None)
        if free is None:
            free = len(slot_ends)
            slot_ends.append(end)
        else:
            slot_ends[free] = end
        slots[index] = free
    return slots
