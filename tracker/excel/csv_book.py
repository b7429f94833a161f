"""A CSV or TSV file read as a one-sheet spreadsheet, the way the person who saved it meant it.

Spreadsheet programs write CSV in the conventions of their locale, so the file says nothing of
its own format: the encoding (UTF-8 with or without a byte-order mark, else Windows-1252), the
delimiter (comma, semicolon, tab or bar) and the decimal mark (``1,234.5`` or ``1.234,5``) are
read from the text. Numbers written with a decimal comma are handed on with a point, so that the
rest of the import reads every file alike.
"""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker.excel.errors import WorkbookError
from tracker.excel.guard import Format, Limits

Grid = list[list[object]]
DELIMITERS = (",", ";", "\t", "|")
#: How much of the file is looked at to tell its format.
SAMPLE_CHARACTERS = 64 * 1024
_AROUND = r"[^\d,.\-(]{0,4}"  # a currency sign or code before, a unit or % after
#: 1.234,5 / 1 234,5 / 412,5 / -0,25 / 1.234 (a decimal comma; thousands by point or space).
_COMMA_NUMBER = re.compile(
    rf"^{_AROUND}[-(]?(?:\d{{1,3}}(?:[. \u00a0\u202f]\d{{3}})+(?:,\d+)?|\d+,\d+)\)?\s*%?\D{{0,4}}$"
)
#: 1,234.5 / 412.5 (a decimal point).
_POINT_NUMBER = re.compile(
    rf"^{_AROUND}[-(]?(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+\.\d+)\)?\s*%?\D{{0,4}}$"
)
_THOUSANDS = re.compile(r"(?<=\d)[. \u00a0\u202f](?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class CsvFormat:
    """What a CSV file turned out to be written in."""

    encoding: str
    delimiter: str
    decimal_comma: bool


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines into the same number of fields most often."""
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        counts = Counter(
            len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        )
        if not counts:
            continue
        width, rows = counts.most_common(1)[0]
        if width < 2:
            continue
        score = rows + width / 100  # consistent rows first, then more columns
        if score > best_score:
            best, best_score = delimiter, score
    return best


def has_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """Whether the numbers are written 1.234,5: some field can only be read so, and none can
    only be read as 1,234.5."""
    if delimiter == ",":
        return False  # a comma-separated file would have quoted every such number
    commas = points = 0
    for row in rows:
        for cell in row:
            comma, point = _COMMA_NUMBER.match(cell.strip()), _POINT_NUMBER.match(cell.strip())
            if comma and not point:
                commas += 1
            elif point and not comma:
                points += 1  # "1.234" reads both ways and decides nothing
    return commas > 0 and points == 0


#: 05.03.2024: where numbers take a decimal comma, dates written with points are day first.
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def european_cell(cell: str) -> str:
    """A cell of a decimal-comma file as the rest of the import reads it: numbers with a
    point, dotted day-first dates as ISO dates."""
    date = _DOTTED_DATE.match(cell.strip())
    if date:
        day, month, year = (int(part) for part in date.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return with_point(cell)


def with_point(cell: str) -> str:
    """``1.234,5`` as ``1234.5``; a cell that is not a decimal-comma number is left as it is."""
    stripped = cell.strip()
    if not _COMMA_NUMBER.match(stripped):
        return cell
    return _THOUSANDS.sub("", stripped).replace(",", ".")


class CsvBook:
    """One sheet, named after the file, of text cells (empty cells are None)."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.name = path.name
        self.format = Format.CSV
        #: A CSV file keeps no number formats.
        self.percent_formats = False
        self._limits = limits
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise WorkbookError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
        self._text, encoding = decode(data)
        delimiter = sniff_delimiter(self._text[:SAMPLE_CHARACTERS])
        self._rows = self._parse(delimiter)
        self.csv_format = CsvFormat(encoding, delimiter, has_decimal_comma(self._rows, delimiter))
        self.sheet_names = [path.stem or path.name]

    def _parse(self, delimiter: str) -> list[list[str]]:
        try:
            rows = list(csv.reader(io.StringIO(self._text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise WorkbookError(f"{self.name} is not a readable CSV file ({exc})") from exc
        if len(rows) > self._limits.max_rows:
            raise WorkbookError(
                f"{self.name} has {len(rows):,} rows; the import reads up to "
                f"{self._limits.max_rows:,} rows a sheet"
            )
        widest = max((len(row) for row in rows), default=0)
        if widest > self._limits.max_columns:
            raise WorkbookError(
                f"{self.name} has {widest:,} columns; the import reads up to "
                f"{self._limits.max_columns:,}"
            )
        return rows

    def read(self, sheet: str) -> Grid:
        # A blank cell is empty or whitespace only (what strip() empties), found without
        # making a stripped copy of every cell.
        if self.csv_format.decimal_comma:
            return [
                [None if not cell or cell.isspace() else european_cell(cell) for cell in row]
                for row in self._rows
            ]
        rows = self._rows
        return [[None if not cell or cell.isspace() else cell for cell in row] for row in rows]

    def close(self) -> None:
        self._rows = []
