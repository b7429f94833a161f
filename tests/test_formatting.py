"""One formatter per kind of figure, with fixed decimals, and the lists use them."""

import re
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tracker import formatting as fmt
from ui.main_window import MainWindow


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        ("2300000000", "CAD", "CAD 2,300.0 M"),
        ("412345678", "USD", "USD 412.3 M"),
        ("-12000000", "USD", "USD -12.0 M"),
        ("50000", "AUD", "AUD 0.1 M"),
        ("49999", None, "0.0 M"),
    ],
)
def test_money_in_millions(value: str, currency: str | None, shown: str) -> None:
    assert fmt.millions(Decimal(value), currency) == shown


def test_each_kind_has_its_own_fixed_decimals() -> None:
    assert fmt.money(Decimal("7800000"), "USD") == "USD 7,800,000.00"
    assert fmt.money(Decimal("11600"), None) == "11,600.00"
    assert fmt.money(Decimal("0.005"), "CAD") == "CAD 0.01", "half away from zero, as Excel shows"
    assert fmt.unit_price(Decimal("4.00"), "USD", "lb") == "USD 4.00 / lb"
    assert fmt.unit_price(Decimal("4"), "USD", "lb") == "USD 4.00 / lb"
    assert fmt.unit_price(Decimal("1050.5"), "USD", "USD/oz") == "1,050.50 / USD/oz"
    assert fmt.per_share(Decimal("0.0525"), "CAD") == "CAD 0.0525"
    assert fmt.per_share(Decimal("12.4"), "CAD") == "CAD 12.40"
    assert fmt.per_share(Decimal("0.123456"), None) == "0.1235"
    assert [fmt.percent(Decimal(v)) for v in ("20.6", "32", "16", "8", "19.55")] == [
        "20.6 %",
        "32.0 %",
        "16.0 %",
        "8.0 %",
        "19.6 %",
    ]
    assert fmt.count(Decimal("1500000")) == "1,500,000"
    assert fmt.ratio(Decimal("0.254")) == "0.25x"
    assert fmt.millions_change(Decimal("50000000")) == "+50.0 M"
    assert fmt.points_change(Decimal("-1.5")) == "-1.5 pts"
    assert fmt.percent_change(Decimal("25")) == "+25.0 %"
    for formatter in (fmt.millions, fmt.money, fmt.per_share):
        assert formatter(None, "USD") == ""
    assert fmt.percent(None) == fmt.unit_price(None, "USD", "lb") == ""


def test_excel_formats_follow_the_same_rules() -> None:
    assert fmt.millions_format("CAD") == '"CAD "#,##0.0'
    assert fmt.money_format("USD") == '"USD "#,##0.00'
    assert fmt.price_format(None) == "#,##0.00##"
    assert fmt.PERCENT_FORMAT == "0.0%"


def test_the_studies_list_gives_every_irr_one_decimal(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    section = main_window.show_section("studies")
    qtbot.waitUntil(lambda: section.complete, timeout=10000)
    model = section.model
    irr = model.spec.headers.index("IRR")
    npv = model.spec.headers.index("After-tax NPV")
    shown = [model.index(row, irr).data() for row in range(model.rowCount())]
    given = [s for s in shown if s]
    assert len(given) > 10
    assert all(re.fullmatch(r"-?\d+\.\d %", s) for s in given), given
    assert "32.0 %" in given
    money = [model.index(row, npv).data() for row in range(model.rowCount())]
    assert all(re.fullmatch(r"[A-Z]{3} -?[\d,]+\.\d M", s) for s in money if s), money
