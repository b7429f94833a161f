"""Reading what people type into forms."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.entry import (
    date_text,
    decimal_text,
    parse_date,
    parse_decimal,
    parse_list,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("1234.5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1 234", Decimal(1234)),
        ("-3", Decimal(-3)),
    ],
)
def test_numbers(text: str, expected: Decimal | None) -> None:
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("412.5 M", Decimal(412_500_000)),
        ("2bn", Decimal(2_000_000_000)),
        ("250k", Decimal(250_000)),
    ],
)
def test_money_takes_a_scale(text: str, expected: Decimal) -> None:
    assert parse_decimal(text, scaled=True) == expected


@pytest.mark.parametrize("text", ["abc", "12 apples", "1.2.3", "--4"])
def test_nonsense_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a number|k, M or B"):
        parse_decimal(text, scaled=True)


def test_scale_suffixes_need_a_money_field() -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal("5 M")


def test_percent_and_dates() -> None:
    assert parse_percent("8 %") == Decimal(8)
    assert parse_percent("12.5%") == Decimal("12.5")
    assert parse_date("2024-05-01") == date(2024, 5, 1)
    assert parse_date("2024/05/01") == date(2024, 5, 1)
    assert parse_date("20240501") == date(2024, 5, 1)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("May the first")


def test_lists_and_round_trips() -> None:
    assert parse_list("TSXV: MOO, ASX: XYZ;; TSXV: MOO") == ["TSXV: MOO", "ASX: XYZ"]
    assert decimal_text(Decimal("4E+8")) == "400,000,000"
    assert parse_decimal(decimal_text(Decimal("1234567.891"))) == Decimal("1234567.891")
    assert date_text(None) == ""
