"""Keyboard shortcuts of the main window: one command per key, and keys that work from a text box.

The offscreen test platform uses Windows' standard keys. The faults were seen on Linux, where
Quit is also Ctrl+Q and a line edit claims Ctrl+E, so these tests put in Linux's bindings.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.conftest import shown_window
from ui import actions
from ui.actions import shortcut_clashes
from ui.excel.actions import excel_actions_of, install_excel_actions
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

Standard = QKeySequence.StandardKey
#: What Qt binds on a GNOME desktop (Qt's platform theme table), for the keys the window uses.
GNOME_KEYS = {
    Standard.Open: ["Ctrl+O"],
    Standard.Find: ["Ctrl+F"],
    Standard.Refresh: ["Ctrl+R", "F5"],
    Standard.Quit: ["Ctrl+Q"],
    Standard.Delete: ["Ctrl+D", "Del"],
    Standard.Undo: ["Ctrl+Z", "F14"],
    Standard.Redo: ["Ctrl+Shift+Z"],
}


def gnome_keys(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    if key in GNOME_KEYS:
        return [QKeySequence(text) for text in GNOME_KEYS[key]]
    return QKeySequence.keyBindings(key)


@pytest.fixture
def linux_window(
    qtbot: QtBot,
    qapp: QApplication,
    engine: Engine,
    gui_settings: Path,
    no_leaks: None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    """The main window with GNOME's standard keys and the Excel commands installed."""
    monkeypatch.setattr(actions, "standard_keys", gnome_keys)
    with shown_window(qtbot, engine, install_excel_actions) as window:
        yield window


def test_ctrl_q_quits_without_an_ambiguous_shortcut(qtbot: QtBot, linux_window: MainWindow) -> None:
    quit_keys = [key.toString() for key in linux_window.commands.quit.shortcuts()]
    assert quit_keys == ["Ctrl+Q"]
    # An ambiguous key makes Qt warn (and the suite fails on any Qt warning) and do nothing.
    QTest.keyClick(linux_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not linux_window.isVisible())


def test_no_key_reaches_two_commands_on_linux(linux_window: MainWindow) -> None:
    assert shortcut_clashes(linux_window.findChildren(QAction)) == []
    keys = {key.toString() for key in linux_window.commands.delete.shortcuts()}
    assert keys == {"Del"}, "Ctrl+D is Show Details, not Delete"


def test_no_key_reaches_two_commands_here(main_window: MainWindow) -> None:
    install_excel_actions(main_window)
    assert shortcut_clashes(main_window.findChildren(QAction)) == []


def test_a_clash_is_found(main_window: MainWindow) -> None:
    install_excel_actions(main_window)
    extra = QAction("Everything", main_window)
    extra.setShortcut(QKeySequence("Ctrl+E"))
    twice = QAction("Twice", main_window)
    twice.setShortcuts([QKeySequence("Ctrl+Shift+T"), QKeySequence("Ctrl+Shift+T")])
    found = shortcut_clashes(main_window.findChildren(QAction))
    assert sorted(found) == [
        "'Twice' lists Ctrl+Shift+T twice",
        "Ctrl+E is both '&Export to Excel…' and 'Everything'",
    ]


class LinuxLineEdit(QObject):
    """Claims the keys a QLineEdit claims on Linux (emacs moves), as the offscreen one does not."""

    CLAIMED = ("Ctrl+E", "Ctrl+K", "Ctrl+U")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self.CLAIMED:
                event.accept()
                return True
        return False


def test_window_shortcuts_work_while_the_search_box_has_focus(
    qtbot: QtBot, linux_window: MainWindow
) -> None:
    excel = excel_actions_of(linux_window)
    assert excel is not None
    exports: list[bool] = []
    excel.export_action.triggered.disconnect()
    excel.export_action.triggered.connect(lambda: exports.append(True))
    search = linux_window.sections["projects"].filters.search
    claim = LinuxLineEdit(search)
    search.installEventFilter(claim)
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    QTest.keyClicks(search, "nev")

    QTest.keyClick(search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exports == [True]
    QTest.keyClick(search, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert linux_window.section_stack.currentWidget() is linux_window.timeline_page

    # The keys that edit the text stay with the text box.
    linux_window.show_section("projects")
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    QTest.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert search.selectedText() == "nev"
    QTest.keyClick(search, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "nev"
