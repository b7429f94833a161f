"""A read-only table model over a list of NamedTuple rows, sorting on the raw values."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row", bound=tuple[Any, ...])
Index = QModelIndex | QPersistentModelIndex

#: Role carrying a cell's raw value (Decimal, date, str) for sorting and filtering.
RAW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role carrying the row's record id.
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column: header, how to get the raw value from a row, and how to show it."""

    header: str
    value: Callable[[Row], Any]
    display: Callable[[Any], str] = str
    align_right: bool = False


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are plain tuples; the model never holds ORM objects or talks to SQL."""

    def __init__(self, columns: Sequence[Column[Row]], id_of: Callable[[Row], int]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._id_of = id_of
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return "" if value is None else column.display(value)
        if role == RAW_ROLE:
            return column.value(record)
        if role == ID_ROLE:
            return self._id_of(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None
