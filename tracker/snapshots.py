"""Capture a record with everything that hangs on it as plain data, and put it back later.

Undo needs this: deleting a project removes its studies, events and history, and unlinks its
deals; undoing the delete must bring all of it back with the same ids, so that other records
(and further undo steps) still point at the right rows. The walk follows the schema's foreign
keys, so a table added later is captured without changes here.

Two scopes:

- ``capture_deleted`` takes what deleting the record removes (its cascade, and for a company
  the projects it alone owns, its deals and holdings), plus the links that deleting sets to
  NULL; ``restore`` inserts all of it again.
- ``capture_own`` takes the record and the parts its form edits (a project's owners,
  commodities, stages and tags; a deal's terms and history); ``replace`` writes them back over
  the current state, which is how an edit is undone.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.errors import NotFoundError

#: Ids per ``IN (...)`` list, well under SQLite's limit on bound parameters.
CHUNK = 500

Key = tuple[Any, ...]
Values = dict[str, Any]

#: Kind of record -> its table.
ROOTS: Mapping[str, str] = {
    "company": "company",
    "project": "project",
    "study": "study",
    "deal": "deal",
    "event": "event",
    "holding": "holding",
    "commodity": "commodity",
    "resource": "resource_line",
    "transaction": "holding_transaction",
}

#: The tables a record's own form edits, beside its own row.
OWN_PARTS: Mapping[str, frozenset[str]] = {
    "company": frozenset({"listing"}),
    "project": frozenset({"project_owner", "project_commodity", "project_stage", "project_tag"}),
    "study": frozenset({"study_price", "study_sensitivity"}),
    "deal": frozenset({"deal_status_change", "deal_step", "deal_obligation"}),
    "event": frozenset({"event_commodity"}),
    "holding": frozenset(),
    "commodity": frozenset(),
    "resource": frozenset(),
    "transaction": frozenset(),
}


@dataclass(frozen=True)
class Link:
    """A foreign key that a delete sets to NULL, and the value to give back on restore."""

    table: str
    key: Key
    column: str
    value: Any


@dataclass(frozen=True)
class Snapshot:
    """Rows by table (each row a dict of column values) and links to set again on restore."""

    kind: str
    record_id: int
    rows: Mapping[str, tuple[Values, ...]]
    links: tuple[Link, ...] = ()

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


def _tables() -> Mapping[str, Table]:
    return SQLModel.metadata.tables


def _key_of(table: Table, values: Mapping[str, Any]) -> Key:
    return tuple(values[column.name] for column in table.primary_key.columns)


def _key_condition(table: Table, key: Key) -> Any:
    return and_(
        *(column == value for column, value in zip(table.primary_key.columns, key, strict=True))
    )


class _Walk:
    """Collects rows by table, following cascading foreign keys from what is already collected."""

    def __init__(self, connection: Connection, scope: frozenset[str] | None) -> None:
        self.connection = connection
        self.scope = scope
        self.rows: dict[str, dict[Key, Values]] = {}
        self.links: list[Link] = []

    def add(self, table: Table, found: Iterable[Values]) -> list[Values]:
        collected = self.rows.setdefault(table.name, {})
        new = []
        for values in found:
            key = _key_of(table, values)
            if key not in collected:
                collected[key] = values
                new.append(values)
        return new

    def select_where(self, table: Table, column: str, values: Sequence[Any]) -> list[Values]:
        found: list[Values] = []
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            query = select(table).where(table.c[column].in_(chunk))
            found.extend(dict(row._mapping) for row in self.connection.execute(query))
        return found

    def follow(self, table: Table, new: list[Values]) -> None:
        """Collect what cascades from ``new`` rows of ``table``, then what cascades from that."""
        pending = [(table, new)]
        while pending:
            parent, rows = pending.pop()
            if not rows:
                continue
            for child in _tables().values():
                for fk in child.foreign_keys:
                    if fk.column.table is not parent:
                        continue
                    referenced = sorted(
                        {row[fk.column.name] for row in rows if row[fk.column.name] is not None}
                    )
                    if not referenced:
                        continue
                    action = (fk.ondelete or "").upper()
                    if action == "CASCADE" and (self.scope is None or child.name in self.scope):
                        found = self.select_where(child, fk.parent.name, referenced)
                        pending.append((child, self.add(child, found)))
                    elif action == "SET NULL" and self.scope is None:
                        for values in self.select_where(child, fk.parent.name, referenced):
                            self.links.append(
                                Link(
                                    child.name,
                                    _key_of(child, values),
                                    fk.parent.name,
                                    values[fk.parent.name],
                                )
                            )

    def snapshot(self, kind: str, record_id: int) -> Snapshot:
        links = tuple(link for link in self.links if link.key not in self.rows.get(link.table, {}))
        rows = {name: tuple(found.values()) for name, found in self.rows.items() if found}
        return Snapshot(kind, record_id, rows, tuple(dict.fromkeys(links)))


def _root_table(kind: str) -> Table:
    if kind not in ROOTS:
        raise ValueError(f"cannot take a snapshot of a {kind}")
    return _tables()[ROOTS[kind]]


def capture_deleted(session: Session, kind: str, record_id: int) -> Snapshot:
    """Everything that deleting the record (through its service) removes or unlinks."""
    root = _root_table(kind)
    session.flush()
    walk = _Walk(session.connection(), scope=None)
    for table, rows in _extra_roots(walk, kind, record_id):
        walk.follow(table, walk.add(table, rows))
    walk.follow(root, walk.add(root, _root_rows(walk, root, kind, record_id)))
    return walk.snapshot(kind, record_id)


def _root_rows(walk: _Walk, root: Table, kind: str, record_id: int) -> list[Values]:
    found = walk.select_where(root, "id", [record_id])
    if not found:
        raise NotFoundError(f"{kind} #{record_id} does not exist")
    return found


def _extra_roots(walk: _Walk, kind: str, record_id: int) -> list[tuple[Table, list[Values]]]:
    """What a service deletes beyond the database's own cascade (a company's dependants)."""
    if kind != "company":
        return []
    tables = _tables()
    owner, project, deal, holding = (
        tables["project_owner"],
        tables["project"],
        tables["deal"],
        tables["holding"],
    )
    shares = walk.select_where(owner, "company_id", [record_id])
    owned = sorted({row["project_id"] for row in shares})
    alone = []
    for project_id in owned:
        others = walk.connection.execute(
            select(func.count())
            .select_from(owner)
            .where(owner.c.project_id == project_id, owner.c.company_id != record_id)
        ).scalar_one()
        if others == 0:
            alone.append(project_id)
    deals = [
        dict(row._mapping)
        for row in walk.connection.execute(
            select(deal).where(
                or_(deal.c.acquirer_id == record_id, deal.c.counterparty_id == record_id)
            )
        )
    ]
    return [
        (project, walk.select_where(project, "id", alone)),
        (owner, shares),
        (deal, deals),
        (holding, walk.select_where(holding, "company_id", [record_id])),
    ]


def capture_own(session: Session, kind: str, record_id: int) -> Snapshot:
    """The record's row and the parts its form edits, to undo an edit with ``replace``."""
    root = _root_table(kind)
    session.flush()
    walk = _Walk(session.connection(), scope=OWN_PARTS[kind])
    walk.follow(root, walk.add(root, _root_rows(walk, root, kind, record_id)))
    return walk.snapshot(kind, record_id)


def _ordered(snapshot: Snapshot) -> list[Table]:
    """The snapshot's tables, parents before children."""
    return [table for table in SQLModel.metadata.sorted_tables if table.name in snapshot.rows]


def restore(session: Session, snapshot: Snapshot) -> None:
    """Insert a captured record again with its ids, and set the links its delete cleared."""
    session.flush()
    connection = session.connection()
    for table in _ordered(snapshot):
        connection.execute(insert(table), [dict(values) for values in snapshot.rows[table.name]])
    for link in snapshot.links:
        table = _tables()[link.table]
        connection.execute(
            update(table).where(_key_condition(table, link.key)).values({link.column: link.value})
        )
    session.expire_all()
    from tracker.changelog import log_restored  # here: the log diffs snapshots

    log_restored(session, snapshot.kind, snapshot.record_id)


def replace(session: Session, snapshot: Snapshot) -> None:
    """Bring an existing record and its own parts back to a snapshot taken by ``capture_own``."""
    session.flush()
    connection = session.connection()
    root = _root_table(snapshot.kind)
    current = capture_own(session, snapshot.kind, snapshot.record_id)
    for table in reversed(_ordered(current)):
        if table is root:
            continue
        for values in current.rows[table.name]:
            connection.execute(delete(table).where(_key_condition(table, _key_of(table, values))))
    for table in _ordered(snapshot):
        rows = [dict(values) for values in snapshot.rows[table.name]]
        if table is root:
            for values in rows:
                key = _key_of(table, values)
                if "version" in table.c:  # a write like any other: the version moves on
                    values["version"] = table.c.version + 1
                connection.execute(update(table).where(_key_condition(table, key)).values(values))
        else:
            connection.execute(insert(table), rows)
    session.expire_all()
    from tracker.changelog import log_edit  # here: the log diffs snapshots

    log_edit(session, current, capture_own(session, snapshot.kind, snapshot.record_id))


def remove(session: Session, snapshot: Snapshot) -> None:
    """Delete exactly the rows of a snapshot, children first (for records with no service
    delete, such as a commodity created by mistake)."""
    session.flush()
    connection = session.connection()
    for table in reversed(_ordered(snapshot)):
        for values in snapshot.rows[table.name]:
            connection.execute(delete(table).where(_key_condition(table, _key_of(table, values))))
    session.expire_all()
