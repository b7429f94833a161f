"""A version on each record a form edits, so that a save made against an old copy is noticed.

Every write to such a row moves its ``version`` on by one: a form save claims the version it
loaded (``tracker.versions.claim``), and any other ORM update of the row (a stage move, a
captured release) is bumped here before it is flushed. Rows inserted in bulk get 1 from the
column's server default.
"""

from typing import Any

from sqlalchemy import Column, Integer, event, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Field

#: ``session.info`` key: (table, id) of the rows whose version a form save has claimed.
CLAIMED = "versions_claimed"


def version_field() -> Any:
    """The ``version`` column: starts at 1, never empty."""
    return Field(
        default=1, sa_column=Column("version", Integer, nullable=False, server_default=text("1"))
    )


def _bump_updated(session: OrmSession, _flush: UOWTransaction, _instances: object) -> None:
    """Move the version of each changed, versioned row on, unless a claim did already."""
    claimed: set[tuple[str, int]] = session.info.get(CLAIMED, set())
    for instance in session.dirty:
        table = getattr(type(instance), "__table__", None)
        if table is None or "version" not in table.c:
            continue
        if (table.name, instance.id) in claimed:
            continue
        if session.is_modified(instance, include_collections=False):
            instance.version = (instance.version or 0) + 1


def _note_inserted(session: OrmSession, _flush: UOWTransaction) -> None:
    """A row added in this transaction stays at version 1 however often it is changed before
    the commit (a project is created, then given its stage)."""
    claimed: set[tuple[str, int]] = session.info.setdefault(CLAIMED, set())
    for instance in session.new:
        table = getattr(type(instance), "__table__", None)
        if table is not None and "version" in table.c:
            claimed.add((table.name, instance.id))


def _forget(session: OrmSession, *_args: object) -> None:
    """Claims last as long as the transaction."""
    session.info.pop(CLAIMED, None)


event.listen(OrmSession, "before_flush", _bump_updated)
event.listen(OrmSession, "after_flush", _note_inserted)
event.listen(OrmSession, "after_commit", _forget)
event.listen(OrmSession, "after_rollback", _forget)
