"""The corpus: 32 investor-style sources, each a way people keep these sheets.

Columns come from a small library (each a way of writing one kind of fact); sources combine
them. Writers: openpyxl, xlsxwriter, LibreOffice (a converted openpyxl file), CSV and TSV in US
and European conventions.
"""

from decimal import Decimal

from tests.investor_corpus.layout import Col, Sheet, Source
from tests.investor_corpus.truth import CAD, DEALS, PROJECTS, USD, Deal, Project

_ALIASES = {"United States": "USA", "South Korea": "Korea", "Australia": "Australia"}
_NAMES = {
    "Cu": "Copper", "Au": "Gold", "Ag": "Silver", "Mo": "Molybdenum", "W": "Tungsten",
    "Sb": "Antimony", "Ni": "Nickel", "Co": "Cobalt",
}  # fmt: skip
_SHORT_TYPES = {"PEA/scoping": "PEA", "PFS": "PFS", "FS": "FS"}
_LONG_TYPES = {
    "PEA/scoping": "Preliminary Economic Assessment",
    "PFS": "Pre-Feasibility Study",
    "FS": "Feasibility Study",
}


def _f(amount: Decimal) -> float:
    return float(amount)


def _money_text(p: Project, mark: str, billions: bool = False) -> str:
    """ "US$ 1.34 B", "US$1,120.0M", "(C$12.0M)" (a negative in brackets)."""
    if p.npv < 0:
        return f"({mark}{-p.npv:.1f}M)"
    if billions:
        return f"{mark} {p.npv / 1000:.3f} B".replace(".000 B", " B")
    return f"{mark}{p.npv:,.1f}M"


def _mark(p: Project) -> str:
    return {"USD": "US$", "CAD": "C$", "AUD": "A$"}[p.currency]


COMPANY = Col("Company", lambda p: p.company, ("company",))
TICKER = Col("Ticker", lambda p: p.ticker, ("ticker",))
PROJECT = Col("Project name", lambda p: p.name)
PROJECT_SHORT = Col("Project", lambda p: p.name)
COUNTRY = Col("Country", lambda p: p.country, ("country",))
COUNTRY_ALIAS = Col("Country", lambda p: _ALIASES.get(p.country, p.country), ("country",))
LOCATION = Col("Location", lambda p: p.typed_place, ("country", "region"))
REGION = Col("State/Province", lambda p: p.region, ("region",))
SYMBOLS = Col("Commodities", lambda p: ", ".join(p.commodities), ("commodities",))
DASHED = Col("Metals", lambda p: "-".join(p.commodities), ("commodities",))
SLASHED = Col("Commodity", lambda p: "/".join(p.commodities), ("commodities",))
NAMED = Col("Commodities", lambda p: ", ".join(_NAMES[c] for c in p.commodities), ("commodities",))
STAGE = Col("Stage", lambda p: p.typed_stage, ("stage",))
LATEST = Col("Latest study", lambda p: _SHORT_TYPES[p.study_type], ("study_type",))
TYPED_STUDY = Col("Study", lambda p: p.typed_study, ("study_type",))
LONG_STUDY = Col("Report", lambda p: _LONG_TYPES[p.study_type], ("study_type",))
UNNAMED_STUDY = Col("", lambda p: p.typed_study, ("study_type",))
STUDY_DATE = Col("Study date", lambda p: p.study_date, ("study_date",))
NPV_USD = Col("Post-tax NPV (US$M)", lambda p: _f(p.npv), ("npv", "currency"))
NPV_PLAIN = Col("NPV (M)", lambda p: _f(p.npv), ("npv",))
NPV_CAD_8 = Col("NPV8% (C$M)", lambda p: _f(p.npv), ("npv", "currency", "rate"))
NPV_USD_AT = Col("After-tax NPV @ 8 % (US$ M)", lambda p: _f(p.npv), ("npv", "currency", "rate"))
NPV_TEXT = Col("NPV", lambda p: _money_text(p, _mark(p)), ("npv", "currency"))
NPV_BILLIONS = Col("NPV", lambda p: _money_text(p, _mark(p), True), ("npv", "currency"))
RATE_PERCENT = Col("Discount rate", lambda p: _f(p.rate / 100), ("rate",), percent=True)
RATE_TEXT = Col("Discount rate", lambda p: f"{p.rate}%", ("rate",))
RATE_NUMBER = Col("Discount rate (%)", lambda p: _f(p.rate), ("rate",))
IRR_PERCENT = Col("IRR", lambda p: _f(p.irr / 100), ("irr",), percent=True)
IRR_AFTER_TAX = Col("IRR (after-tax)", lambda p: _f(p.irr / 100), ("irr",), percent=True)
IRR_TEXT = Col("IRR", lambda p: f"{p.irr}%", ("irr",))
IRR_NUMBER = Col("IRR (%)", lambda p: _f(p.irr), ("irr",))
CAPEX_USD = Col("Initial capex (US$M)", lambda p: _f(p.capex), ("capex", "currency"))
CAPEX_PLAIN = Col("Capex (M)", lambda p: _f(p.capex), ("capex",))
CAPEX_CAD_B = Col("Capex (C$ B)", lambda p: _f(p.capex / 1000), ("capex", "currency"))
CAPEX_TEXT = Col("Initial capex", lambda p: f"{_mark(p)} {p.capex:,.1f}M", ("capex", "currency"))
CURRENCY = Col("Currency", lambda p: p.currency, ("currency",))
AISC = Col(
    "AISC (US$/oz)",
    lambda p: _f(p.aisc) if p.aisc is not None and p.currency == "USD" else None,
    ("aisc", "cost_unit"),
)
AISC_ANY = Col(
    "AISC (/oz)", lambda p: _f(p.aisc) if p.aisc is not None else None, ("aisc", "cost_unit")
)
# Two-row headers: the upper half, then the lower.
NPV_SPLIT = Col("NPV 8% (US$M)", lambda p: _f(p.npv), ("npv", "currency", "rate"), upper="Post-tax")
IRR_SPLIT = Col("IRR", lambda p: _f(p.irr / 100), ("irr",), percent=True, upper="Economics")
CAPEX_SPLIT = Col("(US$M)", lambda p: _f(p.capex), ("capex", "currency"), upper="Initial capex")

DEAL_DATE = Col("Date", lambda d: d.announced, ("announced",))
DEAL_TITLE = Col("Deal", lambda d: d.title)
DEAL_TYPE = Col("Type", lambda d: d.typed_type, ("deal_type",))
DEAL_STATUS = Col("Status", lambda d: d.typed_status, ("status",))
DEAL_PROJECT = Col("Project", lambda d: d.project, ("project",))
BUYER = Col("Buyer", lambda d: d.acquirer, ("acquirer",))
SELLER = Col("Vendor", lambda d: d.counterparty, ("counterparty",))
INTEREST_PERCENT = Col(
    "Interest", lambda d: _f(d.interest / 100) if d.interest else None, ("interest",), True
)
INTEREST_TEXT = Col("Interest (%)", lambda d: _f(d.interest) if d.interest else None, ("interest",))


def _consideration(d: Deal, european: bool = False) -> str | None:
    if d.consideration is None:
        return None
    mark = {"USD": "US$", "CAD": "C$"}[d.currency or "USD"]
    amount = str(d.consideration).replace(".", ",") if european else str(d.consideration)
    return f"{mark} {amount} M"


CONSIDERATION = Col("Consideration", _consideration, ("consideration", "consideration_currency"))
#: As typed where the decimal mark is a comma: "C$ 12,5 M".
CONSIDERATION_EU = Col(
    "Consideration",
    lambda d: _consideration(d, european=True),
    ("consideration", "consideration_currency"),
)

TITLE = (("My mining watchlist, December 2026",), ())
NOTES = (
    ("Copper and gold developers I follow",),
    ("Figures from each company's latest technical report; NPVs after tax",),
    (),
)
WATCHLIST = (COMPANY, TICKER, PROJECT, COUNTRY_ALIAS, SYMBOLS, STAGE, LATEST, STUDY_DATE,
             NPV_USD, RATE_PERCENT, IRR_PERCENT, CAPEX_USD)  # fmt: skip
SCREENING = (PROJECT_SHORT, COMPANY, LOCATION, DASHED, TYPED_STUDY, NPV_PLAIN, RATE_NUMBER,
             IRR_NUMBER, CAPEX_PLAIN, CURRENCY, AISC_ANY)  # fmt: skip
DEAL_LOG = (DEAL_DATE, DEAL_TITLE, DEAL_TYPE, DEAL_STATUS, DEAL_PROJECT, BUYER, SELLER,
            INTEREST_PERCENT, CONSIDERATION)  # fmt: skip
TEXT_NUMBERS = (PROJECT, COMPANY, COUNTRY, LONG_STUDY, NPV_TEXT, RATE_TEXT, IRR_TEXT,
                CAPEX_TEXT)  # fmt: skip
PROJECT_SHEET = (COMPANY, TICKER, PROJECT_SHORT, LOCATION, NAMED, STAGE)
ECONOMICS = (PROJECT_SHORT, TYPED_STUDY, STUDY_DATE, NPV_PLAIN, CURRENCY, RATE_NUMBER,
             IRR_AFTER_TAX, CAPEX_PLAIN)  # fmt: skip
SPLIT = (PROJECT_SHORT, COMPANY, LATEST, NPV_SPLIT, IRR_SPLIT, CAPEX_SPLIT)
USD_8 = tuple(p for p in USD if p.rate == 8)
CAD_8 = tuple(p for p in CAD if p.rate == 8)


def _sheet(name: str, cols: tuple[Col, ...], rows: tuple[object, ...], **extra: object) -> Sheet:
    return Sheet(name, cols, rows, **extra)  # type: ignore[arg-type]


def _kinds(writer: str, tag: str) -> list[Source]:
    """The table kinds every spreadsheet writer makes."""
    return [
        Source(f"{tag}_watchlist", writer, (_sheet("Watchlist", WATCHLIST, USD, above=TITLE),)),
        Source(f"{tag}_screening", writer, (_sheet("Screen", SCREENING, PROJECTS, above=NOTES),)),
        Source(f"{tag}_deal_log", writer, (_sheet("Deal log", DEAL_LOG, DEALS),)),
        Source(
            f"{tag}_two_sheets",
            writer,
            (
                _sheet("Projects", PROJECT_SHEET, PROJECTS),
                _sheet("Economics", ECONOMICS, PROJECTS, above=TITLE),
            ),
        ),
        Source(
            f"{tag}_totals",
            writer,
            (
                _sheet(
                    "Portfolio",
                    (PROJECT, COMPANY, LATEST, NPV_USD_AT, CAPEX_USD),
                    USD_8,
                    totals=((2, "Subtotal"), (len(USD_8), "Total")),
                ),
            ),
        ),
        Source(
            f"{tag}_split_headers",
            writer,
            (_sheet("Developers", SPLIT, USD_8, above=NOTES),),
        ),
    ]


SOURCES: tuple[Source, ...] = (
    *_kinds("openpyxl", "openpyxl"),
    Source("openpyxl_text_numbers", "openpyxl", (_sheet("Sheet1", TEXT_NUMBERS, PROJECTS),)),
    Source(
        "openpyxl_studies_only",
        "openpyxl",
        (
            _sheet(
                "Studies",
                (PROJECT_SHORT, UNNAMED_STUDY, STUDY_DATE, NPV_CAD_8, IRR_AFTER_TAX, CAPEX_CAD_B),
                CAD_8,
            ),
        ),
        "a sheet of studies naming their projects; the study type's column has no header",
    ),
    Source(
        "openpyxl_places_and_metals",
        "openpyxl",
        (_sheet("Projects", (PROJECT_SHORT, COMPANY, LOCATION, SLASHED, STAGE), PROJECTS),),
    ),
    *_kinds("xlsxwriter", "xlsxwriter"),
    Source(
        "xlsxwriter_billions_and_aisc",
        "xlsxwriter",
        (
            _sheet(
                "Gold",
                (PROJECT, COMPANY, COUNTRY, NPV_BILLIONS, RATE_PERCENT, AISC, LATEST),
                USD,
                above=TITLE,
            ),
        ),
    ),
    *(
        source
        for source in _kinds("libreoffice-ods", "libreoffice_ods")
        if not source.name.endswith("split_headers")
    ),
    Source(
        "libreoffice_xlsx_watchlist",
        "libreoffice-xlsx",
        (_sheet("Watchlist", WATCHLIST, USD, above=TITLE, totals=((len(USD), "Total"),)),),
        "an openpyxl watchlist opened and saved again as .xlsx by LibreOffice",
    ),
    Source(
        "libreoffice_ods_split_headers",
        "libreoffice-ods",
        (_sheet("Developers", SPLIT, USD_8, above=TITLE),),
    ),
    Source("csv_us_watchlist", "csv-us", (_sheet("", WATCHLIST, USD, above=TITLE),)),
    Source(
        "csv_eu_watchlist",
        "csv-eu",
        (_sheet("", WATCHLIST, USD, totals=((len(USD), "Total"),)),),
        "semicolons, decimal commas, Windows-1252, dotted day-first dates",
    ),
    Source("tsv_eu_screening", "tsv-eu", (_sheet("", SCREENING, PROJECTS, above=NOTES),)),
    Source("csv_us_deal_log", "csv-us", (_sheet("", DEAL_LOG, DEALS),)),
    Source("csv_bom_text_numbers", "csv-bom", (_sheet("", TEXT_NUMBERS, PROJECTS),)),
    Source(
        "csv_us_cad_studies",
        "csv-us",
        (
            _sheet(
                "",
                (PROJECT_SHORT, TYPED_STUDY, STUDY_DATE, NPV_CAD_8, IRR_TEXT, CAPEX_CAD_B),
                CAD_8,
            ),
        ),
        "accounting brackets for a negative NPV: (12.0)",
    ),
    Source(
        "csv_eu_deal_log",
        "csv-eu",
        (_sheet("", (*DEAL_LOG[:-1], CONSIDERATION_EU), DEALS, above=TITLE),),
    ),
    Source(
        "openpyxl_region_column",
        "openpyxl",
        (_sheet("Assets", (PROJECT, COMPANY, COUNTRY, REGION, NAMED), PROJECTS),),
    ),
    Source(
        "xlsxwriter_text_numbers",
        "xlsxwriter",
        (_sheet("Sheet1", TEXT_NUMBERS, PROJECTS, totals=((len(PROJECTS), "Grand total"),)),),
    ),
)
