"""Drill results as a table flattened into rows under a heading row naming Hole, From, To and
a grade column ("Hole  From (m)  To (m)  Interval (m)  Au (g/t)").

Each row is read by the heading's columns; a row that does not line up with them is left out
with an ambiguity. A pipe table's empty cell is a cell. Columns in feet are not read; a table
whose depths are only in feet is left out.
"""

import re
from dataclasses import dataclass

from tracker.capture.drill_words import (
    DIGIT_HOLE_ID,
    ELEMENT,
    ELEMENT_WORDS,
    GRADE_UNIT,
    HOLE_ID,
    SUBSCRIPTS,
    unit_name,
)
from tracker.capture.model import Ambiguity, Figure
from tracker.capture.money import NUMBER, normal, number
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import figure_at

_KEYS = ("from_m", "to_m", "interval_m", "grade")
#: "(m)", "(%)", "(g/t)": a row of units alone, under a heading whose cells have none.
_UNIT_CELL = re.compile(r"\((?:m|ft|%|g/t|ppm|ppb|oz/t|lb/t)\)", re.I)


@dataclass
class Table:
    """Columns of a drill table heading: their index by key, the grade's unit, and how many."""

    columns: dict[str, int]
    grade_unit: str | None
    width: int
    #: The element of a grade column headed by it alone ("Au"), whose cells give the unit
    #: ("3.12 g/t").
    element: str | None = None
    #: The columns of the collar and survey (east, north, RL, dip, azimuth, hole depth), which
    #: an including row leaves blank.
    collar: frozenset[int] = frozenset()


def cells(text: str) -> list[str]:
    """A row's cells: split at tabs, runs of spaces or a pipe ("MH-25-014 | 212.0 | 268.5").

    Between tabs (a pipe table's bars become tabs) an empty cell is kept as one: "| incl. |
    213.6 | ... | 54.7 | |" has as many cells as its heading.
    """
    if "\t" in text:
        parts = [cell.strip() for cell in text.strip(" ").split("\t")]
        # A pipe row's outer bars ("| a | b |") leave one empty part at each end.
        if len(parts) > 2 and not parts[0]:
            parts.pop(0)
        if len(parts) > 2 and not parts[-1]:
            parts.pop()
        if all(parts[i] or parts[i + 1] for i in range(len(parts) - 1)):
            # Lone empty cells between full ones; a run of empties is spacing, not cells.
            return [cell for part in parts for cell in (_spaced(part) if part else [""])]
    return [cell.strip() for cell in re.split(r"\t|\s{2,}|\s*\|\s*", text.strip()) if cell.strip()]


def _spaced(part: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\s{2,}|\s*\|\s*", part) if cell.strip()]


def unit_row(sentence: Sentence) -> list[str] | None:
    """The cells of a row of units alone ("(m)  (m)  (%)  (g/t)"), or ``None``."""
    row = cells(sentence.text)
    if len(row) >= 3 and all(_UNIT_CELL.fullmatch(cell) for cell in row):
        return row
    return None


def heading(
    sentence: Sentence,
    ambiguities: list[Ambiguity] | None = None,
    units: list[str] | None = None,
) -> Table | None:
    """The columns of a drill table's heading row, or ``None`` for any other line.

    ``units`` is a row of units below the heading; they belong to its last cells. A heading
    that names the hole and depth columns but no grade column this reader knows (or gives
    depths only in feet) is recorded as an ambiguity: its rows are left out, not guessed at.
    """
    names = cells(sentence.text)
    if len(names) < 4:
        return None
    if units and len(units) < len(names):
        offset = len(names) - len(units)
        names = names[:offset] + [f"{n} {u}" for n, u in zip(names[offset:], units, strict=True)]
    columns: dict[str, int] = {}
    in_feet: set[str] = set()
    grade_unit = None
    equivalent: tuple[int, str] | None = None
    for index, cell in enumerate(names):
        lowered = cell.lower()
        key = _column_key(lowered)
        if key == "hole":
            columns.setdefault("hole", index)
        elif key:
            if re.search(r"\b(?:ft|feet)\b", lowered):
                # "Length (ft)" beside "Length (m)": the metric column is the one read.
                in_feet.add(key)
            else:
                columns.setdefault(key, index)
        elif "grade" not in columns and not _true_width(cell):
            unit = column_grade_unit(cell)
            if unit and re.search(r"Eq\b", unit):
                # A metal-equivalent grade is only taken when no plain grade column exists.
                equivalent = equivalent or (index, unit)
            elif unit:
                columns["grade"] = index
                grade_unit = unit
    if "grade" not in columns and equivalent:
        columns["grade"], grade_unit = equivalent
    bare = [i for i, cell in enumerate(names) if re.fullmatch(rf"(?!\w+Eq\b)(?:{ELEMENT})", cell)]
    element = None
    if "grade" not in columns and len(bare) == 1:
        # "Au" over cells such as "3.12 g/t": the unit is in each cell.
        columns["grade"], element = bare[0], names[bare[0]].translate(SUBSCRIPTS)
    feet = bool(in_feet - columns.keys())
    if "hole" not in columns or ("from_m" not in columns and "from_m" not in in_feet):
        return None
    if "grade" in columns and not feet:
        collar = frozenset(i for i, cell in enumerate(names) if _COLLAR.match(cell))
        return Table(columns, grade_unit, len(names), element, collar)
    if ambiguities is not None:
        why = "its lengths are in feet" if feet else "no column of it names a grade"
        ambiguities.append(Ambiguity("holes", f"a drill table is left out: {why}", sentence.span))
    return None


_COLLAR = re.compile(
    r"(?:east|north|mga|utm|rl\b|elev|dip\b|azi|(?:total\s|hole\s|end\sof\shole\s)?depth|eoh)", re.I
)


def _column_key(lowered: str) -> str | None:
    """The key a heading cell names: "hole", a depth or a length, or ``None``."""
    if re.match(r"(?:drill\s)?hole(?:\s(?:id|no\.?|number))?$|hole\sid|^drillhole", lowered):
        return "hole"
    if re.match(r"from\b", lowered):
        return "from_m"
    if re.match(r"to\b", lowered):
        return "to_m"
    if _true_width(lowered):
        return None
    if re.match(r"(?:interval|length|width|core length|intercept|thickness)\b", lowered):
        return "interval_m"
    return None


def _true_width(cell: str) -> bool:
    """An estimated true width column: not the core length that ``interval_m`` holds."""
    return bool(re.search(r"\btrue\b|\bETW\b|\best\.?\s(?:true\s)?width", cell, re.I))


def column_grade_unit(cell: str) -> str | None:
    """ "Au (g/t)", "g/t Au", "Cu %", "Li2O (%)", "Gold (g/t)" as "g/t Au", "% Cu", "% Li2O",
    "g/t Au"."""
    cell = cell.translate(SUBSCRIPTS)
    word = re.match(r"(?P<word>[A-Za-z]+)(?=\s?\(?(?:g/t|%|ppm))", cell)
    if word and word.group("word").lower() in ELEMENT_WORDS:
        cell = ELEMENT_WORDS[word.group("word").lower()] + cell[word.end() :]
    first = re.match(rf"(?P<el>{ELEMENT})\s?\(?(?P<unit>{GRADE_UNIT})\)?$", cell)
    if first:
        return f"{unit_name(first.group('unit'))} {first.group('el')}"
    second = re.match(rf"(?P<unit>{GRADE_UNIT})\s?(?P<el>{ELEMENT})$", cell)
    if second:
        return f"{unit_name(second.group('unit'))} {second.group('el')}"
    return None


def table_row(
    sentence: Sentence, table: Table, last_hole: str | None, ambiguities: list[Ambiguity]
) -> dict[str, Figure] | None:
    """A row's figures; ``{}`` for a row to skip, ``None`` when the table has ended."""
    row = cells(sentence.text)
    if not row:
        return None
    including = bool(re.match(r"(?:incl(?:\.|uding)?|inc\.|within)$", row[0], re.I))
    if including or re.match(r"(?:and|&)$", row[0], re.I):
        row = ["", *row[1:]]
    elif not re.fullmatch(HOLE_ID, row[0]) and not re.fullmatch(DIGIT_HOLE_ID, row[0]):
        if re.match(rf"{NUMBER}$", row[0]) and last_hole:
            row = ["", *row]
            including = False
        else:
            return None
    if len(row) < table.width and row[0] == "" and _right_aligned(row, table):
        # "incl.  44  47  3  14.2" under a table that opens with collar columns: an including
        # row leaves them blank, and its cells are the last columns, which hold its figures.
        row = ["", *[""] * (table.width - len(row)), *row[1:]]
    if len(row) != table.width:
        # A row with a cell more or less than the heading cannot be lined up: left out, and
        # said so where it holds more than one figure (not "no significant intersection").
        if sum(bool(re.fullmatch(NUMBER, cell)) for cell in row) > 1:
            ambiguities.append(
                Ambiguity(
                    "holes",
                    f"a drill table row of {row[0] or last_hole} does not line up with the "
                    "table's columns, so it is left out",
                    sentence.span,
                )
            )
        return {} if len(row) > 1 else None
    hole = last_hole if including or not row[0] else row[0]
    if hole is None:
        return {}
    group: dict[str, Figure] = {}
    positions = _cell_positions(sentence.text, row)
    group["hole"] = figure_at("hole", hole, sentence, *positions[table.columns["hole"]])
    grade_unit = table.grade_unit
    for key in _KEYS:
        index = table.columns.get(key)
        if index is None:
            continue
        cell = row[index]
        if key == "grade" and table.element:
            own = re.fullmatch(rf"(?P<n>{NUMBER})\s?(?P<unit>{GRADE_UNIT})", cell)
            if not own:
                reason = f"a drill table row of {hole}: its grade has no unit, so it is left out"
                ambiguities.append(Ambiguity("holes", reason, sentence.span))
                return {}
            cell, grade_unit = own.group("n"), f"{unit_name(own.group('unit'))} {table.element}"
        if not re.fullmatch(NUMBER, cell):
            return {}
        group[key] = figure_at(key, normal(number(cell)), sentence, *positions[index])
    if grade_unit:
        group["grade_unit"] = figure_at(
            "grade_unit", grade_unit, sentence, *positions[table.columns["grade"]]
        )
    if including:
        group["including"] = figure_at("including", hole, sentence, *positions[0])
    return group


def _right_aligned(row: list[str], table: Table) -> bool:
    """The row's cells after its label fill exactly the table's last columns, which are the
    columns of its figures, every one a number, and the cells it leaves blank are the
    collar's."""
    values = row[1:]
    keys = {table.columns[key] for key in _KEYS if key in table.columns}
    last = set(range(table.width - len(values), table.width))
    blank = set(range(1, table.width - len(values)))
    return (
        bool(values)
        and keys == last
        and blank <= table.collar
        and all(re.fullmatch(NUMBER, cell) for cell in values)
    )


def _cell_positions(text: str, row: list[str]) -> list[tuple[int, int]]:
    positions = []
    at = 0
    for cell in row:
        if not cell:
            positions.append((0, 0))
            continue
        start = text.find(cell, at)
        positions.append((start, start + len(cell)))
        at = start + len(cell)
    return positions
