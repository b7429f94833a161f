"""Snapshots bring deleted records back whole, with their ids, and undo edits exactly."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel

from tests.domain_factories import add_company, add_project
from tracker import snapshots
from tracker.enums import DealStatus, DealType, EventKind, ObligationKind, StudyType
from tracker.errors import NotFoundError
from tracker.models import Commodity, Company, Deal, Event, Holding, Project, Study
from tracker.services import companies, deals, events, holdings, projects, studies
from tracker.services.commodities import create_commodity
from tracker.services.companies import ListingSpec, OnDependants


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, read on a connection of its own; but not the change
    log nor the records' versions, which every write (an undo too) moves on by design."""
    with engine.connect() as connection:
        return {
            name: sorted(
                tuple(value for key, value in row._mapping.items() if key != "version")
                for row in connection.execute(select(table))
            )
            for name, table in SQLModel.metadata.tables.items()
            if name != "change_log"
        }


def portfolio(session: Session) -> dict[str, int]:
    """Two companies sharing a project, another project owned alone, with studies, deals,
    events and a holding: enough for every cascade and every link set to NULL."""
    alpha = add_company(session, "Alpha Metals", [ListingSpec("TSXV", "ALP")])
    beta = add_company(session, "Beta Mining")
    shared = add_project(
        session,
        "Shared Hill",
        owners=[(alpha, "60", True), (beta, "40", False)],
        commodities=["Cu", "Au"],
        stage=("PEA/scoping", date(2022, 3, 1)),
        country="Chile",
    )
    solo = add_project(
        session,
        "Lonely Creek",
        owners=[(alpha, "100", True)],
        commodities=["Au"],
        country="Canada",
    )
    assert shared.id is not None and solo.id is not None
    projects.set_tags(session, solo.id, ["high grade"])
    study = studies.create_study(
        session,
        Study(
            project_id=solo.id,
            study_type=StudyType.PEA.value,
            title="Lonely Creek PEA",
            publication_date=date(2023, 5, 1),
            currency="CAD",
            after_tax_npv=Decimal("250000000"),
            discount_rate_pct=Decimal(5),
        ),
        [studies.PriceAssumption("Au", Decimal(1900), "USD", "oz")],
    )
    deal = deals.create_deal(
        session,
        Deal(
            title="Beta options Lonely Creek",
            deal_type=DealType.OPTION_EARN_IN.value,
            status=DealStatus.DEFINITIVE.value,
            project_id=solo.id,
            acquirer_id=beta.id,
            announced_date=date(2023, 1, 10),
            interest_pct=Decimal(51),
        ),
        steps=[
            deals.StepSpec(
                Decimal(51),
                date(2025, 1, 10),
                obligations=(
                    deals.ObligationSpec(ObligationKind.WORK.value, Decimal(2_000_000), "CAD"),
                ),
            )
        ],
        obligations=[deals.ObligationSpec(ObligationKind.CASH.value, Decimal(100_000), "CAD")],
    )
    unrelated_deal = deals.create_deal(
        session,
        Deal(
            title="Shared Hill royalty",
            deal_type=DealType.ROYALTY.value,
            status=DealStatus.PROPOSED.value,
            project_id=shared.id,
            announced_date=date(2023, 2, 1),
        ),
    )
    event = events.create_event(
        session,
        Event(
            event_date=date(2023, 6, 1),
            kind=EventKind.DRILL_RESULT.value,
            title="42 m of 3 g/t",
            project_id=solo.id,
        ),
        ["Au"],
    )
    holding = holdings.create_holding(
        session,
        Holding(company_id=alpha.id or 0, currency="CAD"),
        Decimal(10_000),
        None,
        date(2020, 1, 2),
    )
    session.commit()
    return {
        "alpha": alpha.id or 0,
        "beta": beta.id or 0,
        "shared": shared.id,
        "solo": solo.id,
        "study": study.id or 0,
        "deal": deal.id or 0,
        "royalty": unrelated_deal.id or 0,
        "event": event.id or 0,
        "holding": holding.id or 0,
    }


def test_undoing_a_project_delete_brings_back_its_studies_events_and_deal_link(
    engine: Engine, session: Session
) -> None:
    ids = portfolio(session)
    before = dump(engine)
    snapshot = snapshots.capture_deleted(session, "project", ids["solo"])
    assert snapshot.count("study") == 1
    assert snapshot.count("study_price") == 1
    assert snapshot.count("event") == 1
    assert snapshot.count("event_commodity") == 1
    assert snapshot.count("project_tag") == 1
    assert snapshot.count("deal") == 0, "deals survive a project delete; only their link goes"
    assert [link.table for link in snapshot.links] == ["deal"]

    projects.delete_project(session, ids["solo"])
    session.commit()
    assert session.get(Deal, ids["deal"]) is not None
    assert session.get(Deal, ids["deal"]).project_id is None  # type: ignore[union-attr]

    snapshots.restore(session, snapshot)
    session.commit()
    assert dump(engine) == before


def test_undoing_a_company_cascade_delete_restores_everything_it_took(
    engine: Engine, session: Session
) -> None:
    ids = portfolio(session)
    before = dump(engine)
    snapshot = snapshots.capture_deleted(session, "company", ids["alpha"])
    assert snapshot.count("project") == 1, "only the project Alpha owns alone goes"
    assert snapshot.count("listing") == 1
    assert snapshot.count("holding") == 1

    companies.delete_company(session, ids["alpha"], OnDependants.CASCADE)
    session.commit()
    assert session.get(Project, ids["shared"]) is not None
    assert session.get(Project, ids["solo"]) is None

    snapshots.restore(session, snapshot)
    session.commit()
    assert dump(engine) == before


@pytest.mark.parametrize(
    ("kind", "key", "delete"),
    [
        ("study", "study", studies.delete_study),
        ("deal", "deal", deals.delete_deal),
        ("event", "event", events.delete_event),
        ("holding", "holding", holdings.delete_holding),
    ],
)
def test_every_kind_comes_back_after_its_service_deletes_it(
    engine: Engine, session: Session, kind: str, key: str, delete: Any
) -> None:
    ids = portfolio(session)
    before = dump(engine)
    snapshot = snapshots.capture_deleted(session, kind, ids[key])
    delete(session, ids[key])
    session.commit()
    assert dump(engine) != before
    snapshots.restore(session, snapshot)
    session.commit()
    assert dump(engine) == before


def test_replace_undoes_an_edit_of_fields_owners_commodities_and_stage(
    engine: Engine, session: Session
) -> None:
    ids = portfolio(session)
    before = dump(engine)
    snapshot = snapshots.capture_own(session, "project", ids["shared"])
    assert snapshot.count("study") == 0, "an edit snapshot leaves other records alone"

    changes = Project(name="Shared Hill West", country="Peru", status="watchlist")
    projects.update_project(
        session,
        ids["shared"],
        changes,
        owners=[projects.OwnerShare(ids["beta"], Decimal(100), True)],
        commodities=["Mo"],
    )
    projects.record_stage(
        session, ids["shared"], projects.StageEntry("pre-feasibility", date(2024, 1, 1))
    )
    session.commit()
    assert dump(engine) != before

    snapshots.replace(session, snapshot)
    session.commit()
    assert dump(engine) == before


def test_replace_undoes_a_deal_status_change_and_new_terms(
    engine: Engine, session: Session
) -> None:
    ids = portfolio(session)
    before = dump(engine)
    snapshot = snapshots.capture_own(session, "deal", ids["deal"])
    deals.change_status(session, ids["deal"], DealStatus.CLOSED.value, date(2024, 2, 2))
    deals.replace_terms(session, ids["deal"], [], [])
    session.commit()
    snapshots.replace(session, snapshot)
    session.commit()
    assert dump(engine) == before


def test_remove_takes_out_a_created_commodity(engine: Engine, session: Session) -> None:
    before = dump(engine)

    commodity_id = create_commodity(session, "Ga", "Gallium", "kg").id
    session.commit()
    assert commodity_id is not None
    snapshot = snapshots.capture_deleted(session, "commodity", commodity_id)
    snapshots.remove(session, snapshot)
    session.commit()
    assert dump(engine) == before
    assert session.get(Commodity, commodity_id) is None
    snapshots.restore(session, snapshot)
    session.commit()
    assert session.get(Commodity, commodity_id) is not None


def test_snapshots_are_plain_data(session: Session) -> None:
    company = add_company(session, "Plain Co", shares_outstanding=Decimal("12.5"))
    assert company.id is not None
    snapshot = snapshots.capture_own(session, "company", company.id)
    (row,) = snapshot.rows["company"]
    assert row["name"] == "Plain Co"
    assert row["shares_outstanding"] == Decimal("12.5")
    assert all(isinstance(values, dict) for rows in snapshot.rows.values() for values in rows)


def test_a_missing_record_is_reported(session: Session) -> None:
    with pytest.raises(NotFoundError, match="project #999"):
        snapshots.capture_deleted(session, "project", 999)
    with pytest.raises(ValueError, match="snapshot of a unicorn"):
        snapshots.capture_own(session, "unicorn", 1)
    assert session.get(Company, 999) is None
