"""Where an .xlsx keeps what: each sheet's part, the shared strings, the styles, its date system.

A workbook names its parts through ``xl/workbook.xml`` and its relationships; writers other than
Excel choose other part names, so they are looked up rather than assumed.
"""

import zipfile
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def _target_path(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _relationships(archive: zipfile.ZipFile) -> list[ElementTree.Element]:
    rels = ElementTree.fromstring(archive.read(_WORKBOOK_RELS))
    return list(rels.iter(f"{_PACKAGE_REL}Relationship"))


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding sheet ``sheet``'s cells; ``KeyError`` when there is none."""
    book = ElementTree.fromstring(archive.read(_WORKBOOK))
    rid = next(
        (s.get(f"{_REL}id") for s in book.iter(f"{MAIN}sheet") if s.get("name") == sheet), None
    )
    target = next((r.get("Target", "") for r in _relationships(archive) if r.get("Id") == rid), "")
    if not target:
        raise KeyError(sheet)
    return _target_path(target)


def _part_of_type(archive: zipfile.ZipFile, kind: str, usual: str) -> str | None:
    """The part the workbook relates as ``kind`` (``styles``), else ``usual`` if present."""
    try:
        for relation in _relationships(archive):
            if relation.get("Type", "").endswith(f"/{kind}") and relation.get("Target"):
                return _target_path(relation.get("Target", ""))
    except KeyError:
        pass
    return usual if usual in archive.NameToInfo else None


def styles_part(archive: zipfile.ZipFile) -> str | None:
    return _part_of_type(archive, "styles", "xl/styles.xml")


def shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    return _part_of_type(archive, "sharedStrings", "xl/sharedStrings.xml")


def uses_1904_dates(archive: zipfile.ZipFile) -> bool:
    """Whether serial dates count from 1904 (old Mac workbooks) rather than from 1900."""
    book = ElementTree.fromstring(archive.read(_WORKBOOK))
    properties = book.find(f"{MAIN}workbookPr")
    flag = "" if properties is None else properties.get("date1904", "")
    return flag.strip().lower() in {"1", "true"}
