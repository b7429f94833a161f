"""deal consideration and figure sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("consideration", tracker.models.types.ExactDecimal(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "consideration_currency",
                sqlmodel.sql.sqltypes.AutoString(length=3),
                nullable=True,
            )
        )

    op.create_table(
        "figure_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["study_id"], ["study.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("figure_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_source_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figure_source_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figure_source_study_id"), ["study_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("figure_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figure_source_study_id"))
        batch_op.drop_index(batch_op.f("ix_figure_source_event_id"))
        batch_op.drop_index(batch_op.f("ix_figure_source_deal_id"))

    op.drop_table("figure_source")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_column("consideration_currency")
        batch_op.drop_column("consideration")
