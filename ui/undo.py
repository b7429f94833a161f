"""Undo and redo of adds, edits and deletes, by putting snapshots back (``tracker.snapshots``).

A command is pushed after its change is already written, so its first ``redo`` does nothing.
Each later undo or redo is a job on the database thread; the commands hold plain snapshots.
Before writing, the job checks that the record is still as the step left it
(``tracker.overtaken``): a change someone made since is never written over silently. A job
that wrote nothing is ``taken_back``: the command is as before it ran, and the window puts
the stack's index back; a window's steps share a ``Gate``, so that jobs queued behind such a
job write nothing either.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from tracker import overtaken, records, snapshots
from tracker.snapshots import Snapshot

if TYPE_CHECKING:
    from tracker.excel.journal import ImportChanges
    from ui.data.gateway import Session

Job = Callable[["Session"], Any]
#: Runs a write job, then shows ``kind`` record ``id`` (``None`` once it is gone).
Runner = Callable[[Job, str, int | None], None]
#: How the step left the record (checked before writing) and what the job would write there
#: (None: it deletes the record); None when there is nothing to check.
Check = Callable[[], tuple[Snapshot, Snapshot | None] | None]


class StepHeldError(Exception):
    """An undo or redo queued after one that wrote nothing: it waits, and writes nothing."""


class Gate:
    """Shared by one window's steps: once a step's job wrote nothing, the jobs queued after it
    (a quick second Ctrl+Z) write nothing either, until the window has put its stack back."""

    def __init__(self) -> None:
        self.closed = False


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
        undo_check: Check | None = None,
        redo_check: Check | None = None,
        gate: Gate | None = None,
    ) -> None:
        super().__init__(text)
        self._run = run
        self._kind = kind
        self._id = record_id
        self._undo_job = undo_job
        self._redo_job = redo_job
        self._gone_after_undo = gone_after_undo
        self._gone_after_redo = gone_after_redo
        self._undo_check = undo_check
        self._redo_check = redo_check
        self._gate = gate
        self._done = True
        self._forced = False
        #: The error of the last job, set on the database thread when it wrote nothing.
        self.failure: BaseException | None = None

    @property
    def done(self) -> bool:
        """Whether the change is in the database, as far as this command knows."""
        return self._done

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        job = self._guarded(self._redo_job, self._redo_check, undoing=False)
        self._run(job, self._kind, None if self._gone_after_redo else self._id)

    def undo(self) -> None:
        if not self._done:  # taken back: the stack's index is being put back
            return
        self._done = False
        job = self._guarded(self._undo_job, self._undo_check, undoing=True)
        self._run(job, self._kind, None if self._gone_after_undo else self._id)

    def force_next(self) -> None:
        """Write the next undo or redo without checking (the person chose to overwrite)."""
        self._forced = True

    def taken_back(self) -> None:
        """The last undo or redo wrote nothing: the command is as before it (the caller then
        moves the stack's index back, which calls nothing here)."""
        self._done = not self._done
        self.failure = None

    def _guarded(self, job: Job, check: Check | None, *, undoing: bool) -> Job:
        forced, self._forced = self._forced, False
        what, gate = self.text(), self._gate

        def guarded(session: "Session") -> Any:
            self.failure = None
            try:
                if gate is not None and gate.closed:
                    raise StepHeldError(what)
                planned = None if check is None or forced else check()
                if planned is not None:
                    left, written = planned
                    overtaken.check(session, what, left, written, undoing=undoing)
                return job(session)
            except BaseException as error:
                self.failure = error
                if gate is not None:
                    gate.closed = True
                raise

        return guarded


def created(
    run: Runner,
    kind: str,
    record_id: int,
    label: str,
    made: Snapshot | None = None,
    gate: Gate | None = None,
) -> DatabaseCommand:
    """Undo deletes the new record (keeping a snapshot); redo puts it back with its id.
    ``made`` is the record as saved: undo refuses to delete what someone changed since."""
    kept: list[Snapshot] = []

    def undo(session: "Session") -> None:
        kept[:] = [records.delete_record(session, kind, record_id)]

    def redo(session: "Session") -> None:
        overtaken.restore(session, text, kept[0], undoing=False)

    def left() -> tuple[Snapshot, None] | None:
        if kept:
            return overtaken.own_part(kept[0]), None
        return (made, None) if made is not None else None

    text = f"Add {records.noun(kind)} “{label}”"
    return DatabaseCommand(
        text,
        run,
        kind,
        record_id,
        undo,
        redo,
        gone_after_undo=True,
        undo_check=left,
        gate=gate,
    )


def edited(
    run: Runner, before: Snapshot, after: Snapshot, label: str, gate: Gate | None = None
) -> DatabaseCommand:
    """Undo and redo write the record's own parts back as they were before and after."""
    return replaced(f"Edit {records.noun(before.kind)} “{label}”", run, before, after, gate)


def replaced(
    text: str, run: Runner, before: Snapshot, after: Snapshot, gate: Gate | None = None
) -> DatabaseCommand:
    """A step that took a record from ``before`` to ``after`` (an edit, a stage move): undo
    writes ``before`` back if the record is still ``after``, redo the other way round."""
    return DatabaseCommand(
        text,
        run,
        before.kind,
        before.record_id,
        lambda session: snapshots.replace(session, before),
        lambda session: snapshots.replace(session, after),
        undo_check=lambda: (after, before),
        redo_check=lambda: (before, after),
        gate=gate,
    )


def deleted(
    run: Runner, snapshot: Snapshot, label: str, gate: Gate | None = None
) -> DatabaseCommand:
    """Undo restores the record and everything that went with it; redo deletes it again,
    unless someone changed it since it was restored."""
    kind, record_id = snapshot.kind, snapshot.record_id
    restored = overtaken.own_part(snapshot)
    text = f"Delete {records.noun(kind)} “{label}”"
    return DatabaseCommand(
        text,
        run,
        kind,
        record_id,
        lambda session: overtaken.restore(session, text, snapshot),
        lambda session: records.delete_record(session, kind, record_id),
        gone_after_redo=True,
        redo_check=lambda: (restored, None),
        gate=gate,
    )


#: Runs an import's undo or redo job, saying what is under way while it runs, then what was
#: done; given the command, to put the stack back when the step is refused.
ImportRunner = Callable[[Job, str, str, "ImportCommand"], None]


class ImportCommand(QUndoCommand):
    """A written import as one step: undo puts every table back as it was before, redo writes
    the import again with the same ids (``tracker.excel.journal``). Pushed once written.

    Another window (or the command line) may have changed what the import wrote in between:
    then the step is refused, naming each record (``tracker.excel.journal_check``), nothing is
    written, and ``refused`` puts the undo stack back where it was."""

    def __init__(self, name: str, changes: "ImportChanges", run: ImportRunner) -> None:
        super().__init__(f"Import “{name}”")
        self._name = name
        self._changes = changes
        self._run = run
        self._done = True
        #: The stack's next call on this command only moves it back after a refusal.
        self._quiet = False

    def redo(self) -> None:
        if self._quiet or self._done:
            self._quiet = False
            self._done = True
            return
        self._done = True
        self._run(
            self._redo_job,
            f"Importing {self._name} again…",
            f"The import of {self._name} is done again.",
            self,
        )

    def undo(self) -> None:
        if self._quiet:
            self._quiet = False
            self._done = False
            return
        self._done = False
        self._run(
            self._undo_job,
            f"Undoing the import of {self._name}…",
            f"The import of {self._name} is undone: the database is as it was before.",
            self,
        )

    def _undo_job(self, session: "Session") -> None:
        from tracker.excel.journal_check import undo_checked

        undo_checked(self._changes, session)

    def _redo_job(self, session: "Session") -> None:
        from tracker.excel.journal_check import redo_checked

        redo_checked(self._changes, session)

    def refused(self, stack: QUndoStack) -> None:
        """The last undo or redo of this command wrote nothing: move ``stack`` back over it
        without running it again."""
        self._quiet = True
        if self._done:
            stack.undo()
        else:
            stack.redo()
