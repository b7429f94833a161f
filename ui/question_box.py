"""A window-modal question with two answers, opened without blocking (``open``, not ``exec``)."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    *,
    name: str,
    title: str,
    question: str,
    details: str,
    answers: tuple[str, str],
    on_yes: Callable[[], None],
    yes_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
    default_yes: bool = True,
) -> QMessageBox:
    """Ask ``question``; ``on_yes`` runs when the first of ``answers`` is chosen. Escape is
    the second answer; ``name`` is the box's object name, for tests to find it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    box.setObjectName(name)
    box.setInformativeText(details)
    yes = box.addButton(answers[0], yes_role)
    no = box.addButton(answers[1], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is yes:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
