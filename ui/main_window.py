"""The main window: menus, the project list and the status bar."""

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTableView
from sqlalchemy import Engine
from sqlmodel import Session

from db.session import transaction
from tracker import queries
from tracker.demo import load_demo
from tracker.errors import TrackerError
from tracker.queries import ProjectRow
from ui.models.row_table import Column, RowTableModel

PROJECT_COLUMNS: list[Column[ProjectRow]] = [
    Column("Project", lambda r: r.name),
    Column("Company", lambda r: r.company),
    Column("Country", lambda r: r.country),
    Column("Stage", lambda r: r.stage),
    Column("Commodities", lambda r: r.commodities, display="-".join),
    Column("Status", lambda r: r.status),
]


class MainWindow(QMainWindow):
    """Shows one database; the engine is handed in by whoever opened it."""

    def __init__(self, engine: Engine, db_label: str = "") -> None:
        super().__init__()
        self.engine = engine
        self.setWindowTitle("Mining Project Tracker")
        self.projects = RowTableModel(PROJECT_COLUMNS, id_of=lambda r: r.id)
        self.project_view = QTableView()
        self.project_view.setModel(self.projects)
        self.project_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.project_view.setAlternatingRowColors(True)
        self.project_view.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.project_view)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(QLabel(db_label or str(engine.url)))
        self._build_menus()
        self._restore_geometry()
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.load_demo_action = QAction("Load &Demo Portfolio", self)
        self.load_demo_action.triggered.connect(self.load_demo)
        file_menu.addAction(self.load_demo_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about_action = QAction("&About", self)
        about_action.triggered.connect(self._about)
        help_menu.addAction(about_action)

    def refresh(self) -> None:
        with Session(self.engine) as session:
            rows = queries.project_rows(session)
        self.projects.set_rows(rows)
        self.count_label.setText(f"{len(rows):,} projects")

    def load_demo(self) -> None:
        try:
            with transaction(self.engine) as session:
                load_demo(session)
        except TrackerError as exc:
            QMessageBox.information(self, "Demo portfolio", str(exc))
            return
        self.refresh()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Mining Project Tracker",
            "Track mining projects through their studies, log deals, and follow your portfolio.",
        )

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
