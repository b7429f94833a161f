"""Pickers for companies, projects and commodities: type to find, create on the spot.

Each picker takes its choices as plain ``(id, label)`` pairs. When what was typed matches
nothing, a button offers to create it; the form hands that request to the window, which
creates the record (undoably) and gives it back with ``add_choice``.
"""

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.forms.fields import finder


class RecordPicker(QWidget):
    """One record chosen by typing part of its name; offers "New …" for an unknown name."""

    create_requested = Signal(str)
    changed = Signal()
    #: A name was picked from the list of matches.
    chosen = Signal(str)

    def __init__(self, noun: str, choices: Sequence[tuple[int, str]], *, creatable: bool) -> None:
        super().__init__()
        self._noun = noun
        self._ids: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.box.setMinimumContentsLength(24)
        # Measuring every item would take seconds with 100,000 projects.
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        view = self.box.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        line = self.box.lineEdit()
        if line is not None:
            line.setPlaceholderText(f"Type to find a {noun}")
        #: Offer creation with a short "New…" (the full text in its tooltip), where room is tight.
        self.compact = False
        self.create_button = QPushButton()
        self.create_button.setVisible(False)
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self._request_create)
        self._creatable = creatable
        # The offer goes under the box, so it never widens a form (it clipped the buttons beside
        # a project's owner and commodity boxes and brought a horizontal scroll bar).
        offer = QHBoxLayout()
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(self.create_button)
        offer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addLayout(offer)
        self.setFocusProxy(self.box)
        self.set_choices(choices)
        self.box.editTextChanged.connect(self._typed)

    @property
    def line(self) -> QLineEdit:
        """Where the name is typed."""
        line = self.box.lineEdit()
        assert line is not None, "the picker's box is editable"
        return line

    def set_choices(
        self, choices: Sequence[tuple[int, str]], aliases: Sequence[tuple[int, str]] = ()
    ) -> None:
        """Offer ``(id, label)`` pairs; ``aliases`` are other names that find a record too."""
        current = self.box.currentText()
        self._ids = {label.casefold(): record_id for record_id, label in aliases}
        self._ids.update((label.casefold(), record_id) for record_id, label in choices)
        self._labels = dict(choices)
        labels = sorted((label for _, label in choices), key=str.casefold)
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItems(["", *labels])
        completer = finder(labels, self._named_label)
        self.box.setCompleter(completer)
        completer.activated.connect(self.chosen)
        self.box.setEditText(current)
        self.box.blockSignals(False)
        self._typed(current)

    def add_choice(self, record_id: int, label: str, aliases: Sequence[str] = ()) -> None:
        """Offer a record created meanwhile, and choose it."""
        for alias in aliases:
            self._ids[alias.casefold()] = record_id
        if label.casefold() not in self._ids:
            self._ids[label.casefold()] = record_id
            self._labels[record_id] = label
            self.box.addItem(label)
        self.box.setEditText(label)

    def _named_label(self) -> str | None:
        """The label of the record the typed text names (``Cu`` names "Cu - Copper")."""
        record_id = self.value()
        return self._labels.get(record_id) if record_id is not None else None

    def text(self) -> str:
        return self.box.currentText().strip()

    def value(self) -> int | None:
        """The chosen record's id; None when blank or when the text names no record."""
        return self._ids.get(self.text().casefold())

    def set_value(self, record_id: int | None) -> None:
        label = self._labels.get(record_id) if record_id is not None else None
        self.box.setEditText(label or "")

    def is_unknown(self) -> bool:
        """Something is typed that names no record."""
        return bool(self.text()) and self.value() is None

    def _typed(self, _text: str) -> None:
        unknown = self._creatable and self.is_unknown()
        if unknown:
            shown = self.text() if len(self.text()) <= 20 else self.text()[:19] + "…"
            self.create_button.setText("New…" if self.compact else f"New {self._noun} “{shown}”")
            self.create_button.setToolTip(f"New {self._noun} “{self.text()}”")
        self.create_button.setVisible(unknown)
        self.changed.emit()

    def _request_create(self) -> None:
        if self.is_unknown():
            self.create_requested.emit(self.text())


class CommodityList(QWidget):
    """Commodities in order, the first one primary: type a symbol or name and press Enter."""

    create_requested = Signal(str)
    changed = Signal()

    def __init__(self, choices: Sequence[tuple[int, str, str]], *, primary: bool = True) -> None:
        super().__init__()
        self._primary = primary
        self._symbols: dict[int, str] = {}
        self.list = QListWidget()
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 7)
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(self._renumber)
        self.adder = RecordPicker("commodity", [], creatable=True)
        self.adder.create_requested.connect(self.create_requested)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.primary_button = QPushButton("Make primary")
        self.primary_button.setAutoDefault(False)
        self.primary_button.clicked.connect(self.make_primary)
        self.primary_button.setVisible(primary)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.adder.line.installEventFilter(self)
        # Added once the box has finished taking the match, which would otherwise put the
        # name back after the box was emptied.
        self.adder.chosen.connect(lambda _text: QTimer.singleShot(0, self, self.add_typed))
        adding = QHBoxLayout()
        adding.addWidget(self.adder, 1)
        adding.addWidget(self.add_button)
        buttons = QVBoxLayout()
        buttons.addWidget(self.primary_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        listing = QHBoxLayout()
        listing.addWidget(self.list, 1)
        listing.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adding)
        layout.addLayout(listing)
        self.setFocusProxy(self.adder)
        self.set_choices(choices)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the box adds the commodity typed (instead of pressing the form's Save)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.adder.text()
        ):
            self.add_typed()
            return True
        return super().eventFilter(watched, event)

    def set_choices(self, choices: Sequence[tuple[int, str, str]]) -> None:
        """Known commodities as ``(id, symbol, name)``; the symbol or the name may be typed."""
        self._symbols = {commodity_id: symbol for commodity_id, symbol, _ in choices}
        self.adder.set_choices(
            [(commodity_id, f"{symbol} - {name}") for commodity_id, symbol, name in choices],
            [(i, symbol) for i, symbol, _ in choices] + [(i, name) for i, _, name in choices],
        )

    def add_choice(self, commodity_id: int, symbol: str, name: str) -> None:
        """A commodity created meanwhile: offer it and add it to the list."""
        self._symbols[commodity_id] = symbol
        self.adder.add_choice(commodity_id, f"{symbol} - {name}", [symbol, name])
        self.add_typed()

    def symbols(self) -> list[str]:
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        ]

    def set_symbols(self, symbols: Sequence[str]) -> None:
        self.list.clear()
        for symbol in symbols:
            self._append(symbol)
        self._renumber()

    def add_typed(self) -> None:
        commodity_id = self.adder.value()
        symbol = self._symbols.get(commodity_id) if commodity_id is not None else None
        if symbol is None or symbol in self.symbols():
            return
        self._append(symbol)
        self.adder.box.setEditText("")
        self._renumber()

    def _append(self, symbol: str) -> None:
        item = QListWidgetItem(symbol)
        item.setData(Qt.ItemDataRole.UserRole, symbol)
        self.list.addItem(item)

    def make_primary(self) -> None:
        row = self.list.currentRow()
        if row > 0:
            self.list.insertItem(0, self.list.takeItem(row))
            self.list.setCurrentRow(0)
            self._renumber()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._renumber()

    def _renumber(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            symbol = item.data(Qt.ItemDataRole.UserRole)
            is_primary = self._primary and row == 0
            item.setText(f"{symbol}   (primary)" if is_primary else symbol)
            font = QFont(item.font())
            font.setBold(is_primary)
            item.setFont(font)
        self.changed.emit()


class CommodityPicker(RecordPicker):
    """One commodity, found by its symbol or name (``Au``, ``gold``); offers "New commodity"."""

    def __init__(self, choices: Sequence[tuple[int, str, str]]) -> None:
        self._symbols: dict[int, str] = {}
        super().__init__("commodity", [], creatable=True)
        self.set_commodities(choices)

    def set_commodities(self, choices: Sequence[tuple[int, str, str]]) -> None:
        """Known commodities as ``(id, symbol, name)``."""
        self._symbols = {commodity_id: symbol for commodity_id, symbol, _ in choices}
        self.set_choices(
            [(commodity_id, f"{symbol} - {name}") for commodity_id, symbol, name in choices],
            [(i, symbol) for i, symbol, _ in choices] + [(i, name) for i, _, name in choices],
        )

    def add_commodity(self, commodity_id: int, symbol: str, name: str) -> None:
        """A commodity created meanwhile: offer it and choose it."""
        self._symbols[commodity_id] = symbol
        self.add_choice(commodity_id, f"{symbol} - {name}", [symbol, name])

    def set_symbol(self, symbol: str | None) -> None:
        found = [i for i, known in self._symbols.items() if known == symbol]
        if found:
            self.set_value(found[0])
        else:
            self.box.setEditText(symbol or "")

    def symbol(self) -> str | None:
        """The chosen commodity's symbol; None when blank or unknown."""
        commodity_id = self.value()
        return self._symbols.get(commodity_id) if commodity_id is not None else None
