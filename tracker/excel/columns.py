"""Read a sheet one column at a time: each mapped column becomes a list of typed values, with a
problem for every cell that cannot be read and every value the services' rules refuse.

Working by column keeps the per-cell cost to one conversion and one rule check, which matters
at 100,000 rows; the planner then walks the rows to match them to records.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import zip_longest

from tracker.excel.defaults import fill_defaults, read_default
from tracker.excel.errors import WorkbookError
from tracker.excel.field_types import Entity, Field, Kind
from tracker.excel.fields import FIELDS_BY_QUALIFIED
from tracker.excel.mapping import ColumnMap
from tracker.excel.places import read_place
from tracker.excel.report import Problem
from tracker.excel.rules import COLUMN_RULES
from tracker.excel.sheet_rows import Converter, SheetChoice, converter, fraction_column
from tracker.excel.values import decimal_column

Column = list[object]
#: The records a row leans on: a problem with one of them leaves the whole row out. A problem
#: with anything else a row gives (its study, an event) leaves out only that part.
WHOLE_ROW = frozenset({Entity.COMPANY, Entity.PROJECT, Entity.DEAL})
#: First texts of rows that total or summarise the rows above ("Total", "Sub-total:",
#: "Total (attributable)", "Grand total", "Average"); they are not data.
_SUMMARY_ROW = re.compile(
    r"(?:grand\s+|sub[\s-]?)?totals?(?:\s*[:(\-].*)?|sum|average|mean|median", re.IGNORECASE
)
_NPVS = frozenset({"pre_tax_npv", "after_tax_npv"})
_COSTS = frozenset({"aisc", "cash_cost"})
_TEXT_KINDS = {Kind.TEXT, Kind.LONG_TEXT, Kind.URL}
_NUMBER_KINDS = {Kind.NUMBER, Kind.MONEY, Kind.PERCENT}
_LIST_KINDS = {Kind.LIST, Kind.LISTINGS, Kind.PARTNERS}
_ONE, _HUNDRED = Decimal(1), Decimal(100)


@dataclass
class ParsedSheet:
    """A sheet's data rows as typed columns per entity, and the problems of each row."""

    name: str
    #: The sheet row (as Excel numbers it) of each data row.
    rows: list[int]
    columns: dict[Entity, dict[str, Column]] = field(default_factory=dict)
    #: Problems by data-row index: the row is left out.
    problems: dict[int, list[Problem]] = field(default_factory=dict)
    #: Problems of a part of a row (``WHOLE_ROW`` says which): only that part is left out.
    parts: dict[int, dict[Entity, list[Problem]]] = field(default_factory=dict)
    #: The sheet's header of each mapped field.
    headers: dict[tuple[Entity, str], str] = field(default_factory=dict)
    #: Fields whose values are lists (an empty list is no value).
    lists: set[tuple[Entity, str]] = field(default_factory=set)
    #: What the import read in a way a person should check (a total row left out, a fraction
    #: without a % format): nothing is skipped for these.
    notes: list[Problem] = field(default_factory=list)
    #: Per entity: each row's ID (``identity``): read on the app's own workbook only.
    ids: dict[Entity, list[int | None]] = field(default_factory=dict)
    #: Per entity: its field names and each row's values (made on first use).
    _across: list[tuple[Entity, tuple[str, ...], list[tuple[object, ...]]]] | None = None

    def values(self, index: int) -> dict[Entity, dict[str, object]]:
        """Row ``index``'s values per entity (every mapped field, None when empty)."""
        if self._across is None:
            self._across = [
                (entity, tuple(fields), list(zip(*fields.values(), strict=True)))
                for entity, fields in self.columns.items()
            ]
        return {
            entity: dict(zip(names, rows[index], strict=True))
            for entity, names, rows in self._across
        }

    def header(self, entity: Entity, name: str) -> str:
        """The column a person sees for ``entity.name``; for a field no column fills, the
        template's header, marked as not on the sheet."""
        mapped = self.headers.get((entity, name))
        if mapped:
            return mapped
        known = FIELDS_BY_QUALIFIED.get(f"{entity.value}.{name}")
        # A field no column fills: named as the template heads it, and said to be missing.
        return f"{known.header} (no column)" if known else name.replace("_", " ")

    def fail(self, index: int, entity: Entity, name: str, value: object, reason: str) -> None:
        column = self.header(entity, name)
        problem = Problem(self.name, self.rows[index], column, value, reason, f"{entity}.{name}")
        if entity in WHOLE_ROW:
            self.problems.setdefault(index, []).append(problem)
        else:
            self.parts.setdefault(index, {}).setdefault(entity, []).append(problem)

    def all_problems(self, index: int) -> list[Problem]:
        """Row ``index``'s problems, of the whole row and of its parts."""
        found = list(self.problems.get(index, ()))
        for problems in self.parts.get(index, {}).values():
            found.extend(problems)
        return found


#: A cell left for the slow path of ``_convert``.
_LATER = object()


class _Unreadable:
    """A cell that cannot be read, and why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _first_text(cells: list[object]) -> str:
    """The row's first text, as typed."""
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            return cell.strip()
    return ""


def _columns(body: list[list[object]], indexes: list[int]) -> dict[int, list[object]]:
    """The cells of columns ``indexes`` (short rows padded with None), read across in one go."""
    across = list(zip_longest(*body)) if body else []
    return {i: list(across[i]) if i < len(across) else [None] * len(body) for i in indexes}


def _kept(
    body: list[list[object]], columns: dict[int, list[object]]
) -> tuple[list[int], list[int]]:
    """Indexes of the rows with a value in a mapped column, and of the total rows left out."""
    empty = list(range(len(body)))
    for column in columns.values():
        empty = [i for i in empty if column[i] is None or column[i] == ""]
    blank = set(empty)
    kept: list[int] = []
    totals: list[int] = []
    for i in range(len(body)):
        if i in blank:
            continue
        first = _first_text(body[i])
        (totals if first and _SUMMARY_ROW.fullmatch(first) else kept).append(i)
    return kept, totals


def _convert(raws: Column, read: Converter, kind: Kind) -> tuple[Column, list[tuple[int, str]]]:
    """The column's values, and (row index, reason) for each cell that cannot be read.

    The common cells (text, real dates, empty) are read in one comprehension; the rest one by
    one, each distinct text once (columns repeat their "PFS", "USD", "Au-Ag").
    """
    if kind in _TEXT_KINDS:
        values = [
            (r.strip() or None) if r.__class__ is str else (None if r is None else _LATER)
            for r in raws
        ]
    elif kind is Kind.DATE:
        values = [
            r if r.__class__ is date else (None if r is None or r == "" else _LATER) for r in raws
        ]
    else:
        values = [None if r is None or r == "" else _LATER for r in raws]
    failures: list[tuple[int, str]] = []
    read_as: dict[str, object] = {}
    for index in [i for i, value in enumerate(values) if value is _LATER]:
        raw = raws[index]
        if raw.__class__ is datetime:
            values[index] = raw.date()
            continue
        known = read_as.get(raw, _LATER) if raw.__class__ is str else _LATER
        if known is _LATER:
            try:
                known = read(raw)
            except ValueError as exc:
                known = _Unreadable(str(exc))
            if raw.__class__ is str:
                read_as[raw] = known
        if known.__class__ is _Unreadable:
            values[index] = None
            failures.append((index, known.reason))
        else:
            values[index] = known
    return values, failures


def _factor(column: ColumnMap, fld: Field, fractions: bool) -> Decimal:
    """What one unit of a number cell is worth in stored units."""
    if fld.kind is Kind.PERCENT:
        return _HUNDRED if fractions else _ONE
    return column.unit.scale or (fld.scale if fld.kind is Kind.MONEY else _ONE)


def parse_sheet(
    sheet: SheetChoice,
    *,
    ours: bool,
    known_commodities: frozenset[str],
    tick: Callable[[], None] | None = None,
) -> ParsedSheet:
    """Every data row of ``sheet`` as typed columns, with its problems; ``tick`` is called
    between columns (to report progress and notice a cancel)."""
    mapped = [c for c in sheet.mapping.mapped() if c.field is not None]
    start = sheet.header_row + 1
    body = list(sheet.grid[start:])
    cells = _columns(body, sorted({c.index for c in mapped}))
    kept, totals = _kept(body, cells)
    parsed = ParsedSheet(sheet.name, [start + i + 1 for i in kept])
    for i in totals:
        parsed.notes.append(
            Problem(sheet.name, start + i + 1, "", _first_text(body[i]), _TOTAL_NOTE)
        )
    everything = len(kept) == len(body)
    currencies: dict[tuple[Entity, str], list[str | None]] = {}
    for column in mapped:
        fld = column.field
        assert fld is not None
        if tick is not None:
            tick()
        parsed.headers[(fld.entity, fld.name)] = column.header
        raws = cells[column.index] if everything else [cells[column.index][i] for i in kept]
        fractions = fld.kind is Kind.PERCENT and (
            ours or fraction_column(sheet.grid, start, column.index)
        )
        if fld.kind is Kind.PERCENT and not ours:
            _note_fractions(parsed, column.header, raws, fractions)
        read = converter(column, fld, fractions, known_commodities)
        if fld.kind in _NUMBER_KINDS:
            factor = _factor(column, fld, fractions)
            percent = fld.kind is Kind.PERCENT
            values, failed = decimal_column(raws, factor, read, percent=percent)
            failures = [(row, reason) for row, _raw, reason in failed]
        else:
            values, failures = _convert(raws, read, fld.kind)
        for row, reason in failures:
            parsed.fail(row, fld.entity, fld.name, raws[row], reason)
        if fld.kind is Kind.MONEY:
            values = _split_money(fld, values, column.unit.currency, currencies)
        parsed.columns.setdefault(fld.entity, {})[fld.name] = values
        if fld.kind in _LIST_KINDS:
            parsed.lists.add((fld.entity, fld.name))
    _fill_currencies(parsed, currencies)
    _from_headers(parsed, mapped)
    if not ours:
        _places(parsed)  # the app's own workbook holds the spellings it stores
    if sheet.mapping.defaults:
        fill_defaults(parsed.columns, len(kept), _defaults(sheet, known_commodities, parsed))
    _take_ids(parsed, ours)
    _check_rules(parsed)
    return parsed


def _take_ids(parsed: ParsedSheet, ours: bool) -> None:
    """Move the ID columns out of the values (an id is no field a record takes); an investor's
    "ID" column numbers their rows, not ours, and is left unread."""
    for entity in list(parsed.columns):
        fields = parsed.columns[entity]
        ids = fields.pop("id", None)
        if ids is not None and ours:
            parsed.ids[entity] = ids  # type: ignore[assignment]
        if not fields:
            del parsed.columns[entity]


def _defaults(
    sheet: SheetChoice, known: frozenset[str], parsed: ParsedSheet
) -> dict[Field, object]:
    """The mapping's defaults, read; a default column not on the sheet is named after it."""
    found: dict[Field, object] = {}
    for qualified, text in sheet.mapping.defaults.items():
        fld = FIELDS_BY_QUALIFIED.get(qualified)
        if fld is None:
            continue
        try:
            found[fld] = read_default(fld, text, known)
        except ValueError as exc:
            raise WorkbookError(f"the default '{fld.header}={text}' {exc}") from exc
        parsed.headers.setdefault((fld.entity, fld.name), f"{fld.header} (default)")
    return found


_TOTAL_NOTE = "is a total row: left out (it sums the rows above)"


def _note_fractions(parsed: ParsedSheet, header: str, raws: Column, fractions: bool) -> None:
    """One note per percent column whose bare numbers (no % format, no % sign) look like
    fractions: how they were read, and how to say otherwise."""
    bare = [i for i, raw in enumerate(raws) if raw.__class__ in (float, int)]
    if fractions:
        rows = [i for i in bare if raws[i]]
        reason = (
            "has no % format and, like every number of this column, lies between -1 and 1: "
            "read as a fraction of 100 ({h} %); type {v}% if it means {v} %"
        )
    else:
        rows = [i for i in bare if 0 < abs(float(raws[i])) < 1]  # type: ignore[arg-type]
        reason = (
            "looks like a fraction but has no % format: read as {v} %; if it means {h} %, "
            "format the cell as a percentage or type {h}"
        )
    if not rows:
        return
    first = raws[rows[0]]
    more = f" (and {len(rows) - 1:,} more cells of the column)" if len(rows) > 1 else ""
    shown = float_text(first)
    hundred = float_text(Decimal(shown) * 100)
    text = reason.format(v=shown, h=hundred) + more
    parsed.notes.append(Problem(parsed.name, parsed.rows[rows[0]], header, first, text))


def float_text(value: object) -> str:
    """A number as people write it: 0.185, 18.5, 8."""
    amount = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(str(value))
    text = format(amount.normalize(), "f")
    return text


def _from_headers(parsed: ParsedSheet, mapped: list[ColumnMap]) -> None:
    """What a header says beside its values: the discount rate of "NPV 5% (C$M)" for the
    rows with that NPV, and the cost unit of "AISC (US$/oz)" (unless their own cells say)."""
    count = len(parsed.rows)
    studies = parsed.columns.get(Entity.STUDY, {})
    for column in mapped:
        fld = column.field
        if fld is None or fld.entity is not Entity.STUDY or fld.name not in studies:
            continue
        values = studies[fld.name]
        filled: Column
        if fld.name in _NPVS and column.unit.rate is not None:
            target, wanted = "discount_rate_pct", column.unit.rate
            filled = [wanted if v is not None else None for v in values]
        elif fld.name in _COSTS and column.unit.per:
            target = "cost_unit"
            currencies = studies.get("currency") or [column.unit.currency] * count
            filled = [
                f"{c or column.unit.currency or 'USD'}/{column.unit.per}"[:20]
                if v is not None
                else None
                for v, c in zip(values, currencies, strict=True)
            ]
        else:
            continue
        existing = studies.get(target)
        if existing is None:
            studies[target] = filled
            parsed.headers.setdefault((Entity.STUDY, target), column.header)
        else:
            studies[target] = [
                e if e is not None else f for e, f in zip(existing, filled, strict=True)
            ]


def _places(parsed: ParsedSheet) -> None:
    """One spelling per country ("USA" is United States), and the state or province written
    with it ("Arizona, USA") as the region when the row gives none."""
    projects = parsed.columns.get(Entity.PROJECT, {})
    countries = projects.get("country")
    if countries is None:
        return
    regions: Column = list(projects.get("region") or [None] * len(countries))
    found = False
    for i, text in enumerate(countries):
        if not isinstance(text, str):
            continue
        country, region = read_place(text)
        countries[i] = country
        if region and regions[i] is None:
            regions[i] = region
            found = True
    if found or "region" in projects:
        projects["region"] = regions


def _split_money(
    fld: Field,
    values: Column,
    header_currency: str | None,
    currencies: dict[tuple[Entity, str], list[str | None]],
) -> Column:
    """Amounts of a money column; the currency each cell (or else the header) names is noted
    for the entity's currency field."""
    if not any(value.__class__ is tuple for value in values):
        # Plain amounts (no cell wrote its currency): the header's currency, if any, for all.
        if fld.currency_field and header_currency:
            key = (fld.entity, fld.currency_field)
            currencies.setdefault(key, [header_currency] * len(values))
        return values
    amounts: Column = []
    found: list[str | None] = []
    for value in values:
        amount, currency = value if isinstance(value, tuple) else (value, None)
        amounts.append(amount)
        found.append(currency or header_currency)
    if fld.currency_field and any(found):
        key = (fld.entity, fld.currency_field)
        known = currencies.get(key)
        currencies[key] = (
            found if known is None else [a or b for a, b in zip(found, known, strict=True)]
        )
    return amounts


def _fill_currencies(
    parsed: ParsedSheet, currencies: dict[tuple[Entity, str], list[str | None]]
) -> None:
    """An empty currency cell takes the currency its row's amounts were written with."""
    count = len(parsed.rows)
    for (entity, name), found in currencies.items():
        column = parsed.columns.setdefault(entity, {}).setdefault(name, [None] * count)
        for index, currency in enumerate(found):
            if column[index] is None and currency:
                column[index] = currency


def _check_rules(parsed: ParsedSheet) -> None:
    """Each given value against its entity's rules, one column at a time."""
    failed = {
        (index, problem.column)
        for index in parsed.problems.keys() | parsed.parts.keys()
        for problem in parsed.all_problems(index)
    }
    for entity, columns in parsed.columns.items():
        rules = COLUMN_RULES.get(entity)
        if rules is None:
            continue
        for index, name, (shown, reason) in rules.column_failures(columns):
            if (index, parsed.header(entity, name)) not in failed:
                parsed.fail(index, entity, name, shown, reason)
