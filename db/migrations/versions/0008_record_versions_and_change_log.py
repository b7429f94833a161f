"""record versions and the change log

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables whose records a form edits; each row starts at version 1.
VERSIONED = (
    "commodity",
    "company",
    "deal",
    "event",
    "holding",
    "project",
    "resource_line",
    "study",
)


def upgrade() -> None:
    # A plain ALTER TABLE on every engine: SQLite adds a NOT NULL column with a constant
    # default in place, where a batch operation would copy the table (and trip its children's
    # foreign keys).
    for name in VERSIONED:
        op.add_column(
            name, sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_record", ["kind", "record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_record")
    op.drop_table("change_log")
    # A plain ALTER TABLE ... DROP COLUMN here too (SQLite 3.35 and later): a batch operation
    # would copy and drop each table, which their children's foreign keys refuse.
    for name in reversed(VERSIONED):
        op.drop_column(name, "version")
