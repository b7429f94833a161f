"""A rotating set of backups beside a SQLite database, and restoring one of them.

Copies are made with SQLite's online backup API, which reads a consistent snapshot of a live
database in WAL mode (a file copy could catch it half-written). Each copy is named
``<database>.<label>-<YYYYmmdd-HHMMSS>.bak`` beside the file: the label says why it was made
(a schema revision before an upgrade, ``import``, ``daily``, ``manual`` or ``restore``).
"""

import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from db.engine import sqlite_path
from db.errors import DatabaseOpenError

#: How many backups are kept by default; ``MINING_TRACKER_KEEP_BACKUPS`` or ``keep=`` change it.
DEFAULT_KEEP = 10
KEEP_ENV_VAR = "MINING_TRACKER_KEEP_BACKUPS"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"\.(?P<label>[\w]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.bak$")
#: What the list of backups counts in each: table -> how a count of its rows reads.
COUNTED = {
    "project": "projects",
    "company": "companies",
    "study": "studies",
    "deal": "deals",
    "event": "events",
    "holding": "holdings",
}


class BackupError(DatabaseOpenError):
    """A backup could not be made, read or restored; nothing was changed."""


@dataclass(frozen=True)
class Backup:
    """One backup file: when and why it was made, and its size in bytes."""

    path: Path
    made: datetime
    label: str
    size: int


def keep_count(environ: dict[str, str] | None = None) -> int:
    """How many backups to keep: the environment's setting, else ``DEFAULT_KEEP``."""
    value = (os.environ if environ is None else environ).get(KEEP_ENV_VAR, "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_KEEP


def make_backup(
    engine: Engine, label: str, *, keep: int | None = None, now: datetime | None = None
) -> Path | None:
    """Copy the database aside now; older copies beyond ``keep`` are removed. None if not SQLite."""
    source = sqlite_path(engine)
    if source is None:
        return None
    if not source.exists():
        return None
    target = _free_name(source, label, now or datetime.now())
    try:
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"cannot make a backup of {source.name}: {exc}") from exc
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"cannot write a backup of {source.name}: {exc.strerror}") from exc
    prune(engine, keep if keep is not None else keep_count())
    return target


def daily_backup(engine: Engine, today: date | None = None) -> Path | None:
    """A backup labelled ``daily`` unless one was made today already (for any reason)."""
    day = today or date.today()
    if any(backup.made.date() == day for backup in list_backups(engine)):
        return None
    return make_backup(engine, "daily")


def list_backups(engine: Engine) -> list[Backup]:
    """The backups beside the database, newest first."""
    source = sqlite_path(engine)
    if source is None or not source.parent.is_dir():
        return []
    found = []
    for path in source.parent.iterdir():
        if not path.name.startswith(source.name + "."):
            continue
        match = _NAME.search(path.name[len(source.name) :])
        if match is None or not path.is_file():
            continue
        made = datetime.strptime(match["stamp"], _STAMP)
        found.append((made, int(match["n"] or 1), Backup(path, made, match["label"], _size(path))))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [backup for _made, _n, backup in found]


def prune(engine: Engine, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest backups; returns what was removed."""
    removed = []
    for backup in list_backups(engine)[keep:]:
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def backup_counts(path: Path) -> dict[str, int]:
    """Records of each kind in a backup (read-only, keyed ``projects``, ``companies`` ...), to
    tell backups apart before restoring."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
            return {
                plural: int(copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                for table, plural in COUNTED.items()
                if table in tables
            }
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be read: {exc}") from exc


def restore_backup(
    engine: Engine, backup: Path, *, upgrade: Callable[[Engine], object] | None = None
) -> Path | None:
    """Put ``backup``'s content in place of the database's; returns the copy made first.

    The current content is backed up first (label ``restore``), so a restore can itself be
    undone. The backup is checked before anything changes: a damaged file, or one that is not
    a database of this app, is refused. ``upgrade`` brings an older backup's schema up to date.
    """
    source = sqlite_path(engine)
    if source is None:
        raise BackupError("only a SQLite database file has backups to restore")
    _check_restorable(backup)
    # One more than usual is kept, so that the copy about to be restored, were it the oldest,
    # is not pruned to make room for this one.
    before = make_backup(engine, "restore", keep=keep_count() + 1)
    engine.dispose()
    try:
        with (
            closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as copy,
            closing(sqlite3.connect(source)) as live,
        ):
            copy.backup(live)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore {backup.name}: {exc}") from exc
    if upgrade is not None:
        upgrade(engine)
    return before


def damaged_message(engine: Engine, error: Exception) -> str:
    """What to tell a user whose database file turned out damaged, with the backup to go to."""
    reason = str(getattr(error, "orig", None) or error)
    source = sqlite_path(engine)
    name = source.name if source is not None else "the database"
    message = f"{name} is damaged ({reason}); nothing was written"
    backups = list_backups(engine)
    if backups:
        message += (
            f". Its latest backup is {backups[0].path.name} ({backups[0].made:%Y-%m-%d %H:%M}): "
            f"restore it with `mining-tracker restore {backups[0].path.name}`"
        )
    return message


def _check_restorable(backup: Path) -> None:
    if not backup.is_file():
        raise BackupError(f"{backup.name} does not exist")
    try:
        with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as copy:
            verdict = copy.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise BackupError(f"{backup.name} is damaged ({verdict[0] if verdict else '?'})")
            stamped = copy.execute(
                "SELECT name FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()
            if stamped is None:
                raise BackupError(f"{backup.name} is not a Mining Project Tracker database")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{backup.name} is not a database that can be restored: {exc}") from exc


def _free_name(source: Path, label: str, now: datetime) -> Path:
    base = f"{source.name}.{label}-{now.strftime(_STAMP)}"
    target = source.with_name(f"{base}.bak")
    number = 2
    while target.exists():
        target = source.with_name(f"{base}-{number}.bak")
        number += 1
    return target


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
