"""One sheet's rows while they are planned: their values per entity, their problems, and what
each row changed.

Planning goes entity by entity over all the rows (companies, then projects, then what hangs on
them), so each step is a tight loop over dictionaries. A row with a problem changes nothing;
a row that gets a problem after an earlier step already applied its changes is ``late``: the
planner then plans again without it, so a skipped row never leaves half its changes behind.

A problem with a part of a row that nothing else of the row leans on (its study, an event; see
``columns.WHOLE_ROW``) leaves out that part only: the row's company and project still go in.
"""

from collections.abc import Callable, Collection, Iterator, Mapping
from operator import itemgetter
from typing import Any

from tracker.excel.columns import WHOLE_ROW, ParsedSheet
from tracker.excel.field_types import Entity
from tracker.excel.report import Problem
from tracker.excel.rules import RECORD_RULES
from tracker.excel.store import Record, Store

#: Fields that do not by themselves make a row about an entity (a currency from a header).
_NOT_PRESENCE = frozenset({"currency"})
#: Rows between two progress reports (and cancel checks) while a step walks the rows.
TICK = 4096


def _mark(dirty: set[str], name: str, differs: bool) -> None:
    """Note ``name`` as changed, or no longer changed when it is back to its stored value."""
    if differs:
        dirty.add(name)
    else:
        dirty.discard(name)


class SheetBatch:
    """The rows of one sheet being planned (those not skipped by an earlier attempt)."""

    def __init__(
        self,
        parsed: ParsedSheet,
        store: Store,
        skip: Collection[int] = (),
        tick: Callable[[int], None] | None = None,
    ) -> None:
        self.parsed = parsed
        self.store = store
        self.tick = tick
        self.rows = [i for i in range(len(parsed.rows)) if i not in skip]
        self.problems: dict[int, list[Problem]] = {
            i: list(found) for i, found in parsed.problems.items() if i not in skip
        }
        #: Problems of parts of rows, and the rows whose part of each entity is left out.
        self.parts: dict[int, dict[Entity, list[Problem]]] = {
            i: {entity: list(found) for entity, found in parts.items()}
            for i, parts in parsed.parts.items()
            if i not in skip
        }
        self.dropped: dict[Entity, set[int]] = {}
        for i, parts in self.parts.items():
            for entity in parts:
                self.dropped.setdefault(entity, set()).add(i)
        #: (row, entity) of the parts applied: a problem found after that leaves the row out.
        self.parts_applied: set[tuple[int, Entity]] = set()
        #: Rows that changed the plan, and rows that went bad after they did.
        self.applied: set[int] = set()
        self.late: set[int] = set()
        #: Rows that altered a record, and the row that created each new record.
        self.altered: set[int] = set()
        self.creator: dict[Record, int] = {}
        #: The record each row is about, per entity.
        self.records: dict[Entity, dict[int, Record]] = {}
        #: New companies of bad rows, by (row, lower-case name): never applied, but a row that
        #: names a company twice still means one company.
        self.unapplied: dict[tuple[int, str], Record] = {}

    def each(
        self, entity: Entity, ignore: frozenset[str] = _NOT_PRESENCE
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row, values) of every planned row that gives ``entity`` a value."""
        fields = self.parsed.columns.get(entity)
        if not fields:
            return
        names = tuple(fields)
        across = list(zip(*fields.values(), strict=True))
        telling = [k for k, name in enumerate(names) if name not in ignore]
        if not telling:
            return
        pick = itemgetter(*telling) if len(telling) > 1 else (lambda row: (row[telling[0]],))
        empty = (None,) * len(telling)
        #: Lists read from cells ("Au, Ag") may be empty tuples: no value either.
        lists = any((entity, names[k]) in self.parsed.lists for k in telling)
        tick = self.tick
        for count, i in enumerate(self.rows, start=1):
            if tick is not None and count % TICK == 0:
                tick(TICK)
            row = across[i]
            given = pick(row)
            if given == empty or (lists and given.count(None) + given.count(()) == len(given)):
                continue
            yield i, dict(zip(names, row, strict=True))

    def columns_of(
        self, entity: Entity, ignore: frozenset[str] = _NOT_PRESENCE
    ) -> tuple[list[int], dict[str, list[Any]]]:
        """The planned rows that give ``entity`` a value, and its fields' values in those rows
        (one column per field, aligned with the rows)."""
        fields = self.parsed.columns.get(entity)
        telling = [name for name in fields or () if name not in ignore]
        if not fields or not telling:
            return [], {}
        across = list(zip(*(fields[name] for name in telling), strict=True))
        empty = (None,) * len(telling)
        lists = any((entity, name) in self.parsed.lists for name in telling)
        rows = [
            i
            for i in self.rows
            if across[i] != empty and not (lists and all(v is None or v == () for v in across[i]))
        ]
        if self.tick is not None:
            self.tick(len(rows))
        if len(rows) == len(self.parsed.rows):
            return rows, {name: list(column) for name, column in fields.items()}
        return rows, {name: [column[i] for i in rows] for name, column in fields.items()}

    def left_out(self, i: int, entity: Entity) -> bool:
        """Whether row ``i`` gives ``entity`` nothing: the row, or that part of it, is bad."""
        return i in self.problems or i in self.dropped.get(entity, ())

    def left_out_rows(self, entity: Entity) -> set[int]:
        """The rows ``left_out`` for ``entity`` (a snapshot)."""
        return self.problems.keys() | self.dropped.get(entity, set())

    def _applied(self, i: int, entity: Entity) -> None:
        self.applied.add(i)
        if entity not in WHOLE_ROW:
            self.parts_applied.add((i, entity))

    def create(self, i: int, record: Record) -> bool:
        """Add new ``record`` for row ``i``, unless the row is bad; True when added."""
        if self.left_out(i, record.entity):
            return False
        self._applied(i, record.entity)
        self.store.add(record)
        self.creator[record] = i
        self.altered.add(i)
        return True

    def create_many(self, made: dict[int, Record]) -> None:
        """``create`` for the new records of good rows (row -> record, all of one entity)."""
        self.applied.update(made)
        for i, record in made.items():
            if record.entity not in WHOLE_ROW:
                self.parts_applied.add((i, record.entity))
        self.altered.update(made)
        self.creator.update((record, i) for i, record in made.items())
        self.store.add_many(list(made.values()))

    def walk(self) -> Iterator[int]:
        """The planned rows, reporting progress as it goes."""
        tick = self.tick
        for count, i in enumerate(self.rows, start=1):
            if tick is not None and count % TICK == 0:
                tick(TICK)
            yield i

    def only(self, entity: Entity, name: str) -> list[Any] | None:
        """The column of ``entity.name`` when it is the only field the sheet gives ``entity``
        (a sheet that merely names its rows' company or project), else None."""
        fields = self.parsed.columns.get(entity)
        return fields[name] if fields is not None and list(fields) == [name] else None

    def bad(self, i: int) -> bool:
        return i in self.problems

    def fail(self, i: int, entity: Entity, name: str, value: object, reason: str) -> None:
        """Note a problem: it leaves out the row, or only the row's part of ``entity`` (whose
        record then is no longer the row's, so what hangs on it is left out too)."""
        column = self.parsed.header(entity, name)
        part = entity not in WHOLE_ROW and (i, entity) not in self.parts_applied
        if any(problem.column == column for problem in self.all_problems(i)):
            if not part:
                self.problems.setdefault(i, [])
                if i in self.applied:
                    self.late.add(i)
            return  # a cell is reported once: what is wrong with it, not also that it is empty
        where = (self.parsed.name, self.parsed.rows[i])
        problem = Problem(*where, column, value, reason, f"{entity.value}.{name}")
        if part:
            self.parts.setdefault(i, {}).setdefault(entity, []).append(problem)
            self.dropped.setdefault(entity, set()).add(i)
            self.records.get(entity, {}).pop(i, None)
            return
        self.problems.setdefault(i, []).append(problem)
        if i in self.applied:
            self.late.add(i)

    def all_problems(self, i: int) -> list[Problem]:
        """Row ``i``'s problems: of the whole row, then of its parts."""
        found = list(self.problems.get(i, ()))
        for problems in self.parts.get(i, {}).values():
            found.extend(problems)
        return found

    def check(self, i: int, entity: Entity, values: Mapping[str, object]) -> None:
        """The entity's rules that need the whole record (its cells were checked already)."""
        for name, (shown, reason) in RECORD_RULES[entity].record_failures(values):
            self.fail(i, entity, name.removesuffix("_id"), shown, reason)

    def keep(self, i: int, entity: Entity, record: Record | None) -> Record | None:
        """Note ``record`` as row ``i``'s ``entity``; returns it."""
        if record is not None and i not in self.dropped.get(entity, ()):
            self.records.setdefault(entity, {})[i] = record
        return record

    def repeat(self, i: int, record: Record) -> None:
        """Row ``i`` gives ``record`` what it holds already (an earlier row gave it the same
        values): what ``apply`` does when nothing changes."""
        if self.left_out(i, record.entity):
            return
        self._applied(i, record.entity)
        record.changes()
        if not record.created:
            self.store.touched.add(record)

    def apply(
        self,
        i: int,
        record: Record,
        values: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """Give ``record`` this row's ``values`` and link-table state, unless the row is bad.

        A new record joins the store (so later rows find it); a stored one notes what changed.
        """
        entity = record.entity
        if i in self.problems or i in self.dropped.get(entity, ()):
            return  # left out (``left_out``, inline: this runs for each row and record)
        self.applied.add(i)
        if entity not in WHOLE_ROW:
            self.parts_applied.add((i, entity))
        store = self.store
        if record.id is None and not record.created:
            if values:
                record.values.update(values)
            if extra:
                record.extra.update(extra)
            store.add(record)
            self.creator[record] = i
            self.altered.add(i)
            return
        current, dirty = record.values, record.changes()
        if record.before is None and not record.created:
            record.before = {**current, **{"extra:" + k: v for k, v in record.extra.items()}}
        before = record.before or {}
        changed = False
        for name, value in values.items():
            if current.get(name) != value:
                current[name] = value
                changed = True
                _mark(dirty, name, before.get(name, value) != value or name not in before)
        for name, value in (extra or {}).items():
            if record.extra.get(name) != value:
                record.extra[name] = value
                changed = True
                key = "extra:" + name
                _mark(dirty, key, before.get(key, value) != value or key not in before)
        if not record.created:
            store.touched.add(record)
        if changed:
            self.altered.add(i)
            if entity is Entity.COMPANY:
                store.index(record)
            elif entity is Entity.PROJECT:
                store.index_owners(record)
