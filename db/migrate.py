"""Bring a database to the current schema with Alembic, safely.

The schema is created and changed only here. Before an existing SQLite file is upgraded it is
copied aside; a database stamped with a revision this version does not know was written by a
newer version and is refused. Each step and its revision bump are one transaction, on SQLite
too (``db.session.locked_transactions``): a step that fails leaves the database at the step
before it, never half-way through one.
"""

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError

from db.backups import list_backups, make_backup
from db.engine import is_read_only
from db.errors import DatabaseOpenError, NewerDatabaseError
from db.session import locked_transactions

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOG = logging.getLogger("mining_tracker.migrate")


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
    foreign = tables - {"alembic_version"} if found is None else set()
    if foreign and not _drop_if_empty(engine, foreign):
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
    if is_read_only(engine):
        if found == target:
            return MigrationResult(found, target, None)
        raise DatabaseOpenError(
            f"this database is read-only and needs an upgrade (schema {found} to {target}); "
            "make the file and its folder writable to open it with this version"
        )
    _use_wal_journal(engine)
    if found == target:
        return MigrationResult(found, target, None)
    backup_path = None
    if backup and found is not None:
        backup_path = make_backup(engine, found)
    _run_steps(engine, found, target)
    if found is None:
        LOG.info("database created at schema %s", target)
    else:
        LOG.info("database upgraded from schema %s to %s", found, target)
    return MigrationResult(found, target, backup_path)


def _run_steps(engine: Engine, found: str | None, target: str) -> None:
    """Run the steps from the database's revision to ``target``, each step a transaction.

    After a failure the steps are tried again when some were done first (the failed one may
    have met a table another process's upgrade had just made), or when an empty table an
    interrupted upgrade of an older version left was in the way and is dropped.
    """
    config = alembic_config()
    dropped: set[str] = set()
    while True:
        started = _stamp(engine)
        try:
            with engine.connect() as connection, locked_transactions(connection):
                config.attributes["connection"] = connection
                command.upgrade(config, target)
            return
        except (DBAPIError, CommandError) as exc:
            if _stamp(engine) != started:
                continue
            leftover = _leftover_table(exc) if isinstance(exc, OperationalError) else None
            if (
                leftover is not None
                and leftover not in dropped
                and _drop_if_empty(engine, {leftover}, stamped=started)
            ):
                dropped.add(leftover)
                continue
            if not isinstance(exc, OperationalError):
                raise
            raise DatabaseOpenError(_upgrade_failed(engine, found, exc)) from exc


def _our_tables() -> set[str]:
    from sqlmodel import SQLModel

    import tracker.models  # noqa: F401  (registers every table on the metadata)

    return set(SQLModel.metadata.tables)


def _drop_if_empty(engine: Engine, tables: set[str], *, stamped: str | None = None) -> bool:
    """Drop tables an interrupted creation or upgrade left, if all are ours and hold no rows.

    Before migration steps were transactions, a full disk while creating a database left some
    of its tables and no revision stamp (every later start refused the file as foreign), and
    one during an upgrade left a later revision's tables under the old stamp (every later
    start failed with "already exists"). Empty leftovers hold nothing, so they are dropped
    and the step runs again. Nothing is dropped unless the database is still stamped
    ``stamped`` once the write lock is held: a table another process's upgrade has just
    created and stamped is no leftover. Returns whether they were dropped.
    """
    if not tables or not tables <= _our_tables():
        return False
    with engine.connect() as connection, locked_transactions(connection), connection.begin():
        if current_revision(connection) != stamped:
            return False
        for table in tables:
            if connection.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first():
                return False
        for table in tables:
            connection.exec_driver_sql(f'DROP TABLE "{table}"')
    return True


_ALREADY_EXISTS = re.compile(r"table (?:\"|')?(\w+)(?:\"|')? already exists")


def _leftover_table(exc: OperationalError) -> str | None:
    """The table an earlier, interrupted upgrade left behind, from "table X already exists"."""
    match = _ALREADY_EXISTS.search(_reason(exc))
    return match[1] if match else None


def _upgrade_failed(engine: Engine, found: str | None, exc: OperationalError) -> str:
    """Why the upgrade failed, where it stopped and, when there is one, which backup to go
    back to. Each step is a transaction: the steps before the failed one stay done."""
    verb = "create" if found is None else "upgrade"
    parts = [f"cannot {verb} the database: {_reason(exc)}"]
    reached = _stamp(engine)
    backups = list_backups(engine)
    if reached != found:
        parts.append(f"The {verb} stopped at schema {reached}, the last step that was done")
    elif backups:
        parts.append(f"The database is unchanged (schema {found})")
    if backups:
        parts.append(
            f"Its latest backup is {backups[0].path.name}, beside it: "
            "restore it with `mining-tracker restore`"
        )
    return ". ".join(parts)


def _stamp(engine: Engine) -> str | None:
    """The revision the database is stamped with now, read on a connection of its own."""
    with engine.connect() as connection:
        return current_revision(connection)


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


def _reason(exc: DatabaseError) -> str:
    """The driver's own words, without SQLAlchemy's statement dump."""
    return str(exc.orig) if exc.orig is not None else str(exc)
