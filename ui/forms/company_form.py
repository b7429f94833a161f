"""Add or edit a company with its listings.

The form opens with plain data (``CompanyValues``, read by ``load_values`` wherever the caller
reads) and saves through a job: it never sees a session itself.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from tracker.entry import parse_list
from tracker.errors import FieldProblem, ValidationError
from tracker.models import Company
from tracker.services.companies import ListingSpec, create_company, listings_of, update_company
from ui.forms.base import Reader, RecordForm, SaveJob
from ui.forms.fields import CurrencyBox, DateField, DecimalField

if TYPE_CHECKING:
    from ui.data.gateway import Session


@dataclass(frozen=True)
class CompanyValues:
    """What the form shows of a stored company."""

    company: Company
    listings: str


def load_values(session: "Session", record_id: int | None) -> CompanyValues | None:
    """The company as the form shows it; None for a new one or one that is gone."""
    company = session.get(Company, record_id) if record_id is not None else None
    if company is None or record_id is None:
        return None
    listings = ", ".join(str(x) for x in listings_of(session, record_id))
    return CompanyValues(company, listings)


class CompanyForm(RecordForm):
    kind = "company"

    def __init__(
        self,
        parent: QWidget | None,
        stored: CompanyValues | None,
        record_id: int | None = None,
        name: str = "",
    ) -> None:
        super().__init__(parent, "Edit Company" if record_id else "New Company", record_id)
        self.name = QLineEdit(name)
        self.listings = QLineEdit()
        self.listings.setPlaceholderText("TSXV: MOO, ASX: MOO")
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        self.currency = CurrencyBox(allow_blank=True)
        self.shares = DecimalField(placeholder="e.g. 152,400,000")
        self.shares_date = DateField()
        self.source = QLineEdit()
        self.notes = QPlainTextEdit()
        self.add_field("&Name", self.name, ["name"])
        self.add_field(
            "&Listings",
            self.listings,
            ["listing", "listing exchange", "listing ticker"],
            "EXCHANGE: TICKER, separated by commas",
        )
        self.add_field("&Website", self.website, ["website"])
        self.add_field("Reporting &currency", self.currency, ["reporting_currency"])
        self.add_field("&Shares outstanding", self.shares, ["shares_outstanding"])
        self.add_field("Shares counted &on", self.shares_date, ["shares_outstanding_date"])
        self.add_field("S&ource", self.source, ["source"])
        self.add_field("No&tes", self.notes, ["notes"])
        self._values: dict[str, Any] = {}
        self._listings: list[ListingSpec] = []
        if stored is not None:
            self.load(stored)
        self.resize(560, 460)

    def load(self, stored: CompanyValues) -> None:
        company = stored.company
        self.name.setText(company.name)
        self.listings.setText(stored.listings)
        self.website.setText(company.website or "")
        self.currency.set_currency(company.reporting_currency)
        self.shares.set_value(company.shares_outstanding)
        self.shares_date.set_value(company.shares_outstanding_date)
        self.source.setText(company.source or "")
        self.notes.setPlainText(company.notes or "")

    def prepare(self) -> None:
        reader = Reader()
        self._listings = []
        for text in parse_list(self.listings.text()):
            try:
                self._listings.append(ListingSpec.parse(text))
            except ValidationError as error:
                reader.problems.extend(error.problems)
        self._values = {
            "name": self.name.text(),
            "website": self.website.text(),
            "reporting_currency": self.currency.currency(),
            "shares_outstanding": reader.read("shares_outstanding", self.shares.value, None),
            "shares_outstanding_date": reader.read(
                "shares_outstanding_date", self.shares_date.value, None
            ),
            "source": self.source.text(),
            "notes": self.notes.toPlainText(),
        }
        reader.check()

    def job(self) -> SaveJob:
        values, listings, record_id = dict(self._values), list(self._listings), self.record_id

        def save(session: "Session") -> int:
            company = Company(**values)
            if record_id is None:
                created = create_company(session, company, listings)
                assert created.id is not None
                return created.id
            update_company(session, record_id, company, listings)
            return record_id

        return save

    def show_conflict(self, text: str) -> None:
        key = "listing" if "listing" in text else "name"
        self.show_problems([FieldProblem(key, None, text)])
