"""Long work (an import, an export, reading a workbook) as a job of the gateway's writer.

The work function gets ``progress(phase, done, total)`` and ``cancelled()``. It runs on the
gateway's one writer thread, queued behind the writes before it, so an import never races a
form's save. Progress and the outcome come back to the GUI thread as queued signals carrying
plain data. Cancel only sets a flag the work checks between rows: a cancelled import rolls back
its one transaction and nothing is written. Errors are sorted by ``ui.data.failures``, the same
rule every write follows.
"""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from tracker.excel.errors import CancelledError
from ui.data.failures import classify

Progress = Callable[[str, int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]
#: Runs a callable on the writer thread (``Gateway.run_job``).
Runner = Callable[[Callable[[], None]], None]


class Job(QObject):
    """One piece of long work; connect the signals, then ``start()``."""

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    #: message for the user, and details (a traceback) when it is our bug, else "".
    failed = Signal(str, str)
    cancelled = Signal()
    #: After the outcome, whatever it was.
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None, runner: Runner | None = None):
        super().__init__(parent)
        self._work = work
        self._runner = runner
        self._stop = threading.Event()
        self._done = threading.Event()
        self._started = False
        self.finished.connect(self.deleteLater)

    def start(self) -> None:
        """Queue the work on the writer (on a thread of its own when there is no gateway)."""
        self._started = True
        runner = self._runner or _find_runner(self.parent())
        if runner is not None:
            runner(self._execute)
        else:
            threading.Thread(target=self._execute, name="tracker-job", daemon=True).start()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def isRunning(self) -> bool:
        """Started and not finished (QThread's name, which the dialogs use)."""
        return self._started and not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has returned (before its owner may be deleted)."""
        return not self._started or self._done.wait(timeout)

    def _execute(self) -> None:
        try:
            if self._stop.is_set():
                raise CancelledError()
            result = self._work(self.progressed.emit, self._stop.is_set)
        except CancelledError:
            self.cancelled.emit()
        except Exception as exc:  # sorted below: the environment's, a refusal, or our bug
            failure = classify(exc)
            self.failed.emit(failure.message, failure.details)
        else:
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        self.finished.emit()
        self._done.set()  # last: after this the owner may delete the job


def _find_runner(owner: QObject | None) -> Runner | None:
    """The writer of the gateway of the window ``owner`` belongs to, if it has one."""
    from ui.data.gateway import Gateway

    while owner is not None:
        gateway = getattr(owner, "gateway", None)
        if isinstance(gateway, Gateway):
            return gateway.run_job
        owner = owner.parent()
    return None


def finish_jobs(owner: QObject) -> None:
    """Cancel and wait for the jobs of ``owner`` still running, before it may be deleted."""
    for job in owner.findChildren(Job):
        if job.isRunning():
            job.cancel()
            job.wait()
