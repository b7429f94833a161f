"""Study economics for charts: one project's studies over time, and the portfolio's latest ones."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.models import Project, Study
from tracker.portfolio.deck_npv import deck_prices, npv_today_by_project, study_economics
from tracker.portfolio.fx import FxBook
from tracker.portfolio.latest_studies import latest_rank
from tracker.rowsets import project_commodities
from tracker.timeline.columns import IntArray, StrArray
from tracker.units import MILLION

FloatArray = npt.NDArray[np.float64]


class StudyEconomics(NamedTuple):
    """One study's headline figures, in its currency (money) and percent points (IRR)."""

    study_id: int
    day: date
    study_type: str
    currency: str
    after_tax_npv: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None


def project_economics(session: Session, project_id: int) -> list[StudyEconomics]:
    """A project's dated studies that give an after-tax NPV, IRR or initial capex, oldest first."""
    day = func.coalesce(col(Study.publication_date), col(Study.effective_date))
    statement = (
        select(
            col(Study.id),
            day,
            col(Study.study_type),
            col(Study.currency),
            col(Study.after_tax_npv),
            col(Study.after_tax_irr_pct),
            col(Study.initial_capex),
        )
        .where(col(Study.project_id) == project_id, day.is_not(None))
        .order_by(day, col(Study.id))
    )
    rows = session.execute(statement).all()
    studies = [StudyEconomics(*row) for row in rows]
    return [
        s for s in studies if (s.after_tax_npv, s.after_tax_irr_pct, s.initial_capex) != (None,) * 3
    ]


@dataclass(frozen=True, eq=False)
class PortfolioEconomics:
    """Each project's latest study, when it gives an after-tax NPV and an initial capex,
    column by column.

    Money is in millions of ``currencies[i]``; a missing IRR is NaN; a project without
    commodities has the primary commodity ''. ``left_out`` names the projects whose latest
    study lacks either figure: they are not drawn at an older study's figures.
    """

    study_ids: IntArray
    project_ids: IntArray
    npv_millions: FloatArray
    capex_millions: FloatArray
    irr_pct: FloatArray
    currencies: StrArray
    commodities: StrArray
    project_names: StrArray
    left_out: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.study_ids)

    def where(self, mask: npt.NDArray[np.bool_]) -> "PortfolioEconomics":
        return PortfolioEconomics(
            self.study_ids[mask],
            self.project_ids[mask],
            self.npv_millions[mask],
            self.capex_millions[mask],
            self.irr_pct[mask],
            self.currencies[mask],
            self.commodities[mask],
            self.project_names[mask],
            self.left_out,
        )


def _millions(value: Decimal | None) -> Decimal:
    assert value is not None  # rows without an NPV were left out
    return value / MILLION


def portfolio_economics(
    session: Session, project_ids: Collection[int] | None = None, deck_on: date | None = None
) -> PortfolioEconomics:
    """The latest study per project (``latest_rank``, as everywhere) with its NPV and capex;
    with ``deck_on``, the NPV at today's deck as it stood that day (``npv_today``).

    A window function picks it in SQL, so only one row per project is decoded.
    """
    ranked = (
        select(
            col(Study.id).label("id"),
            col(Study.project_id).label("project_id"),
            col(Study.after_tax_npv).label("npv"),
            col(Study.initial_capex).label("capex"),
            col(Study.after_tax_irr_pct).label("irr"),
            col(Study.currency).label("currency"),
            col(Project.name).label("project_name"),
            latest_rank(),
        )
        .join(Project, col(Project.id) == col(Study.project_id))
        .subquery()
    )
    statement = (
        select(
            ranked.c.id,
            ranked.c.project_id,
            ranked.c.npv,
            ranked.c.capex,
            ranked.c.irr,
            ranked.c.currency,
            ranked.c.project_name,
        )
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.project_id)
    )
    wanted = None if project_ids is None else frozenset(project_ids)
    latest = [
        row
        for row in session.connection().execute(statement)
        if wanted is None or row.project_id in wanted
    ]
    npvs: dict[int, Decimal | None] = {row.project_id: row.npv for row in latest}
    if deck_on is not None:
        todays = npv_today_by_project(
            study_economics(session, None if wanted is None else list(wanted)),
            deck_prices(session, deck_on),
            FxBook.load(session, deck_on),
        )
        npvs = {project_id: found.value for project_id, found in todays.items()}
    rows, left_out = [], []
    for row in latest:
        if npvs.get(row.project_id) is not None and row.capex is not None:
            rows.append(row)
        else:
            left_out.append(row.project_name)
    symbols = project_commodities(session)
    count = len(rows)
    return PortfolioEconomics(
        np.fromiter((row.id for row in rows), np.int64, count),
        np.fromiter((row.project_id for row in rows), np.int64, count),
        np.fromiter((_millions(npvs[row.project_id]) for row in rows), np.float64, count),
        np.fromiter((row.capex / MILLION for row in rows), np.float64, count),
        np.fromiter(
            (np.nan if row.irr is None else float(row.irr) for row in rows), np.float64, count
        ),
        _texts([row.currency for row in rows]),
        _texts([symbols.get(row.project_id, ("",))[0] for row in rows]),
        _texts([row.project_name for row in rows]),
        tuple(sorted(left_out)),
    )


def _texts(values: list[str]) -> StrArray:
    return np.array(values, dtype=np.str_).reshape(len(values))
