"""A background thread that runs database jobs one after another (the gateway's reader and writer).

Loading 100,000 rows takes a second or more; on the GUI thread that would freeze the window.
Jobs run in submission order on one thread (so writes never race each other), each in its own
session, and their results come back to the GUI thread through a queued signal. Results carry
plain data only (tuples, snapshots, ids), never widgets.
"""

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

T = TypeVar("T")
Job = Callable[["Session"], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Task:
    number: int
    engine: "Engine | None"
    job: Callable[..., Any]
    write: bool | None
    """True: in a transaction; False: in a read session; None: called with no session."""


class DatabaseWorker(QObject):
    """Runs ``job(session)`` on its own thread; ``on_done(result)`` runs back on the GUI thread.

    A write job runs in a transaction that commits when it returns and rolls back if it raises,
    so a failure never leaves half a change behind.
    """

    _finished = Signal(int, object, object)
    #: Emitted on the GUI thread when the queue has run dry.
    idle = Signal()

    def __init__(
        self, engine: "Engine | None", on_unhandled: Failed, name: str = "database"
    ) -> None:
        super().__init__()
        self.engine = engine
        self._on_unhandled = on_unhandled
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        #: Jobs cancelled before they ran: the thread skips them.
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()
        self._next = 0
        self._stopped = False
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name=f"tracker-{name}", daemon=True)
        self._thread.start()

    def submit(
        self,
        job: Callable[["Session"], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        write: bool = False,
    ) -> int:
        """Queue a job; errors go to ``on_error``, or to the unhandled-error handler."""
        return self._queue(job, on_done, on_error, write)

    def call(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> int:
        """Queue work that needs no session (opening a database, for one)."""
        return self._queue(work, on_done, on_error, None)

    def _queue(
        self, job: Callable[..., Any], on_done: Any, on_error: Failed | None, write: bool | None
    ) -> int:
        self._next += 1
        self._callbacks[self._next] = (on_done, on_error)
        self._tasks.put(_Task(self._next, self.engine, job, write))
        return self._next

    def cancel(self, number: int) -> None:
        """Forget a job: it is skipped if it has not started, and its result is dropped."""
        if self._callbacks.pop(number, None) is None:
            return
        with self._lock:
            self._cancelled.add(number)
        if not self._callbacks:
            self.idle.emit()

    def report(self, error: BaseException) -> None:
        """Hand an error to the unhandled-error handler (for callbacks that tidy up first)."""
        self._on_unhandled(error)

    @property
    def pending(self) -> int:
        """Jobs submitted whose results have not come back yet."""
        return len(self._callbacks)

    def stop(self) -> None:
        """Finish the queued jobs and end the thread (their results are dropped)."""
        self._stopped = True
        if self._thread.is_alive():
            self._tasks.put(None)
            self._thread.join()
        self._callbacks.clear()

    def _run(self) -> None:
        # Imported here, on this thread: SQLAlchemy and SQLModel load while the window shows.
        from sqlmodel import Session

        from db.session import transaction

        while (task := self._tasks.get()) is not None:
            with self._lock:
                skipped = task.number in self._cancelled
                self._cancelled.discard(task.number)
            if skipped:
                continue
            result: Any = None
            error: BaseException | None = None
            try:
                if task.write is None:
                    result = task.job()
                elif task.engine is None:
                    raise RuntimeError("no database is open yet")
                elif task.write:
                    with transaction(task.engine) as session:
                        result = task.job(session)
                else:
                    with Session(task.engine, expire_on_commit=False) as session:
                        result = task.job(session)
            except Exception as exc:  # handed to the GUI thread, which decides what to show
                error = exc
            with self._lock:
                self._cancelled.discard(task.number)  # cancelled while it ran
            try:
                self._finished.emit(task.number, result, error)
            except RuntimeError:  # the worker was deleted under us (the app is exiting)
                return

    def _deliver(self, number: int, result: object, error: object) -> None:
        if self._stopped or number not in self._callbacks:
            return  # stopped, or cancelled while it ran
        on_done, on_error = self._callbacks.pop(number)
        if isinstance(error, BaseException):
            (on_error or self._on_unhandled)(error)
        elif on_done is not None:
            on_done(result)
        if not self._callbacks:
            self.idle.emit()
