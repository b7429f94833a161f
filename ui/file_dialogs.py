"""File choosers for databases and CSV files to import. They open with ``open()`` and call back, so
nothing blocks."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

#: Chooses a file and calls back with its path (the window's are replaceable by tests).
PathChooser = Callable[[Callable[[str], None]], None]


def choose_database_to_open(parent: QWidget, chosen: Callable[[str], None]) -> None:
    dialog = QFileDialog(parent, "Open Database")
    dialog.setNameFilters(["Tracker databases (*.sqlite3 *.sqlite *.db)", "All files (*)"])
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    _open(dialog, chosen)


def choose_database_to_create(parent: QWidget, chosen: Callable[[str], None]) -> None:
    dialog = QFileDialog(parent, "New Database")
    dialog.setNameFilters(["Tracker databases (*.sqlite3)"])
    dialog.setDefaultSuffix("sqlite3")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    _open(dialog, chosen)


def choose_csv_file(parent: QWidget, title: str, chosen: Callable[[str], None]) -> None:
    """A CSV (or text) file to import: share prices, exchange rates, commodity prices."""
    dialog = QFileDialog(parent, title)
    dialog.setNameFilters(["CSV and text files (*.csv *.tsv *.txt)", "All files (*)"])
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    _open(dialog, chosen)


def _open(dialog: QFileDialog, chosen: Callable[[str], None]) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(chosen)
    dialog.open()
