"""Time the performance view: 10,000 holdings' transactions, the value chart under 0.5 s.

Builds a database of its own (``--holdings`` companies held, each with a buy, a second buy,
a sell and, for one in ten, a consolidation, plus a close at every month end of three years
and USD/CAD and AUD/CAD rates), then times, each ``--repeats`` times: working out the
figures since start (``load_performance``: every holding's returns, the total and the value
series), and drawing the chart from them (``ValueChart.set_series`` and a ``grab()`` that
paints it). Figures go to bench/results/performance.json.
"""

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bench.batch import Batch
from bench.bench_lists import RESULTS
from db.engine import make_engine
from db.migrate import upgrade_to_head
from tracker.portfolio.performance import Performance, load_performance
from tracker.portfolio.periods import PeriodKind

CHART_TARGET_S = 0.5
END = date(2025, 12, 31)
WIDTH, HEIGHT = 1400, 700
_CURRENCIES = (("CAD", 70), ("USD", 20), ("AUD", 10))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--holdings", type=int, default=10_000, help="holdings to generate")
    parser.add_argument("--months", type=int, default=36, help="month-end closes per company")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--repeats", type=int, default=3, help="times to time each step")


def _month_ends(months: int) -> list[date]:
    days, day = [], END
    for _ in range(months):
        days.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return sorted(days)


def _money(value: float, places: int = 3) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def generate(engine: Engine, holdings: int, months: int, seed: int) -> dict[str, int]:
    """Companies, one holding each with its transactions, month-end closes and rates."""
    rng = random.Random(seed)
    closes = _month_ends(months)
    currencies = [code for code, weight in _CURRENCIES for _ in range(weight)]
    with engine.begin() as connection:
        batch = Batch(connection)
        for base, rate in (("USD", 1.36), ("AUD", 0.89)):
            for day in closes:
                rate *= 1 + rng.gauss(0, 0.01)
                batch.add(
                    "fx_rate",
                    {"base": base, "quote": "CAD", "rate_date": day, "rate": _money(rate, 4)},
                )
        for number in range(holdings):
            currency = currencies[int(rng.random() * len(currencies))]
            company = batch.add("company", {"name": f"Bench Holding {number:05d} Ltd."})
            holding = batch.add("holding", {"company_id": company, "currency": currency})
            first, second, third = sorted(rng.sample(range(len(closes) - 1), 3))
            # One in ten consolidates 1 for 5 after its sell: closes from then on are 5 times.
            consolidated = third + 1 if rng.random() < 0.1 else None
            price = rng.lognormvariate(0.0, 0.8)
            path = []
            for index, day in enumerate(closes):
                price = max(price * rng.lognormvariate(0.0, 0.12), 0.005)
                close = price * (5 if consolidated is not None and index >= consolidated else 1)
                path.append((day, close))
                batch.add(
                    "share_price",
                    {
                        "company_id": company,
                        "price_date": day,
                        "price": _money(close),
                        "currency": currency,
                    },
                )
            shares = rng.randint(10, 500) * 100
            for kind, index, count in (
                ("buy", first, shares),
                ("buy", second, shares // 2),
                ("sell", third, shares // 3),
            ):
                day, close = path[index]
                batch.add(
                    "holding_transaction",
                    {
                        "holding_id": holding,
                        "kind": kind,
                        "trade_date": day,
                        "currency": currency,
                        "shares": Decimal(count),
                        "price": _money(close),
                        "fees": Decimal("9.99"),
                        "split_new": None,
                        "split_old": None,
                    },
                )
            if consolidated is not None:
                batch.add(
                    "holding_transaction",
                    {
                        "holding_id": holding,
                        "kind": "split or consolidation",
                        "trade_date": closes[consolidated - 1] + timedelta(days=1),
                        "currency": currency,
                        "shares": None,
                        "price": None,
                        "fees": None,
                        "split_new": Decimal(1),
                        "split_old": Decimal(5),
                    },
                )
            if number % 1000 == 999:
                batch.flush()
        batch.flush()
        return dict(batch.counts)


def _timed(repeats: int, work: Any) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return times, result


def measure(engine: Engine, repeats: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from ui.portfolio.value_chart import ValueChart

    app = QApplication.instance() or QApplication([])

    def figures() -> Performance:
        with Session(engine) as session:
            return load_performance(session, "CAD", PeriodKind.SINCE_START, END)

    compute, performance = _timed(repeats, figures)
    chart = ValueChart()
    chart.resize(WIDTH, HEIGHT)
    chart.show()
    app.processEvents()

    def draw() -> None:
        chart.set_series(performance.series, performance.currency)
        chart.grab()

    draws, _ = _timed(repeats, draw)
    total = performance.rows[-1]
    chart.close()
    return {
        "holdings": len(performance.rows) - 1,
        "left_out": len(performance.left_out),
        "series_points": len(performance.series),
        "total_twr_pct": str(total.twr_pct),
        "total_mwr_pct": str(total.mwr_pct),
        "compute_s": {"median": statistics.median(compute), "all": compute},
        "chart_draw_s": {"median": statistics.median(draws), "all": draws},
    }


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'performance.sqlite3'}")
        try:
            upgrade_to_head(engine, backup=False)
            started = time.perf_counter()
            counts = generate(engine, args.holdings, args.months, args.seed)
            generated = time.perf_counter() - started
            figures = measure(engine, args.repeats)
        finally:
            engine.dispose()
    checks = {"chart draws under 0.5 s": figures["chart_draw_s"]["median"] < CHART_TARGET_S}
    report = {
        "holdings": args.holdings,
        "months": args.months,
        "seed": args.seed,
        "rows": counts,
        "generate_s": generated,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "figures": figures,
        "targets_met": checks,
    }
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / "performance.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {output}")
    return 0 if all(checks.values()) else 1
