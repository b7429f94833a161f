"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 21:12:42.994202
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.models.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Commodities every database starts with: symbol, name, unit the price is quoted in.
SEEDED_COMMODITIES = [
    ("Au", "Gold", "oz"),
    ("Ag", "Silver", "oz"),
    ("Cu", "Copper", "lb"),
    ("Mo", "Molybdenum", "lb"),
    ("W", "Tungsten", "mtu"),
    ("Zn", "Zinc", "lb"),
    ("Pb", "Lead", "lb"),
    ("Ni", "Nickel", "lb"),
    ("Co", "Cobalt", "lb"),
    ("Li", "Lithium (LCE)", "t"),
    ("U", "Uranium (U3O8)", "lb"),
    ("REE", "Rare earths (TREO)", "kg"),
    ("Graphite", "Graphite", "t"),
    ("Sn", "Tin", "t"),
    ("Fe", "Iron ore", "t"),
    ("PGM", "Platinum-group metals", "oz"),
    ("Pt", "Platinum", "oz"),
    ("Pd", "Palladium", "oz"),
    ("V", "Vanadium (V2O5)", "lb"),
    ("Mn", "Manganese", "t"),
    ("Sb", "Antimony", "t"),
]


def upgrade() -> None:
    op.create_table(
        "commodity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("symbol", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("price_unit", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("commodity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commodity_symbol"), ["symbol"], unique=True)

    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column(
            "reporting_currency",
            sqlmodel.sql.sqltypes.AutoString(length=3),
            nullable=True,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_name"), ["name"], unique=True)

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("latitude", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("longitude", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_status"), ["status"], unique=False)

    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("deal_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("acquirer_id", sa.Integer(), nullable=True),
        sa.Column("counterparty_id", sa.Integer(), nullable=True),
        sa.Column("interest_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("announced_date", sa.Date(), nullable=True),
        sa.Column("expected_close_date", sa.Date(), nullable=True),
        sa.Column("closed_date", sa.Date(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["acquirer_id"], ["company.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["counterparty_id"], ["company.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_acquirer_id"), ["acquirer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_deal_announced_date"), ["announced_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deal_counterparty_id"), ["counterparty_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deal_deal_type"), ["deal_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_status"), ["status"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_event_date"), ["event_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_project_id"), ["project_id"], unique=False)

    op.create_table(
        "holding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("shares", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("average_cost", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("opened_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holding_company_id"), ["company_id"], unique=False)

    op.create_table(
        "listing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("exchange", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("ticker", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("exchange", "ticker", name="uq_listing_exchange_ticker"),
    )
    with op.batch_alter_table("listing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_listing_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_listing_ticker"), ["ticker"], unique=False)

    op.create_table(
        "project_commodity",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "commodity_id"),
        sa.UniqueConstraint("project_id", "rank", name="uq_project_commodity_rank"),
    )
    with op.batch_alter_table("project_commodity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_commodity_commodity_id"),
            ["commodity_id"],
            unique=False,
        )

    op.create_table(
        "project_owner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("interest_pct", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("is_operator", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "company_id", name="uq_project_owner"),
    )
    with op.batch_alter_table("project_owner", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_owner_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_owner_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "project_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("project_stage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_stage_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "project_tag",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("tag", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "tag"),
    )
    with op.batch_alter_table("project_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_tag_tag"), ["tag"], unique=False)

    op.create_table(
        "study",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("study_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("publication_date", sa.Date(), nullable=True),
        sa.Column("reporting_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column(
            "qualified_person",
            sqlmodel.sql.sqltypes.AutoString(length=300),
            nullable=True,
        ),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("pre_tax_npv", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("after_tax_npv", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("discount_rate_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("pre_tax_irr_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("after_tax_irr_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("payback_years", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("initial_capex", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("sustaining_capex", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("mine_life_years", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("throughput", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column(
            "throughput_unit",
            sqlmodel.sql.sqltypes.AutoString(length=20),
            nullable=True,
        ),
        sa.Column("annual_production", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column(
            "production_unit",
            sqlmodel.sql.sqltypes.AutoString(length=20),
            nullable=True,
        ),
        sa.Column("head_grade", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column(
            "head_grade_unit",
            sqlmodel.sql.sqltypes.AutoString(length=20),
            nullable=True,
        ),
        sa.Column("recovery_pct", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("strip_ratio", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("aisc", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("cash_cost", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("cost_unit", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("uses_inferred", sa.Boolean(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("study", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_study_project_id"), ["project_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_study_publication_date"), ["publication_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_study_study_type"), ["study_type"], unique=False)

    op.create_table(
        "deal_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deal_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deal_status_change_deal_id"), ["deal_id"], unique=False
        )

    op.create_table(
        "deal_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("interest_pct", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("earned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deal_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_step_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "event_commodity",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "commodity_id"),
    )
    with op.batch_alter_table("event_commodity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_commodity_commodity_id"),
            ["commodity_id"],
            unique=False,
        )

    op.create_table(
        "resource_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=True),
        sa.Column("commodity_id", sa.Integer(), nullable=True),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("tonnes", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("grade", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("grade_unit", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("contained", tracker.models.types.ExactDecimal(), nullable=True),
        sa.Column("contained_unit", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("cutoff", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["study_id"], ["study.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resource_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resource_line_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resource_line_study_id"), ["study_id"], unique=False)

    op.create_table(
        "study_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=False),
        sa.Column("price", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.ForeignKeyConstraint(["commodity_id"], ["commodity.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["study_id"], ["study.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("study_price", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_study_price_study_id"), ["study_id"], unique=False)

    op.create_table(
        "deal_obligation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("amount", tracker.models.types.ExactDecimal(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["step_id"], ["deal_step.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deal_obligation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_obligation_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_obligation_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_obligation_step_id"), ["step_id"], unique=False)

    commodity = sa.table(
        "commodity",
        sa.column("symbol", sa.String),
        sa.column("name", sa.String),
        sa.column("price_unit", sa.String),
    )
    op.bulk_insert(
        commodity,
        [{"symbol": s, "name": n, "price_unit": u} for s, n, u in SEEDED_COMMODITIES],
    )


def downgrade() -> None:
    with op.batch_alter_table("deal_obligation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_obligation_step_id"))
        batch_op.drop_index(batch_op.f("ix_deal_obligation_due_date"))
        batch_op.drop_index(batch_op.f("ix_deal_obligation_deal_id"))

    op.drop_table("deal_obligation")
    with op.batch_alter_table("study_price", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_price_study_id"))

    op.drop_table("study_price")
    with op.batch_alter_table("resource_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_line_study_id"))
        batch_op.drop_index(batch_op.f("ix_resource_line_project_id"))

    op.drop_table("resource_line")
    with op.batch_alter_table("event_commodity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_commodity_commodity_id"))

    op.drop_table("event_commodity")
    with op.batch_alter_table("deal_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_step_deal_id"))

    op.drop_table("deal_step")
    with op.batch_alter_table("deal_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_status_change_deal_id"))

    op.drop_table("deal_status_change")
    with op.batch_alter_table("study", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_study_type"))
        batch_op.drop_index(batch_op.f("ix_study_publication_date"))
        batch_op.drop_index(batch_op.f("ix_study_project_id"))

    op.drop_table("study")
    with op.batch_alter_table("project_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_tag_tag"))

    op.drop_table("project_tag")
    with op.batch_alter_table("project_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_stage_project_id"))

    op.drop_table("project_stage")
    with op.batch_alter_table("project_owner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_owner_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_owner_company_id"))

    op.drop_table("project_owner")
    with op.batch_alter_table("project_commodity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_commodity_commodity_id"))

    op.drop_table("project_commodity")
    with op.batch_alter_table("listing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listing_ticker"))
        batch_op.drop_index(batch_op.f("ix_listing_company_id"))

    op.drop_table("listing")
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holding_company_id"))

    op.drop_table("holding")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_project_id"))
        batch_op.drop_index(batch_op.f("ix_event_kind"))
        batch_op.drop_index(batch_op.f("ix_event_event_date"))
        batch_op.drop_index(batch_op.f("ix_event_company_id"))

    op.drop_table("event")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_status"))
        batch_op.drop_index(batch_op.f("ix_deal_project_id"))
        batch_op.drop_index(batch_op.f("ix_deal_deal_type"))
        batch_op.drop_index(batch_op.f("ix_deal_counterparty_id"))
        batch_op.drop_index(batch_op.f("ix_deal_announced_date"))
        batch_op.drop_index(batch_op.f("ix_deal_acquirer_id"))

    op.drop_table("deal")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_status"))
        batch_op.drop_index(batch_op.f("ix_project_stage"))
        batch_op.drop_index(batch_op.f("ix_project_name"))
        batch_op.drop_index(batch_op.f("ix_project_country"))

    op.drop_table("project")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_name"))

    op.drop_table("company")
    with op.batch_alter_table("commodity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commodity_symbol"))

    op.drop_table("commodity")
