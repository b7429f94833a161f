"""A progress dialog that appears only when work lasts longer than half a second."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.excel.job import ExcelJob

SHOW_AFTER_MS = 500
_PHASES = {"checking": "Checking rows", "writing": "Writing", "reading": "Reading"}


class DelayedProgress(QProgressDialog):
    """Follows an ``ExcelJob``: counts as they come, Cancel cancels the job."""

    def __init__(self, job: ExcelJob, title: str, parent: QWidget | None) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setObjectName("excelProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(2**30)  # shown by our timer, never by Qt's own estimate
        self.hide()
        self._job = job
        self._title = title
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._appear)
        self._timer.start(SHOW_AFTER_MS)
        self.canceled.connect(self._cancel)
        job.progressed.connect(self._progress)
        job.finished.connect(self._done)

    def _appear(self) -> None:
        if self._job.isRunning():
            self.show()

    def _progress(self, phase: str, done: int, total: int) -> None:
        label = _PHASES.get(phase, phase)
        self.setLabelText(f"{label}: {done:,}" + (f" of {total:,}" if total else ""))
        self.setMaximum(max(total, 0))
        if total:
            self.setValue(min(done, total))

    def _cancel(self) -> None:
        self.setLabelText("Cancelling; nothing will be written…")
        self._job.cancel()

    def _done(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()
