"""share prices and fx rates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 21:12:56.349410
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fx_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("base", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("rate", tracker.models.types.ExactDecimal(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("base", "quote", "rate_date", name="uq_fx_rate_day"),
    )
    op.create_table(
        "share_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("price_date", sa.Date(), nullable=False),
        sa.Column("price", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "price_date", name="uq_share_price_day"),
    )
    with op.batch_alter_table("share_price", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_price_company_id"), ["company_id"], unique=False)

    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shares_outstanding", tracker.models.types.ExactDecimal(), nullable=True)
        )
        batch_op.add_column(sa.Column("shares_outstanding_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_column("shares_outstanding_date")
        batch_op.drop_column("shares_outstanding")

    with op.batch_alter_table("share_price", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_price_company_id"))

    op.drop_table("share_price")
    op.drop_table("fx_rate")
