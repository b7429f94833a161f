"""Schema migrations: old data survives upgrades, strange files are refused untouched."""

import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Engine, MetaData, String, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

import tracker.models  # noqa: F401  (registers every table on the metadata)
from db.engine import make_engine
from db.errors import DatabaseOpenError, NewerDatabaseError
from db.migrate import alembic_config, current_revision, head_revision, upgrade_to, upgrade_to_head
from tracker.lists.items import study_items
from tracker.models import Company, HoldingTransaction, Project, Study
from tracker.portfolio.positions import holding_rows
from tracker.services.companies import find_company, listings_of
from tracker.services.projects import OwnerShare, owners_of, stage_history
from tracker.services.studies import studies_of

MILLIONTHS = 10**6


@pytest.fixture
def old_engine(tmp_path: Path) -> Iterator[Engine]:
    """A database built at the first revision, 0001, and filled with raw SQL."""
    created = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    result = upgrade_to(created, "0001")
    assert (result.from_revision, result.to_revision, result.backup) == (None, "0001", None)
    with created.begin() as connection:
        for statement in OLD_DATA:
            connection.execute(text(statement))
    yield created
    created.dispose()


# Decimals written the way 0001 stores them: integer millionths.
OLD_DATA = [
    "INSERT INTO company (id, name, reporting_currency, notes) "
    "VALUES (1, 'Moly Mines', 'CAD', 'old note')",
    "INSERT INTO listing (id, company_id, exchange, ticker) VALUES (1, 1, 'TSXV', 'MOO')",
    "INSERT INTO project (id, name, country, latitude, longitude, stage, status) "
    f"VALUES (1, 'Moly Hill', 'Canada', {54_123_456}, {-127_500_000}, 'pre-feasibility', 'active')",
    "INSERT INTO project_owner (id, project_id, company_id, interest_pct, is_operator) "
    f"VALUES (1, 1, 1, {87_500_000}, 1)",
    "INSERT INTO project_commodity (project_id, commodity_id, rank) "
    "SELECT 1, id, 0 FROM commodity WHERE symbol = 'Mo'",
    "INSERT INTO project_stage (id, project_id, stage, effective_date) "
    "VALUES (1, 1, 'pre-feasibility', '2024-03-01')",
    "INSERT INTO study (id, project_id, study_type, title, publication_date, currency, "
    "after_tax_npv, discount_rate_pct, after_tax_irr_pct, initial_capex, head_grade) "
    f"VALUES (1, 1, 'PFS', 'Moly Hill PFS', '2024-03-01', 'USD', {412_000_000 * MILLIONTHS}, "
    f"{8 * MILLIONTHS}, {24_500_000}, {1_250_000_000_500_000}, {81_000})",
    "INSERT INTO holding (id, company_id, shares, average_cost, currency) "
    f"VALUES (1, 1, {25_000 * MILLIONTHS}, {385_000}, 'CAD')",
    "INSERT INTO event (id, event_date, kind, title, company_id) "
    "VALUES (1, '2024-02-01', 'corporate', 'AGM', 1)",
]


def test_old_data_survives_the_upgrade_to_head(old_engine: Engine) -> None:
    result = upgrade_to_head(old_engine)
    assert (result.from_revision, result.to_revision) == ("0001", head_revision())
    with old_engine.connect() as connection:
        assert current_revision(connection) == head_revision()

    with Session(old_engine) as session:
        company = session.get(Company, 1)
        assert company is not None
        assert (company.name, company.reporting_currency, company.notes) == (
            "Moly Mines",
            "CAD",
            "old note",
        )
        assert company.shares_outstanding is None  # the column 0002 added
        assert find_company(session, "MOO") == company
        assert [str(x) for x in listings_of(session, 1)] == ["TSXV: MOO"]
        project = session.get(Project, 1)
        assert project is not None
        assert (project.latitude, project.longitude) == (Decimal("54.123456"), Decimal("-127.5"))
        assert owners_of(session, 1) == [OwnerShare(1, Decimal("87.5"), True)]
        assert [(s.stage, s.effective_date) for s in stage_history(session, 1)] == [
            ("pre-feasibility", date(2024, 3, 1))
        ]
        [study] = studies_of(session, 1)
        assert (study.after_tax_npv, study.discount_rate_pct, study.after_tax_irr_pct) == (
            Decimal("412000000"),
            Decimal("8"),
            Decimal("24.5"),
        )
        assert (study.initial_capex, study.head_grade) == (
            Decimal("1250000000.5"),
            Decimal("0.081"),
        )
        assert study_items(session)[0].after_tax_npv == Decimal("412000000")
        # The holding became its opening buy (no date opened: the upgrade's day stands in).
        [position] = holding_rows(session)
        assert (position.shares, position.average_cost) == (Decimal("25000"), Decimal("0.385"))
        [opening] = session.exec(select(HoldingTransaction)).all()
        assert (opening.holding_id, opening.kind, opening.currency) == (1, "buy", "CAD")
        assert (opening.shares, opening.price) == (Decimal("25000"), Decimal("0.385"))
        assert opening.trade_date == date.today()
        assert opening.notes is not None and "no date opened" in opening.notes
        # The new tables of 0002 work on the upgraded file.
        session.execute(
            text(
                "INSERT INTO share_price (company_id, price_date, price, currency) "
                "VALUES (1, '2024-05-01', 385000, 'CAD')"
            )
        )
        session.commit()
        assert session.get(Study, 1) is not None


def test_upgrade_copies_the_old_file_aside(old_engine: Engine, tmp_path: Path) -> None:
    result = upgrade_to_head(old_engine)
    assert result.backup is not None
    assert result.backup.parent == tmp_path
    assert re.fullmatch(r"old\.sqlite3\.0001-\d{8}-\d{6}\.bak", result.backup.name)
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [result.backup.name]
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert backup.execute("SELECT name FROM company").fetchall() == [("Moly Mines",)]
        npv = backup.execute("SELECT after_tax_npv FROM study").fetchone()
        assert npv == (412_000_000 * MILLIONTHS,)
        columns = {row[1] for row in backup.execute("PRAGMA table_info(company)")}
        assert "shares_outstanding" not in columns
        tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
        assert "share_price" not in tables
    backup.close()


def test_database_at_head_is_left_alone(engine: Engine, db_path: Path) -> None:
    result = upgrade_to_head(engine)
    assert (result.from_revision, result.to_revision, result.backup) == (
        head_revision(),
        head_revision(),
        None,
    )
    assert list(db_path.parent.glob("*.bak")) == []


def test_no_backup_is_asked_for(old_engine: Engine, tmp_path: Path) -> None:
    assert upgrade_to_head(old_engine, backup=False).backup is None
    assert list(tmp_path.glob("*.bak")) == []


def test_newer_database_is_refused_untouched(engine: Engine, db_path: Path) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()  # checkpoint the WAL so the main file holds everything
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)
    reopened = make_engine(f"sqlite:///{db_path}")
    try:
        with pytest.raises(NewerDatabaseError) as caught:
            upgrade_to_head(reopened)
    finally:
        reopened.dispose()
    assert "newer version" in str(caught.value)
    assert "9999" in str(caught.value)
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before
    assert list(db_path.parent.glob("*.bak")) == []


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        other.execute("INSERT INTO customers VALUES (1, 'Acme')")
    other.close()
    before = path.read_bytes()
    foreign = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseOpenError) as caught:
            upgrade_to_head(foreign)
    finally:
        foreign.dispose()
    assert type(caught.value) is DatabaseOpenError
    assert "not made by Mining Project Tracker" in str(caught.value)
    assert path.read_bytes() == before  # not even switched to the WAL journal
    with sqlite3.connect(path) as other:
        tables = other.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        rows = other.execute("SELECT * FROM customers").fetchall()
    other.close()
    assert (tables, rows) == ([("customers",)], [(1, "Acme")])
    assert list(tmp_path.glob("*.bak")) == []


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Quarterly notes: Moly Hill PFS due in March.\n" * 40)
    before = path.read_bytes()
    not_a_db = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseOpenError) as caught:
            upgrade_to_head(not_a_db)
    finally:
        not_a_db.dispose()
    assert type(caught.value) is DatabaseOpenError
    assert "not a database" in str(caught.value)
    assert path.read_bytes() == before


def test_models_match_the_migrations(engine: Engine) -> None:
    """A model changed without a migration shows up here."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_model_comparison_catches_a_missing_migration(engine: Engine) -> None:
    changed = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["company"].append_column(Column("sector", String(40)))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, changed)
    assert [(d[0], d[2], d[3].name) for d in differences] == [("add_column", "company", "sector")]


def test_sqlite_pragmas(engine: Engine, db_path: Path) -> None:
    with engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "busy_timeout")
        }
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000}


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text("INSERT INTO listing (company_id, exchange, ticker) VALUES (404, 'TSX', 'X')")
        )


FAILING_STEP = '''"""a step that fails half-way"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("company", sa.Column("scratch_note", sa.String(10)))
    op.execute("INSERT INTO company (name, reporting_currency) VALUES ('Half Way', 'CAD')")
    raise RuntimeError("the disk filled up")


def downgrade() -> None:
    pass
'''


WORKING_STEP = '''"""a step that creates a table"""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("{table}", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("{table}")
'''


def working_step(revision: str, down: str, table: str) -> str:
    return (
        WORKING_STEP.replace("{revision}", revision)
        .replace("{down}", down)
        .replace("{table}", table)
    )


def extra_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: dict[str, str]) -> Path:
    """The app's migrations plus ``steps`` (file name -> script), in a folder of this test."""
    import shutil

    import db.migrate

    migrations = tmp_path / "migrations"
    if not migrations.exists():
        shutil.copytree(db.migrate.MIGRATIONS_DIR, migrations)
    for name, script in steps.items():
        (migrations / "versions" / name).write_text(script, encoding="utf-8")
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", migrations)
    return migrations


def schema_of(engine: Engine) -> tuple[str | None, set[str], set[str]]:
    """The revision stamp, the tables and the company table's columns."""
    with engine.connect() as connection:
        found = inspect(connection)
        return (
            current_revision(connection),
            set(found.get_table_names()),
            {c["name"] for c in found.get_columns("company")},
        )


def test_a_failing_step_leaves_the_database_as_it_was(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sqlite3 driver once committed each CREATE TABLE by itself: a failed step left its
    tables behind under the old revision, and the next start failed with "already exists"."""
    with Session(engine) as session:
        session.add(Company(name="Kept Corp", reporting_currency="CAD"))
        session.commit()
    before = schema_of(engine)
    head = head_revision()
    extra_steps(tmp_path, monkeypatch, {"9999_fails.py": FAILING_STEP.replace("{head}", head)})
    with pytest.raises(RuntimeError, match="the disk filled up"):
        upgrade_to(engine, "9999", backup=False)

    assert schema_of(engine) == before
    assert before[0] == head
    monkeypatch.undo()
    assert upgrade_to_head(engine).from_revision == head
    with Session(engine) as session:
        session.add(Company(name="Still Usable Inc.", reporting_currency="USD"))
        session.commit()
        names = {company.name for company in session.exec(select(Company)).all()}
    assert names == {"Kept Corp", "Still Usable Inc."}


def test_the_steps_before_a_failing_one_stay_done(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step and its revision bump are one transaction: 9998 stays, 9999 leaves nothing."""
    head = head_revision()
    revision, tables, columns = schema_of(engine)
    failing = FAILING_STEP.replace("{head}", "9998")
    extra_steps(
        tmp_path,
        monkeypatch,
        {"9998_works.py": working_step("9998", head, "scratch_done"), "9999_fails.py": failing},
    )
    with pytest.raises(RuntimeError, match="the disk filled up"):
        upgrade_to(engine, "9999", backup=False)
    assert schema_of(engine) == ("9998", tables | {"scratch_done"}, columns)
    with Session(engine) as session:
        names = {company.name for company in session.exec(select(Company)).all()}
    assert "Half Way" not in names

    extra_steps(tmp_path, monkeypatch, {"9999_fails.py": working_step("9999", "9998", "later")})
    result = upgrade_to(engine, "9999", backup=False)
    assert (result.from_revision, result.to_revision) == ("9998", "9999")
    assert schema_of(engine) == ("9999", tables | {"scratch_done", "later"}, columns)
    assert revision == head


def test_a_failed_step_says_where_the_upgrade_stopped(
    engine: Engine, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = head_revision()
    broken = working_step("9999", "9998", "never").replace(
        'op.create_table("never", sa.Column("id", sa.Integer(), primary_key=True))',
        'op.create_table("never", sa.Column("id", sa.Integer(), primary_key=True))\n'
        '    op.execute("UPDATE no_such_table SET id = 1")',
    )
    assert "no_such_table" in broken
    extra_steps(
        tmp_path,
        monkeypatch,
        {"9998_works.py": working_step("9998", head, "scratch_done"), "9999_fails.py": broken},
    )
    _, tables, _ = schema_of(engine)
    with pytest.raises(DatabaseOpenError) as caught:
        upgrade_to(engine, "9999")
    [backup] = db_path.parent.glob("*.bak")
    assert backup.name.startswith(f"tracker.sqlite3.{head}-")
    assert str(caught.value) == (
        "cannot upgrade the database: no such table: no_such_table. "
        "The upgrade stopped at schema 9998, the last step that was done. "
        f"Its latest backup is {backup.name}, beside it: restore it with `mining-tracker restore`"
    )
    assert schema_of(engine)[:2] == ("9998", tables | {"scratch_done"})


def test_the_apps_connections_keep_the_drivers_transactions(old_engine: Engine) -> None:
    """Only the migration's connection begins its own transactions: on the app's connections a
    read holds no snapshot that a later write would find stale."""
    upgrade_to_head(old_engine)
    for _ in range(old_engine.pool.size() + 1):  # type: ignore[attr-defined]
        with old_engine.connect() as connection:
            raw: Any = connection.connection.dbapi_connection
            assert raw.isolation_level == ""
            assert connection.exec_driver_sql("SELECT count(*) FROM company").scalar() == 1
            assert not raw.in_transaction


def test_a_table_another_upgrade_made_and_stamped_is_no_leftover(tmp_path: Path) -> None:
    """Two starts upgrading at once: the one that finds 0003's table made (and stamped) by the
    other must not drop it as a leftover of an interrupted upgrade."""
    from db.migrate import _drop_if_empty

    engine = make_engine(f"sqlite:///{tmp_path / 'raced.sqlite3'}")
    try:
        upgrade_to(engine, "0003")
        assert not _drop_if_empty(engine, {"watchlist"}, stamped="0002")
        with engine.connect() as connection:
            assert "watchlist" in inspect(connection).get_table_names()
        assert _drop_if_empty(engine, {"watchlist"}, stamped="0003")
        with engine.connect() as connection:
            assert "watchlist" not in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_a_half_created_database_is_made_again(tmp_path: Path) -> None:
    """A full disk while creating once left empty tables and no stamp: refused as foreign."""
    path = tmp_path / "half.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE company (id INTEGER PRIMARY KEY, name VARCHAR)")
        raw.execute("CREATE TABLE project (id INTEGER PRIMARY KEY, name VARCHAR)")
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert upgrade_to_head(engine).to_revision == head_revision()
        with Session(engine) as session:
            session.add(Company(name="Fresh Start Ltd.", reporting_currency="CAD"))
            session.commit()
    finally:
        engine.dispose()


def test_a_half_created_database_with_rows_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "half.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE company (id INTEGER PRIMARY KEY, name VARCHAR)")
        raw.execute("INSERT INTO company (name) VALUES ('Somebody''s data')")
    engine = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseOpenError, match="has tables but was not made by"):
            upgrade_to_head(engine)
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT name FROM company").fetchall() == [("Somebody's data",)]


def test_tables_left_by_a_half_done_upgrade_are_recovered(tmp_path: Path) -> None:
    """A full disk during 0002 -> 0003 once left 0003's watchlist table under stamp 0002, and
    every later start failed with "table watchlist already exists"."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        upgrade_to(engine, "0002")
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE watchlist (id INTEGER PRIMARY KEY)")
        result = upgrade_to_head(engine)
        assert (result.from_revision, result.to_revision) == ("0002", head_revision())
        with engine.connect() as connection:
            assert "name" in {c["name"] for c in inspect(connection).get_columns("watchlist")}
    finally:
        engine.dispose()


def test_a_leftover_with_rows_is_explained_and_the_backup_named(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        upgrade_to(engine, "0002")
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE watchlist (id INTEGER PRIMARY KEY)")
            connection.exec_driver_sql("INSERT INTO watchlist (id) VALUES (7)")
        with pytest.raises(DatabaseOpenError) as caught:
            upgrade_to_head(engine)
        message = str(caught.value)
        assert "table watchlist already exists" in message
        assert "The database is unchanged (schema 0002)" in message
        assert "mining-tracker restore" in message
        backups = sorted(tmp_path.glob("old.sqlite3.0002-*.bak"))
        assert backups and backups[-1].name in message
        with engine.connect() as connection:
            assert current_revision(connection) == "0002"
            assert connection.exec_driver_sql("SELECT id FROM watchlist").all() == [(7,)]
    finally:
        engine.dispose()


def test_holdings_become_opening_buys_on_their_date_and_come_back_on_downgrade(
    tmp_path: Path,
) -> None:
    """0006: a dated holding opens with a buy on that day; an undated one on its company's
    first share price; going back to 0004 puts the position (after a later sell) back."""
    engine = make_engine(f"sqlite:///{tmp_path / 'held.sqlite3'}")
    upgrade_to(engine, "0004")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO company (id, name) VALUES (1, 'Dated'), (2, 'Undated')",
            "INSERT INTO holding (id, company_id, shares, average_cost, currency, opened_date) "
            f"VALUES (1, 1, {1000 * MILLIONTHS}, {2 * MILLIONTHS}, 'CAD', '2024-02-01'), "
            f"(2, 2, {500 * MILLIONTHS}, NULL, 'USD', NULL)",
            "INSERT INTO share_price (company_id, price_date, price, currency) "
            f"VALUES (2, '2023-05-02', {MILLIONTHS}, 'USD'), "
            f"(2, '2023-09-01', {MILLIONTHS}, 'USD')",
        ):
            connection.execute(text(statement))
    upgrade_to_head(engine)
    with Session(engine) as session:
        found = [
            (t.holding_id, t.trade_date, t.shares, t.price, t.currency)
            for t in session.exec(select(HoldingTransaction).order_by(col(HoldingTransaction.id)))
        ]
        assert found == [
            (1, date(2024, 2, 1), Decimal(1000), Decimal(2), "CAD"),
            (2, date(2023, 5, 2), Decimal(500), None, "USD"),
        ]
        session.execute(
            text(
                "INSERT INTO holding_transaction (holding_id, kind, trade_date, shares, price, "
                f"currency) VALUES (1, 'sell', '2024-06-03', {400 * MILLIONTHS}, "
                f"{3 * MILLIONTHS}, 'CAD')"
            )
        )
        session.commit()
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, shares, average_cost, opened_date FROM holding ORDER BY id")
        ).all()
    # 1000 bought at 2 (cost 2000); selling 400 takes 400 * 2 = 800 of it: 600 left at 2.
    assert rows == [
        (1, 600 * MILLIONTHS, 2 * MILLIONTHS, "2024-02-01"),
        (2, 500 * MILLIONTHS, None, "2023-05-02"),
    ]
    engine.dispose()
