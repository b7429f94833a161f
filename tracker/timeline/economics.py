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

from tracker.lists.lookups import project_commodities
from tracker.models import Project, Study
from tracker.portfolio.deck_npv import deck_prices, npv_today_by_project, study_economics
from tracker.portfolio.fx import FxBook
from tracker.portfolio.latest_studies import latest_rank
from tracker.portfolio.reporting import ReportingBook
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


@dataclass(frozen=True)
class ConvertedEconomics:
    """A project's studies with their money in the reporting currency.

    ``rates`` says which rate converted each study currency (``1 USD = 1.3900 CAD on ...``);
    a study whose currency has no rate keeps its IRR but loses its money figures, and is named
    in ``left_out`` with the reason: it is never drawn at a wrong rate.
    """

    currency: str
    studies: list[StudyEconomics]
    rates: dict[str, str]
    left_out: list[str]


def in_reporting_currency(
    studies: list[StudyEconomics], reporting: ReportingBook
) -> ConvertedEconomics:
    """``studies`` with NPV and capex converted by ``reporting`` (rates of its valuation day)."""
    converted: list[StudyEconomics] = []
    rates: dict[str, str] = {}
    left_out: list[str] = []
    for study in studies:
        npv = reporting.convert(study.after_tax_npv, study.currency)
        capex = reporting.convert(study.initial_capex, study.currency)
        missing = npv.note or capex.note
        if missing:
            left_out.append(f"{study.study_type} {study.day.isoformat()}: {missing}")
        elif study.currency != reporting.currency:
            rates[study.currency] = npv.rate_note() or capex.rate_note()
        converted.append(
            study._replace(
                currency=reporting.currency,
                after_tax_npv=npv.amount,
                initial_capex=capex.amount,
            )
        )
    return ConvertedEconomics(reporting.currency, converted, rates, left_out)


@dataclass(frozen=True, eq=False)
class ConvertedPortfolio:
    """The portfolio's points with money in the reporting currency (``points.currencies`` all
    name it); ``rates`` says which rate converted each currency, and ``no_rate`` names the
    projects left out because their study's currency has no rate."""

    points: PortfolioEconomics
    rates: dict[str, str]
    no_rate: tuple[str, ...]


def portfolio_in_reporting_currency(
    data: PortfolioEconomics, reporting: ReportingBook
) -> ConvertedPortfolio:
    """Every point converted by ``reporting``, one rate per currency (figures are floats)."""
    factors = np.full(len(data), np.nan, dtype=np.float64)
    rates: dict[str, str] = {}
    for code in sorted(set(data.currencies.tolist())):
        rate, _unconverted = reporting.factor(code)
        if rate is None:
            continue
        factors[data.currencies == code] = float(rate)
        if code != reporting.currency:
            rates[code] = reporting.rate_labels(code)[1]
    known = ~np.isnan(factors)
    kept = data.where(known)
    points = PortfolioEconomics(
        kept.study_ids,
        kept.project_ids,
        kept.npv_millions * factors[known],
        kept.capex_millions * factors[known],
        kept.irr_pct,
        np.full(len(kept), reporting.currency, dtype=kept.currencies.dtype),
        kept.commodities,
        kept.project_names,
        data.left_out,
    )
    no_rate = tuple(sorted(data.project_names[~known].tolist()))
    return ConvertedPortfolio(points, rates, no_rate)
