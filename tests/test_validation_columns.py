"""A whole column's quick checks (numbers, texts) never pass what the value-by-value check
refuses."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.units import MAX_DECIMAL
from tracker.validation import number_failure, numbers_pass, text_failure, texts_pass

cells = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.decimals(min_value=-MAX_DECIMAL * 2, max_value=MAX_DECIMAL * 2, places=7),
    st.decimals(min_value=-(10**6), max_value=10**6, places=6),
    st.sampled_from([Decimal("1.5000000"), Decimal("4E+8"), Decimal("-0"), MAX_DECIMAL]),
    st.integers(),
    st.text(max_size=3),
)
bounds = st.one_of(st.none(), st.integers(min_value=-100, max_value=100))


@given(st.lists(cells, max_size=30), bounds, bounds)
def test_a_column_passes_only_when_every_value_does(
    values: list[object], minimum: int | None, maximum: int | None
) -> None:
    if numbers_pass(values, minimum, maximum):
        assert all(
            number_failure(value, minimum, maximum) is None  # type: ignore[arg-type]
            for value in values
        )


@given(
    st.lists(
        st.one_of(st.none(), st.decimals(min_value=0, max_value=MAX_DECIMAL, places=6)),
        max_size=50,
    )
)
def test_a_column_of_storable_figures_passes_at_once(values: list[Decimal | None]) -> None:
    assert numbers_pass(values, 0, None)


def test_a_column_with_one_bad_value_is_left_to_the_value_check() -> None:
    good = [Decimal("12.5"), None, Decimal("0.000001")]
    assert numbers_pass(good, 0, 100)
    assert not numbers_pass([*good, Decimal("-1")], 0, 100)
    assert not numbers_pass([*good, Decimal("101")], 0, 100)
    assert not numbers_pass([*good, Decimal("0.0000001")], 0, 100)
    assert not numbers_pass([*good, Decimal("NaN")], 0, 100)
    assert not numbers_pass([Decimal("NaN")], 0, 100)
    assert not numbers_pass([Decimal("NaN")], None, None)
    assert not numbers_pass([Decimal("sNaN"), Decimal(1)], None, None)
    assert not numbers_pass([Decimal("-Infinity")], None, None)
    assert not numbers_pass([*good, Decimal("Infinity")], None, None)
    assert not numbers_pass([*good, "12"], 0, 100)
    assert not numbers_pass([*good, MAX_DECIMAL + 1], None, None)


texts = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["", " ", "\t\n", "Au", " Ag ", "x" * 11]),
    st.integers(),
    st.tuples(st.text(max_size=2)),
)


@given(st.lists(texts, max_size=30), st.integers(min_value=0, max_value=12), st.booleans())
def test_a_text_column_passes_only_when_every_value_does(
    values: list[object], max_length: int, required: bool
) -> None:
    if texts_pass(values, max_length, required):
        given_values = [value for value in values if value is not None]
        assert all(
            text_failure(value, max_length, required) is None  # type: ignore[arg-type]
            for value in given_values
        )


def test_a_text_column_with_one_bad_value_is_left_to_the_value_check() -> None:
    good = ["Cobalt Springs", None, "Ni"]
    assert texts_pass(good, 14, required=True)
    assert texts_pass([None, None], 1, required=True)  # empties are the record check's
    assert not texts_pass([*good, "x" * 15], 14, required=False)
    assert not texts_pass([*good, "   "], 14, required=True)
    assert texts_pass([*good, "   "], 14, required=False)
    assert not texts_pass([*good, 12], 14, required=False)
