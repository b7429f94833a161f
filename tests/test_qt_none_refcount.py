"""Guards against Qt bindings that drop references to None, True or False on every call.

PySide6 6.12.0 on Python 3.11 loses one reference to None per void Qt call (and one to True per
signal emit). Before Python 3.12 these singletons are not immortal, so after a few thousand calls
the interpreter aborts with ``Fatal Python error: none_dealloc``. pyproject.toml excludes that
combination; this test catches it, or a later one like it, in-process: each loop is bounded, stops
at the first sign of a leak and gives the lost references back, so the test run itself survives
to report the failure instead of aborting.
"""

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(
        sys.version_info >= (3, 12),
        reason="None, True and False are immortal from Python 3.12 on: their refcount never falls",
    ),
]

ITERATIONS = 500
WARMUP = 5
# Measured on PySide6 6.11.3 / Python 3.11: None's refcount moves by 0-2 over 500 calls of any
# case below. The broken build loses at least one per call (a chart pan loses ~11), so a loop on
# it crosses this margin within 25 calls and stops there, far below the ~5,000 that abort.
MAX_DROP = 25
SINGLETONS: tuple[object, ...] = (None, True, False)

Step = Callable[[int], object]
Index = QModelIndex | QPersistentModelIndex


class _Emitter(QObject):
    changed = QtSignal(int)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def on_changed(self, value: int) -> None:
        self.total += value


class _TinyModel(QAbstractTableModel):
    """Three rows of text, reset over and over as the app's table models are on every refresh."""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()},{index.column()}"
        return None


def _widget(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _set_window_title(qtbot: QtBot) -> Step:
    widget = _widget(qtbot)
    return lambda i: widget.setWindowTitle(f"Mining Project Tracker {i}")


def _resize(qtbot: QtBot) -> Step:
    widget = _widget(qtbot)
    return lambda i: widget.resize(300 + i % 7, 200 + i % 5)


def _update(qtbot: QtBot) -> Step:
    widget = _widget(qtbot)
    return lambda i: widget.update()


def _signal_emit(qtbot: QtBot) -> Step:
    emitter = _Emitter()
    receiver = _Receiver()
    emitter.changed.connect(receiver.on_changed)
    objects = (emitter, receiver)  # kept alive by the closure
    return lambda i: objects[0].changed.emit(i)


def _model_reset(qtbot: QtBot) -> Step:
    model = _TinyModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)

    def step(_i: int) -> None:
        model.beginResetModel()
        model.endResetModel()

    return step


def _plot(qtbot: QtBot) -> Any:
    import numpy as np
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    xs = np.linspace(0.0, 100.0, 2000)
    plot.plot(xs, np.sin(xs), pen=None, symbol="o", symbolSize=4)
    return plot


def _plot_translate(qtbot: QtBot) -> Step:
    plot = _plot(qtbot)  # the closure keeps the widget alive, not only its view box
    return lambda i: plot.getViewBox().translateBy(x=0.5 if i % 2 else -0.5)


def _plot_set_x_range(qtbot: QtBot) -> Step:
    plot = _plot(qtbot)
    return lambda i: plot.setXRange(i % 10, 50 + i % 10, padding=0)


CASES: dict[str, Callable[[QtBot], Step]] = {
    "set_window_title": _set_window_title,
    "resize": _resize,
    "update": _update,
    "signal_emit": _signal_emit,
    "model_reset": _model_reset,
    "plot_translate": _plot_translate,
    "plot_set_x_range": _plot_set_x_range,
}


def _counts() -> tuple[int, int, int]:
    """Refcounts of None, True and False, taken the same way every time so they compare."""
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _worst_drop(before: tuple[int, int, int], after: tuple[int, int, int]) -> int:
    return max(b - a for b, a in zip(before, after, strict=True))


@pytest.fixture(autouse=True)
def _give_back_lost_references() -> Iterator[None]:
    """Restore what a broken binding dropped during the test, its setup and its teardown.

    Otherwise the losses stay missing at finalization; added to what the rest of a suite loses
    on such a build, they abort the run there (True, with only a few hundred references, first).
    Autouse, so it is set up before qtbot and torn down after qtbot has closed the widgets.
    """
    start = _counts()
    yield
    gc.collect()
    end = _counts()
    for singleton, first, last in zip(SINGLETONS, start, end, strict=True):
        for _ in range(max(first - last, 0)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(singleton))


def _measure(step: Step) -> tuple[tuple[int, int, int], int]:
    """Refcount drop of each singleton over the loop, and how many calls ran before it stopped.

    The loop stops as soon as any count fell by more than MAX_DROP, so a leaking binding loses
    a few dozen references here, never the thousands that abort the interpreter.
    """
    for i in range(WARMUP):
        step(i)
    gc.collect()
    gc.disable()  # a collection inside the loop could free objects that held None
    try:
        before = _counts()
        calls = 0
        for i in range(ITERATIONS):
            step(i)
            calls += 1
            if _worst_drop(before, _counts()) > MAX_DROP:
                break
        after = _counts()
    finally:
        gc.enable()
    drops = (before[0] - after[0], before[1] - after[1], before[2] - after[2])
    return drops, calls


@pytest.mark.parametrize("case", list(CASES))
def test_qt_calls_keep_singleton_refcounts(qtbot: QtBot, case: str) -> None:
    """A Qt call must not lose references to None, True or False (PySide6 6.12.0 on 3.11 does)."""
    drops, calls = _measure(CASES[case](qtbot))
    report = ", ".join(
        f"{singleton!r} fell by {drop}" for singleton, drop in zip(SINGLETONS, drops, strict=True)
    )
    assert max(drops) <= MAX_DROP, (
        f"PySide6 {pyside_version} on Python {sys.version.split()[0]}: after {calls} calls of "
        f"{case}, {report}. This binding leaks references and would abort the app "
        "(none_dealloc); pyproject.toml must exclude it."
    )
