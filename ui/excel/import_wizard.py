"""File ▸ Import from Excel…: choose a file and sheet, check the column mapping and the
defaults that fill empty cells (and save them as a preset), preview what would change with every
problem and its fix, then import in one transaction.

Reading, previewing and importing run on background threads; Cancel writes nothing.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from db.session import Transactions
from tracker.excel.fields import all_fields, describe
from tracker.excel.importer import Source, read_source, remap, run_import
from tracker.excel.mapping import Mapping
from tracker.excel.presets import Preset, best_preset, load_presets, save_preset
from tracker.excel.report import Preview
from tracker.excel.sheet_rows import SheetChoice
from ui.excel.choosers import Chooser, choose_open
from ui.excel.defaults_editor import DefaultsEditor
from ui.excel.job import ExcelJob, Progress, Work, finish_jobs
from ui.excel.progress import DelayedProgress

ALL_SHEETS = "All importable sheets"
#: Notes (a total row left out, a fraction without a % format) listed in the summary.
SHOWN_NOTES = 8
#: Rows of the preview's row list (the counts above it cover every row).
SHOWN_ROWS = 2000
FILE, COLUMNS, PREVIEW, DONE = range(4)


def _cell(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _ignore(*_result: object) -> None:
    """No job has run yet."""


class ImportWizard(QDialog):
    """Emits ``imported`` with the preview of what was written."""

    imported = Signal(object)

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        *,
        choose: Chooser = choose_open,
        presets_folder: Path | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("excelImport")
        self.setWindowTitle("Import from Excel")
        self.engine = engine
        self._choose = choose
        self._presets_folder = presets_folder
        self._today = today
        self.source: Source | None = None
        self.sheet: SheetChoice | None = None
        self.preview: Preview | None = None
        self.job: ExcelJob | None = None
        #: What to do with the running job's result (``_run``).
        self._when_done: Callable[..., None] = _ignore
        self._read_path: Path | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._done_page())
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.import_button = QPushButton("Import")
        self.close_button = QPushButton("Close")
        self.next_button.setDefault(True)  # what Return presses, not the first button (Browse…)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self._update_buttons()

    # Pages -------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("A workbook: .xlsx .xlsm .xlsb .xls .ods")
        # Return and Tab (leaving the box) both read the file typed; Return never browses.
        self.path_edit.editingFinished.connect(self._open_typed)
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 30)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.preset_combo = QComboBox()
        apply_preset = QPushButton("Apply preset")
        apply_preset.clicked.connect(self._apply_preset)
        presets = QHBoxLayout()
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(apply_preset)
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow("File:", row)
        form.addRow("Sheet:", self.sheet_combo)
        form.addRow("Header row:", self.header_spin)
        form.addRow("Preset:", presets)
        form.addRow("", self.skipped_label)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.columns_table = _table(["Column", "Examples", "Imports into"])
        self.columns_table.setObjectName("mappingTable")
        self.defaults_editor = DefaultsEditor()
        self.defaults_editor.changed.connect(self._defaults_changed)
        self.preset_name = QLineEdit()
        self.preset_name.setPlaceholderText("Preset name, e.g. 'My watchlist'")
        save = QPushButton("Save preset")
        save.clicked.connect(self.save_preset)
        row = QHBoxLayout()
        row.addWidget(QLabel("Save this mapping for next time:"))
        row.addWidget(self.preset_name, 1)
        row.addWidget(save)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel("Check which field each column fills; pick '(ignore)' to skip one.")
        )
        layout.addWidget(self.columns_table, 1)
        layout.addWidget(
            QLabel(
                "Defaults fill a field's empty cells, in the rows that give its record "
                "something else (a study's discount rate, when the sheet has none):"
            )
        )
        layout.addWidget(self.defaults_editor)
        layout.addLayout(row)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("previewSummary")
        self.summary_label.setWordWrap(True)
        self.problems_table = _table(["Sheet", "Row", "Column", "Value", "Problem", "Fix"])
        self.problems_table.setObjectName("problemsTable")
        self.rows_table = _table(["Sheet", "Row", "Record", "Action"])
        self.rows_table.setObjectName("rowsTable")
        self.changes_table = _table(["Record", "Field", "Now", "After the import"])
        self.changes_table.setObjectName("changesTable")
        self.removals_table = _table(["Record", "Removed"])
        self.removals_table.setObjectName("removalsTable")
        self.preview_tabs = QTabWidget()
        self.preview_tabs.setObjectName("previewTabs")
        self.preview_tabs.addTab(self.problems_table, "Problems")
        self.preview_tabs.addTab(self.changes_table, "Updates")
        self.preview_tabs.addTab(self.removals_table, "Removals")
        self.preview_tabs.addTab(self.rows_table, "Rows")
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(
            QLabel(
                "Problems: each leaves out its row, or only the part of the row it is about "
                "(a study), as the Rows tab says:"
            )
        )
        layout.addWidget(self.preview_tabs, 1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = QLabel()
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        QVBoxLayout(page).addWidget(self.done_label)
        return page

    # Navigation --------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self.pages.currentIndex()

    def _update_buttons(self) -> None:
        busy = self.job is not None
        page = self.page
        ready = self.source is not None
        self.back_button.setEnabled(not busy and page in {COLUMNS, PREVIEW})
        self.next_button.setEnabled(not busy and ready and page in {FILE, COLUMNS})
        self.next_button.setVisible(page != DONE)
        self.import_button.setVisible(page == PREVIEW)
        writes = self.preview is not None and self.preview.writes > 0
        self.import_button.setEnabled(not busy and page == PREVIEW and writes)
        self.close_button.setText("Close" if page == DONE else "Cancel")

    def back(self) -> None:
        if self.page == PREVIEW and self.sheet is None:
            self.pages.setCurrentIndex(FILE)
        else:
            self.pages.setCurrentIndex(max(FILE, self.page - 1))
        self._update_buttons()

    def next(self) -> None:
        if self.page == FILE:
            if self.sheet is None:
                self.start_preview()
            else:
                self._fill_columns()
                self.pages.setCurrentIndex(COLUMNS)
        elif self.page == COLUMNS:
            self.start_preview()
        self._update_buttons()

    # File and sheet ----------------------------------------------------------------------

    def _browse(self) -> None:
        current = self.path_edit.text().strip()
        chosen = self._choose(self, Path(current) if current else None)
        if chosen is not None:
            self.open_path(chosen)

    def _open_typed(self) -> None:
        """Read the file typed, unless it is the one already read (or being read)."""
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text).expanduser()
        if path == self._read_path and (self.source is not None or self.job is not None):
            return
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Read ``path`` in the background and propose its sheets and mappings."""
        self.path_edit.setText(str(path))
        self._read_path = path
        self.source = None
        self.sheet = None
        self.preview = None
        self.sheet_combo.clear()
        self.pages.setCurrentIndex(FILE)

        def work(progress: Progress, cancelled: Callable[[], bool]) -> Source:
            progress("reading", 0, 0)
            source = read_source(path)
            source.wait()  # every sheet's cells, here: the pages show them on the GUI thread
            return source

        self._run(work, self._opened, "Reading the workbook")

    def _opened(self, source: Source) -> None:
        self.source = source
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        if source.ours or len(source.sheets) > 1:
            self.sheet_combo.addItem(ALL_SHEETS)
        if not source.ours:
            self.sheet_combo.addItems([sheet.name for sheet in source.sheets])
        self.sheet_combo.blockSignals(False)
        if not source.ours and len(source.sheets) > 1:
            self.sheet_combo.setCurrentIndex(1)
        self._sheet_changed(self.sheet_combo.currentText())
        kind = "a Mining Project Tracker workbook" if source.ours else "a spreadsheet"
        skipped = "; ".join(f"{name}: {why}" for name, why in source.skipped.items())
        self.skipped_label.setText(f"Left out: {skipped}" if skipped else "")
        self.status.setText(
            f"{source.name} is {kind} with {len(source.sheets)} sheet(s) to import."
        )
        self._update_buttons()

    def _sheet_changed(self, name: str) -> None:
        if self.source is None or not name:
            return
        if name == ALL_SHEETS:
            self.sheet = None
            self.header_spin.setEnabled(False)
        else:
            self.sheet = self.source.sheet(name)
            self.header_spin.setEnabled(True)
            self.header_spin.blockSignals(True)
            self.header_spin.setValue(self.sheet.header_row + 1)
            self.header_spin.blockSignals(False)
        self._fill_presets()
        self._update_buttons()

    def _header_changed(self, value: int) -> None:
        if self.sheet is not None and value - 1 < len(self.sheet.grid):
            defaults = self.sheet.mapping.defaults
            self.sheet = remap(self.sheet, value - 1)
            self._set_mapping(self.sheet.mapping.with_defaults(defaults))

    def _fill_presets(self) -> None:
        presets = load_presets(self._presets_folder)
        self.preset_combo.clear()
        self.preset_combo.addItem("(none)")
        self.preset_combo.addItems([preset.name for preset in presets])
        if self.sheet is not None:
            headers = [c.header for c in self.sheet.mapping.columns]
            fitting = best_preset(headers, presets)
            if fitting is not None:
                self.preset_combo.setCurrentText(fitting.name)
                self._apply_preset()

    def _apply_preset(self) -> None:
        name = self.preset_combo.currentText()
        preset = next((p for p in load_presets(self._presets_folder) if p.name == name), None)
        if self.sheet is None or preset is None:
            return
        header_row = self.sheet.header_row if preset.header_row is None else preset.header_row
        self.sheet = remap(self.sheet, min(header_row, len(self.sheet.grid) - 1), preset.columns)
        self._set_mapping(self.sheet.mapping.with_defaults(preset.defaults))
        self.status.setText(f"Preset '{preset.name}' applied.")

    # Columns -----------------------------------------------------------------------------

    def _fill_columns(self) -> None:
        sheet = self.sheet
        assert sheet is not None
        choices = [(describe(field), field.qualified) for field in all_fields()]
        columns = [c for c in sheet.mapping.columns if c.header]
        self.columns_table.setRowCount(len(columns))
        below = sheet.grid[sheet.header_row + 1 :]
        for row, column in enumerate(columns):
            examples = [
                str(cells[column.index])
                for cells in below[:50]
                if column.index < len(cells) and cells[column.index] not in (None, "")
            ][:3]
            self.columns_table.setItem(row, 0, _cell(column.header))
            self.columns_table.setItem(row, 1, _cell(", ".join(examples)))
            combo = QComboBox()
            combo.addItem("(ignore)", None)
            for label, qualified in choices:
                combo.addItem(label, qualified)
            if column.field is not None:
                combo.setCurrentIndex(combo.findData(column.field.qualified))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, index=column.index: self.set_field(index, c.currentData())
            )
            self.columns_table.setCellWidget(row, 2, combo)
        self.columns_table.resizeColumnsToContents()
        self.defaults_editor.set_defaults(sheet.mapping.defaults)

    def _set_mapping(self, mapping: Mapping) -> None:
        assert self.sheet is not None
        sheet = self.sheet
        self.sheet = replace(sheet, mapping=mapping)  # keeps what the file says of % cells

    def _defaults_changed(self, defaults: dict[str, str]) -> None:
        if self.sheet is not None:
            self._set_mapping(self.sheet.mapping.with_defaults(defaults))

    def set_field(self, index: int, qualified: str | None) -> None:
        """Map sheet column ``index`` to ``qualified`` (None: ignore it)."""
        if self.sheet is None:
            return
        self._set_mapping(self.sheet.mapping.with_field(index, qualified))
        for row in range(self.columns_table.rowCount()):
            combo = self.columns_table.cellWidget(row, 2)
            header = self.columns_table.item(row, 0)
            if not isinstance(combo, QComboBox) or header is None:
                continue
            mapped = next(
                (c for c in self.sheet.mapping.columns if c.header == header.text()), None
            )
            wanted = mapped.field.qualified if mapped and mapped.field else None
            if combo.currentData() != wanted:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(wanted) if wanted else 0)
                combo.blockSignals(False)

    def save_preset(self) -> None:
        name = self.preset_name.text().strip()
        if self.sheet is None or not name:
            self.status.setText("Name the preset first.")
            return
        mapping = self.sheet.mapping
        preset = Preset(name, mapping.as_dict(), self.sheet.header_row, dict(mapping.defaults))
        path = save_preset(preset, self._presets_folder)
        self.status.setText(f"Preset '{name}' saved ({path.name}).")

    # Preview and import ------------------------------------------------------------------

    def _chosen(self) -> list[SheetChoice]:
        assert self.source is not None
        return [self.sheet] if self.sheet is not None else list(self.source.sheets)

    def _import_work(self, dry_run: bool) -> Work:
        engine, source, sheets, today = self.engine, self.source, self._chosen(), self._today
        assert source is not None

        def work(progress: Progress, cancelled: Callable[[], bool]) -> Preview:
            from db.backups import make_backup

            return run_import(
                Transactions(engine),
                source,
                sheets,
                dry_run=dry_run,
                progress=progress,
                cancelled=cancelled,
                today=today,
                before_write=lambda: make_backup(engine, "import"),
            )

        return work

    def start_preview(self) -> None:
        self._run(self._import_work(dry_run=True), self._previewed, "Checking the rows")

    def _previewed(self, preview: Preview) -> None:
        self.preview = preview
        self.summary_label.setText(self._describe(preview, done=False))
        self.problems_table.setRowCount(len(preview.problems))
        for row, problem in enumerate(preview.problems):
            values = (
                problem.sheet,
                problem.row,
                problem.column,
                problem.value,
                problem.reason,
                problem.fix,
            )
            for column, value in enumerate(values):
                self.problems_table.setItem(row, column, _cell(value))
        shown = preview.rows[:SHOWN_ROWS]
        self.rows_table.setRowCount(len(shown))
        for row, outcome in enumerate(shown):
            shown_values = (outcome.sheet, outcome.row, outcome.label, outcome.action.value)
            for column, value in enumerate(shown_values):
                self.rows_table.setItem(row, column, _cell(value))
        self._fill_changes(preview)
        for table in (self.problems_table, self.changes_table, self.removals_table):
            table.resizeColumnsToContents()
        self.rows_table.resizeColumnsToContents()
        self.pages.setCurrentIndex(PREVIEW)
        self.status.setText("Nothing is written until you press Import.")
        self._update_buttons()

    def _fill_changes(self, preview: Preview) -> None:
        """Each update field by field (old → new), each removal, and tabs that count them;
        the tab most worth checking is shown."""
        changes = [
            (f"{update.entity.replace('_', ' ').capitalize()} {update.label}", change)
            for update in preview.updates
            for change in update.fields
        ][:SHOWN_ROWS]
        self.changes_table.setRowCount(len(changes))
        for row, (record, change) in enumerate(changes):
            for column, value in enumerate((record, change.field, change.old, change.new)):
                self.changes_table.setItem(row, column, _cell(value))
        removals = preview.removals[:SHOWN_ROWS]
        self.removals_table.setRowCount(len(removals))
        for row, removal in enumerate(removals):
            record = f"{removal.entity.replace('_', ' ').capitalize()} {removal.label}"
            self.removals_table.setItem(row, 0, _cell(record))
            self.removals_table.setItem(row, 1, _cell(removal.what))
        counts = (
            ("Problems", len(preview.problems)),
            ("Updates", len(preview.updates)),
            ("Removals", len(preview.removals)),
            ("Rows", len(preview.rows)),
        )
        tabs = self.preview_tabs
        for index, (name, count) in enumerate(counts):
            tabs.setTabText(index, f"{name} ({count:,})")
        tabs.setTabVisible(2, bool(preview.removals))
        # Problems first, then what goes (the riskiest change), then what changes.
        first = next((i for i in (0, 2, 1) if counts[i][1]), 3)
        tabs.setCurrentIndex(first)

    def start_import(self) -> None:
        self._run(self._import_work(dry_run=False), self._imported, "Importing")

    def _imported(self, preview: Preview) -> None:
        self.preview = preview
        self.done_label.setText(self._describe(preview, done=True))
        self.pages.setCurrentIndex(DONE)
        self.status.setText("")
        self._update_buttons()
        self.imported.emit(preview)

    @staticmethod
    def _describe(preview: Preview, done: bool) -> str:
        lines = [("Imported: " if done else "Ready to import: ") + preview.summary(done) + "."]
        for (entity, action), count in sorted(preview.records.items()):
            lines.append(f"  {entity.replace('_', ' ')}: {count:,} {action}")
        for sheet, reason in preview.skipped_sheets.items():
            lines.append(f"  sheet '{sheet}' left out: {reason}")
        for note in preview.notes[:SHOWN_NOTES]:
            lines.append(f"  note: {note}")
        if len(preview.notes) > SHOWN_NOTES:
            lines.append(f"  ... and {len(preview.notes) - SHOWN_NOTES:,} more notes")
        if done and not preview.complete:
            far = preview.values_left_out
            values = f"; values too far out to read: {far:,}" if far else ""
            lines.append(
                f"Left out: {preview.count_skipped():,} rows; imported without a part that "
                f"has a problem: {preview.partial_rows:,} rows{values}. Fix what each problem "
                "says and import the sheet again: what went in is matched, not added twice."
            )
        return "\n".join(lines)

    # Jobs --------------------------------------------------------------------------------

    def _run(self, work: Work, done: Callable[..., None], title: str) -> None:
        if self.job is not None:
            return
        self.job = ExcelJob(work, self)
        self._when_done = done
        # A bound method, not a lambda: PySide's receiver for a lambda went away with the
        # deleted job in a way that crashed the process (SIGSEGV in ~QObject) about every
        # other time the next job started at once.
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        DelayedProgress(self.job, title, self)
        self.status.setText(title + "…")
        self.job.start()
        self._update_buttons()

    def _succeeded(self, result: object) -> None:
        self._finished(self._when_done, result)

    def _finished(self, done: Callable[..., None], result: object) -> None:
        self.job = None
        done(result)
        self._update_buttons()

    def _failed(self, message: str, details: str) -> None:
        self.job = None
        self.status.setText(message)
        self.status.setToolTip(details)
        self._update_buttons()

    def _cancelled(self) -> None:
        self.job = None
        self.status.setText("Cancelled; nothing was written.")
        self._update_buttons()

    def cancel_work(self) -> None:
        """Cancel running work (what the progress dialog's Cancel does)."""
        if self.job is not None:
            self.job.cancel()

    def done(self, result: int) -> None:
        finish_jobs(self)
        super().done(result)
