"""The exported workbook prints: every sheet landscape, one page wide, its header row repeated;
the Summary's figures are numbers with number formats, its headers fit, and lists are sorted."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine

from tracker.excel.export import export_workbook
from tracker.excel.portfolio_sheets import HEADER_LINES, header_width
from tracker.formatting import PERCENT_FORMAT, millions, millions_format

TODAY = date(2026, 12, 1)


@pytest.fixture
def workbook(demo: Engine, tmp_path: Path) -> Any:
    path = tmp_path / "portfolio.xlsx"
    export_workbook(demo, path, today=TODAY)
    return openpyxl.load_workbook(path)


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(
    workbook: Any,
) -> None:
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1) == 1, sheet.title  # 1 is the file format's default
        assert setup.fitToHeight == 0, sheet.title  # as many pages tall as it takes
        expected = "$1:$2" if sheet.title == "Summary" else "$1:$1"
        assert sheet.print_title_rows == expected, sheet.title


def column_width(sheet: Any, column: int) -> float:
    """The width openpyxl read for a 1-based column (widths of a run are kept on its first)."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min <= column <= dimension.max and dimension.width:
            return float(dimension.width)
    return 8.43


def summary_table(sheet: Any, title: str) -> tuple[int, list[str], list[list[Any]]]:
    """The header row number, headers and body rows of the Summary table titled ``title``."""
    top = next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == title)
    header_row = top + 1
    while sheet.cell(header_row, 1).value != "Company":
        header_row += 1
    headers = []
    column = 1
    while sheet.cell(header_row, column).value:
        headers.append(sheet.cell(header_row, column).value)
        column += 1
    body = []
    row = header_row + 1
    while sheet.cell(row, 1).value:
        body.append([sheet.cell(row, c).value for c in range(1, len(headers) + 1)])
        row += 1
    return header_row, headers, body


def test_summary_figures_are_numbers_and_its_headers_fit(workbook: Any) -> None:
    sheet = workbook["Summary"]
    header_row, headers, body = summary_table(sheet, "Look-through (study figures)")
    low, high = (
        headers.index("Lowest discount rate (%)"),
        headers.index("Highest discount rate (%)"),
    )
    npv = headers.index("Attributable after-tax NPV, current interest (M)")
    moon = next(
        r
        for r in range(header_row + 1, header_row + 1 + len(body))
        if sheet.cell(r, 1).value == "Moon River Moly Ltd."
    )
    rate = sheet.cell(moon, low + 1)
    assert rate.value == pytest.approx(0.08) and rate.number_format == PERCENT_FORMAT
    assert sheet.cell(moon, high + 1).value == pytest.approx(0.08)
    value = sheet.cell(moon, npv + 1)
    assert isinstance(value.value, float)
    assert value.number_format == millions_format("CAD")
    # The app writes the same figure with the same rule: "CAD 1,231.5 M".
    assert millions(Decimal(str(value.value)) * 1_000_000, "CAD") == "CAD 1,231.5 M"
    texts = [cell for row in body for cell in row if isinstance(cell, str)]
    assert not any(text.rstrip().endswith("%") for text in texts), "no percentage as text"
    for position, header in enumerate(headers, start=1):
        width = column_width(sheet, position)
        assert width >= header_width(header, HEADER_LINES), header
    assert sheet.row_dimensions[header_row].height >= 15 * HEADER_LINES


def test_header_width_wraps_on_words() -> None:
    assert header_width("Attributable after-tax NPV, current interest (M)", 2) == len(
        "NPV, current interest (M)"
    )
    assert header_width("Price", 2) == 5
    assert header_width("Lowest discount rate (%)", 1) == len("Lowest discount rate (%)")


def test_projects_and_companies_are_sorted_by_name(workbook: Any) -> None:
    for title in ("Projects", "Companies"):
        names = [row[0] for row in workbook[title].iter_rows(min_row=2, values_only=True)]
        assert len(names) > 10
        assert names == sorted(names, key=str.casefold), title
