"""The data gateway: reads off the GUI thread, what a write changed reaching the views that show
it, and one wording for a failure of the environment wherever it happens."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from tests.test_excel_import import investor_workbook
from tracker.models import Company, Project, Study
from ui.data import Changes, Gateway
from ui.data.failures import Kind, classify
from ui.excel.import_wizard import ImportWizard
from ui.forms.company_form import CompanyForm
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


@pytest.fixture
def gateway(engine: Engine) -> Iterator[Gateway]:
    errors: list[BaseException] = []
    made = Gateway(engine, errors.append)
    yield made
    made.stop()
    assert errors == []


def test_a_slow_read_leaves_the_gui_thread_answering(qtbot: QtBot, gateway: Gateway) -> None:
    release = threading.Event()
    started = threading.Event()
    landed: list[int] = []

    def slow_count(session: Session) -> int:
        started.set()
        release.wait(30)
        return int(session.exec(select(func.count()).select_from(Project)).one())

    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(tick)
    timer.start()
    try:
        gateway.read(slow_count, landed.append)
        qtbot.waitUntil(started.is_set)
        qtbot.waitUntil(lambda: ticks >= 10, timeout=10_000)
        assert landed == [], "the read is still blocked, yet the timer kept firing"
        assert gateway.pending == 1
    finally:
        release.set()
    qtbot.waitUntil(lambda: landed == [0])
    timer.stop()
    assert gateway.pending == 0


def test_a_short_read_does_not_wait_behind_a_whole_list(qtbot: QtBot, gateway: Gateway) -> None:
    release = threading.Event()
    landed: list[str] = []

    def whole_list(_session: Session) -> str:
        release.wait(30)
        return "list"

    gateway.read(whole_list, landed.append, long=True)
    try:
        gateway.read(lambda _session: "page", landed.append)
        qtbot.waitUntil(lambda: landed == ["page"])
    finally:
        release.set()
    qtbot.waitUntil(lambda: landed == ["page", "list"])


def test_a_cancelled_read_never_lands(qtbot: QtBot, gateway: Gateway) -> None:
    release = threading.Event()
    landed: list[str] = []

    def blocked(_session: Session) -> str:
        release.wait(30)
        return "first"

    first = gateway.read(blocked, landed.append)
    second = gateway.read(lambda _session: "second", landed.append)
    second.cancel()
    first.cancel()
    release.set()
    gateway.read(lambda _session: "third", landed.append)
    qtbot.waitUntil(lambda: gateway.pending == 0)
    assert landed == ["third"]


def test_a_write_announces_what_it_changed_after_it_committed(
    qtbot: QtBot, gateway: Gateway, engine: Engine
) -> None:
    def add(session: Session) -> int:
        company = Company(name="Gateway Gold")
        session.add(company)
        session.flush()
        assert company.id is not None
        return company.id

    heard: list[tuple[Changes, int]] = []

    def changed(changes: Changes) -> None:
        with Session(engine) as session:  # committed by the time anyone hears of it
            stored = session.exec(select(func.count()).select_from(Company)).one()
        heard.append((changes, int(stored)))

    gateway.changed.connect(changed)
    with qtbot.waitSignal(gateway.changed):
        gateway.write(add, changes=lambda company_id: Changes.of("company", company_id))
    [(changes, stored)] = heard
    assert stored == 1
    assert changes.touches(["company"]) and not changes.touches(["study", "event"])
    assert len(changes.ids_of("company")) == 1


def _study_form_saved(qtbot: QtBot, window: MainWindow, study_id: int) -> None:
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("study", study_id)
    assert opened.args is not None
    form = opened.args[0]
    form.notes.setPlainText("Edited through the gateway.")
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=10_000)


def test_editing_a_study_tells_the_study_views_and_the_others_ignore_it(
    qtbot: QtBot, demo: Engine, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = main_window
    for key in ("studies", "events", "companies", "deals"):
        window.show_section(key)
        qtbot.waitUntil(lambda k=key: window.sections[k].complete, timeout=15_000)  # type: ignore[misc]
    window.show_section("projects")
    qtbot.waitUntil(lambda: window.sections["projects"].complete, timeout=15_000)
    qtbot.waitUntil(lambda: window.gateway.pending == 0, timeout=10_000)
    with Session(demo) as session:
        study = session.exec(select(Study).order_by(col(Study.id))).first()
        assert study is not None and study.id is not None
        study_id, project_id = study.id, study.project_id
    window.sections["projects"].reveal(project_id)
    qtbot.waitUntil(lambda: window.sections["projects"].current_id() == project_id)

    reloaded: list[str] = []
    pages: list[str] = []
    for key, section in window.sections.items():
        monkeypatch.setattr(section, "reload", lambda k=key: reloaded.append(k))
        monkeypatch.setattr(section, "refresh_detail", lambda k=key: pages.append(k))
    heard: list[Changes] = []
    window.gateway.changed.connect(heard.append)

    _study_form_saved(qtbot, window, study_id)
    qtbot.waitUntil(lambda: bool(heard), timeout=10_000)

    [changes] = heard
    assert changes.ids_of("study") == {study_id}
    assert not changes.everything
    assert reloaded == ["studies"], "only the list of studies shows studies in its rows"
    assert "projects" in pages, "the project's page lists its studies"
    assert "events" not in reloaded + pages and "companies" not in reloaded
    with Session(demo) as session:
        stored = session.get(Study, study_id)
        assert stored is not None and stored.notes == "Edited through the gateway."


@contextmanager
def held_lock(path: Path) -> Iterator[None]:
    """Another program holding the database: a second connection in BEGIN EXCLUSIVE."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch, demo: Engine) -> Engine:
    """The demo database, giving up on a lock after a tenth of a second instead of five."""
    monkeypatch.setattr("db.engine.SQLITE_BUSY_TIMEOUT_MS", 100)
    demo.dispose()  # connections made from now on take the short timeout
    return demo


def _count(engine: Engine, model: type[Project] | type[Company]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_a_locked_database_reads_the_same_in_an_import_and_a_form_save(
    qtbot: QtBot, impatient: Engine, main_window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    window = main_window
    qtbot.waitUntil(lambda: window.gateway.pending == 0, timeout=10_000)
    projects_before = _count(impatient, Project)
    with Session(impatient) as session:
        company = session.exec(select(Company).order_by(col(Company.id))).first()
        assert company is not None and company.id is not None
        company_id, name = company.id, company.name

    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("company", company_id)
    assert opened.args is not None
    form = opened.args[0]
    assert isinstance(form, CompanyForm)
    form.name.setText(f"{name} (renamed)")
    path = investor_workbook(tmp_path / "watch.xlsx")
    wizard = ImportWizard(impatient, window, choose=lambda _parent, _suggested: path)
    wizard.open()
    wizard.open_path(path)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)

    with held_lock(db_path):
        form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: form.message.isVisible(), timeout=10_000)
        wizard.start_import()
        qtbot.waitUntil(lambda: wizard.job is None, timeout=10_000)

    saved_text, imported_text = form.message.text(), wizard.status.text()
    assert "database is locked" in saved_text and "Nothing was changed" in saved_text
    assert imported_text == saved_text
    assert wizard.status.toolTip() == "", "no traceback: not our bug"
    assert _count(impatient, Project) == projects_before
    with Session(impatient) as session:
        stored = session.get(Company, company_id)
        assert stored is not None and stored.name == name
    wizard.reject()


def test_the_one_rule_sorts_the_environment_from_our_bugs() -> None:
    from sqlalchemy.exc import OperationalError

    from tracker.errors import ValidationError

    locked = OperationalError("UPDATE company", {}, sqlite3.OperationalError("database is locked"))
    assert classify(locked).kind is Kind.ENVIRONMENT
    assert classify(OSError(28, "No space left on device")).kind is Kind.ENVIRONMENT
    assert classify(ValidationError([])).kind is Kind.REFUSED
    bug = classify(KeyError("oops"))
    assert bug.kind is Kind.BUG and "KeyError" in bug.details
