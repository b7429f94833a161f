"""A sheet chosen for import, and how each kind of column is read."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.excel.choices import choice_value
from tracker.excel.compound import parse_listings, parse_partners
from tracker.excel.fields import Field, Kind
from tracker.excel.mapping import ColumnMap, Mapping
from tracker.excel.values import (
    CURRENCY_MARKS,
    bool_value,
    date_value,
    list_value,
    number_value,
    percent_value,
    split_tags,
    text_value,
)

Converter = Callable[[object], object]


@dataclass
class SheetChoice:
    """A sheet to import: its cells, where its header row is, and how its columns map.

    The cells may still be on their way (a ``loading.LazyGrid``): they are read on first use.
    """

    name: str
    grid: Sequence[list[object]]
    header_row: int
    mapping: Mapping
    #: The file says which cells have a % format (they are ``formats.PercentCell`` values),
    #: so a bare 0.185 is what was typed.
    percent_formats: bool = False

    @property
    def data_rows(self) -> int:
        """Rows below the header (known without reading the cells, when the file says)."""
        known: int | None = getattr(self.grid, "known_rows", None)
        return max(0, (len(self.grid) if known is None else known) - self.header_row - 1)


def currency_code(value: object) -> str | None:
    text = text_value(value)
    if text is None:
        return None
    mark = CURRENCY_MARKS.get(text.lower())
    code = mark or text.upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError("is not a currency code (write e.g. USD, CAD, AUD)")
    return code


def converter(column: ColumnMap, fld: Field, fractions: bool, known: frozenset[str]) -> Converter:
    """How the cells of ``column`` (filling ``fld``) are read."""
    kind = fld.kind
    if kind in {Kind.TEXT, Kind.LONG_TEXT, Kind.URL}:
        return text_value
    if kind is Kind.CHOICE:
        vocabulary = fld.choices
        assert vocabulary is not None

        def choice(raw: object) -> object:
            text = text_value(raw)
            return None if text is None else choice_value(vocabulary, text)

        return choice
    if kind is Kind.CURRENCY:
        return currency_code
    if kind is Kind.NUMBER:
        scale = column.unit.scale or Decimal(1)
        return lambda raw: number_value(raw, scale)[0]
    if kind is Kind.INTEGER:
        return _integer
    if kind is Kind.MONEY:
        money_scale = column.unit.scale or fld.scale
        return lambda raw: number_value(raw, money_scale)
    if kind is Kind.PERCENT:
        return lambda raw: percent_value(raw, fractions)
    if kind is Kind.DATE:
        return date_value
    if kind is Kind.BOOL:
        return bool_value
    if kind is Kind.LIST:
        if fld.name == "tags":
            return split_tags
        return lambda raw: list_value(raw, known)
    if kind is Kind.LISTINGS:
        return parse_listings
    return parse_partners


def _integer(raw: object) -> object:
    # The common cells (the ID columns: one per row) without going through Decimal.
    if raw.__class__ is int:
        return raw
    if raw.__class__ is float and raw.is_integer() and abs(raw) < 2**53:
        return int(raw)
    amount, _ = number_value(raw)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        raise ValueError("is not a whole number")
    return int(amount)


def fraction_column(grid: Sequence[list[object]], start: int, index: int) -> bool:
    """A percent column is written as fractions when every bare number in it (no % format:
    those are fractions anyway) lies within -1..1."""
    numbers = [
        row[index]
        for row in grid[start:]
        if index < len(row) and row[index].__class__ in (int, float)
    ]
    return bool(numbers) and all(-1 <= float(n) <= 1 for n in numbers)  # type: ignore[arg-type]
