"""Whether an import's journal still fits the database, before it is undone or redone later.

Between an import and its undo (Edit ▸ Undo in the window, ``undo-import`` from the shell)
another window or command may have changed what it wrote: a record the import added edited or
deleted, a study added to a project it added, an id it used taken again. Undo would then throw
that work away or fail half-way, so it is refused, naming each such record. Undo expects
every row as the import left it; redo expects every row as it was before the import (and none
of the ids it adds taken).
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select
from sqlmodel import Session, SQLModel

from tracker.errors import TrackerError
from tracker.excel.journal import CHUNK, Columns, ImportChanges, TableChanges

Key = tuple[Any, ...]
Row = Mapping[str, Any]
#: Conflicts named in an ``ImportConflictError``'s message before "and N more".
SHOWN = 10


class ImportConflictError(TrackerError):
    """The database changed since the import (or its undo) so that the step would lose or
    break something; each record is named in ``conflicts``, and nothing was written."""

    def __init__(self, conflicts: Sequence[str], *, undo: bool) -> None:
        self.conflicts = list(conflicts)
        self.undo = undo
        since = "the import" if undo else "its undo"
        shown = "; ".join(self.conflicts[:SHOWN])
        more = len(self.conflicts) - SHOWN
        tail = f"; and {more:,} more" if more > 0 else ""
        super().__init__(f"the database changed since {since}: {shown}{tail}")


def undo_checked(changes: ImportChanges, session: Session) -> None:
    """Undo ``changes`` on ``session``'s transaction, or raise ``ImportConflictError``."""
    found = undo_conflicts(session.connection(), changes)
    if found:
        raise ImportConflictError(found, undo=True)
    changes.undo(session)


def redo_checked(changes: ImportChanges, session: Session) -> None:
    """Redo ``changes`` on ``session``'s transaction, or raise ``ImportConflictError``."""
    found = redo_conflicts(session.connection(), changes)
    if found:
        raise ImportConflictError(found, undo=False)
    changes.redo(session)


def undo_conflicts(connection: Connection, changes: ImportChanges) -> list[str]:
    """What changed since the import such that undoing it would lose or break something."""
    found: list[str] = []
    for target, table in _tables(changes):
        for columns in table.inserted:
            found += _expect_rows(connection, target, columns, "added by the import")
        for update in table.updated:
            found += _expect_values(connection, target, update.names, update.after, "import")
        written = _all_keys(target, table.inserted)
        for columns in table.deleted:
            found += _expect_absent(connection, target, columns, "removed by the import", written)
    found += _expect_settings(connection, changes, after=True)
    found += _children_added(connection, changes)
    return found


def redo_conflicts(connection: Connection, changes: ImportChanges) -> list[str]:
    """What changed since the undo such that writing the import again would clash."""
    found: list[str] = []
    for target, table in _tables(changes):
        removed = _all_keys(target, table.deleted)
        for columns in table.inserted:
            found += _expect_absent(connection, target, columns, "the import adds", removed)
        for update in table.updated:
            found += _expect_values(connection, target, update.names, update.before, "undo")
        for columns in table.deleted:
            found += _expect_rows(connection, target, columns, "put back by the undo")
    found += _expect_settings(connection, changes, after=False)
    return found


def _tables(changes: ImportChanges) -> list[tuple[Table, TableChanges]]:
    known = SQLModel.metadata.tables
    return [(known[name], table) for name, table in changes.tables.items()]


def _keys(target: Table) -> list[str]:
    return [column.name for column in target.primary_key.columns]


def _row_keys(target: Table, columns: Columns) -> list[Key]:
    names = _keys(target)
    return list(zip(*(columns[name] for name in names), strict=True))


def _stored(
    connection: Connection, target: Table, keys: Sequence[Key], names: Sequence[str]
) -> dict[Key, tuple[Any, ...]]:
    """The values of ``names`` in the stored rows with these primary keys. Rows an import
    added have ids one after the other, so those are read by ranges of id; others by the first
    key column, in chunks."""
    keyed = _keys(target)
    shown = [target.c[name] for name in (*keyed, *names)]
    width = len(keyed)
    wanted = set(keys)
    firsts = sorted({key[0] for key in keys})
    found: dict[Key, tuple[Any, ...]] = {}
    for condition, _covered in _spans(target.c[keyed[0]], firsts):
        for row in connection.execute(select(*shown).where(condition)):
            key = tuple(row[:width])
            if key in wanted:
                found[key] = tuple(row[width:])
    return found


def _spans(column: Any, values: Sequence[Any]) -> list[tuple[Any, Sequence[Any]]]:
    """Conditions on ``column`` that together cover ``values`` (sorted), each with the values
    it covers: a range for each long run of whole numbers without gaps (the ids an import
    gave), an ``IN`` list for each chunk of the rest."""
    spans: list[tuple[Any, Sequence[Any]]] = []
    loose: list[Any] = list(values)
    if all(isinstance(value, int) for value in values):
        runs: list[list[int]] = []
        for value in values:
            if runs and value == runs[-1][1] + 1:
                runs[-1][1] = value
            else:
                runs.append([value, value])
        spans = [
            (column.between(low, high), range(low, high + 1))
            for low, high in runs
            if high - low >= CHUNK
        ]
        loose = [v for low, high in runs if high - low < CHUNK for v in range(low, high + 1)]
    for start in range(0, len(loose), CHUNK):
        chunk = loose[start : start + CHUNK]
        spans.append((column.in_(chunk), chunk))
    return spans


def _label_of(target: Table, key: Key, name: Any = None) -> str:
    """``project 'Alpha'`` (by its name when it has one), else ``project_owner (3, 7)``."""
    kind = target.name.replace("_", " ")
    if name:
        return f"{kind} '{name}'"
    shown = key[0] if len(key) == 1 else key
    return f"{kind} {shown}"


def _expect_rows(connection: Connection, target: Table, columns: Columns, what: str) -> list[str]:
    """Each row of ``columns`` is stored with these values."""
    keys = _row_keys(target, columns)
    names = [name for name in columns if name not in _keys(target)]
    stored = _stored(connection, target, keys, names)
    given = [columns[name] for name in names]
    named = columns.get("name")
    found: list[str] = []
    for index, key in enumerate(keys):
        current = stored.get(key)
        label = _label_of(target, key, named[index] if named is not None else None)
        if current is None:
            found.append(f"{label} ({what}) was deleted since")
            continue
        changed = [
            name
            for name, now, values in zip(names, current, given, strict=True)
            if now != values[index]
        ]
        if changed:
            fields = ", ".join(name.replace("_", " ") for name in changed)
            found.append(f"{label} ({what}) was changed since: {fields}")
    return found


def _all_keys(target: Table, parts: Sequence[Columns]) -> set[Key]:
    return {key for columns in parts for key in _row_keys(target, columns)}


def _expect_absent(
    connection: Connection, target: Table, columns: Columns, what: str, rewritten: set[Key]
) -> list[str]:
    """No row with the keys of ``columns`` is stored, but for the keys in ``rewritten`` (a link
    row the import deleted and wrote again, a project's commodity given a new rank): those
    are checked as rows the step expects."""
    keys = [key for key in _row_keys(target, columns) if key not in rewritten]
    names = ["name"] if "name" in target.c else []
    stored = _stored(connection, target, keys, names)
    return [
        f"{_label_of(target, key, *stored[key])} ({what}) is in the database again"
        for key in keys
        if key in stored
    ]


def _expect_values(
    connection: Connection,
    target: Table,
    names: Sequence[str],
    rows: Sequence[Row],
    by: str,
) -> list[str]:
    """Each row (by ``id``) holds in ``names`` the values ``rows`` give."""
    shown = [*names, "name"] if "name" in target.c and "name" not in names else list(names)
    stored = _stored(connection, target, [(row["id"],) for row in rows], shown)
    at_name = shown.index("name") if "name" in shown else None
    found: list[str] = []
    for row in rows:
        key = (row["id"],)
        current = stored.get(key)
        if current is None:
            found.append(f"{_label_of(target, key)} was deleted since")
            continue
        changed = [name for name, now in zip(names, current, strict=False) if now != row[name]]
        if changed:
            label = _label_of(target, key, current[at_name] if at_name is not None else None)
            fields = ", ".join(name.replace("_", " ") for name in changed)
            found.append(f"{label} was changed since the {by}: {fields}")
    return found


def _expect_settings(connection: Connection, changes: ImportChanges, *, after: bool) -> list[str]:
    target = SQLModel.metadata.tables["app_setting"]
    found: list[str] = []
    for key, (before, value) in changes.settings.items():
        expected = value if after else before
        query = select(target.c.value).where(target.c.key == key)
        current = connection.execute(query).scalar()
        if current != expected:
            found.append(f"the setting {key.replace('_', ' ')} was changed since: {current}")
    return found


def _children_added(connection: Connection, changes: ImportChanges) -> list[str]:
    """Rows added since that point at a row the import added (undo would delete their parent):
    a study added to a project that came with the import, say. Counted per chunk of parents
    against the import's own such rows; only a chunk with more is read row by row."""
    added: dict[str, set[Any]] = {}
    for name, table in changes.tables.items():
        for columns in table.inserted:
            if "id" in columns:
                added.setdefault(name, set()).update(columns["id"])
    found: list[str] = []
    for target in SQLModel.metadata.sorted_tables:
        for foreign in target.foreign_keys:
            parent = foreign.column.table.name
            if parent not in added or foreign.column.name != "id":
                continue
            column = foreign.parent.name
            own = Counter(_own_values(changes, target.name, column))
            for condition, covered in _spans(target.c[column], sorted(added[parent])):
                stored = int(
                    connection.execute(select(func.count()).where(condition)).scalar() or 0
                )
                if stored > sum(own[value] for value in covered):
                    found += _strays(connection, changes, target, condition, parent)
    return found


def _own_values(changes: ImportChanges, table: str, column: str) -> list[Any]:
    """The values of ``column`` in the rows the import added to ``table``."""
    found: list[Any] = []
    for columns in changes.tables.get(table, TableChanges()).inserted:
        found += columns.get(column, ())
    return found


def _strays(
    connection: Connection,
    changes: ImportChanges,
    target: Table,
    condition: Any,
    parent: str,
) -> list[str]:
    """The rows of ``target`` matching ``condition`` that the import did not add."""
    names = _keys(target)
    mine: set[Key] = set()
    for columns in changes.tables.get(target.name, TableChanges()).inserted:
        mine.update(_row_keys(target, columns))
    shown = [target.c[name] for name in names]
    if "name" in target.c:
        shown.append(target.c.name)
    found: list[str] = []
    query = select(*shown).where(condition)
    for row in connection.execute(query):
        mapping = dict(row._mapping)
        key = tuple(mapping[name] for name in names)
        if key not in mine:
            found.append(
                f"{_label_of(target, key, mapping.get('name'))} was added since, to a "
                f"{parent.replace('_', ' ')} the import added"
            )
    return found
