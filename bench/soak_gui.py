"""Soak the main window and a timeline chart with thousands of user actions; memory must stay flat.

Unit tests make a few hundred Qt calls; a person makes thousands in a session. This drives the
window (section switches, resizes, titles, refreshes that reset the table models, row selection)
and a pyqtgraph timeline of a few thousand points (pans, zooms, repaints), processing events
after each action. It samples resident memory and the refcounts of None and True: a Qt binding
that drops a reference per call (PySide6 6.12.0 on Python 3.11) shows as a falling refcount long
before the interpreter aborts with ``none_dealloc``, and a leak per action as growing RSS.
Exits 1 when RSS grows by more than ``--max-rss-growth`` after warm-up or a refcount falls by
more than ``--max-refcount-drop``. ``python -m bench.soak_gui [--actions N]``.
"""

import argparse
import ctypes
import gc
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ui.main_window import MainWindow

DEFAULT_ACTIONS = 3000
DEFAULT_POINTS = 3000
TIMELINE_YEARS = 15
SECONDS_PER_YEAR = 365.25 * 24 * 3600
TIMELINE_START = 1.5e9  # mid-2017, as seconds since the epoch for pyqtgraph's DateAxisItem

Action = Callable[[int], None]
WIDTHS = (8, 8, 9, 8, 10, 10)


@dataclass(frozen=True)
class Sample:
    """One row of the table: where the run was after ``actions`` actions."""

    actions: int
    seconds: float
    rss_bytes: int
    none_refs: int
    true_refs: int


def rss_bytes() -> int:
    """Resident memory now (Linux ``/proc/self/statm``); elsewhere the peak from ``resource``."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def singleton_refs() -> tuple[int, int]:
    """Refcounts of None and True (constant and huge from Python 3.12 on: they are immortal)."""
    return sys.getrefcount(None), sys.getrefcount(True)


def give_back(none_lost: int, true_lost: int) -> None:
    """Return references a broken binding dropped, so the report prints instead of an abort."""
    for singleton, lost in ((None, none_lost), (True, true_lost)):
        for _ in range(max(lost, 0)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(singleton))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--actions", type=int, default=DEFAULT_ACTIONS, help="user actions to run")
    parser.add_argument("--points", type=int, default=DEFAULT_POINTS, help="timeline points")
    parser.add_argument("--projects", type=int, default=300, help="generated projects in the db")
    parser.add_argument("--sample-every", type=int, default=250, help="actions between samples")
    parser.add_argument(
        "--warmup", type=int, default=None, help="actions before the baseline (default: a fifth)"
    )
    parser.add_argument(
        "--max-rss-growth", type=float, default=0.20, help="allowed RSS growth after warm-up"
    )
    parser.add_argument(
        "--max-refcount-drop",
        type=int,
        default=200,
        help="allowed fall of None's or True's refcount; the run stops early past it",
    )
    parser.add_argument("--seed", type=int, default=1)


def run(args: argparse.Namespace) -> int:
    """Build the database and widgets, soak them, print the table; 0 when memory stayed flat."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved = {name: os.environ.get(name) for name in ("HOME", "XDG_CONFIG_HOME")}
    with tempfile.TemporaryDirectory(prefix="soak-gui-") as folder:
        # QSettings (the window saves its geometry) must not touch the user's own files.
        os.environ["HOME"] = folder
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        try:
            return _soak(args, Path(folder))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _soak(args: argparse.Namespace, folder: Path) -> int:
    # Qt, pyqtgraph and the UI are imported here, not at the top: ``python -m bench`` imports
    # every benchmark module to build its help, and the other benchmarks need none of them.
    from PySide6.QtWidgets import QApplication

    from bench.generate import generate
    from db.engine import make_engine
    from db.migrate import upgrade_to_head

    app = QApplication.instance() or QApplication(sys.argv[:1])
    engine = make_engine(f"sqlite:///{folder / 'soak.sqlite3'}")
    try:
        upgrade_to_head(engine, backup=False)
        if args.projects > 0:
            generate(engine, args.projects, args.seed)
        window, window_actions = _main_window(engine, random.Random(args.seed))
        timeline, timeline_actions = _timeline(args.points, random.Random(args.seed + 1))
        actions = window_actions + timeline_actions
        print(
            f"soak: {args.actions:,} actions over {len(actions)} kinds "
            f"({', '.join(name for name, _ in actions)}), {args.points:,} timeline points",
            file=sys.stderr,
        )
        samples, stopped = _drive(app, actions, args)
        timeline.close()
        window.close()
        app.processEvents()
    finally:
        engine.dispose()
    return _report(samples, stopped, args)


def _main_window(
    engine: "Engine", rng: random.Random
) -> tuple["MainWindow", list[tuple[str, Action]]]:
    """The app's main window, shown, and the things a person does to it."""
    from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QTabWidget

    from ui.main_window import MainWindow

    window = MainWindow(engine)
    window.show()
    sizes = [(1100, 700), (900, 600), (1280, 800), (800, 560)]
    actions: list[tuple[str, Action]] = [
        ("resize", lambda i: window.resize(*sizes[i % len(sizes)])),
        ("title", lambda i: window.setWindowTitle(f"Mining Project Tracker - soak {i}")),
        ("repaint", lambda i: window.repaint()),
    ]
    refresh = getattr(window, "refresh", None)
    if callable(refresh):
        actions.append(("refresh", lambda i: refresh()))
    sections: list[QTabWidget | QStackedWidget] = list(window.findChildren(QTabWidget))
    if not sections:
        sections = list(window.findChildren(QStackedWidget))
    sections = [section for section in sections if section.count() > 1]
    if sections:

        def switch_section(i: int) -> None:
            section = sections[i % len(sections)]
            section.setCurrentIndex(rng.randrange(section.count()))

        actions.append(("section", switch_section))
    views = [view for view in window.findChildren(QAbstractItemView) if view.model() is not None]
    if views:

        def select(i: int) -> None:
            view = views[i % len(views)]
            rows = view.model().rowCount()
            if rows:
                view.setCurrentIndex(view.model().index(rng.randrange(rows), 0))

        actions.append(("select", select))
    return window, actions


def _timeline(points: int, rng: random.Random) -> tuple[Any, list[tuple[str, Action]]]:
    """A date-axis scatter of ``points`` events in lanes, as the app's timeline draws them."""
    import numpy as np
    import pyqtgraph as pg

    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
    plot.setWindowTitle("Timeline")
    plot.resize(1000, 400)
    generator = np.random.default_rng(rng.randrange(2**32))
    xs = TIMELINE_START + generator.uniform(0, TIMELINE_YEARS * SECONDS_PER_YEAR, points)
    lanes = generator.integers(0, 12, points).astype(float)
    plot.addItem(pg.ScatterPlotItem(xs, lanes, size=7, pen=None, brush=pg.mkBrush(30, 120, 200)))
    plot.show()
    view_box = plot.getViewBox()
    span = TIMELINE_YEARS * SECONDS_PER_YEAR

    def pan(i: int) -> None:
        view_box.translateBy(x=(1 if i % 2 else -1) * span / 50)

    def zoom(i: int) -> None:
        factor = 1.25 if (i // 7) % 2 else 0.8
        view_box.scaleBy((factor, 1.0))

    def home(i: int) -> None:
        plot.setXRange(TIMELINE_START, TIMELINE_START + span, padding=0.02)

    return plot, [
        ("pan", pan),
        ("zoom", zoom),
        ("chart_repaint", lambda i: plot.repaint()),
        ("chart_home", home),
    ]


def _drive(
    app: Any, actions: Sequence[tuple[str, Action]], args: argparse.Namespace
) -> tuple[list[Sample], str]:
    """Run the actions round-robin; ``stopped`` explains an early stop ('' when all ran)."""
    started = time.perf_counter()
    app.processEvents()
    gc.collect()
    start_none, start_true = singleton_refs()
    samples = [Sample(0, 0.0, rss_bytes(), start_none, start_true)]
    stopped = ""
    for done in range(1, args.actions + 1):
        name, action = actions[done % len(actions)]
        action(done)
        app.processEvents()
        none_refs, true_refs = singleton_refs()
        lost = max(start_none - none_refs, start_true - true_refs)
        if lost > args.max_refcount_drop:
            # A binding that drops a reference per call: stop before the interpreter aborts.
            give_back(start_none - none_refs, start_true - true_refs)
            stopped = f"stopped at action {done:,} ({name}): a refcount fell by {lost:,}"
            seconds = time.perf_counter() - started
            samples.append(Sample(done, seconds, rss_bytes(), none_refs, true_refs))
            break
        if done % args.sample_every == 0 or done == args.actions:
            gc.collect()
            samples.append(
                Sample(done, time.perf_counter() - started, rss_bytes(), *singleton_refs())
            )
    return samples, stopped


def _report(samples: Sequence[Sample], stopped: str, args: argparse.Namespace) -> int:
    """Print the table and judge growth from the warm-up sample to the last one."""
    warmup = args.warmup if args.warmup is not None else args.actions // 5
    baseline = next((s for s in samples if s.actions >= warmup), samples[-1])
    header = ("actions", "seconds", "RSS MiB", "vs base", "None refs", "True refs")
    print(" ".join(f"{title:>{width}}" for title, width in zip(header, WIDTHS, strict=True)))
    for sample in samples:
        growth = sample.rss_bytes / baseline.rss_bytes - 1
        print(
            f"{sample.actions:>8,} {sample.seconds:>8.1f} {sample.rss_bytes / 2**20:>9.1f} "
            f"{growth:>+8.1%} {sample.none_refs:>10,} {sample.true_refs:>10,}"
            + ("  <- baseline" if sample is baseline else "")
        )
    last = samples[-1]
    failures = [stopped] if stopped else []
    growth = last.rss_bytes / baseline.rss_bytes - 1
    if growth > args.max_rss_growth:
        failures.append(f"RSS grew {growth:+.1%} after warm-up (allowed {args.max_rss_growth:.0%})")
    for name, first, final in (
        ("None", baseline.none_refs, last.none_refs),
        ("True", baseline.true_refs, last.true_refs),
    ):
        if first - final > args.max_refcount_drop:
            failures.append(f"{name}'s refcount fell by {first - final:,} after warm-up")
    import PySide6

    versions = f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}"
    if failures:
        print(f"FAIL ({versions}): " + "; ".join(failures))
        return 1
    print(f"OK ({versions}): {last.actions:,} actions, RSS {growth:+.1%} after warm-up")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak_gui", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
