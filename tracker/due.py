"""One rule for where an obligation stands on a given day, and how that reads.

An obligation (a payment, share issue or work commitment, an earn-in step, an expected close or
study) is *met* once done; otherwise it is *overdue* when its date is before today, the *next*
one when it is the earliest not yet past, *later* after that, and *undated* without a date.
The deal and company pages, Portfolio ▸ Upcoming, the timeline's marks and its hover text all
ask ``due_status``, so an overdue payment is never called "next" in one place and "overdue" in
another. ``today`` is always passed in, so tests and screenshots can fix it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Standing(StrEnum):
    MET = "met"
    OVERDUE = "overdue"
    NEXT = "next"
    LATER = "later"
    UNDATED = "undated"


@dataclass(frozen=True)
class DueStatus:
    """Where one obligation stands, and the days from today to its date (negative: past)."""

    standing: Standing
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.standing is Standing.OVERDUE

    @property
    def when(self) -> str:
        """``overdue 62 d``, ``due today``, ``in 30 d`` or ``no date``."""
        return when_label(self.days_left)

    @property
    def label(self) -> str:
        """What a list of obligations says: ``✓ met``, ``overdue 62 d``, ``next · in 30 d``,
        ``in 400 d`` or ``no date``."""
        if self.standing is Standing.MET:
            return "✓ met"
        if self.standing is Standing.NEXT:
            return f"next · {self.when}"
        return self.when


def when_label(days_left: int | None) -> str:
    """``overdue 62 d``, ``due today``, ``in 30 d`` or ``no date``, from the days to the date."""
    if days_left is None:
        return "no date"
    if days_left < 0:
        return f"overdue {-days_left} d"
    return "due today" if days_left == 0 else f"in {days_left} d"


def due_status(due_date: date | None, met: bool, today: date, *, first: bool = True) -> DueStatus:
    """Where one obligation stands on ``today``.

    ``first`` says whether no other unmet obligation of the same list falls due before it (and
    not before today); a lone obligation is its own first. ``due_statuses`` works that out for
    a whole list.
    """
    days = None if due_date is None else (due_date - today).days
    if met:
        return DueStatus(Standing.MET, days)
    if days is None:
        return DueStatus(Standing.UNDATED, None)
    if days < 0:
        return DueStatus(Standing.OVERDUE, days)
    return DueStatus(Standing.NEXT if first else Standing.LATER, days)


def next_index(items: Sequence[tuple[date | None, bool]], today: date) -> int | None:
    """The position of the next obligation: the earliest unmet one dated today or later."""
    pending = [
        (due, index)
        for index, (due, met) in enumerate(items)
        if not met and due is not None and due >= today
    ]
    return min(pending)[1] if pending else None


def due_statuses(items: Sequence[tuple[date | None, bool]], today: date) -> list[DueStatus]:
    """``due_status`` of each (due date, met) pair of one list, in order."""
    first = next_index(items, today)
    return [
        due_status(due, met, today, first=index == first) for index, (due, met) in enumerate(items)
    ]


def overdue_mask(due_days: IntArray, met: BoolArray, today_day: int) -> BoolArray:
    """``due_status(...).overdue`` for a column of obligations at once (the timeline's lanes),
    dates as epoch days."""
    return np.logical_and(~met, due_days < today_day)
