"""Time the list queries on a database of N generated projects: each list's rowset
(``tracker.lists.rowsets``, what the window loads), ``list --search`` (``tracker.lists.search``),
and searches over the project rowset (what a keystroke in the search box costs).

The database is cached under bench/results/ (git-ignored) by project count, seed and generator
version, so runs after the first measure the queries only. Figures go to
bench/results/lists.json.
"""

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sized
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bench.generate import VERSION, build_database, print_progress
from db.engine import make_engine
from db.migrate import upgrade_to_head
from tracker.filters import Criteria, RowSet, matching
from tracker.lists import rowsets
from tracker.lists.search import listed_rows

RESULTS = Path(__file__).resolve().parent / "results"
REPEATS = 5
QUERIES: dict[str, Callable[[Session], Sized]] = {
    "project_rowset": rowsets.project_rowset,
    "company_rowset": rowsets.company_rowset,
    "study_rowset": rowsets.study_rowset,
    "deal_rowset": rowsets.deal_rowset,
    "event_rowset": rowsets.event_rowset,
    "list --search gold": lambda session: listed_rows(session, "projects", "gold"),
}
#: Searches timed on the project rowset: a commodity name, its symbol, a study type, a place.
SEARCHES = ("gold", "au", "pea", "canada")


def cached_database(projects: int, seed: int, *, rebuild: bool = False) -> Path:
    """The generated database for ``projects`` and ``seed``, built on first use.

    It is built under a name of its own and renamed when complete, so an interrupted run (or
    another benchmark building the same file at once) never leaves a half-filled file behind.
    """
    path = RESULTS / f"projects-{projects}-seed-{seed}-v{VERSION}.sqlite3"
    if rebuild or not path.exists():
        print(f"generating {projects:,} projects into {path}", file=sys.stderr)
        building = path.with_name(f"{path.name}.{os.getpid()}.partial")
        counts, seconds = build_database(building, projects, seed, print_progress)
        building.replace(path)
        print(f"  {counts.total:,} rows in {seconds:.1f} s", file=sys.stderr)
    return path


def best_time(engine: Engine, query: Callable[[Session], Sized]) -> tuple[float, int]:
    """Best of ``REPEATS`` runs, each in a fresh session: the figure least disturbed by noise."""
    best = float("inf")
    rows = 0
    for _ in range(REPEATS):
        with Session(engine) as session:
            started = time.perf_counter()
            rows = len(query(session))
            best = min(best, time.perf_counter() - started)
    return best, rows


def best_search(rowset: RowSet[Any], word: str) -> tuple[float, int]:
    """Best of ``REPEATS`` searches for ``word`` over every row, as the search box runs it."""
    best = float("inf")
    rows = 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        rows = len(matching(rowset, Criteria(text=word)))
        best = min(best, time.perf_counter() - started)
    return best, rows


def measure(path: Path) -> dict[str, dict[str, float | int]]:
    """Seconds (best of ``REPEATS``) and row count of each list query on the file at ``path``."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine, backup=False)
        figures: dict[str, dict[str, float | int]] = {}
        for name, query in QUERIES.items():
            seconds, rows = best_time(engine, query)
            figures[name] = {"seconds": round(seconds, 4), "rows": rows}
        with Session(engine) as session:
            projects = rowsets.project_rowset(session)
        for word in SEARCHES:
            seconds, rows = best_search(projects, word)
            figures[f"search {word!r}"] = {"seconds": round(seconds, 4), "rows": rows}
        return figures
    finally:
        engine.dispose()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=10_000, help="projects in the database")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached database")


def run(args: argparse.Namespace) -> int:
    path = cached_database(args.projects, args.seed, rebuild=args.rebuild)
    figures = measure(path)
    print(f"{'query':<18}{'rows':>12}{'best of ' + str(REPEATS):>14}")
    for name, figure in figures.items():
        print(f"{name:<18}{figure['rows']:>12,}{figure['seconds'] * 1000:>11.1f} ms")
    report = {
        "projects": args.projects,
        "seed": args.seed,
        "repeats": REPEATS,
        "database": str(path),
        "python": platform.python_version(),
        "queries": figures,
    }
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "lists.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {output}")
    return 0
