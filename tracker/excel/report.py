"""What an import found before writing: each row's fate and every problem, by sheet/row/column."""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from tracker.errors import repr_value


class Action(StrEnum):
    """What a row (or a record) will do."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (sheet, row as Excel numbers it, column header), the value, why."""

    sheet: str
    row: int
    column: str
    value: object
    reason: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.row}" if self.row else self.sheet
        column = f" [{self.column}]" if self.column else ""
        shown = "(empty)" if self.value is None or self.value == "" else repr_value(self.value)
        return f"{where}{column} {shown}: {self.reason}"


class RowOutcome(NamedTuple):
    """A data row: what it is about (``label``) and what the import does with it (a tuple:
    an import of 100,000 rows makes 100,000 of them)."""

    sheet: str
    row: int
    label: str
    action: Action


@dataclass
class Preview:
    """The plan's summary for people: row outcomes, problems, and record counts by action."""

    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: (entity, action) -> records, e.g. ("study", "create") -> 12
    records: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Sheets left out, with the reason (e.g. "no column matches a known field").
    skipped_sheets: dict[str, str] = field(default_factory=dict)

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    def count_skipped(self) -> int:
        return self.count(Action.SKIP)

    @property
    def writes(self) -> int:
        """Records to create or update: zero means the import would change nothing."""
        return sum(n for (_entity, action), n in self.records.items() if action != "unchanged")

    def summary(self, done: bool = False) -> str:
        """ "3 rows to create, ..." before writing; "3 created, ..." once written."""
        past = {Action.CREATE: "created", Action.UPDATE: "updated", Action.SKIP: "skipped"}
        parts = []
        for action in (Action.CREATE, Action.UPDATE, Action.UNCHANGED, Action.SKIP):
            count = self.count(action)
            if action is Action.UNCHANGED:
                parts.append(f"{count:,} unchanged")
            elif done:
                parts.append(f"{count:,} {past[action]}")
            else:
                parts.append(f"{count:,} rows to {action.value}")
        text = ", ".join(parts)
        if self.problems:
            text += f"; {len(self.problems):,} problems"
        return text
