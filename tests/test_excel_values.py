"""Every rule for reading a cell the way a person means it."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from tracker.enums import DealStatus, Stage, StudyType
from tracker.excel.choices import choice_value
from tracker.excel.compound import parse_listings, parse_partners
from tracker.excel.values import (
    bool_value,
    date_value,
    float_decimal,
    list_value,
    number_value,
    percent_value,
    split_tags,
    text_value,
)

KNOWN = frozenset({"au", "ag", "cu", "mo", "w", "gold", "silver", "platinum-group metals", "pgm"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2024, 3, 5), date(2024, 3, 5)),
        (datetime(2024, 3, 5, 14, 30), date(2024, 3, 5)),
        (45356, date(2024, 3, 5)),
        (45356.0, date(2024, 3, 5)),
        ("45356", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("2024-03-05T10:00:00", date(2024, 3, 5)),
        ("5 Mar 2024", date(2024, 3, 5)),
        ("5-March-2024", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("Mar 2024", date(2024, 3, 1)),
        ("25/12/2023", date(2023, 12, 25)),
        ("12/25/2023", date(2023, 12, 25)),
        ("25.12.23", date(2023, 12, 25)),
        ("", None),
        (None, None),
        ("n/a", None),
    ],
)
def test_dates_real_serial_and_text(raw: object, expected: date | None) -> None:
    assert date_value(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("03/04/2024", "ambiguous"),
        ("soon", "not a date"),
        (-5, "not a date"),
        (True, "not a date"),
        ("2024-02-30", "not a date"),
    ],
)
def test_bad_dates_say_why(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        date_value(raw)


@pytest.mark.parametrize(
    ("raw", "scale", "expected", "currency"),
    [
        ("1,234.5", 1, Decimal("1234.5"), None),
        ("US$ 1.2 B", 1, Decimal("1200000000"), "USD"),
        ("$350M", 1, Decimal("350000000"), "USD"),
        ("C$ 12.5 million", 1, Decimal("12500000"), "CAD"),
        ("(12)", 1, Decimal("-12"), None),
        ("-12", 1, Decimal("-12"), None),
        ("\u22127.5", 1, Decimal("-7.5"), None),
        ("412", 10**6, Decimal("412000000"), None),
        ("1.5 bn", 10**6, Decimal("1500000000"), None),
        (412.3, 10**6, Decimal("412300000"), None),
        (7, 1, Decimal("7"), None),
        ("1 234 567", 1, Decimal("1234567"), None),
        ("1.5e3", 1, Decimal("1500"), None),
        ("500k", 1, Decimal("500000"), None),
        ("A$ 20", 1, Decimal("20"), "AUD"),
        ("20 USD", 1, Decimal("20"), "USD"),
        ("", 1, None, None),
        ("-", 1, None, None),
    ],
)
def test_numbers_as_people_write_them(
    raw: object, scale: int, expected: Decimal | None, currency: str | None
) -> None:
    assert number_value(raw, Decimal(scale)) == (expected, currency)


@pytest.mark.parametrize("raw", ["12 apples", "1,2,3", "(12", "twelve", True, date(2024, 1, 1)])
def test_not_numbers(raw: object) -> None:
    with pytest.raises(ValueError, match="not"):
        number_value(raw)


def test_float_noise_is_dropped_to_what_was_typed() -> None:
    assert float_decimal(0.1 + 0.2) == Decimal("0.3")
    assert float_decimal(412.3) == Decimal("412.3")
    assert float_decimal(1e20) == Decimal("100000000000000000000")
    assert number_value(0.1234567891)[0] == Decimal("0.123457")


@pytest.mark.parametrize(
    ("raw", "fractions", "expected"),
    [
        ("25%", False, Decimal(25)),
        ("25 %", True, Decimal(25)),
        (0.25, True, Decimal(25)),
        (25, False, Decimal(25)),
        ("0.25", True, Decimal(25)),
        ("12.5", False, Decimal("12.5")),
        (0.05, True, Decimal(5)),
        (None, True, None),
    ],
)
def test_percentages_in_a_percent_column(
    raw: object, fractions: bool, expected: Decimal | None
) -> None:
    assert percent_value(raw, fractions) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mo-Cu-W", ("Mo", "Cu", "W")),
        ("Gold, Silver", ("Gold", "Silver")),
        ("Au/Ag", ("Au", "Ag")),
        ("Au & Ag", ("Au", "Ag")),
        ("Gold and Silver", ("Gold", "Silver")),
        ("Platinum-group metals; Au", ("Platinum-group metals", "Au")),
        ("Au Ag", ("Au", "Ag")),
        ("", ()),
    ],
)
def test_commodity_lists(raw: str, expected: tuple[str, ...]) -> None:
    assert list_value(raw, KNOWN) == expected


def test_unknown_commodities_stay_whole_so_the_problem_names_them() -> None:
    assert list_value("Unobtainium-Au", KNOWN) == ("Unobtainium-Au",)


def test_tags_split_on_semicolons_first() -> None:
    assert split_tags("critical minerals; underground") == ("critical minerals", "underground")
    assert split_tags("a, b") == ("a", "b")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("yes", True), ("Y", True), ("x", True), (1, True), ("no", False), (0, False), ("", None)],
)
def test_yes_and_no(raw: object, expected: bool | None) -> None:
    assert bool_value(raw) == expected


def test_text_of_numbers_reads_as_typed() -> None:
    assert text_value(12.0) == "12"
    assert text_value("  hi ") == "hi"
    assert text_value(datetime(2024, 1, 2)) == "2024-01-02"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("TSXV: MOO; ASX: MOO", (("TSXV", "MOO"), ("ASX", "MOO"))),
        ("nyse:gold", (("NYSE", "GOLD"),)),
        ("ABX.TO", (("TSX", "ABX"),)),
        ("ABX", ((None, "ABX"),)),
        ("TSX ABX", (("TSX", "ABX"),)),
    ],
)
def test_tickers(raw: str, expected: tuple[tuple[str | None, str], ...]) -> None:
    assert parse_listings(raw) == expected


def test_partners() -> None:
    assert parse_partners("Beta Corp (40 %); Gamma, Ltd. (10%)") == (
        ("Beta Corp", Decimal(40)),
        ("Gamma, Ltd.", Decimal(10)),
    )
    with pytest.raises(ValueError, match="Company"):
        parse_partners("Beta Corp")


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        (StudyType, "PFS", "PFS"),
        (StudyType, "Pre-Feasibility", "PFS"),
        (StudyType, "DFS", "FS"),
        (StudyType, "pea", "PEA/scoping"),
        (Stage, "PFS", "pre-feasibility"),
        (Stage, "Producing", "production"),
        (Stage, "Care & Maintenance", "care and maintenance"),
        (DealStatus, "completed", "closed"),
    ],
)
def test_vocabularies_as_investors_write_them(
    vocabulary: type[StudyType], text: str, expected: str
) -> None:
    assert choice_value(vocabulary, text) == expected


def test_unknown_vocabulary_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="must be one of resource estimate"):
        choice_value(StudyType, "napkin")
