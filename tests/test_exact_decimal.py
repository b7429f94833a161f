"""ExactDecimal keeps figures exact in SQLite and still sorts and compares them in SQL."""

from collections.abc import Iterator, Sequence
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Engine, Integer, MetaData, Table, func, insert, select, text

from tracker.models.types import ExactDecimal
from tracker.units import DECIMAL_PLACES, MAX_DECIMAL

metadata = MetaData()
figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", ExactDecimal()),
)


@pytest.fixture
def figure_engine(engine: Engine) -> Iterator[Engine]:
    """The migrated test database with one extra table of ExactDecimal values."""
    metadata.create_all(engine)
    yield engine


def store(engine: Engine, values: Sequence[Decimal | None]) -> None:
    with engine.begin() as connection:
        connection.execute(insert(figures), [{"value": value} for value in values])


def read_back(engine: Engine, value: Decimal) -> Decimal | None:
    with engine.begin() as connection:
        new_id = connection.execute(insert(figures).values(value=value)).inserted_primary_key
        assert new_id is not None
        loaded: Decimal | None = connection.execute(
            select(figures.c.value).where(figures.c.id == new_id[0])
        ).scalar_one()
        return loaded


@pytest.mark.parametrize(
    "value",
    [
        Decimal("412000000"),
        Decimal("0.000001"),
        Decimal("-12.5"),
        Decimal("9000000000000"),
        Decimal("-9000000000000.999999"),
        Decimal("0"),
        Decimal("2150.75"),
    ],
)
def test_round_trip_is_exact(figure_engine: Engine, value: Decimal) -> None:
    loaded = read_back(figure_engine, value)
    assert isinstance(loaded, Decimal)
    assert loaded == value
    # Shown as typed: no exponent (4.12E+8) and no padding zeros (12.500000).
    assert str(loaded) == str(value)


def test_null_stays_null(figure_engine: Engine) -> None:
    store(figure_engine, [None])
    with figure_engine.connect() as connection:
        assert connection.execute(select(figures.c.value)).scalar_one() is None


def test_sqlite_stores_integer_millionths(figure_engine: Engine) -> None:
    store(figure_engine, [Decimal("412000000"), Decimal("0.000001"), Decimal("-12.5")])
    with figure_engine.connect() as connection:
        raw = connection.execute(text("SELECT typeof(value), value FROM figures ORDER BY id")).all()
    assert [tuple(row) for row in raw] == [
        ("integer", 412_000_000 * 10**DECIMAL_PLACES),
        ("integer", 1),
        ("integer", -12_500_000),
    ]


MIXED = [Decimal(v) for v in ("100", "9", "-12.5", "10", "-3", "0.5", "-100", "9.000001")]


def test_order_by_is_numeric(figure_engine: Engine) -> None:
    store(figure_engine, MIXED)
    with figure_engine.connect() as connection:
        ordered = connection.execute(select(figures.c.value).order_by(figures.c.value)).scalars()
        assert list(ordered) == [
            Decimal(v) for v in ("-100", "-12.5", "-3", "0.5", "9", "9.000001", "10", "100")
        ]


def test_sql_comparisons_are_numeric(figure_engine: Engine) -> None:
    store(figure_engine, MIXED)
    with figure_engine.connect() as connection:
        below_ten = set(
            connection.execute(
                select(figures.c.value).where(figures.c.value < Decimal("10"))
            ).scalars()
        )
        between = set(
            connection.execute(
                select(figures.c.value).where(figures.c.value.between(Decimal("-12.5"), 9))
            ).scalars()
        )
        largest = connection.execute(select(func.max(figures.c.value))).scalar_one()
        smallest = connection.execute(select(func.min(figures.c.value))).scalar_one()
    assert below_ten == {Decimal(v) for v in ("9", "-12.5", "-3", "0.5", "-100", "9.000001")}
    assert between == {Decimal(v) for v in ("-12.5", "-3", "0.5", "9")}
    assert (largest, smallest) == (Decimal("100"), Decimal("-100"))


def test_sums_carry_no_float_error(figure_engine: Engine) -> None:
    assert 0.1 + 0.2 != 0.3  # the error this type exists to avoid
    store(figure_engine, [Decimal("0.1"), Decimal("0.2")])
    with figure_engine.connect() as connection:
        total = connection.execute(select(func.sum(figures.c.value))).scalar_one()
        values = list(connection.execute(select(figures.c.value)).scalars())
    assert total == Decimal("0.3")
    assert sum(values, Decimal(0)) == Decimal("0.3")


def test_float_input_is_stored_as_its_shortest_decimal(figure_engine: Engine) -> None:
    assert read_back(figure_engine, 0.1 + 0.2) == Decimal("0.3")  # type: ignore[arg-type]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.decimals(
        min_value=-MAX_DECIMAL,
        max_value=MAX_DECIMAL,
        places=DECIMAL_PLACES,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_any_storable_value_round_trips(figure_engine: Engine, value: Decimal) -> None:
    assert read_back(figure_engine, value) == value
