"""Share prices and FX rates: validation, one entry per day, latest on or before, conversion."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, assert_refused, problem_for
from tracker.errors import ConflictError, ValidationError
from tracker.models import FxRate, SharePrice
from tracker.portfolio.fx import FxBook, MissingFxRateError
from tracker.portfolio.fx_rates import (
    delete_fx_rate,
    fx_rate_rows,
    record_fx_rate,
    update_fx_rate,
)
from tracker.portfolio.prices import (
    delete_share_price,
    latest_price,
    latest_prices,
    record_share_price,
    share_price_rows,
    update_share_price,
)

D = Decimal


def price(company_id: int, day: date, value: str, currency: str = "CAD") -> SharePrice:
    return SharePrice(company_id=company_id, price_date=day, price=D(value), currency=currency)


def test_a_refused_price_names_every_field_and_writes_nothing(
    engine: Engine, session: Session
) -> None:
    entry = SharePrice(company_id=999, price_date=None, price=D("0"), currency="XYZ")  # type: ignore[arg-type]
    error = assert_refused(
        engine, session, lambda: record_share_price(session, entry), ValidationError
    )
    assert problem_for(error, "company").reason == "is not a known company"
    assert problem_for(error, "price_date").value is None
    assert problem_for(error, "price").reason == "must be more than 0"
    assert "ISO 4217" in problem_for(error, "currency").reason


@pytest.mark.parametrize(
    ("value", "reason"), [("-1", "must be at least 0"), ("0.1234567", "decimal places")]
)
def test_prices_too_precise_or_negative_are_refused(
    engine: Engine, session: Session, value: str, reason: str
) -> None:
    company = add_company(session, "Moly Mines")
    entry = price(company.id or 0, date.today(), value)
    error = assert_refused(
        engine, session, lambda: record_share_price(session, entry), ValidationError
    )
    assert reason in problem_for(error, "price").reason


def test_a_second_price_on_the_same_day_replaces_the_first(session: Session) -> None:
    company = add_company(session, "Moly Mines")
    first = record_share_price(session, price(company.id or 0, date(2026, 1, 5), "1.10"))
    again = record_share_price(session, price(company.id or 0, date(2026, 1, 5), "1.20", "usd"))
    session.commit()
    assert again.id == first.id
    rows = share_price_rows(session)
    assert [(r.company, r.price, r.currency) for r in rows] == [("Moly Mines", D("1.2"), "USD")]


def test_moving_a_price_onto_a_taken_day_is_a_conflict(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    record_share_price(session, price(company.id or 0, date(2026, 1, 5), "1.10"))
    later = record_share_price(session, price(company.id or 0, date(2026, 1, 6), "1.15"))
    moved = price(company.id or 0, date(2026, 1, 5), "1.15")
    assert_refused(
        engine, session, lambda: update_share_price(session, later.id or 0, moved), ConflictError
    )
    fixed = update_share_price(
        session, later.id or 0, price(company.id or 0, date(2026, 1, 7), "2")
    )
    assert (fixed.price_date, fixed.price) == (date(2026, 1, 7), D("2"))
    delete_share_price(session, fixed.id or 0)
    assert len(share_price_rows(session)) == 1


def test_latest_price_on_or_before_a_day(session: Session) -> None:
    one = add_company(session, "One").id or 0
    two = add_company(session, "Two").id or 0
    for company, day, value in (
        (one, date(2026, 1, 1), "1"),
        (one, date(2026, 2, 1), "2"),
        (one, date(2026, 3, 1), "3"),
        (two, date(2026, 3, 1), "30"),
    ):
        record_share_price(session, price(company, day, value))
    on = date(2026, 2, 15)
    assert latest_prices(session, on) == {one: (one, date(2026, 2, 1), D("2"), "CAD")}
    assert latest_price(session, one, date(2026, 2, 1)) == (one, date(2026, 2, 1), D("2"), "CAD")
    assert latest_price(session, two, on) is None
    assert set(latest_prices(session, date(2026, 3, 1), [two])) == {two}


def rate(base: str, quote: str, day: date, value: str) -> FxRate:
    return FxRate(base=base, quote=quote, rate_date=day, rate=D(value))


def test_a_refused_rate_says_why_and_writes_nothing(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: record_fx_rate(session, rate("usd", "USD", date(2026, 1, 1), "0")),
        ValidationError,
    )
    assert problem_for(error, "quote").reason == "is the same currency as the base"
    assert problem_for(error, "rate").reason == "must be more than 0"
    error = assert_refused(
        engine,
        session,
        lambda: record_fx_rate(session, rate("US$", "CAD", None, "1.3")),  # type: ignore[arg-type]
        ValidationError,
    )
    assert {p.field for p in error.problems} == {"base", "rate_date"}


def test_rates_are_stored_upper_case_once_per_pair_and_day(
    engine: Engine, session: Session
) -> None:
    first = record_fx_rate(session, rate("usd", "cad", date(2026, 1, 2), "1.35"))
    again = record_fx_rate(session, rate("USD", "CAD", date(2026, 1, 2), "1.36"))
    other = record_fx_rate(session, rate("USD", "CAD", date(2026, 1, 3), "1.37"))
    assert first.id == again.id
    assert [(r.base, r.quote, r.rate) for r in fx_rate_rows(session)] == [
        ("USD", "CAD", D("1.37")),
        ("USD", "CAD", D("1.36")),
    ]
    assert_refused(
        engine,
        session,
        lambda: update_fx_rate(session, other.id or 0, rate("USD", "CAD", date(2026, 1, 2), "1")),
        ConflictError,
    )
    delete_fx_rate(session, other.id or 0)
    assert len(fx_rate_rows(session)) == 1


def test_the_book_uses_the_latest_rate_either_way_round() -> None:
    book = FxBook(
        date(2026, 6, 30),
        [
            ("USD", "CAD", date(2026, 1, 1), D("1.25")),
            ("CAD", "USD", date(2026, 3, 1), D("0.5")),
            ("EUR", "USD", date(2026, 5, 1), D("1.1")),
            ("EUR", "USD", date(2026, 7, 1), D("9")),
            ("GBP", "USD", date(2026, 5, 1), D("1.25")),
            ("USD", "GBP", date(2026, 5, 1), D("0.5")),
        ],
    )
    assert book.convert(D("10"), "USD", "CAD") == D("20")
    assert book.convert(D("10"), "CAD", "USD") == D("5")
    assert book.convert(D("10"), "EUR", "USD") == D("11")
    assert book.convert(D("11"), "USD", "EUR") == D("10")
    assert book.rate("GBP", "USD") == D("1.25")
    assert book.rate("USD", "GBP") == D("0.5")
    assert book.convert(D("7"), "JPY", "JPY") == D("7")


def test_a_missing_pair_is_named_in_the_error() -> None:
    book = FxBook(date(2026, 6, 30), [("USD", "CAD", date(2026, 7, 1), D("1.3"))])
    with pytest.raises(MissingFxRateError) as caught:
        book.convert(D("1"), "AUD", "CAD")
    assert str(caught.value) == (
        "no AUD/CAD exchange rate on or before 2026-06-30: enter a rate for AUD/CAD or CAD/AUD, "
        "or AUD/USD and USD/CAD"
    )
    assert book.try_convert(D("1"), "USD", "CAD") == (
        None,
        "no USD/CAD exchange rate on or before 2026-06-30: enter a rate for USD/CAD or CAD/USD",
    )
    assert book.try_convert(None, "USD", "CAD") == (None, "")


def test_the_book_loads_rates_up_to_its_day(session: Session) -> None:
    record_fx_rate(session, rate("USD", "CAD", date(2026, 1, 1), "1.25"))
    record_fx_rate(session, rate("USD", "CAD", date(2026, 2, 1), "1.5"))
    assert FxBook.load(session, date(2026, 1, 31)).rate("USD", "CAD") == D("1.25")
    assert FxBook.load(session, date(2026, 2, 1)).rate("CAD", "USD") == 1 / D("1.5")
