"""Add or edit a project: owners, commodities (primary first), location, stage and tags."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from tracker.choices import Choices
from tracker.entry import parse_list
from tracker.enums import ProjectStatus, Stage
from tracker.errors import FieldProblem
from tracker.models import Project
from tracker.services.commodities import project_commodity_symbols
from tracker.services.projects import (
    OwnerShare,
    StageEntry,
    create_project,
    owners_of,
    record_stage,
    tags_of,
    update_project,
)
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import ChoiceBox, DateField, DecimalField, finder
from ui.forms.pickers import CommodityList, RecordPicker
from ui.forms.rows import OwnersEditor

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class ProjectValues:
    """What the form shows of a stored project: the row, its owners, commodities and tags."""

    project: Project
    owners: list[OwnerShare]
    symbols: list[str]
    tags: list[str]


def load_values(session: "Session", record_id: int | None) -> ProjectValues | None:
    project = session.get(Project, record_id) if record_id is not None else None
    if project is None or record_id is None:
        return None
    return ProjectValues(
        project,
        list(owners_of(session, record_id)),
        list(project_commodity_symbols(session, record_id)),
        list(tags_of(session, record_id)),
    )


class ProjectForm(RecordForm):
    kind = "project"

    def __init__(
        self,
        parent: QWidget | None,
        stored: ProjectValues | None,
        choices: Choices,
        record_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Edit Project" if record_id else "New Project", record_id)
        self.name = QLineEdit()
        self.owners = OwnersEditor(choices.companies)
        self.owners.create_company.connect(self._create_company)
        self.commodities = CommodityList(choices.commodities)
        self.commodities.create_requested.connect(
            lambda text: self.create_requested.emit("commodity", text, self.commodities)
        )
        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.addItems(["", *choices.countries])
        self.country.setCompleter(finder(choices.countries))
        self.region = QLineEdit()
        self.district = QLineEdit()
        self.latitude = DecimalField(placeholder="-90 to 90")
        self.longitude = DecimalField(placeholder="-180 to 180")
        self.status = ChoiceBox(ProjectStatus)
        self.stage = ChoiceBox(Stage, blank="(not set)")
        self.stage_date = DateField()
        self.stage_date.set_value(date.today())
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("high grade, open pit")
        self.source = QLineEdit()
        self.source.setPlaceholderText("https://")
        self.notes = QPlainTextEdit()
        self.add_field("&Name", self.name, ["name"])
        self.add_field(
            "&Owners", self.owners, ["owner", "owner interest", "owner interests", "operator"]
        )
        self.add_field(
            "Co&mmodities",
            self.commodities,
            ["commodities"],
            "Type a symbol or name and press Enter; the first is the primary commodity.",
        )
        self.add_field("&Country", self.country, ["country"])
        self.add_field("&Region", self.region, ["region"])
        self.add_field("&District", self.district, ["district"])
        self.add_field("&Latitude", self.latitude, ["latitude"])
        self.add_field("Lon&gitude", self.longitude, ["longitude"])
        self.add_field("St&atus", self.status, ["status"])
        self.add_field("&Stage", self.stage, ["stage", "stage note"])
        self.add_field("Stage &since", self.stage_date, ["stage date"])
        self.add_field("&Tags", self.tags, ["tags"])
        self.add_field("So&urce", self.source, ["source"])
        self.add_field("No&tes", self.notes, ["notes"])
        self._stored_stage: str | None = None
        self._values: dict[str, Any] = {}
        self._owners: list[OwnerShare] = []
        self._commodities: list[str] = []
        self._tags: list[str] = []
        self._stage: StageEntry | None = None
        if stored is not None:
            self.load(stored)
        else:
            self.owners.add_line()
        self.resize(640, 640)

    def _create_company(self, picker: RecordPicker, text: str) -> None:
        self.create_requested.emit("company", text, picker)

    def load(self, stored: ProjectValues) -> None:
        project = stored.project
        self.name.setText(project.name)
        self.owners.set_owners(stored.owners)
        self.commodities.set_symbols(stored.symbols)
        self.country.setCurrentText(project.country or "")
        self.region.setText(project.region or "")
        self.district.setText(project.district or "")
        self.latitude.set_value(project.latitude)
        self.longitude.set_value(project.longitude)
        self.status.set_value(project.status)
        self._stored_stage = project.stage
        self.stage.set_value(project.stage)
        self.tags.setText(", ".join(stored.tags))
        self.source.setText(project.source or "")
        self.notes.setPlainText(project.notes or "")

    def prepare(self) -> None:
        reader = Reader()
        self._values = {
            "name": self.name.text(),
            "country": self.country.currentText(),
            "region": self.region.text(),
            "district": self.district.text(),
            "latitude": reader.read("latitude", self.latitude.value, None),
            "longitude": reader.read("longitude", self.longitude.value, None),
            "status": self.status.value() or ProjectStatus.ACTIVE.value,
            "source": self.source.text(),
            "notes": self.notes.toPlainText(),
        }
        self._owners = self.owners.read(reader)
        self._commodities = self.commodities.symbols()
        typed = self.commodities.adder.text()
        if typed and not self.commodities.adder.value():
            reader.problems.append(
                FieldProblem("commodities", typed, "is not a known commodity; create it first")
            )
        self._tags = parse_list(self.tags.text())
        stage = self.stage.value()
        since = reader.read("stage date", self.stage_date.value, None)
        self._stage = None
        if stage is not None and stage != self._stored_stage:
            if since is None:
                reader.problems.append(FieldProblem("stage date", None, "is required with a stage"))
            else:
                self._stage = StageEntry(stage, since)
        reader.check()

    def job(self) -> SaveJob:
        values, record_id = dict(self._values), self.record_id
        owners, commodities, tags, stage = self._owners, self._commodities, self._tags, self._stage

        def save(session: "Session") -> int:
            project = Project(**values)
            if record_id is None:
                created = create_project(
                    session, project, owners=owners, commodities=commodities, stage=stage, tags=tags
                )
                assert created.id is not None
                return created.id
            update_project(
                session, record_id, project, owners=owners, commodities=commodities, tags=tags
            )
            if stage is not None:
                record_stage(session, record_id, stage)
            return record_id

        return save
