"""Time Excel export and import of N generated projects against the bare libraries.

Export is compared with the fastest bare writer (xlsxwriter, normal or constant-memory mode)
writing the very same cells (every data sheet, the history sheets included) with no formats,
tables or charts; import with the bare pipeline of reading every cell with python-calamine plus
one batched insert per sheet. The targets are ratios: export within 1.5x, import within 2x.
``--repeat`` runs each step several times and keeps the fastest. Figures go to
bench/results/excel.json.
"""

import argparse
import gc
import json
import platform
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import python_calamine
import xlsxwriter
from sqlalchemy import Engine
from sqlmodel import Session

from bench.bench_lists import RESULTS, cached_database
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions
from tracker.excel.cells import exact_float
from tracker.excel.export import export_workbook
from tracker.excel.export_rows import PortfolioRows, Selection
from tracker.excel.fields import SHEETS, Kind
from tracker.excel.importer import read_source, run_import

Cells = dict[str, list[list[Any]]]
#: The issue's workload: projects with their studies (and companies, commodities, holdings).
#: The generator also makes ~10 events a project; a million event rows is a different test.
WORKLOAD = Selection(deals=frozenset(), events=frozenset())
EXPORT_TARGET = 1.5
IMPORT_TARGET = 2.0


def same_cells(path: Path) -> Cells:
    """Every sheet's cells as the export writes them (numbers as doubles, dates as dates)."""
    engine = make_engine(f"sqlite:///{path}")
    cells: Cells = {}
    with Session(engine) as session:
        source = PortfolioRows(session, WORKLOAD)
        for spec in SHEETS:
            kinds = [f.kind for f in spec.fields if f.export]
            cells[spec.name] = [
                [_bare(value, kind) for value, kind in zip(row, kinds, strict=True)]
                for row in source.rows(spec)
            ]
    engine.dispose()
    return cells


def _bare(value: Any, kind: Kind) -> Any:
    decimal_kinds = {Kind.NUMBER, Kind.MONEY, Kind.PERCENT}
    if kind in decimal_kinds and isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value).scaleb(-6)  # SQLite's stored millionths
    if isinstance(value, Decimal):
        scaled = value / 100 if kind is Kind.PERCENT else value
        return exact_float(scaled) or str(scaled)
    return value


def bare_write(cells: Cells, path: Path, constant_memory: bool) -> float:
    """Seconds for xlsxwriter to write ``cells`` with nothing but a date format."""
    gc.collect()
    started = time.perf_counter()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in cells.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, value, day)
                else:
                    sheet.write_number(r, c, value)
    book.close()
    return time.perf_counter() - started


def bare_import(workbook: Path, target: Path) -> float:
    """Seconds to read every cell with calamine and insert each sheet with one executemany."""
    target.unlink(missing_ok=True)
    gc.collect()
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(workbook))
    connection = sqlite3.connect(target)
    for index, name in enumerate(book.sheet_names):
        rows = book.get_sheet_by_name(name).to_python()
        if len(rows) < 2:
            continue
        width = len(rows[0])
        columns = ", ".join(f"c{i}" for i in range(width))
        connection.execute(f"CREATE TABLE t{index} ({columns})")
        marks = ", ".join("?" * width)
        connection.executemany(
            f"INSERT INTO t{index} VALUES ({marks})",
            ([_sql(v) for v in row] for row in rows[1:]),
        )
    connection.commit()
    connection.close()
    return time.perf_counter() - started


def _sql(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def timed(action: Callable[[], object]) -> float:
    gc.collect()  # what an earlier step left for the collector is not this step's cost
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def fresh_database(path: Path) -> Engine:
    """A migrated empty database at ``path`` (replacing any left there)."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, backup=False)
    return engine


def measure(projects: int, seed: int, folder: Path, repeat: int = 1) -> dict[str, Any]:
    """Each step ``repeat`` times, keeping the fastest (the machine is shared: slower runs say
    more about the neighbours than about the code).

    Each round runs ours and its bare peers back to back, so that both see the machine in the
    same mood: on a shared host the speed drifts by a quarter within minutes. Before each
    timed step the collector clears what earlier steps left, so no step pays for another's
    garbage.
    """
    database = cached_database(projects, seed)
    engine = make_engine(f"sqlite:///{database}")
    upgrade_to_head(engine, backup=False)
    exported = folder / "portfolio.xlsx"
    cells = same_cells(database)
    rows = {name: len(sheet_rows) for name, sheet_rows in cells.items()}
    cell_count = sum(len(row) for sheet_rows in cells.values() for row in sheet_rows)
    # The cells stay alive while the bare writers run: keep the collector from rescanning them
    # at every pass, which would slow the bare writers and flatter the export's ratio.
    gc.collect()
    gc.freeze()
    exports: list[float] = []
    normals: list[float] = []
    constants: list[float] = []
    for _ in range(repeat):
        exports.append(timed(lambda: export_workbook(engine, exported, WORKLOAD)))
        normals.append(bare_write(cells, folder / "bare.xlsx", constant_memory=False))
        constants.append(bare_write(cells, folder / "bare-constant.xlsx", constant_memory=True))
    engine.dispose()
    # Nor should they burden the import or its bare pipeline.
    del cells
    gc.unfreeze()
    gc.collect()
    preview = None
    imports: list[float] = []
    bares: list[float] = []
    for _ in range(repeat):
        empty = fresh_database(folder / "import.sqlite3")
        preview = None
        gc.collect()
        started = time.perf_counter()
        preview = run_import(Transactions(empty), read_source(exported))
        imports.append(time.perf_counter() - started)
        empty.dispose()
        bares.append(bare_import(exported, folder / "bare.sqlite3"))
    assert preview is not None
    writers = [min(pair) for pair in zip(normals, constants, strict=True)]
    bare_writer = min(writers)
    return {
        "projects": projects,
        "repeat": repeat,
        "rows": rows,
        "cells": cell_count,
        "export_seconds": round(min(exports), 2),
        "bare_writer_seconds": {
            "xlsxwriter": round(min(normals), 2),
            "xlsxwriter_constant_memory": round(min(constants), 2),
        },
        "export_ratio": round(min(exports) / bare_writer, 2),
        "export_round_ratios": _ratios(exports, writers),
        "import_seconds": round(min(imports), 2),
        "bare_pipeline_seconds": round(min(bares), 2),
        "import_ratio": round(min(imports) / min(bares), 2),
        "import_round_ratios": _ratios(imports, bares),
        "import_problems": len(preview.problems),
    }


def _ratios(ours: list[float], bare: list[float]) -> list[float]:
    """Each round's ratio of ours to its bare peer."""
    return [round(a / b, 2) for a, b in zip(ours, bare, strict=True)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=100_000, help="projects to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each step; the fastest is kept"
    )


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.projects, args.seed, Path(folder), max(1, args.repeat))
    figures["python"] = platform.python_version()
    ok_export = figures["export_ratio"] <= EXPORT_TARGET
    ok_import = figures["import_ratio"] <= IMPORT_TARGET
    print(f"{figures['cells']:,} cells; rows per sheet: {figures['rows']}")
    print(
        f"export {figures['export_seconds']} s vs bare writer "
        f"{min(figures['bare_writer_seconds'].values())} s: "
        f"{figures['export_ratio']}x (target {EXPORT_TARGET}x) {'ok' if ok_export else 'OVER'}"
    )
    print(
        f"import {figures['import_seconds']} s vs bare read+insert "
        f"{figures['bare_pipeline_seconds']} s: "
        f"{figures['import_ratio']}x (target {IMPORT_TARGET}x) {'ok' if ok_import else 'OVER'}"
    )
    print(
        f"  each round: export {figures['export_round_ratios']}, "
        f"import {figures['import_round_ratios']}"
    )
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "excel.json"
    output.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {output}")
    return 0 if ok_export and ok_import else 1
