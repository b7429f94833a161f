"""File ▸ Export to Excel…: choose where, optionally only what the filter shows, then export
on a background thread with a delayed progress dialog and Cancel."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.excel.export import ExportResult, export_workbook
from tracker.excel.export_rows import Selection
from ui.excel.choosers import Chooser, choose_save
from ui.excel.job import ExcelJob, Progress, finish_jobs
from ui.excel.progress import DelayedProgress

if TYPE_CHECKING:
    from ui.data.gateway import Engine

SelectionSource = Callable[[], Selection | None]
#: (parent, existing file) -> whether to replace it; tests answer without a dialog.
ConfirmOverwrite = Callable[[QWidget, Path], bool]


def ask_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Replace the workbook?",
        f"{path.name} already exists in {path.parent}. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def default_name(now: datetime) -> str:
    """Changes by the minute, so a second export of the day does not land on the first."""
    return f"mining-portfolio-{now:%Y-%m-%d-%H%M}.xlsx"


class ExportDialog(QDialog):
    """Emits ``exported`` with the result once the workbook is written."""

    exported = Signal(object)

    def __init__(
        self,
        engine: "Engine",
        parent: QWidget | None = None,
        *,
        selection: SelectionSource | None = None,
        choose: Chooser = choose_save,
        folder: Path | None = None,
        confirm_overwrite: ConfirmOverwrite = ask_overwrite,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("excelExport")
        self.setWindowTitle("Export to Excel")
        self.engine = engine
        self._selection = selection
        self._choose = choose
        self._confirm_overwrite = confirm_overwrite
        self.job: ExcelJob | None = None
        self.path_edit = QLineEdit(str((folder or Path.home()) / default_name(now())))
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)  # Return in the path box exports, it does not browse
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.filtered = QCheckBox("Only what the current filter shows")
        self.filtered.setEnabled(selection is not None)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Workbook:", row)
        form.addRow("", self.filtered)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        chosen = self._choose(self, Path(self.path_edit.text()))
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def start(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.status.setText("Choose where to save the workbook.")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        if path.exists() and not self._confirm_overwrite(self, path):
            self.status.setText(f"Not exported: {path.name} already exists; choose another name.")
            return
        selection = self._selection() if self._selection and self.filtered.isChecked() else None
        engine = self.engine

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ExportResult:
            return export_workbook(engine, path, selection, progress=progress, cancelled=cancelled)

        self.export_button.setEnabled(False)
        self.status.setText("Exporting…")
        self.job = ExcelJob(work, self)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        DelayedProgress(self.job, "Exporting to Excel", self)
        self.job.start()

    def _done(self, result: ExportResult) -> None:
        self.job = None
        total = sum(result.rows.values())
        self.status.setText(f"Exported {total:,} rows to {result.path.name}.")
        self.exported.emit(result)
        self.accept()

    def _failed(self, message: str, details: str) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.status.setText(message)
        self.status.setToolTip(details)

    def _cancelled(self) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.status.setText("Export cancelled; no file was written.")

    def done(self, result: int) -> None:
        finish_jobs(self)
        super().done(result)
