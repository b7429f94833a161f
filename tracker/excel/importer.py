"""Import a spreadsheet: read it, map its sheets, plan, and write in one transaction.

``read_source`` opens a file and proposes, for every sheet, a header row and a mapping;
``run_import`` plans those sheets against the database and, unless it is a dry run, writes
the plan on the same transaction. A cancel or any error rolls everything back.
"""

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from db.session import transaction
from tracker.excel.errors import CancelledError, WorkbookError
from tracker.excel.fields import SHEETS_BY_NAME, SUMMARY_SHEET, WORKBOOK_MARK, Entity
from tracker.excel.guard import DEFAULT_LIMITS, Limits
from tracker.excel.mapping import Mapping, auto_map, find_header_row
from tracker.excel.planner import CancelCheck, Planner, Progress
from tracker.excel.reader import Grid, open_spreadsheet
from tracker.excel.report import Preview
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.store import load_store
from tracker.excel.writer import write_plan


@dataclass
class Source:
    """An opened file: the sheets that can be imported, and why the others cannot."""

    name: str
    ours: bool
    sheets: list[SheetChoice] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    sheet_names: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> SheetChoice:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


def _is_ours(names: Sequence[str], read: "SheetReader") -> bool:
    if SUMMARY_SHEET not in names:
        return False
    grid = read(SUMMARY_SHEET)
    return bool(grid) and bool(grid[0]) and str(grid[0][0]).startswith(WORKBOOK_MARK)


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
) -> SheetChoice | str:
    """A sheet with its header row and mapping, or the reason it cannot be imported."""
    if not any(any(cell not in (None, "") for cell in row) for row in grid):
        return "the sheet is empty"
    found = find_header_row(grid) if header_row is None else header_row
    if found is None:
        return "no header row found (the first rows hold no column names)"
    mapping = auto_map(grid[found], name, preset)
    if not mapping.mapped():
        return "no column matches a field the tracker knows"
    return SheetChoice(name, grid, found, mapping)


def remap(
    sheet: SheetChoice, header_row: int, preset: dict[str, str | None] | None = None
) -> SheetChoice:
    """The same sheet read with another header row (or preset)."""
    mapping: Mapping = auto_map(sheet.grid[header_row], sheet.name, preset)
    return SheetChoice(sheet.name, sheet.grid, header_row, mapping)


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
        for name in names:
            if only is not None and name not in only:
                continue
            if source.ours and name.lower() not in SHEETS_BY_NAME:
                continue
            if source.ours and name.lower() == "project commodities":
                source.skipped[name] = "read from the Commodities column of the Projects sheet"
                continue
            choice = choose_sheet(name, read(name), header_row=0 if source.ours else None)
            if isinstance(choice, str):
                source.skipped[name] = choice
            else:
                source.sheets.append(choice)
    finally:
        book.close()
    if only is not None:
        missing = [name for name in only if name not in names]
        if missing:
            raise WorkbookError(f"{path.name} has no sheet named '{missing[0]}'")
    if not source.sheets:
        if not names:
            raise WorkbookError(f"{path.name} has no sheets")
        reasons = "; ".join(f"{n}: {why}" for n, why in source.skipped.items())
        raise WorkbookError(f"{path.name} has nothing to import ({reasons})")
    return source


def _entities(sheets: Sequence[SheetChoice]) -> set[Entity]:
    return {c.field.entity for s in sheets for c in s.mapping.mapped() if c.field is not None}


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: each of its passes rescans every record planned so
    far, which at 100,000 rows costs more than the planning. The plan makes no cycles to
    collect; whatever garbage there is goes when the import ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _RollbackSignalError(Exception):
    """Raised to roll back a dry run's transaction."""


def run_import(
    engine: Engine,
    source: Source,
    sheets: Sequence[SheetChoice] | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    today: date | None = None,
) -> Preview:
    """Plan the sheets and, unless ``dry_run``, write them: all in one transaction.

    Raises ``CancelledError`` when ``cancelled()`` turns true; nothing is written then.
    """
    chosen = list(sheets if sheets is not None else source.sheets)
    preview = Preview()
    try:
        with _no_collection(), transaction(engine) as session:
            entities = _entities(chosen)
            planner = Planner(
                lambda: load_store(session, entities),
                ours=source.ours,
                today=today or date.today(),
            )
            preview = planner.plan(chosen, progress, cancelled)
            preview.skipped_sheets.update(source.skipped)
            if dry_run or not preview.writes:
                raise _RollbackSignalError()
            write_plan(session, planner.store, progress, cancelled)
            if cancelled is not None and cancelled():
                raise CancelledError()
    except _RollbackSignalError:
        pass
    return preview
