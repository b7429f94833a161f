"""Session helpers: one transaction per unit of work."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

#: The PostgreSQL advisory lock that ``write_lock`` takes (any number the app keeps for itself).
WRITERS_LOCK = 72_530_001


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session, _committed(session):
        yield session


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Session]:
    """Like ``transaction``, but holding the database's write lock from before the first read.

    For work that reads, decides and then writes (an import plans against what is there): a
    second writer waits until this one has committed, instead of writing between the reads and
    the writes and leaving duplicates or a failed unique constraint.
    """
    with (
        Session(engine, expire_on_commit=False) as session,
        write_lock(session.connection()),
        _committed(session),
    ):
        yield session


@dataclass(frozen=True)
class Transactions:
    """The transactions of ``engine``, for a job of the domain that opens its own
    (``tracker.unit_of_work.UnitsOfWork``: ``run_import(Transactions(engine), source)``)."""

    engine: Engine

    def transaction(self) -> AbstractContextManager[Session]:
        return transaction(self.engine)

    def write_transaction(self) -> AbstractContextManager[Session]:
        return write_transaction(self.engine)


@contextmanager
def _committed(session: Session) -> Iterator[None]:
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def write_lock(connection: Connection) -> Iterator[None]:
    """Begin ``connection``'s transaction with the write lock taken; the caller commits.

    Python's sqlite3 driver begins a transaction only before INSERT, UPDATE or DELETE, so reads
    and DDL before them run outside it (a CREATE TABLE commits by itself). For this transaction
    the driver's own handling is switched off and SQLite is told ``BEGIN IMMEDIATE``: one
    transaction from the first statement on, DDL included, with the write lock held. Other
    databases have transactional DDL and a transaction already begun; on PostgreSQL the
    transaction takes an advisory lock that every such writer takes.
    """
    if connection.dialect.name == "postgresql":
        # Readers never wait; writers that read before writing queue on one advisory lock,
        # held until the transaction ends.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
    if connection.dialect.name != "sqlite":
        yield
        return
    raw: Any = connection.connection.dbapi_connection
    previous = raw.isolation_level
    raw.isolation_level = None
    try:
        if raw.in_transaction:
            raise RuntimeError("write_lock must begin the connection's transaction")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield
    finally:
        raw.isolation_level = previous


@contextmanager
def locked_transactions(connection: Connection) -> Iterator[None]:
    """While open, every transaction ``connection`` begins is a real one holding the write lock.

    For work that commits several times on one connection: Alembic runs each migration step and
    its revision bump in a transaction of its own. On SQLite this is SQLAlchemy's recipe for
    serializable isolation and transactional DDL: the sqlite3 driver's own transaction handling
    is switched off and the ``begin`` event says ``BEGIN IMMEDIATE`` itself, so DDL is inside
    the transaction and a failed step rolls back whole. Only this connection is changed, and only
    until the block ends: the app's other connections keep the driver's handling, under which a
    read never holds a snapshot that a later write would find stale. On PostgreSQL each
    transaction takes the writers' advisory lock.
    """
    if connection.in_transaction():
        raise RuntimeError("locked_transactions must start outside a transaction")
    sqlite = connection.dialect.name == "sqlite"
    raw: Any = connection.connection.dbapi_connection if sqlite else None
    previous = raw.isolation_level if sqlite else None
    if sqlite:
        raw.isolation_level = None
    event.listen(connection, "begin", _begin_locked)
    try:
        yield
    finally:
        if connection.in_transaction():
            connection.rollback()
        event.remove(connection, "begin", _begin_locked)
        if sqlite:
            raw.isolation_level = previous


def _begin_locked(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
