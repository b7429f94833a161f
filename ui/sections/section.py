"""One section of the window: a filter bar, the list, and the selected record's details.

The list loads through the data gateway's reader: first one screenful in the list's own order
(fast, from an index), then every row; the detail page of the selected row is read there too.
Typing in the search filters in memory, in the model. After a write the gateway says what
changed; the section reloads only when that touches what it shows (``SectionSpec.shows``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import NotFoundError
from tracker.filters import RowSet, Sorter, build_rowset
from tracker.tables import TableSpec
from ui.data import Changes, Gateway, Ticket
from ui.detail.pane import DetailPane
from ui.models.row_table import RowTableModel
from ui.sections.filter_bar import FilterBar, FilterSpec

if TYPE_CHECKING:
    from ui.data.gateway import Session

#: Rows of the first, fast load: more than a screen holds at any size.
FIRST_PAGE = 200

Loader = Callable[["Session", int | None], RowSet[Any]]
#: A detail page: the record's HTML, as things stand on the day given (what is overdue).
Renderer = Callable[["Session", int, date], str]


@dataclass(frozen=True)
class SectionSpec:
    """What makes a section: its names, columns, rows, filters and detail page."""

    key: str
    kind: str
    title: str
    icon: str
    table: TableSpec[Any]
    load: Loader
    detail: Renderer
    filters: tuple[FilterSpec, ...] = ()
    date_label: str | None = None
    items: str = ""
    """What the rows are called in counts, when not the title ("holdings" in Portfolio)."""
    shows: frozenset[str] = frozenset()
    """The kinds of record the rows show (names, counts, money): a change to one reloads them.
    The detail page shows a record with everything around it, so any change reloads it."""

    @property
    def noun(self) -> str:
        return self.items or self.title.lower()


class Section(QWidget):
    """A searchable, sortable list with a detail pane."""

    current_changed = Signal(str, int)
    open_requested = Signal(str, int)
    navigate = Signal(str, int)
    #: The rows shown changed (a load landed, or the search or filters moved).
    rows_changed = Signal()

    #: The detail page of the current row landed (or said the record is gone).
    detail_shown = Signal()

    def __init__(self, spec: SectionSpec, data: Gateway) -> None:
        super().__init__()
        self.spec = spec
        self.setObjectName(f"section_{spec.key}")
        self._data = data
        data.changed.connect(self._data_changed)
        self._detail_read: Ticket | None = None
        #: The day detail pages are for (what is overdue, what is next); tests fix it.
        self.today: Callable[[], date] = date.today
        self.model: RowTableModel[Any] = RowTableModel(spec.table)
        self.filters = FilterBar(spec.noun, spec.filters, spec.date_label)
        self.filters.changed.connect(self._filter)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.view = QTableView()
        self.view.setObjectName(f"{spec.key}_table")
        self.view.setAccessibleName(f"{spec.title} list")
        self.view.setModel(self.model)
        self._set_up_view()
        self.detail = DetailPane()
        self.detail.navigate.connect(self.navigate)
        #: Created by ``add_detail_tab`` when the record has more than one view.
        self.detail_tabs: QTabWidget | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{spec.key}_splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        #: Until a saved split is restored, the first show splits evenly: by their size hints
        #: the details would take nearly all of a narrow (or 200 %) window.
        self._split_evenly = True
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.filters, self.view)
        QWidget.setTabOrder(self.view, self.detail)
        self._generation = 0
        self._started = False
        self._loading = False
        self._stale = False
        self._shown_id: int | None = None
        self._wanted: int | None = None
        #: What a right-click on a row offers (the window adds its commands: open, delete...).
        self.row_actions: list[QAction | None] = []
        #: The context menu shown last (of the header or a row), for tests to read.
        self.menu: QMenu | None = None
        self._update_count()

    def _set_up_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.setCornerButtonEnabled(False)
        vertical = view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(round(view.fontMetrics().height() * 1.6))
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = view.fontMetrics()
        for column, spec in enumerate(self.spec.table.columns):
            header.resizeSection(column, metrics.horizontalAdvance("0" * spec.width) + 16)
        self._first_order()
        order = (
            Qt.SortOrder.DescendingOrder
            if self.spec.table.sort_descending
            else Qt.SortOrder.AscendingOrder
        )
        header.setSortIndicator(self.spec.table.sort_column, order)
        view.setSortingEnabled(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._row_menu)
        # Double-click opens; Enter is the window's Open action (``activated`` would fire on
        # both, and on a single click where the platform activates that way).
        view.doubleClicked.connect(self._activated)
        selection = view.selectionModel()
        if selection is not None:
            selection.currentRowChanged.connect(self._current_row_changed)

    # Context menus.

    def _header_menu(self, position: QPoint) -> None:
        """Right-click on the header: tick the columns to show; reset order and widths."""
        header = self.view.horizontalHeader()
        menu = self._new_menu("header_menu")
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            action = menu.addAction(self.spec.table.columns[column].header)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(shown != [column])  # the last column shown stays
            action.toggled.connect(
                lambda on, c=column: self.view.horizontalHeader().setSectionHidden(c, not on)
            )
        menu.addSeparator()
        menu.addAction("Reset Columns", self.reset_columns)
        menu.popup(header.mapToGlobal(position))

    def reset_columns(self) -> None:
        """Every column shown, in the list's own order, at its first width."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        for column, spec in enumerate(self.spec.table.columns):
            header.setSectionHidden(column, False)
            header.resizeSection(column, metrics.horizontalAdvance("0" * spec.width) + 16)
        self._first_order()

    def _first_order(self) -> None:
        """The columns in the list's own order (``TableSpec.visual_order``)."""
        header = self.view.horizontalHeader()
        for visual, column in enumerate(self.spec.table.visual_order()):
            header.moveSection(header.visualIndex(column), visual)

    def _row_menu(self, position: QPoint) -> None:
        """Right-click on a row: select it, then offer what the window can do with it."""
        index = self.view.indexAt(position)
        if not index.isValid() or not self.row_actions:
            return
        self.select_id(self.model.id_at(index.row()), scroll=False)
        menu = self._new_menu("row_menu")
        for action in self.row_actions:
            if action is None:
                menu.addSeparator()
            elif action.isVisible():
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def _new_menu(self, name: str) -> QMenu:
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        self.menu = QMenu(self)
        self.menu.setObjectName(name)
        return self.menu

    # Loading.

    @property
    def started(self) -> bool:
        return self._started

    @property
    def loading(self) -> bool:
        """Rows are being read (the first time, or again after a change)."""
        return self._loading

    @property
    def detail_ready(self) -> bool:
        """The page of the current row has landed (no read of it is out)."""
        return self._detail_read is None

    def _data_changed(self, changes: Changes) -> None:
        """A write landed: read the rows again if it touches what they show, else only the
        page of the record shown (a study changed: its project's page lists it), when it is in
        view: a hidden section reads its page again when it is shown."""
        if not self._started:
            return
        if changes.touches(self.spec.shows):
            self.reload()
        elif self._shown_id is not None and self.isVisible():
            self.refresh_detail()

    @property
    def complete(self) -> bool:
        return self._started and not self._loading and self.model.rowset.complete

    def ensure_loaded(self) -> None:
        """Load the rows the first time the section is shown."""
        if not self._started:
            self._started = True
            self._load(first_page=True)

    def reload(self) -> None:
        """Load the rows again (after a change); requests made meanwhile are merged."""
        if self._started:
            self._load(first_page=False)

    def reset(self) -> None:
        """Forget the rows (another database was opened); results still coming are dropped."""
        self._generation += 1
        self._started = self._loading = self._stale = False
        self.model.set_rowset(build_rowset([], self.model.rowset.id_of, lambda _row: ""))
        self.filters.clear()
        self._show_detail(None)

    def _load(self, *, first_page: bool) -> None:
        if self._loading:
            self._stale = True
            return
        self._loading = True
        generation, load = self._generation, self.spec.load
        values = [column.value for column in self.spec.table.columns]

        def load_all(session: "Session") -> RowSet[Any]:
            rowset = load(session, None)
            Sorter(rowset, values).prepare()
            return rowset

        if first_page:
            self._data.read(
                lambda session: load(session, FIRST_PAGE),
                lambda rows: self._landed(rows, generation, final=False),
                long=True,
            )
        self._data.read(
            load_all,
            lambda rows: self._landed(rows, generation, final=True),
            lambda error: self._failed(error, generation),
            long=True,
        )

    def _landed(self, rowset: RowSet[Any], generation: int, *, final: bool) -> None:
        if generation != self._generation:
            return
        current = self.current_id()
        self.model.set_rowset(rowset)
        self.filters.offer(rowset)
        if self._wanted is not None and self._show(self._wanted):
            self._wanted = None
        elif current is not None:
            self.select_id(current, scroll=False)
        elif self.model.rowCount():
            self.select_id(self.model.id_at(0), scroll=False)
        self._update_count()
        if final:
            self._wanted = None
            self.refresh_detail()
            self._loading = False
            if self._stale:
                self._stale = False
                self._load(first_page=False)
        self.rows_changed.emit()

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._loading = self._stale = False
        self._data.report(error)

    # Filtering and selection.

    def _filter(self) -> None:
        current = self.current_id()
        self.model.set_criteria(self.filters.criteria())
        if current is not None and not self.select_id(current, scroll=True):
            self._show_detail(None)
        self._update_count()
        self.rows_changed.emit()

    def visible_ids(self) -> list[int] | None:
        """Ids of the rows the search and filters leave, in order; None when nothing filters."""
        if self.model.criteria.is_empty():
            return None
        return [self.model.id_at(row) for row in range(self.model.rowCount())]

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        noun = self.spec.noun
        loading = self._started and not self.model.rowset.complete
        if loading:
            text = f"{shown:,} {noun} shown, loading all…"
        elif self.model.criteria.is_empty():
            text = f"{total:,} {noun}"
        else:
            text = f"{shown:,} of {total:,} {noun}"
        self.count.setText(text)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.id_at(index.row())

    def select_id(self, record_id: int, *, scroll: bool = True) -> bool:
        """Make ``record_id`` the current row; False when the list does not show it."""
        row = self.model.row_of_id(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.selectRow(row)
        if scroll:
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def reveal(self, record_id: int) -> None:
        """Select a record; if the filters hide it, clear them; if it is not loaded yet (just
        added or restored), select it when the rows being loaded arrive."""
        if not self._show(record_id):
            self._wanted = record_id

    def _show(self, record_id: int) -> bool:
        if self.select_id(record_id):
            return True
        if self.model.rowset.index_of(record_id) is None:
            return False
        self.filters.clear()
        return self.select_id(record_id)

    def _current_row_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        record_id = self.model.id_at(current.row()) if current.isValid() else None
        if record_id != self._shown_id:
            self._show_detail(record_id)
            self.current_changed.emit(self.spec.kind, record_id if record_id is not None else -1)

    def refresh_detail(self) -> None:
        self._show_detail(self.current_id())

    def _show_detail(self, record_id: int | None) -> None:
        """Read the record's page on the reader; a newer selection cancels an older read."""
        self._shown_id = record_id
        if self._detail_read is not None:
            self._detail_read.cancel()
            self._detail_read = None
        if record_id is None:
            self.detail.show_placeholder("Select a row to see its details.")
            self.detail_shown.emit()
            return
        render, kind, today = self.spec.detail, self.spec.kind, self.today()

        def read(session: "Session") -> str | None:
            from tracker.changelog import history
            from ui.detail.history import with_history

            try:
                body = render(session, record_id, today)
            except NotFoundError:
                return None
            return with_history(body, history(session, kind, record_id))

        self._detail_read = self._data.read(read, self._detail_landed, self._data.report)

    def _detail_landed(self, body: str | None) -> None:
        self._detail_read = None
        if body is None:
            self.detail.show_placeholder("This record no longer exists.")
        else:
            self.detail.show_html(body)
        self.detail_shown.emit()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.spec.kind, self.model.id_at(index.row()))

    @property
    def detail_area(self) -> QWidget:
        """The right-hand side: the details alone, or the tabs holding them."""
        return self.detail_tabs if self.detail_tabs is not None else self.detail

    def add_detail_tab(self, widget: QWidget, title: str) -> None:
        """Show another view of the current record beside its details (e.g. its timeline)."""
        if self.detail_tabs is None:
            tabs = QTabWidget()
            tabs.setObjectName(f"{self.spec.key}_detail_tabs")
            tabs.setDocumentMode(True)
            self.splitter.replaceWidget(self.splitter.indexOf(self.detail), tabs)
            tabs.addTab(self.detail, "Details")
            self.detail_tabs = tabs
            QWidget.setTabOrder(self.view, tabs)
        self.detail_tabs.addTab(widget, title)

    # Remembering the layout.

    def save_state(self) -> dict[str, QByteArray]:
        return {
            "header": self.view.horizontalHeader().saveState(),
            "splitter": self.splitter.saveState(),
        }

    def restore_state(self, header: object, splitter: object) -> None:
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.view.horizontalHeader().restoreState(header)
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
            self._split_evenly = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_evenly:
            self._split_evenly = False
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total // 2, total - total // 2])
