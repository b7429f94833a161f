"""How a source lays the truth out: its sheets, the rows above the header, and each column's
header, cell and the facts it proves.

A fact is (entity, key, field, value) as the database should hold it after the import:
``("study", "Cactus", "after_tax_npv", "509000000")``. A column proves a fact for a row only
when it writes a cell for it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tests.investor_corpus.truth import Deal, Project

Fact = tuple[str, str, str, str]
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Col:
    """One column: its header (``upper``: the half above, for headers over two rows), the cell
    of each row, and the facts the cell proves; ``percent`` cells get a % number format."""

    header: str
    cell: Callable[[Any], object]
    proves: tuple[str, ...] = ()
    percent: bool = False
    upper: str = ""


@dataclass(frozen=True)
class Sheet:
    """A table: rows of ``Project`` or ``Deal``, with titles or notes above it and total rows
    (their first cell) after the row counts in ``totals``."""

    name: str
    cols: tuple[Col, ...]
    rows: tuple[Any, ...]
    above: tuple[tuple[object, ...], ...] = ()
    totals: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Source:
    """One file of the corpus: how it is written (``writer``) and its sheets."""

    name: str
    writer: str
    sheets: tuple[Sheet, ...]
    note: str = ""

    @property
    def suffix(self) -> str:
        return {
            "csv-us": ".csv",
            "csv-eu": ".csv",
            "csv-bom": ".csv",
            "tsv-eu": ".tsv",
            "libreoffice-ods": ".ods",
        }.get(self.writer, ".xlsx")


def plain(amount: Decimal) -> str:
    """A stored decimal as the expected tables write it: 509000000, 21.1, -12000000."""
    return format(amount.normalize(), "f") if amount != 0 else "0"


def _project_fact(p: Project, proof: str) -> Fact | None:
    s = "study"
    facts: dict[str, Fact | None] = {
        "company": ("project", p.name, "operator", p.company),
        "ticker": ("company", p.company, "listings", p.ticker),
        "country": ("project", p.name, "country", p.country),
        "region": ("project", p.name, "region", p.region) if p.region else None,
        "commodities": ("project", p.name, "commodities", "|".join(p.commodities)),
        "stage": ("project", p.name, "stage", p.stage),
        "study_type": (s, p.name, "study_type", p.study_type),
        "study_date": (s, p.name, "publication_date", p.study_date.isoformat()),
        "npv": (s, p.name, "after_tax_npv", plain(p.npv * MILLION)),
        "irr": (s, p.name, "after_tax_irr_pct", plain(p.irr)),
        "capex": (s, p.name, "initial_capex", plain(p.capex * MILLION)),
        "currency": (s, p.name, "currency", p.currency),
        "rate": (s, p.name, "discount_rate_pct", plain(p.rate)),
        "aisc": (s, p.name, "aisc", plain(p.aisc)) if p.aisc is not None else None,
        "cost_unit": (s, p.name, "cost_unit", f"{p.currency}/oz") if p.aisc else None,
    }
    return facts[proof]


def _deal_fact(d: Deal, proof: str) -> Fact | None:
    money = d.consideration
    facts: dict[str, Fact | None] = {
        "deal_type": ("deal", d.title, "deal_type", d.deal_type),
        "status": ("deal", d.title, "status", d.status),
        "project": ("deal", d.title, "project", d.project),
        "acquirer": ("deal", d.title, "acquirer", d.acquirer),
        "counterparty": ("deal", d.title, "counterparty", d.counterparty),
        "interest": ("deal", d.title, "interest_pct", plain(d.interest)) if d.interest else None,
        "consideration": (
            ("deal", d.title, "consideration", plain(money * MILLION)) if money else None
        ),
        "consideration_currency": (
            ("deal", d.title, "consideration_currency", d.currency) if d.currency else None
        ),
        "announced": ("deal", d.title, "announced_date", d.announced.isoformat()),
    }
    return facts[proof]


def facts_of(source: Source) -> list[Fact]:
    """Every fact the source's cells state, once, in a stable order."""
    found: dict[Fact, None] = {}
    for sheet in source.sheets:
        for row in sheet.rows:
            for col in sheet.cols:
                if col.cell(row) in (None, ""):
                    continue
                for proof in col.proves:
                    fact = (
                        _project_fact(row, proof)
                        if isinstance(row, Project)
                        else _deal_fact(row, proof)
                    )
                    if fact is not None:
                        found[fact] = None
    return list(found)


def total_row(sheet: Sheet, label: str, upto: int) -> list[object]:
    """A total row: the label, then the sum of each money column of the rows above."""
    cells: list[object] = [label]
    for col in sheet.cols[1:]:
        values = [col.cell(row) for row in sheet.rows[:upto]]
        numbers = [v for v in values if isinstance(v, float)]
        if numbers and len(numbers) == len(values) and not col.percent:
            cells.append(round(sum(numbers), 6))
        else:
            cells.append(None)
    return cells


def grid_of(sheet: Sheet) -> tuple[list[list[object]], set[int]]:
    """The sheet's rows of cells, and the columns with a % format."""
    rows: list[list[object]] = [list(row) for row in sheet.above]
    if any(col.upper for col in sheet.cols):
        rows.append([col.upper or None for col in sheet.cols])
    rows.append([col.header or None for col in sheet.cols])
    totals = dict(sheet.totals)
    for index, row in enumerate(sheet.rows):
        if index in totals:
            rows.append(total_row(sheet, totals[index], index))
        rows.append([col.cell(row) for col in sheet.cols])
    if len(sheet.rows) in totals:
        rows.append(total_row(sheet, totals[len(sheet.rows)], len(sheet.rows)))
    return rows, {k for k, col in enumerate(sheet.cols) if col.percent}


def data_start(sheet: Sheet) -> int:
    """The index of the sheet's first data row."""
    return len(sheet.above) + 1 + any(col.upper for col in sheet.cols)


def is_date(value: object) -> bool:
    return isinstance(value, date)
