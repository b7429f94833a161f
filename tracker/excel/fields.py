"""The portfolio workbook: its sheets in order, and the fields an import can fill.

Export, import and the template share these lists; ``field_types`` says what a field is.
"""

from tracker.excel.entity_fields import (
    COMPANY_FIELDS,
    DEAL_FIELDS,
    EVENT_FIELDS,
    HOLDING_FIELDS,
    OBLIGATION_FIELDS,
    PROJECT_COMMODITY_FIELDS,
    PROJECT_FIELDS,
    RESOURCE_FIELDS,
    STUDY_FIELDS,
    TRANSACTION_FIELDS,
)
from tracker.excel.field_types import Entity, Field, Kind, SheetSpec
from tracker.excel.history_fields import (
    COMMODITY_PRICE_FIELDS,
    EXPECTED_STUDY_FIELDS,
    FX_RATE_FIELDS,
    PRICE_DECK_FIELDS,
    SENSITIVITY_FIELDS,
    SHARE_PRICE_FIELDS,
    STAGE_FIELDS,
    STATUS_FIELDS,
    STEP_FIELDS,
    WATCHLIST_FIELDS,
)

__all__ = ["PROJECT_FIELDS", "Entity", "Field", "Kind", "SheetSpec"]

#: In the order an import reads them: parents before what hangs on them.
SHEETS = (
    SheetSpec("Companies", Entity.COMPANY, COMPANY_FIELDS),
    SheetSpec("Projects", Entity.PROJECT, PROJECT_FIELDS),
    SheetSpec("Project commodities", Entity.PROJECT_COMMODITY, PROJECT_COMMODITY_FIELDS),
    SheetSpec("Stage history", Entity.PROJECT_STAGE, STAGE_FIELDS),
    SheetSpec("Studies", Entity.STUDY, STUDY_FIELDS),
    SheetSpec("Price decks", Entity.STUDY_PRICE, PRICE_DECK_FIELDS),
    SheetSpec("Study sensitivities", Entity.STUDY_SENSITIVITY, SENSITIVITY_FIELDS),
    SheetSpec("Resources", Entity.RESOURCE, RESOURCE_FIELDS),
    SheetSpec("Deals", Entity.DEAL, DEAL_FIELDS),
    SheetSpec("Deal steps", Entity.DEAL_STEP, STEP_FIELDS),
    SheetSpec("Deal obligations", Entity.DEAL_OBLIGATION, OBLIGATION_FIELDS),
    SheetSpec("Deal status history", Entity.DEAL_STATUS, STATUS_FIELDS),
    SheetSpec("Events", Entity.EVENT, EVENT_FIELDS),
    SheetSpec("Holdings", Entity.HOLDING, HOLDING_FIELDS),
    SheetSpec("Holding transactions", Entity.TRANSACTION, TRANSACTION_FIELDS),
    SheetSpec("Share prices", Entity.SHARE_PRICE, SHARE_PRICE_FIELDS),
    SheetSpec("FX rates", Entity.FX_RATE, FX_RATE_FIELDS),
    SheetSpec("Commodity prices", Entity.COMMODITY_PRICE, COMMODITY_PRICE_FIELDS),
    SheetSpec("Expected studies", Entity.EXPECTED_STUDY, EXPECTED_STUDY_FIELDS),
    SheetSpec("Watchlist filters", Entity.WATCHLIST, WATCHLIST_FIELDS),
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
