"""A new user's first day with the record forms: typing, Enter, Escape, focus and sizes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.test_ui_editing import add_company, names, open_form, save_and_wait
from ui.forms.project_form import ProjectForm
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot raise a picker's list of matches or grab the keyboard for it.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


def key(qtbot: QtBot, window: QWidget, pressed: Qt.Key) -> None:
    """A key pressed by a person: it goes to the open list of matches when there is one (which
    has the keyboard), else to the widget with the focus."""
    target = QApplication.activePopupWidget()
    if target is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, pressed)


def type_until_listed(qtbot: QtBot, line: QWidget, text: str) -> None:
    """Type ``text`` and wait for the list of matches to open, as a person sees it."""
    QTest.keyClicks(line, text)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)


def test_enter_on_a_listed_match_adds_the_commodity_and_chooses_the_owner(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals")
    window.commands.new_record["project"].trigger()
    form = open_form(window, ProjectForm)
    QTest.keyClicks(form.name, "Hill Copper")
    owner = form.owners.lines[0].company
    type_until_listed(qtbot, owner.line, "Alpha")
    key(qtbot, form, Qt.Key.Key_Return)
    assert owner.text() == "Alpha Metals"
    assert owner.value() is not None
    assert not owner.create_button.isVisible(), "a known company is offered no creation"

    adder = form.commodities.adder
    for typed, expected in (("Cu", ["Cu"]), ("gold", ["Cu", "Au"]), ("Mo", ["Cu", "Au", "Mo"])):
        adder.line.setFocus()
        type_until_listed(qtbot, adder.line, typed)
        key(qtbot, form, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: form.commodities.symbols() == expected)  # noqa: B023
        assert adder.text() == "", "the box is emptied for the next commodity"
        assert form.isVisible(), "Enter on a match adds it; it does not save"
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: names(window, "projects") == ["Hill Copper"])
    row = window.sections["projects"].model.row_at(0)
    assert row.commodities == ("Cu", "Au", "Mo")
    assert row.company == "Alpha Metals"
