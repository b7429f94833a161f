"""Conversion into the reporting currency: inverse and cross rates, their dates, and figures
that have no rate, worked by hand."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.domain_factories import add_company, assert_refused, problem_for
from tracker import tables
from tracker.errors import ValidationError
from tracker.lists.search import listed_rows
from tracker.models import Deal, DealObligation, FxRate, Holding, SharePrice, Study
from tracker.portfolio.fx import FxBook, MissingFxRateError
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.reporting import ReportingBook
from tracker.services.deals import create_deal
from tracker.services.settings import reporting_currency, set_reporting_currency

D = Decimal
ON = date(2026, 11, 28)


def test_a_cross_rate_goes_through_usd_and_carries_the_older_date() -> None:
    book = FxBook(
        ON,
        [
            ("AUD", "USD", date(2026, 11, 20), D("0.65")),
            ("USD", "CAD", date(2026, 11, 27), D("1.40")),
        ],
    )
    quote = book.quote("AUD", "CAD")
    # 0.65 USD per AUD times 1.40 CAD per USD.
    assert (quote.rate, quote.rate_date, quote.via) == (D("0.9100"), date(2026, 11, 20), "USD")
    assert book.convert(D("1000000"), "AUD", "CAD") == D("910000")
    assert quote.describe() == (
        "1 AUD = 0.9100 CAD via USD on 2026-11-20, the older of: "
        "1 AUD = 0.6500 USD on 2026-11-20; 1 USD = 1.4000 CAD on 2026-11-27"
    )
    # The other way round both legs are inverted: 1 / 0.91.
    back = book.quote("CAD", "AUD")
    assert back.rate == D(1) / D("1.40") * (D(1) / D("0.65"))
    assert back.rate_date == date(2026, 11, 20)


def test_cross_legs_may_be_entered_either_way_round() -> None:
    book = FxBook(
        ON,
        [
            ("USD", "AUD", date(2026, 11, 25), D("1.6")),
            ("CAD", "USD", date(2026, 11, 26), D("0.8")),
        ],
    )
    # (1 / 1.6) USD per AUD = 0.625, (1 / 0.8) CAD per USD = 1.25: 0.78125 CAD per AUD.
    assert book.rate("AUD", "CAD") == D("0.78125")
    assert book.quote("AUD", "CAD").rate_date == date(2026, 11, 25)
    assert book.quote("USD", "CAD").describe() == (
        "1 USD = 1.2500 CAD (inverse of CAD/USD) on 2026-11-26"
    )


def test_an_entered_pair_wins_unless_the_cross_is_more_recent() -> None:
    legs = [
        ("AUD", "USD", date(2026, 11, 20), D("0.65")),
        ("USD", "CAD", date(2026, 11, 27), D("1.40")),
    ]
    newer_pair = FxBook(ON, [*legs, ("AUD", "CAD", date(2026, 11, 20), D("0.92"))])
    assert newer_pair.quote("AUD", "CAD").via is None
    assert newer_pair.rate("AUD", "CAD") == D("0.92")
    stale_pair = FxBook(ON, [*legs, ("AUD", "CAD", date(2025, 1, 2), D("0.88"))])
    assert stale_pair.rate("AUD", "CAD") == D("0.9100")


def test_no_cross_through_a_missing_leg_nor_with_a_later_rate() -> None:
    book = FxBook(
        ON,
        [
            ("AUD", "USD", date(2026, 11, 20), D("0.65")),
            ("USD", "CAD", date(2026, 11, 30), D("1.40")),  # after the valuation day
        ],
    )
    with pytest.raises(MissingFxRateError) as caught:
        book.rate("AUD", "CAD")
    assert str(caught.value) == (
        "no AUD/CAD exchange rate on or before 2026-11-28: enter a rate for AUD/CAD or CAD/AUD, "
        "or AUD/USD and USD/CAD"
    )
    with pytest.raises(MissingFxRateError) as caught:
        book.rate("USD", "CAD")
    assert str(caught.value).endswith("enter a rate for USD/CAD or CAD/USD")


def test_the_reporting_book_converts_and_says_which_rate() -> None:
    book = FxBook(ON, [("USD", "CAD", date(2026, 11, 27), D("1.3650"))])
    reporting = ReportingBook("CAD", book)
    npv = reporting.convert(D("774000000"), "USD")
    # 774 M * 1.365 = 1,056.51 M.
    assert (npv.amount, npv.currency, npv.note) == (D("1056510000.0000"), "CAD", "")
    assert npv.rate_note() == "1 USD = 1.3650 CAD on 2026-11-27"
    same = reporting.convert(D("5"), "CAD")
    assert (same.amount, same.rate_note()) == (D("5"), "CAD needs no conversion")


def test_a_figure_without_a_rate_for_its_day_is_not_converted() -> None:
    # The only AUD rate is from after the valuation day: it must not be used.
    book = FxBook(
        ON,
        [("USD", "CAD", date(2026, 11, 27), D("1.365")), ("AUD", "CAD", date(2026, 12, 1), D("1"))],
    )
    reporting = ReportingBook("CAD", book)
    figure = reporting.convert(D("300000000"), "AUD")
    assert figure.amount is None
    assert figure.quote is None
    assert figure.rate_note() == (
        "no AUD/CAD exchange rate on or before 2026-11-28: enter a rate for AUD/CAD or CAD/AUD, "
        "or AUD/USD and USD/CAD"
    )
    # A missing figure is blank, not an error; a figure with no currency says so.
    assert reporting.convert(None, "AUD") == (None, "CAD", None, "")
    assert reporting.convert(D(1), None).note == "the figure has no currency"


def test_the_reporting_currency_is_stored_and_defaults_sensibly(session: Session) -> None:
    assert reporting_currency(session) == "USD"
    company = add_company(session, "Southern Gold")
    assert company.id is not None
    session.add(Holding(company_id=company.id, currency="AUD"))
    assert reporting_currency(session) == "AUD"
    assert set_reporting_currency(session, " cad ") == "AUD"
    session.commit()
    assert reporting_currency(session) == "CAD"
    assert set_reporting_currency(session, "EUR") == "CAD"
    assert reporting_currency(session) == "EUR"


def test_a_reporting_currency_that_is_not_iso_is_refused(engine: Engine, session: Session) -> None:
    set_reporting_currency(session, "CAD")
    error = assert_refused(
        engine, session, lambda: set_reporting_currency(session, "C$"), ValidationError
    )
    assert problem_for(error, "reporting_currency").reason == (
        "is not an ISO 4217 currency code (e.g. USD, CAD, AUD)"
    )
    assert reporting_currency(session) == "CAD"


def test_the_reporting_book_loads_the_setting_and_the_rates(session: Session) -> None:
    set_reporting_currency(session, "CAD")
    record_fx_rate(
        session,
        FxRate(base="USD", quote="CAD", rate_date=date(2026, 11, 2), rate=D("1.4"), source="x"),
    )
    reporting = ReportingBook.load(session, ON)
    assert reporting.currency == "CAD"
    assert reporting.convert(D(10), "USD").amount == D("14.0")
    assert ReportingBook.load(session, ON, "USD").convert(D(14), "CAD").amount == D(10)


def test_every_money_figure_of_the_demo_converts_to_cad(demo: Engine) -> None:
    with Session(demo) as session:
        reporting = ReportingBook.load(session, ON)
        used: set[str] = set()
        for column in (
            Study.currency,
            Holding.currency,
            SharePrice.currency,
            DealObligation.currency,
            Deal.consideration_currency,
        ):
            used.update(code for code in session.scalars(select(col(column))) if code)
        assert used == {"AUD", "CAD", "USD"}
        assert reporting.currency == "CAD"
        notes = {code: reporting.convert(D(1), code).rate_note() for code in sorted(used)}
    assert notes == {
        "AUD": "1 AUD = 0.9000 CAD on 2025-12-31",
        "CAD": "CAD needs no conversion",
        "USD": "1 USD = 1.3900 CAD on 2025-12-31",
    }


def test_a_deals_consideration_is_listed_in_the_reporting_currency(session: Session) -> None:
    set_reporting_currency(session, "CAD")
    record_fx_rate(
        session, FxRate(base="USD", quote="CAD", rate_date=date(2026, 11, 2), rate=D("1.39"))
    )
    buyer = add_company(session, "Integra Resources Corp.")
    create_deal(
        session,
        Deal(
            title="Integra buys a mill",
            deal_type="acquisition",
            status="closed",
            acquirer_id=buyer.id,
            announced_date=date(2026, 1, 5),
            consideration=D("120000000"),
            consideration_currency="USD",
        ),
    )
    (row,) = listed_rows(session, "deals")
    headers = tables.DEALS.headers
    column = tables.DEALS.columns[headers.index("Consideration (reporting)")]
    # US$120 M x 1.39 = C$166.8 M.
    assert column.display(row) == "CAD 166.8 M"
    assert column.tooltip is not None
    assert column.tooltip(row) == "1 USD = 1.3900 CAD on 2026-11-02"
    order = [headers[i] for i in tables.DEALS.visual_order()]
    assert order[order.index("Consideration") + 1] == "Consideration (reporting)"
