"""Defaults: a value that fills a field's empty cells ("discount rate=8").

Many watchlists leave a column out or empty for every row (the discount rate, the study type);
a default gives it once. It is read as a cell of the field's own column in the import template
would be (a percentage in percent points, money in millions where the header says (M)), and
checked with the same rules, so a bad default is refused before anything is read. A default
fills a cell only in a row that gives its record something else: a discount rate alone does not
make a row about a study.
"""

from tracker.excel.field_types import Entity, Field, Kind
from tracker.excel.mapping import ColumnMap
from tracker.excel.rules import COLUMN_RULES
from tracker.excel.sheet_rows import converter

#: Fields that do not by themselves make a row about their record.
NOT_PRESENCE = frozenset({"currency"})


def read_default(fld: Field, text: str, known_commodities: frozenset[str] = frozenset()) -> object:
    """The value ``text`` gives ``fld``; ValueError (with what is wrong) when it gives none."""
    if not text.strip():
        raise ValueError("is empty: give a value, or leave the default out")
    read = converter(ColumnMap(-1, "", fld), fld, False, known_commodities)
    value = read(text.strip())
    if isinstance(value, tuple) and fld.kind is Kind.MONEY:
        value = value[0]
    if value is None or value == ():
        raise ValueError("gives no value")
    rules = COLUMN_RULES.get(fld.entity)
    if rules is not None:
        for _index, _name, (_shown, reason) in rules.column_failures({fld.name: [value]}):
            raise ValueError(reason)
    return value


def present_rows(
    columns: dict[str, list[object]], count: int, ignore: frozenset[str]
) -> list[bool]:
    """For each row, whether a field of the record (other than ``ignore``) has a value."""
    present = [False] * count
    for name, column in columns.items():
        if name in ignore:
            continue
        for index, value in enumerate(column):
            if not present[index] and value is not None and value != ():
                present[index] = True
    return present


def fill_defaults(
    columns: dict[Entity, dict[str, list[object]]],
    count: int,
    defaults: dict[Field, object],
) -> None:
    """Fill each default's empty cells in the rows that give its record a value."""
    by_entity: dict[Entity, dict[Field, object]] = {}
    for fld, value in defaults.items():
        by_entity.setdefault(fld.entity, {})[fld] = value
    for entity, given in by_entity.items():
        fields = columns.get(entity)
        if not fields:
            continue
        ignore = NOT_PRESENCE | {fld.name for fld in given if fld.name not in fields}
        present = present_rows(fields, count, ignore)
        for fld, value in given.items():
            column = fields.setdefault(fld.name, [None] * count)
            for index, here in enumerate(present):
                if here and (column[index] is None or column[index] == ()):
                    column[index] = value
