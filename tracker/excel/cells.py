"""How one value goes into one cell of an xlsxwriter sheet, per kind of column.

Rules that keep the round trip exact and the workbook safe:
- text starting with = + - @ tab or CR gets Excel's quote prefix: shown and kept as text, never
  run as a formula, and the value is unchanged;
- a figure with more than 15 significant digits (more than a double holds) is written as text;
- a date before 1 March 1900 (outside Excel's calendar) is written as ISO text;
- percentages are Excel fractions with a % format; money is divided by its column's scale;
  number formats show figures as ``tracker.formatting`` writes them in the app.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.excel.fields import Field, Kind
from tracker.excel.long_text import ALWAYS_FITS, Continuation, fits, split_text
from tracker.formatting import (
    COUNT_FORMAT,
    DATE_FORMAT,
    PERCENT_FORMAT,
    millions_format,
    price_format,
)
from tracker.models.types import plain
from tracker.units import DECIMAL_PLACES, SCALE

#: Excel keeps at most 65,530 hyperlinks a sheet; later sources are written as plain text.
MAX_LINKS = 65_530
FIRST_EXCEL_DATE = date(1900, 3, 1)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_URL = re.compile(r"^(?:https?|ftp)://[^\s\"<>]{1,240}$")
_SAFE_DIGITS = 10**15

Write = Callable[[int, int, Any, list[Any]], None]


def needs_quote(text: str) -> bool:
    """True when Excel could read ``text`` as a formula (the injection the prefix prevents)."""
    return text.startswith(FORMULA_STARTS)


def _significant(value: int) -> int:
    return len(str(abs(value)).rstrip("0"))


def exact_float(value: Decimal) -> float | None:
    """The double for ``value`` when it holds every digit; None when text must carry it."""
    _sign, digits, _exponent = value.as_tuple()
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    return float(value) if significant <= 15 else None


class CellWriter:
    """Formats shared by a workbook, and a ``Write`` function per field."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.links = 0
        #: Cells whose text went on over the ``Long text`` sheet (``long_text``).
        self.continued: list[Continuation] = []
        self.quoted = workbook.add_format({"quote_prefix": True})
        self.link = workbook.add_format({"font_color": "#1F4E79", "underline": 1})
        self.day = workbook.add_format({"num_format": DATE_FORMAT})
        self.number = workbook.add_format({"num_format": COUNT_FORMAT})
        self.integer = workbook.add_format({"num_format": "0"})
        self.percent = workbook.add_format({"num_format": PERCENT_FORMAT})
        self.text_number = workbook.add_format({"align": "right"})
        self._money: dict[tuple[str | None, bool], Any] = {}

    def money_format(self, currency: str | None, millions: bool) -> Any:
        """Amounts in millions read as ``tracker.formatting.millions``; amounts in full and
        prices (obligations, costs, price decks) as its ``per_share`` and ``unit_price``. The
        cell keeps every digit; the format only rounds what is shown."""
        key = (currency, millions)
        if key not in self._money:
            number = millions_format(currency) if millions else price_format(currency)
            self._money[key] = self.workbook.add_format({"num_format": number})
        return self._money[key]

    def for_field(self, sheet: Any, field: Field, currency_column: int | None) -> Write:
        """The function writing ``field``'s value; it also gets the whole row (for currency).

        The common cases (plain text, stored millionths, dates) call xlsxwriter directly:
        at millions of cells every extra Python call shows in the export time.
        """
        kind = field.kind
        if kind is Kind.URL:
            return lambda r, c, v, row: self.url(sheet, r, c, v)
        if kind is Kind.INTEGER:
            write_integer, integer = sheet.write_number, self.integer
            return lambda r, c, v, row: write_integer(r, c, v, integer)
        if kind in {Kind.NUMBER, Kind.PERCENT}:
            fmt = self.percent if kind is Kind.PERCENT else self.number
            return self._number_writer(sheet, Decimal(100 if kind is Kind.PERCENT else 1), fmt)
        if kind is Kind.MONEY:
            millions = field.scale != 1
            scale = field.scale

            write_number, divisor = sheet.write_number, SCALE * int(scale)

            def money(r: int, c: int, v: Any, row: list[Any]) -> None:
                currency = row[currency_column] if currency_column is not None else None
                fmt = self.money_format(currency, millions)
                if type(v) is int and -_SAFE_DIGITS < v < _SAFE_DIGITS:
                    write_number(r, c, v / divisor, fmt)
                else:
                    self.decimal(sheet, r, c, v, scale, fmt)

            return money
        if kind is Kind.DATE:
            write_datetime, day = sheet.write_datetime, self.day

            def when(r: int, c: int, v: Any, _row: list[Any]) -> None:
                if v >= FIRST_EXCEL_DATE:
                    write_datetime(r, c, v, day)
                else:
                    self.date(sheet, r, c, v)

            return when
        if kind is Kind.BOOL:
            return lambda r, c, v, row: sheet.write_boolean(r, c, bool(v))
        write_string = sheet.write_string

        def text(r: int, c: int, v: Any, _row: list[Any]) -> None:
            if isinstance(v, str) and len(v) <= ALWAYS_FITS and not v.startswith(FORMULA_STARTS):
                write_string(r, c, v)
            else:
                self.text(sheet, r, c, v)

        return text

    def _number_writer(self, sheet: Any, scale: Decimal, fmt: Any) -> Write:
        write_number = sheet.write_number
        divisor = SCALE * int(scale)

        def number(r: int, c: int, v: Any, _row: list[Any]) -> None:
            if type(v) is int and -_SAFE_DIGITS < v < _SAFE_DIGITS:
                write_number(r, c, v / divisor, fmt)
            else:
                self.decimal(sheet, r, c, v, scale, fmt)

        return number

    def text(self, sheet: Any, row: int, col: int, value: Any) -> None:
        text = value if isinstance(value, str) else str(value)
        if not fits(text):
            text, *rest = split_text(text)
            self.continued.append(Continuation(sheet.name, row, col, tuple(rest)))
        self.plain_text(sheet, row, col, text)

    def plain_text(self, sheet: Any, row: int, col: int, text: str) -> None:
        """Text as it is, never run as a formula."""
        if text.startswith(FORMULA_STARTS):
            sheet.write_string(row, col, text, self.quoted)
        else:
            sheet.write_string(row, col, text)

    def url(self, sheet: Any, row: int, col: int, value: Any) -> None:
        text = str(value)
        if self.links < MAX_LINKS and _URL.match(text):
            self.links += 1
            sheet.write_url(row, col, text, self.link, string=text)
        else:
            self.text(sheet, row, col, text)

    def decimal(self, sheet: Any, row: int, col: int, value: Any, scale: Decimal, fmt: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.millionths(sheet, row, col, value, scale, fmt)
            return
        amount = value / scale if scale != 1 else value
        number = exact_float(amount) if isinstance(amount, Decimal) else float(amount)
        if number is None:
            sheet.write_string(row, col, format(amount, "f"), self.text_number)
        else:
            sheet.write_number(row, col, number, fmt)

    def millionths(
        self, sheet: Any, row: int, col: int, value: int, scale: Decimal, fmt: Any
    ) -> None:
        """A stored integer count of millionths (SQLite's form): one exactly rounded division."""
        if abs(value) < _SAFE_DIGITS or _significant(value) <= 15:
            sheet.write_number(row, col, value / (SCALE * int(scale)), fmt)
        else:
            amount = plain(Decimal(value).scaleb(-DECIMAL_PLACES) / scale)
            sheet.write_string(row, col, format(amount, "f"), self.text_number)

    def date(self, sheet: Any, row: int, col: int, value: date) -> None:
        if value < FIRST_EXCEL_DATE:
            sheet.write_string(row, col, value.isoformat(), self.text_number)
        else:
            sheet.write_datetime(row, col, value, self.day)
