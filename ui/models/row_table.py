"""A read-only table over a ``RowSet`` that filters and sorts the rows itself.

QSortFilterProxyModel needs about 9 s to sort 100,000 rows; filtering and sorting index lists
in plain Python (``tracker.filters``) takes tens of milliseconds, so this model does it inside.
Sorting works on the raw values (``RAW_ROLE``), never on the text shown. When the rows are
reloaded after an edit, the model compares them by id and reports only what changed (rows
removed, inserted, or ``dataChanged``), so the view keeps its scroll position and selection.
"""

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tracker.filters import Criteria, RowSet, Sorter, build_rowset, matching, narrows
from tracker.tables import TableSpec

Row = TypeVar("Row", bound=tuple[Any, ...])
Index = QModelIndex | QPersistentModelIndex

#: Role carrying a cell's raw value (Decimal, date, str) for sorting and filtering.
RAW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role carrying the row's record id.
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Beyond this many rows added or removed at once, a reset is cheaper than row signals.
MAX_ROW_SIGNALS = 200

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _first_id(row: tuple[Any, ...]) -> int:
    record_id: int = row[0]
    return record_id


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are plain tuples; the model never holds ORM objects or talks to SQL."""

    def __init__(self, spec: TableSpec[Row]) -> None:
        super().__init__()
        self._spec = spec
        self._rowset: RowSet[Row] = build_rowset([], _first_id, lambda _r: "")
        self._sorter = Sorter(self._rowset, [column.value for column in spec.columns])
        self._sort_column = spec.sort_column
        self._descending = spec.sort_descending
        self._order: list[int] | None = []
        self._visible: list[int] = []
        self._criteria = Criteria()

    # What the rest of the window reads.

    @property
    def spec(self) -> TableSpec[Row]:
        return self._spec

    @property
    def rowset(self) -> RowSet[Row]:
        return self._rowset

    @property
    def criteria(self) -> Criteria:
        return self._criteria

    @property
    def total_count(self) -> int:
        return len(self._rowset)

    @property
    def sort_state(self) -> tuple[int, bool]:
        return self._sort_column, self._descending

    def row_at(self, row: int) -> Row:
        return self._rowset.rows[self._visible[row]]

    def id_at(self, row: int) -> int:
        return self._rowset.id_of(self.row_at(row))

    def row_of_id(self, record_id: int) -> int | None:
        """The view row showing ``record_id``, or None when it is filtered out or gone."""
        index = self._rowset.index_of(record_id)
        if index is None:
            return None
        try:
            return self._visible.index(index)
        except ValueError:
            return None

    # Changing what is shown.

    def set_criteria(self, criteria: Criteria) -> None:
        """Filter the rows; typing more searches only the rows already shown."""
        if criteria == self._criteria:
            return
        narrowed = narrows(self._rowset, criteria, self._criteria)
        among = self._visible if narrowed else self._full_order()
        self.beginResetModel()
        self._criteria = criteria
        self._visible = matching(self._rowset, criteria, among)
        self.endResetModel()

    def set_rowset(self, rowset: RowSet[Row]) -> None:
        """Show new rows; when few differ from the current ones, report only the differences."""
        old = self._rowset
        added = [index for record_id, index in rowset.ids.items() if record_id not in old.ids]
        removed = [
            position
            for position, index in enumerate(self._visible)
            if old.id_of(old.rows[index]) not in rowset.ids
        ]
        if not old.rows or len(added) + len(removed) > MAX_ROW_SIGNALS:
            self._reset_to(rowset)
            return
        self._remove_positions(removed)
        kept_ids = [old.id_of(old.rows[index]) for index in self._visible]
        self._rowset = rowset
        self._sorter = Sorter(rowset, [column.value for column in self._spec.columns])
        self._order = None
        self._visible = [rowset.ids[record_id] for record_id in kept_ids]
        for index in matching(rowset, self._criteria, sorted(added)):
            self._insert(index)
        self._report_changed(old, kept_ids)

    def _reset_to(self, rowset: RowSet[Row]) -> None:
        self.beginResetModel()
        self._rowset = rowset
        self._sorter = Sorter(rowset, [column.value for column in self._spec.columns])
        self._order = None
        self._visible = matching(rowset, self._criteria, self._full_order())
        self.endResetModel()

    def _remove_positions(self, positions: Sequence[int]) -> None:
        for position in sorted(positions, reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._visible[position]
            self.endRemoveRows()

    def _insert(self, index: int) -> None:
        """Insert one row where the current sort puts it (ties after their equals)."""
        ranks = self._sorter.keys(self._sort_column)
        missing = len(ranks)
        rank = ranks[index]
        low, high = 0, len(self._visible)
        while low < high:
            middle = (low + high) // 2
            other = ranks[self._visible[middle]]
            before = rank != missing and (
                other == missing or (rank > other if self._descending else rank < other)
            )
            if before:
                high = middle
            else:
                low = middle + 1
        self.beginInsertRows(QModelIndex(), low, low)
        self._visible.insert(low, index)
        self.endInsertRows()

    def _report_changed(self, old: RowSet[Row], kept_ids: Sequence[int]) -> None:
        """``dataChanged`` for the rows whose values differ from before (ranges of neighbours)."""
        changed = set()
        for record_id in kept_ids:
            before = old.rows[old.ids[record_id]]
            if before != self._rowset.rows[self._rowset.ids[record_id]]:
                changed.add(record_id)
        if not changed:
            return
        rows, id_of = self._rowset.rows, self._rowset.id_of
        positions = [p for p, i in enumerate(self._visible) if id_of(rows[i]) in changed]
        last_column = self.columnCount() - 1
        start = previous = positions[0]
        for position in [*positions[1:], None]:
            if position is not None and position == previous + 1:
                previous = position
                continue
            self.dataChanged.emit(self.index(start, 0), self.index(previous, last_column))
            if position is not None:
                start = previous = position

    def _full_order(self) -> list[int]:
        if self._order is None:
            self._order = self._sorter.order(self._sort_column, self._descending)
        return self._order

    # Qt's side.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(index, self._visible[index.row()]) for index in persistent if index.isValid()]
        self._sort_column, self._descending = column, descending
        if self._criteria.is_empty():
            self._order = self._sorter.order(column, descending)
            self._visible = list(self._order)
        else:
            self._order = None
            self._visible = self._sorter.order(column, descending, self._visible)
        if held:
            self.changePersistentIndexList(
                [index for index, _ in held],
                [self.index(self._visible.index(item), index.column()) for index, item in held],
            )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._spec.columns[index.column()]
        record = self._rowset.rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(record) or None
            text = column.display(record)
            return text if len(text) > 30 else None
        if role == RAW_ROLE:
            return column.value(record)
        if role == ID_ROLE:
            return self._rowset.id_of(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._spec.columns):
            return None
        column = self._spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None
