"""A sheet's cells as a stream, read from its XML one cell at a time.

``ElementTree.iterparse`` reads the zip part in small chunks and each cell's element is dropped
once read, so memory follows the cells that hold values, never the rectangle they span. Text
is read as python-calamine reads it: ``<t>`` text trimmed unless ``xml:space="preserve"``,
phonetic runs (``rPh``) left out, and Excel's ``_x000D_`` escapes turned back into characters.
"""

import re
from collections.abc import Iterator
from typing import IO, NamedTuple
from xml.etree import ElementTree

from tracker.excel.cell_refs import LAST_COLUMN, LAST_ROW, REFERENCE, column_number

_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: The whitespace an XML reader trims from unpreserved text.
_XML_SPACE = " \t\r\n"


class RawCell(NamedTuple):
    """One ``<c>`` element as written: where (from 0), its type, style and text."""

    row: int
    column: int
    #: The ``t`` attribute: ``n`` (number), ``s``, ``str``, ``inlineStr``, ``b``, ``e``, ``d``, or
    #: "" when absent (a number, or text when it reads as none).
    kind: str
    style: int
    #: The ``<v>`` text ("" when empty), None when the cell has no ``<v>``.
    value: str | None
    #: The text of an ``<is>`` (inline string), None when it has none.
    inline: str | None


def _local(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def unescape(text: str) -> str:
    """``a_x000D_b`` is ``a\\rb`` (``_x005F_`` escapes an underscore)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)


def _t_text(element: ElementTree.Element) -> str:
    text = element.text or ""
    return text if element.get(_SPACE) == "preserve" else text.strip(_XML_SPACE)


def string_text(element: ElementTree.Element) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>``, or its rich-text runs joined."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(_t_text(child))
        elif name == "r":
            parts.extend(_t_text(t) for t in child if _local(t.tag) == "t")
    return unescape("".join(parts))


def _style(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def iter_cells(stream: IO[bytes]) -> Iterator[RawCell]:
    """Every ``<c>`` of a worksheet part, row by row. A row or cell without its reference
    follows the one before it, as Excel reads it.

    Only end events are read (half the work of start and end), so a row is read whole when it
    ends, then cleared: what stays in the tree is one empty element a row. A sheet of more
    rows, or a row of more cells, than Excel allows is damaged (``ValueError``), which bounds
    what a hostile file can make it hold.
    """
    row, rows, pending = -1, 0, 0
    names: dict[str, str] = {}
    columns: dict[str, int] = {}
    for _event, element in ElementTree.iterparse(stream):
        tag = element.tag
        name = names.get(tag) or names.setdefault(tag, _local(tag))
        if name == "c":
            pending += 1
            if pending > LAST_COLUMN:
                raise ValueError(f"a row holds more than {LAST_COLUMN:,} cells")
        elif name == "row":
            rows += 1
            if rows > LAST_ROW:
                raise ValueError(f"the sheet holds more than {LAST_ROW:,} rows")
            number = element.get("r", "")
            row = int(number) - 1 if number.isdigit() else row + 1
            yield from _row_cells(element, row, names, columns)
            element.clear()
            pending = 0


def _row_cells(
    element: ElementTree.Element, row: int, names: dict[str, str], columns: dict[str, int]
) -> Iterator[RawCell]:
    column = -1
    for cell in element:
        if (names.get(cell.tag) or names.setdefault(cell.tag, _local(cell.tag))) != "c":
            continue
        where = REFERENCE.fullmatch(cell.get("r", ""))
        letters = where[1] if where is not None else ""
        number = columns.get(letters) or columns.setdefault(letters, column_number(letters))
        at = row
        if where is not None and number <= LAST_COLUMN and 0 < int(where[2]) <= LAST_ROW:
            at, column = int(where[2]) - 1, number - 1
        else:
            column += 1
        value = inline = None
        for child in cell:
            part = names.get(child.tag) or names.setdefault(child.tag, _local(child.tag))
            if part == "v":
                value = child.text or ""
            elif part == "is":
                inline = string_text(child)
        style = cell.get("s")
        yield RawCell(at, column, cell.get("t", ""), _style(style) if style else 0, value, inline)


def read_shared_strings(stream: IO[bytes]) -> list[str]:
    """The workbook's shared strings, in order (a cell of type ``s`` holds an index)."""
    found: list[str] = []
    table: ElementTree.Element | None = None
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "sst":
                table = element
        elif name == "si":
            found.append(string_text(element))
            _drop(table, element)
    return found


def _drop(parent: ElementTree.Element | None, element: ElementTree.Element) -> None:
    """Let go of a read element, so the tree never holds more than the one being read."""
    element.clear()
    if parent is not None and len(parent) and parent[0] is element:
        del parent[0]
