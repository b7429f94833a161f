"""A sheet's column names as a person reads them: over one row or split over two, and a column
named by what it holds when its header says nothing the tracker knows.

"Post-tax" above "NPV (US$M)", "NPV" above "(US$M)" and "Economics" above "IRR" are read as
"Post-tax NPV (US$M)", "NPV (US$M)" and "IRR". A column of "PEA", "PFS" and "FS" is the study
type whatever its header ("Latest study", "Report", or none).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.enums import StudyType
from tracker.excel.choices import choice_value
from tracker.excel.fields import FIELDS_BY_QUALIFIED, Entity, Kind
from tracker.excel.mapping import ColumnMap, Mapping, candidates, sheet_entity, split_header

Row = Sequence[object]
#: How many cells below the header a column is judged by.
_SAMPLE = 200
#: The share of a column's cells that must read as study types.
_MOSTLY = 0.8
_STUDY_TYPE = "study.study_type"
#: Sheets named for records whose own field "PEA" and "PFS" are values of (a Stages sheet's
#: stage): there a column of them is not the study type.
STAGE_SHEETS = frozenset({Entity.PROJECT_STAGE})
#: Fields a column of study types may have been taken for by its header.
_FREE_TEXT = frozenset({Kind.TEXT, Kind.LONG_TEXT})


@dataclass(frozen=True)
class Headers:
    """The header text of each column, and the sheet row (from 0) the data starts below."""

    texts: list[str]
    last_row: int


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _all_text(row: Row) -> bool:
    return all(cell is None or cell == "" or isinstance(cell, str) for cell in row)


def _reading(text: str) -> tuple[tuple[str, ...], object]:
    """What a header says: the fields it could be, and its unit."""
    return tuple(f.qualified for f in candidates(text)), split_header(text)[1]


def _joined(upper: Row, lower: Row) -> tuple[list[str], int, int, int]:
    """Each column's name read over both rows, how many columns the upper and the lower row
    change, and how many lower cells add nothing (a data row, not half a header)."""
    width = max(len(upper), len(lower))
    texts: list[str] = []
    upper_adds = lower_adds = lower_idle = 0
    for index in range(width):
        top = _text(upper[index]) if index < len(upper) else ""
        bottom = _text(lower[index]) if index < len(lower) else ""
        if not top or not bottom:
            texts.append(top or bottom)
            if top and candidates(top):
                upper_adds += 1
            if bottom and candidates(bottom):
                lower_adds += 1
            continue
        both = f"{top} {bottom}"
        if candidates(both):
            texts.append(both)
            upper_adds += _reading(both) != _reading(bottom)
            lower_adds += _reading(both) != _reading(top)
        elif candidates(bottom):
            texts.append(bottom)
            lower_adds += 1
        elif candidates(top):
            texts.append(top)
            lower_idle += 1
        else:
            texts.append(both)
    return texts, upper_adds, lower_adds, lower_idle


def read_headers(grid: Sequence[Row], found: int) -> Headers:
    """The headers of a sheet whose header row is ``found``, joined with the row below or
    above when the names are split over two rows."""
    row = grid[found]
    single = Headers([_text(cell) for cell in row], found)
    if not _all_text(row):
        return single
    if found + 1 < len(grid) and _all_text(grid[found + 1]):
        texts, _upper, lower_adds, idle = _joined(row, grid[found + 1])
        if lower_adds and not idle:
            return Headers(texts, found + 1)
    if found > 0 and _all_text(grid[found - 1]):
        texts, upper_adds, _lower, _idle = _joined(grid[found - 1], row)
        if upper_adds:
            return Headers(texts, found)
    return single


def _column(grid: Sequence[Row], start: int, index: int) -> list[object]:
    return [row[index] if index < len(row) else None for row in grid[start : start + _SAMPLE]]


def holds_study_types(cells: Sequence[object]) -> bool:
    """Whether most of a column's text cells are study types ("PEA", "PFS", "DFS"): the one
    rule by which a column is the study type whatever its header. The import's advice uses
    it too, so that it calls a column the study type exactly when this mapping would."""
    texts = [cell for cell in cells[:_SAMPLE] if isinstance(cell, str) and cell.strip()]
    read = 0
    for cell in texts:
        try:
            choice_value(StudyType, cell)
        except ValueError:
            continue
        read += 1
    return bool(texts) and read >= _MOSTLY * len(texts)


def map_by_values(
    mapping: Mapping,
    grid: Sequence[Row],
    start: int,
    preset: dict[str, str | None] | None = None,
    sheet_name: str = "",
) -> Mapping:
    """``mapping`` with a column of study types ("PEA", "PFS", "FS") as the study type, when
    no column is that already and a preset does not say otherwise: an unmapped column first,
    else one taken for free text (a "Report" column read as the study's title). Not on a
    Stages sheet, where "PFS" is a stage."""
    if sheet_entity(sheet_name) in STAGE_SHEETS:
        return mapping
    if any(c.field is not None and c.field.qualified == _STUDY_TYPE for c in mapping.columns):
        return mapping
    study_type = FIELDS_BY_QUALIFIED[_STUDY_TYPE]
    free = [c for c in mapping.columns if c.field is None]
    free += [
        c
        for c in mapping.columns
        if c.field is not None and c.field.kind in _FREE_TEXT and c.field.name != "name"
    ]
    for column in free:
        if preset is not None and column.header in preset:
            continue
        if holds_study_types(_column(grid, start, column.index)):
            columns = [
                ColumnMap(c.index, c.header, study_type, c.unit) if c is column else c
                for c in mapping.columns
            ]
            return Mapping(mapping.entity, columns)
    return mapping
