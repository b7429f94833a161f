"""Fixtures: every test gets its own migrated database and never touches the user's folders."""

import inspect
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

# Imported now, while the stack is shallow: a run that uses no hypothesis test would otherwise
# import it first from the plugin's end-of-run summary, deep in pytest's hooks, where CPython
# 3.11.7 fails to compile the assertion-rewritten module ("AST constructor recursion depth").
import hypothesis  # noqa: F401
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.paths import DB_ENV_VAR

if TYPE_CHECKING:
    from tests.pg_server import Databases


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every user folder and setting at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv(DB_ENV_VAR, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.sqlite3"


#: Modules whose database tests run on PostgreSQL as well as SQLite: the services, the list
#: layer, the portfolio arithmetic, timelines, and Excel import and export. A test there that
#: asks for ``db_path`` itself works on the SQLite file, and runs on SQLite only.
BOTH_BACKENDS = {
    "test_change_log",
    "test_details",
    "test_excel_concurrent",
    "test_excel_import",
    "test_excel_import_changes",
    "test_excel_roundtrip",
    "test_filters",
    "test_lists_rows",
    "test_lists_same_rows",
    "test_lists_search",
    "test_migrations",
    "test_portfolio_figures",
    "test_portfolio_fx",
    "test_portfolio_interests",
    "test_portfolio_market",
    "test_portfolio_screening",
    "test_portfolio_sheets",
    "test_portfolio_upcoming",
    "test_portfolio_world",
    "test_services_companies",
    "test_services_deals",
    "test_services_events",
    "test_services_holdings",
    "test_services_projects",
    "test_services_studies",
    "test_snapshots",
    "test_timeline",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each database test of ``BOTH_BACKENDS`` on SQLite and on PostgreSQL (marked pg)."""
    if "backend" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    asks_for_file = "db_path" in inspect.signature(metafunc.function).parameters
    both = module in BOTH_BACKENDS and not asks_for_file
    params = [pytest.param("sqlite")]
    if both:
        params.append(pytest.param("postgresql", marks=pytest.mark.pg))
    metafunc.parametrize("backend", params, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_databases() -> "Iterator[Databases]":
    """A throw-away PostgreSQL server for the session (see ``tests/pg_server.py``).

    Where none can be had the PostgreSQL tests are skipped, saying why; on CI (``CI`` set)
    they fail instead, so that a missing server is never mistaken for a pass.
    """
    from tests.pg_server import Databases, NoServerError, postgres_server

    try:
        with postgres_server() as url:
            databases = Databases(url)
            try:
                yield databases
            finally:
                databases.close()
    except NoServerError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is needed on CI: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest schema once, copied for each test that needs one.

    Migrating takes a tenth of a second; done for every test it was minutes of the suite.
    """
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    created = make_engine(f"sqlite:///{path}")
    upgrade_to_head(created, backup=False)
    created.dispose()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the template left {leftovers} beside it; a copy would lose them"
    return path


@contextmanager
def _fresh_engine(backend: str, request: pytest.FixtureRequest, path: Path) -> Iterator[Engine]:
    """A new database at the newest schema: the SQLite file ``path``, or a PostgreSQL one."""
    if backend == "postgresql":
        databases = request.getfixturevalue("pg_databases")
        name = databases.create()
        created = make_engine(databases.url(name))
        try:
            yield created
        finally:
            created.dispose()
            databases.drop(name)
        return
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    created = make_engine(f"sqlite:///{path}")
    try:
        yield created
    finally:
        created.dispose()


@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest, db_path: Path) -> Iterator[Engine]:
    """A fresh database migrated to the newest schema: a SQLite file, or a PostgreSQL database."""
    with _fresh_engine(backend, request, db_path) as created:
        yield created


@pytest.fixture
def second_engine(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """Another fresh database on the same backend as ``engine`` (for copying between two)."""
    with _fresh_engine(backend, request, tmp_path / "second.sqlite3") as created:
        yield created


@pytest.fixture
def demo(engine: Engine) -> Engine:
    """The fresh database with the demo portfolio loaded."""
    from db.session import transaction
    from tracker.demo import load_demo

    with transaction(engine) as session:
        load_demo(session)
    return engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the fresh database; tests commit when they need to."""
    with Session(engine, expire_on_commit=False) as opened:
        yield opened


# GUI fixtures: a main window on the fresh database, with settings in a temporary folder, and
# a check that nothing outlives it (top-level widgets, threads). Appended to the fixtures above,
# hence the late imports.

import threading  # noqa: E402

from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@pytest.fixture
def gui_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """QSettings of this test only: the app's names, an INI file under ``tmp_path``."""
    folder = tmp_path / "settings"
    qapp.setOrganizationName("Mining Project Tracker Tests")
    qapp.setApplicationName("mining-tracker-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def no_leaks(qapp: QApplication) -> Iterator[None]:
    """Fail when a test leaves a top-level widget open or a thread running."""
    threads = set(threading.enumerate())
    yield
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    leaked = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    assert leaked == [], f"top-level widgets left open: {leaked}"
    extra = [thread for thread in threading.enumerate() if thread not in threads]
    assert extra == [], f"threads left running: {extra}"


@pytest.fixture
def main_window(
    qtbot: QtBot, qapp: QApplication, engine: Engine, gui_settings: Path, no_leaks: None
) -> Iterator["MainWindow"]:
    """The main window on the fresh database, shown; closed and deleted afterwards."""
    from ui.app import style_application

    style_application(qapp)
    with shown_window(qtbot, engine) as window:
        yield window


@contextmanager
def shown_window(
    qtbot: QtBot, engine: Engine, prepare: "Callable[[MainWindow], None] | None" = None
) -> Iterator["MainWindow"]:
    """A main window on ``engine``, shown and active (``prepare`` runs before it shows);
    its dialogs and itself are closed and deleted afterwards."""
    from ui.main_window import MainWindow

    window = MainWindow(engine, "test database")
    if prepare is not None:
        prepare(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    try:
        yield window
    finally:
        for dialog in window.findChildren(QDialog):
            dialog.close()
        window.close()
        window.deleteLater()
