"""The import wizard's defaults: a value that fills a field's empty cells ("discount rate = 8").

A default is checked as it is added, with the same reading and rules as a cell of its field;
a refused one stays in the box with the reason beside it, so nothing typed is lost.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.excel.defaults import read_default
from tracker.excel.fields import FIELDS_BY_QUALIFIED, all_fields, describe


class DefaultsEditor(QWidget):
    """Emits ``changed`` with the defaults (qualified field -> text) after each change."""

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults: dict[str, str] = {}
        self.field_combo = QComboBox()
        self.field_combo.setObjectName("defaultField")
        for fld in all_fields():
            self.field_combo.addItem(describe(fld), fld.qualified)
        self.field_combo.setCurrentIndex(
            self.field_combo.findData("study.discount_rate_pct")
        )  # the one most watchlists leave out
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("defaultValue")
        self.value_edit.setPlaceholderText("value, e.g. 8")
        self.value_edit.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add default")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove default")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("defaultsTable")
        self.table.setHorizontalHeaderLabels(["Field", "Fills its empty cells with"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumSectionSize(160)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(110)
        self.error = QLabel()
        self.error.setObjectName("defaultsError")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Default:"))
        row.addWidget(self.field_combo, 1)
        row.addWidget(self.value_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.table)
        self._update()

    def defaults(self) -> dict[str, str]:
        return dict(self._defaults)

    def set_defaults(self, defaults: dict[str, str]) -> None:
        """Show ``defaults`` (a sheet's, or a preset's) without emitting ``changed``."""
        self._defaults = {q: t for q, t in defaults.items() if q in FIELDS_BY_QUALIFIED}
        self.error.clear()
        self._update()

    def add(self) -> None:
        """Add (or replace) the default typed, once it reads as a value of its field."""
        qualified = self.field_combo.currentData()
        fld = FIELDS_BY_QUALIFIED[qualified]
        text = self.value_edit.text().strip()
        try:
            read_default(fld, text)
        except ValueError as exc:
            self.error.setText(f"The default for {describe(fld)}, '{text}', {exc}.")
            self.value_edit.setFocus()
            return
        self.error.clear()
        self._defaults[qualified] = text
        self.value_edit.clear()
        self._update()
        self.changed.emit(self.defaults())

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        keys = list(self._defaults)
        for row in rows:
            if row < len(keys):
                del self._defaults[keys[row]]
        if rows:
            self._update()
            self.changed.emit(self.defaults())

    def _update(self) -> None:
        self.table.setRowCount(len(self._defaults))
        for row, (qualified, text) in enumerate(self._defaults.items()):
            name = describe(FIELDS_BY_QUALIFIED[qualified])
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.remove_button.setEnabled(bool(self._defaults))
