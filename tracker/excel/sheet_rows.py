"""Turn a sheet's cells into values per entity and field, with a problem for every bad cell."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.excel.choices import choice_value
from tracker.excel.compound import parse_listings, parse_partners
from tracker.excel.fields import Entity, Field, Kind
from tracker.excel.mapping import ColumnMap, Mapping
from tracker.excel.reader import Grid
from tracker.excel.report import Problem
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
_SUMMARY_ROWS = {"total", "totals", "subtotal", "sum", "average", "mean", "grand total"}


@dataclass
class SheetChoice:
    """A sheet to import: its cells, where its header row is, and how its columns map."""

    name: str
    grid: Grid
    header_row: int
    mapping: Mapping

    @property
    def data_rows(self) -> int:
        return max(0, len(self.grid) - self.header_row - 1)


@dataclass
class ParsedRow:
    """One data row: the values it gives each entity (only mapped fields) and its problems."""

    row: int
    values: dict[Entity, dict[str, object]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def currency_code(value: object) -> str | None:
    text = text_value(value)
    if text is None:
        return None
    mark = CURRENCY_MARKS.get(text.lower())
    code = mark or text.upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError("is not a currency code (write e.g. USD, CAD, AUD)")
    return code


def _converter(column: ColumnMap, fld: Field, fractions: bool, known: frozenset[str]) -> Converter:
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
    amount, _ = number_value(raw)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        raise ValueError("is not a whole number")
    return int(amount)


def _fraction_column(grid: Grid, start: int, index: int) -> bool:
    """A percent column is written as fractions when every number in it lies within -1..1."""
    numbers = [
        row[index]
        for row in grid[start:]
        if index < len(row)
        and isinstance(row[index], (int, float))
        and not isinstance(row[index], bool)
    ]
    return bool(numbers) and all(-1 <= float(n) <= 1 for n in numbers)  # type: ignore[arg-type]


def parse_rows(
    sheet: SheetChoice, *, ours: bool, known_commodities: frozenset[str]
) -> Iterator[ParsedRow]:
    """Yield every non-empty data row of ``sheet`` as values per entity."""
    start = sheet.header_row + 1
    plan: list[tuple[int, Field, str, Converter]] = []
    for column in sheet.mapping.mapped():
        fld = column.field
        assert fld is not None
        fractions = fld.kind is Kind.PERCENT and (
            ours or _fraction_column(sheet.grid, start, column.index)
        )
        plan.append(
            (
                column.index,
                fld,
                column.header,
                _converter(column, fld, fractions, known_commodities),
            )
        )
    header_currency = {
        (c.field.entity, c.field.currency_field): c.unit.currency
        for c in sheet.mapping.mapped()
        if c.field is not None and c.field.currency_field and c.unit.currency
    }
    for offset, cells in enumerate(sheet.grid[start:]):
        width = len(cells)
        if not any(cells[index] not in (None, "") for index, *_ in plan if index < width):
            continue
        first = next((c for c in cells if isinstance(c, str) and c.strip()), "")
        if first.strip().lower() in _SUMMARY_ROWS:
            continue
        parsed = ParsedRow(start + offset + 1)
        found_currency: dict[tuple[Entity, str], str] = {}
        for index, fld, header, convert in plan:
            raw = cells[index] if index < width else None
            try:
                value = convert(None if raw == "" else raw)
            except ValueError as exc:
                parsed.problems.append(Problem(sheet.name, parsed.row, header, raw, str(exc)))
                continue
            if fld.kind is Kind.MONEY:
                assert isinstance(value, tuple)
                value, currency = value
                if currency and fld.currency_field:
                    found_currency[(fld.entity, fld.currency_field)] = currency
            parsed.values.setdefault(fld.entity, {})[fld.name] = value
        for (entity, currency_field), currency in (header_currency | found_currency).items():
            values = parsed.values.setdefault(entity, {})
            if values.get(currency_field) is None:
                values[currency_field] = currency
        yield parsed
