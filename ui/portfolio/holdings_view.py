"""Holdings & prices: positions valued at the latest price, with holdings, the selected
holding's transactions, prices and rates entered beside them."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from tracker.formatting import money, percent
from tracker.portfolio.columns import POSITIONS
from tracker.portfolio.facts import company_choices
from tracker.portfolio.fx import FxBook
from tracker.portfolio.fx_rates import FxRateRow, fx_rate_rows
from tracker.portfolio.positions import (
    HoldingRow,
    PositionRow,
    holding_rows,
    position_rows,
    with_reporting,
)
from tracker.portfolio.prices import SharePriceRow, share_price_rows
from tracker.portfolio.reporting import ReportingBook
from tracker.portfolio.totals import PortfolioTotal, portfolio_total
from tracker.portfolio.transaction_rows import TransactionRow, deal_choices, transaction_rows
from tracker.services.settings import reporting_currency
from ui.portfolio.context import PortfolioContext
from ui.portfolio.holding_form import HoldingForm
from ui.portfolio.market_boxes import FxBox, PricesBox
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row
from ui.portfolio.transactions_box import TransactionsBox

if TYPE_CHECKING:
    from ui.data.gateway import Session

MISSING = QColor("#a15c00")


@dataclass(frozen=True)
class HoldingsData:
    on: date
    positions: list[PositionRow]
    holdings: dict[int, HoldingRow]
    prices: list[SharePriceRow]
    rates: list[FxRateRow]
    companies: list[tuple[str, int]]
    total: PortfolioTotal


def load_holdings(session: "Session", on: date) -> HoldingsData:
    book = FxBook.load(session, on)
    positions = position_rows(session, on, book)
    currency = reporting_currency(session)
    return HoldingsData(
        on,
        with_reporting(positions, ReportingBook(currency, book)),
        {row.id: row for row in holding_rows(session)},
        share_price_rows(session),
        fx_rate_rows(session),
        company_choices(session),
        portfolio_total(positions, currency, book),
    )


def total_text(total: PortfolioTotal, holdings: int) -> str:
    """The headline: what the portfolio is worth, what it cost, and the gain."""
    if not holdings:
        return "No holdings yet: add one with the form on the right."
    if not total.counted:
        return "No holdings with a share price yet: add prices below to see the portfolio value."
    code = total.currency
    text = f"Portfolio value {code} {money(total.value)}"
    if total.cost:
        sign = "+" if total.gain > 0 else ""
        text += (
            f"  ·  cost {code} {money(total.cost)}  ·  gain {code} {sign}{money(total.gain)}"
            f" ({sign}{percent(total.gain_pct)})"
        )
    if total.left_out:
        text += f"  ·  {len(total.left_out)} of {holdings} holdings left out (no value)"
    return text


class HoldingsView(QWidget):
    """Positions on top with the holding form; prices and rates below."""

    loaded = Signal()
    #: The selected holding's transactions are shown.
    transactions_loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.holdings: dict[int, HoldingRow] = {}
        self.heading = QLabel(self)
        self.total = QLabel(self)
        self.total.setObjectName("portfolio_total")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.total.setFont(font)
        self.model: PortfolioTableModel[PositionRow] = PortfolioTableModel(
            POSITIONS,
            lambda row: row.holding_id,
            colour=lambda row: MISSING if row.note else None,
            tooltip=lambda row: row.note,
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("positions_table")
        self.form = HoldingForm(context, self)
        self.transactions = TransactionsBox(context, self)
        self.prices = PricesBox(context, self)
        self.rates = FxBox(context, self)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table)
        top.addWidget(self.form)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.prices)
        bottom.addWidget(self.rates)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.transactions)
        splitter.addWidget(bottom)
        layout.addWidget(splitter)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        # After "New" the table selects nothing, so clicking the last holding opens it again.
        self.form.showing.connect(self._select_holding)
        self.form.showing.connect(self._load_transactions)

    def refresh(self) -> None:
        on = self.context.today()
        self.context.read(lambda session: load_holdings(session, on), self._show)

    def _show(self, data: HoldingsData) -> None:
        self.heading.setText(
            f"Positions on {data.on.isoformat()}, valued at the latest price entered on or before "
            "that day, in each holding's currency. Select a holding to edit it."
        )
        self.holdings = data.holdings
        self.total.setText(total_text(data.total, len(data.positions)))
        self.total.setToolTip("\n".join(data.total.left_out))
        self.model.set_rows(data.positions)
        self.form.set_companies(data.companies)
        self.form.stored_now(data.holdings)
        self.prices.set_companies(data.companies)
        self.prices.set_rows(data.prices)
        self.rates.set_rows(data.rates)
        self._load_transactions(self.form.holding_id)
        self.loaded.emit()

    def _load_transactions(self, holding_id: int | None) -> None:
        """Read the transactions of the holding the form shows, for the box below it."""
        holding = self.holdings.get(holding_id) if holding_id is not None else None
        if holding is None:
            self.transactions.set_holding(None, [], [])
            return

        def read(session: "Session") -> tuple[list[TransactionRow], list[tuple[str, int]]]:
            return transaction_rows(session, holding.id), deal_choices(session)

        def show(data: tuple[list[TransactionRow], list[tuple[str, int]]]) -> None:
            if self.form.holding_id == holding.id:
                self.transactions.set_holding(holding, *data)
            self.transactions_loaded.emit()

        self.context.read(read, show)

    def _selected(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, PositionRow) or row.holding_id == self.form.holding_id:
            return
        if not self.form.open_row(self.holdings.get(row.holding_id)):
            self._select_holding(self.form.holding_id)

    def _select_holding(self, holding_id: int | None) -> None:
        """Select the holding the form shows (none for a new one), quietly."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        for number, position in enumerate(self.model.rows()):
            if holding_id is not None and position.holding_id == holding_id:
                self.table.selectRow(number)
                break
        selection.blockSignals(False)
        self.table.viewport().update()
