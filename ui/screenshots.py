"""Screenshots of every view of the window on the demo portfolio, for the README and reviews.

``make screenshots`` (``python -m ui.screenshots``) writes docs/screenshots/: each section, the
project's Timeline and Economics tabs, the Timeline page, each Portfolio tab and the main forms,
in light and dark, at 100 % (``VIEW-SCHEME.png``) and at 200 % (``VIEW-SCHEME-200.png``, taken by
a second process started with ``QT_SCALE_FACTOR=2``, since the scale is fixed when Qt starts).
It works on a temporary database and temporary settings, so it never touches the user's own.
The window is shot on an offscreen screen of 1600x1000 pixels, at a size that fits it at
either scale.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
#: Window size in device-independent pixels at 100 %; halved at 200 % so both fit 1600x1000.
SIZE = (1400, 860)
SCALED_SIZE = (780, 480)
SCHEMES = ("light", "dark")
#: Record forms shot, with the record they open on (None: a new record).
FORMS = ("project", "study", "deal", "resource")


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the window's background reads land; a screenshot tool, not a test, so it polls."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QCoreApplication.processEvents()


def take(output: Path, suffix: str, size: tuple[int, int]) -> list[Path]:
    """Shoot every view in each scheme; returns the files written."""
    from PySide6.QtCore import QSettings
    from sqlmodel import Session

    from db.open import open_database
    from db.session import transaction
    from tracker.demo import load_demo
    from tracker.lists import rowsets
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.theme import Scheme

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        app = make_application([sys.argv[0]])
        app.setOrganizationName("Mining Project Tracker Screenshots")
        engine = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        with transaction(engine) as session:
            load_demo(session)
        with Session(engine) as session:
            projects = rowsets.project_rowset(session)
        showcase = _showcase(engine, [row.id for row in projects.rows])
        window = MainWindow(engine, "demo portfolio")
        window.resize(*size)
        window.show()
        for scheme in SCHEMES:
            window.set_scheme(Scheme(scheme))

            def save(widget: "QWidget", view: str, scheme: str = scheme) -> None:
                path = output / f"{view}-{scheme}{suffix}.png"
                widget.grab().save(str(path))
                written.append(path)

            _shoot_window(window, showcase, save)
            _shoot_forms(window, save)
            _shoot_capture(window, save)
        window.set_scheme(Scheme.SYSTEM)
        window.close()
        engine.dispose()
    return written


def _shoot_window(
    window: "MainWindow", showcase: int, save: Callable[["QWidget", str], None]
) -> None:
    """Each section with a record selected, the project's chart tabs, Timeline and Portfolio."""
    from ui.main_window import PORTFOLIO, TIMELINE

    for key, section in window.sections.items():
        window.show_section(key)
        _wait(lambda section=section: section.complete)  # type: ignore[misc]
        if key == "projects":
            section.reveal(showcase)
            _wait(lambda section=section: section.current_id() == showcase)  # type: ignore[misc]
        save(window, "main" if key == "projects" else key)
    projects = window.show_section("projects")
    tabs = projects.detail_tabs
    if tabs is not None:
        for chart, view in zip(window.project_charts, ("timeline", "economics"), strict=True):
            tabs.setCurrentWidget(chart)
            _wait(lambda chart=chart: chart.chart is not None)  # type: ignore[misc]
            save(window, f"project-{view}")
        tabs.setCurrentIndex(0)
    window.show_page(TIMELINE)
    _wait(lambda: window.timeline_page.timeline.chart is not None)
    save(window, "timeline-page")
    window.show_page(PORTFOLIO)
    page = window.portfolio
    _wait(lambda: page.panel is not None)
    panel = page.panel
    assert panel is not None
    names = (
        "holdings",
        "performance",
        "interests",
        "exposure",
        "lookthrough",
        "screening",
        "commodities",
        "upcoming",
    )
    for index, name in enumerate(names):
        panel.tabs.setCurrentIndex(index)
        _wait(lambda: not panel.pending)
        save(window, f"portfolio-{name}")
    panel.tabs.setCurrentIndex(0)
    window.show_section("projects")


def _shoot_forms(window: "MainWindow", save: Callable[["QWidget", str], None]) -> None:
    """The project, study, deal and resource-line forms, each on a record of the demo."""
    for kind in FORMS:
        section_key = {"resource": "projects", "study": "studies"}.get(kind, f"{kind}s")
        section = window.show_section(section_key)
        _wait(lambda section=section: section.complete)  # type: ignore[misc]
        record_id = section.current_id()
        if record_id is None:
            continue
        opened: list[QWidget] = []
        window.editor.form_opened.connect(opened.append)
        if kind == "resource":
            window.editor.new("resource", project_id=record_id)
        else:
            window.editor.edit(kind, record_id)
        _wait(lambda opened=opened: bool(opened))  # type: ignore[misc]
        window.editor.form_opened.disconnect(opened.append)
        form = opened[0]
        save(form, f"{kind}-form")
        form.reject() if hasattr(form, "reject") else form.close()
        _wait(lambda form=form: not form.isVisible())  # type: ignore[misc]


#: A labelled release the capture review is shot on (written for the tests, fictional).
CAPTURE_SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "capture" / "corpus"


def _shoot_capture(window: "MainWindow", save: Callable[["QWidget", str], None]) -> None:
    """The news-release review on a study release, its figures highlighted."""
    from ui.capture.actions import Release

    sample = next(iter(sorted(CAPTURE_SAMPLE.glob("study_*pea*.txt"))), None)
    if sample is None:
        return
    window.capture.capture(Release(sample.name, text=sample.read_text(encoding="utf-8")))
    _wait(lambda: window.capture.dialog is not None and window.capture.dialog.isVisible())
    dialog = window.capture.dialog
    assert dialog is not None
    save(dialog, "capture-review")
    dialog.reject()
    window.capture.dialog = None
    _wait(lambda: not dialog.isVisible())


def _showcase(engine: object, project_ids: list[int]) -> int:
    """The demo project with the most studies: its detail shows the study-to-study changes."""
    from sqlalchemy import Engine, func, select
    from sqlmodel import Session, col

    from tracker.models import Study

    assert isinstance(engine, Engine)
    with Session(engine) as session:
        counts = dict(
            session.execute(
                select(col(Study.project_id), func.count()).group_by(col(Study.project_id))
            ).all()
        )
    return max(project_ids, key=lambda project_id: (counts.get(project_id, 0), -project_id))


def _screen_config() -> Path:
    """An offscreen screen of 1600x1000 pixels, a laptop's (the plugin's own is 800x800)."""
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000}
    config = {"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    path = Path(tempfile.gettempdir()) / "mining-tracker-screenshots-screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR to shoot at")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_config()}"
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
        written = take(args.output, f"-{round(args.scale * 100)}", SCALED_SIZE)
    else:
        written = take(args.output, "", SIZE)
        subprocess.run(
            [sys.executable, "-m", "ui.screenshots", "--scale", "2", "--output", str(args.output)],
            check=True,
        )
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
