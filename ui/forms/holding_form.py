"""Add a position in a company (its opening buy: shares, what they cost, the day), or edit a
holding's company and notes; its shares change through its transactions."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from tracker.choices import Choices
from tracker.errors import FieldProblem
from tracker.models import Holding
from tracker.portfolio.positions import HoldingRow, holding_rows
from tracker.services.holdings import create_holding, update_holding
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import DateField, DecimalField, MoneyField
from ui.forms.pickers import RecordPicker

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class HoldingValues:
    """What the form shows of a stored holding: the row and its position (the sum of its
    transactions), if it has one."""

    holding: Holding
    position: HoldingRow | None


def load_values(session: "Session", record_id: int | None) -> HoldingValues | None:
    holding = session.get(Holding, record_id) if record_id is not None else None
    if holding is None:
        return None
    rows = holding_rows(session, company_id=holding.company_id)
    return HoldingValues(holding, next((row for row in rows if row.id == record_id), None))


class HoldingForm(RecordForm):
    kind = "holding"

    def __init__(
        self,
        parent: QWidget | None,
        stored: HoldingValues | None,
        choices: Choices,
        record_id: int | None = None,
        company_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Edit Holding" if record_id else "New Holding", record_id)
        self.company = RecordPicker("company", choices.companies, creatable=True)
        self.company.set_value(company_id)
        self.company.create_requested.connect(
            lambda text: self.create_requested.emit("company", text, self.company)
        )
        self.shares = DecimalField(placeholder="e.g. 25,000")
        self.cost = MoneyField(scaled=False, placeholder="e.g. 0.45")
        self.cost.currency_box.set_currency("CAD")
        self.opened = DateField()
        self.notes = QPlainTextEdit()
        self.add_field("&Company", self.company, ["company"])
        self.add_field("&Shares", self.shares, ["shares"])
        self.add_field("&Average cost", self.cost, ["average_cost", "currency"], "Per share.")
        self.add_field("&Opened", self.opened, ["opened_date"])
        self.add_field("No&tes", self.notes, ["notes"])
        self._values: dict[str, Any] = {}
        if stored is not None:
            self.load(stored)
        elif record_id is None:
            self.opened.set_value(date.today())
        self.resize(480, 420)

    def load(self, stored: HoldingValues) -> None:
        holding, position = stored.holding, stored.position
        self.company.set_value(holding.company_id)
        if position is not None:
            self.shares.set_value(position.shares)
            self.cost.set_value(position.average_cost, holding.currency)
            self.opened.set_value(position.opened_date)
        hint = "The sum of the holding's transactions: record buys and sells in the portfolio."
        for widget in (self.shares, self.cost, self.opened):
            widget.setEnabled(False)
            widget.setToolTip(hint)
        self.notes.setPlainText(holding.notes or "")

    def prepare(self) -> None:
        reader = Reader()
        company_id = self.company.value()
        if company_id is None:
            reason = "is not a known company" if self.company.text() else "is required"
            reader.problems.append(FieldProblem("company", self.company.text() or None, reason))
        shares = None
        if self.record_id is None:
            shares = reader.read("shares", self.shares.value, None)
            if shares is None and not self.shares.text().strip():
                reader.problems.append(FieldProblem("shares", None, "is required"))
        self._values = {
            "company_id": company_id or 0,
            "shares": shares,
            "average_cost": None
            if self.record_id is not None
            else reader.read("average_cost", self.cost.value, None),
            "currency": self.cost.currency() or "",
            "opened_date": None
            if self.record_id is not None
            else reader.read("opened_date", self.opened.value, None),
            "notes": self.notes.toPlainText(),
        }
        reader.check()

    def job(self) -> SaveJob:
        values, record_id = dict(self._values), self.record_id

        def save(session: "Session") -> int:
            holding = Holding(
                company_id=values["company_id"], currency=values["currency"], notes=values["notes"]
            )
            if record_id is None:
                created = create_holding(
                    session,
                    holding,
                    values["shares"],
                    values["average_cost"],
                    values["opened_date"],
                )
                assert created.id is not None
                return created.id
            update_holding(session, record_id, holding)
            return record_id

        return save
