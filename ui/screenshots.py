"""Screenshots of the main window on the demo portfolio, light and dark, for the README.

``make screenshots`` (``python -m ui.screenshots``) writes docs/screenshots/: the window in
light and dark at 100 %, a project's timeline tab, the Timeline page, the project and resource-line
forms, and the window at 200 % scaling (taken by a second
process started with ``QT_SCALE_FACTOR=2``, since the scale is fixed when Qt starts). It works
on a temporary database and temporary settings, so it never touches the user's own.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1400, 860)


def _wait(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QCoreApplication.processEvents()


def take(output: Path, suffix: str, schemes: list[str]) -> list[Path]:
    """Shoot the window in each scheme; returns the files written."""
    from PySide6.QtCore import QSettings
    from sqlmodel import Session

    from db.open import open_database
    from db.session import transaction
    from tracker import rowsets
    from tracker.demo import load_demo
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
        window.resize(*SIZE)
        window.show()
        section = window.sections["projects"]
        for scheme in schemes:
            window.set_scheme(Scheme(scheme))
            window.show_section("projects")
            _wait(lambda: section.complete)
            section.reveal(showcase)
            _wait(lambda: section.current_id() == showcase)
            path = output / f"main-{scheme}{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
            if scheme == schemes[0]:
                written.extend(_extra_shots(window, output, suffix, scheme))
        window.set_scheme(Scheme.SYSTEM)
        window.close()
        engine.dispose()
    return written


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


def _extra_shots(window: object, output: Path, suffix: str, scheme: str) -> list[Path]:
    """The deals list, the charts and the project form, in the first scheme only."""
    from ui.main_window import TIMELINE, MainWindow

    assert isinstance(window, MainWindow)
    written = []
    projects = window.show_section("projects")
    tabs = projects.detail_tabs
    if tabs is not None:
        tabs.setCurrentWidget(window.project_charts[0])
        _wait(lambda: window.project_charts[0].chart is not None)
        path = output / f"project-timeline-{scheme}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
        tabs.setCurrentIndex(0)
    window.show_page(TIMELINE)
    _wait(lambda: window.timeline_page.timeline.chart is not None)
    path = output / f"timeline-page-{scheme}{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    deals = window.show_section("deals")
    _wait(lambda: deals.complete)
    path = output / f"deals-{scheme}{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    projects = window.show_section("projects")
    project_id = projects.current_id()
    if project_id is not None:
        form = window.editor.edit("project", project_id)
        form.resize(720, 820)
        _wait(form.isVisible)
        path = output / f"project-form-{scheme}{suffix}.png"
        form.grab().save(str(path))
        written.append(path)
        form.close()
        form = window.editor.new("resource", project_id=project_id)
        _wait(form.isVisible)
        path = output / f"resource-form-{scheme}{suffix}.png"
        form.grab().save(str(path))
        written.append(path)
        form.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR to shoot at")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
        written = take(args.output, f"-{round(args.scale * 100)}", ["light"])
    else:
        written = take(args.output, "", ["light", "dark"])
        subprocess.run(
            [sys.executable, "-m", "ui.screenshots", "--scale", "2", "--output", str(args.output)],
            check=True,
        )
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
