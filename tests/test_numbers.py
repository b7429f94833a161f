"""One reader of numbers as people write them (``tracker.numbers``), for forms, CSV files and
spreadsheets alike: the cases each of the three readers it replaced was tested with."""

from decimal import Decimal

import pytest

from tracker.entry import parse_decimal, parse_percent
from tracker.numbers import WrittenNumber, read_number

MILLION = Decimal(10) ** 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", WrittenNumber(Decimal("1234.5"))),
        ("1,234.5", WrittenNumber(Decimal("1234.5"))),
        ("1 234", WrittenNumber(Decimal(1234))),
        ("1 234 567", WrittenNumber(Decimal(1234567))),
        ("1\u202f234\xa0567", WrittenNumber(Decimal(1234567))),
        ("1'234.5", WrittenNumber(Decimal("1234.5"))),
        ("12 000", WrittenNumber(Decimal(12000))),
        ("-3", WrittenNumber(Decimal(-3))),
        ("+3", WrittenNumber(Decimal(3))),
        ("\u22127.5", WrittenNumber(Decimal("-7.5"))),
        ("(12.0)", WrittenNumber(Decimal(-12))),
        ("-(12)", WrittenNumber(Decimal(-12))),
        (".5", WrittenNumber(Decimal("0.5"))),
        ("1.5e3", WrittenNumber(Decimal(1500))),
        ("412.5 M", WrittenNumber(Decimal(412_500_000), scaled=True)),
        ("2bn", WrittenNumber(Decimal(2_000_000_000), scaled=True)),
        ("250k", WrittenNumber(Decimal(250_000), scaled=True)),
        ("12.5 million", WrittenNumber(Decimal(12_500_000), scaled=True)),
        ("12 000s", WrittenNumber(Decimal(12_000), scaled=True)),
        ("$1.2 B", WrittenNumber(Decimal(1_200_000_000), "USD", scaled=True)),
        ("US$ 1.2 B", WrittenNumber(Decimal(1_200_000_000), "USD", scaled=True)),
        ("C$ 12.5 million", WrittenNumber(Decimal(12_500_000), "CAD", scaled=True)),
        ("20 USD", WrittenNumber(Decimal(20), "USD")),
        ("(€ 3.5 M)", WrittenNumber(Decimal(-3_500_000), "EUR", scaled=True)),
        ("25%", WrittenNumber(Decimal(25), percent=True)),
        ("12.5 %", WrittenNumber(Decimal("12.5"), percent=True)),
        ("", None),
        ("   ", None),
    ],
)
def test_numbers_as_people_write_them(text: str, expected: WrittenNumber | None) -> None:
    assert read_number(text) == expected


def test_a_scale_applies_to_bare_numbers_only() -> None:
    assert read_number("412", scale=MILLION) == WrittenNumber(412 * MILLION)
    assert read_number("1.5 bn", scale=MILLION) == WrittenNumber(
        Decimal(1_500_000_000), scaled=True
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("412,5", Decimal("412.5")),
        ("-0,25", Decimal("-0.25")),
        ("1.234", Decimal(1234)),
        ("1.234.567,89", Decimal("1234567.89")),
    ],
)
def test_a_decimal_comma_where_the_file_is_written_so(text: str, expected: Decimal) -> None:
    assert read_number(text, decimal_comma=True) == WrittenNumber(expected)
    assert parse_decimal(text, decimal_comma=True) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "is not a number"),
        ("twelve", "is not a number"),
        ("12 apples", "is not a number"),
        ("1.2.3", "is not a number"),
        ("1,2,3", "is not a number"),
        ("--4", "is not a number"),
        ("US$ 5 CAD", "is not a number"),
        ("(12", r"is not a number \(unbalanced brackets\)"),
        ("1e999999999", "is too large to store"),
    ],
)
def test_what_is_not_a_number_says_so(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        read_number(text)


def test_a_decimal_point_is_not_read_where_the_comma_is_the_mark() -> None:
    with pytest.raises(ValueError, match="is not a number"):
        read_number("1,234.5", decimal_comma=True)
    with pytest.raises(ValueError, match="is not a number"):
        read_number("1.234,5")


@pytest.mark.parametrize(
    ("text", "scaled", "reason"),
    [
        ("$5", True, "is not a number"),  # the currency is chosen beside the amount
        ("5 M", False, "is not a number"),  # a scale only where the field takes one
        ("8%", False, "is not a number"),
        ("12 apples", True, "use k, M or B after the number"),
    ],
)
def test_a_form_field_refuses_what_it_does_not_take(text: str, scaled: bool, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        parse_decimal(text, scaled=scaled)


def test_a_form_field_takes_brackets_and_grouping() -> None:
    assert parse_decimal("(12.0)") == Decimal(-12)
    assert parse_decimal("1'234") == Decimal(1234)
    assert parse_decimal("1.5 B", scaled=True) == Decimal(1_500_000_000)
    assert parse_percent("8 %") == Decimal(8)
    assert parse_percent("(0.5 %)") == Decimal("-0.5")
