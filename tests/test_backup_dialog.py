"""File ▸ Restore from Backup…: the list of backups, and a restore driven as a person would."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.backups import list_backups, make_backup
from tracker.models import Company, Project
from ui.backup_dialog import RestoreDialog
from ui.data import Gateway

pytestmark = pytest.mark.gui


@pytest.fixture
def writes(demo: Engine) -> Iterator[Gateway]:
    errors: list[BaseException] = []
    worker = Gateway(demo, errors.append)
    yield worker
    worker.stop()
    assert not errors


def _projects(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Project)).one())


def test_the_list_shows_each_backup_with_why_and_its_records(
    qtbot: QtBot, demo: Engine, writes: Gateway
) -> None:
    make_backup(demo, "daily", now=datetime(2026, 11, 30, 8, 0))
    make_backup(demo, "import", now=datetime(2026, 12, 1, 9, 15))
    dialog = RestoreDialog(writes)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    shown = [[dialog.model.index(row, column).data() for column in range(4)] for row in range(2)]
    assert shown[0][:2] == ["2026-12-01 09:15:00", "before an import"]
    assert shown[1][:2] == ["2026-11-30 08:00:00", "daily"]
    assert shown[0][3].startswith("15 projects, 22 companies, 26 studies")
    assert dialog.restore_button.isEnabled(), "the newest is chosen"


def test_restoring_puts_the_backup_back_and_keeps_what_it_replaced(
    qtbot: QtBot, demo: Engine, writes: Gateway
) -> None:
    make_backup(demo, "manual", now=datetime(2026, 12, 1, 9, 0))
    with Session(demo) as session:
        for project in session.exec(select(Project)).all():
            session.delete(project)
        session.add(Company(name="After The Backup Ltd.", reporting_currency="CAD"))
        session.commit()
    assert _projects(demo) == 0
    asked: list[str] = []

    def yes(question: str) -> bool:
        asked.append(question)
        return True

    dialog = RestoreDialog(writes, confirm=yes)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    with qtbot.waitSignal(dialog.restored, timeout=20000) as restored:
        QTest.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and "2026-12-01 09:00 (made by hand)" in asked[0]
    assert "kept as" in restored.args[0]
    assert _projects(demo) == 15
    with Session(demo) as session:
        names = set(session.exec(select(Company.name)).all())
    assert "After The Backup Ltd." not in names
    assert [b.label for b in list_backups(demo)] == ["restore", "manual"]


def test_saying_no_changes_nothing(qtbot: QtBot, demo: Engine, writes: Gateway) -> None:
    make_backup(demo, "manual")
    with Session(demo) as session:
        session.add(Company(name="Kept Ltd.", reporting_currency="CAD"))
        session.commit()
    dialog = RestoreDialog(writes, confirm=lambda _question: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    QTest.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    with Session(demo) as session:
        assert "Kept Ltd." in set(session.exec(select(Company.name)).all())
    assert len(list_backups(demo)) == 1
