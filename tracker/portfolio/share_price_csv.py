"""Share prices from a CSV of dates and closes, one company at a time.

Reads what brokers and quote sites export: a header naming a date column and a close (``Close``,
``Adj Close``, ``Price``, ``Last``), or two bare columns of date and close; commas, semicolons
or tabs; decimal points or, in semicolon files, decimal commas; dates as ``2025-12-31`` or
``2025/12/31``, or ``31/12/2025`` and ``12/31/2025`` when the file's days tell which is which.
Every row is checked first: one bad row refuses the file, naming the row, and nothing is
written. A day that already has a price gets the file's (a corrected close is the usual reason).
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tracker.entry import parse_decimal
from tracker.errors import FieldProblem, NotFoundError, ValidationError
from tracker.excel.csv_book import decode, has_decimal_comma, sniff_delimiter
from tracker.models import Company, SharePrice
from tracker.portfolio.prices import SHARE_PRICE_RULES, record_share_price
from tracker.services.companies import find_company
from tracker.validation import Checker

#: Header names of the close column, best first (an adjusted close is a close too).
CLOSE_NAMES = ("close", "closing price", "close price", "adj close", "adj. close", "price", "last")
DATE_NAMES = ("date", "day", "trade date", "as of")
_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
#: How many refused rows a message lists before saying how many more there are.
SHOWN = 5


@dataclass(frozen=True)
class PriceFile:
    """The closes a file holds, in file order."""

    closes: list[tuple[date, Decimal]]
    date_column: str
    close_column: str


def read_close_csv(data: bytes) -> PriceFile:
    """The file's dates and closes; raises ``ValidationError`` naming every bad row."""
    text, _encoding = decode(data)
    if not text.strip():
        raise ValidationError([FieldProblem("file", None, "is empty: no dates and closes")])
    delimiter = sniff_delimiter(text)
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]
    comma = has_decimal_comma(rows, delimiter)
    first = [cell.strip().lower() for cell in rows[0]]
    date_at = next((first.index(name) for name in DATE_NAMES if name in first), None)
    close_at = next((first.index(name) for name in CLOSE_NAMES if name in first), None)
    if date_at is not None and close_at is not None:
        header, body, start = rows[0], rows[1:], 2
        names = (header[date_at].strip(), header[close_at].strip())
    elif (
        date_at is not None
        or close_at is not None
        or len(first) != 2
        or not (_ISO.match(first[0]) or _SLASHED.match(first[0]))
    ):
        reason = (
            "needs a date column and a close column (headed Date and Close, Adj Close, Price "
            "or Last), or just two columns of date and close"
        )
        raise ValidationError([FieldProblem("file", ", ".join(rows[0]), reason)])
    else:
        body, start, date_at, close_at = rows, 1, 0, 1
        names = ("column 1", "column 2")
    raw_dates = [row[date_at].strip() if len(row) > date_at else "" for row in body]
    day_first = _day_first(raw_dates)
    problems: list[str] = []
    closes: list[tuple[date, Decimal]] = []
    for number, (row, raw) in enumerate(zip(body, raw_dates, strict=True), start=start):
        day = _date(raw, day_first)
        cell = row[close_at].strip() if len(row) > close_at else ""
        close = _number(cell, comma)
        if day is None:
            problems.append(f"row {number}: '{raw}' is not a date")
        elif close is None:
            problems.append(f"row {number}: '{cell}' is not a price")
        elif close <= 0:
            problems.append(f"row {number}: {cell} must be more than 0")
        else:
            closes.append((day, close))
    if day_first is None and any(_SLASHED.match(raw) for raw in raw_dates):
        problems.insert(0, _AMBIGUOUS)
    seen: dict[date, int] = {}
    for number, (day, _close) in enumerate(closes, start=start):
        if day in seen:
            problems.append(f"{day.isoformat()} is given twice: keep one close a day")
        seen[day] = number
    if problems:
        shown = problems[:SHOWN]
        if len(problems) > SHOWN:
            shown.append(f"and {len(problems) - SHOWN} more")
        raise ValidationError([FieldProblem("file", None, "; ".join(shown))])
    if not closes:
        raise ValidationError([FieldProblem("file", None, "has a header but no closes")])
    return PriceFile(closes, *names)


_AMBIGUOUS = (
    "dates such as 03/04/2025 could be day first or month first, and no day in the file "
    "tells which: export them as 2025-04-03"
)


def _day_first(raw_dates: list[str]) -> bool | None:
    """True when a slashed date's first part is over 12, False when its second is; None when
    nothing tells (or no date is slashed)."""
    for raw in raw_dates:
        found = _SLASHED.match(raw)
        if found is None:
            continue
        first, second = int(found.group(1)), int(found.group(2))
        if first > 12:
            return True
        if second > 12:
            return False
    return None


def _date(raw: str, day_first: bool | None) -> date | None:
    try:
        if found := _ISO.match(raw):
            year, month, day = (int(part) for part in found.groups())
            return date(year, month, day)
        if (found := _SLASHED.match(raw)) and day_first is not None:
            first, second, year = (int(part) for part in found.groups())
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        return None
    return None


def _number(cell: str, decimal_comma: bool) -> Decimal | None:
    try:
        return parse_decimal(cell, decimal_comma=decimal_comma)
    except ValueError:
        return None


@dataclass(frozen=True)
class PriceImport:
    company: str
    count: int
    first: date
    last: date


def import_share_prices(
    session: Session,
    company: str | int,
    data: bytes,
    currency: str,
    source: str | None = None,
) -> PriceImport:
    """Enter every close of the file for ``company`` (a name, ticker, ``EXCHANGE: TICKER`` or
    id), in ``currency``. All or nothing: any refused row or value writes none of them."""
    found = (
        session.get(Company, company)
        if isinstance(company, int)
        else find_company(session, company)
    )
    if found is None or found.id is None:
        raise NotFoundError(f"no company named or listed as '{company}'")
    prices = read_close_csv(data)
    entries = [
        SharePrice(
            company_id=found.id,
            price_date=day,
            price=close,
            currency=currency.strip().upper(),
            source=source,
        )
        for day, close in prices.closes
    ]
    for entry in entries:  # the service's own rules, for every row before any is written
        checker = Checker(prefix=f"{entry.price_date.isoformat()} ")
        SHARE_PRICE_RULES.check(checker, entry)
        checker.raise_if_any()
    for entry in entries:
        record_share_price(session, entry)
    return PriceImport(found.name, len(entries), min(prices.closes)[0], max(prices.closes)[0])
