"""Look at a file before any parser does: refuse what is not a spreadsheet, or too big to read.

A spreadsheet reader handed a zip bomb or a sheet of a million rows spends minutes and gigabytes
before failing. These checks read only the file's header and its zip directory (and the first
bytes of each xlsx sheet), so they take milliseconds and bound what the parser will face.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tracker.excel.cell_refs import Extent, cell_name
from tracker.excel.errors import WorkbookError
from tracker.excel.spans import value_extent
from tracker.excel.workbook_parts import worksheet_parts

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Text files read as one sheet of comma-, semicolon- or tab-separated values.
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})


class Format(StrEnum):
    XLSX = "xlsx"
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


@dataclass(frozen=True)
class Limits:
    """What an import accepts. Generous for real portfolios, far below what hurts a laptop."""

    max_file_bytes: int = 200 * 2**20
    max_uncompressed_bytes: int = 1536 * 2**20
    #: A zip member this much bigger than its compressed size is a bomb (xlsx XML packs ~10x).
    max_ratio: int = 250
    #: Ratios are judged only on members bigger than this: tiny members compress absurdly.
    ratio_floor_bytes: int = 2 * 2**20
    max_members: int = 5000
    max_rows: int = 400_000
    max_columns: int = 2000
    #: The readers hold a sheet as one rectangle from A1 to its last cell: a few cells far
    #: apart would make billions. A sheet whose rectangle is over ``sparse_cells`` (or over the
    #: row or column limit) while fewer than one cell in ``sparse_density`` holds a value is
    #: read cell by cell instead (``sparse``), its far-flung values left out and named.
    sparse_cells: int = 1_000_000
    sparse_density: int = 10
    #: No grid of more cells than this is made, by any reader.
    max_cells: int = 50_000_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Inspection:
    """What the guard found: the format, and the sheet parts too sparse to read as a grid."""

    format: Format
    sparse_parts: frozenset[str] = field(default_factory=frozenset)


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def inspect_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Format:
    """The file's spreadsheet format, or ``WorkbookError`` saying why it will not be read."""
    return inspect(path, limits).format


def inspect(path: Path, limits: Limits = DEFAULT_LIMITS) -> Inspection:
    """``inspect_file``, with the .xlsx sheet parts to read cell by cell."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise WorkbookError(f"{path.name} is a folder, not a spreadsheet")
        if not path.is_file():
            # A FIFO, socket or device: opening it could wait forever for a writer.
            raise WorkbookError(f"{path.name} is not a regular file (a pipe or a device)")
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise WorkbookError(f"{path.name} does not exist") from exc
    except PermissionError as exc:
        raise WorkbookError(f"{path.name} cannot be read: permission denied") from exc
    except OSError as exc:
        raise WorkbookError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    if size == 0:
        raise WorkbookError(f"{path.name} is empty (0 bytes)")
    if size > limits.max_file_bytes:
        raise WorkbookError(
            f"{path.name} is {_mb(size)}; the import reads files up to {_mb(limits.max_file_bytes)}"
        )
    if head.startswith(ZIP_MAGIC):
        return _inspect_zip(path, limits)
    if head == OLE_MAGIC:
        return Inspection(_inspect_ole(path))
    if path.suffix.lower() in TEXT_SUFFIXES and not head.startswith(b"%PDF") and b"\0" not in head:
        return Inspection(Format.CSV)
    raise WorkbookError(f"{path.name} is not a spreadsheet{_what_else(path, head)}")


def _what_else(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        return " (it is a text file: open it in a spreadsheet program and save it as .xlsx)"
    if head.startswith(b"%PDF"):
        return " (it is a PDF)"
    if suffix in {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}:
        return f" (it is named {suffix} but its content is not one; the file may be damaged)"
    return ""


def _inspect_zip(path: Path, limits: Limits) -> Inspection:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > limits.max_members:
                raise WorkbookError(f"{path.name} holds {len(members):,} parts; too many to read")
            _check_sizes(path, members, limits)
            names = {member.filename.replace("\\", "/") for member in members}
            if "mimetype" in names:
                return Inspection(_inspect_odf(path, archive, names))
            kind = _office_kind(archive, names)
            if kind is Format.XLSX:
                return Inspection(kind, _check_dimensions(path, archive, members, limits))
            if kind is not None:
                return Inspection(kind)
            if "word/document.xml" in names:
                raise WorkbookError(f"{path.name} is a Word document, not a spreadsheet")
            if "ppt/presentation.xml" in names:
                raise WorkbookError(f"{path.name} is a PowerPoint file, not a spreadsheet")
            raise WorkbookError(f"{path.name} is a zip archive, not a spreadsheet")
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"{path.name} is damaged: its zip structure is broken") from exc
    except zlib.error as exc:
        raise WorkbookError(f"{path.name} is damaged: a part of it cannot be unpacked") from exc
    except (zipfile.LargeZipFile, NotImplementedError) as exc:
        raise WorkbookError(f"{path.name} uses a zip feature that cannot be read") from exc


def _office_kind(archive: zipfile.ZipFile, names: set[str]) -> Format | None:
    """XLSX or XLSB by the parts' declared content types (part names vary between writers)."""
    if "xl/workbook.bin" in names:
        return Format.XLSB
    if "xl/workbook.xml" in names:
        return Format.XLSX
    declared = next(
        (m for m in archive.infolist() if m.filename.replace("\\", "/") == "[Content_Types].xml"),
        None,
    )
    if declared is None:
        return None
    with archive.open(declared) as stream:
        types = stream.read(1 << 20)
    if b"sheet.binary" in types:
        return Format.XLSB
    if b"spreadsheetml.sheet.main" in types or b"spreadsheetml.template.main" in types:
        return Format.XLSX
    if b"ms-excel.sheet.macroEnabled.main" in types:
        return Format.XLSX
    return None


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for member in members:
        total += member.file_size
        big = member.file_size > limits.ratio_floor_bytes
        if big and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise WorkbookError(
                f"{path.name} looks like a zip bomb: one part unpacks to {_mb(member.file_size)} "
                f"from {member.compress_size:,} bytes; refused"
            )
    if total > limits.max_uncompressed_bytes:
        raise WorkbookError(
            f"{path.name} unpacks to {_mb(total)}; the import reads workbooks up to "
            f"{_mb(limits.max_uncompressed_bytes)} unpacked"
        )


def _inspect_odf(path: Path, archive: zipfile.ZipFile, names: set[str]) -> Format:
    mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    if mimetype != "application/vnd.oasis.opendocument.spreadsheet":
        kind = mimetype.rsplit(".", 1)[-1] if "opendocument" in mimetype else "document"
        raise WorkbookError(f"{path.name} is an OpenDocument {kind}, not a spreadsheet")
    if "META-INF/manifest.xml" in names:
        manifest = archive.read("META-INF/manifest.xml")[:200_000]
        if b"encryption-data" in manifest:
            raise WorkbookError(
                f"{path.name} is password-protected; save a copy without a password and import that"
            )
    return Format.ODS


def _check_dimensions(
    path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: Limits
) -> frozenset[str]:
    """The sheet parts whose values lie too sparse for a grid; refuse a sheet too big to read.

    Every sheet part has its cell positions scanned (about 100 MB a second, a few per cent of
    reading it): a dimension can be stale or false, and a part of any size can hide one value
    at XFD1048576 that would make a grid reader allocate 512 GB.
    """
    sparse: set[str] = set()
    related = worksheet_parts(archive)
    for member in members:
        name = member.filename.replace("\\", "/")
        usual = re.search(r"(^|/)(worksheets/)?sheet\d*\.xml$|(^|/)worksheets/[^/]+\.xml$", name)
        if not usual and name not in related:
            continue
        if _check_cell_span(path, archive, member, limits):
            sparse.add(name)
    return frozenset(sparse)


def is_sparse(extent: Extent, values: int, limits: Limits) -> bool:
    """Whether a grid of ``extent`` would be mostly empty and too big to make for ``values``."""
    big = (
        extent.cells > limits.sparse_cells
        or extent.rows > limits.max_rows
        or extent.columns > limits.max_columns
    )
    return big and extent.cells > limits.sparse_density * values


def _check_cell_span(
    path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits
) -> bool:
    """Whether the sheet's values lie too sparse for a grid (it is then read cell by cell);
    refuse a dense sheet too big to read.

    A 2 KB file with one value at A1 and one at XFD1048576 makes a grid reader allocate the
    whole rectangle between them (512 GB, and the process aborts), so positions are checked
    before any reader runs.
    """
    with archive.open(member) as stream:
        found = value_extent(stream)
    extent, count = found.extent, found.values
    if found.unreferenced:
        return True  # cells placed by order: only the cell-by-cell reader sees where
    if not count:
        return False
    if is_sparse(extent, count, limits):
        return True
    last_row, last_column = extent.rows, extent.columns
    last = cell_name(last_row, last_column)
    if last_row > limits.max_rows:
        raise WorkbookError(
            f"{path.name} has a sheet of {last_row:,} rows (its last value is at {last}); "
            f"the import reads up to {limits.max_rows:,} rows a sheet"
        )
    if last_column > limits.max_columns:
        raise WorkbookError(
            f"{path.name} has a sheet of {last_column:,} columns (its last value is at {last}); "
            f"the import reads up to {limits.max_columns:,}"
        )
    span = last_row * last_column
    if span > limits.max_cells:
        raise WorkbookError(
            f"{path.name} has a sheet of {span:,} cells (its last value is at {last}); "
            f"the import reads up to {limits.max_cells:,} cells a sheet"
        )
    return False


def _inspect_ole(path: Path) -> Format:
    """An OLE2 file is an .xls workbook, or an encrypted (password-protected) xlsx."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if "EncryptedPackage".encode("utf-16-le") in head or path.suffix.lower() in {
        ".xlsx",
        ".xlsm",
    }:
        raise WorkbookError(
            f"{path.name} is password-protected; save a copy without a password and import that"
        )
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return Format.XLS
    if "WordDocument".encode("utf-16-le") in head:
        raise WorkbookError(f"{path.name} is a Word document, not a spreadsheet")
    return Format.XLS
