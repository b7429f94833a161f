"""Edit ▸ Preferences: the name this person's changes are logged under.

On a shared database the change log says who changed what; the login name is the default, but
on a shared or generic account ("admin", "fund") a person wants their own name there.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.user_name import MAX_LENGTH, default_user


class PreferencesDialog(QDialog):
    """ "Your name", prefilled with the name in use; OK hands the typed name to ``on_save``
    (a blank one means the default)."""

    def __init__(self, parent: QWidget, current: str, on_save: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._on_save = on_save
        self.user_name = QLineEdit(current)
        self.user_name.setObjectName("user_name")
        self.user_name.setMaxLength(MAX_LENGTH)
        self.user_name.setPlaceholderText(default_user())
        self.user_name.setClearButtonEnabled(True)
        hint = QLabel(
            "Shown beside each change you make, in every record's history and to others "
            f"working on the same database. Left empty, it is “{default_user()}”."
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your &name:", self.user_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.user_name.selectAll()

    def accept(self) -> None:
        self._on_save(self.user_name.text())
        super().accept()
