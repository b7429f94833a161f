"""Long Excel work (read, preview, import, export) on a background thread, with Cancel.

The work function gets two callables: ``progress(phase, done, total)`` and ``cancelled()``.
It runs on a QThread; progress and the outcome come back to the GUI thread as queued signals
carrying plain data. Cancel only sets a flag the work checks between rows, so a cancelled import
rolls back its one transaction and nothing is written.
"""

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from db.errors import DatabaseOpenError
from tracker.errors import TrackerError
from tracker.excel.errors import CancelledError

Progress = Callable[[str, int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


def finish_jobs(owner: QObject) -> None:
    """Cancel and wait for the jobs of ``owner`` still running, before it may be deleted.

    A job's outcome signal can arrive while its thread is still returning; deleting the owner
    (and with it the QThread) then would abort the process.
    """
    for job in owner.findChildren(ExcelJob):
        if job.isRunning():
            job.cancel()
            job.wait()


class ExcelJob(QThread):
    """One piece of work; connect the signals, then ``start()``."""

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    #: message for the user, and details (a traceback) when it is our bug, else "".
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self.finished.connect(self.deleteLater)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop.is_set)
        except CancelledError:
            self.cancelled.emit()
        except (TrackerError, DatabaseOpenError, OSError) as exc:
            self.failed.emit(str(exc), "")
        except Exception as exc:  # our bug: the user gets the details to report it
            self.failed.emit(f"Unexpected error: {exc}", traceback.format_exc())
        else:
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
