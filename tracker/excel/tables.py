"""The header rows of an xlsx workbook's Excel tables, read from the small table parts alone.

Every data sheet of the portfolio workbook is one Excel table, whose column names are its
header cells. Reading them takes milliseconds, where a sheet's cells take seconds, so an import
can map every sheet at once and read the cells in the background (``loading``).
"""

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


@dataclass(frozen=True)
class TableHeader:
    """A sheet's table: its header row (0-based, as in a grid), its column names placed at their
    columns, and how many grid rows the sheet has up to the table's end."""

    row: int
    headers: list[object]
    rows: int


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _xml(book: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(book.read(name))
    except (KeyError, ElementTree.ParseError):
        return None


def _targets(book: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target part (a full path in the package) of ``part``."""
    folder, name = posixpath.split(part)
    rels = _xml(book, posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return {}
    found = {}
    for rel in rels.iter(_RELS + "Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id", "")] = posixpath.normpath(path)
    return found


def _table(book: zipfile.ZipFile, part: str) -> TableHeader | None:
    root = _xml(book, part)
    if root is None or root.get("headerRowCount", "1") != "1":
        return None
    first, _sep, last = root.get("ref", "").partition(":")
    start, end = _CELL.match(first), _CELL.match(last)
    if start is None or end is None:
        return None
    names = [c.get("name") for c in root.iter(_MAIN + "tableColumn")]
    if not names or any(name is None for name in names):
        return None
    headers: list[object] = [None] * _column(start[1]) + list(names)
    return TableHeader(int(start[2]) - 1, headers, int(end[2]))


def table_headers(path: Path) -> dict[str, TableHeader]:
    """Each sheet that holds exactly one table: that table's header. Empty when the file is
    not an xlsx package or has no tables."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = _xml(book, "xl/workbook.xml")
            if workbook is None:
                return {}
            sheets = _targets(book, "xl/workbook.xml")
            found: dict[str, TableHeader] = {}
            for sheet in workbook.iter(_MAIN + "sheet"):
                part = sheets.get(sheet.get(_REL_ID, ""))
                if part is None:
                    continue
                tables = [t for t in _targets(book, part).values() if "/tables/" in t]
                header = _table(book, tables[0]) if len(tables) == 1 else None
                if header is not None:
                    found[sheet.get("name", "")] = header
            return found
    except (OSError, zipfile.BadZipFile):
        return {}
