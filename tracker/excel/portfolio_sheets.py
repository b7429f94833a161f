"""The portfolio's own figures in the workbook: positions and look-through economics on the
Summary sheet, exposure and attributable interests on an Exposure sheet.

The figures come from ``tracker.portfolio.sheets`` as plain tables; here each becomes an Excel
table with number formats and its units in the headers, like the other sheets. Look-through
figures carry their note: they are study figures, not valuations.
"""

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tracker.excel.cells import CellWriter
from tracker.excel.print_setup import print_setup
from tracker.formatting import (
    COUNT_FORMAT,
    DATE_FORMAT,
    MILLIONS_NUMBER,
    MONEY_NUMBER,
    PERCENT_FORMAT,
    PRICE_NUMBER,
    RATE_FORMAT,
    RATIO_FORMAT,
)
from tracker.portfolio.sheets import (
    Cell,
    SheetTable,
    exposure_tables,
    settings_table,
    summary_tables,
)
from tracker.services.settings import reporting_currency
from tracker.units import MILLION

EXPOSURE_SHEET = "Exposure"
_HUNDRED = Decimal(100)
#: Excel formats of each kind of column, as ``tracker.formatting`` writes the same figures;
#: money formats get their currency put in front.
_NUMBER_FORMATS = {
    "count": COUNT_FORMAT,
    "money": MONEY_NUMBER,
    "millions": MILLIONS_NUMBER,
    "price": PRICE_NUMBER,
    "percent": PERCENT_FORMAT,
    "ratio": RATIO_FORMAT,
    "rate": RATE_FORMAT,
    "date": DATE_FORMAT,
}
#: Column widths (in characters) a table's cells may ask for: headers wrap onto at most
#: ``HEADER_LINES`` lines, long notes wrap past ``MAX_WIDTH``.
MIN_WIDTH, MAX_WIDTH, HEADER_LINES = 9, 45, 2
_MONEY = frozenset({"money", "millions", "price"})
_IN_HEADER = re.compile(r"\(([A-Z]{3})[,)]")


def shown_header(header: str, kind: str) -> str:
    """The header with its unit: "Gain %" reads "Gain (%)", millions get "(M)"."""
    if kind == "percent":
        base = header.removesuffix("%").rstrip()
        return f"{base} (%)"
    if kind == "millions":
        return f"{header} (M)"
    return header


def cell_value(value: Cell, kind: str) -> Any:
    """What goes in the cell: percent points as a fraction, millions in millions, decimals as
    doubles (computed figures, not stored ones: a double's 15 digits say enough)."""
    if isinstance(value, Decimal):
        amount = value / _HUNDRED if kind == "percent" else value
        return float(amount / MILLION if kind == "millions" else amount)
    return value


class PortfolioTables:
    """Writes ``SheetTable``s as Excel tables, sharing the workbook's formats."""

    def __init__(self, workbook: Any, cells: CellWriter) -> None:
        self.workbook = workbook
        self.cells = cells
        self.title = workbook.add_format({"bold": True, "font_size": 12})
        self.note = workbook.add_format(
            {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}
        )
        self.header = workbook.add_format(
            {"bold": True, "text_wrap": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79"}
        )
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.formats: dict[tuple[str, str], Any] = {}
        self.names: set[str] = set()
        #: The width each column of each sheet needs, from the tables written on it.
        self.widths: dict[str, dict[int, int]] = defaultdict(dict)

    def _format(self, kind: str, currency: str | None) -> Any:
        key = (kind, currency or "")
        if key not in self.formats:
            number = _NUMBER_FORMATS.get(kind)
            if number is not None and kind in _MONEY and currency:
                number = f'"{currency} "{number}'
            self.formats[key] = self.workbook.add_format({"num_format": number} if number else {})
        return self.formats[key]

    def write(self, sheet: Any, row: int, table: SheetTable, name: str) -> tuple[int, int, int]:
        """Write ``table`` from ``row``: its title, its note, then the table itself. Returns
        the first and last data rows, and the row after the table and a gap."""
        width = len(table.headers)
        kinds = table.kinds or ("text",) * width
        sheet.write_string(row, 0, table.title, self.title)
        row += 1
        if table.note:
            sheet.merge_range(row, 0, row, max(width - 1, 1), table.note, self.note)
            sheet.set_row(row, 45)
            row += 1
        rows = table.rows or [("(none)",) + (None,) * (width - 1)]
        currency_column = table.headers.index("Currency") if "Currency" in table.headers else None
        in_headers = [
            (found[1] if (found := _IN_HEADER.search(h)) else None) for h in table.headers
        ]
        columns = [
            {
                "header": shown_header(header, kind),
                "header_format": self.header,
                "format": self._format(kind, code),
            }
            for header, kind, code in zip(table.headers, kinds, in_headers, strict=True)
        ]
        sheet.add_table(
            row,
            0,
            row + len(rows),
            width - 1,
            {"name": self._unique(name), "style": "Table Style Light 9", "columns": columns},
        )
        sheet.set_row(row, 15 * HEADER_LINES)
        self._need(sheet, [column["header"] for column in columns], rows, kinds)
        for offset, values in enumerate(rows, start=1):
            currency = values[currency_column] if currency_column is not None else None
            for column, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                # A header naming its currency ("Value (CAD)") wins over the row's Currency.
                code = in_headers[column] or (currency if isinstance(currency, str) else None)
                self._cell(sheet, row + offset, column, value, kind, code)
        return row + 1, row + len(rows), row + len(rows) + 2

    def _need(
        self, sheet: Any, headers: list[str], rows: list[tuple[Cell, ...]], kinds: tuple[str, ...]
    ) -> None:
        """Record the widths the columns need: the header in at most ``HEADER_LINES`` lines
        (never splitting a word), and each value as shown."""
        needed = self.widths[sheet.name]
        for column, header in enumerate(headers):
            width = max(MIN_WIDTH, header_width(header, HEADER_LINES) + 3)
            for values in rows:
                width = max(width, _shown_length(values[column], kinds[column]))
            needed[column] = min(max(needed.get(column, 0), width), MAX_WIDTH)

    def fit_columns(self, sheet: Any, floors: dict[int, int] | None = None) -> None:
        """Set ``sheet``'s column widths to what its tables need (at least ``floors``)."""
        floors = floors or {}
        for column, width in sorted(self.widths[sheet.name].items()):
            shown = max(width, floors.get(column, 0))
            sheet.set_column(column, column, shown, self.wrapped if shown >= MAX_WIDTH else None)

    def _cell(
        self, sheet: Any, row: int, column: int, value: Cell, kind: str, currency: str | None
    ) -> None:
        if value is None:
            return
        if isinstance(value, str):
            self.cells.text(sheet, row, column, value)
        elif isinstance(value, date):
            self.cells.date(sheet, row, column, value)
        else:
            code = currency if kind in _MONEY else None
            sheet.write_number(row, column, cell_value(value, kind), self._format(kind, code))

    def _unique(self, name: str) -> str:
        taken, number = name, 1
        while taken in self.names:
            number += 1
            taken = f"{name}{number}"
        self.names.add(taken)
        return taken


def header_width(header: str, lines: int) -> int:
    """The fewest characters a line may hold for ``header`` to wrap, word by word, onto at
    most ``lines`` lines."""
    words = header.split()
    width = max((len(word) for word in words), default=0)
    while len(_wrapped(words, width)) > lines:
        width += 1
    return width


def _wrapped(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _shown_length(value: Cell, kind: str) -> int:
    """About how many characters ``value`` takes in its cell, with its number format."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{cell_value(value, kind):,.2f}") + (6 if kind in _MONEY else 2)
    return len(str(value)) + 2


def write_portfolio_summary(
    tables: PortfolioTables, sheet: Any, session: Session, on: date, row: int
) -> int:
    """The settings, positions, performance and look-through economics on the Summary sheet
    from ``row``; returns the row after them (``fit_columns`` sets the widths once the sheet is
    complete)."""
    row = tables.write(sheet, row, settings_table(session, on), "Settings")[2]
    names = ("Positions", "Performance", "LookThrough")
    for table, name in zip(summary_tables(session, on), names, strict=True):
        row = tables.write(sheet, row, table, name)[2]
    return row


def write_exposure(tables: PortfolioTables, sheet: Any, session: Session, on: date) -> None:
    """The Exposure sheet: value by commodity, country and stage (each with a chart), then
    each held company's attributable interests."""
    currency = reporting_currency(session)
    title = f"Portfolio exposure on {on.isoformat()}, in {currency}"
    sheet.write_string(0, 0, title, tables.workbook.add_format({"bold": True, "font_size": 16}))
    row = 2
    names = ("ExposureByCommodity", "ExposureByCountry", "ExposureByStage", "Interests")
    for table, name in zip(exposure_tables(session, on, currency), names, strict=True):
        first, last, after = tables.write(sheet, row, table, name)
        if name != "Interests" and table.rows:
            _chart(tables.workbook, sheet, table, (first, last), row)
        row = max(after, row + 18) if name != "Interests" else after
    sheet.freeze_panes(1, 0)
    tables.fit_columns(sheet)
    print_setup(sheet, (0, 0))


def _chart(workbook: Any, sheet: Any, table: SheetTable, rows: tuple[int, int], at: int) -> None:
    chart = workbook.add_chart({"type": "bar"})
    first, last = rows
    chart.add_series(
        {
            "name": table.headers[1],
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, 1, last, 1],
            "fill": {"color": "#1F4E79"},
        }
    )
    chart.set_title({"name": table.title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(at, 4, chart, {"x_scale": 1.1, "y_scale": 0.9})
