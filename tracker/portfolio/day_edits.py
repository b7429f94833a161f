"""Undo and redo of writes to the tables that keep one row per day (share prices, FX rates).

A write (typed, deleted, or a CSV import of thousands of days) is bracketed by two snapshots of
the rows it can touch; their difference is the list of edits, each a row's values before and
after (None: no row that day). Undo puts back every ``before``, redo every ``after``.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import select
from sqlmodel import Session, SQLModel, col

from tracker.models import FxRate, SharePrice

T = TypeVar("T")
Key = tuple[Any, ...]
Values = tuple[Any, ...]


class DayEdit(NamedTuple):
    """One row of a day table, by its natural key, before and after a write."""

    key: Key
    before: Values | None
    after: Values | None


@dataclass(frozen=True)
class DayTable:
    """A table with one row per natural key (``keys``), whose other columns are ``values``."""

    model: type[SQLModel]
    keys: tuple[str, ...]
    values: tuple[str, ...]

    def snapshot(
        self, session: Session, where: Mapping[str, Any] | None = None
    ) -> dict[Key, Values]:
        """Every row (or those whose columns equal ``where``), by key."""
        columns = [col(getattr(self.model, name)) for name in (*self.keys, *self.values)]
        query = select(*columns)
        for name, value in (where or {}).items():
            query = query.where(col(getattr(self.model, name)) == value)
        width = len(self.keys)
        return {tuple(row[:width]): tuple(row[width:]) for row in session.execute(query)}

    def put(self, session: Session, key: Key, values: Values | None) -> None:
        """Make the row of ``key`` hold ``values`` (None: no row)."""
        query = select(self.model)
        for name, part in zip(self.keys, key, strict=True):
            query = query.where(col(getattr(self.model, name)) == part)
        row = session.scalars(query).one_or_none()
        if values is None:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = self.model(**dict(zip(self.keys, key, strict=True)))
                session.add(row)
            for name, value in zip(self.values, values, strict=True):
                setattr(row, name, value)
        session.flush()

    def recorded(
        self, session: Session, write: Callable[[], T], where: Mapping[str, Any] | None = None
    ) -> tuple[T, list[DayEdit]]:
        """Run ``write`` and return its result with what it changed among the rows ``where``."""
        before = self.snapshot(session, where)
        result = write()
        session.flush()
        return result, changes(before, self.snapshot(session, where))


def changes(before: Mapping[Key, Values], after: Mapping[Key, Values]) -> list[DayEdit]:
    """The rows that differ between two snapshots, in key order."""
    keys = sorted(set(before) | set(after), key=repr)
    return [
        DayEdit(key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key)
    ]


def undo_day_edits(session: Session, table: DayTable, edits: Sequence[DayEdit]) -> None:
    _apply(session, table, ((edit.key, edit.before) for edit in edits))


def redo_day_edits(session: Session, table: DayTable, edits: Sequence[DayEdit]) -> None:
    _apply(session, table, ((edit.key, edit.after) for edit in edits))


def _apply(session: Session, table: DayTable, states: Iterable[tuple[Key, Values | None]]) -> None:
    # Deletions first, so that no unique key is briefly held twice.
    ordered = sorted(states, key=lambda state: state[1] is not None)
    for key, values in ordered:
        table.put(session, key, values)


SHARE_PRICES = DayTable(SharePrice, ("company_id", "price_date"), ("price", "currency", "source"))
FX_RATES = DayTable(FxRate, ("base", "quote", "rate_date"), ("rate", "source"))
