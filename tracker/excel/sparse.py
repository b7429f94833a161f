"""Read a sparse .xlsx sheet cell by cell, never allocating the rectangle its cells span.

The grid readers (python-calamine, openpyxl) hold a sheet as one rectangle from A1 to its last
value: one value at XFD1048576 makes that 17 billion cells, and the process dies. The guard
sends such sheets here. Their XML is streamed (``sheet_xml``), each cell given the value the
normal reader would give it (``cell_values``), values far from the data are set aside
(``far_cells``) for the import to name, and the grid is made of the rest: the same rows,
values and % formats as the normal reader's, so the import pipeline reads it unchanged.
"""

import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from tracker.excel.cell_refs import Extent, cell_name
from tracker.excel.cell_values import CellDecoder, CellError
from tracker.excel.errors import WorkbookError
from tracker.excel.far_cells import FarCell, take_far_cells
from tracker.excel.formats import Cells
from tracker.excel.guard import Limits
from tracker.excel.number_formats import read_cell_formats
from tracker.excel.sheet_xml import iter_cells, read_shared_strings
from tracker.excel.workbook_parts import shared_strings_part, sheet_part, uses_1904_dates

Grid = list[list[object]]
_DAMAGED = (
    KeyError,
    ElementTree.ParseError,
    CellError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
)


@dataclass
class SparseSheet:
    """A sheet read cell by cell: its grid, its % format cells, and the values left out."""

    grid: Grid
    percent: Cells = field(default_factory=set)
    far: list[FarCell] = field(default_factory=list)


def sparse_sheets(path: Path, names: Collection[str], parts: Collection[str]) -> set[str]:
    """Which of the sheets ``names`` are kept in the zip members ``parts``."""
    if not parts:
        return set()
    found = set()
    with zipfile.ZipFile(path) as archive:
        for name in names:
            try:
                if sheet_part(archive, name) in parts:
                    found.add(name)
            except KeyError:
                continue
    return found


def read_sparse(path: Path, sheet: str, limits: Limits) -> SparseSheet:
    """Sheet ``sheet`` of ``path`` read cell by cell; ``WorkbookError`` when it cannot be."""
    try:
        values, percent = _read_values(path, sheet)
    except _DAMAGED as exc:
        reason = str(exc).split("\n")[0][:160] or type(exc).__name__
        raise WorkbookError(f"{path.name} is damaged and cannot be read ({reason})") from exc
    far = take_far_cells(values, limits.max_rows, limits.max_columns)
    return SparseSheet(_grid(path, sheet, values, limits), percent, far)


def _read_values(path: Path, sheet: str) -> tuple[dict[tuple[int, int], object], Cells]:
    values: dict[tuple[int, int], object] = {}
    percent: Cells = set()
    with zipfile.ZipFile(path) as archive:
        formats = read_cell_formats(archive)
        strings_part = shared_strings_part(archive)
        strings: list[str] = []
        if strings_part is not None:
            with archive.open(strings_part) as stream:
                strings = read_shared_strings(stream)
        decoder = CellDecoder(strings, formats, uses_1904_dates(archive))
        with archive.open(sheet_part(archive, sheet)) as stream:
            for cell in iter_cells(stream):
                value = decoder.value(cell)
                if value is None:
                    continue
                values[cell.row, cell.column] = value
                if cell.style in formats.percent:
                    percent.add((cell.row, cell.column))
    return values, percent


def _grid(path: Path, sheet: str, values: dict[tuple[int, int], object], limits: Limits) -> Grid:
    """The values as rows from A1, each as wide as the widest (empty cells are "")."""
    if not values:
        return []
    extent = Extent(max(r for r, _ in values) + 1, max(c for _, c in values) + 1)
    if extent.cells > limits.max_cells:
        last = cell_name(extent.rows, extent.columns)
        raise WorkbookError(
            f"sheet '{sheet}' of {path.name} spans {extent.cells:,} cells (to {last}); the "
            f"import reads up to {limits.max_cells:,} cells a sheet"
        )
    grid: Grid = [[""] * extent.columns for _ in range(extent.rows)]
    for (row, column), value in values.items():
        grid[row][column] = value
    return grid
