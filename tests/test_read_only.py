"""A database that may not be written is opened read-only: lists and exports work, and
nothing is written to it or beside it; commands that would change it are refused at once."""

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from cli import run as cli_run
from db.engine import is_read_only, make_engine, read_only_label
from db.open import open_database


@pytest.fixture
def locked_folder(demo: Engine, db_path: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo database in a folder of its own, both made read-only."""
    demo.dispose()
    folder = tmp_path / "locked"
    folder.mkdir()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db_path, folder / "book.sqlite3")
    (folder / "book.sqlite3").chmod(0o444)
    folder.chmod(0o555)
    yield folder / "book.sqlite3"
    folder.chmod(0o755)


def test_read_only_file_in_a_read_only_folder(
    locked_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = locked_folder.read_bytes()
    db = ["--db", str(locked_folder)]
    assert cli_run(["list", "projects", *db]) == 0
    assert "DeLamar" in capsys.readouterr().out
    assert cli_run(["export", str(tmp_path / "out.xlsx"), *db]) == 0
    capsys.readouterr()
    assert cli_run(["import", str(tmp_path / "out.xlsx"), *db]) == 1
    assert capsys.readouterr().err.strip() == (
        "mining-tracker: book.sqlite3 is read-only (the file is read-only): nothing was written "
        "(make the file and its folder writable first)"
    )
    assert locked_folder.read_bytes() == before
    assert sorted(p.name for p in locked_folder.parent.iterdir()) == ["book.sqlite3"]


def test_a_read_only_folder_alone_opens_read_only(demo: Engine, db_path: Path) -> None:
    demo.dispose()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_path.parent.chmod(0o555)
    try:
        engine = open_database(f"sqlite:///{db_path}")
        assert is_read_only(engine)
        assert read_only_label(engine) == f"{db_path.name} is read-only (its folder is read-only)"
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM project").scalar_one() == 15
        engine.dispose()
    finally:
        db_path.parent.chmod(0o755)


def test_committed_rows_still_in_the_write_ahead_log_are_read(tmp_path: Path) -> None:
    """A read-only copy taken while the app ran: its newest rows are only in the -wal file."""
    live = tmp_path / "live"
    live.mkdir()
    engine = open_database(f"sqlite:///{live / 'book.sqlite3'}")
    engine.dispose()
    writer = sqlite3.connect(live / "book.sqlite3")
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute(
            "INSERT INTO company (name, reporting_currency) VALUES ('Only In The Log', 'CAD')"
        )
        writer.commit()
        copy = tmp_path / "copy"
        copy.mkdir()
        for part in live.iterdir():
            shutil.copy(part, copy / part.name)
    finally:
        writer.close()
    assert (copy / "book.sqlite3-wal").exists()
    for part in copy.iterdir():
        part.chmod(0o444)
    copy.chmod(0o555)
    try:
        engine = make_engine(f"sqlite:///{copy / 'book.sqlite3'}")
        assert is_read_only(engine)
        with engine.connect() as connection:
            names = connection.exec_driver_sql("SELECT name FROM company").scalars().all()
        engine.dispose()
        assert names == ["Only In The Log"]
    finally:
        copy.chmod(0o755)
