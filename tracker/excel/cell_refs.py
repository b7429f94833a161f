"""Cell references as Excel writes them (``B7``, ``A1:XFD3``), counted from 1.

The guard, the % format scan and the cell-by-cell reader all turn references into numbers and
back; one module keeps them agreeing on what ``XFD`` is.
"""

import re
from dataclasses import dataclass

#: Excel's last column (XFD) and row: no cell lies beyond them.
LAST_COLUMN = 16_384
LAST_ROW = 1_048_576
#: A cell reference as a file writes it: column letters, then the row (``B7``, ``$B$7``).
REFERENCE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def column_number(letters: str | bytes) -> int:
    """``A`` is 1, ``Z`` 26, ``AA`` 27, ``XFD`` 16,384."""
    if isinstance(letters, str):
        letters = letters.upper().encode("ascii")
    number = 0
    for letter in letters:
        number = number * 26 + (letter & 0xDF) - 64
    return number


def column_name(number: int) -> str:
    """The letters of column ``number`` (from 1)."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    """``B7`` for row 7, column 2 (both from 1)."""
    return f"{column_name(column)}{row}"


@dataclass(frozen=True)
class Extent:
    """The rectangle from A1 to a sheet's last row and column: what a reader that holds a
    sheet as one grid allocates, however few cells it has."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def name(self) -> str:
        """``A1:C9``; ``A1`` alone for one cell."""
        corner = cell_name(self.rows, self.columns)
        return "A1" if corner == "A1" else f"A1:{corner}"
