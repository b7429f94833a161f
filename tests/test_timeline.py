"""Timeline data (tracker.timeline): lanes, filters, portfolio order, hover texts, economics."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine, func, or_
from sqlmodel import Session, col, select

from db.session import transaction
from tests.domain_factories import add_company, add_project
from tracker import timeline as tl
from tracker.demo import load_demo
from tracker.lists.items import project_items
from tracker.models import Deal, DealObligation, Event, ProjectStage, Study
from tracker.services.deals import ObligationSpec, change_status, create_deal, obligations_of
from tracker.services.events import create_event
from tracker.services.projects import StageEntry, record_stage
from tracker.services.studies import create_study
from tracker.timeline import fetch
from tracker.timeline.columns import stack_spans

TODAY = date(2025, 6, 30)


@dataclass(frozen=True)
class World:
    """Ids of a small portfolio whose every timeline value is known."""

    copper: int
    gold: int
    lithium: int
    pea: int
    pfs: int
    old_estimate: int
    gold_pea: int
    option: int
    joint_venture: int
    acquisition: int
    cash_met: int
    shares_overdue: int
    work_due: int
    copper_order: int
    lithium_royalty: int
    market_wide: int


def day(value: date) -> int:
    return tl.epoch_day(value)


def build_world(session: Session) -> World:
    """Three projects with stages, studies, deals, obligations and events, plus global news."""
    alpha = add_company(session, "Alpha Mining")
    beta = add_company(session, "Beta Resources")
    copper = add_project(
        session,
        "Copper Hill",
        [(alpha, "100", True)],
        ["Cu", "Au"],
        ("grassroots exploration", date(2018, 1, 1)),
        country="Canada",
    )
    assert copper.id is not None
    record_stage(session, copper.id, StageEntry("PEA/scoping", date(2021, 6, 1)))
    record_stage(session, copper.id, StageEntry("pre-feasibility", date(2023, 3, 1)))
    gold = add_project(
        session,
        "gold creek",
        [(beta, "60", False), (alpha, "40", True)],
        ["Au"],
        ("resource definition", date(2020, 1, 1)),
        country="United States",
    )
    lithium = add_project(session, "Lithium Flats", [], ["Li"])
    pea = study(session, copper.id, "PEA/scoping", "Copper Hill PEA", date(2023, 5, 1), "412", "24")
    pfs = study(session, copper.id, "PFS", "Copper Hill PFS", date(2024, 9, 15), "655", "27.5")
    old = create_study(
        session,
        Study(
            project_id=copper.id,
            study_type="resource estimate",
            title="Maiden resource",
            effective_date=date(2019, 4, 1),
        ),
    )
    create_study(session, Study(project_id=copper.id, study_type="PFS", title="Undated draft"))
    gold_pea = create_study(
        session,
        Study(
            project_id=gold.id or 0,
            study_type="PEA/scoping",
            title="Gold Creek PEA",
            publication_date=date(2022, 2, 2),
            currency="CAD",
            after_tax_npv=Decimal("150000000"),
            discount_rate_pct=Decimal("5"),
            after_tax_irr_pct=Decimal("18"),
            initial_capex=Decimal("90000000"),
        ),
    )
    option = create_deal(
        session,
        Deal(
            title="Alpha options Copper Hill",
            deal_type="option/earn-in",
            status="LOI signed",
            project_id=copper.id,
            announced_date=date(2022, 1, 10),
        ),
        obligations=[
            ObligationSpec("cash", Decimal("250000"), "CAD", date(2022, 7, 1), met=True),
            ObligationSpec("shares", Decimal("1000000"), None, date(2024, 1, 1)),
            ObligationSpec("work commitment", Decimal("2000000"), "CAD", date(2026, 3, 1)),
            ObligationSpec("cash", Decimal("5"), "CAD", None),
        ],
    )
    assert option.id is not None
    change_status(session, option.id, "definitive agreement", date(2022, 6, 1))
    change_status(session, option.id, "closed", date(2023, 1, 15))
    joint_venture = create_deal(
        session,
        Deal(
            title="Copper Hill JV",
            deal_type="joint venture",
            status="proposed",
            project_id=copper.id,
            announced_date=date(2025, 3, 1),
            expected_close_date=date(2025, 12, 31),
        ),
    )
    acquisition = create_deal(
        session,
        Deal(
            title="Beta bid for Gold Creek",
            deal_type="acquisition",
            status="proposed",
            project_id=gold.id,
            announced_date=date(2021, 5, 5),
        ),
    )
    assert acquisition.id is not None
    change_status(session, acquisition.id, "terminated", date(2021, 9, 9))
    create_deal(
        session,
        Deal(
            title="Royalty on nothing",
            deal_type="royalty",
            status="proposed",
            announced_date=date(2024, 1, 1),
        ),
    )
    event(session, date(2022, 3, 3), "drill result", "CH-22-01: 200 m", project_id=copper.id)
    event(session, date(2023, 8, 8), "news", "Road access agreed", project_id=copper.id)
    event(session, date(2021, 1, 1), "permit", "Drilling permit", project_id=gold.id)
    create_event(
        session,
        Event(
            event_date=date(2024, 3, 3), kind="financing", title="Alpha raises", company_id=alpha.id
        ),
    )
    copper_order = event(
        session, date(2024, 2, 2), "policy/regulatory", "Copper export order", ["Cu"]
    )
    royalty = event(session, date(2024, 5, 5), "policy/regulatory", "Lithium royalty hike", ["Li"])
    market = event(session, date(2023, 10, 10), "news", "Rates rise everywhere")
    cash, shares, work, _undated = obligations_of(session, option.id)
    session.commit()
    return World(
        copper=copper.id,
        gold=gold.id or 0,
        lithium=lithium.id or 0,
        pea=pea,
        pfs=pfs,
        old_estimate=old.id or 0,
        gold_pea=gold_pea.id or 0,
        option=option.id,
        joint_venture=joint_venture.id or 0,
        acquisition=acquisition.id,
        cash_met=cash.id or 0,
        shares_overdue=shares.id or 0,
        work_due=work.id or 0,
        copper_order=copper_order,
        lithium_royalty=royalty,
        market_wide=market,
    )


def study(
    session: Session,
    project_id: int,
    study_type: str,
    title: str,
    published: date,
    npv_millions: str,
    irr: str,
) -> int:
    created = create_study(
        session,
        Study(
            project_id=project_id,
            study_type=study_type,
            title=title,
            publication_date=published,
            currency="USD",
            after_tax_npv=Decimal(npv_millions) * 1_000_000,
            discount_rate_pct=Decimal("8"),
            after_tax_irr_pct=Decimal(irr),
            initial_capex=Decimal("310000000") if study_type == "PEA/scoping" else None,
        ),
    )
    return created.id or 0


def event(
    session: Session,
    when: date,
    kind: str,
    title: str,
    commodities: list[str] | None = None,
    *,
    project_id: int | None = None,
) -> int:
    created = create_event(
        session,
        Event(event_date=when, kind=kind, title=title, project_id=project_id),
        commodities or [],
    )
    return created.id or 0


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def rows_of(lane: tl.Marks) -> set[tuple[int, int, int, str, bool, bool]]:
    return {
        (int(i), int(p), int(d), str(c), bool(f), bool(s))
        for i, p, d, c, f, s in zip(
            lane.ids,
            lane.project_ids,
            lane.days,
            lane.categories,
            lane.flagged,
            lane.settled,
            strict=True,
        )
    }


def spans_of(lane: tl.Spans) -> set[tuple[int, int, int, int, str, bool]]:
    return {
        (int(i), int(p), int(s), int(e), str(c), bool(o))
        for i, p, s, e, c, o in zip(
            lane.ids,
            lane.project_ids,
            lane.starts,
            lane.ends,
            lane.categories,
            lane.ongoing,
            strict=True,
        )
    }


# -- lanes --------------------------------------------------------------------------------------


def test_stage_bands_run_until_the_next_stage_and_the_last_until_today(
    session: Session, world: World
) -> None:
    data = tl.project_timeline(session, world.copper, TODAY)
    bands = sorted(
        (int(s), int(e), str(c), bool(o))
        for s, e, c, o in zip(
            data.stages.starts,
            data.stages.ends,
            data.stages.categories,
            data.stages.ongoing,
            strict=True,
        )
    )
    assert bands == [
        (day(date(2018, 1, 1)), day(date(2021, 6, 1)), "grassroots exploration", False),
        (day(date(2021, 6, 1)), day(date(2023, 3, 1)), "PEA/scoping", False),
        (day(date(2023, 3, 1)), day(TODAY), "pre-feasibility", True),
    ]


def test_deals_run_from_announcement_to_close_or_termination(
    session: Session, world: World
) -> None:
    data = tl.load_timeline(session, TODAY)
    assert spans_of(data.deals) == {
        (
            world.option,
            world.copper,
            day(date(2022, 1, 10)),
            day(date(2023, 1, 15)),
            "closed",
            False,
        ),
        # Open, and expected to close after today: the bar reaches the expected close.
        (
            world.joint_venture,
            world.copper,
            day(date(2025, 3, 1)),
            day(date(2025, 12, 31)),
            "proposed",
            True,
        ),
        (
            world.acquisition,
            world.gold,
            day(date(2021, 5, 5)),
            day(date(2021, 9, 9)),
            "terminated",
            False,
        ),
    }


def test_obligations_are_flagged_when_overdue_relative_to_today(
    session: Session, world: World
) -> None:
    data = tl.project_timeline(session, world.copper, TODAY)
    assert rows_of(data.obligations) == {
        (world.cash_met, world.copper, day(date(2022, 7, 1)), "cash", False, True),
        (world.shares_overdue, world.copper, day(date(2024, 1, 1)), "shares", True, False),
        (world.work_due, world.copper, day(date(2026, 3, 1)), "work commitment", False, False),
    }
    earlier = tl.project_timeline(session, world.copper, date(2023, 12, 31))
    assert not earlier.obligations.flagged.any()


def test_studies_use_publication_date_else_effective_date_and_skip_undated(
    session: Session, world: World
) -> None:
    data = tl.project_timeline(session, world.copper, TODAY)
    assert rows_of(data.studies) == {
        (world.pea, world.copper, day(date(2023, 5, 1)), "PEA/scoping", False, False),
        (world.pfs, world.copper, day(date(2024, 9, 15)), "PFS", False, False),
        (
            world.old_estimate,
            world.copper,
            day(date(2019, 4, 1)),
            "resource estimate",
            False,
            False,
        ),
    }


def test_events_are_the_projects_own_by_kind(session: Session, world: World) -> None:
    data = tl.load_timeline(session, TODAY)
    pairs = zip(data.events.project_ids.tolist(), data.events.categories.tolist(), strict=True)
    assert sorted(pairs) == [
        (world.copper, "drill result"),
        (world.copper, "news"),
        (world.gold, "permit"),
    ]


def test_global_events_touch_the_projects_commodities(session: Session, world: World) -> None:
    def global_ids(project_ids: list[int] | None) -> set[int]:
        return set(tl.load_timeline(session, TODAY, project_ids).global_events.ids.tolist())

    assert global_ids([world.copper]) == {world.copper_order, world.market_wide}
    assert global_ids([world.gold]) == {world.market_wide}
    assert global_ids([world.lithium]) == {world.lithium_royalty, world.market_wide}
    assert global_ids(None) == {world.copper_order, world.lithium_royalty, world.market_wide}
    data = tl.project_timeline(session, world.copper, TODAY)
    assert (data.global_events.project_ids == tl.NO_PROJECT).all()


def test_a_long_id_list_is_filtered_in_memory_with_the_same_result(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = [world.copper, world.lithium]
    in_sql = tl.load_timeline(session, TODAY, wanted)
    monkeypatch.setattr(fetch, "SQL_IN_LIMIT", 0)
    in_memory = tl.load_timeline(session, TODAY, wanted)
    restricted = tl.restrict(tl.load_timeline(session, TODAY), wanted)
    for other in (in_memory, restricted):
        assert spans_of(other.stages) == spans_of(in_sql.stages)
        assert spans_of(other.deals) == spans_of(in_sql.deals)
        for lane in ("studies", "obligations", "events", "global_events"):
            assert rows_of(getattr(other, lane)) == rows_of(getattr(in_sql, lane))
    assert in_sql.item_count == 3 + 2 + 3 + 3 + 2 + 3


def test_empty_database_gives_empty_lanes(session: Session) -> None:
    data = tl.load_timeline(session, TODAY)
    assert data.item_count == 0
    assert tl.next_milestones(data) == {}


def test_stack_spans_puts_overlapping_spans_on_separate_rows() -> None:
    starts = np.array([0, 5, 20, 12], dtype=np.int64)
    ends = np.array([10, 15, 30, 18], dtype=np.int64)
    assert stack_spans(starts, ends).tolist() == [0, 1, 0, 0]
    assert stack_spans(starts, ends, gap=3).tolist() == [0, 1, 0, 2]


def test_epoch_days_round_trip() -> None:
    assert tl.epoch_day(date(1970, 1, 2)) == 1
    assert tl.from_epoch_day(tl.epoch_day(date(2024, 2, 29))) == date(2024, 2, 29)


# -- portfolio rows -----------------------------------------------------------------------------


def test_portfolio_projects_match_the_project_list(session: Session, world: World) -> None:
    listed = {
        row.id: (row.name, row.company, row.country, row.stage, row.commodities[:1])
        for row in project_items(session)
    }
    found = {
        p.id: (p.name, p.company, p.country, p.stage, (p.commodity,) if p.commodity else ())
        for p in tl.portfolio_projects(session)
    }
    assert found == listed
    assert [p.id for p in tl.portfolio_projects(session, [world.gold])] == [world.gold]


def test_next_milestone_is_the_soonest_pending_date_from_today(
    session: Session, world: World
) -> None:
    data = tl.load_timeline(session, TODAY)
    assert tl.next_milestones(data) == {world.copper: date(2025, 12, 31)}
    later = tl.load_timeline(session, date(2026, 1, 1))
    assert tl.next_milestones(later) == {world.copper: date(2026, 3, 1)}


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        # Gold Creek's operator is Alpha Mining although Beta Resources holds more.
        (
            tl.GroupBy.COMPANY,
            [
                "Alpha Mining · 2 projects",
                "Copper Hill",
                "gold creek",
                "No company · 1 project",
                "Lithium Flats",
            ],
        ),
        (
            tl.GroupBy.COMMODITY,
            [
                *("Au · 1 project", "gold creek"),
                *("Cu · 1 project", "Copper Hill"),
                *("Li · 1 project", "Lithium Flats"),
            ],
        ),
        (
            tl.GroupBy.COUNTRY,
            [
                *("Canada · 1 project", "Copper Hill"),
                *("United States · 1 project", "gold creek"),
                *("No country · 1 project", "Lithium Flats"),
            ],
        ),
        # Stages in the order a project meets them, not alphabetical; the missing one last.
        (
            tl.GroupBy.STAGE,
            [
                *("resource definition · 1 project", "gold creek"),
                *("pre-feasibility · 1 project", "Copper Hill"),
                *("No stage · 1 project", "Lithium Flats"),
            ],
        ),
    ],
)
def test_arrange_groups_projects_with_headers(
    session: Session, world: World, group_by: tl.GroupBy, expected: list[str]
) -> None:
    rows = tl.arrange(tl.portfolio_projects(session), group_by, tl.SortBy.NAME, {})
    assert [row.label for row in rows] == expected
    assert all((row.project_id is None) == ("·" in row.label) for row in rows)


def test_arrange_sorts_by_next_milestone_then_name(session: Session, world: World) -> None:
    projects = tl.portfolio_projects(session)
    milestones = {world.lithium: date(2025, 7, 1), world.gold: date(2025, 9, 1)}
    rows = tl.arrange(projects, tl.GroupBy.COUNTRY, tl.SortBy.NEXT_MILESTONE, milestones)
    by_name = tl.arrange(projects, tl.GroupBy.COUNTRY, tl.SortBy.NAME, milestones)
    assert [r.project_id for r in rows] == [r.project_id for r in by_name]  # one per group
    flat = tl.arrange(
        [p._replace(country="Anywhere") for p in projects],
        tl.GroupBy.COUNTRY,
        tl.SortBy.NEXT_MILESTONE,
        milestones,
    )
    assert [r.project_id for r in flat] == [None, world.lithium, world.gold, world.copper]
    assert flat[1].next_milestone == date(2025, 7, 1)


# -- hover texts --------------------------------------------------------------------------------


def figures(**changes: Any) -> tl.StudyFigures:
    base = tl.StudyFigures(
        "PEA/scoping",
        "USD",
        Decimal("412000000"),
        None,
        Decimal("8"),
        Decimal("24"),
        None,
        None,
    )
    return base._replace(**changes)


def test_study_summary_reads_like_a_press_release() -> None:
    assert tl.study_summary(figures()) == "PEA · after-tax NPV USD 412.0 M @ 8.0 % · IRR 24.0 %"
    assert (
        tl.study_summary(figures(initial_capex=Decimal("310000000")))
        == "PEA · after-tax NPV USD 412.0 M @ 8.0 % · IRR 24.0 % · initial capex USD 310.0 M"
    )
    pre_tax = figures(
        after_tax_npv=None,
        pre_tax_npv=Decimal("1250000000"),
        after_tax_irr_pct=None,
        pre_tax_irr_pct=Decimal("31.5"),
        currency="CAD",
        study_type="FS",
    )
    assert tl.study_summary(pre_tax) == (
        "FS · pre-tax NPV CAD 1,250.0 M @ 8.0 % · pre-tax IRR 31.5 %"
    )
    bare = figures(after_tax_npv=None, after_tax_irr_pct=None, study_type="resource estimate")
    assert tl.study_summary(bare) == "Resource estimate"


def test_describe_a_known_study(session: Session, world: World) -> None:
    assert tl.describe(session, "study", world.pea, TODAY) == (
        "2023-05-01 · Copper Hill PEA\n"
        "PEA · after-tax NPV USD 412.0 M @ 8.0 % · IRR 24.0 % · initial capex USD 310.0 M"
    )


def test_describe_other_kinds(session: Session, world: World) -> None:
    overdue = tl.describe(session, "obligation", world.shares_overdue, TODAY)
    assert overdue.splitlines()[:2] == [
        "due 2024-01-01 · 1,000,000 shares · overdue 546 d",
        "Alpha options Copper Hill",
    ]
    work = tl.describe(session, "obligation", world.work_due, TODAY)
    assert work.startswith("due 2026-03-01 · CAD 2,000,000.00 of work · next · in 244 d")
    deal = tl.describe(session, "deal", world.joint_venture, TODAY)
    assert deal.splitlines() == [
        "Copper Hill JV",
        "joint venture · proposed",
        "announced 2025-03-01 · expected close 2025-12-31",
    ]
    assert "touches Cu" in tl.describe(session, "event", world.copper_order, TODAY)
    assert "market-wide" in tl.describe(session, "event", world.market_wide, TODAY)
    data = tl.project_timeline(session, world.copper, TODAY)
    first_stage = int(data.stages.ids[np.argmin(data.stages.starts)])
    assert tl.describe(session, "stage", first_stage, TODAY).splitlines() == [
        "Stage: grassroots exploration",
        "2018-01-01 → 2021-06-01",
    ]
    assert tl.describe(session, "project", world.copper, TODAY).startswith("Copper Hill\n")
    assert tl.describe(session, "study", 10_000, TODAY) == ""
    assert tl.describe(session, "unknown kind", world.pea, TODAY) == ""


# -- economics ----------------------------------------------------------------------------------


def test_project_economics_lists_studies_with_figures_oldest_first(
    session: Session, world: World
) -> None:
    studies = tl.project_economics(session, world.copper)
    assert [(s.study_id, s.day) for s in studies] == [
        (world.pea, date(2023, 5, 1)),
        (world.pfs, date(2024, 9, 15)),
    ]
    assert studies[1].after_tax_npv == Decimal("655000000")
    assert studies[1].initial_capex is None


def test_portfolio_economics_takes_each_projects_latest_study_and_never_an_older_one(
    session: Session, world: World
) -> None:
    points = tl.portfolio_economics(session)
    by_project = dict(zip(points.project_ids.tolist(), points.study_ids.tolist(), strict=True))
    # Copper Hill's latest study, its PFS, has no capex: it is left out, not drawn at its PEA.
    assert by_project == {world.gold: world.gold_pea}
    assert points.left_out == ("Copper Hill",)
    gold = points.where(points.project_ids == world.gold)
    assert gold.npv_millions.tolist() == [150.0]
    assert gold.capex_millions.tolist() == [90.0]
    assert gold.irr_pct.tolist() == [18.0]
    assert gold.currencies.tolist() == ["CAD"]
    assert gold.commodities.tolist() == ["Au"]
    assert gold.project_names.tolist() == ["gold creek"]
    assert len(tl.portfolio_economics(session, [world.lithium])) == 0


# -- the demo portfolio -------------------------------------------------------------------------


def count(session: Session, statement: Any) -> int:
    return int(session.exec(statement).one())


def test_demo_lanes_hold_every_dated_record(engine: Engine) -> None:
    with transaction(engine) as session:
        load_demo(session)
    with Session(engine) as session:
        data = tl.load_timeline(session, TODAY)
        on_project = col(Deal.project_id).is_not(None)
        expected = {
            "stages": count(session, select(func.count()).select_from(ProjectStage)),
            "studies": count(
                session,
                select(func.count())
                .select_from(Study)
                .where(
                    or_(
                        col(Study.publication_date).is_not(None),
                        col(Study.effective_date).is_not(None),
                    )
                ),
            ),
            "deals": count(session, select(func.count()).select_from(Deal).where(on_project)),
            "obligations": count(
                session,
                select(func.count())
                .select_from(DealObligation)
                .join(Deal, col(Deal.id) == col(DealObligation.deal_id))
                .where(on_project, col(DealObligation.due_date).is_not(None)),
            ),
            "events": count(
                session,
                select(func.count()).select_from(Event).where(col(Event.project_id).is_not(None)),
            ),
            "global_events": count(
                session,
                select(func.count())
                .select_from(Event)
                .where(col(Event.project_id).is_(None), col(Event.company_id).is_(None)),
            ),
        }
        assert {lane: len(getattr(data, lane)) for lane in expected} == expected
        assert min(expected.values()) > 0
