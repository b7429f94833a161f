"""Text longer than one Excel cell holds: split on export, joined again on import.

Excel keeps at most 32,767 UTF-16 code units in a cell (an emoji takes two), and programs cut
longer text when they open the file. A note is never shortened: its cell holds the first part,
and the rest stands on the ``Long text`` sheet, one row per part, naming the sheet, row and
column it continues. Importing our workbook puts the parts back together.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Excel's limit on one cell's text, in UTF-16 code units.
MAX_CELL_UNITS = 32_767
#: Any text of at most this many characters fits in a cell, whatever the characters.
ALWAYS_FITS = MAX_CELL_UNITS // 2
LONG_TEXT_SHEET = "Long text"
HEADERS = ("Sheet", "Row", "Column", "Part", "Text")


@dataclass(frozen=True)
class Continuation:
    """The parts after the first of one cell's text; ``row`` and ``column`` count from 0."""

    sheet: str
    row: int
    column: int
    parts: tuple[str, ...]


def fits(text: str) -> bool:
    return len(text) <= ALWAYS_FITS or _units(text) <= MAX_CELL_UNITS


def _units(text: str) -> int:
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def split_text(text: str) -> list[str]:
    """Parts of at most ``MAX_CELL_UNITS`` code units each, never splitting a character."""
    parts: list[str] = []
    start = units = 0
    for index, character in enumerate(text):
        width = 2 if ord(character) > 0xFFFF else 1
        if units + width > MAX_CELL_UNITS:
            parts.append(text[start:index])
            start, units = index, 0
        units += width
    parts.append(text[start:])
    return parts


def continuation_rows(continued: Iterable[Continuation]) -> list[list[object]]:
    """The ``Long text`` sheet's rows (below its header), rows and columns as a person counts."""
    return [
        [item.sheet, item.row + 1, item.column + 1, number, part]
        for item in continued
        for number, part in enumerate(item.parts, start=2)
    ]


def read_continuations(grid: Sequence[Sequence[object]]) -> dict[tuple[str, int, int], str]:
    """(sheet, row, column) counted from 0 -> the text that follows that cell's own."""
    found: dict[tuple[str, int, int], list[tuple[int, str]]] = {}
    for row in grid[1:]:
        if len(row) < len(HEADERS) or not all(isinstance(v, (int, float)) for v in row[1:4]):
            continue
        sheet, line, column, number, text = row[: len(HEADERS)]
        key = (str(sheet), int(line) - 1, int(column) - 1)  # type: ignore[call-overload]
        found.setdefault(key, []).append((int(number), "" if text is None else str(text)))  # type: ignore[call-overload]
    return {key: "".join(text for _n, text in sorted(parts)) for key, parts in found.items()}


def join_continuations(
    name: str, grid: list[list[object]], continued: dict[tuple[str, int, int], str]
) -> list[list[object]]:
    """``grid`` of sheet ``name`` with each continued cell's text made whole again."""
    for (sheet, row, column), rest in continued.items():
        if sheet != name or row >= len(grid) or column >= len(grid[row]):
            continue
        first = grid[row][column]
        grid[row][column] = ("" if first is None else str(first)) + rest
    return grid
