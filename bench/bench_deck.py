"""Time screening at today's deck on N generated projects: every latest study's NPV moved to
today's commodity prices (interpolated or estimated), against screening at the study deck.

The generated database (``bench.generate``, cached as ``lists`` caches it) has no price decks
or production, so a copy of it gets them first: each economic study a deck line for its
project's primary commodity and an annual production in that commodity's unit, one study in
five a four-point NPV sensitivity table, every commodity a year of daily prices, and the
USD/CAD and USD/AUD rates.

The steps are the screening view's: it loads the rows at the study deck, then (while they show)
reads what their NPVs at today's deck are worked from; flipping the switch, or a new deck, then
costs the deck and the arithmetic. The target (1 s) is for that flip; the cold load at today's
deck (every step in one go, as when the view opens with the switch on) is measured too.
Figures go to bench/results/deck.json.
"""

import argparse
import json
import platform
import random
import shutil
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlmodel import Session, col

from bench.bench_lists import RESULTS, cached_database
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import transaction
from tracker.models import (
    Commodity,
    CommodityPrice,
    FxRate,
    ProjectCommodity,
    Study,
    StudyPrice,
    StudySensitivity,
)
from tracker.portfolio.deck_npv import deck_prices, npv_today_by_project, screen_economics
from tracker.portfolio.fx import FxBook
from tracker.portfolio.latest_studies import latest_studies
from tracker.portfolio.screen_load import DeckHold, load_screening

REPEATS = 3
ON = date(2026, 1, 15)
TARGET_SECONDS = 1.0
#: A study-deck price per unit for the commodities the generator uses, roughly.
BASE_PRICES = {"oz": 2000, "lb": 4, "t": 1000, "kg": 80, "mtu": 300, "dmtu": 300}


def add_deck_data(engine: Engine, seed: int) -> dict[str, int]:
    """Decks, production, sensitivities, price histories and FX rates, as the docstring says."""
    rng = random.Random(seed)
    counts = {"study_price": 0, "study_sensitivity": 0, "commodity_price": 0}
    with transaction(engine) as session:
        units = {c.id: (c.symbol, c.price_unit) for c in session.scalars(select(Commodity))}
        primary = dict(
            session.execute(
                select(col(ProjectCommodity.project_id), col(ProjectCommodity.commodity_id)).where(
                    col(ProjectCommodity.rank) == 0
                )
            ).all()
        )
        prices: list[dict[str, Any]] = []
        points: list[dict[str, Any]] = []
        production: list[dict[str, Any]] = []
        for study in latest_studies(session).values():
            commodity_id = primary.get(study.project_id)
            if commodity_id is None or study.after_tax_npv is None:
                continue
            symbol, unit = units[commodity_id]
            price = Decimal(BASE_PRICES[unit]) * Decimal(rng.uniform(0.6, 1.2)).quantize(
                Decimal("0.01")
            )
            prices.append(
                {
                    "study_id": study.id,
                    "commodity_id": commodity_id,
                    "price": price,
                    "currency": "USD",
                    "unit": unit,
                }
            )
            production.append(
                {
                    "b_id": study.id,
                    "annual_production": Decimal(rng.randint(20, 400)),
                    "production_unit": f"k{unit} {symbol}",
                }
            )
            if rng.random() < 0.2:
                for change in (-20, -10, 10, 20):
                    npv = study.after_tax_npv * (1 + Decimal(change) / 40)
                    points.append(
                        {
                            "study_id": study.id,
                            "commodity_id": commodity_id,
                            "change_pct": Decimal(change),
                            "after_tax_npv": npv.quantize(Decimal(1)),
                        }
                    )
        session.execute(insert(StudyPrice), prices)
        if points:
            session.execute(insert(StudySensitivity), points)
        table = Study.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            update(table).where(table.c.id == bindparam("b_id")),
            production,
        )
        history = []
        for commodity_id, (_symbol, unit) in units.items():
            level = Decimal(BASE_PRICES[unit])
            for day in range(365):
                level *= Decimal(1 + rng.gauss(0, 0.01)).quantize(Decimal("0.0001"))
                history.append(
                    {
                        "commodity_id": commodity_id,
                        "price_date": ON - timedelta(days=day),
                        "price": level.quantize(Decimal("0.01")),
                        "currency": "USD",
                        "unit": unit,
                    }
                )
        session.execute(insert(CommodityPrice), history)
        for quote, rate in (("CAD", "1.39"), ("AUD", "1.52")):
            session.add(FxRate(base="USD", quote=quote, rate_date=ON, rate=Decimal(rate)))
        counts.update(
            study_price=len(prices), study_sensitivity=len(points), commodity_price=len(history)
        )
    return counts


def best(engine: Engine, work: Callable[[Session], object]) -> dict[str, float]:
    """Best wall-clock and CPU seconds of ``REPEATS`` runs (on a shared machine the CPU time is
    the steadier figure)."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        with Session(engine) as session:
            started, used = time.perf_counter(), time.process_time()
            work(session)
            wall = min(wall, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - used)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def measure(engine: Engine) -> dict[str, Any]:
    """The screening view's steps (``tracker.portfolio.screen_load``), as it takes them."""
    with Session(engine) as session:
        loaded = load_screening(session, ON)
        hold = loaded.deck
        hold.responses(session)

    def ready(session: Session) -> None:
        """What the worker does once the rows show: read the studies' decks and tables and work
        out how each NPV answers a deck."""
        DeckHold(hold.rows, ON).responses(session)

    def flip(session: Session) -> None:
        """Flipping the switch (or a new deck) on the screen shown: the deck and arithmetic."""
        hold.rows_at_todays_deck(session)

    with Session(engine) as session:
        npvs = npv_today_by_project(
            screen_economics(session, hold.rows), deck_prices(session, ON), FxBook.load(session, ON)
        )
    methods: dict[str, int] = {}
    for found in npvs.values():
        methods[found.method or "none"] = methods.get(found.method or "none", 0) + 1
    return {
        "rows": len(hold.rows),
        "methods": methods,
        "screen_rows_at_study_deck": best(engine, lambda s: load_screening(s, ON)),
        "ready_todays_deck_in_background": best(engine, ready),
        "flip_to_todays_deck": best(engine, flip),
        "cold_load_at_todays_deck": best(engine, lambda s: load_screening(s, ON, True)),
    }


def deck_database(projects: int, seed: int) -> Path:
    """The generated database with decks and prices added, cached beside it."""
    source = cached_database(projects, seed)
    path = source.with_name(f"deck-{source.name}")
    if not path.exists():
        building = path.with_name(f"{path.name}.partial")
        shutil.copyfile(source, building)
        engine = make_engine(f"sqlite:///{building}")
        try:
            upgrade_to_head(engine, backup=False)
            added = add_deck_data(engine, seed)
        finally:
            engine.dispose()
        path.with_suffix(".json").write_text(json.dumps(added) + "\n")
        building.replace(path)
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=100_000, help="projects in the database")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")


def run(args: argparse.Namespace) -> int:
    path = deck_database(args.projects, args.seed)
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine, backup=False)
        figures = measure(engine)
    finally:
        engine.dispose()
    added = json.loads(path.with_suffix(".json").read_text())
    figures.update(projects=args.projects, seed=args.seed, added=added, repeats=REPEATS)
    figures["python"] = platform.python_version()
    for name in (
        "screen_rows_at_study_deck",
        "ready_todays_deck_in_background",
        "flip_to_todays_deck",
        "cold_load_at_todays_deck",
    ):
        wall, cpu = figures[name]["wall_s"] * 1000, figures[name]["cpu_s"] * 1000
        print(f"{name:<34}{wall:>8.0f} ms wall {cpu:>8.0f} ms cpu")
    print(f"methods: {figures['methods']}; target for the flip {TARGET_SECONDS:.1f} s")
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "deck.json"
    output.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {output}")
    return 0
