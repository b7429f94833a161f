"""The portfolio's own figures in the workbook: positions and look-through economics on the
Summary sheet, exposure and attributable interests on an Exposure sheet.

The figures come from ``tracker.portfolio.sheets`` as plain tables; here each becomes an Excel
table with number formats and its units in the headers, like the other sheets. Look-through
figures carry their note: they are study figures, not valuations.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tracker.excel.cells import CellWriter
from tracker.portfolio.positions import portfolio_currency
from tracker.portfolio.sheets import Cell, SheetTable, exposure_tables, summary_tables
from tracker.units import MILLION

EXPOSURE_SHEET = "Exposure"
_HUNDRED = Decimal(100)
#: Excel formats of each kind of column; money formats get their currency put in front.
_NUMBER_FORMATS = {
    "count": "#,##0.######",
    "money": "#,##0.00",
    "millions": "#,##0.0",
    "price": "#,##0.00##",
    "percent": "0.0#%",
    "ratio": '0.00"x"',
    "date": "yyyy-mm-dd",
}
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
        self.formats: dict[tuple[str, str], Any] = {}
        self.names: set[str] = set()

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
        for offset, values in enumerate(rows, start=1):
            currency = values[currency_column] if currency_column is not None else None
            for column, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                code = currency if isinstance(currency, str) else in_headers[column]
                self._cell(sheet, row + offset, column, value, kind, code)
        return row + 1, row + len(rows), row + len(rows) + 2

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


def write_portfolio_summary(
    tables: PortfolioTables, sheet: Any, session: Session, on: date, row: int
) -> int:
    """Positions and look-through economics on the Summary sheet from ``row``; returns the
    row after them."""
    sheet.set_column(1, 10, 14)
    for table, name in zip(summary_tables(session, on), ("Positions", "LookThrough"), strict=True):
        row = tables.write(sheet, row, table, name)[2]
    return row


def write_exposure(tables: PortfolioTables, sheet: Any, session: Session, on: date) -> None:
    """The Exposure sheet: value by commodity, country and stage (each with a chart), then
    each held company's attributable interests."""
    currency = portfolio_currency(session)
    title = f"Portfolio exposure on {on.isoformat()}, in {currency}"
    sheet.write_string(0, 0, title, tables.workbook.add_format({"bold": True, "font_size": 16}))
    sheet.set_column(0, 1, 28)
    sheet.set_column(2, 8, 14)
    row = 2
    names = ("ExposureByCommodity", "ExposureByCountry", "ExposureByStage", "Interests")
    for table, name in zip(exposure_tables(session, on, currency), names, strict=True):
        first, last, after = tables.write(sheet, row, table, name)
        if name != "Interests" and table.rows:
            _chart(tables.workbook, sheet, table, (first, last), row)
        row = max(after, row + 18) if name != "Interests" else after
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()


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
