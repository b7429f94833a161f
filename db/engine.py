"""Creating engines. Called by ``main.py`` or a test fixture, never at import time."""

import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from db.errors import DatabaseOpenError

SQLITE_BUSY_TIMEOUT_MS = 5000


def read_only_reason(path: Path) -> str | None:
    """Why an existing SQLite file can only be read (None when it can be written).

    Judged by the permission bits too, not only by what this process may do: an administrator
    can write anywhere, yet a file or folder nobody may write was made read-only on purpose.
    SQLite needs the folder as well as the file, for its journal and write-ahead log.
    """
    if not path.is_file():
        return None
    writers = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if not path.stat().st_mode & writers or not os.access(path, os.W_OK):
        return "the file is read-only"
    folder = path.parent
    if not folder.stat().st_mode & writers or not os.access(folder, os.W_OK | os.X_OK):
        return "its folder is read-only"
    return None


def is_read_only(engine: Engine) -> bool:
    """Whether ``engine`` was opened read-only (see ``make_engine``)."""
    return engine.url.get_backend_name() == "sqlite" and engine.url.query.get("mode") == "ro"


def sqlite_path(engine: Engine) -> Path | None:
    """The SQLite file behind ``engine`` (also when opened by URI), or None."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(unquote(database.removeprefix("file:")))


def read_only_label(engine: Engine) -> str:
    """``tracker.sqlite3 is read-only (its folder is read-only)``, for titles and messages."""
    path = sqlite_path(engine)
    reason = (read_only_reason(path) if path else None) or "opened read-only"
    return f"{path.name if path else 'the database'} is read-only ({reason})"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for ``url``; a SQLite file's folder is created when missing.

    SQLite connections get foreign keys on and a busy timeout. The WAL journal is a setting of
    the file, switched on by ``db.migrate`` once the file is known to be ours: merely opening
    another program's database must not change it.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseOpenError(f"'{url}' is not a database path or URL") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if read_only_reason(path) is not None:
            # SQLite's read-only URI: nothing is written, not even a journal. Without a
            # write-ahead log beside it the file is also ``immutable``, since no lock or
            # shared-memory file can be made in a read-only folder.
            wal = path.with_name(path.name + "-wal").exists()
            flags = "mode=ro" if wal else "mode=ro&immutable=1"
            url = f"sqlite:///file:{quote(str(path.absolute()))}?{flags}&uri=true"
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    try:
        engine = create_engine(url, echo=echo)
    except NoSuchModuleError as exc:
        raise DatabaseOpenError(f"no driver is installed for '{parsed.drivername}'") from exc
    except ImportError as exc:
        raise DatabaseOpenError(f"the database driver is missing: {exc.name}") from exc
    if is_sqlite:
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
