"""Progress for waits of unknown length, shown only when a wait lasts over half a second.

The work itself runs on the data gateway's threads (``ui.data``); these only tell the user it is
under way. A quick job finishes before the timer fires and shows nothing, so nothing flickers.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QProgressDialog, QVBoxLayout, QWidget

SHOW_AFTER_MS = 500


class DelayedBusy(QWidget):
    """A line of text over a moving bar, in the page that is waiting for its content."""

    def __init__(self, parent: QWidget | None = None, show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self.setObjectName("busy")
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # no count to give: the bar moves to say the app is working
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(show_after_ms)
        self._timer.timeout.connect(self.show)
        self.hide()

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self.isVisible()

    def start(self, text: str) -> None:
        """Begin a wait: shown if it is still going on after the delay."""
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        if not self.isVisible():
            self._timer.start()

    def finish(self) -> None:
        self._timer.stop()
        self.hide()


class DelayedBusyDialog(QProgressDialog):
    """A small window-modal dialog with a moving bar, for a wait that blocks the window (loading
    the demo: the lists are about to change under the user)."""

    def __init__(
        self, parent: QWidget, title: str, text: str, show_after_ms: int = SHOW_AFTER_MS
    ) -> None:
        super().__init__(text, "", 0, 0, parent)
        self.setObjectName("busyDialog")
        self.setWindowTitle(title)
        self.setCancelButton(None)  # one transaction: it lands whole or not at all
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(2**30)  # shown by our timer, never by Qt's own estimate
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.show)
        self._timer.start(show_after_ms)

    def finish(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()
