"""Whose name the change log writes: set in Edit ▸ Preferences, kept, used by the window's
writes; the command line keeps ``MINING_TRACKER_USER``, then the login name."""

import getpass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.session import transaction
from tests.domain_factories import add_company, add_project
from tests.test_ui_editing import open_form
from tracker import changelog
from tracker.models import Study
from tracker.user_name import USER_ENV_VAR, default_user
from ui import settings
from ui.forms.study_form import StudyForm
from ui.main_window import MainWindow
from ui.preferences import PreferencesDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def no_user_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``MINING_TRACKER_USER`` from the shell running the tests (asked before the window)."""
    monkeypatch.delenv(USER_ENV_VAR, raising=False)


@pytest.fixture
def project_id(engine: Engine) -> int:
    """A project in the database before the window opens (the forms pick from its list)."""
    with transaction(engine) as session:
        company = add_company(session, "Beta Gold")
        return add_project(session, "Bright Hill", [(company, "100", True)], ["Au"]).id or 0


def type_name(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.commands.preferences.trigger()
    dialog = window.findChild(PreferencesDialog, "preferences")
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitExposed(dialog)
    dialog.user_name.selectAll()
    QTest.keyClicks(dialog.user_name, name)
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())


def add_study(qtbot: QtBot, window: MainWindow, project_id: int, title: str) -> int:
    window.editor.new("study", project_id=project_id)
    form = open_form(qtbot, window, StudyForm)
    qtbot.waitExposed(form)
    QTest.keyClicks(form.title, title)
    QTest.keyClicks(form.published.line, "2024-06-15")
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5000)
    with Session(window.engine) as session:
        return session.exec(select(Study.id).where(Study.title == title)).one() or 0


def last_action(engine: Engine, study_id: int) -> str | None:
    with Session(engine) as session:
        entry = changelog.last_change(session, "study", study_id)
    return entry.action if entry is not None else None


def test_the_name_typed_in_preferences_is_the_change_logs_user(
    no_user_env: None,
    project_id: int,
    qtbot: QtBot,
    main_window: MainWindow,
    engine: Engine,
    gui_settings: Path,
) -> None:
    window = main_window
    origin = window.author.origin if window.author else ""
    assert window.author is not None and window.author.who == getpass.getuser()

    type_name(qtbot, window, "  Alice   Martin ")
    study_id = add_study(qtbot, window, project_id, "Bright Hill FS")

    with Session(engine) as session:
        entry = changelog.last_change(session, "study", study_id)
    assert entry is not None
    assert (entry.action, entry.who, entry.new) == ("created", "Alice Martin", "Bright Hill FS")
    assert entry.origin == origin, "a new name is still this window: its changes are its own"
    # Her undo is logged under her name too: every write of the window is.
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: last_action(engine, study_id) == "deleted")
    with Session(engine) as session:
        undone = changelog.last_change(session, "study", study_id)
    assert undone is not None and (undone.who, undone.origin) == ("Alice Martin", origin)
    assert settings.user_name() == "Alice Martin", "kept for the next run"
    dialog = window.open_preferences()
    assert dialog.user_name.text() == "Alice Martin"
    dialog.reject()


def test_a_blank_name_goes_back_to_the_login_name(
    no_user_env: None, project_id: int, qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    type_name(qtbot, window, "Alice")
    type_name(qtbot, window, "   ")
    assert settings.user_name() == getpass.getuser()
    study_id = add_study(qtbot, window, project_id, "Bright Hill PEA")
    with Session(engine) as session:
        entry = changelog.last_change(session, "study", study_id)
    assert entry is not None and entry.who == getpass.getuser()


def test_the_command_line_keeps_the_environment_then_the_login(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(USER_ENV_VAR, " fund desk ")
    assert default_user() == "fund desk"
    monkeypatch.delenv(USER_ENV_VAR)
    assert default_user() == getpass.getuser()
    monkeypatch.setenv(USER_ENV_VAR, "fund desk")
    changelog.sign(engine)
    with transaction(engine) as session:
        company_id = add_company(session, "Gamma Copper").id or 0
        changelog.log_created(session, "company", company_id, "Gamma Copper")
    with Session(engine) as session:
        entry = changelog.last_change(session, "company", company_id)
    assert entry is not None and entry.who == "fund desk"
