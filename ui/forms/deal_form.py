"""Log or edit a deal: parties, terms, obligations and earn-in steps, and its status."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from tracker.choices import Choices
from tracker.enums import DealStatus, DealType
from tracker.errors import FieldProblem
from tracker.models import Deal, DealObligation, DealStep
from tracker.services.deals import (
    ObligationSpec,
    StepSpec,
    change_status,
    create_deal,
    obligations_of,
    replace_terms,
    steps_of,
    update_deal,
)
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import ChoiceBox, DateField, DecimalField, MoneyField
from ui.forms.pickers import RecordPicker
from ui.forms.rows import ObligationsEditor, StepsEditor

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class DealValues:
    """What the form shows of a stored deal: the row, its earn-in steps and obligations."""

    deal: Deal
    steps: list[DealStep]
    obligations: list[DealObligation]


def load_values(session: "Session", record_id: int | None) -> DealValues | None:
    deal = session.get(Deal, record_id) if record_id is not None else None
    if deal is None or record_id is None:
        return None
    return DealValues(
        deal, list(steps_of(session, record_id)), list(obligations_of(session, record_id))
    )


class DealForm(RecordForm):
    kind = "deal"

    def __init__(
        self,
        parent: QWidget | None,
        stored: DealValues | None,
        choices: Choices,
        record_id: int | None = None,
        project_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Edit Deal" if record_id else "Log Deal", record_id)
        self.title = QLineEdit()
        self.deal_type = ChoiceBox(DealType)
        self.status = ChoiceBox(DealStatus)
        self.status_date = DateField()
        self.project = RecordPicker("project", choices.projects, creatable=False)
        self.project.set_value(project_id)
        self.acquirer = RecordPicker("company", choices.companies, creatable=True)
        self.counterparty = RecordPicker("company", choices.companies, creatable=True)
        for picker in (self.acquirer, self.counterparty):
            picker.create_requested.connect(
                lambda text, p=picker: self.create_requested.emit("company", text, p)
            )
        self.interest = DecimalField(percent=True, placeholder="%")
        self.consideration = MoneyField(allow_blank=True)
        self.consideration.amount.setPlaceholderText("e.g. 4.5 M")
        self.announced = DateField()
        self.announced.set_value(date.today())
        self.expected_close = DateField()
        self.obligations = ObligationsEditor()
        self.steps = StepsEditor()
        self.steps.changed.connect(lambda: self.obligations.set_step_count(len(self.steps.lines)))
        self.source = QLineEdit()
        self.source.setPlaceholderText("https://")
        self.notes = QPlainTextEdit()
        self.add_field("&Title", self.title, ["title"])
        self.add_field("T&ype", self.deal_type, ["deal_type"])
        self.add_field("&Status", self.status, ["status", "closed_date"])
        self.add_field(
            "Status &since",
            self.status_date,
            ["status date"],
            "When the status took effect. Blank: the announcement (new deal) or today.",
        )
        self.add_field("&Project", self.project, ["project"])
        self.add_field("&Acquirer", self.acquirer, ["acquirer"])
        self.add_field("&Counterparty", self.counterparty, ["counterparty"])
        self.add_field("&Interest", self.interest, ["interest_pct"])
        self.add_field(
            "Consi&deration",
            self.consideration,
            ["consideration", "consideration_currency", "consideration currency"],
            "The headline price: cash and the value of any shares.",
        )
        self.add_field("A&nnounced", self.announced, ["announced_date"])
        self.add_field("&Expected close", self.expected_close, ["expected_close_date"])
        self.add_field("&Obligations", self.obligations, ["obligation"])
        self.add_field("Earn-in ste&ps", self.steps, ["step", "steps"])
        self.add_field("So&urce", self.source, ["source"])
        self.add_field("No&tes", self.notes, ["notes"])
        self._stored_status: str | None = None
        self._closed: date | None = None
        self._values: dict[str, Any] = {}
        self._steps: list[StepSpec] = []
        self._loose: list[ObligationSpec] = []
        self._status_change: tuple[str, date] | None = None
        self._status_since: date | None = None
        if stored is not None:
            self.load(stored)
        self.resize(820, 680)

    def load(self, stored: DealValues) -> None:
        deal = stored.deal
        self.title.setText(deal.title)
        self.deal_type.set_value(deal.deal_type)
        self.status.set_value(deal.status)
        self._stored_status = deal.status
        self._closed = deal.closed_date
        self.project.set_value(deal.project_id)
        self.acquirer.set_value(deal.acquirer_id)
        self.counterparty.set_value(deal.counterparty_id)
        self.interest.set_value(deal.interest_pct)
        self.consideration.set_value(deal.consideration, deal.consideration_currency)
        self.announced.set_value(deal.announced_date)
        self.expected_close.set_value(deal.expected_close_date)
        steps = stored.steps
        numbers = {step.id: number for number, step in enumerate(steps, start=1)}
        self.steps.set_steps(
            [StepSpec(s.interest_pct, s.due_date, s.description, s.earned) for s in steps]
        )
        self.obligations.set_obligations(
            [
                (
                    numbers.get(o.step_id, 0) if o.step_id is not None else 0,
                    ObligationSpec(o.kind, o.amount, o.currency, o.due_date, o.met, o.description),
                )
                for o in stored.obligations
            ]
        )
        self.source.setText(deal.source or "")
        self.notes.setPlainText(deal.notes or "")

    def prepare(self) -> None:
        reader = Reader()
        for picker, field in ((self.acquirer, "acquirer"), (self.counterparty, "counterparty")):
            if picker.is_unknown():
                reader.problems.append(
                    FieldProblem(field, picker.text(), "is not a known company; create it first")
                )
        if self.project.is_unknown():
            reader.problems.append(
                FieldProblem("project", self.project.text(), "is not a known project")
            )
        status = self.status.value() or ""
        since = reader.read("status date", self.status_date.value, None)
        self._values = {
            "title": self.title.text(),
            "deal_type": self.deal_type.value() or "",
            "status": status,
            "project_id": self.project.value(),
            "acquirer_id": self.acquirer.value(),
            "counterparty_id": self.counterparty.value(),
            "interest_pct": reader.read("interest_pct", self.interest.value, None),
            "consideration": reader.read("consideration", self.consideration.value, None),
            "consideration_currency": self.consideration.currency(),
            "announced_date": reader.read("announced_date", self.announced.value, None),
            "expected_close_date": reader.read(
                "expected_close_date", self.expected_close.value, None
            ),
            "source": self.source.text(),
            "notes": self.notes.toPlainText(),
        }
        obligations = self.obligations.read(reader)
        self._steps = self.steps.read(reader, obligations)
        self._loose = [spec for step, spec in obligations if step == 0]
        self._status_since = since
        changed = self._stored_status is not None and status != self._stored_status
        self._status_change = (status, since or date.today()) if changed else None
        reader.check()

    def job(self) -> SaveJob:
        values, record_id = dict(self._values), self.record_id
        steps, loose, since = list(self._steps), list(self._loose), self._status_since
        status_change, stored_status, closed = (
            self._status_change,
            self._stored_status,
            self._closed,
        )

        def save(session: "Session") -> int:
            if record_id is None:
                created = create_deal(
                    session, Deal(**values), status_date=since, steps=steps, obligations=loose
                )
                assert created.id is not None
                return created.id
            changes = Deal(**{**values, "status": stored_status, "closed_date": closed})
            update_deal(session, record_id, changes)
            replace_terms(session, record_id, steps, loose)
            if status_change is not None:
                change_status(session, record_id, status_change[0], status_change[1])
            return record_id

        return save
