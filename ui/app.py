"""Start the Qt application on a database URL.

Charts (pyqtgraph) and Excel (openpyxl) are imported only where they are used, so the window
is up before they would even have loaded.
"""

import logging
import sys
from importlib import import_module, resources
from types import ModuleType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui.errors import install_excepthook
from ui.icons import icon
from ui.main_window import MainWindow
from ui.theme import Scheme, apply_scheme

ORGANIZATION = "Mining Project Tracker"
APPLICATION = "mining-tracker"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings land in the app's own place, and styled."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    name_application(app)
    style_application(app)
    return app


def name_application(app: QApplication) -> None:
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Mining Project Tracker")


def style_application(app: QApplication) -> None:
    """The app's small style sheet, its icon, and the light or dark choice saved last time."""
    sheet = resources.files("resources.styles").joinpath("app.qss").read_text("utf-8")
    app.setStyleSheet(sheet)
    app.setWindowIcon(icon("app"))
    saved = QSettings().value("appearance", Scheme.SYSTEM.value)
    if saved in (Scheme.LIGHT.value, Scheme.DARK.value):
        apply_scheme(app, Scheme(saved))


def run_app(db_url: str) -> int:
    """Show the main window at once, then open ``db_url`` in the background.

    A database that cannot be opened gets a message in the window, whose File menu can then
    open or create another. The log file was set up by ``main.py`` before.
    """
    app = make_application()
    logging.getLogger("mining_tracker").info("starting on %s", db_url)
    window = MainWindow(None, db_url, owns_engine=True)
    install_excepthook(lambda: QApplication.activeWindow() or window)
    window.show()
    window.open_in_background(db_url)
    install_excel_later(window)
    return app.exec()


def install_excel_later(window: MainWindow) -> None:
    """Add the Excel import and export (``ui.excel``) once the first lists have loaded: it
    brings openpyxl, which the window does not need to appear. The module is imported on the
    database thread; asking for an import before then installs it at once."""
    installed: list[bool] = []

    def install(module: ModuleType) -> None:
        if not installed:
            installed.append(True)
            module.install_excel_actions(window)

    def missing(error: BaseException) -> None:
        if not isinstance(error, ImportError):
            window.report_error(error)

    def now() -> None:
        try:
            install(import_module("ui.excel.actions"))
        except ImportError:
            return

    def when_idle() -> None:
        window.gateway.idle.disconnect(when_idle)
        window.gateway.call(lambda: import_module("ui.excel.actions"), install, missing)

    window.install_excel = now
    window.gateway.idle.connect(when_idle)
