"""A box to paste a release into, for when the clipboard holds none."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PasteDialog(QDialog):
    """Paste or type a release's text; Read hands it on and closes."""

    read_requested = Signal(str)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_release")
        self.setWindowTitle("Capture from News Release")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        label = QLabel("Paste the &text of a news release:")
        self.text = QPlainTextEdit()
        self.text.setObjectName("release_paste")
        label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.read_button = self.buttons.addButton("&Read", QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_button.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.read_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self._read)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 480)

    def _read(self) -> None:
        text = self.text.toPlainText()
        if text.strip():
            self.accept()
            self.read_requested.emit(text)
