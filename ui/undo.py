"""Undo and redo of adds, edits and deletes, by putting snapshots back (``tracker.snapshots``).

A command is pushed after its change is already written, so its first ``redo`` does nothing.
Each later undo or redo is a job on the database thread; the commands hold plain snapshots.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from tracker import records, snapshots
from tracker.snapshots import Snapshot

if TYPE_CHECKING:
    from tracker.excel.journal import ImportChanges
    from ui.data.gateway import Session

Job = Callable[["Session"], Any]
#: Runs a write job, then shows ``kind`` record ``id`` (``None`` once it is gone).
Runner = Callable[[Job, str, int | None], None]


class DatabaseCommand(QUndoCommand):
    """An undoable change whose first redo already happened when it was pushed."""

    def __init__(
        self,
        text: str,
        run: Runner,
        kind: str,
        record_id: int,
        undo_job: Job,
        redo_job: Job,
        *,
        gone_after_undo: bool = False,
        gone_after_redo: bool = False,
    ) -> None:
        super().__init__(text)
        self._run = run
        self._kind = kind
        self._id = record_id
        self._undo_job = undo_job
        self._redo_job = redo_job
        self._gone_after_undo = gone_after_undo
        self._gone_after_redo = gone_after_redo
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._run(self._redo_job, self._kind, None if self._gone_after_redo else self._id)

    def undo(self) -> None:
        self._done = False
        self._run(self._undo_job, self._kind, None if self._gone_after_undo else self._id)


def created(run: Runner, kind: str, record_id: int, label: str) -> DatabaseCommand:
    """Undo deletes the new record (keeping a snapshot); redo puts it back with its id."""
    kept: list[Snapshot] = []

    def undo(session: "Session") -> None:
        kept[:] = [records.delete_record(session, kind, record_id)]

    def redo(session: "Session") -> None:
        snapshots.restore(session, kept[0])

    return DatabaseCommand(
        f"Add {records.noun(kind)} “{label}”",
        run,
        kind,
        record_id,
        undo,
        redo,
        gone_after_undo=True,
    )


def edited(run: Runner, before: Snapshot, after: Snapshot, label: str) -> DatabaseCommand:
    """Undo and redo write the record's own parts back as they were before and after."""
    return DatabaseCommand(
        f"Edit {records.noun(before.kind)} “{label}”",
        run,
        before.kind,
        before.record_id,
        lambda session: snapshots.replace(session, before),
        lambda session: snapshots.replace(session, after),
    )


def deleted(run: Runner, snapshot: Snapshot, label: str) -> DatabaseCommand:
    """Undo restores the record and everything that went with it; redo deletes it again."""
    kind, record_id = snapshot.kind, snapshot.record_id
    return DatabaseCommand(
        f"Delete {records.noun(kind)} “{label}”",
        run,
        kind,
        record_id,
        lambda session: snapshots.restore(session, snapshot),
        lambda session: records.delete_record(session, kind, record_id),
        gone_after_redo=True,
    )


#: Runs an import's undo or redo job, saying what is under way while it runs, then what was done.
ImportRunner = Callable[[Job, str, str], None]


class ImportCommand(QUndoCommand):
    """A written import as one step: undo puts every table back as it was before, redo writes
    the import again with the same ids (``tracker.excel.journal``). Pushed once written."""

    def __init__(self, name: str, changes: "ImportChanges", run: ImportRunner) -> None:
        super().__init__(f"Import “{name}”")
        self._name = name
        self._changes = changes
        self._run = run
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._run(
            self._changes.redo,
            f"Importing {self._name} again…",
            f"The import of {self._name} is done again.",
        )

    def undo(self) -> None:
        self._done = False
        self._run(
            self._changes.undo,
            f"Undoing the import of {self._name}…",
            f"The import of {self._name} is undone: the database is as it was before.",
        )
