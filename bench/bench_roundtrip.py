"""Round trip of a generated database: export, import into an empty one, export again, compare.

``python -m bench roundtrip --projects 2000`` prints the differing cells out of all compared,
and what re-importing the export into its own source would create and update (both should be
0). Every sheet is compared cell by cell, the Summary and Exposure sheets too (both exports are
dated the same day): nothing is left out.
"""

import argparse
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from bench.generate import generate
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.excel.reader import open_spreadsheet

Cells = dict[str, list[list[object]]]
TODAY = date(2026, 4, 1)


def workbook_cells(path: Path) -> Cells:
    """Every sheet's cells as the reader gives them."""
    book = open_spreadsheet(path)
    try:
        return {name: book.read(name) for name in book.sheet_names}
    finally:
        book.close()


@dataclass
class Comparison:
    """Cells compared and the differing ones (sheet, row, column, before, after)."""

    cells: int = 0
    differences: list[tuple[str, int, int, object, object]] = field(default_factory=list)


def compare(before: Cells, after: Cells) -> Comparison:
    """Cell by cell; a sheet, row or cell one side lacks counts as differing."""
    found = Comparison()
    for name in sorted(before.keys() | after.keys()):
        one, two = before.get(name, []), after.get(name, [])
        for row in range(max(len(one), len(two))):
            left = one[row] if row < len(one) else []
            right = two[row] if row < len(two) else []
            for column in range(max(len(left), len(right))):
                a = left[column] if column < len(left) else None
                b = right[column] if column < len(right) else None
                found.cells += 1
                if a != b:
                    found.differences.append((name, row + 1, column + 1, a, b))
    return found


@dataclass
class RoundTrip:
    """What one round trip measured."""

    comparison: Comparison
    reimport: Counter[tuple[str, str]]


def new_database(blank: Path, path: Path) -> Engine:
    shutil.copy(blank, path)
    return make_engine(f"sqlite:///{path}")


def round_trip(first: Engine, second: Engine, folder: Path) -> RoundTrip:
    """Export ``first``, import into the empty ``second``, export it; then re-import the first
    export into ``first`` as a dry run."""
    one, two = folder / "one.xlsx", folder / "two.xlsx"
    export_workbook(first, one, today=TODAY)
    preview = run_import(Transactions(second), read_source(one), today=TODAY)
    if preview.problems:
        raise RuntimeError(f"the import found problems: {preview.problems[:5]}")
    export_workbook(second, two, today=TODAY)
    comparison = compare(workbook_cells(one), workbook_cells(two))
    again = run_import(Transactions(first), read_source(one), dry_run=True, today=TODAY)
    counts = Counter({key: n for key, n in again.records.items() if key[1] != "unchanged"})
    return RoundTrip(comparison, counts)


def measure(projects: int, seed: int, folder: Path) -> RoundTrip:
    """Generate ``projects`` projects and round-trip them."""
    blank = folder / "blank.sqlite3"
    engine = make_engine(f"sqlite:///{blank}")
    upgrade_to_head(engine, backup=False)
    engine.dispose()
    first = new_database(blank, folder / "first.sqlite3")
    second = new_database(blank, folder / "second.sqlite3")
    try:
        generate(first, projects, seed)
        return round_trip(first, second, folder)
    finally:
        first.dispose()
        second.dispose()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=2000, help="projects to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--show", type=int, default=20, help="differences to list")


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        result = measure(args.projects, args.seed, Path(folder))
    comparison = result.comparison
    print(f"{len(comparison.differences):,} differences in {comparison.cells:,} cells")
    for difference in comparison.differences[: args.show]:
        print("  ", *difference)
    created = sum(n for (_entity, action), n in result.reimport.items() if action == "create")
    updated = sum(n for (_entity, action), n in result.reimport.items() if action == "update")
    print(f"re-import into its source: {created:,} created, {updated:,} updated")
    for (entity, action), count in sorted(result.reimport.items()):
        print(f"   {entity} {action}: {count:,}")
    return 0 if not comparison.differences and not result.reimport else 1
