"""What reaches the log file: the commands' refusals, and each import's and export's summary.

The log is set up once, by ``main.py`` at start, for the window and the commands alike.
"""

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

import main
from db.engine import make_engine
from db.migrate import head_revision, upgrade_to, upgrade_to_head
from db.paths import LOG_ENV_VAR, LOG_FILENAME
from db.session import Transactions
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from ui.log_file import install_log, last_lines, log_path, remove_log


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    install_log(folder)
    yield folder
    remove_log()


def test_main_sets_the_log_up_and_a_refusal_reaches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "other-app.db"
    with closing(sqlite3.connect(foreign)) as other:
        other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
        other.execute("INSERT INTO customers VALUES (1)")
        other.commit()
    folder = tmp_path / "chosen-logs"
    monkeypatch.setenv(LOG_ENV_VAR, str(folder))
    monkeypatch.setattr(sys, "argv", ["mining-tracker", "--db", str(foreign), "list", "projects"])
    try:
        assert main.main() == 1
        assert log_path() == folder / LOG_FILENAME
        logged = last_lines(20)
    finally:
        remove_log()
    message = (
        "this database has tables but was not made by Mining Project Tracker; choose another file"
    )
    assert capsys.readouterr().err == f"mining-tracker: {message}\n"
    assert f"WARNING mining_tracker.cli: {message}" in logged


def test_an_export_and_an_import_write_their_summaries(
    demo: Engine, second_engine: Engine, tmp_path: Path, log_folder: Path
) -> None:
    path = tmp_path / "portfolio.xlsx"
    exported = export_workbook(demo, path)
    rows = ", ".join(f"{sheet} {count:,}" for sheet, count in exported.rows.items())
    assert exported.rows["Projects"] > 0
    assert f"INFO mining_tracker.export: exported portfolio.xlsx: rows per sheet: {rows}" in (
        last_lines(5)
    )

    preview = run_import(Transactions(second_engine), read_source(path))
    assert preview.writes > 0
    summary = preview.summary(done=True)
    assert "created" in summary
    assert f"INFO mining_tracker.import: imported portfolio.xlsx: {summary}\n" in last_lines(5)

    again = run_import(Transactions(second_engine), read_source(path))
    assert again.writes == 0
    assert (
        "INFO mining_tracker.import: imported portfolio.xlsx: nothing to change "
        f"({again.summary(done=True)})"
    ) in last_lines(5)


def test_a_dry_run_logs_nothing(demo: Engine, tmp_path: Path, log_folder: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    export_workbook(demo, path)
    before = last_lines(50)
    run_import(Transactions(demo), read_source(path), dry_run=True)
    assert last_lines(50) == before


def test_an_upgrade_is_logged_in_one_line(tmp_path: Path, log_folder: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        upgrade_to(engine, "0002")
        upgrade_to_head(engine, backup=False)
    finally:
        engine.dispose()
    logged = last_lines(20).splitlines()
    assert [line.split(" ", 2)[2] for line in logged] == [
        "INFO mining_tracker.migrate: database created at schema 0002",
        f"INFO mining_tracker.migrate: database upgraded from schema 0002 to {head_revision()}",
    ]
