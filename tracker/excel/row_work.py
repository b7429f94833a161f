"""The changes one row asks for, held back until the whole row is known to be good.

A row that has any problem is skipped whole, so nothing it would create or change may reach the
store before every entity of the row has been checked.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from tracker.errors import FieldProblem
from tracker.excel.fields import FIELDS_BY_QUALIFIED, Entity
from tracker.excel.report import Problem
from tracker.excel.store import Record, Store

Model = TypeVar("Model")


def as_model(model: type[Model], values: dict[str, Any]) -> Model:
    """Values dressed as ``model`` for the services' checkers, which only read attributes.

    Much cheaper than building the SQLModel object, which matters at 100,000 rows.
    """
    del model
    return cast(Model, SimpleNamespace(**values))


@dataclass
class Change:
    """Values and link-table state to give a record (new or existing)."""

    record: Record
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def alters(self) -> bool:
        """True when committing would create the record or change anything about it."""
        if self.record.id is None and not self.record.created:
            return True
        current, extra = self.record.values, self.record.extra
        return any(current.get(k) != v for k, v in self.values.items()) or any(
            extra.get(k) != v for k, v in self.extra.items()
        )


@dataclass
class RowWork:
    """Problems and pending changes of one row."""

    sheet: str
    row: int
    headers: dict[tuple[Entity, str], str]
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def fail(self, entity: Entity, name: str, value: object, reason: str) -> None:
        self.problems.append(
            Problem(self.sheet, self.row, self.header(entity, name), value, reason)
        )

    def header(self, entity: Entity, name: str) -> str:
        mapped = self.headers.get((entity, name))
        if mapped:
            return mapped
        known = FIELDS_BY_QUALIFIED.get(f"{entity.value}.{name}")
        return known.header if known else name.replace("_", " ")

    def absorb(self, entity: Entity, problems: Iterable[FieldProblem], prefix: str = "") -> None:
        """Service checker problems, named by the column a person sees."""
        for problem in problems:
            name = problem.field.removeprefix(prefix).replace(" ", "_")
            self.fail(entity, name.removesuffix("_id"), problem.value, problem.reason)

    def change(self, record: Record) -> Change:
        for existing in self.changes:
            if existing.record is record:
                return existing
        made = Change(record)
        self.changes.append(made)
        return made

    def pending(self, record: Record) -> dict[str, Any]:
        """The record's values as they would be after this row: stored, then this row's."""
        merged = dict(record.values)
        for change in self.changes:
            if change.record is record:
                merged.update(change.values)
        return merged

    def commit(self, store: Store) -> None:
        """Apply every change: new records join the store, existing ones note what changed."""
        for change in self.changes:
            record = change.record
            store.touched.add(record)
            is_new = record.id is None and not record.created
            for name, value in change.values.items():
                if record.values.get(name) != value:
                    record.values[name] = value
                    record.dirty.add(name)
            for name, value in change.extra.items():
                if record.extra.get(name) != value:
                    record.extra[name] = value
                    record.dirty.add("extra:" + name)
            if is_new:
                store.add(record)
            elif record.entity is Entity.COMPANY and "extra:listings" in record.dirty:
                store.index(record)
