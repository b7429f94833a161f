"""Where a sheet's values lie, found by scanning its XML for cell references (no parsing).

A grid reader allocates from A1 to the last value, so the last row and column, and how many
values there are, say before any reader runs whether a sheet fits in a grid. The scan reads
the part in chunks, so a big part costs time (about 100 MB a second), never its size in memory.
"""

import re
from dataclasses import dataclass
from typing import IO

from tracker.excel.cell_refs import Extent, column_number

#: A cell that holds something: ``<c r="B7" ...>`` (the reference among its attributes, first
#: or not) not closed at once (``<c r="B7" s="1"/>`` is only a style, and the readers leave it
#: out).
_VALUE_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"[^>]*?(?<!/)>")
#: A cell tag without a reference (``<c>``, ``<c s="1">``): its place follows the cell before
#: it, which a scan for references cannot see.
_UNREFERENCED = re.compile(rb"<(?:\w+:)?c(?=[\s>/])(?![^>]*\sr=)")
CHUNK_BYTES = 4 * 2**20


@dataclass(frozen=True)
class Positions:
    """What a scan found: the extent of the values with a reference, their count, and how
    many cells have no reference (their places are known only to a reader)."""

    extent: Extent
    values: int
    unreferenced: int = 0


def value_extent(stream: IO[bytes]) -> Positions:
    """The rectangle from A1 to the last row and column holding values, and their count."""
    last_row = last_column = count = unreferenced = 0
    tail = b""
    while True:
        chunk = stream.read(CHUNK_BYTES)
        data = tail + chunk
        # A tag cut at the chunk's end waits for the next chunk (no tag holds a "<").
        cut = data.rfind(b"<") if chunk else len(data)
        if cut < 0:
            cut = len(data)  # text alone: nothing to wait for
        body, tail = data[:cut], data[cut:]
        found = _VALUE_CELL.findall(body)
        if found:
            count += len(found)
            letters, numbers = zip(*found, strict=True)
            last_row = max(last_row, *map(int, numbers))
            last_column = max(last_column, *map(column_number, set(letters)))
        unreferenced += len(_UNREFERENCED.findall(body))
        if not chunk:
            return Positions(Extent(last_row, last_column), count, unreferenced)
