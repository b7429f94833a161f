"""Time the main window on N generated projects: startup, list open, search keystrokes, sorting.

Targets for 100,000 projects (issue 3): the app starts to a usable window in under 1.2 s, the
project list opens in under 1 s, each search keystroke takes under 100 ms and sorting any column
under 200 ms. Startup is timed from outside, from launching a fresh interpreter to the window
showing its first rows; the rest inside one process, offscreen. Figures go to
bench/results/window.json. ``python -m bench window [--projects N]``.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS_MS = {"startup": 1200, "list_open": 1000, "keystroke": 100, "sort": 200}
#: What is typed into the search box, one key at a time.
TYPED = "gold mine"
STARTUPS = 3
#: Tries of each in-process measurement; the best is kept.
REPEATS = 3

#: Run in a fresh interpreter by ``time_startup``: prints READY once the list shows rows.
STARTUP_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from ui.app import run_app
from ui.main_window import MainWindow

def watch():
    from PySide6.QtWidgets import QApplication
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or not windows[0].isVisible():
        QTimer.singleShot(2, watch)
        return
    window = windows[0]
    if not getattr(watch, "shown", False):
        watch.shown = True
        print("SHOWN", flush=True)
    if window.sections["projects"].model.rowCount():
        print("READY", "pyqtgraph" in sys.modules, "openpyxl" in sys.modules, flush=True)
        window.close()
        QApplication.quit()
    else:
        QTimer.singleShot(2, watch)

QTimer.singleShot(0, watch)
sys.exit(run_app(sys.argv[1]))
"""


def time_startup(path: Path, environment: dict[str, str]) -> dict[str, Any]:
    """Best of ``STARTUPS`` launches of ``run_app`` in a fresh interpreter: seconds until the
    window shows (usable: menus, search, forms), and until the project list shows rows."""
    shown = ready = float("inf")
    heavy: list[str] = []
    for _ in range(STARTUPS):
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", STARTUP_SCRIPT, f"sqlite:///{path}"],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        assert process.stdout is not None
        first = process.stdout.readline().split()
        shown = min(shown, time.perf_counter() - started)
        line = process.stdout.readline().split()
        ready = min(ready, time.perf_counter() - started)
        process.wait(timeout=60)
        if first != ["SHOWN"] or not line or line[0] != "READY":
            raise RuntimeError(f"the window did not start: {first} {line}")
        loaded = dict(zip(("pyqtgraph", "openpyxl"), line[1:], strict=True))
        heavy = [name for name, flag in loaded.items() if flag == "True"]
    return {
        "window_shown": round(shown, 3),
        "first_rows": round(ready, 3),
        "imported_at_startup": heavy,
    }


def measure_window(path: Path) -> dict[str, Any]:
    """List open, keystrokes and sorting, in this process (offscreen), each the best of
    ``REPEATS`` tries: the figure least disturbed by other work on the machine."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from db.open import open_database
    from ui.app import make_application
    from ui.main_window import MainWindow

    app = make_application([sys.argv[0]])
    engine = open_database(f"sqlite:///{path}")
    first = full = float("inf")
    for attempt in range(REPEATS):
        started = time.perf_counter()
        window = MainWindow(engine, str(path))
        section = window.sections["projects"]
        window.show()
        shown = None
        while not section.complete:
            QCoreApplication.processEvents()
            if shown is None and section.model.rowCount():
                shown = time.perf_counter() - started
            time.sleep(0.001)
        first = min(first, shown if shown is not None else time.perf_counter() - started)
        full = min(full, time.perf_counter() - started)
        if attempt < REPEATS - 1:
            window.close()
            window.deleteLater()
    rows = section.model.total_count
    search = section.filters.search
    search.setFocus()
    typed: dict[int, float] = {}
    shown_rows: dict[int, int] = {}
    for _ in range(REPEATS):
        for position, key in enumerate(TYPED):
            began = time.perf_counter()
            QTest.keyClicks(search, key)
            app.processEvents()
            elapsed = time.perf_counter() - began
            typed[position] = min(typed.get(position, elapsed), elapsed)
            shown_rows[position] = section.model.rowCount()
        search.clear()
        app.processEvents()
    sorts: dict[tuple[str, str], float] = {}
    header = section.view.horizontalHeader()
    for _ in range(REPEATS):
        for column, spec in enumerate(section.spec.table.columns):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                began = time.perf_counter()
                header.setSortIndicator(column, order)
                app.processEvents()
                elapsed = time.perf_counter() - began
                which = (spec.header, order.name)
                sorts[which] = min(sorts.get(which, elapsed), elapsed)
    window.close()
    engine.dispose()
    return {
        "rows": rows,
        "list_open": {"first_rows": round(first, 3), "all_rows": round(full, 3)},
        "keystrokes": [
            {"typed": TYPED[: i + 1], "ms": round(seconds * 1000, 1), "shown": shown_rows[i]}
            for i, seconds in sorted(typed.items())
        ],
        "sorts": [
            {"column": column, "order": order, "ms": round(seconds * 1000, 1)}
            for (column, order), seconds in sorts.items()
        ],
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=100_000, help="projects in the database")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--db", type=Path, help="measure this database instead of a generated one")


def run(args: argparse.Namespace) -> int:
    from bench.bench_lists import cached_database

    path: Path = args.db or cached_database(args.projects, args.seed)
    with tempfile.TemporaryDirectory() as home:
        environment = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=str(Path(home) / "config"),
            HOME=home,
        )
        os.environ.update({k: environment[k] for k in ("QT_QPA_PLATFORM", "XDG_CONFIG_HOME")})
        startup = time_startup(path, environment)
        figures = measure_window(path)
    worst_key = max(k["ms"] for k in figures["keystrokes"])
    worst_sort = max(s["ms"] for s in figures["sorts"])
    summary = {
        "startup": startup["window_shown"] * 1000,
        "list_open": figures["list_open"]["first_rows"] * 1000,
        "keystroke": worst_key,
        "sort": worst_sort,
    }
    print(f"{figures['rows']:,} projects in {path}")
    target = TARGETS_MS["startup"]
    print(f"startup to usable window {summary['startup']:8.0f} ms   (target {target})")
    print(f"startup to first rows    {startup['first_rows'] * 1000:8.0f} ms")
    print(
        f"project list open        {summary['list_open']:8.0f} ms   "
        f"(target {TARGETS_MS['list_open']}); all rows loaded in the background after "
        f"{figures['list_open']['all_rows'] * 1000:.0f} ms"
    )
    print(f"slowest search keystroke {worst_key:8.1f} ms   (target {TARGETS_MS['keystroke']})")
    for key in figures["keystrokes"]:
        print(f"    {key['typed']!r:<14}{key['ms']:7.1f} ms  {key['shown']:>8,} shown")
    print(f"slowest sort             {worst_sort:8.1f} ms   (target {TARGETS_MS['sort']})")
    for sort in figures["sorts"]:
        print(f"    {sort['column']:<14}{sort['order']:<16}{sort['ms']:7.1f} ms")
    if startup["imported_at_startup"]:
        print("imported at startup although not needed:", ", ".join(startup["imported_at_startup"]))
    report = {
        "projects": figures["rows"],
        "database": str(path),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "startup": startup,
        **figures,
        "summary_ms": summary,
        "targets_ms": TARGETS_MS,
    }
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "window.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {output}")
    met = all(summary[name] <= TARGETS_MS[name] for name in TARGETS_MS)
    return 0 if met and not startup["imported_at_startup"] else 1
