"""Tables of the portfolio views: ``RowTableModel`` rows that may be coloured, in a sorting view."""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from tracker.filters import build_rowset
from tracker.tables import Row, TableSpec
from ui.models.row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex


class PortfolioTableModel(RowTableModel[Row]):
    """Rows keyed by ``id_of`` (or by position when rows have no id of their own), optionally
    coloured and with a tooltip per row (overdue items, missing prices)."""

    def __init__(
        self,
        spec: TableSpec[Row],
        id_of: Callable[[Row], int] | None = None,
        *,
        colour: Callable[[Row], QColor | None] | None = None,
        tooltip: Callable[[Row], str] | None = None,
    ) -> None:
        super().__init__(spec)
        self._id_of = id_of
        self._colour = colour
        self._tooltip = tooltip

    def set_rows(self, rows: Sequence[Row]) -> None:
        listed = list(rows)
        if self._id_of is not None:
            id_of = self._id_of
        else:
            positions = {id(row): number for number, row in enumerate(listed)}

            def id_of(row: Row) -> int:
                return positions[id(row)]

        self.set_rowset(build_rowset(listed, id_of, lambda _row: ""))

    def rows(self) -> list[Row]:
        """The rows in the order shown."""
        return [self.row_at(number) for number in range(self.rowCount())]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and self._colour:
            colour = self._colour(self.row_at(index.row()))
            return None if colour is None else QBrush(colour)
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and self._tooltip:
            has_own = self.spec.columns[index.column()].tooltip is not None
            text = "" if has_own else self._tooltip(self.row_at(index.row()))
            if text:
                return text
        return super().data(index, role)


def make_table(model: RowTableModel[Any], parent: QWidget | None = None) -> QTableView:
    """A sortable, row-selecting, read-only view whose columns start at the spec's widths."""
    view = QTableView(parent)
    view.setModel(model)
    column, descending = model.sort_state
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    view.horizontalHeader().setSortIndicator(column, order)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    # A text column at the end takes the spare width; a figure there would drift far right.
    view.horizontalHeader().setStretchLastSection(not model.spec.columns[-1].numeric)
    view.setWordWrap(False)
    fit_columns(view, model)
    return view


def fit_columns(view: QTableView, model: RowTableModel[Any]) -> None:
    """Start each column at its spec width, and never narrower than its header."""
    metrics = QFontMetrics(view.font())
    for number, spec_column in enumerate(model.spec.columns):
        wanted = spec_column.width * metrics.averageCharWidth() + 16
        header = metrics.horizontalAdvance(spec_column.header) + 28
        view.setColumnWidth(number, max(wanted, header))


def selected_row(view: QTableView) -> Any | None:
    """The row behind the selected line, or None."""
    model = view.model()
    assert isinstance(model, RowTableModel)
    selected = view.selectionModel().selectedRows()
    return model.row_at(selected[0].row()) if selected else None
