"""Where an .xlsx keeps what: each sheet's part, the shared strings, the styles, its date system.

A workbook names its parts through ``xl/workbook.xml`` and its relationships; writers other than
Excel choose other part names, so they are looked up rather than assumed. Elements are matched
by their local name: Strict Open XML writes the same ones in other namespaces.
"""

import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def named(root: ElementTree.Element, local: str) -> Iterator[ElementTree.Element]:
    """The elements under ``root`` (itself included) whose local name is ``local``."""
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag[tag.rfind("}") + 1 :] == local:
            yield element


def attribute(element: ElementTree.Element, local: str) -> str | None:
    """The attribute whose local name is ``local`` (``r:id`` is ``id``), whatever its namespace."""
    for key, value in element.attrib.items():
        if key[key.rfind("}") + 1 :] == local:
            return value
    return None


def _target_path(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def member(archive: zipfile.ZipFile, path: str) -> str | None:
    """The zip member named ``path``, ignoring case as Open XML part names do
    (``xl/SharedStrings.xml`` is ``xl/sharedStrings.xml``); None when there is none."""
    if path in archive.NameToInfo:
        return path
    wanted = path.lower()
    return next((name for name in archive.NameToInfo if name.lower() == wanted), None)


def _relationships(archive: zipfile.ZipFile) -> list[ElementTree.Element]:
    rels = ElementTree.fromstring(archive.read(_WORKBOOK_RELS))
    return list(named(rels, "Relationship"))


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding sheet ``sheet``'s cells; ``KeyError`` when there is none."""
    book = ElementTree.fromstring(archive.read(_WORKBOOK))
    rid = next((attribute(s, "id") for s in named(book, "sheet") if s.get("name") == sheet), None)
    target = next((r.get("Target", "") for r in _relationships(archive) if r.get("Id") == rid), "")
    found = member(archive, _target_path(target)) if target else None
    if found is None:
        raise KeyError(sheet)
    return found


def _part_of_type(archive: zipfile.ZipFile, kind: str, usual: str) -> str | None:
    """The part the workbook relates as ``kind`` (``styles``), else ``usual`` if present."""
    try:
        for relation in _relationships(archive):
            if relation.get("Type", "").endswith(f"/{kind}") and relation.get("Target"):
                found = member(archive, _target_path(relation.get("Target", "")))
                if found is not None:
                    return found
    except KeyError:
        pass
    return member(archive, usual)


def styles_part(archive: zipfile.ZipFile) -> str | None:
    return _part_of_type(archive, "styles", "xl/styles.xml")


def shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    return _part_of_type(archive, "sharedStrings", "xl/sharedStrings.xml")


def uses_1904_dates(archive: zipfile.ZipFile) -> bool:
    """Whether serial dates count from 1904 (old Mac workbooks) rather than from 1900."""
    book = ElementTree.fromstring(archive.read(_WORKBOOK))
    properties = next(named(book, "workbookPr"), None)
    flag = "" if properties is None else properties.get("date1904", "")
    return flag.strip().lower() in {"1", "true"}


def worksheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """Every part the workbook relates as a worksheet (empty when it says none)."""
    try:
        targets = [
            _target_path(relation.get("Target", ""))
            for relation in _relationships(archive)
            if relation.get("Type", "").endswith("/worksheet") and relation.get("Target")
        ]
        return {found for target in targets if (found := member(archive, target)) is not None}
    except (KeyError, ElementTree.ParseError):
        return set()
