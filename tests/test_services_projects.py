"""Projects: owners, ordered commodities, stage history, tags, search and delete."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, add_project, assert_refused, row_counts
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Deal, Event, Project, ProjectStage, ResourceLine, Study
from tracker.services.commodities import (
    create_commodity,
    project_commodity_symbols,
    resolve_commodities,
)
from tracker.services.deals import create_deal
from tracker.services.events import create_event
from tracker.services.projects import (
    OwnerShare,
    StageEntry,
    create_project,
    delete_project,
    delete_stage,
    find_project,
    owners_of,
    project_dependants,
    record_stage,
    stage_history,
    tags_of,
    update_project,
)
from tracker.services.studies import add_resource, create_study


def test_create_and_read_back(engine: Engine, session: Session) -> None:
    moly = add_company(session, "Moly Mines")
    partner = add_company(session, "Partner Corp")
    project = create_project_full(session, moly.id or 0, partner.id or 0)
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Project, project.id)
        assert stored is not None
        assert (stored.name, stored.country, stored.region) == ("Moly Hill", "Canada", "BC")
        assert (stored.latitude, stored.longitude) == (Decimal("54.123456"), Decimal("-127.5"))
        assert stored.status == "active"
        assert stored.stage == "pre-feasibility"
        assert owners_of(fresh, stored.id or 0) == [
            OwnerShare(moly.id or 0, Decimal("70"), True),
            OwnerShare(partner.id or 0, Decimal("30"), False),
        ]
        assert project_commodity_symbols(fresh, stored.id or 0) == ["Mo", "Cu", "W"]
        assert tags_of(fresh, stored.id or 0) == ["porphyry", "road access"]


def create_project_full(session: Session, operator_id: int, partner_id: int) -> Project:
    return create_project(
        session,
        Project(
            name=" Moly Hill ",
            country="Canada",
            region="BC",
            latitude=Decimal("54.123456"),
            longitude=Decimal("-127.5"),
            notes="",
        ),
        owners=[
            OwnerShare(operator_id, Decimal("70"), True),
            OwnerShare(partner_id, Decimal("30")),
        ],
        commodities=["Mo", "copper", "w"],
        stage=StageEntry("pre-feasibility", date(2024, 3, 1)),
        tags=["road access", " porphyry ", "porphyry", ""],
    )


def test_commodities_keep_their_order_primary_first(session: Session) -> None:
    project = add_project(session, "Order Test", commodities=["Mo", "Cu", "W"])
    assert project_commodity_symbols(session, project.id or 0) == ["Mo", "Cu", "W"]
    update_project(session, project.id or 0, Project(name="Order Test"), commodities=["W", "Mo"])
    assert project_commodity_symbols(session, project.id or 0) == ["W", "Mo"]
    update_project(session, project.id or 0, Project(name="Order Test"), commodities=[])
    assert project_commodity_symbols(session, project.id or 0) == []


def test_resolve_commodities_by_symbol_or_name(session: Session) -> None:
    ids, problems = resolve_commodities(session, ["gold", "AU", "Unobtainium"])
    assert len(ids) == 1
    assert [(p.field, p.value, p.reason) for p in problems] == [
        ("commodities", "AU", "is named twice"),
        ("commodities", "Unobtainium", "is not a known commodity"),
    ]


def test_new_commodity_can_be_used(session: Session) -> None:
    create_commodity(session, "Bi", "Bismuth", "lb")
    project = add_project(session, "Bismuth Flat", commodities=["bismuth", "Au"])
    assert project_commodity_symbols(session, project.id or 0) == ["Bi", "Au"]


def test_update_replaces_fields_but_not_the_stage(engine: Engine, session: Session) -> None:
    moly = add_company(session, "Moly Mines")
    project = add_project(
        session, "Moly Hill", [(moly, "100", True)], ["Mo"], ("feasibility", date(2024, 1, 1))
    )
    update_project(
        session,
        project.id or 0,
        Project(name="Moly Hill North", country="Chile", status="watchlist", stage="production"),
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Project, project.id)
        assert stored is not None
        assert (stored.name, stored.country, stored.status) == (
            "Moly Hill North",
            "Chile",
            "watchlist",
        )
        assert stored.stage == "feasibility"  # only record_stage moves the stage
        # Owners, commodities and tags not given are kept.
        assert owners_of(fresh, project.id or 0) == [OwnerShare(moly.id or 0, Decimal(100), True)]
        assert project_commodity_symbols(fresh, project.id or 0) == ["Mo"]


def test_update_missing_project(session: Session) -> None:
    with pytest.raises(NotFoundError, match="project #404 does not exist"):
        update_project(session, 404, Project(name="Nowhere"))


def test_refused_update_writes_nothing(engine: Engine, session: Session) -> None:
    project = add_project(session, "Stable", commodities=["Au"])
    assert_refused(
        engine,
        session,
        lambda: update_project(
            session,
            project.id or 0,
            Project(name="Stable", latitude=Decimal(91)),
            commodities=["Ag"],
        ),
        ValidationError,
    )
    with Session(engine) as fresh:
        assert fresh.get(Project, project.id).latitude is None  # type: ignore[union-attr]
        assert project_commodity_symbols(fresh, project.id or 0) == ["Au"]


def test_find_project(session: Session) -> None:
    moly = add_company(session, "Moly Mines")
    gold = add_company(session, "Gold Co")
    mine = add_project(session, "Twin Peaks", [(moly, "100", True)])
    theirs = add_project(session, "Twin Peaks", [(gold, "100", True)])
    assert find_project(session, " twin PEAKS ") in (mine, theirs)
    assert find_project(session, "Twin Peaks", company_id=gold.id) is theirs
    assert find_project(session, "Twin Peaks", company_id=moly.id) is mine
    assert find_project(session, "Elsewhere") is None


# --- stage history -----------------------------------------------------------------------


def test_record_stage_appends_and_current_follows_latest_date(
    engine: Engine, session: Session
) -> None:
    project = add_project(session, "Staged", stage=("grassroots exploration", date(2019, 5, 1)))
    record_stage(session, project.id or 0, StageEntry("PEA/scoping", date(2022, 6, 1)))
    assert project.stage == "PEA/scoping"
    # A back-dated entry joins the history without becoming the current stage.
    record_stage(session, project.id or 0, StageEntry("resource definition", date(2021, 2, 1)))
    assert project.stage == "PEA/scoping"
    record_stage(session, project.id or 0, StageEntry("pre-feasibility", date(2023, 9, 1)))
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Project, project.id)
        assert stored is not None and stored.stage == "pre-feasibility"
        history = stage_history(fresh, project.id or 0)
        assert [(row.stage, row.effective_date) for row in history] == [
            ("grassroots exploration", date(2019, 5, 1)),
            ("resource definition", date(2021, 2, 1)),
            ("PEA/scoping", date(2022, 6, 1)),
            ("pre-feasibility", date(2023, 9, 1)),
        ]


def test_same_day_stages_latest_entry_wins(session: Session) -> None:
    project = add_project(session, "Busy Day")
    record_stage(session, project.id or 0, StageEntry("feasibility", date(2024, 1, 1)))
    record_stage(session, project.id or 0, StageEntry("permitting", date(2024, 1, 1)))
    assert project.stage == "permitting"


def test_delete_stage_recomputes_current(engine: Engine, session: Session) -> None:
    project = add_project(session, "Undo", stage=("feasibility", date(2022, 1, 1)))
    latest = record_stage(session, project.id or 0, StageEntry("construction", date(2024, 1, 1)))
    assert project.stage == "construction"
    delete_stage(session, latest.id or 0)
    assert project.stage == "feasibility"
    only = stage_history(session, project.id or 0)[0]
    delete_stage(session, only.id or 0)
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Project, project.id)
        assert stored is not None and stored.stage is None
        assert fresh.exec(select(ProjectStage)).all() == []


def test_unknown_stage_is_refused(engine: Engine, session: Session) -> None:
    project = add_project(session, "Bad Stage")
    error = assert_refused(
        engine,
        session,
        lambda: record_stage(session, project.id or 0, StageEntry("mining", date(2024, 1, 1))),
        ValidationError,
    )
    assert error.problems[0].field == "stage"
    assert str(error).startswith("stage 'mining': must be one of grassroots exploration, ")


def test_record_stage_on_missing_project(session: Session) -> None:
    with pytest.raises(NotFoundError):
        record_stage(session, 12345, StageEntry("feasibility", date(2024, 1, 1)))


# --- delete ----------------------------------------------------------------------------


def test_delete_project_cascades_but_keeps_deals(engine: Engine, session: Session) -> None:
    moly = add_company(session, "Moly Mines")
    project = add_project(
        session, "Doomed", [(moly, "100", True)], ["Mo"], ("feasibility", date(2023, 1, 1))
    )
    project_id = project.id or 0
    study = create_study(session, Study(project_id=project_id, study_type="FS", title="FS"))
    add_resource(
        session,
        ResourceLine(
            project_id=project_id, study_id=study.id, category="indicated", tonnes=Decimal(10)
        ),
    )
    create_event(
        session, Event(event_date=date(2024, 1, 1), kind="news", title="x", project_id=project_id)
    )
    deal = create_deal(
        session,
        Deal(
            title="Sale",
            deal_type="acquisition",
            status="proposed",
            project_id=project_id,
            announced_date=date(2024, 1, 1),
        ),
    )
    assert project_dependants(session, project_id) == {
        "studies": 1,
        "resource lines": 1,
        "events": 1,
        "deals (kept, unlinked)": 1,
    }
    delete_project(session, project_id)
    session.commit()
    counts = row_counts(engine)
    gone = ["project", "project_owner", "project_commodity", "project_stage"]
    gone += ["study", "resource_line", "event"]
    assert {table: counts[table] for table in gone} == dict.fromkeys(gone, 0)
    assert (counts["company"], counts["deal"], counts["deal_status_change"]) == (1, 1, 1)
    with Session(engine) as fresh:
        kept = fresh.get(Deal, deal.id)
        assert kept is not None and kept.project_id is None


def test_delete_missing_project(session: Session) -> None:
    with pytest.raises(NotFoundError):
        delete_project(session, 9)
