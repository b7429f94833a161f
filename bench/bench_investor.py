"""Time importing an investor's 100,000-row watchlist (CSV and xlsx) against the bare pipeline.

The sheet is what an investor keeps, grown large: a title, then Company, Ticker, Project,
Country, Commodities, Stage, Study, Study date, NPV 8% (US$M), IRR (a % cell) and Capex (US$M):
11 columns about a company, its project and the project's latest study. The bare pipeline reads
the same cells (the csv module, or python-calamine) and inserts them with one executemany. The
target is a ratio of 2x, measured in the same run; ``--repeat`` keeps each step's fastest run.
Figures go to bench/results/investor.json.
"""

import argparse
import csv
import gc
import json
import platform
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import python_calamine
import xlsxwriter

from bench.bench_excel import fresh_database
from bench.bench_lists import RESULTS
from db.session import Transactions
from tracker.excel.importer import read_source, run_import

TARGET = 2.0
HEADERS = (
    "Company", "Ticker", "Project", "Country", "Commodities", "Stage", "Study", "Study date",
    "NPV 8% (US$M)", "IRR", "Capex (US$M)",
)  # fmt: skip
TITLE = "Watchlist: every junior I follow"
_COUNTRIES = ("Canada", "USA", "Arizona, USA", "Australia", "Peru", "Chile", "Mexico", "Nevada")
_COMMODITIES = ("Au", "Cu", "Au, Ag", "Cu-Au-Mo", "Ni-Co", "W-Mo", "Li", "Zn, Pb, Ag", "U")
_STAGES = ("PEA", "PFS", "Feasibility", "Permitting", "Construction", "Resource definition")
_STUDIES = ("PEA", "PFS", "FS", "DFS", "Updated PEA", "pre-feasibility", "scoping")
PROJECTS_PER_COMPANY = 4


def rows(count: int, seed: int = 1) -> list[tuple[Any, ...]]:
    """``count`` watchlist rows: four projects a company, each with its latest study."""
    pick = random.Random(seed)
    first = date(2015, 1, 1)
    made: list[tuple[Any, ...]] = []
    for index in range(count):
        company = index // PROJECTS_PER_COMPANY
        made.append(
            (
                f"Junior Miner {company:06d} Corp",
                f"TSXV:J{company:06d}",
                f"Prospect {index:06d}",
                pick.choice(_COUNTRIES),
                pick.choice(_COMMODITIES),
                pick.choice(_STAGES),
                pick.choice(_STUDIES),
                first + timedelta(days=pick.randrange(3650)),
                round(pick.uniform(-50, 3000), 1),
                round(pick.uniform(0.02, 0.6), 3),
                round(pick.uniform(20, 2500), 1),
            )
        )
    return made


def write_csv(path: Path, data: Iterable[tuple[Any, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([TITLE])
        out.writerow([])
        out.writerow(HEADERS)
        for row in data:
            *head, when, npv, irr, capex = row
            out.writerow([*head, when.isoformat(), npv, f"{irr * 100:.1f}%", capex])


def write_xlsx(path: Path, data: Iterable[tuple[Any, ...]]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    percent = book.add_format({"num_format": "0.0%"})
    sheet = book.add_worksheet("Watchlist")
    sheet.write_string(0, 0, TITLE)
    for column, header in enumerate(HEADERS):
        sheet.write_string(2, column, header)
    for r, row in enumerate(data, start=3):
        for column, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, column, value, day)
            elif isinstance(value, float):
                sheet.write_number(r, column, value, percent if column == 9 else None)
            else:
                sheet.write_string(r, column, value)
    book.close()


def _sql(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _insert(target: Path, cells: list[list[Any]]) -> None:
    """One table of the header row's width, every row below it in one executemany."""
    width = len(HEADERS)
    connection = sqlite3.connect(target)
    columns = ", ".join(f"c{i}" for i in range(width))
    connection.execute(f"CREATE TABLE watchlist ({columns})")
    marks = ", ".join("?" * width)
    connection.executemany(
        f"INSERT INTO watchlist VALUES ({marks})",
        ([_sql(v) for v in (row + [None] * width)[:width]] for row in cells),
    )
    connection.commit()
    connection.close()


def bare_csv(path: Path, target: Path) -> float:
    """Seconds to read the CSV's cells with the csv module and insert them."""
    target.unlink(missing_ok=True)
    gc.collect()
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        cells: list[list[Any]] = list(csv.reader(handle))[3:]
    _insert(target, cells)
    return time.perf_counter() - started


def bare_xlsx(path: Path, target: Path) -> float:
    """Seconds to read the workbook's cells with python-calamine and insert them."""
    target.unlink(missing_ok=True)
    gc.collect()
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    cells: list[list[Any]] = book.get_sheet_by_name("Watchlist").to_python()[3:]
    book.close()
    _insert(target, cells)
    return time.perf_counter() - started


def ours(path: Path, folder: Path) -> tuple[float, int, int]:
    """Seconds for the app's import into an empty database; its rows and problems."""
    engine = fresh_database(folder / "import.sqlite3")
    gc.collect()
    started = time.perf_counter()
    preview = run_import(Transactions(engine), read_source(path))
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds, len(preview.rows), len(preview.problems)


def _round(
    path: Path, folder: Path, bare: Callable[[Path, Path], float]
) -> tuple[float, float, int, int]:
    seconds, imported, problems = ours(path, folder)
    return seconds, bare(path, folder / "bare.sqlite3"), imported, problems


def measure(count: int, seed: int, folder: Path, repeat: int = 1) -> dict[str, Any]:
    """Each format ``repeat`` times, ours and the bare pipeline back to back each round."""
    data = rows(count, seed)
    files = {"csv": folder / "watchlist.csv", "xlsx": folder / "watchlist.xlsx"}
    write_csv(files["csv"], data)
    write_xlsx(files["xlsx"], data)
    del data
    figures: dict[str, Any] = {"rows": count, "columns": len(HEADERS), "repeat": repeat}
    for kind, bare in (("csv", bare_csv), ("xlsx", bare_xlsx)):
        rounds = [_round(files[kind], folder, bare) for _ in range(repeat)]
        best_ours = min(r[0] for r in rounds)
        best_bare = min(r[1] for r in rounds)
        figures[kind] = {
            "import_seconds": round(best_ours, 2),
            "bare_pipeline_seconds": round(best_bare, 2),
            "ratio": round(best_ours / best_bare, 2),
            "round_ratios": [round(a / b, 2) for a, b, _r, _p in rounds],
            "rows_imported": rounds[-1][2],
            "problems": rounds[-1][3],
        }
    return figures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=100_000, help="watchlist rows to import")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated rows")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each step; the fastest is kept"
    )


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.rows, args.seed, Path(folder), max(1, args.repeat))
    figures["python"] = platform.python_version()
    ok = True
    for kind in ("csv", "xlsx"):
        part = figures[kind]
        good = part["ratio"] <= TARGET and part["problems"] == 0
        ok = ok and good
        print(
            f"{kind}: import {part['import_seconds']} s vs bare read+insert "
            f"{part['bare_pipeline_seconds']} s: {part['ratio']}x (target {TARGET}x) "
            f"{'ok' if good else 'OVER'}; {part['rows_imported']:,} rows, "
            f"{part['problems']} problems; each round {part['round_ratios']}"
        )
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "investor.json"
    output.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {output}")
    return 0 if ok else 1
