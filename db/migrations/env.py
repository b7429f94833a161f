"""Alembic environment: runs on the connection handed over by ``db.migrate``.

Each step and its revision bump are one transaction (``transaction_per_migration``). DDL is
transactional on SQLite too, since ``db.migrate`` hands over a connection on which SQLAlchemy,
not the sqlite3 driver, begins the transactions (``db.session.locked_transactions``).
"""

from alembic import context
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through db.migrate, which provides the connection")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    transaction_per_migration=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
