"""commodity prices, today's deck and study NPV sensitivities

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commodity_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.Column("price_date", sa.Date(), nullable=False),
        sa.Column("price", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commodity_id", "price_date", name="uq_commodity_price_day"),
    )
    with op.batch_alter_table("commodity_price", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commodity_price_commodity_id"), ["commodity_id"], unique=False
        )
    op.create_table(
        "deck_price",
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.Column("price", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commodity_id"),
    )
    op.create_table(
        "study_sensitivity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.Column("price", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("change_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("after_tax_npv", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["study_id"], ["study.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("study_sensitivity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_study_sensitivity_study_id"), ["study_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("study_sensitivity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_sensitivity_study_id"))
    op.drop_table("study_sensitivity")
    op.drop_table("deck_price")
    with op.batch_alter_table("commodity_price", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commodity_price_commodity_id"))
    op.drop_table("commodity_price")
