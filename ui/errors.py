"""What the user sees when something goes wrong.

Two kinds of failure (STYLE.md), told apart by the gateway's one rule (``ui.data.failures``):
the environment's (disk full, file locked, read-only) get a plain message, since the user can
act on them; our own bugs get a dialog with the details and a Copy button, for a bug report.
Either way every write is one transaction, so nothing is left half done: the data stays as it
was before the failed action.
"""

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.data.failures import Kind, classify, environment_message, is_environmental
from ui.log_file import last_lines, log_path

LOG = logging.getLogger("mining_tracker")
#: How much of the log the crash dialog adds to its details.
LOG_LINES = 40

__all__ = ["environment_message", "is_environmental", "show_error"]

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def details_of(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(kind, error, tb))


class ErrorDialog(QDialog):
    """An unexpected error: what happened, that the data is safe, the details, and Copy."""

    def __init__(self, parent: QWidget | None, details: str) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setWindowTitle("Unexpected error")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        summary = QLabel(
            "<b>Something went wrong inside Mining Project Tracker.</b><br>"
            "The action was stopped and nothing half-done was saved: your data is as it was "
            "before. Copy the details below into a bug report, please."
        )
        summary.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy Details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 400)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details.toPlainText())
        self.copy_button.setText("Copied")


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A message for the environment's errors, the details dialog for everything else; both
    are written to the log."""
    failure = classify(error)
    if failure.kind is Kind.ENVIRONMENT:
        LOG.warning("%s", failure.message.splitlines()[0])
        box = QMessageBox(QMessageBox.Icon.Warning, "Could not finish", failure.message)
        if parent is not None:
            box.setParent(parent, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    details = failure.details or details_of(type(error), error, error.__traceback__)
    LOG.error("unexpected error\n%s", details.rstrip())
    tail = last_lines(LOG_LINES)
    if tail:
        details += f"\nThe log's last lines ({log_path()}):\n{tail}"
    ErrorDialog(parent, details).open()


def install_excepthook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """Show uncaught exceptions in a dialog instead of losing them; returns the old hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        sys.stderr.write(details_of(kind, error, tb))
        try:
            if error.__traceback__ is None:
                error = error.with_traceback(tb)
            show_error(parent(), error)
        except Exception:  # the dialog itself failed: the traceback is on stderr already
            previous(kind, error, tb)

    sys.excepthook = hook
    return previous
