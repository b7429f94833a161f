"""The window on a read-only database, and File ▸ Restore from Backup… driven from the menu."""

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.backups import make_backup
from db.engine import make_engine
from tracker.models import Event, Project
from ui.backup_dialog import RestoreDialog
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("gui_settings")]


@pytest.fixture
def read_only_window(
    qtbot: QtBot, qapp: QApplication, demo: Engine, db_path: Path, tmp_path: Path, no_leaks: None
) -> Iterator[MainWindow]:
    demo.dispose()
    folder = tmp_path / "shared"
    folder.mkdir()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db_path, folder / "club.sqlite3")
    (folder / "club.sqlite3").chmod(0o444)
    engine = make_engine(f"sqlite:///{folder / 'club.sqlite3'}")
    window = MainWindow(engine, str(folder / "club.sqlite3"))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.deleteLater()
    engine.dispose()
    (folder / "club.sqlite3").chmod(0o644)


def test_a_read_only_database_says_so_and_offers_no_edits(
    qtbot: QtBot, read_only_window: MainWindow
) -> None:
    window = read_only_window
    assert "club.sqlite3 (read-only)" in window.windowTitle()
    section = window.show_section("projects")
    qtbot.waitUntil(lambda: section.complete, timeout=15000)
    section.reveal(section.model.id_at(0))
    qtbot.waitUntil(lambda: section.current_id() is not None)
    commands = window.commands
    for action in (commands.new, commands.delete, commands.import_excel, commands.load_demo):
        assert not action.isEnabled(), action.text()
    assert not commands.restore_backup.isEnabled()
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("project", section.current_id() or 0)
    assert opened.args is not None
    form = opened.args[0]
    qtbot.waitUntil(form.isVisible)
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and "(read-only)" in form.windowTitle()
    form.reject()


def test_restore_from_the_file_menu_brings_the_backup_back(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    make_backup(demo, "manual")
    with Session(demo) as session:
        for project in session.exec(select(Project)).all():
            session.delete(project)
        session.commit()
    main_window.refresh()
    main_window.confirm_restore = lambda _question: True
    holders = main_window.commands.restore_backup.associatedObjects()
    assert any(isinstance(o, QMenu) and o.title() == "&File" for o in holders)
    main_window.commands.restore_backup.trigger()
    restore = main_window.findChild(RestoreDialog)
    assert restore is not None
    qtbot.waitUntil(lambda: restore.model.rowCount() == 1, timeout=15000)
    QTest.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Restored the backup" in main_window.statusBar().currentMessage())
    with Session(demo) as session:
        assert session.exec(select(func.count()).select_from(Project)).one() == 15
    section = main_window.show_section("projects")
    qtbot.waitUntil(lambda: section.complete and section.model.rowCount() == 15, timeout=15000)


def test_a_damaged_database_gets_a_plain_message_not_the_crash_dialog(
    demo: Engine, db_path: Path
) -> None:
    """Reading a damaged page raises DatabaseError: the environment's failure, not a bug."""
    from sqlalchemy.exc import DatabaseError

    from tests.test_backups import _damage
    from ui.errors import environment_message, is_environmental

    demo.dispose()
    _damage(db_path, "event")
    with pytest.raises(DatabaseError) as caught, Session(demo) as session:
        session.exec(select(func.count()).select_from(Project)).one()
        session.exec(select(Event)).all()
    assert is_environmental(caught.value)
    message = environment_message(caught.value)
    assert message.startswith("The database file is damaged (database disk image is malformed)")
    assert "File ▸ Restore from Backup…" in message
