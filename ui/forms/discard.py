"""Asking before a filled-in form is thrown away, and knowing whether anything was filled in."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from ui.question_box import ask

#: Asks whether to throw away what was typed in ``form``; calls the function on yes. It must not
#: block (``open()``, never ``exec()``), so the window and tests go on while it is asked.
AskDiscard = Callable[[QWidget, Callable[[], None]], None]


def ask_discard_with_box(form: QWidget, on_yes: Callable[[], None]) -> None:
    """A window-modal "Discard changes?" box over ``form``; Keep editing is the default."""
    ask(
        form,
        name="confirm_discard",
        title="Discard changes?",
        question="Discard changes?",
        details="What you typed in this form has not been saved.",
        answers=("Discard", "Keep editing"),
        on_yes=on_yes,
        yes_role=QMessageBox.ButtonRole.DestructiveRole,
        default_yes=False,
    )


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
