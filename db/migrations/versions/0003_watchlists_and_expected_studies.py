"""watchlists and expected studies

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 10:04:17.512930
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watchlist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("commodity", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("min_study_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("min_irr_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("watchlist", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watchlist_name"), ["name"], unique=True)

    op.create_table(
        "expected_study",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("study_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("expected_date", sa.Date(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("expected_study", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expected_study_expected_date"), ["expected_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expected_study_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("expected_study", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expected_study_project_id"))
        batch_op.drop_index(batch_op.f("ix_expected_study_expected_date"))

    op.drop_table("expected_study")
    with op.batch_alter_table("watchlist", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watchlist_name"))

    op.drop_table("watchlist")
