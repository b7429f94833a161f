"""Add a holding with its opening buy (company, shares, average cost, currency, date opened),
or edit a holding's company, currency and notes: its shares are the sum of its transactions."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from tracker.errors import FieldProblem
from tracker.models import Holding
from tracker.portfolio.positions import HoldingRow
from tracker.services.holdings import create_holding, delete_holding, update_holding
from ui.portfolio.context import PortfolioContext
from ui.portfolio.fields import (
    ChoiceBox,
    CodeField,
    DateField,
    DecimalField,
    FormErrors,
    ProblemLabel,
    read_number,
)

if TYPE_CHECKING:
    from ui.data.gateway import Session


class HoldingForm(QGroupBox):
    """Editing the selected holding, or a new one after "New"."""

    #: The holding now shown, by id (None: a new one), for the table to select it.
    showing = Signal(object)

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__("Holding", parent)
        self.context = context
        self.holding_id: int | None = None
        self._row: HoldingRow | None = None
        self._loaded: tuple[object, ...] = ()
        self.company = ChoiceBox(self)
        self.company.setObjectName("holding_company")
        self.shares = DecimalField("e.g. 10000", self)
        self.shares.setObjectName("holding_shares")
        self.average_cost = DecimalField("per share", self)
        self.average_cost.setObjectName("holding_cost")
        self.currency = CodeField("CAD", self)
        self.currency.setObjectName("holding_currency")
        self.opened = DateField(parent=self)
        self.notes = QLineEdit(self)
        self.new_button = QPushButton("New", self)
        self.save_button = QPushButton("Add holding", self)
        self.save_button.setDefault(True)
        self.delete_button = QPushButton("Delete", self)
        self.message = ProblemLabel(self)
        self.errors = FormErrors(
            {
                "company": self.company,
                "shares": self.shares,
                "average_cost": self.average_cost,
                "currency": self.currency,
                "opened_date": self.opened,
            },
            self.message,
        )
        form = QFormLayout(self)
        form.addRow("Company", self.company)
        form.addRow("Shares", self.shares)
        form.addRow("Average cost", self.average_cost)
        form.addRow("Currency", self.currency)
        form.addRow("Opened", self.opened)
        form.addRow("Notes", self.notes)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        form.addRow(self.message)
        self.new_button.clicked.connect(lambda: self.open_row(None))
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.edit(None)

    def set_companies(self, choices: list[tuple[str, int]]) -> None:
        self.company.set_choices(choices)

    def open_row(self, row: HoldingRow | None) -> bool:
        """Show ``row`` (None: a new holding; the shown row again: Escape, back to as stored),
        asking first when what was typed would be lost; False when the user keeps editing."""
        if self.is_changed() and not self.context.confirm("Discard changes?"):
            return False
        self.edit(row)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape in a field goes back to the holding as stored (asking when typed in)."""
        if event.key() == Qt.Key.Key_Escape:
            self.open_row(self._row)
            event.accept()
            return
        super().keyPressEvent(event)

    def stored_now(self, holdings: dict[int, HoldingRow]) -> None:
        """The holdings as stored after a refresh: Escape goes back to the fresh row."""
        if self.holding_id is not None and self.holding_id in holdings:
            self._row = holdings[self.holding_id]

    def is_changed(self) -> bool:
        """Something was typed since the form was filled or saved."""
        return self._state() != self._loaded

    def _state(self) -> tuple[object, ...]:
        return (
            self.company.currentText(),
            self.shares.text(),
            self.average_cost.text(),
            self.currency.text(),
            self.opened.date(),
            self.notes.text(),
        )

    def edit(self, row: HoldingRow | None) -> None:
        """Fill the form from ``row``, or empty it for a new holding."""
        self.errors.clear()
        self._row = row
        self.holding_id = None if row is None else row.id
        self.setTitle("New holding" if row is None else f"Holding: {row.company}")
        self.save_button.setText("Add holding" if row is None else "Save changes")
        self.delete_button.setEnabled(row is not None)
        self.company.select_value(None if row is None else row.company_id)
        self.shares.set_value(None if row is None else row.shares)
        self.average_cost.set_value(None if row is None else row.average_cost)
        self.currency.setText("CAD" if row is None else row.currency)
        self.opened.set_date(self.context.today() if row is None else row.opened_date)
        hint = "" if row is None else "The sum of the holding's transactions (below)."
        for widget in (self.shares, self.average_cost, self.opened):
            widget.setEnabled(row is None)
            widget.setToolTip(hint)
        self.notes.setText("" if row is None or row.notes is None else row.notes)
        self._loaded = self._state()
        self.showing.emit(self.holding_id)

    def save(self) -> None:
        problems: list[FieldProblem] = []
        company_id = self.company.current_value()
        if not isinstance(company_id, int):
            problems.append(
                FieldProblem(
                    "company", self.company.currentText(), "choose a company from the list"
                )
            )
        holding_id = self.holding_id
        shares = cost = None
        opened = self.opened.value()
        if holding_id is None:
            if not self.shares.text().strip():
                problems.append(FieldProblem("shares", None, "is required"))
            shares = read_number(self.shares, "shares", problems)
            cost = read_number(self.average_cost, "average_cost", problems)
            if opened is None:
                problems.append(FieldProblem("opened_date", None, "is required: the day bought"))
        if problems or not isinstance(company_id, int):
            self.errors.show(problems)
            return
        holding = Holding(
            company_id=company_id, currency=self.currency.text(), notes=self.notes.text()
        )

        def write(session: "Session") -> None:
            if holding_id is None:
                create_holding(session, holding, shares, cost, opened)
            else:
                update_holding(session, holding_id, holding)

        self.context.write(write, self._saved, self.errors)

    def _saved(self, _result: object) -> None:
        self.errors.clear()
        self._loaded = self._state()
        self.message.show_done("Saved.")
        if self.holding_id is None:
            self.edit(None)
            self.message.show_done("Holding added.")

    def delete(self) -> None:
        holding_id = self.holding_id
        if holding_id is None or not self.context.confirm("Delete this holding?"):
            return
        self.context.write(
            lambda session: delete_holding(session, holding_id), self._deleted, self.errors
        )

    def _deleted(self, _result: object) -> None:
        self.edit(None)
        self.message.show_done("Holding deleted.")
