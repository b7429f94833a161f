"""The selected holding's transactions: a one-line form above their table, with undo.

Select a row to put it in the form; Save writes the form over it (or adds it after New);
Delete removes the selected one. Every change is a step on the box's own undo stack
(Ctrl+Z / Ctrl+Shift+Z while the box has focus, or its Undo and Redo buttons).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker import records, snapshots
from tracker.enums import TransactionKind
from tracker.errors import FieldProblem
from tracker.models import HoldingTransaction
from tracker.portfolio.columns import TRANSACTIONS
from tracker.portfolio.positions import HoldingRow
from tracker.portfolio.transaction_rows import TransactionRow
from tracker.services.transactions import create_transaction, update_transaction
from tracker.snapshots import Snapshot
from ui import undo
from ui.portfolio.context import PortfolioContext
from ui.portfolio.fields import (
    ChoiceBox,
    DateField,
    DecimalField,
    FormErrors,
    ProblemLabel,
    read_number,
)
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row

if TYPE_CHECKING:
    from ui.data.gateway import Session

#: What each kind fills in; the other number fields are cleared and disabled.
_NEEDS = {
    TransactionKind.BUY: ("shares", "price", "fees"),
    TransactionKind.SELL: ("shares", "price", "fees"),
    TransactionKind.DEAL_SHARES: ("shares", "price", "fees"),
    TransactionKind.FEE: ("fees",),
    TransactionKind.SPLIT: ("split_new", "split_old"),
}


class TransactionsBox(QGroupBox):
    """Buys, sells, fees, shares from deals, splits and consolidations of one holding."""

    #: Emitted once a change (or its undo) is written, for the view to reload.
    changed = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__("Transactions", parent)
        self.context = context
        self.holding: HoldingRow | None = None
        self.editing: int | None = None
        self.stack = QUndoStack(self)
        self.kind = ChoiceBox(self)
        self.kind.setObjectName("transaction_kind")
        self.kind.set_choices([(kind.value, kind.value) for kind in TransactionKind])
        self.kind.setEditable(False)
        self.day = DateField(context.today(), parent=self)
        self.day.setObjectName("transaction_date")
        self.shares = DecimalField("shares", self)
        self.shares.setObjectName("transaction_shares")
        self.price = DecimalField("per share", self)
        self.price.setObjectName("transaction_price")
        self.fees = DecimalField("0", self)
        self.fees.setObjectName("transaction_fees")
        self.split_new = DecimalField("new", self)
        self.split_new.setObjectName("transaction_split_new")
        self.split_old = DecimalField("old", self)
        self.split_old.setObjectName("transaction_split_old")
        self.deal = ChoiceBox(self, any_text="(no deal)")
        self.deal.setObjectName("transaction_deal")
        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText("notes")
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("source (optional)")
        self.new_button = QPushButton("New", self)
        self.save_button = QPushButton("Add", self)
        self.delete_button = QPushButton("Delete selected", self)
        self.undo_button = QPushButton("Undo", self)
        self.redo_button = QPushButton("Redo", self)
        self.message = ProblemLabel(self)
        self.errors = FormErrors(
            {
                "kind": self.kind,
                "trade_date": self.day,
                "shares": self.shares,
                "price": self.price,
                "fees": self.fees,
                "split_new": self.split_new,
                "split_old": self.split_old,
                "deal": self.deal,
                "currency": self.price,
                "source": self.source,
            },
            self.message,
        )
        self.model: PortfolioTableModel[TransactionRow] = PortfolioTableModel(
            TRANSACTIONS, lambda row: row.id
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("transactions_table")
        self._layout()
        self.kind.currentIndexChanged.connect(lambda _index: self._kind_changed())
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.undo_button.clicked.connect(self.stack.undo)
        self.redo_button.clicked.connect(self.stack.redo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        context_keys = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.stack.undo),
            (QKeySequence.StandardKey.Redo, self.stack.redo),
            ("Ctrl+Shift+Z", self.stack.redo),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context_keys)
            shortcut.activated.connect(slot)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.set_holding(None, [], [])

    def _layout(self) -> None:
        grid = QGridLayout(self)
        widgets = (
            ("Kind", self.kind),
            ("Date", self.day),
            ("Shares", self.shares),
            ("Price", self.price),
            ("Fees", self.fees),
            ("Split new", self.split_new),
            ("for old", self.split_old),
            ("From deal", self.deal),
        )
        for column, (label, widget) in enumerate(widgets):
            grid.addWidget(QLabel(label, self), 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.notes, 2, 0, 1, 4)
        grid.addWidget(self.source, 2, 4, 1, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.new_button,
            self.save_button,
            self.delete_button,
            self.undo_button,
            self.redo_button,
        ):
            buttons.addWidget(button)
        grid.addLayout(buttons, 3, 0, 1, len(widgets))
        grid.addWidget(self.message, 4, 0, 1, len(widgets))
        grid.addWidget(self.table, 5, 0, 1, len(widgets))
        grid.setColumnStretch(7, 2)

    # Showing ------------------------------------------------------------------------------

    def set_holding(
        self,
        holding: HoldingRow | None,
        rows: list[TransactionRow],
        deals: list[tuple[str, int]],
    ) -> None:
        """Show ``holding``'s transactions (None: no holding selected)."""
        changed_holding = (holding and holding.id) != (self.holding and self.holding.id)
        self.holding = holding
        self.deal.set_choices(deals)
        self.model.set_rows(rows)
        self.setEnabled(holding is not None)
        self.setTitle(
            "Transactions: select a holding above"
            if holding is None
            else f"Transactions of {holding.company} ({holding.currency})"
        )
        if changed_holding or (
            self.editing is not None and all(row.id != self.editing for row in rows)
        ):
            self.new()

    def new(self) -> None:
        """An empty form for a transaction to add (a buy today)."""
        self.editing = None
        self.table.clearSelection()
        self.kind.select_value(TransactionKind.BUY.value)
        self.day.set_date(self.context.today())
        for field in (self.shares, self.price, self.fees, self.split_new, self.split_old):
            field.set_value(None)
        self.deal.select_value(None)
        self.notes.clear()
        self.source.clear()
        self.save_button.setText("Add")
        self.delete_button.setEnabled(False)
        self.errors.clear()
        self._kind_changed()

    def _selected(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, TransactionRow):
            return
        self.editing = row.id
        self.kind.select_value(row.kind)
        self.day.set_date(row.trade_date)
        self.shares.set_value(row.shares)
        self.price.set_value(row.price)
        self.fees.set_value(row.fees)
        self.split_new.set_value(row.split_new)
        self.split_old.set_value(row.split_old)
        self.deal.select_value(row.deal_id)
        self.notes.setText(row.notes or "")
        self.source.setText(row.source or "")
        self.save_button.setText("Save changes")
        self.delete_button.setEnabled(True)
        self.errors.clear()
        self._kind_changed()

    def _kind_changed(self) -> None:
        needs = _NEEDS.get(TransactionKind(self.kind.currentText()), ())
        for name in ("shares", "price", "fees", "split_new", "split_old"):
            field: DecimalField = getattr(self, name)
            field.setEnabled(name in needs)
        self.deal.setEnabled(self.kind.currentText() == TransactionKind.DEAL_SHARES.value)

    # Writing ------------------------------------------------------------------------------

    def _entry(self) -> HoldingTransaction | None:
        """The form as a transaction, or None with the problems shown."""
        assert self.holding is not None
        problems: list[FieldProblem] = []
        kind = self.kind.currentText()
        needs = _NEEDS.get(TransactionKind(kind), ())
        numbers: dict[str, Any] = {}
        for name in ("shares", "price", "fees", "split_new", "split_old"):
            field: DecimalField = getattr(self, name)
            numbers[name] = read_number(field, name, problems) if name in needs else None
        if problems:
            self.errors.show(problems)
            return None
        deal = self.deal.current_value() if kind == TransactionKind.DEAL_SHARES.value else None
        return HoldingTransaction(
            holding_id=self.holding.id,
            kind=kind,
            trade_date=self.day.day(),
            currency=self.holding.currency,
            deal_id=deal if isinstance(deal, int) else None,
            notes=self.notes.text(),
            source=self.source.text(),
            **numbers,
        )

    def save(self) -> None:
        if self.holding is None:
            return
        entry = self._entry()
        if entry is None:
            return
        editing = self.editing
        if editing is None:

            def add(session: "Session") -> tuple[int, str]:
                created = create_transaction(session, entry)
                assert created.id is not None
                return created.id, records.label(session, "transaction", created.id)

            def added(result: tuple[int, str]) -> None:
                new_id, label = result
                self.stack.push(undo.created(self._run, "transaction", new_id, label))
                self.new()
                self.message.show_done("Transaction added.")

            self.context.write(add, added, self.errors)
            return

        def change(session: "Session") -> tuple[Snapshot, Snapshot, str]:
            before = snapshots.capture_own(session, "transaction", editing)
            update_transaction(session, editing, entry)
            after = snapshots.capture_own(session, "transaction", editing)
            return before, after, records.label(session, "transaction", editing)

        def changed(result: tuple[Snapshot, Snapshot, str]) -> None:
            before, after, label = result
            self.stack.push(undo.edited(self._run, before, after, label))
            self.errors.clear()
            self.message.show_done("Transaction saved.")

        self.context.write(change, changed, self.errors)

    def delete(self) -> None:
        editing = self.editing
        if editing is None or not self.context.confirm("Delete this transaction?"):
            return

        def remove(session: "Session") -> tuple[Snapshot, str]:
            label = records.label(session, "transaction", editing)
            return records.delete_record(session, "transaction", editing), label

        def removed(result: tuple[Snapshot, str]) -> None:
            snapshot, label = result
            self.stack.push(undo.deleted(self._run, snapshot, label))
            self.new()
            self.message.show_done("Transaction deleted. Ctrl+Z brings it back.")

        self.context.write(remove, removed, self.errors)

    def _run(self, job: Callable[["Session"], Any], _kind: str, _record_id: int | None) -> None:
        """An undo or redo step: written on the write thread, then the views reload."""
        self.context.write(job, lambda _result: self.changed.emit(), self.errors)
