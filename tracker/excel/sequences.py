"""PostgreSQL's id sequences, moved past ids written as given (an import, its redo)."""

from sqlalchemy import text
from sqlmodel import Session, SQLModel


def advance_id_sequences(session: Session) -> None:
    """On PostgreSQL, move each ``id`` sequence past the ids the import wrote itself.

    Our own workbook carries ids, which are inserted as given; the sequence behind the column
    does not see them, and the next record added by hand would reuse id 1. SQLite's rowid
    needs nothing: it takes the largest id plus one.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for model_table in SQLModel.metadata.sorted_tables:
        column = model_table.columns.get("id")
        if column is None or not column.primary_key or not column.autoincrement:
            continue
        name = model_table.name
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
            )
        )
