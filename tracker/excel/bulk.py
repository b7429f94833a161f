"""Insert and update many rows with one executemany each, binding values a column at a time.

SQLAlchemy Core's executemany processes each row's parameters one by one, which at 100,000 rows
costs as much as the insert itself. Here the Core statement is compiled once and each column's
values go through that column type's own bind processor in one pass (so ``ExactDecimal`` and
dates are stored exactly as Core would store them); the rows then go to the driver's
executemany on the session's connection and transaction.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Column, Connection, Date, Table, bindparam, update
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from tracker.models.types import ExactDecimal


def insert_columns(
    connection: Connection, target: Table, columns: Mapping[str, Sequence[Any]]
) -> None:
    """Insert rows given as ``columns`` (name -> one value per row) into ``target``.

    A column that is empty in every row and has no default is left out of the statement: it
    is stored as NULL all the same, without binding a NULL per row (sparse sheets, like studies
    that give no costs, leave half their cells empty).
    """
    given = [column for column in target.c if column.name in columns]
    if not given or not columns[given[0].name]:
        return
    kept = [column.name for column in given if not _null_anyway(column, columns[column.name])]
    names = kept or [given[0].name]
    dialect = connection.dialect
    compiled = target.insert().compile(dialect=dialect, column_keys=names)
    bound = {name: _bound(target.c[name].type, columns[name], dialect) for name in names}
    if compiled.positional:
        order = compiled.positiontup or names
        parameters: list[Any] = list(zip(*(bound[name] for name in order), strict=True))
    else:
        rows = zip(*(bound[name] for name in names), strict=True)
        parameters = [dict(zip(names, row, strict=True)) for row in rows]
    connection.exec_driver_sql(str(compiled), parameters)


def _null_anyway(column: Column[Any], values: Sequence[Any]) -> bool:
    """Whether leaving ``column`` out stores what ``values`` would: all are empty and the column
    has no default to put in their place."""
    if column.default is not None or column.server_default is not None:
        return False
    # The first value settles most columns; counting runs in C (all() over a generator cost
    # a tenth of a second over a wide, sparse sheet's empty columns).
    return not values or (values[0] is None and values.count(None) == len(values))


def _bound(kind: TypeEngine[Any], values: Sequence[Any], dialect: Dialect) -> Sequence[Any]:
    """``values`` as the driver takes them: what the column type's bind processing gives
    (a ``TypeDecorator``'s ``process_bind_param``, then its implementation's processor)."""
    if isinstance(kind, TypeDecorator):
        if isinstance(kind, ExactDecimal):
            values = kind.bind_many(list(values), dialect)
        elif type(kind).process_bind_param is not TypeDecorator.process_bind_param:
            own = kind.process_bind_param
            values = [None if value is None else own(value, dialect) for value in values]
        kind = kind.load_dialect_impl(dialect)
    process = kind.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return values
    if isinstance(kind, Date) and _iso_dates(values, process):
        return [None if value is None else value.isoformat() for value in values]
    return _each_once(process, values)


def _each_once(process: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """``process`` of each value, called once per distinct object: a column often holds one
    object many times (the change log's timestamp, once per record), and the same object
    always gives the same bound value."""
    distinct = {id(value): value for value in values if value is not None}
    if len(distinct) == len(values):
        return [process(value) for value in values]
    done = {key: process(value) for key, value in distinct.items()}
    return [None if value is None else done[id(value)] for value in values]


def _iso_dates(values: Sequence[Any], process: Callable[[Any], Any]) -> bool:
    """Whether ``date.isoformat`` gives what the dialect's processor gives for every value:
    all are plain dates and the processor writes them as ISO text (as SQLite's does)."""
    if not all(value is None or value.__class__ is date for value in values):
        return False
    sample = date(1, 2, 3)
    return bool(process(sample) == sample.isoformat())


def update_rows(
    connection: Connection, target: Table, names: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Set columns ``names`` of the rows whose ``id`` each of ``rows`` gives: one executemany.
    A versioned row's version moves on, as with every write (open forms notice it)."""
    if not rows:
        return
    values: dict[str, Any] = {name: bindparam("new_" + name) for name in names}
    if "version" in target.c:
        values["version"] = target.c.version + 1
    statement = update(target).where(target.c.id == bindparam("row_id")).values(values)
    connection.execute(
        statement,
        [{"row_id": row["id"], **{"new_" + name: row[name] for name in names}} for row in rows],
    )
