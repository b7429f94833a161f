"""Add or edit a dated event on a project, a company, or the whole market."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from tracker.choices import Choices
from tracker.enums import EventKind
from tracker.errors import FieldProblem
from tracker.models import Event
from tracker.services.events import commodity_symbols_of, create_event, update_event
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import ChoiceBox, DateField
from ui.forms.pickers import CommodityList, RecordPicker

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class EventValues:
    """What the form shows of a stored event: the row and its commodities' symbols."""

    event: Event
    symbols: list[str]


def load_values(session: "Session", record_id: int | None) -> EventValues | None:
    event = session.get(Event, record_id) if record_id is not None else None
    if event is None or record_id is None:
        return None
    return EventValues(event, commodity_symbols_of(session, record_id))


class EventForm(RecordForm):
    kind = "event"

    def __init__(
        self,
        parent: QWidget | None,
        stored: EventValues | None,
        choices: Choices,
        record_id: int | None = None,
        project_id: int | None = None,
        company_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Edit Event" if record_id else "New Event", record_id)
        self.day = DateField()
        self.day.set_value(date.today())
        self.event_kind = ChoiceBox(EventKind)
        self.title = QLineEdit()
        self.project = RecordPicker("project", choices.projects, creatable=False)
        self.project.set_value(project_id)
        self.company = RecordPicker("company", choices.companies, creatable=True)
        self.company.set_value(company_id)
        self.company.create_requested.connect(
            lambda text: self.create_requested.emit("company", text, self.company)
        )
        self.commodities = CommodityList(choices.commodities, primary=False)
        self.commodities.create_requested.connect(
            lambda text: self.create_requested.emit("commodity", text, self.commodities)
        )
        self.description = QPlainTextEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText("https://")
        self.add_field("&Date", self.day, ["event_date"])
        self.add_field("&Kind", self.event_kind, ["kind"])
        self.add_field("&Title", self.title, ["title"])
        self.add_field(
            "&Project",
            self.project,
            ["project"],
            "Leave project and company empty for news that touches the whole market.",
        )
        self.add_field("&Company", self.company, ["company"])
        self.add_field("Co&mmodities", self.commodities, ["commodities"])
        self.add_field("D&escription", self.description, ["description"])
        self.add_field("S&ource", self.source, ["source"])
        self._values: dict[str, Any] = {}
        self._commodities: list[str] = []
        if stored is not None:
            self.load(stored)
        self.resize(560, 560)

    def load(self, stored: EventValues) -> None:
        event = stored.event
        self.day.set_value(event.event_date)
        self.event_kind.set_value(event.kind)
        self.title.setText(event.title)
        self.project.set_value(event.project_id)
        self.company.set_value(event.company_id)
        self.commodities.set_symbols(stored.symbols)
        self.description.setPlainText(event.description or "")
        self.source.setText(event.source or "")

    def prepare(self) -> None:
        reader = Reader()
        for picker, field in ((self.project, "project"), (self.company, "company")):
            if picker.is_unknown():
                reader.problems.append(
                    FieldProblem(field, picker.text(), f"is not a known {field}")
                )
        self._values = {
            "event_date": reader.read("event_date", self.day.value, None),
            "kind": self.event_kind.value() or "",
            "title": self.title.text(),
            "project_id": self.project.value(),
            "company_id": self.company.value(),
            "description": self.description.toPlainText(),
            "source": self.source.text(),
        }
        self._commodities = self.commodities.symbols()
        reader.check()

    def job(self) -> SaveJob:
        values, commodities, record_id = dict(self._values), list(self._commodities), self.record_id

        def save(session: "Session") -> int:
            event = Event(**values)
            if record_id is None:
                created = create_event(session, event, commodities)
                assert created.id is not None
                return created.id
            update_event(session, record_id, event, commodities)
            return record_id

        return save
