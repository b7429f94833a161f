"""Render every chart on the demo portfolio, light and dark, into docs/screenshots/.

``python -m ui.charts.screenshots [--out DIR] [--today YYYY-MM-DD]`` (offscreen by default).
The charts are meant to be looked at: run this after changing them and view the images.
"""

import argparse
import os
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine
from sqlmodel import Session

from db.open import open_database
from db.session import transaction
from tracker.demo import load_demo
from tracker.timeline import load_timeline, project_economics
from ui.charts.lazy import ChartKind, create_chart

ROOT = Path(__file__).resolve().parents[2]
SIZES = {
    ChartKind.PROJECT_TIMELINE: (1200, 560),
    ChartKind.PORTFOLIO_TIMELINE: (1300, 820),
    ChartKind.STUDY_ECONOMICS: (1000, 620),
    ChartKind.PORTFOLIO_SCATTER: (1100, 700),
}
FILE_NAMES = {
    ChartKind.PROJECT_TIMELINE: "timeline",
    ChartKind.PORTFOLIO_TIMELINE: "timeline-portfolio",
    ChartKind.STUDY_ECONOMICS: "economics",
    ChartKind.PORTFOLIO_SCATTER: "economics-portfolio",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2B2B2B",
        QPalette.ColorRole.WindowText: "#E6E6E6",
        QPalette.ColorRole.Base: "#1E1E1E",
        QPalette.ColorRole.AlternateBase: "#2B2B2B",
        QPalette.ColorRole.Text: "#E6E6E6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#E6E6E6",
        QPalette.ColorRole.Highlight: "#2A82DA",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#E6E6E6",
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    return palette


def showcase_project(engine: Engine, today: date) -> int:
    """The demo project with the most studies with economics, then the most timeline items."""
    with Session(engine) as session:
        data = load_timeline(session, today)
        items: Counter[int] = Counter()
        for lane in (data.stages, data.deals, data.studies, data.obligations, data.events):
            items.update(lane.project_ids.tolist())
        studies = {project_id: len(project_economics(session, project_id)) for project_id in items}
    return max(items, key=lambda project_id: (studies[project_id], items[project_id]))


def render(
    app: QApplication, engine: Engine, kind: ChartKind, project_id: int, today: date, path: Path
) -> None:
    chart: QWidget = create_chart(kind, engine, today)
    chart.resize(*SIZES[kind])
    chart.show()
    if kind in (ChartKind.PROJECT_TIMELINE, ChartKind.STUDY_ECONOMICS):
        chart.set_project(project_id)  # type: ignore[attr-defined]
    else:
        chart.set_project_ids(None)  # type: ignore[attr-defined]
    app.processEvents()
    chart.grab().save(str(path))
    chart.close()
    chart.deleteLater()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    light = app.style().standardPalette()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        try:
            with transaction(engine) as session:
                load_demo(session)
            project_id = showcase_project(engine, args.today)
            for theme, palette in (("light", light), ("dark", dark_palette())):
                app.setPalette(palette)
                for kind, name in FILE_NAMES.items():
                    path = args.out / f"{name}-{theme}.png"
                    render(app, engine, kind, project_id, args.today, path)
                    print(path)
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
