"""The vocabulary of the portfolio workbook's columns: entities, kinds of value, fields, sheets.

Each ``Field`` names an entity and one of its values, the header the workbook shows (with its
unit), how the value is read and written, and the other names investors give the column.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum


class Entity(StrEnum):
    """What a row of a sheet creates or updates, in the order an import writes them."""

    COMPANY = "company"
    PROJECT = "project"
    PROJECT_COMMODITY = "project_commodity"
    PROJECT_STAGE = "project_stage"
    STUDY = "study"
    STUDY_PRICE = "study_price"
    STUDY_SENSITIVITY = "study_sensitivity"
    RESOURCE = "resource"
    DEAL = "deal"
    DEAL_STEP = "deal_step"
    DEAL_OBLIGATION = "deal_obligation"
    DEAL_STATUS = "deal_status"
    EVENT = "event"
    HOLDING = "holding"
    TRANSACTION = "transaction"
    SHARE_PRICE = "share_price"
    FX_RATE = "fx_rate"
    COMMODITY_PRICE = "commodity_price"
    EXPECTED_STUDY = "expected_study"
    WATCHLIST = "watchlist"


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
    def identity(self) -> bool:
        """An ID column: a record's database id, written by the export (``identity``)."""
        return self.name == "id"

    @property
    def qualified(self) -> str:
        return f"{self.entity.value}.{self.name}"

    def __str__(self) -> str:
        return self.header


def make_field(
    entity: Entity, name: str, header: str, kind: Kind = Kind.TEXT, **extra: object
) -> Field:
    """A field with the common defaults (text, no synonyms, width 14)."""
    return Field(entity, name, header, kind, **extra)  # type: ignore[arg-type]


def id_field(entity: Entity, header: str = "ID") -> Field:
    """The ID column of ``entity``: "ID" on its own sheet, "Project ID" where rows name it."""
    return Field(entity, "id", header, Kind.INTEGER, width=8)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the portfolio workbook: its name, its main entity and its columns."""

    name: str
    entity: Entity
    fields: tuple[Field, ...]

    @property
    def table_name(self) -> str:
        return self.name.title().replace(" ", "")
