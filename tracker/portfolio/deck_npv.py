"""NPV at today's deck for the latest study of every project (or of some), from the database.

The study figures, decks and sensitivity tables are read in a few queries whatever the number
of projects; the arithmetic is ``tracker.portfolio.npv_today``'s.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, select, type_coerce
from sqlmodel import Session, col

from tracker.lists.lookups import project_commodities
from tracker.models import Study, StudyPrice, StudySensitivity
from tracker.portfolio.commodity_prices import PriceValues
from tracker.portfolio.deck import todays_deck
from tracker.portfolio.facts import chunks
from tracker.portfolio.fx import FxBook
from tracker.portfolio.latest_studies import latest_rank
from tracker.portfolio.npv_today import (
    DeckPricer,
    DeckResponse,
    SensitivityPoint,
    StudyEconomics,
    TodayNpv,
    deck_response,
)
from tracker.portfolio.screening import ScreenRow
from tracker.services.commodities import symbols_by_id
from tracker.units import DECIMAL_PLACES


def _number(column: Any, raw: bool) -> Any:
    """A decimal column read as its stored integer of millionths on SQLite (``_decimal`` turns
    it back): exact, and several times faster than decoding each cell through the type."""
    return type_coerce(column, BigInteger) if raw else column


def _decimal(value: Any, raw: bool) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).scaleb(-DECIMAL_PLACES) if raw else Decimal(value)


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
    raw = session.get_bind().dialect.name == "sqlite"
    ranked = select(
        col(Study.id).label("id"),
        col(Study.project_id).label("project_id"),
        col(Study.currency).label("currency"),
        _number(col(Study.after_tax_npv), raw).label("npv"),
        _number(col(Study.discount_rate_pct), raw).label("rate"),
        _number(col(Study.mine_life_years), raw).label("life"),
        _number(col(Study.annual_production), raw).label("production"),
        col(Study.production_unit).label("unit"),
        _number(col(Study.pre_tax_npv), raw).label("pre_tax"),
        latest_rank(),
    )
    if condition is not None:
        ranked = ranked.where(condition)
    newest = ranked.subquery()
    studies = session.execute(select(*newest.c).where(newest.c.rank == 1)).all()
    latest = {row[0] for row in studies}
    decks, tables = _decks_and_tables(session, latest, raw, project_ids is not None)
    commodities = project_commodities(session, project_ids)
    none: dict[str, PriceValues] = {}
    found: dict[int, StudyEconomics] = {}
    for study_id, project_id, currency, npv, rate, life, production, unit, pre_tax, _ in studies:
        found[project_id] = StudyEconomics(
            study_id,
            currency,
            _decimal(npv, raw),
            _decimal(rate, raw),
            _decimal(life, raw),
            _decimal(production, raw),
            unit,
            _decimal(pre_tax, raw),
            commodities.get(project_id, ()),
            decks.get(study_id, none),
            tables.get(study_id, {}),
        )
    return found


def _decks_and_tables(
    session: Session, latest: set[int], raw: bool, restrict: bool
) -> tuple[dict[int, dict[str, PriceValues]], dict[int, dict[str, list[SensitivityPoint]]]]:
    """The price decks and sensitivity tables of the studies ``latest``; with ``restrict`` the
    query names them (a few), else every row is read and the others skipped (most of them)."""
    symbols = symbols_by_id(session)
    decks: dict[int, dict[str, PriceValues]] = defaultdict(dict)
    prices = select(
        col(StudyPrice.study_id),
        col(StudyPrice.commodity_id),
        _number(col(StudyPrice.price), raw),
        col(StudyPrice.currency),
        col(StudyPrice.unit),
    ).order_by(col(StudyPrice.id))
    if restrict:
        prices = prices.where(col(StudyPrice.study_id).in_(latest))
    for study_id, commodity_id, price, currency, unit in session.execute(prices):
        if study_id in latest:
            decks[study_id].setdefault(
                symbols[commodity_id],
                PriceValues(_decimal(price, raw) or Decimal(0), currency, unit),
            )
    tables: dict[int, dict[str, list[SensitivityPoint]]] = defaultdict(lambda: defaultdict(list))
    points = select(
        col(StudySensitivity.study_id),
        col(StudySensitivity.commodity_id),
        _number(col(StudySensitivity.after_tax_npv), raw),
        _number(col(StudySensitivity.price), raw),
        col(StudySensitivity.currency),
        col(StudySensitivity.unit),
        _number(col(StudySensitivity.change_pct), raw),
    ).order_by(col(StudySensitivity.id))
    if restrict:
        points = points.where(col(StudySensitivity.study_id).in_(latest))
    for study_id, commodity_id, npv, price, currency, unit, change in session.execute(points):
        if study_id in latest:
            symbol = symbols[commodity_id]
            tables[study_id][symbol].append(
                SensitivityPoint(
                    symbol,
                    _decimal(npv, raw) or Decimal(0),
                    _decimal(price, raw),
                    currency,
                    unit,
                    _decimal(change, raw),
                )
            )
    return decks, tables


def screen_economics(session: Session, rows: Sequence[ScreenRow]) -> dict[int, StudyEconomics]:
    """``study_economics`` for the studies a screen already read (its rows carry the study's
    figures): only the decks and sensitivity tables are read, without ranking studies again."""
    raw = session.get_bind().dialect.name == "sqlite"
    decks, tables = _decks_and_tables(session, {row.study_id for row in rows}, raw, False)
    none: dict[str, PriceValues] = {}
    return {
        row.project_id: StudyEconomics(
            row.study_id,
            row.currency,
            row.after_tax_npv,
            row.discount_rate_pct,
            row.mine_life_years,
            row.annual_production,
            row.production_unit,
            row.pre_tax_npv,
            row.commodities,
            decks.get(row.study_id, none),
            tables.get(row.study_id, {}),
        )
        for row in rows
    }


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
    return npvs_at_deck(deck_responses(economics, book), deck, book)


def deck_responses(
    economics: Mapping[int, StudyEconomics], book: FxBook
) -> dict[int, DeckResponse]:
    """Each project's latest study made ready for any deck at ``book``'s rates: a screen
    holds these, so a new deck costs only ``npvs_at_deck``."""
    return {project_id: deck_response(study, book) for project_id, study in economics.items()}


def npvs_at_deck(
    responses: Mapping[int, DeckResponse], deck: Mapping[str, PriceValues], book: FxBook
) -> dict[int, TodayNpv]:
    """Each project's NPV at ``deck``, today's prices converted once per currency and unit."""
    pricer = DeckPricer(deck, book)
    return {project_id: response.at(pricer) for project_id, response in responses.items()}
