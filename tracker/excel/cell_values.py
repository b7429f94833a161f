"""What each cell of a sheet's XML holds, as the normal reader (python-calamine) gives it.

Numbers are floats, dates follow the cell's number format (``excel_dates``), booleans are
bools, shared and inline strings are text, and an error value (``#DIV/0!``) is an empty
string; a cell with no value at all is None, so it makes no cell of the grid.
"""

import re
from collections.abc import Sequence

from tracker.excel.excel_dates import iso_value, serial_value
from tracker.excel.number_formats import CellFormats
from tracker.excel.sheet_xml import RawCell, unescape

#: A number as the file format writes one (no spaces, no digit separators).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.I)
_BOOLEANS = {"0": False, "false": False, "1": True, "true": True}


class CellError(ValueError):
    """A cell's content contradicts its type: the file is damaged."""


class CellDecoder:
    """Turns raw cells into values, with the workbook's shared strings and styles."""

    def __init__(self, strings: Sequence[str], formats: CellFormats, system_1904: bool) -> None:
        self._strings = strings
        self._formats = formats
        self._1904 = system_1904

    def value(self, cell: RawCell) -> object:
        """The cell's value; None when it holds none."""
        kind, text = cell.kind, cell.value
        if kind == "inlineStr":
            return cell.inline
        if text is None:
            return None
        if kind == "s":
            return self._shared(text, cell)
        if kind == "str":
            return unescape(text)
        if kind == "b":
            if text.strip().lower() not in _BOOLEANS:
                raise CellError(f"a true/false cell holds '{text[:20]}'")
            return _BOOLEANS[text.strip().lower()]
        if kind == "e":
            return ""
        if kind == "d":
            return iso_value(text)
        return self._number(text, cell)

    def _shared(self, text: str, cell: RawCell) -> str | None:
        if not text.strip():
            return None  # <v/>: no string at all
        index = int(text) if text.strip().isdigit() else -1
        if not 0 <= index < len(self._strings):
            raise CellError(f"a cell refers to shared string {text[:20]!r}, which is not there")
        return self._strings[index]

    def _number(self, text: str, cell: RawCell) -> object:
        if not text:
            return None
        if _NUMBER.fullmatch(text) is None:
            if cell.kind == "n":
                raise CellError(f"a number cell holds '{text[:20]}'")
            return unescape(text)
        return serial_value(float(text), self._formats.kind(cell.style), self._1904)
