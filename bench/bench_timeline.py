"""Time the portfolio timeline: first draw under 1 s, a pan or zoom redraw under 80 ms.

Runs offscreen on the cached generated database (10,000 projects, about 100,000 events; more
events are added to a copy when the generator made fewer). Every timing ends with
``widget.grab()``, which paints the whole widget, so it counts a real render and not just the
scheduling of one. Figures go to bench/results/timeline.json.
"""

import argparse
import importlib
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from bench.batch import Batch
from bench.bench_lists import RESULTS, cached_database
from bench.values import LAST_DAY
from db.engine import make_engine
from db.migrate import upgrade_to_head
from tracker.enums import EventKind
from tracker.models import Event, Project

FIRST_DRAW_TARGET_S = 1.0
REDRAW_TARGET_MS = 80.0
WIDTH, HEIGHT = 1400, 900


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=10_000, help="projects in the database")
    parser.add_argument("--events", type=int, default=100_000, help="at least this many events")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--repeats", type=int, default=5, help="first draws to time")
    parser.add_argument("--moves", type=int, default=20, help="pans and zooms to time per view")


def count_events(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(Event)).scalar_one())


def top_up_events(engine: Engine, wanted: int) -> int:
    """Add dated project events, spread over the projects, until there are ``wanted``."""
    missing = wanted - count_events(engine)
    if missing <= 0:
        return 0
    with Session(engine) as session:
        project_ids = list(session.execute(select(col(Project.id))).scalars())
    kinds = [kind.value for kind in EventKind if kind is not EventKind.POLICY]
    with engine.begin() as connection:
        batch = Batch(connection)
        for index in range(missing):
            project_id = project_ids[index % len(project_ids)]
            batch.add(
                "event",
                {
                    "event_date": LAST_DAY - timedelta(days=(index * 37) % 3650),
                    "kind": kinds[index % len(kinds)],
                    "title": f"Benchmark event {index}",
                    "description": None,
                    "source": None,
                    "project_id": project_id,
                    "company_id": None,
                },
            )
        batch.flush()
    return missing


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def show_portfolio(widget: Any) -> None:
    widget.set_project_ids(None)
    widget.grab()


def reload_portfolio(widget: Any) -> None:
    """What opening the portfolio timeline costs: read every lane, build the items, paint."""
    widget.refresh()
    widget.grab()


def filter_portfolio(widget: Any, project_ids: list[int]) -> None:
    """What following the main window's filter costs (no database work)."""
    widget.set_project_ids(project_ids)
    widget.grab()


def show_project(widget: Any, project_id: int) -> None:
    widget.set_project(project_id)
    widget.grab()


def redraws(widget: Any, moves: int) -> dict[str, float]:
    """Alternate pans and zooms of the time axis, each followed by a full paint (ms).

    Wall time is what a user waits; CPU time is the work done, which other processes sharing
    the machine disturb less.
    """
    box = widget.box
    figures: dict[str, list[float]] = {"pan": [], "pan_cpu": [], "zoom": [], "zoom_cpu": []}
    for index in range(moves):
        (left, right), _ = box.viewRange()
        direction = 1 if index % 4 < 2 else -1
        box.translateBy(x=direction * (right - left) * 0.07)
        wall, cpu = timed_paint(widget)
        figures["pan"].append(wall)
        figures["pan_cpu"].append(cpu)
        box.scaleBy(x=0.85 if index % 2 == 0 else 1 / 0.85)
        wall, cpu = timed_paint(widget)
        figures["zoom"].append(wall)
        figures["zoom_cpu"].append(cpu)
    summary: dict[str, float] = {}
    for name, values in figures.items():
        summary[f"{name}_median_ms"] = round(statistics.median(values), 1)
    summary["pan_max_ms"] = round(max(figures["pan"]), 1)
    summary["zoom_max_ms"] = round(max(figures["zoom"]), 1)
    return summary


def timed_paint(widget: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    widget.grab()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(engine: Engine, repeats: int, moves: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import_s = timed(lambda: importlib.import_module("ui.charts.portfolio_timeline"))
    from tracker.timeline import load_timeline, portfolio_projects
    from ui.charts.portfolio_timeline import MAX_VISIBLE_ROWS, PortfolioTimeline
    from ui.charts.project_timeline import ProjectTimeline

    widget = PortfolioTimeline(engine, today=LAST_DAY)
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    app.processEvents()
    totals, cpus, loads, draws, paints, filters = [], [], [], [], [], []
    timed(lambda: show_portfolio(widget))  # warm-up: fonts, symbol stamps, SQLite page cache
    for _ in range(repeats):
        cpu = time.process_time()
        totals.append(timed(lambda: reload_portfolio(widget)))
        cpus.append(time.process_time() - cpu)
        with Session(engine) as session:
            started = time.perf_counter()
            data = load_timeline(session, LAST_DAY)
            projects = portfolio_projects(session)
            loads.append(time.perf_counter() - started)
        draws.append(timed(partial(widget.set_data, data, projects)))
        paints.append(timed(widget.grab))
        half = [project.id for project in projects[::2]]
        filters.append(timed(partial(filter_portfolio, widget, half)))
    widget.set_project_ids(None)
    figures: dict[str, Any] = {
        "import_pyqtgraph_and_charts_s": round(import_s, 3),
        "items": data.item_count,
        "events": len(data.events) + len(data.global_events),
        "rows": len(widget.rows),
        "first_draw_s": {
            "total_median": round(statistics.median(totals), 3),
            "total_max": round(max(totals), 3),
            "total_cpu_median": round(statistics.median(cpus), 3),
            "load_median": round(statistics.median(loads), 3),
            "build_items_median": round(statistics.median(draws), 3),
            "paint_median": round(statistics.median(paints), 3),
        },
        "filter_to_half_s": round(statistics.median(filters), 3),
    }
    widget.fit_all()
    figures["redraw_30_rows"] = redraws(widget, moves)
    top = widget.box.viewRange()[1][0]
    widget.box.setYRange(top, top + MAX_VISIBLE_ROWS, padding=0)
    figures["redraw_300_rows"] = redraws(widget, moves)
    widget.close()

    busiest = int(np.bincount(data.events.project_ids).argmax())
    project = ProjectTimeline(engine, today=LAST_DAY)
    project.resize(WIDTH, 600)
    project.show()
    figures["project_timeline"] = {
        "first_draw_s": round(timed(lambda: show_project(project, busiest)), 3),
        **redraws(project, moves),
    }
    project.close()
    return figures


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    worst_redraw = max(
        figures[view][key]
        for view in ("redraw_30_rows", "redraw_300_rows", "project_timeline")
        for key in ("pan_median_ms", "zoom_median_ms")
    )
    return {
        "first draw under 1 s": figures["first_draw_s"]["total_median"] < FIRST_DRAW_TARGET_S,
        "pan or zoom redraw under 80 ms": worst_redraw < REDRAW_TARGET_MS,
    }


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = cached_database(args.projects, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{path}")
        if count_events(engine) < args.events:
            engine.dispose()
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            engine = make_engine(f"sqlite:///{copy}")
            print(f"added {top_up_events(engine, args.events):,} events", file=sys.stderr)
        try:
            upgrade_to_head(engine, backup=False)
            figures = measure(engine, args.repeats, args.moves)
        finally:
            engine.dispose()
    checks = verdicts(figures)
    report = {
        "projects": args.projects,
        "seed": args.seed,
        "size": [WIDTH, HEIGHT],
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "figures": figures,
        "targets_met": checks,
    }
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "timeline.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {output}")
    return 0 if all(checks.values()) else 1
