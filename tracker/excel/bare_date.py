"""A column headed just "Date": whose date it is follows from the rest of the sheet.

On a watchlist whose other columns are a study's (its type, NPV, IRR) and none is the study's
date, "Date" is the study date; in a deal log (deal type, consideration) it is the date the
deal was announced; beside an event's kind and title, the event's date. A sheet named for
what it holds ("Deals", "Share prices") keeps the date of its own records. When the rest of the
sheet points at none of them, or at several, the column is left out and the import says so,
naming the column and what to map it to, rather than guess.
"""

from collections.abc import Sequence
from dataclasses import replace

from tracker.excel.field_names import display_name
from tracker.excel.field_types import Entity, Field
from tracker.excel.fields import FIELDS_BY_QUALIFIED
from tracker.excel.mapping import ColumnMap, Mapping, is_bare_date, sheet_entity
from tracker.excel.report import Action, Preview, Problem
from tracker.excel.sheet_rows import SheetChoice

#: The date a bare "Date" means on a sheet about each kind of record.
DATES: dict[Entity, str] = {
    Entity.STUDY: "study.publication_date",
    Entity.DEAL: "deal.announced_date",
    Entity.EVENT: "event.event_date",
    Entity.TRANSACTION: "transaction.trade_date",
}
#: Records every row of an investor's sheet names; their columns say nothing of the date.
_PARENTS = frozenset({Entity.PROJECT, Entity.COMPANY})


def _meant(column: ColumnMap, mapping: Mapping, sheet_name: str) -> Field | None:
    """The date ``column`` is on this sheet, or None when the sheet does not tell."""
    named = sheet_entity(sheet_name)
    if named is not None and column.field is not None and column.field.entity is named:
        return column.field
    others = [c.field for c in mapping.mapped() if c is not column and c.field is not None]
    given = {fld.qualified for fld in others}
    about = {fld.entity for fld in others} - _PARENTS
    fitting = [
        FIELDS_BY_QUALIFIED[qualified]
        for entity, qualified in DATES.items()
        if entity in about and qualified not in given
    ]
    return fitting[0] if len(fitting) == 1 else None


def place_bare_date(
    mapping: Mapping, sheet_name: str, preset: dict[str, str | None] | None = None
) -> Mapping:
    """``mapping`` with each bare "Date" column mapped to the date the sheet means, or left
    out when it does not tell (a preset's choice stands)."""
    columns = list(mapping.columns)
    for position, column in enumerate(columns):
        if not is_bare_date(column.header):
            continue
        if preset is not None and column.header in preset:
            continue
        current = Mapping(mapping.entity, columns, mapping.defaults)
        meant = _meant(column, current, sheet_name)
        taken = meant is not None and any(c.field == meant for c in columns if c is not column)
        columns[position] = replace(column, field=None if taken else meant)
    return Mapping(mapping.entity, columns, dict(mapping.defaults))


def note_bare_dates(preview: Preview, sheets: Sequence[SheetChoice]) -> None:
    """Add to ``preview`` a problem for each bare "Date" column left out, naming the dates it
    could be; each row that went in without its date counts as imported in part."""
    skipped: set[tuple[str, int]] | None = None
    for sheet in sheets:
        for column in sheet.mapping.columns:
            if column.field is not None or not is_bare_date(column.header):
                continue
            if skipped is None:
                skipped = {(o.sheet, o.row) for o in preview.rows if o.action is Action.SKIP}
            rows = _filled_rows(sheet, column.index) - {r for s, r in skipped if s == sheet.name}
            if not rows:
                continue
            preview.partial_rows += len(rows)
            preview.problems.append(_problem(sheet.name, column.header))


def _problem(sheet: str, header: str) -> Problem:
    choices = ", ".join(f"'{display_name(FIELDS_BY_QUALIFIED[q])}'" for q in DATES.values())
    return Problem(
        sheet,
        0,
        header,
        None,
        "was left out: the sheet does not say whose date it is",
        fix=f"map column '{header}' to the date it is ({choices}) and import again",
    )


def _filled_rows(sheet: SheetChoice, index: int) -> set[int]:
    """Data rows (numbered as Excel does) with a value in column ``index``."""
    if not getattr(sheet.grid, "loaded", True):
        return set()
    start = sheet.header_row + 1
    return {
        number
        for number, row in enumerate(sheet.grid[start:], start=start + 1)
        if index < len(row) and row[index] not in (None, "")
    }
