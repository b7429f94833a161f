"""What a cell's number format makes of its number: a date, a duration, a percentage, or a number.

An .xlsx stores dates as day counts and percentages as fractions; only the cell's style says
which. The cell-by-cell reader reads the styles here so that its values are those of the
normal readers: a date format gives a date, ``[h]:mm`` a duration, and a ``%`` format a
``PercentCell`` (via ``formats``).
"""

import re
import zipfile
from dataclasses import dataclass
from enum import Enum
from xml.etree import ElementTree

from tracker.excel.workbook_parts import named, styles_part

#: Excel's built-in number formats that are percentages (0% and 0.00%).
BUILTIN_PERCENT = frozenset({9, 10})
#: Built-in formats that show dates or times (m/d/yy, d-mmm-yy, h:mm AM/PM, mm:ss ...).
_BUILTIN_DATES = frozenset({*range(14, 23), 45, 47})
#: The built-in elapsed-time format [h]:mm:ss.
_BUILTIN_DURATION = 46
#: Inside brackets, an elapsed count of hours, minutes or seconds: [h], [mm], [ss].
_ELAPSED = re.compile(r"[hH]+|[mM]+|[sS]+")


class NumberKind(Enum):
    NUMBER = "number"
    DATE = "date"
    DURATION = "duration"


def is_percent_code(code: str) -> bool:
    """A format code shows a percentage when it has a % outside quotes and escapes."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return "%" in bare


def code_kind(code: str) -> NumberKind:
    """Whether a format code shows dates, durations or plain numbers, judged on its first
    section (the one for positive numbers) as Excel and the readers do: quoted text, escaped
    characters and bracketed colours or locales do not count; the first date or time letter
    (or AM/PM) outside them makes a date, an elapsed ``[h]`` before any a duration."""
    at, after_a = 0, False
    while at < len(code):
        char = code[at]
        if char in "\\_*":
            at += 2  # an escaped character, a space the width of one, or a fill character
            continue
        if char == '"':
            end = code.find('"', at + 1)
            at = len(code) if end < 0 else end + 1
            continue
        if char == "[":
            end = code.find("]", at + 1)
            inside = code[at + 1 : end] if end >= 0 else ""
            if end >= 0 and _ELAPSED.fullmatch(inside):
                return NumberKind.DURATION
            at = len(code) if end < 0 else end + 1
            continue
        if char == ";":
            break
        lower = char.lower()
        if lower in "dmhys" or (after_a and lower in "p/"):
            return NumberKind.DATE
        after_a = after_a or lower == "a"
        at += 1
    return NumberKind.NUMBER


def _id_kind(number: int, codes: dict[int, str]) -> NumberKind:
    if number in codes:
        return code_kind(codes[number])
    if number in _BUILTIN_DATES:
        return NumberKind.DATE
    return NumberKind.DURATION if number == _BUILTIN_DURATION else NumberKind.NUMBER


def _number(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return -1


@dataclass(frozen=True)
class CellFormats:
    """Each cell style's kind of number (by the style's index, a cell's ``s``) and the styles
    with a % format."""

    kinds: tuple[NumberKind, ...] = ()
    percent: frozenset[int] = frozenset()

    def kind(self, style: int) -> NumberKind:
        return self.kinds[style] if 0 <= style < len(self.kinds) else NumberKind.NUMBER


def read_cell_formats(archive: zipfile.ZipFile) -> CellFormats:
    """The workbook's cell styles; none when it has no styles part."""
    part = styles_part(archive)
    if part is None or part not in archive.NameToInfo:
        return CellFormats()
    root = ElementTree.fromstring(archive.read(part))
    codes = {
        _number(fmt.get("numFmtId")): fmt.get("formatCode", "") for fmt in named(root, "numFmt")
    }
    percent_ids = {i for i, code in codes.items() if is_percent_code(code)} | BUILTIN_PERCENT
    xfs = next(named(root, "cellXfs"), None)
    ids = [] if xfs is None else [_number(xf.get("numFmtId")) for xf in named(xfs, "xf")]
    return CellFormats(
        tuple(_id_kind(number, codes) for number in ids),
        frozenset(index for index, number in enumerate(ids) if number in percent_ids),
    )
