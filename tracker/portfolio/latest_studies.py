"""The latest study of each project: by publication date, then effective date, then entry.

A study without a publication date counts as older than any dated one. The choice is made in
SQL with a window function, so a screen of 100,000 projects never loads superseded studies.
"""

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Label, func, select
from sqlmodel import Session, col

from tracker.models import Study
from tracker.portfolio.facts import chunks


class LatestStudy(NamedTuple):
    id: int
    project_id: int
    study_type: str
    title: str
    publication_date: date | None
    effective_date: date | None
    currency: str
    after_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None
    aisc: Decimal | None
    cost_unit: str | None
    mine_life_years: Decimal | None
    #: What the NPV at today's deck is also worked from (``tracker.portfolio.deck_npv``).
    annual_production: Decimal | None = None
    production_unit: str | None = None
    pre_tax_npv: Decimal | None = None

    @property
    def dated(self) -> date | None:
        """The date a reader knows the study by."""
        return self.publication_date or self.effective_date


def latest_studies(
    session: Session, project_ids: Collection[int] | None = None
) -> dict[int, LatestStudy]:
    """The latest study of every project (or of ``project_ids``), keyed by project id."""
    if project_ids is None:
        return _latest(session, None)
    found: dict[int, LatestStudy] = {}
    for chunk in chunks(project_ids):
        found.update(_latest(session, col(Study.project_id).in_(chunk)))
    return found


def latest_rank() -> Label[Any]:
    """Each study's rank among its project's studies, 1 for the latest: the one definition of
    "latest study" (by publication date, then effective date, then entry), for every list,
    chart and figure that speaks of a project's latest study."""
    return (
        func.row_number()
        .over(
            partition_by=col(Study.project_id),
            order_by=(
                col(Study.publication_date).desc().nulls_last(),
                col(Study.effective_date).desc().nulls_last(),
                col(Study.id).desc(),
            ),
        )
        .label("rank")
    )


def _latest(session: Session, condition: ColumnElement[bool] | None) -> dict[int, LatestStudy]:
    rank = latest_rank()
    ranked = select(col(Study.id).label("id"), rank)
    if condition is not None:
        ranked = ranked.where(condition)
    newest = ranked.subquery()
    rows = session.execute(
        select(
            col(Study.id),
            col(Study.project_id),
            col(Study.study_type),
            col(Study.title),
            col(Study.publication_date),
            col(Study.effective_date),
            col(Study.currency),
            col(Study.after_tax_npv),
            col(Study.discount_rate_pct),
            col(Study.after_tax_irr_pct),
            col(Study.initial_capex),
            col(Study.aisc),
            col(Study.cost_unit),
            col(Study.mine_life_years),
            col(Study.annual_production),
            col(Study.production_unit),
            col(Study.pre_tax_npv),
        )
        .join(newest, newest.c.id == col(Study.id))
        .where(newest.c.rank == 1)
    )
    return {row[1]: LatestStudy(*row) for row in rows}
