"""The record was saved by someone else meanwhile: choose, field by field, which value to keep.

Shows each field whose value in the person's form differs from the stored one, both values
side by side, with a choice per field (a field the person did not touch defaults to the stored
value, one they typed in to theirs), and Keep All Mine / Take All Stored. Saving copies the
chosen stored values into the person's form and saves it again against the stored version;
Cancel goes back to the form with everything typed still in it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.versions import StaleRecordError
from ui.forms.form_rows import FormRow, row_state, row_text


@dataclass(frozen=True)
class Difference:
    """A field that differs: the person's row, the stored form's row, and whether the person
    changed it since the form opened."""

    mine: FormRow
    stored: FormRow
    typed: bool


def differences(
    mine: Sequence[FormRow], stored: Sequence[FormRow], opened: dict[str, object]
) -> list[Difference]:
    """The rows whose values differ between the two forms, in the form's order."""
    theirs = {row.label: row for row in stored}
    found = []
    for row in mine:
        other = theirs.get(row.label)
        if other is None:
            continue
        state = row_state(row.holder)
        if state != row_state(other.holder):
            found.append(Difference(row, other, opened.get(row.label, state) != state))
    return found


class ConflictDialog(QDialog):
    """Per field: the label, your value, the stored value, and Keep mine / Take stored."""

    def __init__(
        self,
        parent: QWidget,
        error: StaleRecordError,
        found: Sequence[Difference],
        on_save: Callable[[list[Difference]], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle("Changed by someone else")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.found = list(found)
        self._on_save = on_save
        intro = QLabel(
            f"{error}\nFor each field below keep your value or take the stored one, then save."
        )
        intro.setWordWrap(True)
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        for column, title in enumerate(("Field", "Your value", "Stored value", "Keep")):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        self.keep_mine: list[QRadioButton] = []
        self.take_stored: list[QRadioButton] = []
        for row, difference in enumerate(self.found, start=1):
            label = difference.mine.label
            grid.addWidget(QLabel(label), row, 0)
            for column, holder in ((1, difference.mine.holder), (2, difference.stored.holder)):
                shown = QLabel(row_text(holder))
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(shown, row, column)
            mine = QRadioButton("Mine")
            mine.setAccessibleName(f"Keep my {label}")
            stored = QRadioButton("Stored")
            stored.setAccessibleName(f"Take the stored {label}")
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(stored)
            (mine if difference.typed else stored).setChecked(True)
            choice = QWidget()
            line = QVBoxLayout(choice)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(mine)
            line.addWidget(stored)
            grid.addWidget(choice, row, 3)
            self.keep_mine.append(mine)
            self.take_stored.append(stored)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.found) + 1, 1)  # the rows stay together at the top
        scroll = QScrollArea()
        scroll.setWidget(grid_holder)
        scroll.setWidgetResizable(True)
        self.buttons = QDialogButtonBox()
        self.all_mine = QPushButton("Keep All &Mine")
        self.all_stored = QPushButton("Take All &Stored")
        for button in (self.all_mine, self.all_stored):
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.all_mine.clicked.connect(lambda: self._choose_all(self.keep_mine))
        self.all_stored.clicked.connect(lambda: self._choose_all(self.take_stored))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(720, min(150 + 60 * len(self.found), 600))

    def _choose_all(self, buttons: list[QRadioButton]) -> None:
        for button in buttons:
            button.setChecked(True)

    def chosen_stored(self) -> list[Difference]:
        """The fields whose stored value was chosen."""
        return [d for d, b in zip(self.found, self.take_stored, strict=True) if b.isChecked()]

    def _save(self) -> None:
        self._on_save(self.chosen_stored())
        self.accept()
