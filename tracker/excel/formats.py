"""Which cells a sheet shows as percentages: 0.185 with a % format is 18.5 %, as Excel and
LibreOffice store it, while a bare 0.185 is what was typed.

The cell readers give values without their formats, so the formats are read from the file
itself: for .xlsx the styles that carry a % number format and the cells that use one (a scan of
the sheet's XML for those style numbers only), for .ods the cells whose value type is
``percentage``. Other formats (.xls, .xlsb, CSV) say nothing, and the import falls back on how
the column's numbers look.
"""

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from tracker.excel.cell_refs import column_number
from tracker.excel.guard import Format
from tracker.excel.number_formats import read_cell_formats
from tracker.excel.workbook_parts import sheet_part

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
Cells = set[tuple[int, int]]
#: A cell's reference in its tag: r="J4".
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
#: Repeated rows or cells beyond this are a sheet's formatted empty tail, not data.
_MAX_REPEAT = 1024


class PercentCell(float):
    """A number its sheet shows with a % format: 0.185 stands for 18.5 %."""

    __slots__ = ()


def formats_known(kind: Format) -> bool:
    """True when the file says which cells are percentages (so bare fractions are as typed)."""
    return kind in (Format.XLSX, Format.ODS)


def mark_percent_cells(grid: list[list[object]], cells: Cells) -> None:
    """Turn the numbers of ``cells`` into ``PercentCell`` values, in place."""
    for row, column in cells:
        if row < len(grid) and column < len(grid[row]):
            value = grid[row][column]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                grid[row][column] = PercentCell(value)


def percent_cells(path: Path, kind: Format, sheet: str) -> Cells:
    """(row, column) from 0 of the cells of ``sheet`` with a % format; empty when unknown."""
    try:
        with zipfile.ZipFile(path) as archive:
            if kind is Format.XLSX:
                return _xlsx_cells(archive, sheet)
            if kind is Format.ODS:
                return _ods_cells(archive, sheet)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return set()
    return set()


def _xlsx_cells(archive: zipfile.ZipFile, sheet: str) -> Cells:
    styles = sorted(str(index) for index in read_cell_formats(archive).percent)
    if not styles:
        return set()
    xml = archive.read(sheet_part(archive, sheet))
    # The style attribute is searched for (a plain-text scan), then its cell's reference is
    # read back from the tag's start: far quicker than matching every cell of the sheet.
    wanted = "|".join(styles).encode()
    style = re.compile(rb' s="(?:' + wanted + rb')"')
    found: Cells = set()
    for match in style.finditer(xml):
        at = match.start()
        tag = xml[xml.rfind(b"<", 0, at) : at]
        if tag[1:2] != b"c" and b":c " not in tag:
            continue
        cell = _REFERENCE.search(tag)
        if cell is not None:
            found.add((int(cell[2]) - 1, column_number(cell[1]) - 1))
    return found


def _ods_cells(archive: zipfile.ZipFile, sheet: str) -> Cells:
    content = archive.read("content.xml")
    if b'value-type="percentage"' not in content:
        return set()
    table, row_tag, cell_tags = (
        f"{{{_TABLE}}}table",
        f"{{{_TABLE}}}table-row",
        {
            f"{{{_TABLE}}}table-cell",
            f"{{{_TABLE}}}covered-table-cell",
        },
    )
    name_key, repeat_rows = f"{{{_TABLE}}}name", f"{{{_TABLE}}}number-rows-repeated"
    repeat_cells, value_type = f"{{{_TABLE}}}number-columns-repeated", f"{{{_OFFICE}}}value-type"
    root = ElementTree.fromstring(content)
    found: Cells = set()
    for element in root.iter(table):
        if element.get(name_key) != sheet:
            continue
        row = 0
        for row_element in element.iter(row_tag):
            column = 0
            columns: list[int] = []
            for cell in row_element:
                if cell.tag not in cell_tags:
                    continue
                span = int(cell.get(repeat_cells, "1"))
                if cell.get(value_type) == "percentage":
                    columns.extend(column + k for k in range(min(span, _MAX_REPEAT)))
                column += span
            rows = int(row_element.get(repeat_rows, "1"))
            for k in range(min(rows, _MAX_REPEAT) if columns else 0):
                found.update((row + k, c) for c in columns)
            row += rows
        break
    return found
