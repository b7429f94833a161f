"""The change log: who changed what and when, read back as a record's history.

Edits are written by diffing the record's own snapshot before and after the change (its row,
field by field, and each part a form edits, such as a project's owners, as one field); adding
and deleting write one entry each, and an import one entry per record it adds or updates. Each
entry carries the name of the person and the *origin* of the window (or command) that wrote
it, so a window can tell others' changes from its own.
"""

import uuid
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Engine, Table, func
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel, col, select

from tracker.models import ChangeLogEntry
from tracker.snapshots import OWN_PARTS, ROOTS, Snapshot
from tracker.user_name import chosen

#: Columns that are bookkeeping, not something a person changed.
SKIPPED = frozenset({"id", "version"})
#: How a part of a record is named in its history.
PART_NAMES: Mapping[str, str] = {
    "listing": "listings",
    "project_owner": "owners",
    "project_commodity": "commodities",
    "project_stage": "stage history",
    "project_tag": "tags",
    "study_price": "price deck",
    "deal_status_change": "status history",
    "deal_step": "steps",
    "deal_obligation": "obligations",
    "event_commodity": "commodities",
}
#: Columns that name a linked record, by the table they point at.
NAMING_COLUMNS: Mapping[str, str] = {"company": "name", "commodity": "symbol", "project": "name"}


@dataclass(frozen=True)
class Author:
    """Who writes (a person's name) and from where (one window or command run)."""

    who: str
    origin: str


def new_author(who: str | None = None) -> Author:
    return Author(chosen(who), uuid.uuid4().hex[:16])


_AUTHORS: "weakref.WeakKeyDictionary[Engine, Author]" = weakref.WeakKeyDictionary()
_PROCESS = new_author()


def sign(engine: Engine, who: str | None = None) -> Author:
    """Write what is done through ``engine`` as a new author (a window does this on opening)."""
    author = new_author(who)
    _AUTHORS[engine] = author
    return author


def rename(engine: Engine, who: str | None) -> Author:
    """Write as ``who`` from now on, from the same origin (the person set another name: the
    window's own changes must still be told from others')."""
    signed = _AUTHORS.get(engine)
    if signed is None:
        return sign(engine, who)
    author = Author(chosen(who), signed.origin)
    _AUTHORS[engine] = author
    return author


def author_of(session: Session) -> Author:
    """The author of writes through the session's engine (the process's when none signed)."""
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    return _AUTHORS.get(engine, _PROCESS) if isinstance(engine, Engine) else _PROCESS


def shown_time(at: datetime) -> str:
    """An entry's UTC time as the person's local time, to the minute."""
    return f"{at.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M}"


def now() -> datetime:
    """The time written on entries: UTC, to the second, without a zone (both engines)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# Writing.


def _entry(
    session: Session,
    kind: str,
    record_id: int,
    action: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> ChangeLogEntry:
    author = author_of(session)
    return ChangeLogEntry(
        at=now(),
        who=author.who,
        origin=author.origin,
        kind=kind,
        record_id=record_id,
        action=action,
        field=field,
        old=old,
        new=new,
    )


def log_created(session: Session, kind: str, record_id: int, label: str = "") -> None:
    """A record was added (``label`` names it)."""
    session.add(_entry(session, kind, record_id, "created", new=label or None))
    session.flush()


def log_restored(session: Session, kind: str, record_id: int) -> None:
    """A deleted record was brought back (undo)."""
    session.add(_entry(session, kind, record_id, "restored"))
    session.flush()


def log_deleted(session: Session, kind: str, record_id: int, label: str = "") -> None:
    """A record was deleted, with what cascaded from it."""
    session.add(_entry(session, kind, record_id, "deleted", old=label or None))
    session.flush()


def log_edit(session: Session, before: Snapshot, after: Snapshot) -> int:
    """One entry per field that differs between the record's two snapshots; how many."""
    found = differences(session, before, after)
    kind, record_id = before.kind, before.record_id
    session.add_all(
        _entry(session, kind, record_id, "changed", field, old, new) for field, old, new in found
    )
    session.flush()
    return len(found)


def differences(
    session: Session, before: Snapshot, after: Snapshot
) -> list[tuple[str, str | None, str | None]]:
    """(field, old text, new text) of what differs: the row's columns, then each part."""
    names = FieldNames(session)
    old, new = field_texts(before, names), field_texts(after, names)
    fields = [*old, *(field for field in new if field not in old)]
    return [
        (field, old.get(field), new.get(field))
        for field in fields
        if old.get(field) != new.get(field)
    ]


def field_texts(snapshot: Snapshot, names: "FieldNames") -> dict[str, str | None]:
    """Each field of a record's own snapshot as the history shows it: the row's columns in
    table order, then each part (sorted by table) as one text."""
    root = ROOTS[snapshot.kind]
    tables = SQLModel.metadata.tables
    row = snapshot.rows.get(root, ({},))[0]
    texts = {
        column.name: value_text(row.get(column.name))
        for column in tables[root].c
        if column.name not in SKIPPED
    }
    for part in sorted((set(snapshot.rows) | OWN_PARTS[snapshot.kind]) - {root}):
        texts[PART_NAMES.get(part, part)] = _part_text(
            tables[part], snapshot.rows.get(part, ()), root, names
        )
    return texts


def value_text(value: Any) -> str | None:
    """A stored value as the history shows it (exact figures, ISO dates, empty as None)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


class FieldNames:
    """Names of linked records (a company's name, a commodity's symbol), read once each."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[tuple[str, Any], str] = {}

    def __call__(self, target: str, record_id: Any) -> str:
        key = (target, record_id)
        if key not in self.known:
            table = SQLModel.metadata.tables[target]
            column = table.c[NAMING_COLUMNS[target]]
            found = self.session.connection().execute(select(column).where(table.c.id == record_id))
            self.known[key] = str(found.scalar() or f"#{record_id}")
        return self.known[key]


def _part_text(
    table: Table, rows: Sequence[Mapping[str, Any]], root: str, names: FieldNames
) -> str | None:
    """A part's rows as one line each, joined: linked records by name, ids left out."""
    lines = []
    for row in rows:
        shown = []
        for column in table.c:
            value = row.get(column.name)
            if column.name in SKIPPED or value is None:
                continue
            target = _target(column)
            if target == root:
                continue
            if target is not None and target in NAMING_COLUMNS:
                shown.append(names(target, value))
            elif isinstance(value, bool):
                if value:
                    shown.append(column.name.removeprefix("is_"))
            else:
                shown.append(value_text(value) or "")
        lines.append(", ".join(shown))
    return "; ".join(sorted(lines)) or None


def _target(column: Column[Any]) -> str | None:
    """The table a column points at, if it is a foreign key."""
    for key in column.foreign_keys:
        return str(key.column.table.name)
    return None


def log_records(
    connection: Connection, author: Author, action: str, records: Iterable[tuple[str, int]]
) -> int:
    """One ``action`` entry per (kind, id) in one bulk insert (an import's summary)."""
    from tracker.excel.bulk import insert_columns

    pairs = list(records)
    if not pairs:
        return 0
    at = now()
    count = len(pairs)
    insert_columns(
        connection,
        SQLModel.metadata.tables["change_log"],
        {
            "at": [at] * count,
            "who": [author.who] * count,
            "origin": [author.origin] * count,
            "kind": [kind for kind, _ in pairs],
            "record_id": [record_id for _, record_id in pairs],
            "action": [action] * count,
        },
    )
    return count


# Reading.


@dataclass(frozen=True)
class Change:
    """One entry of the log, as shown and polled."""

    id: int
    at: datetime
    who: str
    origin: str
    kind: str
    record_id: int
    action: str
    field: str | None
    old: str | None
    new: str | None


def _change(entry: ChangeLogEntry) -> Change:
    assert entry.id is not None
    return Change(
        entry.id,
        entry.at,
        entry.who,
        entry.origin,
        entry.kind,
        entry.record_id,
        entry.action,
        entry.field,
        entry.old,
        entry.new,
    )


def history(session: Session, kind: str, record_id: int, limit: int = 200) -> list[Change]:
    """A record's entries, newest first."""
    query = (
        select(ChangeLogEntry)
        .where(ChangeLogEntry.kind == kind, ChangeLogEntry.record_id == record_id)
        .order_by(col(ChangeLogEntry.id).desc())
        .limit(limit)
    )
    return [_change(entry) for entry in session.exec(query)]


def last_change(session: Session, kind: str, record_id: int) -> Change | None:
    found = history(session, kind, record_id, limit=1)
    return found[0] if found else None


def latest_id(session: Session) -> int:
    """The newest entry's id (0 on an empty log): where a window starts watching."""
    found = session.connection().execute(select(func.max(ChangeLogEntry.id))).scalar()
    return int(found or 0)


#: How far back each poll looks again: on PostgreSQL a transaction that took its ids earlier
#: can commit after one that took later ids.
OVERLAP = 200


def since(session: Session, seen: int, limit: int = 5_000) -> list[Change]:
    """Entries after ``seen`` (and the ``OVERLAP`` before it, for late commits), oldest first;
    the caller drops the ids it has already handled."""
    query = (
        select(ChangeLogEntry)
        .where(col(ChangeLogEntry.id) > seen - OVERLAP)
        .order_by(col(ChangeLogEntry.id))
        .limit(limit)
    )
    return [_change(entry) for entry in session.exec(query)]


def poll(session: Session, seen: int) -> tuple[int, list[Change]]:
    """What a window watching the log has not seen: the newest id, and the entries after
    ``seen`` (with ``OVERLAP`` before it). When nothing was added this is one index lookup."""
    newest = latest_id(session)
    if newest <= seen:
        return seen, []
    return newest, since(session, seen)
