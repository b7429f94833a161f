"""The columns of the portfolio workbook: one list that export, import and the template share.

Each ``Field`` names an entity and one of its values, the header the workbook shows (with its
unit), how the value is read and written, and the other names investors give the column.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from tracker.enums import (
    DealStatus,
    DealType,
    EventKind,
    ObligationKind,
    ProjectStatus,
    ReportingCode,
    ResourceCategory,
    Stage,
    StudyType,
)
from tracker.units import MILLION


class Entity(StrEnum):
    """What a row of a sheet creates or updates, in the order an import writes them."""

    COMPANY = "company"
    PROJECT = "project"
    PROJECT_COMMODITY = "project_commodity"
    STUDY = "study"
    RESOURCE = "resource"
    DEAL = "deal"
    DEAL_OBLIGATION = "deal_obligation"
    EVENT = "event"
    HOLDING = "holding"


class Kind(Enum):
    """How a value is read from a cell and written to one."""

    TEXT = "text"
    LONG_TEXT = "long text"
    URL = "url"
    CHOICE = "choice"
    CURRENCY = "currency"
    NUMBER = "number"
    INTEGER = "integer"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    BOOL = "bool"
    LIST = "list"
    LISTINGS = "listings"
    PARTNERS = "partners"


@dataclass(frozen=True)
class Field:
    """One column: ``entity.name`` shown as ``header``.

    ``scale`` is what one unit of the cell is worth in stored units (a million for "(M)");
    ``currency_field`` names the sibling field holding a money value's currency. ``export`` is
    False for columns the import reads but the workbook does not carry.
    """

    entity: Entity
    name: str
    header: str
    kind: Kind
    synonyms: tuple[str, ...] = ()
    choices: type[StrEnum] | None = None
    scale: Decimal = Decimal(1)
    currency_field: str | None = None
    width: int = 14
    export: bool = True
    read: bool = True

    @property
    def qualified(self) -> str:
        return f"{self.entity.value}.{self.name}"

    def __str__(self) -> str:
        return self.header


def _f(entity: Entity, name: str, header: str, kind: Kind = Kind.TEXT, **extra: object) -> Field:
    return Field(entity, name, header, kind, **extra)  # type: ignore[arg-type]


C, P, PC, S, R, D, OB, E, H = (
    Entity.COMPANY,
    Entity.PROJECT,
    Entity.PROJECT_COMMODITY,
    Entity.STUDY,
    Entity.RESOURCE,
    Entity.DEAL,
    Entity.DEAL_OBLIGATION,
    Entity.EVENT,
    Entity.HOLDING,
)

COMPANY_NAME = _f(
    C,
    "name",
    "Company",
    synonyms=("company name", "issuer", "corporation", "operator", "owner", "project company"),
    width=28,
)
PROJECT_NAME = _f(
    P,
    "name",
    "Project",
    synonyms=("project name", "property", "asset", "deposit", "mine"),
    width=28,
)
PROJECT_COMPANY = _f(C, "name", "Project company", width=28)

COMPANY_FIELDS = (
    COMPANY_NAME,
    _f(
        C,
        "listings",
        "Listings",
        Kind.LISTINGS,
        synonyms=("ticker", "tickers", "symbol", "stock symbol", "listing", "exchange ticker"),
        width=18,
    ),
    _f(C, "website", "Website", Kind.URL, synonyms=("web", "web site", "url"), width=30),
    _f(
        C,
        "reporting_currency",
        "Reporting currency",
        Kind.CURRENCY,
        synonyms=("company currency",),
        width=10,
    ),
    _f(
        C,
        "shares_outstanding",
        "Shares outstanding",
        Kind.NUMBER,
        synonyms=("shares o/s", "s/o", "shares out", "basic shares", "shares"),
        width=16,
    ),
    _f(C, "shares_outstanding_date", "Shares outstanding date", Kind.DATE, synonyms=("as of",)),
    _f(C, "source", "Source", Kind.URL, width=30),
    _f(C, "notes", "Notes", Kind.LONG_TEXT, width=40),
)

PROJECT_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    _f(
        P,
        "interest_pct",
        "Interest (%)",
        Kind.PERCENT,
        synonyms=("ownership", "interest", "equity interest", "attributable", "stake", "owned"),
        width=10,
    ),
    _f(P, "partners", "Partners", Kind.PARTNERS, synonyms=("jv partners", "partner"), width=24),
    _f(P, "country", "Country", synonyms=("nation", "jurisdiction", "location")),
    _f(P, "region", "Region", synonyms=("state", "province", "state/province", "territory")),
    _f(P, "district", "District", synonyms=("mining district", "camp", "belt")),
    _f(P, "latitude", "Latitude", Kind.NUMBER, synonyms=("lat",), width=10),
    _f(P, "longitude", "Longitude", Kind.NUMBER, synonyms=("lon", "long", "lng"), width=10),
    _f(
        P,
        "stage",
        "Stage",
        Kind.CHOICE,
        choices=Stage,
        synonyms=("development stage", "project stage", "phase"),
        width=22,
    ),
    _f(P, "stage_date", "Stage date", Kind.DATE, synonyms=("stage since",)),
    _f(P, "status", "Status", Kind.CHOICE, choices=ProjectStatus, synonyms=("tracking",)),
    _f(
        P,
        "commodities",
        "Commodities",
        Kind.LIST,
        synonyms=("commodity", "metals", "metal", "minerals", "primary commodity", "resource type"),
        width=16,
    ),
    _f(P, "tags", "Tags", Kind.LIST, synonyms=("labels", "keywords"), width=20),
    _f(P, "source", "Source", Kind.URL, width=30),
    _f(P, "notes", "Notes", Kind.LONG_TEXT, width=40),
)

PROJECT_COMMODITY_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    _f(PC, "rank", "Rank", Kind.INTEGER, synonyms=("order",), width=8),
    _f(PC, "commodity", "Commodity", synonyms=("symbol",), width=12),
    _f(PC, "commodity_name", "Commodity name", read=False, width=16),
    _f(PC, "price_unit", "Price unit", read=False, width=10),
)


def _money(name: str, header: str, synonyms: tuple[str, ...], millions: bool = True) -> Field:
    return Field(
        S,
        name,
        header,
        Kind.MONEY,
        synonyms=synonyms,
        scale=MILLION if millions else Decimal(1),
        currency_field="currency",
        width=16,
    )


STUDY_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    _f(
        S,
        "study_type",
        "Type",
        Kind.CHOICE,
        choices=StudyType,
        synonyms=("study type", "study", "report type", "study stage"),
        width=16,
    ),
    _f(S, "title", "Title", synonyms=("study title", "report title", "report"), width=30),
    _f(S, "effective_date", "Effective date", Kind.DATE, synonyms=("effective",)),
    _f(
        S,
        "publication_date",
        "Published",
        Kind.DATE,
        synonyms=("publication date", "report date", "study date", "date", "filed"),
    ),
    _f(
        S,
        "reporting_code",
        "Reporting code",
        Kind.CHOICE,
        choices=ReportingCode,
        synonyms=("code", "standard", "reporting standard"),
    ),
    _f(S, "qualified_person", "Qualified person", synonyms=("qp", "author"), width=20),
    _f(S, "currency", "Currency", Kind.CURRENCY, synonyms=("ccy", "study currency"), width=10),
    _money(
        "pre_tax_npv",
        "Pre-tax NPV (M)",
        ("npv pre tax", "pretax npv", "before tax npv", "npv before tax", "pre tax npv"),
    ),
    _money(
        "after_tax_npv",
        "After-tax NPV (M)",
        ("npv", "post tax npv", "npv after tax", "aftertax npv", "npv post tax", "net npv"),
    ),
    _f(
        S,
        "discount_rate_pct",
        "Discount rate (%)",
        Kind.PERCENT,
        synonyms=("discount rate", "discount", "npv discount rate"),
        width=10,
    ),
    _f(
        S,
        "pre_tax_irr_pct",
        "Pre-tax IRR (%)",
        Kind.PERCENT,
        synonyms=("irr pre tax", "pretax irr", "before tax irr", "irr before tax"),
        width=10,
    ),
    _f(
        S,
        "after_tax_irr_pct",
        "After-tax IRR (%)",
        Kind.PERCENT,
        synonyms=("irr", "post tax irr", "irr after tax", "aftertax irr", "irr post tax"),
        width=10,
    ),
    _f(
        S,
        "payback_years",
        "Payback (years)",
        Kind.NUMBER,
        synonyms=("payback", "payback period"),
        width=10,
    ),
    _money(
        "initial_capex",
        "Initial capex (M)",
        (
            "capex",
            "initial capital",
            "upfront capex",
            "pre production capex",
            "initial capital cost",
        ),
    ),
    _money("sustaining_capex", "Sustaining capex (M)", ("sustaining capital", "sustaining")),
    _f(
        S,
        "mine_life_years",
        "Mine life (years)",
        Kind.NUMBER,
        synonyms=("mine life", "life of mine", "lom"),
        width=10,
    ),
    _f(S, "throughput", "Throughput", Kind.NUMBER, synonyms=("mill throughput", "tpd")),
    _f(S, "throughput_unit", "Throughput unit", width=10),
    _f(
        S,
        "annual_production",
        "Annual production",
        Kind.NUMBER,
        synonyms=("production", "average annual production"),
    ),
    _f(S, "production_unit", "Production unit", width=10),
    _f(S, "head_grade", "Head grade", Kind.NUMBER, synonyms=("grade", "average grade")),
    _f(S, "head_grade_unit", "Head grade unit", width=10),
    _f(S, "recovery_pct", "Recovery (%)", Kind.PERCENT, synonyms=("recovery",), width=10),
    _f(S, "strip_ratio", "Strip ratio", Kind.NUMBER, synonyms=("strip", "w:o")),
    _money("aisc", "AISC", ("all in sustaining cost", "all-in sustaining cost"), millions=False),
    _money("cash_cost", "Cash cost", ("c1 cash cost", "c1", "cash costs"), millions=False),
    _f(S, "cost_unit", "Cost unit", width=10),
    _f(S, "uses_inferred", "Uses inferred", Kind.BOOL, synonyms=("inferred",), width=10),
    _f(S, "source", "Source", Kind.URL, width=30),
    _f(S, "notes", "Notes", Kind.LONG_TEXT, width=40),
)

RESOURCE_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    _f(R, "study", "Study", synonyms=("study title",), width=24),
    _f(
        R,
        "category",
        "Category",
        Kind.CHOICE,
        choices=ResourceCategory,
        synonyms=("classification", "class", "resource category"),
    ),
    _f(R, "commodity", "Commodity", synonyms=("metal",), width=12),
    _f(R, "tonnes", "Tonnes", Kind.NUMBER, synonyms=("tonnage", "tons", "ore"), width=16),
    _f(R, "grade", "Grade", Kind.NUMBER),
    _f(R, "grade_unit", "Grade unit", width=10),
    _f(R, "contained", "Contained", Kind.NUMBER, synonyms=("contained metal",), width=16),
    _f(R, "contained_unit", "Contained unit", width=10),
    _f(R, "cutoff", "Cut-off", synonyms=("cutoff grade", "cut off grade"), width=16),
    _f(R, "effective_date", "Effective date", Kind.DATE, synonyms=("as of",)),
    _f(R, "source", "Source", Kind.URL, width=30),
)

DEAL_FIELDS = (
    _f(D, "title", "Deal", synonyms=("deal title", "transaction", "title"), width=36),
    _f(
        D,
        "deal_type",
        "Type",
        Kind.CHOICE,
        choices=DealType,
        synonyms=("deal type", "transaction type", "structure"),
        width=16,
    ),
    _f(
        D,
        "status",
        "Status",
        Kind.CHOICE,
        choices=DealStatus,
        synonyms=("deal status", "stage"),
        width=18,
    ),
    PROJECT_NAME,
    PROJECT_COMPANY,
    _f(D, "acquirer", "Acquirer", synonyms=("buyer", "earning party", "optionee"), width=28),
    _f(D, "counterparty", "Counterparty", synonyms=("seller", "vendor", "optionor"), width=28),
    _f(D, "interest_pct", "Interest (%)", Kind.PERCENT, synonyms=("interest", "stake"), width=10),
    _f(D, "announced_date", "Announced", Kind.DATE, synonyms=("announcement date", "date")),
    _f(D, "expected_close_date", "Expected close", Kind.DATE, synonyms=("expected closing",)),
    _f(D, "closed_date", "Closed", Kind.DATE, synonyms=("closing date", "close date")),
    _f(D, "source", "Source", Kind.URL, width=30),
    _f(D, "notes", "Notes", Kind.LONG_TEXT, width=40),
)

OBLIGATION_FIELDS = (
    _f(D, "title", "Deal", synonyms=("deal title",), width=36),
    _f(D, "announced_date", "Announced", Kind.DATE),
    _f(
        OB,
        "kind",
        "Kind",
        Kind.CHOICE,
        choices=ObligationKind,
        synonyms=("obligation", "type"),
        width=16,
    ),
    Field(
        OB,
        "amount",
        "Amount",
        Kind.MONEY,
        synonyms=("value", "payment"),
        currency_field="currency",
        width=16,
    ),
    _f(OB, "currency", "Currency", Kind.CURRENCY, width=10),
    _f(OB, "due_date", "Due", Kind.DATE, synonyms=("due date", "deadline")),
    _f(OB, "met", "Met", Kind.BOOL, synonyms=("paid", "done", "completed"), width=8),
    _f(OB, "description", "Description", synonyms=("details",), width=36),
)

EVENT_FIELDS = (
    _f(E, "event_date", "Date", Kind.DATE, synonyms=("event date", "news date")),
    _f(
        E,
        "kind",
        "Kind",
        Kind.CHOICE,
        choices=EventKind,
        synonyms=("event type", "type", "category"),
        width=16,
    ),
    _f(E, "title", "Title", synonyms=("headline", "event"), width=40),
    PROJECT_NAME,
    PROJECT_COMPANY,
    _f(E, "company", "Company", synonyms=("issuer",), width=28),
    _f(E, "commodities", "Commodities", Kind.LIST, synonyms=("commodity", "metals"), width=14),
    _f(E, "description", "Description", Kind.LONG_TEXT, synonyms=("details", "summary"), width=40),
    _f(E, "source", "Source", Kind.URL, synonyms=("link",), width=30),
)

HOLDING_FIELDS = (
    COMPANY_NAME,
    _f(H, "shares", "Shares", Kind.NUMBER, synonyms=("quantity", "position", "units"), width=14),
    Field(
        H,
        "average_cost",
        "Average cost",
        Kind.MONEY,
        synonyms=("avg cost", "cost per share", "cost basis", "book cost"),
        currency_field="currency",
        width=14,
    ),
    _f(H, "currency", "Currency", Kind.CURRENCY, width=10),
    _f(H, "opened_date", "Opened", Kind.DATE, synonyms=("purchase date", "bought", "date")),
    _f(H, "notes", "Notes", Kind.LONG_TEXT, width=40),
)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the portfolio workbook: its name, its main entity and its columns."""

    name: str
    entity: Entity
    fields: tuple[Field, ...]

    @property
    def table_name(self) -> str:
        return self.name.title().replace(" ", "")


SHEETS = (
    SheetSpec("Companies", Entity.COMPANY, COMPANY_FIELDS),
    SheetSpec("Projects", Entity.PROJECT, PROJECT_FIELDS),
    SheetSpec("Project commodities", Entity.PROJECT_COMMODITY, PROJECT_COMMODITY_FIELDS),
    SheetSpec("Studies", Entity.STUDY, STUDY_FIELDS),
    SheetSpec("Resources", Entity.RESOURCE, RESOURCE_FIELDS),
    SheetSpec("Deals", Entity.DEAL, DEAL_FIELDS),
    SheetSpec("Deal obligations", Entity.DEAL_OBLIGATION, OBLIGATION_FIELDS),
    SheetSpec("Events", Entity.EVENT, EVENT_FIELDS),
    SheetSpec("Holdings", Entity.HOLDING, HOLDING_FIELDS),
)
SHEETS_BY_NAME = {spec.name.lower(): spec for spec in SHEETS}
SUMMARY_SHEET = "Summary"
#: The first cell of the Summary sheet; an import that finds it knows the workbook is ours.
WORKBOOK_MARK = "Mining Project Tracker portfolio"


def all_fields() -> list[Field]:
    """Every importable field once, in sheet order (the choices a mapping offers)."""
    seen: dict[str, Field] = {}
    for spec in SHEETS:
        for field in spec.fields:
            if field.read and field.qualified not in seen:
                seen[field.qualified] = field
    return list(seen.values())


FIELDS_BY_QUALIFIED = {field.qualified: field for field in all_fields()}


def describe(field: Field) -> str:
    """How a mapping list shows a field: ``Study: After-tax NPV (M)``."""
    entity = field.entity.value.replace("_", " ").capitalize()
    return f"{entity}: {field.header}"
