"""holding transactions

Each holding's shares, average cost and date opened become its opening buy; a holding is then
the sum of its transactions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:40:00.000000
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPENING_NOTE = "Opening position: the holding as kept before transactions were recorded."
UNDATED_NOTE = (
    "Opening position: the holding as kept before transactions were recorded; it had no date "
    "opened, so its company's first share price date (or the upgrade's day) stands in."
)

Decimal_ = tracker.models.types.ExactDecimal


def upgrade() -> None:
    transactions = op.create_table(
        "holding_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holding_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("trade_date", sa.Date(), nullable=False),
        sa.Column("shares", Decimal_(), nullable=True),
        sa.Column("price", Decimal_(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("fees", Decimal_(), nullable=True),
        sa.Column("split_new", Decimal_(), nullable=True),
        sa.Column("split_old", Decimal_(), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["holding_id"], ["holding.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("holding_transaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_holding_transaction_deal_id"), ["deal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_holding_transaction_holding_id"), ["holding_id"], unique=False
        )

    holding = sa.table(
        "holding",
        sa.column("id", sa.Integer()),
        sa.column("company_id", sa.Integer()),
        sa.column("shares", Decimal_()),
        sa.column("average_cost", Decimal_()),
        sa.column("currency", sa.String()),
        sa.column("opened_date", sa.Date()),
    )
    price = sa.table(
        "share_price", sa.column("company_id", sa.Integer()), sa.column("price_date", sa.Date())
    )
    bind = op.get_bind()
    first_prices = dict(
        bind.execute(
            sa.select(price.c.company_id, sa.func.min(price.c.price_date)).group_by(
                price.c.company_id
            )
        ).all()
    )
    rows = []
    for id_, company_id, shares, cost, currency, opened in bind.execute(
        sa.select(
            holding.c.id,
            holding.c.company_id,
            holding.c.shares,
            holding.c.average_cost,
            holding.c.currency,
            holding.c.opened_date,
        )
    ):
        stand_in = first_prices.get(company_id)
        rows.append(
            {
                "holding_id": id_,
                "kind": "buy",
                "trade_date": opened or stand_in or date.today(),
                "shares": shares,
                "price": cost,
                "currency": currency,
                "notes": OPENING_NOTE if opened else UNDATED_NOTE,
            }
        )
    # SQLite rebuilds the table to drop columns, and dropping the old copy cascades to
    # transactions already pointing at it: the buys go in after.
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.drop_column("opened_date")
        batch_op.drop_column("average_cost")
        batch_op.drop_column("shares")
    if rows:
        op.bulk_insert(transactions, rows)


def downgrade() -> None:
    """The holding's position (shares, average cost, first date) back on its row."""
    moves = sa.table(
        "holding_transaction",
        sa.column("id", sa.Integer()),
        sa.column("holding_id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("trade_date", sa.Date()),
        sa.column("shares", Decimal_()),
        sa.column("price", Decimal_()),
        sa.column("fees", Decimal_()),
        sa.column("split_new", Decimal_()),
        sa.column("split_old", Decimal_()),
    )
    bind = op.get_bind()
    held: dict[int, list] = {}
    for row in bind.execute(
        sa.select(moves).order_by(moves.c.holding_id, moves.c.trade_date, moves.c.id)
    ):
        state = held.setdefault(row.holding_id, [0, 0, row.trade_date, True])
        shares = row.shares or 0
        if row.kind in ("buy", "shares from deal"):
            state[3] = state[3] and row.price is not None
            state[1] += shares * (row.price or 0) + (row.fees or 0)
            state[0] += shares
        elif row.kind == "sell" and state[0]:
            state[1] -= state[1] * shares / state[0]
            state[0] -= shares
        elif row.kind == "split or consolidation" and row.split_old:
            state[0] = state[0] * row.split_new / row.split_old
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shares", Decimal_(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("average_cost", Decimal_(), nullable=True))
        batch_op.add_column(sa.Column("opened_date", sa.Date(), nullable=True))
    holding = sa.table(
        "holding",
        sa.column("id", sa.Integer()),
        sa.column("shares", Decimal_()),
        sa.column("average_cost", Decimal_()),
        sa.column("opened_date", sa.Date()),
    )
    for holding_id, (shares, cost, opened, known) in held.items():
        average = round(cost / shares, 6) if shares and known else None
        bind.execute(
            holding.update()
            .where(holding.c.id == holding_id)
            .values(shares=round(shares, 6), average_cost=average, opened_date=opened)
        )
    with op.batch_alter_table("holding_transaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holding_transaction_holding_id"))
        batch_op.drop_index(batch_op.f("ix_holding_transaction_deal_id"))
    op.drop_table("holding_transaction")
