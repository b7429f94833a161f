"""Asking before a filled-in form is thrown away, and knowing whether anything was filled in."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

#: Asks whether to throw away what was typed in ``form``; calls the function on yes. It must not
#: block (``open()``, never ``exec()``), so the window and tests go on while it is asked.
AskDiscard = Callable[[QWidget, Callable[[], None]], None]


def ask_discard_with_box(form: QWidget, on_yes: Callable[[], None]) -> None:
    """A window-modal "Discard changes?" box over ``form``; Keep editing is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Discard changes?", "Discard changes?", parent=form
    )
    box.setObjectName("confirm_discard")
    box.setInformativeText("What you typed in this form has not been saved.")
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is discard:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()


def field_state(root: QWidget) -> tuple[object, ...]:
    """What every input under ``root`` holds, in order: equal states mean nothing was changed
    (a line added or removed changes it too)."""
    state: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QMessageBox) or widget.window() is not root:
            continue
        if isinstance(widget, QLineEdit):
            state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentText())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            state.append(tuple(widget.item(row).text() for row in range(widget.count())))
    return tuple(state)
