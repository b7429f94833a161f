"""The window at 200 % on a 1600 x 1000 screen, and what it remembers for the next start.

At 200 % (``QT_SCALE_FACTOR=2``) such a screen is 800 x 500 logical pixels. The scale is set
when Qt starts, so those checks run the window in a child process (this module, run as a
script) on an offscreen screen of that size, and compare what it reports.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from ui.charts.row_axis import RowAxis
from ui.main_window import MainWindow
from ui.window_state import DEFAULT_SIZE

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent
SCREEN = {"width": 1600, "height": 1000}


def run_window(tmp_path: Path, scale: int) -> dict[str, Any]:
    """Open the demo in a child process at ``scale``; settings persist in ``tmp_path``."""
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96}
    config.write_text(json.dumps({"screens": [{**screen, **SCREEN, "dpr": 1}]}))
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.test_ui_scaling", str(tmp_path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, Any]]:
    """A first start at 200 %, then the next start at 100 % with what the first saved."""
    with tempfile.TemporaryDirectory() as folder:
        first = run_window(Path(folder), 2)
        second = run_window(Path(folder), 1)
    return {"200": first, "100": second}


def fits(size: list[int], screen: list[int]) -> bool:
    return size[0] <= screen[0] and size[1] <= screen[1]


def test_at_200_percent_every_page_fits_the_screen(runs: dict[str, dict[str, Any]]) -> None:
    report = runs["200"]
    assert report["screen"] == [800, 500]
    for page in ("start", "portfolio", "timeline"):
        assert fits(report["frames"][page], report["screen"]), (page, report["frames"][page])


def test_at_200_percent_the_project_list_shows_more_than_its_names(
    runs: dict[str, dict[str, Any]],
) -> None:
    """The details once took nearly all the width, leaving the list one clipped column."""
    assert runs["200"]["list_first_column_whole"], "the project names are cut"
    assert runs["200"]["list_columns_in_view"] >= 2


def test_at_200_percent_every_timeline_row_is_named(runs: dict[str, dict[str, Any]]) -> None:
    names = runs["200"]["row_names"]
    assert names[0] == "Global events"
    rows = runs["200"]["named_rows"]
    assert rows == list(range(-1, rows[-1] + 1)), "a row without its name"
    assert len(rows) >= 5


def test_the_next_start_at_100_percent_is_not_the_200_percent_size(
    runs: dict[str, dict[str, Any]],
) -> None:
    report = runs["100"]
    assert report["screen"] == [1600, 1000]
    assert report["frames"]["start"][0] >= DEFAULT_SIZE[0]
    assert report["size"] == list(DEFAULT_SIZE)


# In the test process, on the offscreen test screen (800 x 800).


def start_window(qtbot: QtBot, engine: Engine) -> MainWindow:
    window = MainWindow(engine, "memory")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_saved_size_larger_than_the_screen_is_corrected(
    qtbot: QtBot, engine: Engine, gui_settings: Path, no_leaks: None
) -> None:
    first = start_window(qtbot, engine)
    first.resize(2400, 1500)
    first.move(300, 200)
    first.close()
    room = first.screen().availableGeometry()

    second = start_window(qtbot, engine)
    try:
        frame = second.frameGeometry()
        assert room.contains(frame), (frame, room)
        assert frame.width() == room.width()
    finally:
        second.close()


def test_a_size_saved_at_another_scale_gives_the_default(
    qtbot: QtBot, engine: Engine, gui_settings: Path, no_leaks: None
) -> None:
    first = start_window(qtbot, engine)
    first.resize(392, 300)
    first.close()
    QSettings().setValue("main_window/scale", 2.0)  # as if saved at 200 %
    assert isinstance(QSettings().value("main_window/geometry"), QByteArray)

    second = start_window(qtbot, engine)
    try:
        room = second.screen().availableGeometry()
        # The default size (1280 x 780), made to fit the 800-pixel-wide test screen.
        assert second.frameGeometry().width() == room.width()
        assert second.height() == DEFAULT_SIZE[1]
    finally:
        second.close()


def test_the_global_events_row_is_named_however_thin_the_rows() -> None:
    axis = RowAxis()
    axis.set_labels([f"project {row}" for row in range(100)])
    axis.top_label = "Global events"
    # 100 rows in 400 pixels: too thin to name each one.
    ((step, rows),) = axis.tickValues(-1.6, 99.5, 400)
    assert step > 1
    assert rows[0] == -1
    assert all(row % step == 0 for row in rows[1:])
    assert rows[1] > -1 + step - 1


def _child(folder: Path) -> None:
    """Run in the child process: open the demo, visit the pages, print what was measured."""
    from PySide6.QtCore import QDeadlineTimer, QThread
    from PySide6.QtWidgets import QApplication

    from db.engine import make_engine
    from db.migrate import upgrade_to_head
    from db.session import transaction
    from tracker.demo import load_demo
    from ui.app import style_application

    app = QApplication([])
    app.setOrganizationName("Mining Project Tracker Tests")
    app.setApplicationName("scaling")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    database = folder / f"demo-{os.getpid()}.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    upgrade_to_head(engine)
    with transaction(engine) as session:
        load_demo(session)
    style_application(app)

    def wait(condition: Any, seconds: float = 20) -> None:
        deadline = QDeadlineTimer(int(seconds * 1000))
        while not condition() and not deadline.hasExpired():
            app.processEvents()
            QThread.msleep(5)
        for _ in range(20):
            app.processEvents()

    window = MainWindow(engine, "demo")
    window.show()
    projects = window.sections["projects"]
    wait(lambda: projects.complete)
    room = window.screen().availableGeometry()

    def frame() -> list[int]:
        return [window.frameGeometry().width(), window.frameGeometry().height()]

    report: dict[str, Any] = {"screen": [room.width(), room.height()], "frames": {}}
    report["frames"]["start"] = frame()
    report["size"] = [window.width(), window.height()]
    # What a window manager does with a window larger than the screen; the offscreen
    # platform has none. The chart is measured in a window that fits.
    window.resize(
        min(window.width(), room.width() - (window.frameGeometry().width() - window.width())),
        min(window.height(), room.height() - (window.frameGeometry().height() - window.height())),
    )
    wait(lambda: True)
    header = projects.view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    width = projects.view.viewport().width()
    first = shown[0]
    report["list_first_column_whole"] = (
        header.sectionViewportPosition(first) + header.sectionSize(first) <= width
    )
    report["list_columns_in_view"] = sum(
        1 for column in shown if header.sectionViewportPosition(column) < width
    )
    window.show_page("portfolio")
    wait(lambda: window.portfolio.panel is not None)
    report["frames"]["portfolio"] = frame()
    window.show_page("timeline")
    lazy = window.timeline_page.timeline
    wait(lambda: lazy.chart is not None and len(lazy.chart.rows) > 0)
    report["frames"]["timeline"] = frame()
    chart = lazy.chart
    axis = chart.row_axis
    low, high = chart.box.viewRange()[1]
    ((_step, named),) = axis.tickValues(low, high, axis.geometry().height())
    report["named_rows"] = [row for row in named if math.ceil(low) <= row <= high]
    report["row_names"] = [axis.row_name(row) for row in report["named_rows"]]
    window.close()
    engine.dispose()
    print(json.dumps(report))


if __name__ == "__main__":
    _child(Path(sys.argv[1]))
