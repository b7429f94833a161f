"""The search box and filters above a list; together they make a ``Criteria``."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.filters import Criteria, RowSet, facet_values
from ui.flow_layout import FlowLayout
from ui.forms.fields import DateField
from ui.icons import icon


@dataclass(frozen=True)
class FilterSpec:
    """One drop-down: the ``Criteria`` field it sets, its "any" label, and its values.

    With ``facet`` the values come from the rows (the countries that occur); with ``values``
    they are a fixed vocabulary in its natural order (stages from grassroots to production).
    """

    field: str
    any_label: str
    values: tuple[str, ...] = ()
    facet: str | None = None


class FilterBar(QWidget):
    """Search as you type, drop-downs, a date range, and a button that clears them all."""

    changed = Signal()

    def __init__(self, noun: str, filters: Sequence[FilterSpec], date_label: str | None) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(f"Search {noun}…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M") * 10)
        self.search.textChanged.connect(self.changed)
        self._specs = list(filters)
        self.combos: dict[str, QComboBox] = {}
        self.clear_button = QToolButton()
        self.clear_button.setIcon(icon("clear-filters"))
        self.clear_button.setToolTip("Clear the search and filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.clear_button)
        layout = FlowLayout()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(layout)
        for spec in self._specs:
            combo = QComboBox()
            combo.setObjectName(f"filter_{spec.field}")
            combo.setAccessibleName(spec.any_label)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
            combo.addItem(spec.any_label, None)
            for value in spec.values:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self.changed)
            self.combos[spec.field] = combo
            layout.addWidget(combo)
        self.date_from: DateField | None = None
        self.date_to: DateField | None = None
        if date_label:
            dates = QWidget()
            row = QHBoxLayout(dates)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel(date_label))
            self.date_from = DateField("from")
            self.date_to = DateField("to")
            for field in (self.date_from, self.date_to):
                field.changed.connect(self._date_typed)
                row.addWidget(field)
            layout.addWidget(dates)
        self._dates = QTimer(self)
        self._dates.setSingleShot(True)
        self._dates.setInterval(250)
        self._dates.timeout.connect(self.changed)

    def _date_typed(self) -> None:
        self._dates.start()

    def criteria(self) -> Criteria:
        values = {field: combo.currentData() for field, combo in self.combos.items()}
        return Criteria(
            text=self.search.text(),
            date_from=_date_or_none(self.date_from),
            date_to=_date_or_none(self.date_to),
            **values,
        )

    def offer(self, rowset: RowSet[tuple[object, ...]]) -> None:
        """Fill the drop-downs whose values come from the rows, keeping what was chosen."""
        for spec in self._specs:
            if spec.facet is None:
                continue
            combo = self.combos[spec.field]
            chosen = combo.currentData()
            values = facet_values(rowset, spec.facet)
            if values == [combo.itemData(i) for i in range(1, combo.count())]:
                continue
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(spec.any_label, None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        for field in (self.date_from, self.date_to):
            if field is not None:
                field.set_value(None)
        self.blockSignals(False)
        self._dates.stop()
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _date_or_none(field: DateField | None) -> date | None:
    if field is None:
        return None
    try:
        return field.value()
    except ValueError:
        return None
