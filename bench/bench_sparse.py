"""Time and memory of reading sparse .xlsx sheets cell by cell (hostile files and real data).

Three files: the 1.6 KB hostile one (a header, one row, and a value at XFD1048576) that once
aborted the process; a similar one whose value at XFD3000 once took gigabytes; and a sheet of
real data (``--rows`` rows of 8 columns) with one far value, read cell by cell, against the
same data without it read by the grid reader. Memory is tracemalloc's peak of Python
allocations (the grid reader's own Rust memory is not seen). Figures go to
bench/results/sparse.json.
"""

import argparse
import gc
import json
import platform
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from bench.bench_excel import fresh_database
from bench.bench_lists import RESULTS
from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.excel.reader import SparseAwareBook, open_spreadsheet

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_KINDS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def hostile_file(path: Path, far_cell: str) -> Path:
    """As small as such a file gets: two rows of data and one value at ``far_cell``."""
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Project</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Country</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Alpha</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Peru</t></is></c></row>'
        f'<row r="{far_cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{far_cell}"><v>1</v>'
        "</c></row>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        out.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_KINDS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        out.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_KINDS}"><sheets>'
            '<sheet name="Projects" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        out.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_KINDS}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        out.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{_MAIN}"><sheetData>{cells}</sheetData></worksheet>',
        )
    return path


def data_file(path: Path, rows: int, far: bool) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Projects"
    sheet.append(["Project", "Country", "Stage", "NPV", "IRR", "Study date", "Capex", "Owner"])
    for i in range(rows):
        sheet.append(
            [f"Project {i}", "Peru", "PEA", 100.5 + i, 0.15, date(2024, 1, 1 + i % 28), 250, "Co"]
        )
    if far:
        sheet["XFD1048576"] = "stray"
    book.save(path)
    return path


def measured(action: Callable[[], object]) -> tuple[float, float]:
    """Seconds (the best of three, untraced) and tracemalloc's peak in MB (one traced run)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    gc.collect()
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(best, 4), round(peak / 2**20, 2)


def _read_all(path: Path) -> None:
    book = open_spreadsheet(path)
    try:
        for name in book.sheet_names:
            book.read(name)
    finally:
        book.close()


def imported(path: Path, folder: Path) -> tuple[float, float]:
    """Seconds (the best of three) and tracemalloc's peak in MB of reading and importing
    ``path`` into an empty database (made before the clock starts)."""
    best, peak = float("inf"), 0.0
    for traced in (False, False, False, True):
        engine = fresh_database(folder / "bench-sparse.sqlite3")
        gc.collect()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            run_import(Transactions(engine), read_source(path))
            if traced:
                peak = tracemalloc.get_traced_memory()[1] / 2**20
            else:
                best = min(best, time.perf_counter() - started)
        finally:
            if traced:
                tracemalloc.stop()
            engine.dispose()
    return round(best, 4), round(peak, 2)


def _figures(path: Path, folder: Path, imports: bool = True) -> dict[str, Any]:
    book = open_spreadsheet(path)
    sparse = isinstance(book, SparseAwareBook)
    book.close()
    seconds, peak = measured(lambda: _read_all(path))
    found: dict[str, Any] = {
        "file_bytes": path.stat().st_size,
        "cell_by_cell": sparse,
        "read_seconds": seconds,
        "read_peak_mb": peak,
    }
    if imports:
        problems = len(read_source(path).read_problems)
        found["far_values_named"] = problems
        found["import_seconds"], found["import_peak_mb"] = imported(path, folder)
    return found


def measure(rows: int, folder: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for far in ("XFD1048576", "XFD3000"):
        figures[f"hostile_{far}"] = _figures(hostile_file(folder / f"{far}.xlsx", far), folder)
    sparse = _figures(data_file(folder / "data-far.xlsx", rows, far=True), folder, imports=False)
    grid = _figures(data_file(folder / "data.xlsx", rows, far=False), folder, imports=False)
    figures[f"data_{rows}_rows"] = {
        "cell_by_cell": sparse,
        "grid_reader": grid,
        "time_ratio": round(sparse["read_seconds"] / max(grid["read_seconds"], 1e-9), 2),
    }
    return figures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the real-data sheet")


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.rows, Path(folder))
    figures["python"] = platform.python_version()
    for name, part in figures.items():
        print(f"{name}: {part}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "sparse.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0
