"""Tables whose cells a web page's copy puts one to a line ("Life of Mine |", "19 |", "Years |").

Joined back into rows ("Life of Mine | 19 | Years |") they read as the pipe tables they were.
Each line break inside a row becomes a space, so every place in the text stays where it was.
"""

import itertools
import re
from collections import Counter

#: A line that is one cell: its text, then the bar that closed the cell, and nothing after it.
_CELL_LINE = re.compile(r"[ \t]*[^|\s][^|\n]*\|[ \t]*")
#: A value cell: a number first ("1,562", "966 (US$773)", "4,000 / 1.46"), no words after it.
_VALUE = re.compile(r"[-(]?\d[\d,.]*\s?%?\)?(?:\s?(?:/|-)\s?\d[\d,.]*)?(?:\s?\([^)]*\))?")
#: Fewer cell lines than this are not a table.
_FEWEST_LINES = 6


def rejoin_cells(text: str) -> str:
    """``text`` with every run of one-cell lines joined into its table's rows."""
    lines = text.split("\n")
    starts = [0]
    for text_line in lines[:-1]:
        starts.append(starts[-1] + len(text_line) + 1)
    chars = list(text)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and "|" in lines[end] and _CELL_LINE.fullmatch(lines[end]):
            end += 1
        if end - index >= _FEWEST_LINES:
            rows = _row_starts(lines[index:end])
            for line in range(index + 1, end):
                if line - index not in rows:
                    # The break before a cell that is not its row's first is a space.
                    chars[starts[line] - 1] = " "
        index = max(end, index + 1)
    return "".join(chars)


def _row_starts(cells: list[str]) -> set[int]:
    """Where each row starts: rows are as wide as the steps between value cells, each value
    the second cell of its row (a label before it)."""
    values = [i for i, cell in enumerate(cells) if _VALUE.fullmatch(cell.rstrip(" \t|").strip())]
    steps = Counter(b - a for a, b in itertools.pairwise(values) if b - a >= 2)
    if not steps:
        return set(range(len(cells)))
    width, count = steps.most_common(1)[0]
    if count < 0.6 * (len(values) - 1):
        # No regular rows: the lines stay as they are.
        return set(range(len(cells)))
    offset = (values[0] - 1) % width
    return {0, *range(offset, len(cells), width)}
