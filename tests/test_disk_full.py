"""A full disk while creating or upgrading a database leaves it as it was, and usable later.

The disk is a small tmpfs mounted for the test; where the machine does not let the tests mount
one (not root, or no mount rights), the tests are skipped and say why.
"""

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from db.errors import DatabaseOpenError
from db.migrate import head_revision
from db.open import open_database


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on an 80 kB tmpfs: too small for the schema, which needs about 400 kB."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=80k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        # Lazily, so that a file a failed test left open cannot keep the mount alive.
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


def _grow(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=8m", str(folder)], check=True)


def _tables(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as raw:
        rows = raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return sorted(name for (name,) in rows)


def test_disk_full_while_creating_leaves_no_half_schema(small_disk: Path) -> None:
    """It once left 5 tables and no revision; every later start called the file foreign."""
    path = small_disk / "tracker.sqlite3"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(f"sqlite:///{path}")
    assert str(caught.value) == "cannot create the database: database or disk is full"
    assert _tables(path) == []
    _grow(small_disk)
    engine = open_database(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar_one() == head_revision()
    finally:
        engine.dispose()


def test_disk_full_during_an_upgrade_leaves_the_old_schema(small_disk: Path) -> None:
    """It once left revision 0002 with some of 0003's tables: "table watchlist already exists"."""
    from db.engine import make_engine
    from db.migrate import upgrade_to, upgrade_to_head

    _grow(small_disk)
    path = small_disk / "tracker.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_to(engine, "0002")
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _tables(path)
        filler = small_disk / "filler"
        handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(handle, b"\0" * 4096):
                pass
        except OSError:
            pass  # the disk is full
        finally:
            os.close(handle)
        with pytest.raises(DatabaseOpenError, match="database or disk is full"):
            upgrade_to_head(engine, backup=False)
        assert _tables(path) == before
        filler.unlink()
        assert upgrade_to_head(engine, backup=False).from_revision == "0002"
        assert "watchlist" in _tables(path)
    finally:
        engine.dispose()
