"""NPV at today's deck for the latest study of every project (or of some), from the database.

The study figures, decks and sensitivity tables are read in a few queries whatever the number
of projects; the arithmetic is ``tracker.portfolio.npv_today``'s.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import Session, col

from tracker.models import Study, StudyPrice, StudySensitivity
from tracker.portfolio.commodity_prices import PriceValues
from tracker.portfolio.deck import todays_deck
from tracker.portfolio.facts import chunks
from tracker.portfolio.fx import FxBook
from tracker.portfolio.latest_studies import latest_rank
from tracker.portfolio.npv_today import SensitivityPoint, StudyEconomics, TodayNpv, npv_at_deck
from tracker.rowsets import project_commodities
from tracker.services.commodities import symbols_by_id


def _latest_ids(condition: ColumnElement[bool] | None) -> Any:
    ranked = select(col(Study.id).label("id"), latest_rank())
    if condition is not None:
        ranked = ranked.where(condition)
    newest = ranked.subquery()
    return select(newest.c.id).where(newest.c.rank == 1)


def study_economics(
    session: Session, project_ids: Collection[int] | None = None
) -> dict[int, StudyEconomics]:
    """The latest study's economics of every project (or of ``project_ids``), by project."""
    if project_ids is None:
        return _economics(session, None, None)
    found: dict[int, StudyEconomics] = {}
    for chunk in chunks(project_ids):
        found.update(_economics(session, col(Study.project_id).in_(chunk), chunk))
    return found


def _economics(
    session: Session, condition: ColumnElement[bool] | None, project_ids: list[int] | None
) -> dict[int, StudyEconomics]:
    latest = _latest_ids(condition)
    symbols = symbols_by_id(session)
    decks: dict[int, dict[str, PriceValues]] = defaultdict(dict)
    for study_id, commodity_id, price, currency, unit in session.execute(
        select(
            col(StudyPrice.study_id),
            col(StudyPrice.commodity_id),
            col(StudyPrice.price),
            col(StudyPrice.currency),
            col(StudyPrice.unit),
        )
        .where(col(StudyPrice.study_id).in_(latest))
        .order_by(col(StudyPrice.id))
    ):
        decks[study_id].setdefault(symbols[commodity_id], PriceValues(price, currency, unit))
    tables: dict[int, dict[str, list[SensitivityPoint]]] = defaultdict(lambda: defaultdict(list))
    for study_id, commodity_id, npv, price, currency, unit, change in session.execute(
        select(
            col(StudySensitivity.study_id),
            col(StudySensitivity.commodity_id),
            col(StudySensitivity.after_tax_npv),
            col(StudySensitivity.price),
            col(StudySensitivity.currency),
            col(StudySensitivity.unit),
            col(StudySensitivity.change_pct),
        )
        .where(col(StudySensitivity.study_id).in_(latest))
        .order_by(col(StudySensitivity.id))
    ):
        symbol = symbols[commodity_id]
        tables[study_id][symbol].append(
            SensitivityPoint(symbol, npv, price, currency, unit, change)
        )
    commodities = project_commodities(session, project_ids)
    found: dict[int, StudyEconomics] = {}
    for (
        study_id,
        project_id,
        currency,
        npv,
        rate,
        life,
        production,
        unit,
        pre_tax,
    ) in session.execute(
        select(
            col(Study.id),
            col(Study.project_id),
            col(Study.currency),
            col(Study.after_tax_npv),
            col(Study.discount_rate_pct),
            col(Study.mine_life_years),
            col(Study.annual_production),
            col(Study.production_unit),
            col(Study.pre_tax_npv),
        ).where(col(Study.id).in_(latest))
    ):
        found[project_id] = StudyEconomics(
            study_id,
            currency,
            npv,
            rate,
            life,
            production,
            unit,
            pre_tax,
            commodities.get(project_id, ()),
            decks.get(study_id, {}),
            tables.get(study_id, {}),
        )
    return found


def deck_prices(session: Session, on: date) -> dict[str, PriceValues]:
    """Today's deck as prices by symbol, leaving out commodities with none."""
    return {
        symbol: values
        for symbol, line in todays_deck(session, on).items()
        if (values := line.values) is not None
    }


def npv_today_by_project(
    economics: Mapping[int, StudyEconomics], deck: Mapping[str, PriceValues], book: FxBook
) -> dict[int, TodayNpv]:
    """Each project's latest-study NPV at ``deck``."""
    return {project_id: npv_at_deck(study, deck, book) for project_id, study in economics.items()}
