"""Help ▸ Show Log: the log's last lines, to read or copy into a bug report."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.log_file import last_lines, log_path

SHOWN_LINES = 1000


class LogDialog(QDialog):
    """The newest lines of the log file, newest at the bottom, with Copy and Open Folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_dialog")
        self.setWindowTitle("Log")
        self.resize(820, 480)
        path = log_path()
        where = QLabel(f"The log is kept in {path}" if path else "No log file is kept.")
        where.setWordWrap(True)
        self.text = QPlainTextEdit(last_lines(SHOWN_LINES) or "(nothing logged yet)")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy")
        self.folder_button = QPushButton("Open &Folder")
        self.folder_button.setEnabled(path is not None)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.folder_button.clicked.connect(self.open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        #: Opens a folder in the file manager; tests replace it.
        self.open_url = QDesktopServices.openUrl

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text.toPlainText())
        self.copy_button.setText("Copied")

    def open_folder(self) -> None:
        path = log_path()
        if path is not None:
            self.open_url(QUrl.fromLocalFile(str(path.parent)))
