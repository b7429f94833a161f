"""Read a commodity's price history from CSV: lines of a date and a price.

The usual layouts are read as they come: with or without a header line, comma, semicolon, tab
or bar between fields, a decimal point or comma (``tracker.excel.csv_book`` tells which), ISO
dates or others (``2025-12-31``, ``31/12/2025``, ``12/31/2025``, ``31.12.2025``,
``31 Dec 2025``, ``Dec 31, 2025``, ``20251231``). Day-first or month-first is decided for the
whole file from the dates that can only be read one way; a file where every such date could be
either is refused unless the caller says which. Columns beyond the second (volume, high, low)
are ignored; a header naming a "close", "price" or "settle" column picks that one.

Every line is checked before anything is written: one bad line refuses the file, and the
problem names its line and value.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tracker.entry import parse_decimal
from tracker.errors import FieldProblem, ValidationError
from tracker.excel.csv_book import decode, has_decimal_comma, sniff_delimiter
from tracker.excel.values import date_value
from tracker.models import CommodityPrice
from tracker.portfolio.commodity_prices import (
    PriceEdit,
    PriceValues,
    check_commodity_price,
    normalise,
    record_many,
)

_SLASHED = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
PRICE_HEADERS = ("close", "price", "settle", "last", "value", "adj close")


@dataclass(frozen=True)
class PriceFile:
    """What a file held: its points in file order, and how it was read."""

    points: list[tuple[date, Decimal]]
    delimiter: str
    decimal_comma: bool
    day_first: bool | None
    header: bool


def _is_header(row: Sequence[str]) -> bool:
    """A first line whose first field is no date is a header."""
    if _SLASHED.match(row[0]) or _COMPACT.match(row[0]):
        return False
    try:
        return _read_date(row[0], True) is None
    except ValueError:
        return True


def _numeric_order(cells: Sequence[str]) -> bool | None:
    """True for day-first, False for month-first, None when no date tells."""
    day_first = month_first = False
    for cell in cells:
        found = _SLASHED.match(cell)
        if found is None:
            continue
        first, second = int(found[1]), int(found[3])
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
    if day_first and month_first:
        raise ValidationError(
            [FieldProblem("date", None, "the file mixes day-first and month-first dates")]
        )
    return True if day_first else False if month_first else None


def _read_date(cell: str, day_first: bool | None) -> date | None:
    text = cell.strip()
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact is not None:
        return date(int(compact[1]), int(compact[2]), int(compact[3]))
    slashed = _SLASHED.match(text)
    if slashed is not None:
        first, second, year = int(slashed[1]), int(slashed[3]), int(slashed[4])
        if year < 100:
            year += 2000 if year < 70 else 1900
        if first == second or day_first is not None:
            day, month = (first, second) if day_first or first == second else (second, first)
            return date(year, month, day)
        raise ValueError(
            "could be day-first or month-first, and no date in the file tells; "
            "say which, or write dates as 2025-12-31"
        )
    found = date_value(text)
    if found is None:
        raise ValueError("is not a date (write e.g. 2025-12-31)")
    return found


def _delimiter(sample: str) -> str:
    """A tab, semicolon or bar on every line is the delimiter (a decimal comma would fool
    counting fields); otherwise the fields are counted."""
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    for candidate in ("\t", ";", "|"):
        if lines and all(candidate in line for line in lines):
            return candidate
    return sniff_delimiter(sample)


def read_price_csv(data: bytes, *, day_first: bool | None = None) -> PriceFile:
    """Every (date, price) of the file, checked; raises ``ValidationError`` naming each bad line
    (the first ten) and its value."""
    text, _encoding = decode(data)
    delimiter = _delimiter(text[:65536])
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    numbered = [
        (number, row) for number, row in enumerate(rows, start=1) if any(c.strip() for c in row)
    ]
    if not numbered:
        raise ValidationError([FieldProblem("file", None, "has no lines of a date and a price")])
    header = _is_header(numbered[0][1])
    price_column = 1
    if header:
        names = [cell.strip().lower() for cell in numbered[0][1]]
        price_column = next((names.index(name) for name in PRICE_HEADERS if name in names[1:]), 1)
        numbered = numbered[1:]
    comma = has_decimal_comma([row for _, row in numbered], delimiter)
    order = day_first if day_first is not None else _numeric_order([row[0] for _, row in numbered])
    problems: list[FieldProblem] = []
    points: list[tuple[date, Decimal]] = []
    seen: dict[date, int] = {}
    for number, row in numbered:
        where = f"line {number}"
        if len(row) <= price_column:
            problems.append(FieldProblem(where, delimiter.join(row), "needs a date and a price"))
            continue
        try:
            day = _read_date(row[0], order)
        except ValueError as exc:
            problems.append(FieldProblem(f"{where} date", row[0].strip(), str(exc)))
            continue
        cell = row[price_column].strip()
        try:
            price = parse_decimal(cell, decimal_comma=comma)
        except ValueError as exc:
            problems.append(FieldProblem(f"{where} price", cell, str(exc)))
            continue
        if day is None or price is None:
            what = "date" if day is None else "price"
            problems.append(FieldProblem(f"{where} {what}", None, "is required"))
        elif price <= 0:
            problems.append(FieldProblem(f"{where} price", price, "must be more than 0"))
        elif day in seen:
            problems.append(
                FieldProblem(f"{where} date", row[0].strip(), f"is on line {seen[day]} too")
            )
        else:
            seen[day] = number
            points.append((day, price))
        if len(problems) >= 10:
            break
    if problems:
        raise ValidationError(problems)
    if not points:
        raise ValidationError([FieldProblem("file", None, "has no lines of a date and a price")])
    return PriceFile(points, delimiter, comma, order, header)


def import_price_csv(
    session: Session,
    commodity_id: int,
    data: bytes,
    *,
    currency: str,
    unit: str,
    source: str | None = None,
    day_first: bool | None = None,
) -> list[PriceEdit]:
    """Write a file's prices for one commodity (a day already priced takes the file's price);
    nothing is written when any line, the commodity, the currency or the unit is refused."""
    sample = CommodityPrice(
        commodity_id=commodity_id,
        price_date=date.min,
        price=Decimal(1),
        currency=currency,
        unit=unit,
        source=source,
    )
    normalise(sample)
    check_commodity_price(session, sample).raise_if_any()
    read = read_price_csv(data, day_first=day_first)
    values = [
        (day, PriceValues(price, sample.currency, sample.unit, sample.source))
        for day, price in read.points
    ]
    return record_many(session, commodity_id, values)
