"""A large import builds its tables' plain indexes after inserting, inside its transaction."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from db.session import write_transaction
from tracker.excel.bulk import insert_columns
from tracker.excel.deferred import SMALLEST, DeferredIndexes
from tracker.excel.store import table


def _indexes(engine: Engine, name: str) -> dict[str, str]:
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"
    with engine.connect() as connection:
        found = connection.execute(text(query), {"t": name})
        return {row[0]: row[1] for row in found if row[1] is not None}


@pytest.fixture
def sqlite_engine(engine: Engine) -> Iterator[Engine]:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: elsewhere the indexes are never dropped")
    yield engine


def _projects(count: int, first: int = 1) -> dict[str, list[object]]:
    ids: list[object] = list(range(first, first + count))
    return {
        "id": ids,
        "name": [f"Prospect {n}" for n in ids],
        "status": ["active"] * count,
        "country": ["Peru"] * count,
    }


def test_a_large_insert_drops_plain_indexes_and_rebuilds_them_as_they_were(
    sqlite_engine: Engine,
) -> None:
    before = _indexes(sqlite_engine, "project")
    assert "ix_project_name" in before
    with write_transaction(sqlite_engine) as session:
        deferred = DeferredIndexes(session.connection())
        deferred.before_insert(table("project"), SMALLEST)
        assert _open_indexes(session, "project") == set()  # all of project's are plain
        insert_columns(session.connection(), table("project"), _projects(SMALLEST))
        deferred.rebuild()
    assert _indexes(sqlite_engine, "project") == before
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM project WHERE name = 'Prospect 7'"
        ).fetchall()
    assert "ix_project_name" in str(plan)


def _open_indexes(session: Session, name: str) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
    )
    return {row[0] for row in session.connection().execute(text(query), {"t": name})}


def test_unique_indexes_stay(sqlite_engine: Engine) -> None:
    with write_transaction(sqlite_engine) as session:
        deferred = DeferredIndexes(session.connection())
        deferred.before_insert(table("company"), SMALLEST)
        assert "ix_company_name" in _open_indexes(session, "company")
        assert deferred.dropped == []


def test_a_rolled_back_import_keeps_its_indexes(sqlite_engine: Engine) -> None:
    before = _indexes(sqlite_engine, "project")
    with (
        pytest.raises(RuntimeError, match="failed mid-way"),
        write_transaction(sqlite_engine) as session,
    ):
        DeferredIndexes(session.connection()).before_insert(table("project"), SMALLEST)
        assert _open_indexes(session, "project") == set()
        raise RuntimeError("failed mid-way")
    assert _indexes(sqlite_engine, "project") == before


def test_small_inserts_and_full_tables_keep_their_indexes(sqlite_engine: Engine) -> None:
    with write_transaction(sqlite_engine) as session:
        insert_columns(session.connection(), table("project"), _projects(2 * SMALLEST))
    with write_transaction(sqlite_engine) as session:
        deferred = DeferredIndexes(session.connection())
        deferred.before_insert(table("project"), SMALLEST - 1)  # too few to gain anything
        deferred.before_insert(table("study"), SMALLEST - 1)
        assert deferred.dropped == []
    with write_transaction(sqlite_engine) as session:
        deferred = DeferredIndexes(session.connection())
        # Fewer new rows than the table holds: the indexes are kept up row by row.
        deferred.before_insert(table("project"), SMALLEST + 1)
        assert deferred.dropped == []
        assert "ix_project_name" in _open_indexes(session, "project")


def test_outside_a_transaction_nothing_is_dropped(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session:
        connection = session.connection()
        raw = connection.connection.dbapi_connection
        assert raw is not None and not raw.in_transaction
        deferred = DeferredIndexes(connection)
        deferred.before_insert(table("project"), SMALLEST * 10)
        assert deferred.dropped == []
    assert "ix_project_name" in _indexes(sqlite_engine, "project")
