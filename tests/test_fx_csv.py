"""Exchange rates from CSV files: both layouts, date conventions, and refusals that name the
line and value and write nothing."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import assert_refused
from tracker.models import FxRate
from tracker.portfolio.fx_csv import FxCsvError, import_fx_csv, pair_of, read_fx_csv
from tracker.portfolio.fx_rates import fx_rate_rows, record_fx_rate

D = Decimal


def write(tmp_path: Path, text: str, name: str = "rates.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def triples(path: Path) -> list[tuple[str, str, date, Decimal]]:
    read = read_fx_csv(path)
    return sorted((r.base, r.quote, r.rate_date, r.rate) for r in read.rates)


def test_pairs_are_read_from_headers_the_way_sources_write_them() -> None:
    assert pair_of("USD/CAD") == ("USD", "CAD")
    assert pair_of("usdcad") == ("USD", "CAD")
    assert pair_of("FXUSDCAD") == ("USD", "CAD")
    assert pair_of("AUD-USD") == ("AUD", "USD")
    assert pair_of("USD/XYZ") is None
    assert pair_of("notes") is None


def test_a_column_per_pair_with_a_central_bank_preamble(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '"TERMS AND CONDITIONS"\n"https://example.org/terms"\n\n"OBSERVATIONS"\n'
        "date,FXUSDCAD,FXAUDCAD\n"
        "2026-11-26,1.3987,0.9101\n"
        "2026-11-27,1.4012,\n",
    )
    assert triples(path) == [
        ("AUD", "CAD", date(2026, 11, 26), D("0.9101")),
        ("USD", "CAD", date(2026, 11, 26), D("1.3987")),
        ("USD", "CAD", date(2026, 11, 27), D("1.4012")),
    ]
    assert read_fx_csv(path).describe() == "3 AUD/CAD, USD/CAD rates from 2026-11-26 to 2026-11-27"


def test_base_quote_date_rate_columns_in_any_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Rate,Date,Base,Quote\n0.6512,27 Nov 2026,aud,usd\n1.4012,2026/11/27,USD,CAD\n",
    )
    assert triples(path) == [
        ("AUD", "USD", date(2026, 11, 27), D("0.6512")),
        ("USD", "CAD", date(2026, 11, 27), D("1.4012")),
    ]


def test_a_pair_named_above_a_date_rate_header(tmp_path: Path) -> None:
    path = write(tmp_path, "EUR/USD\nDate,Rate\n2026-11-27,1.0575\n")
    assert triples(path) == [("EUR", "USD", date(2026, 11, 27), D("1.0575"))]


def test_a_european_file_with_day_first_dates_and_decimal_commas(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Date;EUR/CAD\n03.11.2026;1,4702\n27.11.2026;1,4815\n",
        encoding="cp1252",
    )
    assert triples(path) == [
        ("EUR", "CAD", date(2026, 11, 3), D("1.4702")),
        ("EUR", "CAD", date(2026, 11, 27), D("1.4815")),
    ]


def test_slashed_dates_read_the_way_the_files_unambiguous_dates_show(tmp_path: Path) -> None:
    day_first = write(tmp_path, "date,USD/CAD\n03/11/2026,1.39\n27/11/2026,1.40\n", "d.csv")
    assert [r[2] for r in triples(day_first)] == [date(2026, 11, 3), date(2026, 11, 27)]
    month_first = write(tmp_path, "date,USD/CAD\n11/03/2026,1.39\n11/27/2026,1.40\n", "m.csv")
    assert [r[2] for r in triples(month_first)] == [date(2026, 11, 3), date(2026, 11, 27)]
    unknown = write(tmp_path, "date,USD/CAD\n11/03/2026,1.39\n", "u.csv")
    with pytest.raises(FxCsvError) as caught:
        read_fx_csv(unknown)
    assert str(caught.value) == (
        "u.csv: nothing was imported: line 2: date '11/03/2026' is ambiguous (day/month or "
        "month/day?); write it as 2024-03-05"
    )


def test_every_bad_line_is_named_with_its_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,USD/CAD\n2026-11-25,1.39\n2026-11-31,1.40\n2026-11-27,abc\n2026-11-28,0\n"
        "2026-11-25,1.41\n",
    )
    with pytest.raises(FxCsvError) as caught:
        read_fx_csv(path)
    assert caught.value.problems == [
        "line 3: date '2026-11-31' is not a date (write e.g. 2024-03-05)",
        "line 4: USD/CAD rate 'abc' is not a number",
        "line 5: USD/CAD rate '0' must be more than 0",
        "line 6: USD/CAD on 2026-11-25 is 1.41 here and 1.39 on line 2",
    ]


def test_long_layout_codes_are_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "base,quote,date,rate\nUSD,C$,2026-11-27,1.4\nCAD,CAD,2026-11-27,1\n")
    with pytest.raises(FxCsvError) as caught:
        read_fx_csv(path)
    assert caught.value.problems == [
        "line 2: quote 'C$': is not an ISO 4217 currency code (e.g. USD, CAD, AUD)",
        "line 3: quote 'CAD': is the same currency as the base",
    ]


def test_a_file_without_dates_or_pairs_says_what_it_needs(tmp_path: Path) -> None:
    with pytest.raises(FxCsvError) as caught:
        read_fx_csv(write(tmp_path, "when,USD/CAD\n2026-11-27,1.4\n", "a.csv"))
    assert str(caught.value) == (
        "a.csv: nothing was imported: no column is headed date (date, day, as of or period)"
    )
    with pytest.raises(FxCsvError) as caught:
        read_fx_csv(write(tmp_path, "date,close\n2026-11-27,1.4\n", "b.csv"))
    assert caught.value.problems == [
        "no exchange-rate column: head a column with its pair (e.g. USD/CAD), "
        "or give base, quote and rate columns"
    ]


def test_import_writes_every_rate_and_replaces_a_days_rate(
    session: Session, tmp_path: Path
) -> None:
    record_fx_rate(
        session, FxRate(base="USD", quote="CAD", rate_date=date(2026, 11, 26), rate=D("1.3"))
    )
    path = write(tmp_path, "date,USD/CAD\n2026-11-26,1.3987\n2026-11-27,1.4012\n", "boc.csv")
    done = import_fx_csv(session, path)
    assert (done.added, done.replaced) == (1, 1)
    assert done.describe() == (
        "Imported 2 USD/CAD rates from 2026-11-26 to 2026-11-27 from boc.csv, "
        "1 of them replacing a rate."
    )
    rows = [(r.rate_date, r.rate, r.source) for r in fx_rate_rows(session)]
    assert rows == [
        (date(2026, 11, 27), D("1.4012"), "boc.csv"),
        (date(2026, 11, 26), D("1.3987"), "boc.csv"),
    ]


def test_a_refused_file_writes_nothing(engine: Engine, session: Session, tmp_path: Path) -> None:
    path = write(tmp_path, "date,USD/CAD\n2026-11-26,1.3987\n2026-11-27,x\n")
    error = assert_refused(engine, session, lambda: import_fx_csv(session, path), FxCsvError)
    assert error.problems == ["line 3: USD/CAD rate 'x' is not a number"]
    assert fx_rate_rows(session) == []
