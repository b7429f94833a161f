"""Backups beside the database: made with the online backup API, rotated, listed, restored."""

import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from cli import run as cli_run
from db.backups import (
    BackupError,
    backup_counts,
    daily_backup,
    list_backups,
    make_backup,
    restore_backup,
)
from db.migrate import upgrade_to_head
from tracker.models import Company, Event, Project


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as raw:
        return raw.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()


def _damage(path: Path, table: str) -> None:
    """Overwrite the first page of ``table``'s b-tree, as a failing disk might."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * page_size
    data[start + 8 : start + page_size] = b"Z" * (page_size - 8)
    path.write_bytes(bytes(data))


def test_backups_rotate_newest_first(demo: Engine, db_path: Path) -> None:
    for day in range(1, 6):
        made = make_backup(demo, "manual", keep=3, now=datetime(2026, 11, day, 9, 30))
        assert made is not None and made.parent == db_path.parent
    backups = list_backups(demo)
    assert [b.made.day for b in backups] == [5, 4, 3]
    assert {b.label for b in backups} == {"manual"}
    assert backups[0].path.name == f"{db_path.name}.manual-20261105-093000.bak"
    assert backups[0].size > 0
    counts = backup_counts(backups[0].path)
    assert counts["projects"] == 15 and counts["companies"] == 22 and counts["events"] == 70
    again = make_backup(demo, "manual", keep=10, now=datetime(2026, 11, 5, 9, 30))
    assert again is not None and again.name.endswith("093000-2.bak")
    assert len(list_backups(demo)) == 4


def test_one_daily_backup_a_day(demo: Engine) -> None:
    assert daily_backup(demo, today=date.today()) is not None
    assert daily_backup(demo, today=date.today()) is None
    assert [b.label for b in list_backups(demo)] == ["daily"]


def test_an_import_backs_up_first_only_when_it_writes(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Projects"
    sheet.append(["Company", "Project", "Country"])
    sheet.append(["Vireo Metals", "Alder", "Peru"])
    path = tmp_path / "watch.xlsx"
    book.save(path)
    assert cli_run(["import", str(path), "--db", str(db_path), "--dry-run"]) == 0
    assert list_backups(engine) == []
    assert cli_run(["import", str(path), "--db", str(db_path)]) == 0
    backups = list_backups(engine)
    assert [b.label for b in backups] == ["import"]
    assert backup_counts(backups[0].path)["projects"] == 0, "made before the import wrote"
    assert cli_run(["import", str(path), "--db", str(db_path)]) == 0
    assert len(list_backups(engine)) == 1, "nothing to write, so no backup"


def test_a_damaged_database_is_named_and_restored_from_its_backup(
    demo: Engine, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = {table: _rows(db_path, table) for table in ("project", "event", "study")}
    assert cli_run(["backup", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Backed up to" in out and "15 projects" in out
    demo.dispose()
    _damage(db_path, "event")

    assert cli_run(["export", str(db_path.with_suffix(".xlsx")), "--db", str(db_path)]) == 1
    error = capsys.readouterr().err
    name = list_backups(demo)[0].path.name
    assert f"{db_path.name} is damaged (database disk image is malformed)" in error
    assert f"restore it with `mining-tracker restore {name}`" in error

    assert cli_run(["restore", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert name in listing and "70 events" in listing
    assert cli_run(["restore", name, "--db", str(db_path)]) == 0
    assert f"Restored {name}" in capsys.readouterr().out
    for table, rows in expected.items():
        assert _rows(db_path, table) == rows
    assert any(b.label == "restore" for b in list_backups(demo)), "the damaged state is kept"
    with Session(demo) as session:
        assert len(session.exec(select(Event)).all()) == 70


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(
    demo: Engine, db_path: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(foreign)) as raw:
        raw.execute("CREATE TABLE notes (text TEXT)")
    before = _rows(db_path, "company")
    with pytest.raises(BackupError, match="is not a Mining Project Tracker database"):
        restore_backup(demo, foreign, upgrade=upgrade_to_head)
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match=r"junk\.bak is not a database that can be restored"):
        restore_backup(demo, junk)
    assert _rows(db_path, "company") == before
    assert list_backups(demo) == []


def test_a_restore_brings_back_what_the_backup_held(demo: Engine, db_path: Path) -> None:
    made = make_backup(demo, "manual")
    assert made is not None
    with Session(demo) as session:
        session.add(Company(name="After The Backup Ltd.", reporting_currency="CAD"))
        session.commit()
    restore_backup(demo, made, upgrade=upgrade_to_head)
    with Session(demo) as session:
        names = set(session.exec(select(Company.name)).all())
        assert "After The Backup Ltd." not in names
        assert len(session.exec(select(Project)).all()) == 15
