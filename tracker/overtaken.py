"""Undo and redo never silently write over what someone else changed since.

An undo step holds the record as the step left it (its own row and parts, with its version).
Before the step writes, the record is locked and its stored version compared with that one:
the same, and nothing happened since. When it moved on, the record is compared field by field
with how the step left it (a later step of the same window, undone first, moves the version
too, but puts the same values back); when a field differs, ``OvertakenError`` names the fields
with the three values (as the step left it, as stored now, as the undo would write it), who
changed it last and when, and nothing is written.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker import changelog, snapshots, versions
from tracker.changelog import shown_time
from tracker.errors import TrackerError
from tracker.snapshots import OWN_PARTS, ROOTS, Snapshot


@dataclass(frozen=True)
class Overtaken:
    """A field someone changed since the step: as the step left it, as stored now, and what
    undoing (or redoing) would write; None where a value is empty."""

    field: str
    left: str | None
    stored: str | None
    written: str | None


class OvertakenError(TrackerError):
    """The record was changed (or deleted) after the step being undone or redone."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        what: str,
        fields: Sequence[Overtaken],
        who: str | None = None,
        at: datetime | None = None,
        *,
        gone: bool = False,
        undoing: bool = True,
        deletes: bool = False,
    ) -> None:
        self.kind, self.record_id, self.what = kind, record_id, what
        self.fields = list(fields)
        self.who, self.at, self.gone, self.undoing = who, at, gone, undoing
        #: The step would delete the record (undo of an add, redo of a delete).
        self.deletes = deletes
        by = who or "someone else"
        when = f" at {shown_time(at)}" if at else ""
        done = "deleted" if gone else "changed"
        super().__init__(
            f"{what} was not {'undone' if undoing else 'redone'}: {by} {done} this "
            f"{kind}{when}, after it."
        )


def versioned(kind: str) -> bool:
    """Whether records of ``kind`` carry a version (transactions do not: nobody edits one
    in a form of its own)."""
    return kind in ROOTS and "version" in versions.table_of(kind).c


def own_part(snapshot: Snapshot) -> Snapshot:
    """The record's own row and parts out of a delete's snapshot: how a restore leaves it."""
    keep = {ROOTS[snapshot.kind], *OWN_PARTS[snapshot.kind]}
    rows = {table: rows for table, rows in snapshot.rows.items() if table in keep}
    return Snapshot(snapshot.kind, snapshot.record_id, rows)


def restore(session: Session, what: str, snapshot: Snapshot, *, undoing: bool = True) -> None:
    """Bring a deleted record back (``snapshots.restore``); when a record it points at was
    deleted since (the company owning a project), say so: nothing is written."""
    try:
        snapshots.restore(session, snapshot)
    except IntegrityError as error:
        raise TrackerError(
            f"{what} was not {'undone' if undoing else 'redone'}: a record it refers to was "
            "deleted or changed since, by someone else; nothing was written."
        ) from error


def version_in(snapshot: Snapshot) -> int | None:
    rows = snapshot.rows.get(ROOTS[snapshot.kind], ())
    return rows[0].get("version") if rows else None


def check(
    session: Session,
    what: str,
    left: Snapshot,
    written: Snapshot | None = None,
    *,
    undoing: bool = True,
) -> None:
    """Raise ``OvertakenError`` when the record is no longer as the step ``what`` left it;
    ``written`` is what the undo or redo would put there instead (None: a delete)."""
    kind, record_id = left.kind, left.record_id
    if not versioned(kind):
        return
    _lock(session, kind, record_id)
    stored = versions.current(session, kind, record_id)
    if stored is not None and stored == version_in(left):
        return
    who, at = _last_by_others(session, kind, record_id)
    if stored is None:
        raise OvertakenError(kind, record_id, what, [], who, at, gone=True, undoing=undoing)
    now = snapshots.capture_own(session, kind, record_id)
    found = changelog.differences(session, left, now)
    if not found:
        return
    planned: dict[str, str | None] = {}
    if written is not None:
        planned = changelog.field_texts(written, changelog.FieldNames(session))
    raise OvertakenError(
        kind,
        record_id,
        what,
        [Overtaken(field, old, new, planned.get(field)) for field, old, new in found],
        who,
        at,
        undoing=undoing,
        deletes=written is None,
    )


def _lock(session: Session, kind: str, record_id: int) -> None:
    """Hold the record until the transaction ends, so that nobody saves it between this check
    and the write after it: an UPDATE that changes nothing takes the row's lock on PostgreSQL
    and the write lock on SQLite, and what is read after it is what is committed now."""
    table = versions.table_of(kind)
    session.flush()
    session.connection().execute(
        update(table).where(table.c.id == record_id).values(version=table.c.version)
    )


def _last_by_others(
    session: Session, kind: str, record_id: int
) -> tuple[str | None, datetime | None]:
    """Who changed the record last from another window or run, and when (None, None when the
    log does not say: a write that logged nothing)."""
    own = changelog.author_of(session).origin
    for change in changelog.history(session, kind, record_id, limit=50):
        if change.origin != own:
            return change.who, change.at
    return None, None
