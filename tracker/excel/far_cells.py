"""Which values of a sparse sheet lie so far from the others that they are not data.

A value thousands of rows below the data, or hundreds of columns to its right (a stray
keystroke, or a file made to hurt), would make the sheet's grid millions of empty cells. The
cell-by-cell reader leaves such values out, and the import names each one as a problem, so
nothing is dropped without a word.
"""

from dataclasses import dataclass

from tracker.excel.cell_refs import Extent, cell_name
from tracker.excel.report import Problem

#: Empty rows between two values beyond which the later value is far from the data.
ROW_GAP = 10_000
#: Empty columns between two values beyond which the later value is far from the data.
COLUMN_GAP = 256
#: Far values named one by one; the rest are counted in one problem.
NAMED = 20
_FIX = "move it next to the data (or delete it) and import again"

Cells = dict[tuple[int, int], object]


@dataclass(frozen=True)
class FarCell:
    """A value left out: where (row and column from 1, as Excel numbers them) and what."""

    row: int
    column: int
    value: object

    @property
    def name(self) -> str:
        return cell_name(self.row, self.column)


def _cut(positions: set[int], gap: int, limit: int) -> int:
    """The first position (from 0) that is far: past ``limit``, or after a gap over ``gap``."""
    previous: int | None = None
    for position in sorted(positions):
        if position >= limit or (previous is not None and position - previous - 1 > gap):
            return position
        previous = position
    return limit


def take_far_cells(cells: Cells, max_rows: int, max_columns: int) -> list[FarCell]:
    """Remove from ``cells`` (keyed by row and column from 0) the values far from the data,
    judged first by rows and then by columns among the rows kept, and return them in reading
    order."""
    row_cut = _cut({row for row, _ in cells}, ROW_GAP, max_rows)
    column_cut = _cut({c for r, c in cells if r < row_cut}, COLUMN_GAP, max_columns)
    far = sorted(key for key in cells if key[0] >= row_cut or key[1] >= column_cut)
    return [FarCell(row + 1, column + 1, cells.pop((row, column))) for row, column in far]


def far_problems(sheet: str, data: Extent, far: list[FarCell]) -> list[Problem]:
    """One problem for each value left out (the first ``NAMED``; then one for the rest)."""
    where = f"the sheet's data ({data.name})" if data.cells else "the sheet's data"
    problems = [
        Problem(
            sheet,
            cell.row,
            "",
            cell.value,
            f"the value at {cell.name} lies far outside {where}, so it was not imported",
            fix=_FIX,
        )
        for cell in far[:NAMED]
    ]
    rest = far[NAMED:]
    if rest:
        problems.append(
            Problem(
                sheet,
                rest[0].row,
                "",
                None,
                f"{len(rest):,} more values far outside {where} (from {rest[0].name} to "
                f"{rest[-1].name}) were not imported",
                fix="move them next to the data (or delete them) and import again",
            )
        )
    return problems
