"""What an import found before writing: each row's fate and every problem, by sheet/row/column."""

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, overload

from tracker.errors import repr_value
from tracker.excel.changes import RecordUpdate, Removal
from tracker.excel.journal import ImportChanges


class Action(StrEnum):
    """What a row (or a record) will do."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (sheet, row as Excel numbers it, column header), the value, why,
    and how to put it right (``fix``; ``advice`` writes it once the plan is made)."""

    sheet: str
    row: int
    column: str
    value: object
    reason: str
    #: The field (``study.study_type``) the problem is about, when it is one.
    field: str = ""
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.row}" if self.row else self.sheet
        column = f" [{self.column}]" if self.column else ""
        shown = "(empty)" if self.value is None or self.value == "" else repr_value(self.value)
        fix = f". Fix: {self.fix}" if self.fix else ""
        return f"{where}{column} {shown}: {self.reason}{fix}"


class RowOutcome(NamedTuple):
    """A data row: what it is about (``label``) and what the import does with it (a tuple:
    an import of 100,000 rows makes 100,000 of them)."""

    sheet: str
    row: int
    label: str
    action: Action


class RowOutcomes(Sequence[RowOutcome]):
    """The rows of a preview. Each row's action is known at once; its outcome (with the label
    a person reads) is made when asked for, as an import of 100,000 rows lists 100,000."""

    def __init__(self) -> None:
        self.actions: list[Action] = []
        self._parts: list[tuple[int, Callable[[int], RowOutcome]]] = []

    def extend(self, actions: list[Action], outcome: Callable[[int], RowOutcome]) -> None:
        """Add rows: their actions, and how the k-th of them becomes a ``RowOutcome``."""
        self._parts.append((len(self.actions), outcome))
        self.actions.extend(actions)

    def __len__(self) -> int:
        return len(self.actions)

    @overload
    def __getitem__(self, index: int) -> RowOutcome: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowOutcome]: ...

    def __getitem__(self, index: int | slice) -> RowOutcome | list[RowOutcome]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        start, outcome = next(part for part in reversed(self._parts) if part[0] <= index)
        return outcome(index - start)

    def __iter__(self) -> Iterator[RowOutcome]:
        for number, (start, outcome) in enumerate(self._parts):
            end = self._parts[number + 1][0] if number + 1 < len(self._parts) else len(self)
            for k in range(end - start):
                yield outcome(k)


@dataclass
class Preview:
    """The plan's summary for people: row outcomes, problems, and record counts by action."""

    rows: RowOutcomes = field(default_factory=RowOutcomes)
    problems: list[Problem] = field(default_factory=list)
    #: (entity, action) -> records, e.g. ("study", "create") -> 12
    records: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Sheets left out, with the reason (e.g. "no column matches a known field").
    skipped_sheets: dict[str, str] = field(default_factory=dict)
    #: Rows imported without a part that had a problem (a study without its type).
    partial_rows: int = 0
    #: Values the reader left out as too far from a sparse sheet's data (each is a problem).
    values_left_out: int = 0
    #: Each stored record the import changes, field by field (old → new).
    updates: Sequence[RecordUpdate] = field(default_factory=list)
    #: What the import takes away (the app's own workbook only: an investor's sheet never
    #: removes anything it does not mention).
    removals: list[Removal] = field(default_factory=list)
    #: What a written import changed in the database, row by row (None for a dry run).
    written: ImportChanges | None = None
    #: What was read in a way to check, where nothing was skipped: a total row left out, a
    #: fraction without a % format.
    notes: list[Problem] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return self.rows.actions.count(action)

    def count_skipped(self) -> int:
        return self.count(Action.SKIP)

    @property
    def complete(self) -> bool:
        """Whether every row went in whole (none left out, none only in part), and every value
        was read."""
        return not self.count_skipped() and not self.partial_rows and not self.values_left_out

    @property
    def writes(self) -> int:
        """Records to create or update: zero means the import would change nothing."""
        return sum(n for (_entity, action), n in self.records.items() if action != "unchanged")

    def summary(self, done: bool = False) -> str:
        """ "3 rows to create, ...; records: ... to create" before writing; "3 rows created,
        ...; records: ... created" once written: the same counts, before and after."""
        past = {Action.CREATE: "created", Action.UPDATE: "updated", Action.SKIP: "skipped"}
        parts = []
        for action in (Action.CREATE, Action.UPDATE, Action.UNCHANGED, Action.SKIP):
            count = self.count(action)
            if action is Action.UNCHANGED:
                parts.append(f"{count:,} unchanged")
            elif done:
                parts.append(f"{_noun('row', count)} {past[action]}")
            else:
                parts.append(f"{_noun('row', count)} to {action.value}")
        text = ", ".join(parts)
        if self.partial_rows:
            verb = "imported" if done else "to import"
            text += f"; {_noun('row', self.partial_rows)} {verb} in part"
        records = self.records_summary(done)
        if records:
            text += f"; records: {records}"
        if self.problems:
            text += f"; {len(self.problems):,} problems"
        return text

    def records_summary(self, done: bool = False) -> str:
        """ "1 project and 2 studies to create, 1 study to update" (or "created", ...)."""
        parts = []
        for action, before, after in (
            (Action.CREATE, "to create", "created"),
            (Action.UPDATE, "to update", "updated"),
        ):
            counted = [
                _noun(entity, n)
                for (entity, kind), n in sorted(self.records.items())
                if kind == action.value and n
            ]
            if counted:
                parts.append(f"{_listed(counted)} {after if done else before}")
        if self.removals:
            removed = _noun("removal", len(self.removals))
            parts.append(f"{removed} {'made' if done else 'to make'}")
        return ", ".join(parts)


def _noun(entity: str, count: int) -> str:
    name = entity.replace("_", " ").replace("fx", "FX")
    if count != 1:
        name = name[:-1] + "ies" if name.endswith("y") else name + "s"
    return f"{count:,} {name}"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
