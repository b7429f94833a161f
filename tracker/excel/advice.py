"""How to fix each problem an import finds: what to type, map or give as a default.

A missing value whose field no column fills is most often a column the mapping did not
recognise: an ignored column whose values read as that field is named ("column 'Latest study'
looks like the study type: map it"). Otherwise the fix follows from the kind of value.

The advice agrees with the mapping: a column of study types is named for the study type only
(by the rule that maps such a column by its values, ``headers.holds_study_types``), not for a
project's stage or another field "PEA" and "PFS" also read as (unless the sheet is about those
records: a Stages sheet); a column is named for one field only; and a field a column already
fills is never proposed.
"""

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from tracker.enums import StudyType
from tracker.excel.choices import choice_value
from tracker.excel.field_names import display_name
from tracker.excel.field_types import Entity, Field, Kind
from tracker.excel.fields import FIELDS_BY_QUALIFIED
from tracker.excel.headers import STAGE_SHEETS, holds_study_types
from tracker.excel.mapping import is_bare_date, sheet_entity
from tracker.excel.report import Problem
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.values import date_value, number_value, text_value

#: Cells looked at to tell what an ignored column holds.
SAMPLE = 200
#: Share of an ignored column's values that must read as a field to suggest mapping it.
LIKENESS = 0.8
_NUMBERS = {Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.INTEGER}
_EXAMPLES = {
    Kind.NUMBER: "a number such as 412.5",
    Kind.INTEGER: "a whole number such as 3",
    Kind.MONEY: "an amount such as 412.5 or US$ 1.2 B",
    Kind.PERCENT: "a percentage such as 8 or 8 %",
    Kind.DATE: "a date such as 2024-03-05",
    Kind.CURRENCY: "a currency code such as USD, CAD or AUD",
    Kind.BOOL: "yes or no",
    Kind.LIST: "names or symbols such as Cu, Au or 'Copper, Gold'",
}
#: Parents a record needs, as the problems name them, and the column that gives each.
_PARENTS = {"project": "project", "company": "company", "deal": "deal"}


def _reads_as(fld: Field, cell: object) -> bool:
    """Whether ``cell`` reads as a value of ``fld`` (choices, dates and numbers only)."""
    try:
        if fld.kind is Kind.CHOICE:
            text = text_value(cell)
            assert fld.choices is not None
            return text is not None and bool(choice_value(fld.choices, text))
        if fld.kind is Kind.DATE:
            # A plain number is no date, though a spreadsheet could read one as a day count.
            plain = isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)
            return not plain and date_value(cell) is not None
        if fld.kind in _NUMBERS:
            return number_value(cell)[0] is not None
    except ValueError:
        return False
    return False


def looks_like(fld: Field, cells: Sequence[object]) -> bool:
    """Whether most of a column's filled cells read as ``fld``'s values."""
    filled = [cell for cell in cells[:SAMPLE] if cell not in (None, "")]
    if not filled or fld.kind not in {Kind.CHOICE, Kind.DATE, *_NUMBERS}:
        return False
    return sum(1 for cell in filled if _reads_as(fld, cell)) >= LIKENESS * len(filled)


def _looks_like(fld: Field, cells: Sequence[object], named: Entity | None) -> bool:
    """``looks_like``, except that a column of study types is the study type's (as mapping by
    values has it), unless the sheet is named for ``fld``'s records (a Stages sheet's "PFS")."""
    is_study_type = fld.kind is Kind.CHOICE and fld.choices is StudyType
    if holds_study_types(cells):
        return fld.entity is named if named in STAGE_SHEETS else is_study_type
    return not is_study_type and looks_like(fld, cells)


class Advisor:
    """Writes the fixes of one sheet's problems (each column judged once)."""

    def __init__(self, sheet: SheetChoice) -> None:
        self.sheet = sheet
        self.mapped = {c.field.qualified for c in sheet.mapping.mapped() if c.field is not None}
        self.defaults = set(sheet.mapping.defaults)
        self._lookalikes: dict[str, str | None] = {}
        #: Column index -> the field it was named for (each column is named for one).
        self._named: dict[int, str] = {}

    def lookalike(self, fld: Field) -> str | None:
        """The header of an ignored column whose values read as ``fld``'s, if any."""
        if fld.qualified in self.mapped:
            return None
        if fld.qualified not in self._lookalikes:
            found = None
            if not getattr(self.sheet.grid, "loaded", True):
                return None  # cells let go after a written plan: not read again for advice
            start = self.sheet.header_row + 1
            body = self.sheet.grid[start : start + SAMPLE * 5]
            for column in self.sheet.mapping.columns:
                if column.field is not None or not column.header or is_bare_date(column.header):
                    continue  # a bare "Date" left out has its own problem (``bare_date``)
                if self._named.get(column.index, fld.qualified) != fld.qualified:
                    continue
                cells = [row[column.index] if column.index < len(row) else None for row in body]
                if _looks_like(fld, cells, sheet_entity(self.sheet.name)):
                    found = column.header
                    self._named[column.index] = fld.qualified
                    break
            self._lookalikes[fld.qualified] = found
        return self._lookalikes[fld.qualified]

    def fix(self, problem: Problem) -> str:
        entity, _, name = problem.field.partition(".")
        fld = FIELDS_BY_QUALIFIED.get(problem.field)
        empty = problem.value is None or problem.value == ""
        if fld is None and name in _PARENTS:
            return (
                f"map the column that names the {_PARENTS[name]} (or add one), so the "
                f"{entity.replace('_', ' ')} has its {_PARENTS[name]}"
            )
        if fld is None:
            return "correct the cell and import again"
        shown = display_name(fld)
        if empty and fld.qualified not in self.mapped:
            column = self.lookalike(fld)
            if column is not None:
                return f"column '{column}' looks like the {shown}: map it"
            return f"no column gives the {shown}: map one to it, or give the {shown} a default"
        if empty:
            return f"fill in the cell, or give the {shown} a default for its empty cells"
        if "write" in problem.reason:
            return "correct the cell as the problem says, or leave it empty"
        if fld.kind is Kind.CHOICE:
            return "write one of the values listed, or a usual name for one (PFS, pre-feasibility)"
        example = _EXAMPLES.get(fld.kind)
        if example is not None and problem.reason.startswith("is "):
            return f"write {example}, or leave the cell empty"
        return "correct the cell (or leave it empty) and import again"


def advise(problems: list[Problem], sheets: Sequence[SheetChoice]) -> list[Problem]:
    """``problems`` with their fixes."""
    advisors = {sheet.name: Advisor(sheet) for sheet in sheets}
    advised = []
    for problem in problems:
        advisor = advisors.get(problem.sheet)
        if advisor is None or problem.fix:
            advised.append(problem)
        else:
            advised.append(dataclasses.replace(problem, fix=advisor.fix(problem)))
    return advised
