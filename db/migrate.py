"""Bring a database to the current schema with Alembic, safely.

The schema is created and changed only here. Before an existing SQLite file is upgraded it is
copied aside; a database stamped with a revision this version does not know was written by a
newer version and is refused.
"""

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from db.errors import DatabaseOpenError, NewerDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    """What ``upgrade_to_head`` did: the revisions before and after, and any backup made."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations kept in this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision a database is stamped with, or None for a database never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, *, backup: bool = True) -> MigrationResult:
    """Create or upgrade the schema of ``engine``'s database to the newest revision."""
    return upgrade_to(engine, head_revision(), backup=backup)


def upgrade_to(engine: Engine, target: str, *, backup: bool = True) -> MigrationResult:
    """Upgrade to ``target`` (tests use it to build databases at old revisions)."""
    script = ScriptDirectory.from_config(alembic_config())
    try:
        with engine.connect() as connection:
            found = current_revision(connection)
            tables = set(inspect(connection).get_table_names())
    except (OperationalError, DatabaseError) as exc:
        raise DatabaseOpenError(f"cannot open the database: {_reason(exc)}") from exc
    if found is None and tables - {"alembic_version"}:
        raise DatabaseOpenError(
            "this database has tables but was not made by Mining Project Tracker; "
            "choose another file"
        )
    if found is not None and not _known(script, found):
        raise NewerDatabaseError(
            f"this database was written by a newer version of Mining Project Tracker "
            f"(schema {found}; this version knows up to {head_revision()}). "
            "Update the app to open it; the file was left untouched."
        )
    _use_wal_journal(engine)
    if found == target:
        return MigrationResult(found, target, None)
    backup_path = None
    if backup and found is not None:
        backup_path = _copy_aside(engine, found)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    except OperationalError as exc:
        raise DatabaseOpenError(f"cannot upgrade the database: {_reason(exc)}") from exc
    return MigrationResult(found, target, backup_path)


def _use_wal_journal(engine: Engine) -> None:
    """Readers never wait for a writer with SQLite's write-ahead log; it persists in the file."""
    if engine.url.get_backend_name() != "sqlite":
        return
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    except OperationalError as exc:
        raise DatabaseOpenError(f"cannot open the database: {_reason(exc)}") from exc


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _copy_aside(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite file to ``<name>.<revision>-<timestamp>.bak`` with SQLite's backup API."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source_path = Path(database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source_path.with_name(f"{source_path.name}.{revision}-{stamp}.bak")
    try:
        with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"cannot copy the database aside before upgrading: {exc}") from exc
    return target


def _reason(exc: DatabaseError) -> str:
    """The driver's own words, without SQLAlchemy's statement dump."""
    return str(exc.orig) if exc.orig is not None else str(exc)
