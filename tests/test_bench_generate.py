"""The benchmark generator writes data the app itself would accept, and the same data per seed."""

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from bench.batch import table
from bench.generate import GenerationCounts, generate
from db.engine import make_engine
from db.migrate import upgrade_to_head
from tracker.enums import FINAL_DEAL_STATUSES, StudyType
from tracker.validation import IRR_MAX, IRR_MIN

PROJECTS = 200
STUDY_ORDER = [
    StudyType.RESOURCE_ESTIMATE.value,
    StudyType.PEA.value,
    StudyType.PFS.value,
    StudyType.FS.value,
]


@pytest.fixture
def counts(engine: Engine) -> GenerationCounts:
    return generate(engine, PROJECTS, seed=7)


@pytest.fixture
def other_engine(tmp_path: Path) -> Iterator[Engine]:
    """A second fresh database, to generate into again."""
    created = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    upgrade_to_head(created)
    yield created
    created.dispose()


def rows(engine: Engine, name: str, *columns: str) -> list[Any]:
    """Rows of a table (or only ``columns``), in primary-key order, read through Core."""
    target = table(name)
    query = select(*(target.c[column] for column in columns)) if columns else select(target)
    with engine.connect() as connection:
        return list(connection.execute(query.order_by(*target.primary_key.columns)).all())


def count(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table(name))).scalar_one())


def test_counts_match_the_database_and_the_proportions(
    engine: Engine, counts: GenerationCounts
) -> None:
    assert counts.projects == PROJECTS
    assert counts.companies == PROJECTS // 5
    assert counts.holdings == 20
    assert counts.companies <= counts.listings <= 2 * counts.companies
    assert count(engine, "company") == counts.companies
    assert count(engine, "listing") == counts.listings
    assert count(engine, "project_owner") == counts.project_owners
    assert count(engine, "project_stage") == counts.project_stages
    assert count(engine, "study") == counts.studies
    assert count(engine, "deal") == counts.deals
    assert count(engine, "deal_status_change") == counts.deal_status_changes
    assert count(engine, "deal_obligation") == counts.deal_obligations
    assert count(engine, "event") == counts.events
    assert count(engine, "event_commodity") == counts.event_commodities
    assert counts.total == sum(counts.as_dict().values())
    assert 1.0 <= counts.studies / PROJECTS <= 1.6
    assert 0.15 <= counts.deals / PROJECTS <= 0.45
    assert 9 <= counts.events / PROJECTS <= 11.5
    assert counts.deal_obligations <= 3 * counts.deals


def test_every_project_has_one_operator_and_at_most_100_percent(
    engine: Engine, counts: GenerationCounts
) -> None:
    operators: dict[int, int] = defaultdict(int)
    interests: dict[int, Decimal] = defaultdict(Decimal)
    for project_id, interest, is_operator in rows(
        engine, "project_owner", "project_id", "interest_pct", "is_operator"
    ):
        operators[project_id] += bool(is_operator)
        interests[project_id] += interest
    assert len(operators) == PROJECTS
    assert set(operators.values()) == {1}
    assert all(Decimal(0) < total <= Decimal(100) for total in interests.values())


def test_project_stage_is_the_latest_of_its_history(
    engine: Engine, counts: GenerationCounts
) -> None:
    history: dict[int, list[tuple[Any, int, str]]] = defaultdict(list)
    for stage_id, project_id, stage, day in rows(
        engine, "project_stage", "id", "project_id", "stage", "effective_date"
    ):
        history[project_id].append((day, stage_id, stage))
    stages = dict(rows(engine, "project", "id", "stage"))
    assert set(history) == set(stages)
    for project_id, entries in history.items():
        assert 1 <= len(entries) <= 4
        assert stages[project_id] == max(entries)[2]


def test_commodities_are_ranked_from_zero(engine: Engine, counts: GenerationCounts) -> None:
    ranks: dict[int, list[int]] = defaultdict(list)
    for project_id, rank in rows(engine, "project_commodity", "project_id", "rank"):
        ranks[project_id].append(rank)
    assert len(ranks) == PROJECTS
    for found in ranks.values():
        assert sorted(found) == list(range(len(found)))
        assert 1 <= len(found) <= 3


def test_studies_follow_the_usual_order_with_sane_economics(
    engine: Engine, counts: GenerationCounts
) -> None:
    by_project: dict[int, list[tuple[Any, str]]] = defaultdict(list)
    for project_id, study_type, published, currency, irr, npv, capex in rows(
        engine,
        "study",
        "project_id",
        "study_type",
        "publication_date",
        "currency",
        "after_tax_irr_pct",
        "after_tax_npv",
        "initial_capex",
    ):
        by_project[project_id].append((published, study_type))
        assert currency in {"USD", "CAD", "AUD"}
        if study_type == StudyType.RESOURCE_ESTIMATE.value:
            assert irr is None and npv is None
            continue
        assert isinstance(irr, Decimal) and IRR_MIN <= irr <= IRR_MAX
        assert isinstance(npv, Decimal) and isinstance(capex, Decimal) and capex > 0
    for studies in by_project.values():
        types = [study_type for _, study_type in sorted(studies)]
        assert types == STUDY_ORDER[: len(types)]


def test_deal_status_is_the_last_of_its_history(engine: Engine, counts: GenerationCounts) -> None:
    history: dict[int, list[tuple[Any, int, str]]] = defaultdict(list)
    for change_id, deal_id, status, day in rows(
        engine, "deal_status_change", "id", "deal_id", "status", "changed_on"
    ):
        history[deal_id].append((day, change_id, status))
    for deal_id, status, announced, closed in rows(
        engine, "deal", "id", "status", "announced_date", "closed_date"
    ):
        entries = sorted(history[deal_id])
        assert entries[-1][2] == status
        assert entries[0][0] == announced
        assert (closed is not None) == (status in FINAL_DEAL_STATUSES)


def test_the_same_seed_gives_the_same_data(engine: Engine, other_engine: Engine) -> None:
    first = generate(engine, 50, seed=3)
    second = generate(other_engine, 50, seed=3)
    assert first == second
    for name in ("company", "listing", "project", "project_owner", "study", "deal", "event"):
        assert rows(engine, name) == rows(other_engine, name), name


def test_another_seed_gives_other_data(engine: Engine, other_engine: Engine) -> None:
    generate(engine, 20, seed=1)
    generate(other_engine, 20, seed=2)
    assert rows(engine, "project", "name") != rows(other_engine, "project", "name")


def test_indexes_are_rebuilt(engine: Engine, other_engine: Engine) -> None:
    """Generation drops and rebuilds indexes for speed; the schema must come out unchanged."""
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with other_engine.connect() as connection:
        before = connection.exec_driver_sql(query).all()
    generate(other_engine, 20)
    with other_engine.connect() as connection:
        assert connection.exec_driver_sql(query).all() == before


def test_progress_is_reported_and_a_second_run_adds_to_the_first(engine: Engine) -> None:
    calls: list[tuple[int, int]] = []
    generate(engine, 20, seed=5, progress=lambda done, total: calls.append((done, total)))
    again = generate(engine, 20, seed=5)
    assert calls == [(20, 20)]
    assert count(engine, "project") == 40
    assert count(engine, "company") == 2 * again.companies
