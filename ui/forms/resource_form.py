"""Add or edit a resource or reserve line of a project: tonnes at a grade in one category."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from tracker.choices import Choices
from tracker.enums import ResourceCategory
from tracker.errors import FieldProblem
from tracker.models import Commodity, Project, ResourceLine
from tracker.services.commodities import project_commodity_symbols
from tracker.services.studies import add_resource, studies_of, update_resource
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import ChoiceBox, DateField, DecimalField
from ui.forms.pickers import CommodityPicker

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class ResourceValues:
    """What the form shows: the stored line (None for a new one), its project, the project's
    studies (id and label) and the commodity to show (the line's, or the project's primary)."""

    line: ResourceLine | None
    project_id: int | None
    project_name: str | None
    studies: list[tuple[int, str]]
    symbol: str | None


def load_values(
    session: "Session", record_id: int | None, project_id: int | None
) -> ResourceValues:
    line = session.get(ResourceLine, record_id) if record_id is not None else None
    project_id = line.project_id if line is not None else project_id
    project = session.get(Project, project_id) if project_id is not None else None
    studies: list[tuple[int, str]] = []
    symbol: str | None = None
    if project_id is not None:
        for study in studies_of(session, project_id):
            day = study.publication_date or study.effective_date
            when = f" ({day.isoformat()})" if day else ""
            if study.id is not None:
                studies.append((study.id, f"{study.study_type}: {study.title}{when}"))
    if line is not None:
        commodity = session.get(Commodity, line.commodity_id) if line.commodity_id else None
        symbol = commodity.symbol if commodity else None
    elif project_id is not None:
        symbols = project_commodity_symbols(session, project_id)
        symbol = symbols[0] if symbols else None
    return ResourceValues(line, project_id, project.name if project else None, studies, symbol)


GRADE_UNITS = ("g/t", "%", "ppm", "oz/t", "lb/t")
CONTAINED_UNITS = ("oz", "Moz", "t", "kt", "Mt", "lb", "Mlb")


class AmountWithUnit(QWidget):
    """A number and the unit it is in, typed or picked: ``1.25`` ``g/t``."""

    def __init__(self, units: tuple[str, ...], placeholder: str, *, scaled: bool) -> None:
        super().__init__()
        self.amount = DecimalField(scaled=scaled, placeholder=placeholder)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItems(["", *units])
        line = self.unit.lineEdit()
        if line is not None:
            line.setPlaceholderText("unit")
        self.unit.setMinimumContentsLength(8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.unit)
        self.setFocusProxy(self.amount)

    def unit_text(self) -> str | None:
        return self.unit.currentText().strip() or None

    def set_value(self, amount: Decimal | None, unit: str | None) -> None:
        self.amount.set_value(amount)
        self.unit.setCurrentText(unit or "")


class ResourceForm(RecordForm):
    """A line always belongs to one project (the one whose page it was added from); it may be
    reported by one of that project's studies."""

    kind = "resource"

    def __init__(
        self,
        parent: QWidget | None,
        stored: ResourceValues,
        choices: Choices,
        record_id: int | None = None,
    ) -> None:
        title = "Edit Resource Line" if record_id else "New Resource Line"
        super().__init__(parent, title, record_id)
        self.project_id = stored.project_id
        self.project = QLabel(stored.project_name or "(no project chosen)")
        self.category = ChoiceBox(ResourceCategory)
        self.commodity = CommodityPicker(choices.commodities)
        self.commodity.create_requested.connect(
            lambda text: self.create_requested.emit("commodity", text, self.commodity)
        )
        self.tonnes = DecimalField(scaled=True, placeholder="e.g. 12.5 M")
        self.grade = AmountWithUnit(GRADE_UNITS, "e.g. 1.25", scaled=False)
        self.contained = AmountWithUnit(CONTAINED_UNITS, "e.g. 1.2 M", scaled=True)
        self.cutoff = QLineEdit()
        self.cutoff.setPlaceholderText("e.g. 0.3 g/t Au")
        self.effective = DateField()
        self.study = QComboBox()
        self.study.addItem("(not from a study)", None)
        for study_id, label in stored.studies:
            self.study.addItem(label, study_id)
        self.source = QLineEdit()
        self.source.setPlaceholderText("https://")
        self.add_field("Project", self.project, ["project"])
        self.add_field("&Category", self.category, ["category"])
        self.add_field("Co&mmodity", self.commodity, ["resource commodity", "commodity"])
        self.add_field("&Tonnes", self.tonnes, ["tonnes"], "Tonnes of mineralised material.")
        self.add_field("&Grade", self.grade, ["grade", "grade_unit"])
        self.add_field("C&ontained", self.contained, ["contained", "contained_unit"])
        self.add_field("C&ut-off", self.cutoff, ["cutoff"])
        self.add_field("&Effective", self.effective, ["effective_date"])
        self.add_field("&Reported by", self.study, ["study"])
        self.add_field("&Source", self.source, ["source"])
        self._values: dict[str, Any] = {}
        self._commodity: str | None = None
        self.commodity.set_symbol(stored.symbol)
        if stored.line is not None:
            self.load(stored.line)
        self.resize(520, 460)

    def load(self, line: ResourceLine) -> None:
        self.category.set_value(line.category)
        self.tonnes.set_value(line.tonnes)
        self.grade.set_value(line.grade, line.grade_unit)
        self.contained.set_value(line.contained, line.contained_unit)
        self.cutoff.setText(line.cutoff or "")
        self.effective.set_value(line.effective_date)
        self.study.setCurrentIndex(max(self.study.findData(line.study_id), 0))
        self.source.setText(line.source or "")

    def prepare(self) -> None:
        reader = Reader()
        if self.commodity.is_unknown():
            reader.problems.append(
                FieldProblem(
                    "commodity", self.commodity.text(), "is not a known commodity; create it first"
                )
            )
        self._commodity = self.commodity.symbol()
        self._values = {
            "project_id": self.project_id or 0,
            "study_id": self.study.currentData(),
            "category": self.category.value() or "",
            "tonnes": reader.read("tonnes", self.tonnes.value, None),
            "grade": reader.read("grade", self.grade.amount.value, None),
            "grade_unit": self.grade.unit_text(),
            "contained": reader.read("contained", self.contained.amount.value, None),
            "contained_unit": self.contained.unit_text(),
            "cutoff": self.cutoff.text(),
            "effective_date": reader.read("effective_date", self.effective.value, None),
            "source": self.source.text(),
        }
        reader.check()

    def job(self) -> SaveJob:
        values, commodity, record_id = dict(self._values), self._commodity, self.record_id

        def save(session: "Session") -> int:
            line = ResourceLine(**values)
            if record_id is None:
                created = add_resource(session, line, commodity)
                assert created.id is not None
                return created.id
            update_resource(session, record_id, line, commodity)
            return record_id

        return save
