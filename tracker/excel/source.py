"""Open a spreadsheet and propose, for each sheet, a header row and a mapping of its columns.

The portfolio workbook (``ours``, found by the mark on its Summary sheet) is mapped from its
Excel tables' header rows, which take milliseconds to read; its cells are then read on a worker
thread (``loading``) while the import plans the sheets already read. Any other file is read
whole here, and each sheet's header row is found by looking at its first rows.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tracker.excel.bare_date import place_bare_date
from tracker.excel.cell_refs import Extent
from tracker.excel.errors import WorkbookError
from tracker.excel.far_cells import FarCell, far_problems
from tracker.excel.fields import SHEETS_BY_NAME, SUMMARY_SHEET, WORKBOOK_MARK
from tracker.excel.guard import DEFAULT_LIMITS, Format, Limits
from tracker.excel.headers import map_by_values, read_headers
from tracker.excel.loading import BackgroundGrids, LazyGrid
from tracker.excel.long_text import LONG_TEXT_SHEET, join_continuations, read_continuations
from tracker.excel.mapping import Mapping, auto_map, find_header_row
from tracker.excel.reader import (
    Grid,
    SparseAwareBook,
    Spreadsheet,
    far_cells,
    has_calamine,
    open_spreadsheet,
)
from tracker.excel.report import Problem
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.tables import TableHeader, table_headers

#: Sheets of the portfolio workbook an import leaves out, and why.
_OURS_SKIPPED = {
    "project commodities": "read from the Commodities column of the Projects sheet",
}
NO_FIELDS = "no column matches a field the tracker knows"


@dataclass
class Source:
    """An opened file: the sheets that can be imported, and why the others cannot."""

    name: str
    ours: bool
    sheets: list[SheetChoice] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    sheet_names: list[str] = field(default_factory=list)
    #: Reads the sheets' cells in the background, when the file is the portfolio workbook.
    loader: BackgroundGrids | None = None
    #: The portfolio workbook's settings (its Summary sheet's Settings table), by label.
    settings: dict[str, str] = field(default_factory=dict)
    #: What reading found: values far from a sparse sheet's data, left out (each named, up to
    #: ``far_cells.NAMED`` a sheet), and how many a sheet left out.
    read_problems: list[Problem] = field(default_factory=list)
    values_left_out: dict[str, int] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetChoice:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    def wait(self) -> None:
        """Read every sheet's cells now (a GUI calls this off its own thread)."""
        for sheet in self.sheets:
            len(sheet.grid)
        self.close()

    def close(self) -> None:
        """Stop reading in the background (sheets not read yet are read when needed)."""
        if self.loader is not None:
            self.loader.close()


_EXPORTED = re.compile(r"Exported \d{4}-\d{2}-\d{2}$")


def _is_ours(names: Sequence[str], read: "SheetReader") -> bool:
    """Whether the file is the app's own workbook (as ``export`` writes it, or re-saved by
    Excel or LibreOffice): its Summary sheet opens with the mark and the export's date, and
    it holds at least one of the workbook's data sheets. Only such a file may remove things
    (an investor's sheet only adds and updates), so a look-alike is not enough."""
    if SUMMARY_SHEET not in names:
        return False
    if not any(name.lower() in SHEETS_BY_NAME for name in names):
        return False
    grid = read(SUMMARY_SHEET)
    if len(grid) < 2 or not grid[0] or not grid[1]:
        return False
    return str(grid[0][0]).startswith(WORKBOOK_MARK) and bool(
        _EXPORTED.match(str(grid[1][0]).strip())
    )


def read_settings(grid: Grid) -> dict[str, str]:
    """The chosen settings of the Summary sheet's Settings table (below its "Setting, Value,
    Set" header): a default written out for the reader is not one to store."""
    found: dict[str, str] = {}
    inside = False
    for row in grid:
        first = str(row[0]).strip() if row and row[0] is not None else ""
        second = row[1] if len(row) > 1 else None
        if not inside:
            inside = first == "Setting" and str(second).strip() == "Value"
            continue
        if not first:
            break
        how = str(row[2]).strip() if len(row) > 2 and row[2] is not None else ""
        if second is not None and str(second).strip() and how == "chosen":
            found[first] = str(second).strip()
    return found


class SheetReader:
    """Reads each sheet once."""

    def __init__(self, book: object) -> None:
        self.book = book
        self.cache: dict[str, Grid] = {}

    def __call__(self, name: str) -> Grid:
        if name not in self.cache:
            self.cache[name] = self.book.read(name)  # type: ignore[attr-defined]
        return self.cache[name]


def choose_sheet(
    name: str,
    grid: Grid,
    preset: dict[str, str | None] | None = None,
    header_row: int | None = None,
    *,
    percent_formats: bool = False,
) -> SheetChoice | str:
    """A sheet with its header row and mapping, or the reason it cannot be imported.

    A header row found by looking (``header_row`` None) may be joined with the row above or
    below it, and its unnamed columns mapped by their values (``headers``)."""
    if not any(any(cell not in (None, "") for cell in row) for row in grid):
        return "the sheet is empty"
    if header_row is not None:
        mapping = auto_map(grid[header_row], name, preset)
        found = header_row
    else:
        guessed = find_header_row(grid)
        if guessed is None:
            return "no header row found (the first rows hold no column names)"
        headers = read_headers(grid, guessed)
        found = headers.last_row
        mapping = auto_map(headers.texts, name, preset)
        mapping = map_by_values(mapping, grid, found + 1, preset, name)
        mapping = place_bare_date(mapping, name, preset)
    if not mapping.mapped():
        return NO_FIELDS
    return SheetChoice(name, grid, found, mapping, percent_formats)


def remap(
    sheet: SheetChoice, header_row: int, preset: dict[str, str | None] | None = None
) -> SheetChoice:
    """The same sheet read with another header row (or preset); the headers it was read with
    are kept when the row stays (they may span two rows)."""
    headers: Sequence[object] = sheet.grid[header_row]
    if header_row == sheet.header_row:
        headers = [column.header for column in sheet.mapping.columns]
    mapping: Mapping = auto_map(headers, sheet.name, preset)
    mapping = map_by_values(mapping, sheet.grid, header_row + 1, preset, sheet.name)
    mapping = place_bare_date(mapping, sheet.name, preset)
    return SheetChoice(sheet.name, sheet.grid, header_row, mapping, sheet.percent_formats)


def read_source(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    only: Sequence[str] | None = None,
) -> Source:
    """Open ``path`` and propose a mapping for each sheet (``only``: just these sheets)."""
    book = open_spreadsheet(path, limits)
    try:
        read = SheetReader(book)
        names = list(book.sheet_names)
        source = Source(path.name, _is_ours(names, read), sheet_names=names)
        if source.ours:
            source.settings = read_settings(read(SUMMARY_SHEET))
            book.percent_formats = False  # its percent columns are fractions, every one
        wanted = [name for name in names if only is None or name in only]
        if source.ours:
            wanted = [name for name in wanted if name.lower() in SHEETS_BY_NAME]
            for name in [n for n in wanted if n.lower() in _OURS_SKIPPED]:
                source.skipped[name] = _OURS_SKIPPED[name.lower()]
                wanted.remove(name)
        continued = {}
        if source.ours and LONG_TEXT_SHEET in names:
            continued = read_continuations(read(LONG_TEXT_SHEET))
        tables = _tables(path, book, source.ours, wanted)
        if tables is not None:
            opener = partial(open_spreadsheet, path, limits, percent_formats=False)
            source.loader = BackgroundGrids(wanted, opener)
        for name in wanted:
            if tables is not None:
                choice = _from_table(name, tables[name], source.loader, continued)
            else:
                grid = join_continuations(name, read(name), continued)
                source.read_problems.extend(_far_problems(book, name, grid))
                if far_cells(book, name):
                    source.values_left_out[name] = len(far_cells(book, name))
                choice = choose_sheet(
                    name,
                    grid,
                    header_row=0 if source.ours else None,
                    percent_formats=book.percent_formats,
                )
            if isinstance(choice, str):
                source.skipped[name] = _with_far_values(choice, far_cells(book, name))
            else:
                source.sheets.append(choice)
    finally:
        book.close()
    if only is not None:
        missing = [name for name in only if name not in names]
        if missing:
            source.close()
            raise WorkbookError(f"{path.name} has no sheet named '{missing[0]}'")
    if not source.sheets:
        source.close()
        if not names:
            raise WorkbookError(f"{path.name} has no sheets")
        reasons = "; ".join(f"{n}: {why}" for n, why in source.skipped.items())
        raise WorkbookError(f"{path.name} has nothing to import ({reasons})")
    return source


def _with_far_values(reason: str, far: list[FarCell]) -> str:
    """A skipped sheet's reason, saying which values were left out as far from the rest."""
    if not far:
        return reason
    values = "1 value lies" if len(far) == 1 else f"{len(far):,} values lie"
    return f"{reason} ({values} too far out to read, the first at {far[0].name})"


def _far_problems(book: Spreadsheet, name: str, grid: Grid) -> list[Problem]:
    far = far_cells(book, name)
    if not far:
        return []
    return far_problems(name, Extent(len(grid), len(grid[0]) if grid else 0), far)


def _tables(
    path: Path, book: Spreadsheet, ours: bool, wanted: list[str]
) -> dict[str, TableHeader] | None:
    """The wanted sheets' table headers, when the portfolio workbook can be read in the
    background (an .xlsx whose every wanted sheet is one table, none of them sparse: those are
    read here, where the values they leave out are known); else None."""
    if not (ours and wanted and book.format is Format.XLSX and has_calamine()):
        return None
    if isinstance(book, SparseAwareBook) and book.sparse.intersection(wanted):
        return None
    tables = table_headers(path)
    return tables if all(name in tables for name in wanted) else None


def _from_table(
    name: str,
    table: TableHeader,
    loader: BackgroundGrids | None,
    continued: dict[tuple[str, int, int], str],
) -> SheetChoice | str:
    assert loader is not None
    mapping = auto_map(table.headers, name)
    if not mapping.mapped():
        return NO_FIELDS
    load = partial(_cells_matching_table, partial(loader.grid, name), name, table, continued)
    grid = LazyGrid(load, table.rows, partial(loader.release, name))
    return SheetChoice(name, grid, table.row, mapping)


def _cells_matching_table(
    load: Callable[[], Grid],
    name: str,
    table: TableHeader,
    continued: dict[tuple[str, int, int], str],
) -> Grid:
    """The sheet's cells, once its header cells are known to say what its table says.

    Columns are mapped from the table's column names before the cells are read. Excel keeps the
    two equal, but a file edited by another program may not: then the header cells, which are
    what a person sees, would be contradicted, and values would land in the wrong fields.
    """
    grid = load()
    cells = grid[table.row] if table.row < len(grid) else []
    for index, header in enumerate(table.headers):
        if header is None:
            continue
        seen = cells[index] if index < len(cells) else None
        if _header_text(seen) != _header_text(header):
            raise WorkbookError(
                f"sheet '{name}': the header cell of column {index + 1} says "
                f"'{_header_text(seen)}' but its table names the column '{_header_text(header)}'; "
                "the file was changed outside its tables. Open it in Excel or LibreOffice, "
                "save it again, and import that"
            )
    return join_continuations(name, grid, continued) if continued else grid


def _header_text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""
