"""File choosers, injectable so tests never block on a native dialog."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

#: (parent, suggested path) -> chosen path, or None when the user cancelled.
Chooser = Callable[[QWidget, Path | None], Path | None]

SPREADSHEETS = "Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.tsv);;All files (*)"
WORKBOOK = "Excel workbook (*.xlsx)"
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv"})


def choose_open(parent: QWidget, suggested: Path | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import from Excel", str(suggested or ""), SPREADSHEETS
    )
    return Path(name) if name else None


def choose_save(parent: QWidget, suggested: Path | None) -> Path | None:
    # The export asks before replacing a file, whichever way its name was given.
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Save workbook",
        str(suggested or ""),
        WORKBOOK,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
