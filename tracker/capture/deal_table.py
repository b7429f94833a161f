"""A deal's payment schedule as a table: the totals of its "Total" row.

    Date                Cash ($)    Shares      Expenditures ($)
    On TSXV approval    25,000      250,000     -
    ...
    Total               150,000     1,000,000   1,000,000

Only a row the table calls its total is read: it is the release's own statement of the sums,
where adding up rows would guess at which rows count.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from tracker.capture.money import NUMBER, number
from tracker.capture.sentences import Sentence

_COLUMNS = {
    "cash": re.compile(r"^cash\b", re.I),
    "shares": re.compile(r"^(?:common\s|consideration\s)?shares\b|^share\sissuances?\b", re.I),
    # "Exploration (US$)" alone heads the expenditures as "Exploration expenditures" does.
    "work": re.compile(
        r"^(?:exploration\s)?(?:expenditures?|work(?:\scommitments?)?)\b|^exploration\b", re.I
    ),
}
_SIGN = re.compile(r"\((?P<sign>US\$|C\$|A\$|£|€|\$|USD|CAD|AUD|GBP|EUR)\)")
_CODES = {"US$": "USD", "C$": "CAD", "A$": "AUD", "£": "GBP", "€": "EUR"}


@dataclass(frozen=True)
class TableTotal:
    """One column's total: ``kind`` is "cash", "shares" or "work"; ``start:end`` is the cell's
    place in ``sentence.text``; ``currency`` is ``None`` for shares or where none is stated."""

    kind: str
    amount: Decimal
    currency: str | None
    sentence: Sentence
    start: int
    end: int


def table_totals(sentences: list[Sentence], default: str | None) -> list[TableTotal]:
    """The totals of every payment schedule table in the release."""
    found: list[TableTotal] = []
    heading: list[tuple[int, str, str | None]] | None = None
    width = 0
    for sentence in sentences:
        cells = _cells(sentence.text)
        columns = _heading(cells, default)
        if columns:
            heading, width = columns, len(cells)
            continue
        if heading is None:
            continue
        if not sentence.is_table_row:
            # A row is cells apart by tabs or by runs of spaces; anything else ends the table.
            heading = None
            continue
        if len(cells) == width and re.match(r"total\b", cells[0], re.I):
            found.extend(_row_totals(sentence, cells, heading))
            heading = None
    return found


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\t|\s{2,}", text.strip()) if cell.strip()]


def _heading(cells: list[str], default: str | None) -> list[tuple[int, str, str | None]] | None:
    """Each payment column's index, kind and currency, if the row heads a schedule."""
    if len(cells) < 3:
        return None
    columns = []
    for index, cell in enumerate(cells[1:], start=1):
        for kind, pattern in _COLUMNS.items():
            if pattern.search(cell):
                sign = _SIGN.search(cell)
                code = sign.group("sign") if sign else None
                currency = _CODES.get(code, code) if code and code != "$" else None
                if code in ("$", None):
                    # "Cash ($)", or bare "Cash" under "all amounts in US$": the release's currency.
                    currency = default
                columns.append((index, kind, None if kind == "shares" else currency))
                break
    return columns if columns else None


def _row_totals(
    sentence: Sentence, cells: list[str], heading: list[tuple[int, str, str | None]]
) -> list[TableTotal]:
    totals = []
    at = 0
    positions = []
    for cell in cells:
        start = sentence.text.find(cell, at)
        positions.append((start, start + len(cell)))
        at = start + len(cell)
    for index, kind, currency in heading:
        cell = cells[index]
        if not re.fullmatch(NUMBER, cell):
            continue
        start, end = positions[index]
        totals.append(TableTotal(kind, number(cell), currency, sentence, start, end))
    return totals
