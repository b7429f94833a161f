"""Someone changed the record after the step being undone: show what, and let the person choose.

Per field: the value as the step left it, the value stored now (theirs), and what undoing would
write. *Keep Their Change* (the default, and Escape) writes nothing and leaves the step on the
stack to try again; *Undo Anyway* writes the step's values over theirs. A record someone
deleted cannot be undone into: the dialog only says so.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.overtaken import OvertakenError

EMPTY = "(empty)"
DELETED = "(deleted)"


class OvertakenDialog(QDialog):
    """The fields someone changed since the step, with its three values each."""

    def __init__(
        self, parent: QWidget, error: OvertakenError, on_anyway: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overtaken_dialog")
        self.setWindowTitle("Changed since by someone else")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.error = error
        self._on_anyway = on_anyway
        verb = "Undo" if error.undoing else "Redo"
        if error.gone:
            advice = "Nothing was written; the step stays where it was."
        else:
            advice = (
                f"Keep their change and nothing is written, or {verb.lower()} anyway and "
                f"the last column is written over theirs."
            )
        intro = QLabel(f"{error}\n{advice}")
        intro.setObjectName("overtaken_message")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if error.fields:
            layout.addWidget(self._grid(error, verb), 1)
        self.buttons = QDialogButtonBox()
        if error.gone:
            self.keep = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
            self.anyway = None
        else:
            self.anyway = self.buttons.addButton(
                f"{verb} &Anyway", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.anyway.setAutoDefault(False)
            self.keep = self.buttons.addButton(
                "&Keep Their Change", QDialogButtonBox.ButtonRole.RejectRole
            )
            self.anyway.clicked.connect(self._write_anyway)
        self.keep.setDefault(True)
        self.keep.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, min(170 + 40 * len(error.fields), 600))

    def _grid(self, error: OvertakenError, verb: str) -> QScrollArea:
        holder = QWidget()
        grid = QGridLayout(holder)
        by = error.who or "someone else"
        yours = "After your step" if error.undoing else "After your undo"
        titles = ("Field", yours, f"Now (by {by})", f"{verb} writes")
        for column, title in enumerate(titles):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, shown_row in enumerate(self.rows(), start=1):
            for column, value in enumerate(shown_row):
                shown = QLabel(value)
                shown.setTextFormat(Qt.TextFormat.PlainText)
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(shown, row, column)
        for column in (1, 2, 3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(len(error.fields) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        return scroll

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The table as shown (field, after the step, now, what would be written)."""
        return [
            (
                field.field.replace("_", " "),
                field.left or EMPTY,
                field.stored or EMPTY,
                DELETED if self.error.deletes else field.written or EMPTY,
            )
            for field in self.error.fields
        ]

    def _write_anyway(self) -> None:
        self.accept()
        self._on_anyway()
