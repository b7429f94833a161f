"""Exchange rates imported from a CSV file of dates and rates, all of them or none.

Two layouts are read, after any lines of preamble (a central bank's terms, a title):

- a ``date`` column and one column per pair, headed with the pair: ``USD/CAD``, ``USD-CAD``,
  ``USDCAD`` or a central bank's series name such as ``FXUSDCAD`` (1 USD = rate CAD). A
  ``date,rate`` file may name its pair on a line of its own above the header instead;
- ``base``, ``quote``, ``date`` and ``rate`` columns, in any order (``from``/``to`` also read).

The file's encoding, delimiter and decimal mark are sniffed as for any CSV import
(``tracker.excel.csv_book``). Dates may be ISO (``2026-11-27``), written out (``27 Nov 2026``)
or numeric with slashes; a file's numeric dates are read day first or month first as its
unambiguous ones show (``27/11/2026`` decides for the whole file), and a file whose every date
reads both ways is refused. Blank rates and the usual no-data marks (``.``, ``ND``, ``n/a``) are
holidays and skipped. Every problem names its line and value, and nothing is written if there is
one.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.currencies import is_currency
from tracker.errors import TrackerError
from tracker.excel.csv_book import CsvBook
from tracker.excel.errors import WorkbookError
from tracker.excel.guard import Limits
from tracker.excel.values import date_value, number_value
from tracker.models import FxRate
from tracker.portfolio.fx_rates import check_fx_rate, record_fx_rate

#: How many problems the error message lists before it says how many more there are.
SHOWN_PROBLEMS = 8
_DATE_HEADERS = {"date", "day", "rate date", "as of", "as-of", "period", "observation date"}
_BASE_HEADERS = {"base", "from", "base currency", "from currency", "currency"}
_QUOTE_HEADERS = {"quote", "to", "quote currency", "to currency", "counter", "counter currency"}
_RATE_HEADERS = {"rate", "fx rate", "exchange rate", "value", "close", "price", "mid"}
_NO_DATA = {".", "nd", "n/a", "na", "-", "bank holiday", "holiday", "null", "none"}
_PAIR = re.compile(r"^(?:fx)?([a-z]{3})\s*[/\-_: ]?\s*([a-z]{3})(?:\s*\(.*\))?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")


class FxCsvError(TrackerError):
    """The file was refused; ``problems`` lists each line's problem. Nothing was written."""

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "; ".join(self.problems[:SHOWN_PROBLEMS])
        more = len(self.problems) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"; and {more} more"
        super().__init__(f"{name}: nothing was imported: {shown}")


@dataclass(frozen=True)
class FxCsv:
    """The rates read from a file, checked but not yet saved."""

    name: str
    rates: list[FxRate]

    @property
    def pairs(self) -> list[str]:
        return sorted({f"{rate.base}/{rate.quote}" for rate in self.rates})

    def describe(self) -> str:
        """``250 USD/CAD rates from 2026-01-02 to 2026-12-31``."""
        if not self.rates:
            return "no rates"
        days = [rate.rate_date for rate in self.rates]
        noun = "rate" if len(self.rates) == 1 else "rates"
        return (
            f"{len(self.rates):,} {', '.join(self.pairs)} {noun} from "
            f"{min(days).isoformat()} to {max(days).isoformat()}"
        )


@dataclass(frozen=True)
class FxImported:
    """What saving did: rates added, and rates of a pair and day that were replaced."""

    read: FxCsv
    added: int
    replaced: int

    def describe(self) -> str:
        replaced = f", {self.replaced:,} of them replacing a rate" if self.replaced else ""
        return f"Imported {self.read.describe()} from {self.read.name}{replaced}."


def pair_of(header: str) -> tuple[str, str] | None:
    """``USD/CAD`` (or ``USDCAD``, ``FXUSDCAD``, ``USD-CAD``) as its two codes, if both are
    ISO 4217 codes."""
    match = _PAIR.match(header.strip().lower())
    if match is None:
        return None
    base, quote = match[1].upper(), match[2].upper()
    return (base, quote) if is_currency(base) and is_currency(quote) else None


def read_fx_csv(path: Path, limits: Limits | None = None, source: str | None = None) -> FxCsv:
    """The rates of a CSV file; raises ``FxCsvError`` (or ``WorkbookError`` when the file
    cannot be read as CSV at all)."""
    book = CsvBook(path, limits or Limits())
    try:
        grid = book.read(book.sheet_names[0])
    finally:
        book.close()
    return rates_from_grid(path.name, grid, source or path.name)


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _header_row(rows: list[list[str]]) -> int | None:
    for number, row in enumerate(rows):
        if any(cell.lower() in _DATE_HEADERS for cell in row):
            return number
    return None


def rates_from_grid(name: str, grid: Sequence[Sequence[object]], source: str) -> FxCsv:
    """The rates of a sheet's cells (line numbers count from 1, as an editor shows them)."""
    rows = [[_cell(value) for value in row] for row in grid]
    header_at = _header_row(rows)
    if header_at is None:
        raise FxCsvError(name, ["no column is headed date (date, day, as of or period)"])
    header = [cell.lower() for cell in rows[header_at]]
    date_column = next(i for i, cell in enumerate(header) if cell in _DATE_HEADERS)
    body = [(header_at + 2 + offset, row) for offset, row in enumerate(rows[header_at + 1 :])]
    body = [(line, row) for line, row in body if any(row)]
    if not body:
        raise FxCsvError(name, ["there are no rates below the header"])
    problems: list[str] = []
    read_date = _date_reader([_at(row, date_column) for _, row in body], problems)
    columns = _pair_columns(header, rows[:header_at], problems)
    found: dict[tuple[str, str, date], tuple[int, FxRate]] = {}
    for line, row in body:
        day = _day(line, _at(row, date_column), read_date, problems)
        for read in columns:
            found_rate = read(line, row, problems)
            if found_rate is None or day is None:
                continue
            base, quote, value = found_rate
            entry = FxRate(base=base, quote=quote, rate_date=day, rate=value, source=source)
            _check(line, entry, found, problems)
    if problems:
        raise FxCsvError(name, problems)
    return FxCsv(name, [entry for _, entry in found.values()])


def _at(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


#: A row's rate in one column (or column set): base, quote and rate, or None.
RowReader = Callable[[int, Sequence[str], list[str]], tuple[str, str, Decimal] | None]


def _pair_columns(
    header: list[str], preamble: list[list[str]], problems: list[str]
) -> list[RowReader]:
    """How to read each row's rates: base/quote/rate columns, or a column per pair."""
    where = {name: i for i, name in reversed(list(enumerate(header)))}
    base = next((where[n] for n in _BASE_HEADERS if n in where), None)
    quote = next((where[n] for n in _QUOTE_HEADERS if n in where), None)
    rate = next((where[n] for n in _RATE_HEADERS if n in where), None)
    if base is not None and quote is not None and rate is not None:
        return [_long_reader(base, quote, rate)]
    pairs = [(i, pair) for i, cell in enumerate(header) if (pair := pair_of(cell)) is not None]
    if not pairs and rate is not None:
        titles = [pair_of(cell) for row in preamble for cell in row if cell]
        named = [pair for pair in titles if pair is not None]
        if len(named) == 1:
            pairs = [(rate, named[0])]
    if not pairs:
        problems.append(
            "no exchange-rate column: head a column with its pair (e.g. USD/CAD), "
            "or give base, quote and rate columns"
        )
    return [_wide_reader(column, pair) for column, pair in pairs]


def _long_reader(base: int, quote: int, rate: int) -> RowReader:
    def read(line: int, row: Sequence[str], problems: list[str]) -> tuple[str, str, Decimal] | None:
        value = _rate(line, _at(row, rate), problems)
        if value is None:
            return None
        return _at(row, base).upper(), _at(row, quote).upper(), value

    return read


def _wide_reader(column: int, pair: tuple[str, str]) -> RowReader:
    def read(line: int, row: Sequence[str], problems: list[str]) -> tuple[str, str, Decimal] | None:
        value = _rate(line, _at(row, column), problems, f"{pair[0]}/{pair[1]} ")
        return None if value is None else (pair[0], pair[1], value)

    return read


def _rate(line: int, text: str, problems: list[str], pair: str = "") -> Decimal | None:
    if not text or text.lower() in _NO_DATA:
        return None
    try:
        value, _currency = number_value(text)
    except ValueError as exc:
        problems.append(f"line {line}: {pair}rate {text!r} {exc}")
        return None
    if value is None:
        return None
    if value <= 0:
        problems.append(f"line {line}: {pair}rate {text!r} must be more than 0")
        return None
    return value


def _day(
    line: int, text: str, read_date: Callable[[str], date | None], problems: list[str]
) -> date | None:
    if not text:
        problems.append(f"line {line}: the date is empty")
        return None
    try:
        day = read_date(text)
    except ValueError as exc:
        problems.append(f"line {line}: date {text!r} {exc}")
        return None
    if day is None:
        problems.append(f"line {line}: date {text!r} is not a date")
    return day


def _date_reader(cells: Sequence[str], problems: list[str]) -> Callable[[str], date | None]:
    """Reads the file's dates; numeric ones day first or month first as the file shows."""
    day_first = month_first = False
    for cell in cells:
        match = _NUMERIC_DATE.match(cell)
        if match is not None:
            first, second = int(match[1]), int(match[2])
            day_first = day_first or first > 12 >= second
            month_first = month_first or second > 12 >= first
    if day_first and month_first:
        problems.append(
            "the dates are written both day first and month first (e.g. 27/11 and 11/27): "
            "write them as 2026-11-27"
        )

    def read(text: str) -> date | None:
        match = _NUMERIC_DATE.match(text)
        if match is None or not (day_first or month_first):
            return date_value(text)
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (first, second) if day_first else (second, first)
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError("is not a date") from None

    return read


def _check(
    line: int,
    entry: FxRate,
    found: dict[tuple[str, str, date], tuple[int, FxRate]],
    problems: list[str],
) -> None:
    for problem in check_fx_rate(entry).problems:
        problems.append(f"line {line}: {problem}")
    key = (entry.base, entry.quote, entry.rate_date)
    earlier = found.get(key)
    if earlier is None:
        found[key] = (line, entry)
    elif earlier[1].rate != entry.rate:
        problems.append(
            f"line {line}: {entry.base}/{entry.quote} on {entry.rate_date.isoformat()} is "
            f"{entry.rate:f} here and {earlier[1].rate:f} on line {earlier[0]}"
        )


def save_fx_rates(session: Session, read: FxCsv) -> FxImported:
    """Write the rates read; a rate for a pair and day already entered is replaced."""
    existing = {
        (base, quote, day)
        for base, quote, day in session.execute(
            select(col(FxRate.base), col(FxRate.quote), col(FxRate.rate_date))
        )
    }
    replaced = 0
    for entry in read.rates:
        replaced += (entry.base, entry.quote, entry.rate_date) in existing
        record_fx_rate(
            session,
            FxRate(
                base=entry.base,
                quote=entry.quote,
                rate_date=entry.rate_date,
                rate=entry.rate,
                source=entry.source,
            ),
        )
    session.flush()
    return FxImported(read, len(read.rates) - replaced, replaced)


def import_fx_csv(session: Session, path: Path, source: str | None = None) -> FxImported:
    """Read and save a file of rates: every rate or, on any problem, none."""
    try:
        read = read_fx_csv(path, source=source)
    except WorkbookError as exc:
        raise FxCsvError(path.name, [str(exc)]) from exc
    return save_fx_rates(session, read)
