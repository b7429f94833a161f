"""Creating engines. Called by ``main.py`` or a test fixture, never at import time."""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from db.errors import DatabaseOpenError

SQLITE_BUSY_TIMEOUT_MS = 5000


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
        folder = Path(parsed.database).parent
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
