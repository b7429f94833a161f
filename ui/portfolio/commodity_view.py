"""Commodity prices: today's deck above, each commodity's price history below.

The deck shows, per commodity, the price NPVs "at today's deck" use: the latest in the history,
unless a price was typed for the deck (which wins until cleared). Prices are entered one at a
time or imported from a CSV file of dates and prices; every change is undoable.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import FieldProblem
from tracker.formatting import unit_price
from tracker.models import CommodityPrice, DeckPrice
from tracker.portfolio.columns import COMMODITY_PRICES, DECK
from tracker.portfolio.commodity_prices import (
    CommodityPriceRow,
    PriceEdit,
    commodity_price_rows,
    delete_commodity_price,
    record_commodity_price,
    redo_edits,
    undo_edits,
)
from tracker.portfolio.deck import (
    DeckEdit,
    DeckLine,
    clear_deck_price,
    put_deck_price,
    set_deck_price,
    todays_deck,
)
from tracker.portfolio.price_csv import import_price_csv
from tracker.services.commodities import PRICE_UNITS
from ui.file_dialogs import PathChooser, choose_csv_file
from ui.portfolio.context import PortfolioContext
from ui.portfolio.entry_box import EntryBox
from ui.portfolio.fields import (
    ChoiceBox,
    CodeField,
    DateField,
    DecimalField,
    FormErrors,
    read_number,
)
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row
from ui.portfolio.undo_step import record_step

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class CommodityData:
    deck: list[DeckLine]
    prices: list[CommodityPriceRow]


def load_commodity_prices(session: "Session", on: date) -> CommodityData:
    return CommodityData(list(todays_deck(session, on).values()), commodity_price_rows(session))


def _offer(box: ChoiceBox, lines: list[DeckLine]) -> None:
    """Every commodity, by name; the first chosen when none was."""
    box.set_choices(sorted((f"{line.name} ({line.symbol})", line.commodity_id) for line in lines))
    if box.current_value() is None and box.count():
        box.setCurrentIndex(0)


def _unit_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for unit in PRICE_UNITS:
        box.addItem(unit, unit)
    return box


def _edits_job(edits: list[PriceEdit], forward: bool) -> Callable[["Session"], None]:
    def job(session: "Session") -> None:
        (redo_edits if forward else undo_edits)(session, edits)

    return job


def _deck_job(edit: DeckEdit, forward: bool) -> Callable[["Session"], None]:
    def job(session: "Session") -> None:
        put_deck_price(session, edit.commodity_id, edit.after if forward else edit.before)

    return job


class DeckBox(EntryBox):
    """Today's deck, with a price typed for a commodity or cleared back to its latest."""

    def __init__(self, context: PortfolioContext, parent: QWidget) -> None:
        super().__init__("Today's deck (the prices behind every NPV at today's deck)", parent)
        self.context = context
        self.lines: list[DeckLine] = []
        self.commodity = ChoiceBox(self)
        self.commodity.setObjectName("deck_commodity")
        self.price = DecimalField("price", self)
        self.price.setObjectName("deck_price")
        self.currency = CodeField("USD", self)
        self.currency.setObjectName("deck_currency")
        self.unit = _unit_box(self)
        self.unit.setObjectName("deck_unit")
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("why this price (optional)")
        self.use_button = QPushButton("&Use for today", self)
        self.use_button.setObjectName("deck_use")
        self.clear_button = QPushButton("Back to &latest price", self)
        self.clear_button.setObjectName("deck_clear")
        self.model: PortfolioTableModel[DeckLine] = PortfolioTableModel(
            DECK, lambda line: line.commodity_id
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("deck_table")
        self.errors = FormErrors(
            {
                "commodity": self.commodity,
                "price": self.price,
                "currency": self.currency,
                "unit": self.unit,
                "source": self.source,
            },
            self.message,
        )
        self.label_row(["Commodity", "Price for today", "Ccy", "Per", "Source"])
        for column, widget in enumerate(
            (self.commodity, self.price, self.currency, self.unit, self.source)
        ):
            self.grid.addWidget(widget, 1, column)
        self.grid.addWidget(self.use_button, 1, 5)
        self.grid.addWidget(self.clear_button, 1, 6)
        self.grid.addWidget(self.message, 2, 0, 1, 7)
        self.grid.addWidget(self.table, 3, 0, 1, 7)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(4, 2)
        self.use_button.clicked.connect(self.use)
        self.clear_button.clicked.connect(self.clear)
        self.commodity.currentTextChanged.connect(lambda _text: self._commodity_chosen())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.price.returnPressed.connect(self.use)

    def set_lines(self, lines: list[DeckLine]) -> None:
        self.lines = lines
        _offer(self.commodity, lines)
        self.model.set_rows(lines)
        self._commodity_chosen()

    def _line(self, commodity_id: object) -> DeckLine | None:
        return next((line for line in self.lines if line.commodity_id == commodity_id), None)

    def _selected(self) -> None:
        row = selected_row(self.table)
        if isinstance(row, DeckLine):
            self.commodity.select_value(row.commodity_id)

    def _commodity_chosen(self) -> None:
        """Start from the commodity's deck line: its price and unit, to change."""
        line = self._line(self.commodity.current_value())
        self.clear_button.setEnabled(line is not None and line.typed is not None)
        if line is None:
            return
        self.price.set_value(line.price)
        if line.currency:
            self.currency.setText(line.currency)
        if line.unit:
            self.unit.setCurrentIndex(max(self.unit.findData(line.unit), 0))

    def use(self) -> None:
        problems: list[FieldProblem] = []
        commodity_id = self.commodity.current_value()
        if not isinstance(commodity_id, int):
            problems.append(
                FieldProblem("commodity", self.commodity.currentText(), "choose a commodity")
            )
        value = read_number(self.price, "price", problems)
        if value is None and not problems:
            problems.append(FieldProblem("price", None, "is required"))
        if problems or not isinstance(commodity_id, int) or value is None:
            self.errors.show(problems)
            return
        entry = DeckPrice(
            commodity_id=commodity_id,
            price=value,
            currency=self.currency.text(),
            unit=str(self.unit.currentData()),
            source=self.source.text(),
        )
        symbol = self.commodity.currentText()
        self.context.write(
            lambda session: set_deck_price(session, entry),
            lambda edit: self._done(edit, f"Deck price for {symbol}"),
            self.errors,
        )

    def clear(self) -> None:
        commodity_id = self.commodity.current_value()
        if not isinstance(commodity_id, int):
            self.errors.show_message("Choose the commodity whose typed price to clear.")
            return
        symbol = self.commodity.currentText()
        self.context.write(
            lambda session: clear_deck_price(session, commodity_id),
            lambda edit: self._done(edit, f"Clear deck price for {symbol}"),
            self.errors,
        )

    def _done(self, edit: DeckEdit, text: str) -> None:
        self.errors.clear()
        shown = (
            unit_price(edit.after.price, edit.after.currency, edit.after.unit) if edit.after else ""
        )
        self.message.show_done(
            f"Today's price is {shown}." if edit.after else "Back to the latest price."
        )
        record_step(self.context, text, _deck_job(edit, False), _deck_job(edit, True))


class HistoryBox(EntryBox):
    """Each commodity's dated prices: entered one by one or imported from CSV."""

    def __init__(self, context: PortfolioContext, parent: QWidget) -> None:
        super().__init__("Price history", parent)
        self.context = context
        self.choose_csv: PathChooser = lambda chosen: choose_csv_file(
            self, "Import Commodity Prices", chosen
        )
        self.commodity = ChoiceBox(self)
        self.commodity.setObjectName("history_commodity")
        self.day = DateField(context.today(), parent=self)
        self.day.setObjectName("history_date")
        self.price = DecimalField("price", self)
        self.price.setObjectName("history_price")
        self.currency = CodeField("USD", self)
        self.currency.setObjectName("history_currency")
        self.unit = _unit_box(self)
        self.unit.setObjectName("history_unit")
        self.source = QLineEdit(self)
        self.source.setObjectName("history_source")
        self.source.setPlaceholderText("source (optional)")
        self.save_button = QPushButton("&Save price", self)
        self.save_button.setObjectName("history_save")
        self.import_button = QPushButton("&Import CSV…", self)
        self.import_button.setObjectName("history_import")
        self.import_button.setToolTip(
            "Lines of a date and a price (a header line or not; comma, semicolon or tab; "
            "any usual date layout), for the commodity, currency and unit chosen here."
        )
        self.delete_button = QPushButton("Delete selected", self)
        self.delete_button.setEnabled(False)
        self.model: PortfolioTableModel[CommodityPriceRow] = PortfolioTableModel(
            COMMODITY_PRICES, lambda row: row.id
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("history_table")
        self.errors = FormErrors(
            {
                "commodity": self.commodity,
                "price_date": self.day,
                "price": self.price,
                "currency": self.currency,
                "unit": self.unit,
                "source": self.source,
            },
            self.message,
        )
        self.label_row(["Commodity", "Date", "Price", "Ccy", "Per", "Source"])
        for column, widget in enumerate(
            (self.commodity, self.day, self.price, self.currency, self.unit, self.source)
        ):
            self.grid.addWidget(widget, 1, column)
        self.grid.addWidget(self.save_button, 1, 6)
        self.grid.addWidget(self.import_button, 1, 7)
        self.grid.addWidget(self.message, 2, 0, 1, 8)
        self.grid.addWidget(self.table, 3, 0, 1, 8)
        self.grid.addWidget(self.delete_button, 4, 7)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(5, 2)
        self.save_button.clicked.connect(self.save)
        self.import_button.clicked.connect(self.import_csv)
        self.delete_button.clicked.connect(self.delete)
        self.price.returnPressed.connect(self.save)
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def set_data(self, lines: list[DeckLine], rows: list[CommodityPriceRow]) -> None:
        _offer(self.commodity, lines)
        self.model.set_rows(rows)
        self.delete_button.setEnabled(selected_row(self.table) is not None)

    def _selected(self) -> None:
        row = selected_row(self.table)
        self.delete_button.setEnabled(row is not None)
        if isinstance(row, CommodityPriceRow):
            self.commodity.select_value(row.commodity_id)
            self.day.set_date(row.price_date)
            self.price.set_value(row.price)
            self.currency.setText(row.currency)
            self.unit.setCurrentIndex(max(self.unit.findData(row.unit), 0))
            self.source.setText(row.source or "")

    def _commodity_id(self, problems: list[FieldProblem]) -> int | None:
        chosen = self.commodity.current_value()
        if isinstance(chosen, int):
            return chosen
        problems.append(
            FieldProblem("commodity", self.commodity.currentText(), "choose a commodity")
        )
        return None

    def save(self) -> None:
        problems: list[FieldProblem] = []
        commodity_id = self._commodity_id(problems)
        value = read_number(self.price, "price", problems)
        if value is None and not problems:
            problems.append(FieldProblem("price", None, "is required"))
        if problems or commodity_id is None or value is None:
            self.errors.show(problems)
            return
        entry = CommodityPrice(
            commodity_id=commodity_id,
            price_date=self.day.day(),
            price=value,
            currency=self.currency.text(),
            unit=str(self.unit.currentData()),
            source=self.source.text(),
        )
        label = f"{self.commodity.currentText()} price of {entry.price_date.isoformat()}"
        self.context.write(
            lambda session: [record_commodity_price(session, entry)],
            lambda edits: self._done(edits, f"Enter {label}", "Price saved."),
            self.errors,
        )

    def delete(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, CommodityPriceRow):
            return
        label = f"the {row.symbol} price of {row.price_date.isoformat()}"
        if self.context.confirm(f"Delete {label}?"):
            self.context.write(
                lambda session: [delete_commodity_price(session, row.id)],
                lambda edits: self._done(edits, f"Delete {label}", "Price deleted."),
                self.errors,
            )

    def import_csv(self) -> None:
        problems: list[FieldProblem] = []
        commodity_id = self._commodity_id(problems)
        if commodity_id is None:
            self.errors.show(problems)
            return
        self.choose_csv(lambda path: self.import_file(commodity_id, path))

    def import_file(self, commodity_id: int, path: str) -> None:
        """Read and write the file on the write thread; one bad line refuses it whole."""
        currency, unit, source = (
            self.currency.text(),
            str(self.unit.currentData()),
            self.source.text(),
        )
        name = Path(path).name
        what = self.commodity.currentText()

        def job(session: "Session") -> list[PriceEdit]:
            return import_price_csv(
                session,
                commodity_id,
                Path(path).read_bytes(),
                currency=currency,
                unit=unit,
                source=source or name,
            )

        self.message.show_done(f"Importing {name}…")
        self.context.write(
            job,
            lambda edits: self._done(
                edits,
                f"Import {what} prices from {name}",
                f"Imported {len(edits):,} prices from {name}.",
            ),
            self.errors,
        )

    def _done(self, edits: list[PriceEdit], step: str, text: str) -> None:
        self.errors.clear()
        self.message.show_done(text)
        record_step(self.context, step, _edits_job(edits, False), _edits_job(edits, True))


class CommodityPricesView(QWidget):
    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.deck = DeckBox(context, self)
        self.history = HistoryBox(context, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.deck)
        splitter.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        on = self.context.today()
        self.context.read(lambda session: load_commodity_prices(session, on), self._show)

    def _show(self, data: CommodityData) -> None:
        priced = sum(1 for line in data.deck if line.price is not None)
        self.heading.setText(
            f"Today ({self.context.today().isoformat()}) {priced} of {len(data.deck)} commodities "
            "have a price. A commodity's deck price is its latest price on or before today, "
            "unless you typed one for the deck; Ctrl+Z undoes a change."
        )
        self.deck.set_lines(data.deck)
        self.history.set_data(data.deck, data.prices)
        self.loaded.emit()
