"""Fill a migrated database with N realistic projects, to measure the app at scale.

``python -m bench generate --projects 100000 --db big.sqlite3`` builds one; benchmarks and
tests call ``generate`` directly. The same seed always gives the same rows.
"""

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from sqlalchemy import Engine, select

from bench.activity import add_deals, add_global_events, add_project_events
from bench.batch import Batch, indexes_deferred, table
from bench.names import Namer
from bench.projects import Commodities, add_project
from bench.world import add_companies, add_holdings
from db.engine import make_engine
from db.migrate import upgrade_to_head

#: Bump when the generated data changes, so cached databases are not reused by mistake.
VERSION = 1
#: Projects generated between two inserts: bounds memory, and paces the progress callback.
CHUNK = 5000
HOLDINGS = 20
#: Tables filled per project, whose indexes are built after the rows are in.
BULK_TABLES = (
    "project",
    "project_owner",
    "project_commodity",
    "project_stage",
    "study",
    "deal",
    "deal_status_change",
    "deal_obligation",
    "event",
    "event_commodity",
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class GenerationCounts:
    """Rows written per table."""

    companies: int
    listings: int
    holdings: int
    projects: int
    project_owners: int
    project_commodities: int
    project_stages: int
    studies: int
    deals: int
    deal_status_changes: int
    deal_obligations: int
    events: int
    event_commodities: int

    @classmethod
    def from_tables(cls, counts: Counter[str]) -> "GenerationCounts":
        """Read a Counter keyed by table name ('project_owner' -> ``project_owners``)."""
        values = {_plural(name): count for name, count in counts.items()}
        return cls(**{field.name: values.get(field.name, 0) for field in fields(cls)})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())


def _plural(name: str) -> str:
    return name[:-1] + "ies" if name.endswith("y") else name + "s"


def generate(
    engine: Engine, projects: int, seed: int = 1, progress: Progress | None = None
) -> GenerationCounts:
    """Add ``projects`` projects with companies, studies, deals and events, in one transaction.

    About one company per five projects; ``progress(done, total)`` is called after each chunk.
    Meant for an empty database, but ids and names never clash with rows already there.
    """
    rng = random.Random(seed)
    namer = Namer(rng)
    commodity = table("commodity")
    with engine.begin() as connection:
        rows = connection.execute(
            select(commodity.c.symbol, commodity.c.id).order_by(commodity.c.id)
        )
        by_symbol = {symbol: commodity_id for symbol, commodity_id in rows}
        company, listing = table("company"), table("listing")
        namer.reserve(
            connection.execute(select(company.c.name)).scalars(),
            connection.execute(select(listing.c.ticker)).scalars(),
        )
        batch = Batch(connection)
        companies = add_companies(batch, rng, namer, max(1, round(projects / 5)))
        add_holdings(batch, rng, companies, HOLDINGS)
        batch.flush()
        picker = Commodities(rng, by_symbol)
        with indexes_deferred(connection, BULK_TABLES):
            for done in range(1, projects + 1):
                project = add_project(batch, rng, namer, companies, picker)
                add_deals(batch, rng, project, companies)
                add_project_events(batch, rng, project)
                if done % CHUNK == 0 or done == projects:
                    batch.flush()
                    if progress is not None:
                        progress(done, projects)
            add_global_events(batch, rng, max(10, projects // 100), list(by_symbol.values()))
            batch.flush()
    return GenerationCounts.from_tables(batch.counts)


def build_database(
    path: Path, projects: int, seed: int = 1, progress: Progress | None = None
) -> tuple[GenerationCounts, float]:
    """Create a new SQLite file at ``path`` and fill it; returns the counts and seconds taken."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine, backup=False)
        started = time.perf_counter()
        counts = generate(engine, projects, seed, progress)
        return counts, time.perf_counter() - started
    finally:
        engine.dispose()


def print_progress(done: int, total: int) -> None:
    """Overwrite one line on a terminal; print nothing when stderr goes to a file or a pipe."""
    if sys.stderr.isatty():
        end = "" if done < total else "\n"
        print(f"\r  {done:,} / {total:,} projects", end=end, file=sys.stderr, flush=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=10_000, help="projects to generate")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args: argparse.Namespace) -> int:
    path: Path = args.db
    if path.exists() and not args.force:
        print(f"{path} exists; pass --force to replace it", file=sys.stderr)
        return 2
    counts, seconds = build_database(path, args.projects, args.seed, print_progress)
    for name, count in counts.as_dict().items():
        print(f"{name:<22}{count:>12,}")
    print(f"{'total rows':<22}{counts.total:>12,}")
    print(f"generated in {seconds:.1f} s into {path}")
    return 0
