"""The one way from the window to the database (modelled on Anki's ``CollectionOp``).

The gateway holds the engine: opening another database happens here and nowhere else. Reads
run on reader threads, so the GUI thread never waits for SQL; a read can be cancelled (a
newer one made it moot). Reading a whole list (``read(..., long=True)``) has a reader of its
own, so that the page of the row clicked never waits behind 100,000 rows. Every write, and
every long job (``Job``: an import, an export), runs on the one writer thread in the order
asked, each write in one transaction. After a write the gateway announces what it changed
(``changed(Changes)``) and each view decides for itself whether to read again. A failure
nobody handled goes to ``report``, which sorts it by the one rule of ``ui.data.failures``.

Results are plain data (rows, snapshots, ids), never widgets or live ORM objects bound to a
session the GUI thread would use.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ui.data.changes import Changes
from ui.data.jobs import Job, Work
from ui.data.threads import DatabaseWorker, Failed

# The types jobs see, for the window's modules to name without importing SQL themselves.
if TYPE_CHECKING:
    from sqlalchemy import Engine as Engine
    from sqlmodel import Session as Session

T = TypeVar("T")
#: What a write changed: given, or worked out from the write's result.
ChangesOf = Changes | Callable[[Any], Changes] | None


class Ticket:
    """A read or write asked for; ``cancel()`` drops its result (and skips it if not begun)."""

    def __init__(self, worker: DatabaseWorker, number: int) -> None:
        self._worker, self.number = worker, number

    def cancel(self) -> None:
        self._worker.cancel(self.number)


class Gateway(QObject):
    """Between the window and the database: reads, writes, jobs, what changed, what failed."""

    #: A write landed (ours, an undo, or another program's): what it changed.
    changed = Signal(object)
    #: Every read and write asked for has come back.
    idle = Signal()

    def __init__(
        self,
        engine: "Engine | None" = None,
        on_error: Failed | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_error = on_error or _raise
        self._reader = DatabaseWorker(engine, self.report, "reads")
        self._lists = DatabaseWorker(engine, self.report, "lists")
        self._writer = DatabaseWorker(engine, self.report, "writes")
        for worker in self._workers:
            worker.idle.connect(self._maybe_idle)

    @property
    def _workers(self) -> tuple[DatabaseWorker, ...]:
        return self._reader, self._lists, self._writer

    # The database.

    @property
    def engine(self) -> "Engine | None":
        return self._writer.engine

    def attach(self, engine: "Engine | None") -> None:
        """Read and write ``engine`` from now on (the caller disposes of the old one)."""
        for worker in self._workers:
            worker.engine = engine

    def open(
        self, url: str, on_done: Callable[["Engine"], None], on_error: Failed | None = None
    ) -> None:
        """Open (and if need be upgrade and back up) the database at ``url`` on the writer;
        ``on_done(engine)`` decides whether to ``attach`` it."""
        self._writer.call(lambda: open_engine(url), on_done, on_error)

    @property
    def is_open(self) -> bool:
        return self.engine is not None

    @property
    def read_only(self) -> bool:
        from db.engine import is_read_only

        return self.engine is not None and is_read_only(self.engine)

    # Reads, writes and jobs.

    def read(
        self,
        job: Callable[["Session"], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        long: bool = False,
    ) -> Ticket:
        """Run ``job(session)`` on a reader; ``on_done(result)`` on the GUI thread. A ``long``
        read (a whole list) goes to the lists' reader; reads on one reader land in order."""
        reader = self._lists if long else self._reader
        return Ticket(reader, reader.submit(job, on_done, on_error))

    def write(
        self,
        job: Callable[["Session"], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        changes: ChangesOf = None,
    ) -> Ticket:
        """Run ``job(session)`` in one transaction on the writer; when it has committed,
        ``on_done(result)`` runs and then ``changes`` (or ``changes(result)``) is announced."""

        def landed(result: T) -> None:
            if on_done is not None:
                on_done(result)
            found = changes(result) if callable(changes) else changes
            if found:
                self.announce(found)

        return Ticket(self._writer, self._writer.submit(job, landed, on_error, write=True))

    def call(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> Ticket:
        """Run work that needs no session on the writer, in turn with the writes."""
        return Ticket(self._writer, self._writer.call(work, on_done, on_error))

    def job(self, work: Work, parent: QObject | None = None) -> Job:
        """Long work with progress and cancel, run on the writer; connect, then ``start()``."""
        return Job(work, parent, self.run_job)

    def run_job(self, execute: Callable[[], None]) -> None:
        """Queue a job's body on the writer (it reports its own outcome)."""
        self._writer.call(execute)

    def submit(
        self,
        job: Callable[["Session"], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        write: bool = False,
        changes: ChangesOf = None,
    ) -> Ticket:
        """``write`` or ``read``, by the flag (for views that take either)."""
        if write:
            return self.write(job, on_done, on_error, changes=changes)
        return self.read(job, on_done, on_error)

    # What changed and what failed.

    def announce(self, changes: Changes) -> None:
        """Tell every view what changed (after our write, or another program's)."""
        self.changed.emit(changes)

    def report(self, error: BaseException) -> None:
        """A failure nobody handled: to the window, which shows it by ``failures.classify``."""
        self._on_error(error)

    @property
    def pending(self) -> int:
        """Reads and writes asked for whose results have not come back yet."""
        return sum(worker.pending for worker in self._workers)

    @property
    def writing(self) -> int:
        return self._writer.pending

    def _maybe_idle(self) -> None:
        if not self.pending:
            self.idle.emit()

    def stop(self) -> None:
        """Finish what is queued and end the threads (their results are dropped)."""
        for worker in self._workers:
            worker.stop()


def open_engine(url: str) -> "Engine":
    """``db.open.open_database``, imported when first needed (it brings in Alembic), then the
    day's backup if none was made today (a failed backup never keeps the database closed)."""
    import logging

    from db.backups import BackupError, daily_backup
    from db.engine import is_read_only
    from db.open import open_database

    engine = open_database(url)
    if not is_read_only(engine):
        try:
            daily_backup(engine)
        except BackupError:
            logging.getLogger(__name__).warning("no daily backup of %s", url, exc_info=True)
    return engine


def _raise(error: BaseException) -> None:
    raise error
