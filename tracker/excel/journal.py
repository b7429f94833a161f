"""What a written import changed, row by row, so that it can be undone and redone exactly.

The writer tells the journal of each bulk insert (the rows as written, ids included), each
batched update (the journal reads the columns' old values first) and each delete of link rows
(the journal reads the rows first). That is the import's whole effect on the database, so
undo needs no snapshot of whole tables: it puts the updated columns back, deletes the new rows
and inserts the removed ones again; redo does the reverse. Both cost about what the import's
own writes cost, with the same batched statements.

Two things are not put back, on purpose. The change log only grows: undo and redo each add one
entry per record the import logged ("import undone", "import redone"), so that the record's
history says so and other windows notice. And a record's ``version`` only moves forward (undo
and redo are writes like any other), so that a form holding a copy from before is still told
the record changed. The reporting currency an import set is put back with the rest.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, select
from sqlmodel import Session, SQLModel

from tracker.changelog import author_of, log_records
from tracker.excel.bulk import insert_columns, update_rows
from tracker.excel.sequences import advance_id_sequences

#: Keys per ``IN (...)`` list when rows are read or deleted by key.
CHUNK = 500
Columns = dict[str, list[Any]]


@dataclass
class Update:
    """Rows of one table whose columns ``names`` an import set: before and after."""

    names: tuple[str, ...]
    before: list[dict[str, Any]]
    after: list[dict[str, Any]]


@dataclass
class TableChanges:
    inserted: list[Columns] = field(default_factory=list)
    deleted: list[Columns] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)


def _ordered(tables: Mapping[str, TableChanges]) -> list[tuple[Table, TableChanges]]:
    """The changed tables, parents before children."""
    return [(t, tables[t.name]) for t in SQLModel.metadata.sorted_tables if t.name in tables]


def _rows(columns: Columns) -> int:
    return len(next(iter(columns.values()), ()))


@dataclass
class ImportChanges:
    """An import's changes as plain data (they cross threads): undo and redo them."""

    tables: dict[str, TableChanges] = field(default_factory=dict)
    #: (kind, id) of each record the import logged as added or updated.
    logged: list[tuple[str, int]] = field(default_factory=list)
    #: Settings (``app_setting``) the import set: key -> (value before or None, value after).
    settings: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Rows inserted, deleted or updated."""
        total = 0
        for changes in self.tables.values():
            total += sum(_rows(c) for c in changes.inserted + changes.deleted)
            total += sum(len(u.after) for u in changes.updated)
        return total

    def undo(self, session: Session) -> None:
        """Bring every table back to what it held before the import (on ``session``'s
        transaction). Updated rows first, so that none points at a new row when those go."""
        connection = session.connection()
        ordered = _ordered(self.tables)
        for target, changes in ordered:
            for update in changes.updated:
                update_rows(connection, target, update.names, update.before)
        for target, changes in reversed(ordered):
            for columns in changes.inserted:
                _delete_rows(connection, target, columns)
        for target, changes in ordered:
            for columns in changes.deleted:
                insert_columns(connection, target, columns)
        for key, (before, _after) in self.settings.items():
            _put_setting(connection, key, before)
        log_records(connection, author_of(session), "import undone", self.logged)

    def redo(self, session: Session) -> None:
        """Apply the import again, with the same ids: what it removed, then what it added,
        then what it changed (which may point at the added rows)."""
        connection = session.connection()
        ordered = _ordered(self.tables)
        for target, changes in reversed(ordered):
            for columns in changes.deleted:
                _delete_rows(connection, target, columns)
        for target, changes in ordered:
            for columns in changes.inserted:
                insert_columns(connection, target, columns)
            for update in changes.updated:
                update_rows(connection, target, update.names, update.after)
        for key, (_before, after) in self.settings.items():
            _put_setting(connection, key, after)
        session.flush()
        advance_id_sequences(session)
        log_records(connection, author_of(session), "import redone", self.logged)


def _put_setting(connection: Connection, key: str, value: str | None) -> None:
    """Store setting ``key`` as ``value``; ``None`` removes it (it was never set)."""
    target = SQLModel.metadata.tables["app_setting"]
    connection.execute(delete(target).where(target.c.key == key))
    if value is not None:
        connection.execute(target.insert().values(key=key, value=value))


def _delete_rows(connection: Connection, target: Table, columns: Columns) -> None:
    """Delete the rows whose primary keys ``columns`` holds."""
    keys = [column.name for column in target.primary_key.columns]
    if len(keys) == 1:
        ids = columns[keys[0]]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.execute(delete(target).where(target.c[keys[0]].in_(chunk)))
        return
    condition = and_(*(target.c[name] == bindparam("key_" + name) for name in keys))
    rows = zip(*(columns[name] for name in keys), strict=True)
    connection.execute(
        delete(target).where(condition),
        [{"key_" + name: value for name, value in zip(keys, row, strict=True)} for row in rows],
    )


class Journal:
    """Collects the writes of one import, on the import's connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.result = ImportChanges()

    def _table(self, target: Table) -> TableChanges:
        return self.result.tables.setdefault(target.name, TableChanges())

    def inserted(self, target: Table, columns: Mapping[str, Sequence[Any]]) -> None:
        """Rows just inserted, every primary-key column given."""
        kept = {name: list(values) for name, values in columns.items()}
        if _rows(kept):
            self._table(target).inserted.append(kept)

    def updating(
        self, target: Table, names: Sequence[str], rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Rows about to get columns ``names`` set as ``rows`` say (each with its ``id``)."""
        if not rows:
            return
        ids = [row["id"] for row in rows]
        wanted = [target.c.id, *(target.c[name] for name in names)]
        before: list[dict[str, Any]] = []
        for start in range(0, len(ids), CHUNK):
            query = select(*wanted).where(target.c.id.in_(ids[start : start + CHUNK]))
            before.extend(dict(row._mapping) for row in self.connection.execute(query))
        after = [{"id": row["id"], **{name: row[name] for name in names}} for row in rows]
        self._table(target).updated.append(Update(tuple(names), before, after))

    def logged(self, records: Sequence[tuple[str, int]]) -> None:
        """Records the import logs in the change log (undo and redo log them again)."""
        self.result.logged.extend(records)

    def setting(self, key: str, value: str) -> None:
        """Setting ``key`` about to be set to ``value`` (its value before is read first)."""
        target = SQLModel.metadata.tables["app_setting"]
        query = select(target.c.value).where(target.c.key == key)
        before = self.connection.execute(query).scalar()
        if key in self.result.settings:
            before = self.result.settings[key][0]
        self.result.settings[key] = (before, value)

    def deleting(self, target: Table, column: str, values: Sequence[Any]) -> None:
        """Rows about to be deleted: those whose ``column`` is one of ``values``."""
        found: Columns = {c.name: [] for c in target.c}
        for start in range(0, len(values), CHUNK):
            query = select(target).where(target.c[column].in_(values[start : start + CHUNK]))
            for row in self.connection.execute(query):
                for name, value in row._mapping.items():
                    found[name].append(value)
        if _rows(found):
            self._table(target).deleted.append(found)
