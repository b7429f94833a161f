"""The columns of the sheets that make the workbook a complete copy of the portfolio: stage and
deal status histories, price decks, earn-in steps, market data, expected studies, watchlists.

Rows name their parents by natural key (project and company, deal and announcement date,
study title), as the main sheets do, so the sheets import into any database; the ID columns
say which parent when several share a key (``identity``).
"""

from tracker.enums import DealStatus, Stage, StudyType
from tracker.excel.entity_fields import COMPANY_NAME, DEAL_ID, PROJECT_ID, PROJECT_NAME, STUDY_ID
from tracker.excel.field_types import Entity, Field, Kind, id_field, make_field
from tracker.units import MILLION

PS, SP, SS, CP, DS, DH, SH, FX, ES, W = (
    Entity.PROJECT_STAGE,
    Entity.STUDY_PRICE,
    Entity.STUDY_SENSITIVITY,
    Entity.COMMODITY_PRICE,
    Entity.DEAL_STEP,
    Entity.DEAL_STATUS,
    Entity.SHARE_PRICE,
    Entity.FX_RATE,
    Entity.EXPECTED_STUDY,
    Entity.WATCHLIST,
)
DEAL_NAME = make_field(Entity.DEAL, "title", "Deal", synonyms=("deal title",), width=36)
DEAL_ANNOUNCED = make_field(Entity.DEAL, "announced_date", "Announced", Kind.DATE)

STAGE_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(PS, "stage", "Stage", Kind.CHOICE, choices=Stage, width=22),
    make_field(PS, "effective_date", "Effective date", Kind.DATE, synonyms=("stage date",)),
    make_field(PS, "note", "Note", width=30),
    make_field(PS, "source", "Source", Kind.URL, width=30),
    PROJECT_ID,
    id_field(PS),
)

PRICE_DECK_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(SP, "study", "Study", synonyms=("study title",), width=24),
    make_field(SP, "study_type", "Study type", Kind.CHOICE, choices=StudyType, width=16),
    make_field(SP, "study_date", "Study date", Kind.DATE),
    make_field(SP, "commodity", "Commodity", synonyms=("metal",), width=12),
    Field(
        SP,
        "price",
        "Price",
        Kind.MONEY,
        synonyms=("price assumption", "deck price", "commodity price"),
        currency_field="currency",
    ),
    make_field(SP, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(SP, "unit", "Unit", width=8),
    PROJECT_ID,
    STUDY_ID,
)

SENSITIVITY_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(SS, "study", "Study", synonyms=("study title",), width=24),
    make_field(SS, "study_type", "Study type", Kind.CHOICE, choices=StudyType, width=16),
    make_field(SS, "study_date", "Study date", Kind.DATE),
    make_field(SS, "commodity", "Commodity", synonyms=("metal",), width=12),
    Field(SS, "price", "Price", Kind.MONEY, synonyms=("at price",), currency_field="currency"),
    make_field(SS, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(SS, "unit", "Unit", width=8),
    make_field(SS, "change_pct", "Change (%)", Kind.PERCENT, synonyms=("price change",), width=10),
    Field(
        SS,
        "after_tax_npv",
        "After-tax NPV (M)",
        Kind.MONEY,
        synonyms=("npv", "after-tax npv"),
        scale=MILLION,
        width=14,
    ),
    make_field(SS, "source", "Source", Kind.URL, width=30),
    PROJECT_ID,
    STUDY_ID,
)

COMMODITY_PRICE_FIELDS = (
    make_field(CP, "commodity", "Commodity", synonyms=("metal",), width=12),
    make_field(CP, "price_date", "Date", Kind.DATE, synonyms=("price date", "as of")),
    Field(
        CP,
        "price",
        "Price",
        Kind.MONEY,
        synonyms=("close", "settle", "spot"),
        currency_field="currency",
    ),
    make_field(CP, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(CP, "unit", "Unit", synonyms=("per",), width=8),
    make_field(CP, "source", "Source", Kind.URL, width=30),
)

STEP_FIELDS = (
    DEAL_NAME,
    DEAL_ANNOUNCED,
    make_field(DS, "seq", "Step", Kind.INTEGER, synonyms=("step number",), width=8),
    make_field(DS, "interest_pct", "Interest (%)", Kind.PERCENT, synonyms=("earns",), width=10),
    make_field(DS, "due_date", "Due", Kind.DATE, synonyms=("due date", "deadline")),
    make_field(DS, "description", "Description", synonyms=("details",), width=36),
    make_field(DS, "earned", "Earned", Kind.BOOL, width=8),
    DEAL_ID,
)

STATUS_FIELDS = (
    DEAL_NAME,
    DEAL_ANNOUNCED,
    make_field(DH, "status", "Status", Kind.CHOICE, choices=DealStatus, width=18),
    make_field(DH, "changed_on", "Changed on", Kind.DATE, synonyms=("status date",)),
    make_field(DH, "note", "Note", width=36),
    DEAL_ID,
)

SHARE_PRICE_FIELDS = (
    COMPANY_NAME,
    make_field(SH, "price_date", "Date", Kind.DATE, synonyms=("price date", "as of", "close date")),
    Field(
        SH,
        "price",
        "Price",
        Kind.MONEY,
        synonyms=("share price", "close", "closing price", "last", "last price"),
        currency_field="currency",
    ),
    make_field(SH, "currency", "Currency", Kind.CURRENCY, width=10),
    make_field(SH, "source", "Source", Kind.URL, width=30),
)

FX_RATE_FIELDS = (
    make_field(FX, "rate_date", "Date", Kind.DATE, synonyms=("rate date",)),
    make_field(FX, "base", "Base", Kind.CURRENCY, synonyms=("from", "base currency"), width=8),
    make_field(FX, "quote", "Quote", Kind.CURRENCY, synonyms=("to", "quote currency"), width=8),
    make_field(
        FX,
        "rate",
        "Rate (quote per base)",
        Kind.NUMBER,
        synonyms=("rate", "fx rate", "exchange rate"),
        width=12,
    ),
    make_field(FX, "source", "Source", Kind.URL, width=30),
)

EXPECTED_STUDY_FIELDS = (
    PROJECT_NAME,
    COMPANY_NAME,
    make_field(ES, "study_type", "Study type", Kind.CHOICE, choices=StudyType, width=16),
    make_field(ES, "expected_date", "Expected by", Kind.DATE, synonyms=("expected",)),
    make_field(ES, "noted_on", "Noted on", Kind.DATE, synonyms=("guided on",)),
    make_field(ES, "source", "Source", Kind.URL, width=30),
    PROJECT_ID,
)

WATCHLIST_FIELDS = (
    make_field(W, "name", "Watchlist", width=24),
    make_field(W, "commodity", "Commodity", width=12),
    make_field(W, "min_study_type", "Minimum study", Kind.CHOICE, choices=StudyType, width=16),
    make_field(W, "min_irr_pct", "Minimum IRR (%)", Kind.PERCENT, width=10),
    make_field(W, "country", "Country"),
)
