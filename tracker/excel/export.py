"""Export the portfolio workbook: a Summary sheet (counts, positions and look-through figures,
with charts), an Exposure sheet, then one Excel table per entity.

Written with xlsxwriter, the fastest writer that still makes real tables, charts and formats.
The file appears only when complete (written beside it, then renamed), so a failed or cancelled
export never leaves half a workbook behind.
"""

import logging
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from tracker.excel.cells import CellWriter
from tracker.excel.errors import CancelledError, WorkbookError
from tracker.excel.export_rows import PortfolioRows, Selection
from tracker.excel.fields import SHEETS, SUMMARY_SHEET, Kind, SheetSpec
from tracker.excel.long_text import HEADERS as LONG_TEXT_HEADERS
from tracker.excel.long_text import LONG_TEXT_SHEET, continuation_rows
from tracker.excel.portfolio_sheets import (
    EXPOSURE_SHEET,
    PortfolioTables,
    write_exposure,
    write_portfolio_summary,
)
from tracker.excel.print_setup import print_setup
from tracker.excel.summary import SUMMARY_FIRST_COLUMN, SummaryData, write_summary
from tracker.pause import paused_collection

Progress = Callable[[str, int, int], None]
CancelCheck = Callable[[], bool]
#: Each export's summary goes to the app's log.
LOG = logging.getLogger("mining_tracker.export")
#: Rows whose text sets a column's width (reading every row would cost more than it tells).
WIDTH_SAMPLE = 300
TICK = 2000


@dataclass
class ExportResult:
    """What was written: rows per sheet, and anything Excel's limits forced."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    #: Cells whose text was too long for one cell and goes on over the Long text sheet.
    continued_cells: int = 0


def _writer_module() -> Any:
    try:
        import xlsxwriter
    except ImportError as exc:  # pragma: no cover - a packaging error, reported plainly
        raise WorkbookError("exporting needs the xlsxwriter package; reinstall the app") from exc
    return xlsxwriter


def export_workbook(
    engine: Engine,
    path: Path,
    selection: Selection | None = None,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write the portfolio (or the ``selection`` of it) to ``path``."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbookError(f"the folder {folder} does not exist")
    mode = _mode_for(path)
    try:
        handle, temp_name = tempfile.mkstemp(suffix=".xlsx", prefix=".export-", dir=folder)
    except OSError as exc:
        raise WorkbookError(
            f"cannot write into the folder {folder}: {exc.strerror or exc}; choose another folder"
        ) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        with paused_collection(), Session(engine) as session:
            result = _write(session, temp, selection, progress, cancelled, today or date.today())
        temp.chmod(mode)
        os.replace(temp, path)
    except OSError as exc:
        raise WorkbookError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    result.path = path
    rows = ", ".join(f"{sheet} {count:,}" for sheet, count in result.rows.items())
    LOG.info("exported %s: rows per sheet: %s", path.name, rows)
    return result


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else the usual.

    The file is written under a temporary name (created private) and renamed over the old one,
    which would otherwise replace a read-only file and leave every export readable by its owner
    only. A read-only file is refused rather than replaced.
    """
    try:
        existing = path.stat()
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise WorkbookError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise WorkbookError(f"{path.name} is a folder or a device, not a workbook file")
    mode = stat.S_IMODE(existing.st_mode)
    # Judged by its permission bits too: an administrator may write anywhere, yet a file that
    # nobody may write was made read-only on purpose.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise WorkbookError(f"{path.name} is read-only; choose another name, or make it writable")
    return mode


def _write_long_text(sheet: Any, cells: CellWriter) -> None:
    """The parts of texts too long for their cells (see ``tracker.excel.long_text``)."""
    for column, header in enumerate(LONG_TEXT_HEADERS):
        sheet.write_string(0, column, header)
    for row, values in enumerate(continuation_rows(cells.continued), start=1):
        name, line, column_number, part, text = values
        cells.plain_text(sheet, row, 0, str(name))
        for column, number in enumerate((line, column_number, part), start=1):
            sheet.write_number(row, column, number)
        cells.plain_text(sheet, row, 4, str(text))
    sheet.set_column(0, 3, 12)
    sheet.set_column(4, 4, 100)


def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` would race other threads)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0o022
    for line in status.splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    return 0o022


def _write(
    session: Session,
    path: Path,
    selection: Selection | None,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    today: date,
) -> ExportResult:
    xlsxwriter = _writer_module()
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_urls": False})
    try:
        workbook.set_properties({"title": "Mining portfolio", "comments": "Mining Project Tracker"})
        cells = CellWriter(workbook)
        summary_sheet = workbook.add_worksheet(SUMMARY_SHEET)
        exposure_sheet = workbook.add_worksheet(EXPOSURE_SHEET)
        data = SummaryData()
        source = PortfolioRows(session, selection)
        result = ExportResult(path)
        for spec in SHEETS:
            if cancelled is not None and cancelled():
                raise CancelledError()
            sheet = workbook.add_worksheet(spec.name)
            count = _write_sheet(workbook, sheet, spec, source, cells, data, progress, cancelled)
            result.rows[spec.name] = count
        tables = PortfolioTables(workbook, cells)
        start = write_portfolio_summary(tables, summary_sheet, session, today, 3)
        write_summary(workbook, summary_sheet, data, result.rows, today, start)
        tables.fit_columns(summary_sheet, {0: SUMMARY_FIRST_COLUMN})
        write_exposure(tables, exposure_sheet, session, today)
        if cells.continued:
            _write_long_text(workbook.add_worksheet(LONG_TEXT_SHEET), cells)
        result.continued_cells = len(cells.continued)
    except BaseException:
        workbook.fileclosed = True
        raise
    workbook.close()
    _release(workbook)
    return result


def _release(workbook: Any) -> None:
    """Let reference counting free the written workbook's cells at once.

    Each xlsxwriter worksheet keeps a bound method of its workbook, so the workbook and its
    millions of cells form a reference cycle that only the cyclic collector frees: a pass of
    seconds at 100,000 projects, which in the app would hold the GIL and freeze the window.
    Dropping the worksheets' link back breaks the cycle.
    """
    for worksheet in workbook.worksheets():
        if hasattr(worksheet, "workbook_add_format"):
            worksheet.workbook_add_format = None


def _write_sheet(
    workbook: Any,
    sheet: Any,
    spec: SheetSpec,
    source: PortfolioRows,
    cells: CellWriter,
    data: SummaryData,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> int:
    fields = [f for f in spec.fields if f.export]
    names = [f.name for f in fields]
    currency_column = names.index("currency") if "currency" in names else None
    writers = [cells.for_field(sheet, f, currency_column) for f in fields]
    widths = [max(len(f.header) + 4, 8) for f in fields]
    header_format = workbook.add_format(
        {
            "bold": True,
            "text_wrap": True,
            "valign": "top",
            "font_color": "#FFFFFF",
            "bg_color": "#1F4E79",
        }
    )
    collect = data.collector(spec.entity)
    count = 0
    for count, row in enumerate(source.rows(spec), start=1):
        for column, (write, value) in enumerate(zip(writers, row, strict=True)):
            if value is not None:
                write(count, column, value, row)
        if count <= WIDTH_SAMPLE:
            for column, value in enumerate(row):
                if value is not None:
                    widths[column] = max(widths[column], len(_shown(value, fields[column].kind)))
        if collect is not None:
            collect(row)
        if count % TICK == 0:
            if cancelled is not None and cancelled():
                raise CancelledError()
            if progress is not None:
                progress(spec.name, count, 0)
    last_row = max(count, 1)
    sheet.add_table(
        0,
        0,
        last_row,
        len(fields) - 1,
        {
            "name": spec.table_name,
            "style": "Table Style Medium 2",
            "columns": [{"header": f.header, "header_format": header_format} for f in fields],
        },
    )
    sheet.freeze_panes(1, 0)
    print_setup(sheet)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(width + 1, 60))
    sheet.set_row(0, 30)
    return count


def _shown(value: Any, kind: Kind) -> str:
    if kind is Kind.DATE:
        return "2000-01-01"
    if kind in {Kind.MONEY, Kind.NUMBER, Kind.PERCENT}:
        return f"{value:,.1f}" + "    "
    return str(value)
