"""Share prices from CSV: the layouts quote sites export, clear refusals, all or nothing."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.domain_factories import add_company, assert_refused, only_problem
from tracker.errors import NotFoundError, ValidationError
from tracker.models import SharePrice
from tracker.portfolio.share_price_csv import import_share_prices, read_close_csv
from tracker.services.companies import ListingSpec

D = Decimal


def test_a_quote_sites_export_reads_its_close_column() -> None:
    data = (
        b"Date,Open,High,Low,Close,Adj Close,Volume\n"
        b"2025-12-30,1.10,1.15,1.08,1.12,1.12,250000\n"
        b"2025-12-31,1.12,1.20,1.11,1.18,1.18,310000\n"
    )
    found = read_close_csv(data)
    assert (found.date_column, found.close_column) == ("Date", "Close")
    assert found.closes == [(date(2025, 12, 30), D("1.12")), (date(2025, 12, 31), D("1.18"))]


def test_bare_columns_decimal_commas_and_day_first_dates() -> None:
    assert read_close_csv(b"2025-12-31\t0.13\n2026-01-02\t0.135\n").closes == [
        (date(2025, 12, 31), D("0.13")),
        (date(2026, 1, 2), D("0.135")),
    ]
    # Semicolons and decimal commas; 31/12 says the file is day first, so 02/01 is 2 January.
    data = "Datum;Schluss\n02/01/2026;1,05\n31/12/2025;1,02\n".encode("cp1252")
    with pytest.raises(ValidationError) as caught:
        read_close_csv(data)
    assert "needs a date column and a close column" in str(caught.value)
    data = b"Date;Close\n02/01/2026;1,05\n31/12/2025;1,02\n"
    assert read_close_csv(data).closes == [
        (date(2026, 1, 2), D("1.05")),
        (date(2025, 12, 31), D("1.02")),
    ]
    # Month first, as US sites write them: 12/31 cannot be a day and month.
    data = b'"Date","Price"\n"12/31/2025","2.45"\n"01/02/2026","2.50"\n'
    assert read_close_csv(data).closes[1] == (date(2026, 1, 2), D("2.50"))


def test_bad_rows_are_named_and_ambiguous_dates_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        read_close_csv(b"Date,Close\n2025-12-30,1.1\nyesterday,1.2\n2025-12-31,n/a\n")
    assert only_problem(caught.value).reason == (
        "row 3: 'yesterday' is not a date; row 4: 'n/a' is not a price"
    )
    with pytest.raises(ValidationError) as caught:
        read_close_csv(b"Date,Close\n03/04/2025,1.1\n05/06/2025,1.2\n")
    assert "could be day first or month first" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        read_close_csv(b"Date,Close\n2025-12-30,1.1\n2025-12-30,1.2\n")
    assert "2025-12-30 is given twice" in str(caught.value)


def test_import_for_a_ticker_writes_all_or_nothing(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moon River Moly Ltd.", [ListingSpec("TSXV", "MOO")])
    good = b"Date,Close\n2025-12-30,1.10\n2025-12-31,1.12\n"
    done = import_share_prices(session, "MOO", good, "cad", "https://example.com/quotes.csv")
    assert (done.company, done.count, done.first, done.last) == (
        "Moon River Moly Ltd.",
        2,
        date(2025, 12, 30),
        date(2025, 12, 31),
    )
    session.commit()
    # A corrected close replaces the day's; a bad file writes nothing, not even its good rows.
    import_share_prices(session, company.id or 0, b"2025-12-31,1.15\n", "CAD")
    session.commit()
    bad = b"Date,Close\n2026-01-02,1.20\n2026-01-05,-1\n"
    error = assert_refused(
        engine,
        session,
        lambda: import_share_prices(session, "MOO", bad, "CAD"),
        ValidationError,
    )
    assert only_problem(error).reason == "row 3: -1 must be more than 0"
    stored = session.execute(
        select(
            col(SharePrice.price_date), col(SharePrice.price), col(SharePrice.currency)
        ).order_by(col(SharePrice.price_date))
    ).all()
    assert stored == [(date(2025, 12, 30), D("1.1"), "CAD"), (date(2025, 12, 31), D("1.15"), "CAD")]
    currency = assert_refused(
        engine, session, lambda: import_share_prices(session, "MOO", good, "XX"), ValidationError
    )
    assert str(only_problem(currency)).startswith("2025-12-30 currency 'XX'")
    with pytest.raises(NotFoundError, match="no company named or listed as 'NOPE'"):
        import_share_prices(session, "NOPE", good, "CAD")
