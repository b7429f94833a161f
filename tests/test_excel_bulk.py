"""The import's bulk insert stores exactly what SQLAlchemy Core stores for the same rows."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Engine, Integer, MetaData, String, Table, insert, text

from tracker.excel.bulk import insert_columns
from tracker.models.types import ExactDecimal
from tracker.units import MAX_DECIMAL

metadata = MetaData()
COLUMNS = ("amount", "day", "label")


def _table(name: str) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("amount", ExactDecimal()),
        Column("day", Date()),
        Column("label", String(40)),
    )


by_core = _table("by_core")
by_bulk = _table("by_bulk")
defaulted = Table(
    "defaulted",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(10), server_default="PEA"),
    Column("rank", Integer, default=7),
    Column("note", String(40)),
)


@pytest.fixture
def tables(engine: Engine) -> Iterator[Engine]:
    metadata.create_all(engine)
    yield engine


def _stored(engine: Engine, name: str) -> list[tuple[Any, ...]]:
    """The raw cells as SQLite holds them, with their storage class."""
    sql = f"SELECT id, amount, typeof(amount), day, typeof(day), label FROM {name} ORDER BY id"
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _both(engine: Engine, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM by_core"))
        connection.execute(text("DELETE FROM by_bulk"))
        connection.execute(insert(by_core), rows)
        columns = {name: [row[name] for row in rows] for name in ("id", *COLUMNS)}
        insert_columns(connection, by_bulk, columns)


amounts = st.one_of(
    st.none(),
    st.decimals(
        min_value=-MAX_DECIMAL,
        max_value=MAX_DECIMAL,
        places=9,  # more places than are kept: both paths must round the same way
        allow_nan=False,
        allow_infinity=False,
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
)
days = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(amounts, days, st.one_of(st.none(), st.text(max_size=8))), min_size=1))
def test_bulk_insert_stores_what_core_stores(
    tables: Engine, values: list[tuple[Any, date | None, str | None]]
) -> None:
    rows = [
        {"id": i, "amount": amount, "day": day, "label": label}
        for i, (amount, day, label) in enumerate(values, start=1)
    ]
    _both(tables, rows)
    assert _stored(tables, "by_bulk") == _stored(tables, "by_core")


def test_half_millionths_round_to_even_on_both_paths(tables: Engine) -> None:
    halves = [Decimal("0.0000005"), Decimal("0.0000015"), Decimal("-2.5000005")]
    rows = [
        {"id": i, "amount": amount, "day": date(999, 1, 2), "label": None}
        for i, amount in enumerate(halves, start=1)
    ]
    _both(tables, rows)
    stored = _stored(tables, "by_bulk")
    assert [row[1] for row in stored] == [0, 2, -2500000]
    assert {row[3] for row in stored} == {"0999-01-02"}
    assert stored == _stored(tables, "by_core")


def test_a_column_empty_in_every_row_is_stored_as_null(tables: Engine) -> None:
    rows = [{"id": i, "amount": None, "day": None, "label": "x"} for i in (1, 2, 3)]
    _both(tables, rows)
    stored = _stored(tables, "by_bulk")
    assert [(row[1], row[2], row[3], row[4]) for row in stored] == [
        (None, "null", None, "null")
    ] * 3
    assert stored == _stored(tables, "by_core")


def test_an_empty_column_with_a_default_still_stores_null_as_core_does(tables: Engine) -> None:
    rows: list[dict[str, Any]] = [
        {"id": i, "kind": None, "rank": None, "note": None} for i in (1, 2)
    ]
    with tables.begin() as connection:
        insert_columns(connection, defaulted, {k: [r[k] for r in rows] for k in rows[0]})
        connection.execute(insert(defaulted), [{**r, "id": r["id"] + 10} for r in rows])
        stored = connection.execute(text("SELECT id, kind, rank, note FROM defaulted ORDER BY id"))
        assert [tuple(row) for row in stored] == [
            (1, None, None, None),
            (2, None, None, None),
            (11, None, None, None),
            (12, None, None, None),
        ]


def test_rows_with_every_column_empty_are_still_inserted(tables: Engine) -> None:
    with tables.begin() as connection:
        insert_columns(connection, by_bulk, {name: [None, None, None] for name in COLUMNS})
        count = connection.execute(text("SELECT count(*), count(amount) FROM by_bulk")).one()
    assert tuple(count) == (3, 0)
