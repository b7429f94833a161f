"""File ▸ Export to Excel…: choose where, optionally only what the filter shows, then export
on a background thread with a delayed progress dialog and Cancel."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from tracker.excel.export import ExportResult, export_workbook
from tracker.excel.export_rows import Selection
from ui.excel.choosers import Chooser, choose_save
from ui.excel.job import ExcelJob, Progress, finish_jobs
from ui.excel.progress import DelayedProgress

SelectionSource = Callable[[], Selection | None]


class ExportDialog(QDialog):
    """Emits ``exported`` with the result once the workbook is written."""

    exported = Signal(object)

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        *,
        selection: SelectionSource | None = None,
        choose: Chooser = choose_save,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("excelExport")
        self.setWindowTitle("Export to Excel")
        self.engine = engine
        self._selection = selection
        self._choose = choose
        self.job: ExcelJob | None = None
        name = f"mining-portfolio-{date.today().isoformat()}.xlsx"
        self.path_edit = QLineEdit(str((folder or Path.home()) / name))
        browse = QPushButton("Browse…")
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
