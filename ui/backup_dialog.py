"""File ▸ Restore from Backup…: the backups beside the database, and putting one back.

The list (dates, sizes, record counts) is read on the write thread, and so is the restore, so
that it never runs between another write's reads and writes. The state replaced is itself kept
as a backup, so a restore can be undone by restoring that one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.data import Gateway

if TYPE_CHECKING:
    from ui.data.gateway import Engine

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class BackupRow:
    """One backup as the list shows it."""

    path: Path
    made: datetime
    label: str
    size: int
    counts: dict[str, int]


#: Why a backup was made, as a person reads it (schema revisions are "before an upgrade").
REASONS = {
    "import": "before an import",
    "daily": "daily",
    "manual": "made by hand",
    "restore": "before a restore",
}
HEADERS = ("Made", "Why", "Size", "Records")


def reason_text(label: str) -> str:
    return REASONS.get(label, f"before the upgrade from schema {label}")


def load_backup_rows(engine: "Engine") -> list[BackupRow]:
    """Every backup beside ``engine``'s file, newest first, with its record counts."""
    from db.backups import backup_counts, list_backups

    rows = []
    for backup in list_backups(engine):
        try:
            counts = backup_counts(backup.path)
        except Exception:  # a damaged copy is still listed, without counts
            counts = {}
        rows.append(BackupRow(backup.path, backup.made, backup.label, backup.size, counts))
    return rows


class BackupTableModel(QAbstractTableModel):
    """The backups; sorts on the raw date, size and counts (``Qt.UserRole``)."""

    def __init__(self, rows: list[BackupRow] | None = None) -> None:
        super().__init__()
        self.rows = rows or []

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.made.strftime("%Y-%m-%d %H:%M:%S"),
                reason_text(row.label),
                f"{row.size / 1024:,.0f} kB",
                ", ".join(f"{n:,} {kind}" for kind, n in row.counts.items()) or "unreadable",
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return (row.made, row.label, row.size, sum(row.counts.values()))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.path.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """Choose a backup and restore it; ``restored`` carries the message to show after."""

    restored = Signal(str)

    def __init__(
        self,
        writes: Gateway,
        confirm: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setObjectName("restore_dialog")
        self.resize(720, 380)
        self._writes = writes
        #: Asks before the database is replaced; tests answer it.
        self.confirm = confirm or self._ask
        self.model = BackupTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.status = QLabel("Reading the backups…")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "&Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Backups are kept beside the database: before each upgrade and import, and "
                "daily. Restoring one keeps the current state as a backup too."
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def load(self) -> None:
        """Read the list on the write thread; the dialog fills when it is back."""
        self._writes.call(self._read, self._show, self._failed)

    def _read(self) -> list[BackupRow]:
        engine = self._writes.engine
        return load_backup_rows(engine) if engine is not None else []

    def _show(self, rows: list[BackupRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.status.setText(f"{len(rows)} backups, newest first.")
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self.status.setText("No backups yet: one is made daily and before each import.")

    def _failed(self, error: BaseException) -> None:
        self.status.setText(f"The backups cannot be read: {error}")

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def selected(self) -> BackupRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.model.rows[chosen[0].row()] if chosen else None

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = (
            f"Replace everything in the database with the backup of "
            f"{row.made:%Y-%m-%d %H:%M} ({reason_text(row.label)})? The current state is kept "
            "as a backup, and the undo history is cleared."
        )
        if not self.confirm(question):
            return
        self.restore_button.setEnabled(False)
        self.status.setText("Restoring…")
        self._writes.call(lambda: self._restore(row.path), self._done, self._failed_restore)

    def _restore(self, path: Path) -> Path | None:
        from db.backups import restore_backup
        from db.migrate import upgrade_to_head

        engine = self._writes.engine
        assert engine is not None
        return restore_backup(engine, path, upgrade=upgrade_to_head)

    def _done(self, kept: Path | None) -> None:
        kept_text = f" The database as it was is kept as {kept.name}." if kept else ""
        self.restored.emit(f"Restored the backup.{kept_text}")
        self.accept()

    def _failed_restore(self, error: BaseException) -> None:
        self.status.setText(f"Not restored: {error}. Nothing was changed.")
        self._selection_changed()

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Restore from Backup", question)
        return answer == QMessageBox.StandardButton.Yes
