"""Add or edit a technical study: its type, dates, economics (money in the study's currency)
and the price deck they rest on."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from tracker.choices import Choices
from tracker.enums import ReportingCode, StudyType
from tracker.formatting import NOT_STATED
from tracker.models import Study
from tracker.services.commodities import price_units
from tracker.services.sensitivities import Sensitivity, sensitivities_of
from tracker.services.studies import (
    PriceAssumption,
    create_study,
    prices_of,
    rate_not_stated,
    update_study,
)
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import ChoiceBox, CurrencyBox, DateField, DecimalField, MoneyField
from ui.forms.pickers import RecordPicker
from ui.forms.price_rows import KEY as PRICE_DECK
from ui.forms.price_rows import PriceDeckEditor
from ui.forms.resource_form import GRADE_UNITS, AmountWithUnit
from ui.forms.sensitivity_rows import KEY as SENSITIVITY
from ui.forms.sensitivity_rows import SensitivityEditor

if TYPE_CHECKING:
    from ui.data.gateway import Session

MONEY = ("after_tax_npv", "pre_tax_npv", "initial_capex", "sustaining_capex")
PERCENTS = ("discount_rate_pct", "after_tax_irr_pct", "pre_tax_irr_pct", "recovery_pct")
NUMBERS = ("payback_years", "mine_life_years", "aisc", "cash_cost", "strip_ratio")
#: Operating figures with their units, as the workbook has them: field, unit field, units offered.
WITH_UNITS = (
    ("throughput", "throughput_unit", ("t/d", "t/a", "Mt/a")),
    ("annual_production", "production_unit", ("oz/a", "koz/a", "t/a", "kt/a", "lb/a", "Mlb/a")),
    ("head_grade", "head_grade_unit", GRADE_UNITS),
)


@dataclass(frozen=True)
class StudyValues:
    """What the form shows: the stored study (None for a new one) with its price deck and
    sensitivity table, and every commodity's price unit (the deck offers them)."""

    study: Study | None
    prices: list[PriceAssumption]
    sensitivities: list[Sensitivity]
    units: dict[int, str]


def load_values(session: "Session", record_id: int | None) -> StudyValues:
    study = session.get(Study, record_id) if record_id is not None else None
    if study is None or record_id is None:
        return StudyValues(None, [], [], price_units(session))
    return StudyValues(
        study,
        prices_of(session, record_id),
        sensitivities_of(session, record_id),
        price_units(session),
    )


class StudyForm(RecordForm):
    kind = "study"

    def __init__(
        self,
        parent: QWidget | None,
        stored: StudyValues,
        choices: Choices,
        record_id: int | None = None,
        project_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Edit Study" if record_id else "New Study", record_id)
        self.project = RecordPicker("project", choices.projects, creatable=False)
        self.project.set_value(project_id)
        self.study_type = ChoiceBox(StudyType)
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Hill Gold Project PEA")
        self.published = DateField()
        self.effective = DateField()
        self.code = ChoiceBox(ReportingCode, blank="(not stated)")
        self.qualified_person = QLineEdit()
        self.currency = CurrencyBox()
        self.currency.set_currency("USD")
        self.money = {name: MoneyField(self.currency) for name in MONEY}
        self.percents = {name: DecimalField(percent=True, placeholder="%") for name in PERCENTS}
        self.numbers = {name: DecimalField() for name in NUMBERS}
        self.numbers["strip_ratio"].setPlaceholderText("waste to ore, e.g. 3.2")
        self.with_units = {
            name: AmountWithUnit(
                units,
                "e.g. 1.25" if name == "head_grade" else "e.g. 25,000",
                scaled=name != "head_grade",
            )
            for name, _, units in WITH_UNITS
        }
        self.cost_unit = QLineEdit()
        self.cost_unit.setPlaceholderText("USD/oz")
        self.prices = PriceDeckEditor(choices.commodities, stored.units)
        self.prices.create_commodity.connect(
            lambda picker, text: self.create_requested.emit("commodity", text, picker)
        )
        self.sensitivities = SensitivityEditor(choices.commodities)
        self.currency.currentTextChanged.connect(self._currency_changed)
        self.source = QLineEdit()
        self.source.setPlaceholderText("https://")
        self.notes = QPlainTextEdit()
        self.add_field("&Project", self.project, ["project"])
        self.add_field("&Type", self.study_type, ["study_type"])
        self.add_field("T&itle", self.title, ["title"])
        self.add_field("&Published", self.published, ["publication_date"])
        self.add_field("&Effective", self.effective, ["effective_date"])
        self.add_field("Reporting &code", self.code, ["reporting_code"])
        self.add_field("&Qualified person", self.qualified_person, ["qualified_person"])
        self.add_field("&Currency", self.currency, ["currency"], "All money figures are in it.")
        self.add_field("After-tax &NPV", self.money["after_tax_npv"], ["after_tax_npv"])
        self.add_field("&Discount rate", self.percents["discount_rate_pct"], ["discount_rate_pct"])
        self.add_field("After-tax I&RR", self.percents["after_tax_irr_pct"], ["after_tax_irr_pct"])
        self.add_field("Initial ca&pex", self.money["initial_capex"], ["initial_capex"])
        self.add_field("Sustaining capex", self.money["sustaining_capex"], ["sustaining_capex"])
        self.add_field("Pre-tax NPV", self.money["pre_tax_npv"], ["pre_tax_npv"])
        self.add_field("Pre-tax IRR", self.percents["pre_tax_irr_pct"], ["pre_tax_irr_pct"])
        self.add_field("Payback (years)", self.numbers["payback_years"], ["payback_years"])
        self.add_field("Mine life (years)", self.numbers["mine_life_years"], ["mine_life_years"])
        self.add_field(
            "T&hroughput", self.with_units["throughput"], ["throughput", "throughput_unit"]
        )
        self.add_field(
            "&Annual production",
            self.with_units["annual_production"],
            ["annual_production", "production_unit"],
        )
        self.add_field(
            "Head &grade", self.with_units["head_grade"], ["head_grade", "head_grade_unit"]
        )
        self.add_field("Recovery", self.percents["recovery_pct"], ["recovery_pct"])
        self.add_field("Strip ratio", self.numbers["strip_ratio"], ["strip_ratio"])
        self.add_field("Cash cost", self.numbers["cash_cost"], ["cash_cost"])
        self.add_field("AISC", self.numbers["aisc"], ["aisc"])
        self.add_field(
            "Cost unit", self.cost_unit, ["cost_unit"], "Of the cash cost and AISC, e.g. USD/oz."
        )
        self.add_field(
            "Price dec&k", self.prices, [PRICE_DECK, "price commodity"], "Prices the study assumes."
        )
        self.add_field(
            "NPV sensitivity",
            self.sensitivities,
            [SENSITIVITY],
            "After-tax NPV (study currency, its discount rate) with one commodity at another "
            "price, or at a % change of the deck price; used for NPV at today's deck.",
        )
        self.add_field("S&ource", self.source, ["source"])
        self.add_field("No&tes", self.notes, ["notes"])
        self._values: dict[str, Any] = {}
        self._prices: list[PriceAssumption] = []
        self._sensitivities: list[Sensitivity] = []
        if stored.study is not None:
            self.load(stored)
        self.resize(660, 760)

    def load(self, stored: StudyValues) -> None:
        study = stored.study
        assert study is not None
        self.project.set_value(study.project_id)
        self.project.setEnabled(False)
        self.study_type.set_value(study.study_type)
        self.title.setText(study.title)
        self.published.set_value(study.publication_date)
        self.effective.set_value(study.effective_date)
        self.code.set_value(study.reporting_code)
        self.qualified_person.setText(study.qualified_person or "")
        self.currency.set_currency(study.currency)
        for name, field in self.money.items():
            field.set_value(getattr(study, name))
        for name, number in {**self.percents, **self.numbers}.items():
            number.set_value(getattr(study, name))
        if rate_not_stated(study):
            # Its source gave the NPV without the rate: saved so until a rate is typed.
            self.percents["discount_rate_pct"].setPlaceholderText(NOT_STATED)
        for name, unit, _ in WITH_UNITS:
            self.with_units[name].set_value(getattr(study, name), getattr(study, unit))
        self.cost_unit.setText(study.cost_unit or "")
        self.source.setText(study.source or "")
        self.notes.setPlainText(study.notes or "")
        self.prices.set_prices(stored.prices)
        self.sensitivities.set_points(stored.sensitivities)

    def _currency_changed(self, text: str) -> None:
        """New price lines take the study's currency."""
        self.prices.currency = text.strip().upper() or "USD"
        self.sensitivities.currency = self.prices.currency

    def prepare(self) -> None:
        reader = Reader()
        values: dict[str, Any] = {
            "project_id": self.project.value() or 0,
            "study_type": self.study_type.value() or "",
            "title": self.title.text(),
            "publication_date": reader.read("publication_date", self.published.value, None),
            "effective_date": reader.read("effective_date", self.effective.value, None),
            "reporting_code": self.code.value(),
            "qualified_person": self.qualified_person.text(),
            "currency": self.currency.currency() or "",
            "cost_unit": self.cost_unit.text() or None,
            "source": self.source.text(),
            "notes": self.notes.toPlainText(),
        }
        readers: dict[str, DecimalField] = {
            **{name: field.amount for name, field in self.money.items()},
            **self.percents,
            **self.numbers,
        }
        readers.update({name: field.amount for name, field in self.with_units.items()})
        for name, field in readers.items():
            found: Decimal | None = reader.read(name, field.value, None)
            values[name] = found
        for name, unit, _ in WITH_UNITS:
            values[unit] = self.with_units[name].unit_text()
        self._values = values
        self._prices = self.prices.read(reader)
        self.route(self.prices.symbols(), PRICE_DECK)
        # Problems named "sensitivity line N ..." show at the editor, whole.
        self._sensitivities = self.sensitivities.read(reader)
        reader.check()

    def job(self) -> SaveJob:
        values, prices, record_id = dict(self._values), list(self._prices), self.record_id
        points = list(self._sensitivities)

        def save(session: "Session") -> int:
            study = Study(**values)
            if record_id is None:
                created = create_study(session, study, prices, points)
                assert created.id is not None
                return created.id
            update_study(session, record_id, study, prices, points)
            return record_id

        return save
