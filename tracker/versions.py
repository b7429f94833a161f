"""Claiming a record's version before writing it: a save made against an old copy is refused.

A form remembers the version it loaded. Its save first moves the stored version on, but only
from that same number (``UPDATE ... WHERE version = loaded``): when someone else saved in
between, nothing matches and ``StaleRecordError`` says who and when, so that the person can
choose between the two sets of values. On PostgreSQL the UPDATE also locks the row until the
transaction ends, so two saves of one version cannot both pass.
"""

from datetime import datetime

from sqlalchemy import Table, select, update
from sqlmodel import Session, SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.changelog import last_change, shown_time
from tracker.errors import NotFoundError, TrackerError
from tracker.models.versioned import CLAIMED
from tracker.snapshots import ROOTS


class StaleRecordError(TrackerError):
    """The record was saved by someone else after this copy of it was loaded."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        loaded: int,
        stored: int,
        who: str | None = None,
        at: datetime | None = None,
    ) -> None:
        self.kind, self.record_id = kind, record_id
        self.loaded, self.stored = loaded, stored
        self.who, self.at = who, at
        by = f" by {who}" if who else " by someone else"
        when = f" at {shown_time(at)}" if at else ""
        super().__init__(
            f"This {kind} was changed{by}{when} after you opened it; nothing was saved yet."
        )


def table_of(kind: str) -> Table:
    return SQLModel.metadata.tables[ROOTS[kind]]


def current(session: Session, kind: str, record_id: int) -> int | None:
    """The stored version of a record, or None when it does not exist."""
    table = table_of(kind)
    query = select(table.c.version).where(table.c.id == record_id)
    return session.connection().execute(query).scalar()


def claim(session: Session, kind: str, record_id: int, loaded: int) -> int:
    """Move the record's version on from ``loaded``, in ``session``'s transaction; the new
    version. Raises ``StaleRecordError`` when it is no longer ``loaded``, ``NotFoundError`` when
    the record is gone."""
    table = table_of(kind)
    session.flush()
    connection = session.connection()
    moved = connection.execute(
        update(table)
        .where(table.c.id == record_id, table.c.version == loaded)
        .values(version=table.c.version + 1)
    )
    if moved.rowcount == 1:
        session.info.setdefault(CLAIMED, set()).add((table.name, record_id))
        return loaded + 1
    stored = current(session, kind, record_id)
    if stored is None:
        raise NotFoundError(
            f"This {kind} was deleted by someone else after you opened it; nothing was saved."
        )
    last = last_change(session, kind, record_id)
    raise StaleRecordError(
        kind,
        record_id,
        loaded,
        stored,
        last.who if last else None,
        last.at if last else None,
    )
