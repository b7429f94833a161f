"""The columns of the workbook's main sheets: companies, projects, studies, resources, deals,
obligations, events and holdings."""

from decimal import Decimal

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
    TransactionKind,
)
from tracker.excel.field_types import Entity, Field, Kind, id_field, make_field
from tracker.units import MILLION

C, P, PC, S, R, D, OB, E, H, T = (
    Entity.COMPANY,
    Entity.PROJECT,
    Entity.PROJECT_COMMODITY,
    Entity.STUDY,
    Entity.RESOURCE,
    Entity.DEAL,
    Entity.DEAL_OBLIGATION,
    Entity.EVENT,
    Entity.HOLDING,
    Entity.TRANSACTION,
)

COMPANY_NAME = make_field(
    C,
    "name",
    "Company",
    synonyms=("company name", "issuer", "corporation", "operator", "owner", "project company"),
    width=28,
)
PROJECT_NAME = make_field(
    P,
    "name",
    "Project",
    synonyms=("project name", "property", "asset", "deposit", "mine"),
    width=28,
)
PROJECT_COMPANY = make_field(C, "name", "Project company", width=28)
#: The ID columns (``identity``): a sheet's own record's, and the project or deal it names.
PROJECT_ID = id_field(P, "Project ID")
DEAL_ID = id_field(D, "Deal ID")
STUDY_ID = id_field(S, "Study ID")
HOLDING_ID = id_field(H, "Holding ID")

COMPANY_FIELDS = (
    COMPANY_NAME,
    make_field(
        C,
        "listings",
        "Listings",
        Kind.LISTINGS,
        synonyms=("ticker", "tickers", "symbol", "stock symbol", "listing", "exchange ticker"),
        width=18,
    ),
    make_field(C, "website", "Website", Kind.URL, synonyms=("web", "web site", "url"), width=30),
    make_field(
        C,
        "reporting_currency",
        "Reporting currency",
        Kind.CURRENCY,
        synonyms=("company currency",),
        width=10,
    ),
    make_field(
        C,
        "shares_outstanding",
        "Shares outstanding",
        Kind.NUMBER,
        synonyms=("shares o/s", "s/o", "shares out", "basic shares", "shares"),
        width=16,
    ),
    make_field(
        C, "shares_outstanding_date", "Shares outstanding date", Kind.DATE, synonyms=("as of",)
    ),
    make_field(C, "source", "Source", Kind.URL, width=30),
    make_field(C, "notes", "Notes", Kind.LONG_TEXT, width=40),
)

PROJECT_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(
        P,
        "interest_pct",
        "Interest (%)",
        Kind.PERCENT,
        synonyms=("ownership", "interest", "equity interest", "attributable", "stake", "owned"),
        width=10,
    ),
    make_field(
        P, "partners", "Partners", Kind.PARTNERS, synonyms=("jv partners", "partner"), width=24
    ),
    make_field(P, "country", "Country", synonyms=("nation", "jurisdiction", "location")),
    make_field(
        P, "region", "Region", synonyms=("state", "province", "state/province", "territory")
    ),
    make_field(P, "district", "District", synonyms=("mining district", "camp", "belt")),
    make_field(P, "latitude", "Latitude", Kind.NUMBER, synonyms=("lat",), width=10),
    make_field(P, "longitude", "Longitude", Kind.NUMBER, synonyms=("lon", "long", "lng"), width=10),
    make_field(
        P,
        "stage",
        "Stage",
        Kind.CHOICE,
        choices=Stage,
        synonyms=("development stage", "project stage", "phase"),
        width=22,
    ),
    make_field(P, "stage_date", "Stage date", Kind.DATE, synonyms=("stage since",)),
    make_field(P, "status", "Status", Kind.CHOICE, choices=ProjectStatus, synonyms=("tracking",)),
    make_field(
        P,
        "commodities",
        "Commodities",
        Kind.LIST,
        synonyms=("commodity", "metals", "metal", "minerals", "primary commodity", "resource type"),
        width=16,
    ),
    make_field(P, "tags", "Tags", Kind.LIST, synonyms=("labels", "keywords"), width=20),
    make_field(P, "source", "Source", Kind.URL, width=30),
    make_field(P, "notes", "Notes", Kind.LONG_TEXT, width=40),
    id_field(P),
)

PROJECT_COMMODITY_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(PC, "rank", "Rank", Kind.INTEGER, synonyms=("order",), width=8),
    make_field(PC, "commodity", "Commodity", synonyms=("symbol",), width=12),
    make_field(PC, "commodity_name", "Commodity name", read=False, width=16),
    make_field(PC, "price_unit", "Price unit", read=False, width=10),
    PROJECT_ID,
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
    make_field(
        S,
        "study_type",
        "Type",
        Kind.CHOICE,
        choices=StudyType,
        synonyms=("study type", "study", "report type", "study stage"),
        width=16,
    ),
    make_field(S, "title", "Title", synonyms=("study title", "report title", "report"), width=30),
    make_field(S, "effective_date", "Effective date", Kind.DATE, synonyms=("effective",)),
    make_field(
        S,
        "publication_date",
        "Published",
        Kind.DATE,
        synonyms=(
            "publication date",
            "report date",
            "study date",
            "date",
            "filed",
            "latest study date",
            "date of study",
            "date of latest study",
            "study published",
            "study release date",
        ),
    ),
    make_field(
        S,
        "reporting_code",
        "Reporting code",
        Kind.CHOICE,
        choices=ReportingCode,
        synonyms=("code", "standard", "reporting standard"),
    ),
    make_field(S, "qualified_person", "Qualified person", synonyms=("qp", "author"), width=20),
    make_field(
        S, "currency", "Currency", Kind.CURRENCY, synonyms=("ccy", "study currency"), width=10
    ),
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
    make_field(
        S,
        "discount_rate_pct",
        "Discount rate (%)",
        Kind.PERCENT,
        synonyms=("discount rate", "discount", "npv discount rate"),
        width=10,
    ),
    make_field(
        S,
        "pre_tax_irr_pct",
        "Pre-tax IRR (%)",
        Kind.PERCENT,
        synonyms=("irr pre tax", "pretax irr", "before tax irr", "irr before tax"),
        width=10,
    ),
    make_field(
        S,
        "after_tax_irr_pct",
        "After-tax IRR (%)",
        Kind.PERCENT,
        synonyms=("irr", "post tax irr", "irr after tax", "aftertax irr", "irr post tax"),
        width=10,
    ),
    make_field(
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
    make_field(
        S,
        "mine_life_years",
        "Mine life (years)",
        Kind.NUMBER,
        synonyms=("mine life", "life of mine", "lom"),
        width=10,
    ),
    make_field(S, "throughput", "Throughput", Kind.NUMBER, synonyms=("mill throughput", "tpd")),
    make_field(S, "throughput_unit", "Throughput unit", width=10),
    make_field(
        S,
        "annual_production",
        "Annual production",
        Kind.NUMBER,
        synonyms=("production", "average annual production"),
    ),
    make_field(S, "production_unit", "Production unit", width=10),
    make_field(S, "head_grade", "Head grade", Kind.NUMBER, synonyms=("grade", "average grade")),
    make_field(S, "head_grade_unit", "Head grade unit", width=10),
    make_field(S, "recovery_pct", "Recovery (%)", Kind.PERCENT, synonyms=("recovery",), width=10),
    make_field(S, "strip_ratio", "Strip ratio", Kind.NUMBER, synonyms=("strip", "w:o")),
    _money("aisc", "AISC", ("all in sustaining cost", "all-in sustaining cost"), millions=False),
    _money("cash_cost", "Cash cost", ("c1 cash cost", "c1", "cash costs"), millions=False),
    make_field(S, "cost_unit", "Cost unit", width=10),
    make_field(S, "uses_inferred", "Uses inferred", Kind.BOOL, synonyms=("inferred",), width=10),
    make_field(S, "source", "Source", Kind.URL, width=30),
    make_field(S, "notes", "Notes", Kind.LONG_TEXT, width=40),
    PROJECT_ID,
    id_field(S),
)

RESOURCE_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(R, "study", "Study", synonyms=("study title",), width=24),
    make_field(
        R,
        "category",
        "Category",
        Kind.CHOICE,
        choices=ResourceCategory,
        synonyms=("classification", "class", "resource category"),
    ),
    make_field(R, "commodity", "Commodity", synonyms=("metal",), width=12),
    make_field(R, "tonnes", "Tonnes", Kind.NUMBER, synonyms=("tonnage", "tons", "ore"), width=16),
    make_field(R, "grade", "Grade", Kind.NUMBER),
    make_field(R, "grade_unit", "Grade unit", width=10),
    make_field(R, "contained", "Contained", Kind.NUMBER, synonyms=("contained metal",), width=16),
    make_field(R, "contained_unit", "Contained unit", width=10),
    make_field(R, "cutoff", "Cut-off", synonyms=("cutoff grade", "cut off grade"), width=16),
    make_field(R, "effective_date", "Effective date", Kind.DATE, synonyms=("as of",)),
    make_field(R, "source", "Source", Kind.URL, width=30),
    PROJECT_ID,
    STUDY_ID,
)

DEAL_FIELDS = (
    make_field(D, "title", "Deal", synonyms=("deal title", "transaction", "title"), width=36),
    make_field(
        D,
        "deal_type",
        "Type",
        Kind.CHOICE,
        choices=DealType,
        synonyms=("deal type", "transaction type", "structure"),
        width=16,
    ),
    make_field(
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
    make_field(
        D, "acquirer", "Acquirer", synonyms=("buyer", "earning party", "optionee"), width=28
    ),
    make_field(
        D, "counterparty", "Counterparty", synonyms=("seller", "vendor", "optionor"), width=28
    ),
    make_field(
        D, "interest_pct", "Interest (%)", Kind.PERCENT, synonyms=("interest", "stake"), width=10
    ),
    Field(
        D,
        "consideration",
        "Consideration",
        Kind.MONEY,
        synonyms=("deal value", "purchase price", "price"),
        currency_field="consideration_currency",
        width=16,
    ),
    make_field(
        D,
        "consideration_currency",
        "Consideration currency",
        Kind.CURRENCY,
        synonyms=("currency",),
        width=10,
    ),
    make_field(D, "announced_date", "Announced", Kind.DATE, synonyms=("announcement date", "date")),
    make_field(
        D, "expected_close_date", "Expected close", Kind.DATE, synonyms=("expected closing",)
    ),
    make_field(D, "closed_date", "Closed", Kind.DATE, synonyms=("closing date", "close date")),
    make_field(D, "source", "Source", Kind.URL, width=30),
    make_field(D, "notes", "Notes", Kind.LONG_TEXT, width=40),
    PROJECT_ID,
    id_field(D),
)

OBLIGATION_FIELDS = (
    make_field(D, "title", "Deal", synonyms=("deal title",), width=36),
    make_field(D, "announced_date", "Announced", Kind.DATE),
    make_field(OB, "step", "Step", Kind.INTEGER, synonyms=("earn-in step",), width=8),
    make_field(
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
    make_field(OB, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(OB, "due_date", "Due", Kind.DATE, synonyms=("due date", "deadline")),
    make_field(OB, "met", "Met", Kind.BOOL, synonyms=("paid", "done", "completed"), width=8),
    make_field(OB, "description", "Description", synonyms=("details",), width=36),
    DEAL_ID,
)

EVENT_FIELDS = (
    make_field(E, "event_date", "Date", Kind.DATE, synonyms=("event date", "news date")),
    make_field(
        E,
        "kind",
        "Kind",
        Kind.CHOICE,
        choices=EventKind,
        synonyms=("event type", "type", "category"),
        width=16,
    ),
    make_field(E, "title", "Title", synonyms=("headline", "event"), width=40),
    PROJECT_NAME,
    PROJECT_COMPANY,
    make_field(E, "company", "Company", synonyms=("issuer",), width=28),
    make_field(
        E, "commodities", "Commodities", Kind.LIST, synonyms=("commodity", "metals"), width=14
    ),
    make_field(
        E, "description", "Description", Kind.LONG_TEXT, synonyms=("details", "summary"), width=40
    ),
    make_field(E, "source", "Source", Kind.URL, synonyms=("link",), width=30),
    PROJECT_ID,
    id_field(E),
)

HOLDING_FIELDS = (
    COMPANY_NAME,
    # What the holding holds is the sum of its transactions: shown here, read from the
    # Holding transactions sheet.
    make_field(H, "shares", "Shares", Kind.NUMBER, width=14, read=False),
    Field(
        H,
        "average_cost",
        "Average cost",
        Kind.MONEY,
        currency_field="currency",
        width=14,
        read=False,
    ),
    make_field(H, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(H, "opened_date", "Opened", Kind.DATE, read=False),
    make_field(H, "notes", "Notes", Kind.LONG_TEXT, width=40),
    id_field(H),
)

TRANSACTION_FIELDS = (
    COMPANY_NAME,
    make_field(T, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(
        T,
        "trade_date",
        "Date",
        Kind.DATE,
        synonyms=("trade date", "opened", "purchase date", "bought", "date bought"),
    ),
    make_field(
        T,
        "kind",
        "Kind",
        Kind.CHOICE,
        choices=TransactionKind,
        synonyms=("type", "action", "transaction type", "side"),
        width=20,
    ),
    make_field(
        T, "shares", "Shares", Kind.NUMBER, synonyms=("quantity", "position", "units", "qty")
    ),
    Field(
        T,
        "price",
        "Price",
        Kind.MONEY,
        synonyms=(
            "price per share",
            "average cost",
            "avg cost",
            "cost per share",
            "book cost",
            "cost basis",
        ),
        currency_field="currency",
    ),
    Field(
        T,
        "fees",
        "Fees",
        Kind.MONEY,
        synonyms=("commission", "fee", "brokerage"),
        currency_field="currency",
        width=10,
    ),
    make_field(T, "split_new", "Split new", Kind.NUMBER, synonyms=("new shares",), width=10),
    make_field(T, "split_old", "Split old", Kind.NUMBER, synonyms=("old shares",), width=10),
    make_field(T, "deal", "Deal", synonyms=("from deal",), width=30),
    make_field(T, "notes", "Notes", Kind.LONG_TEXT, synonyms=("memo",), width=40),
    make_field(T, "source", "Source", Kind.URL, synonyms=("link",), width=30),
    HOLDING_ID,
    DEAL_ID,
)
