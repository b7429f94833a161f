"""Start the Qt application on a database URL."""

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from db.errors import DatabaseOpenError
from db.open import open_database
from ui.main_window import MainWindow

ORGANIZATION = "Mining Project Tracker"
APPLICATION = "mining-tracker"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings land in the app's own place."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Mining Project Tracker")
    return app


def run_app(db_url: str) -> int:
    """Open the main window on ``db_url``; a database that cannot be opened gets a message."""
    app = make_application()
    try:
        engine = open_database(db_url)
    except DatabaseOpenError as exc:
        QMessageBox.critical(None, "Cannot open the database", str(exc))
        return 1
    window = MainWindow(engine, db_url)
    window.show()
    return app.exec()
