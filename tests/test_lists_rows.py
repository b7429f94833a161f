"""The rows of every list (``tracker.lists``) match what the services stored."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker.lists.items import CompanyItem, EventItem
from tracker.lists.lookups import project_commodities
from tracker.lists.search import LISTS, listed_rows
from tracker.models import Deal, Event, ProjectOwner, Study
from tracker.services.companies import ListingSpec
from tracker.services.deals import change_status, create_deal
from tracker.services.events import create_event
from tracker.services.studies import create_study

MO_CU_W = ("Mo", "Cu", "W")


def test_empty_database_gives_empty_lists(session: Session) -> None:
    for kind in LISTS:
        assert listed_rows(session, kind) == []
        assert listed_rows(session, kind, "anything") == []


def test_rows(session: Session) -> None:
    moly = add_company(
        session,
        "Moly Mines",
        [ListingSpec("TSXV", "MOO"), ListingSpec("OTCQB", "MOOLF")],
        reporting_currency="CAD",
    )
    big = add_company(session, "Big Miner", [ListingSpec("NYSE", "BIG")])
    idle = add_company(session, "Idle Corp")
    hill = add_project(
        session,
        "Moly Hill",
        [(big, "70", False), (moly, "30", True)],
        ["Mo", "Cu", "W"],
        ("pre-feasibility", date(2024, 3, 1)),
        country="Canada",
        region="BC",
    )
    creek = add_project(
        session, "Aster Creek", [(big, "60", True)], ["Au"], status="watchlist", country="Peru"
    )
    blank = add_project(session, "Zed Prospect")
    later = create_study(
        session,
        Study(
            project_id=hill.id or 0,
            study_type="PFS",
            title="Moly Hill PFS",
            publication_date=date(2024, 3, 1),
            after_tax_npv=Decimal("412000000"),
            discount_rate_pct=Decimal("8"),
            after_tax_irr_pct=Decimal("24.5"),
            initial_capex=Decimal("1250000000.5"),
        ),
    )
    earlier = create_study(
        session,
        Study(
            project_id=creek.id or 0,
            study_type="PEA/scoping",
            title="Aster PEA",
            currency="CAD",
            publication_date=date(2021, 6, 1),
        ),
    )
    deal = create_deal(
        session,
        Deal(
            title="Big buys in",
            deal_type="joint venture",
            status="proposed",
            project_id=hill.id,
            acquirer_id=big.id,
            counterparty_id=moly.id,
            interest_pct=Decimal("70"),
            announced_date=date(2023, 5, 1),
        ),
    )
    change_status(session, deal.id or 0, "closed", date(2023, 9, 30))
    loose = create_deal(
        session,
        Deal(title="Royalty sale", deal_type="royalty", status="proposed"),
        status_date=date(2024, 1, 1),
    )
    news = create_event(
        session,
        Event(event_date=date(2024, 4, 1), kind="news", title="Road built", project_id=hill.id),
    )
    agm = create_event(
        session,
        Event(event_date=date(2024, 2, 1), kind="corporate", title="AGM", company_id=moly.id),
    )
    policy = create_event(
        session, Event(event_date=date(2024, 3, 1), kind="policy/regulatory", title="Tariff")
    )
    session.commit()

    # Each list in its first order: projects and companies by name, the rest newest first.
    assert [
        (r.id, r.name, r.company, r.country, r.region, r.stage, r.status, r.commodities)
        for r in listed_rows(session, "projects")
    ] == [
        (creek.id, "Aster Creek", "Big Miner", "Peru", None, None, "watchlist", ("Au",)),
        # The operator names the project even with the smaller interest.
        (hill.id, "Moly Hill", "Moly Mines", "Canada", "BC", "pre-feasibility", "active", MO_CU_W),
        (blank.id, "Zed Prospect", None, None, None, None, "active", ()),
    ]
    assert project_commodities(session) == {hill.id: MO_CU_W, creek.id: ("Au",)}
    assert listed_rows(session, "companies") == [
        CompanyItem(big.id or 0, "Big Miner", ("NYSE: BIG",), None, 2, ("Canada", "Peru")),
        CompanyItem(idle.id or 0, "Idle Corp", (), None, 0, ()),
        CompanyItem(
            moly.id or 0, "Moly Mines", ("TSXV: MOO", "OTCQB: MOOLF"), "CAD", 1, ("Canada",)
        ),
    ]
    assert [r[:11] for r in listed_rows(session, "studies")] == [
        (
            later.id,
            date(2024, 3, 1),
            hill.id,
            "Moly Hill",
            "PFS",
            "Moly Hill PFS",
            "USD",
            Decimal("412000000"),
            Decimal("24.5"),
            Decimal("1250000000.5"),
            Decimal("8"),
        ),
        (
            earlier.id,
            date(2021, 6, 1),
            creek.id,
            "Aster Creek",
            "PEA/scoping",
            "Aster PEA",
            "CAD",
            None,
            None,
            None,
            None,
        ),
    ]
    assert [r[:10] for r in listed_rows(session, "deals")] == [
        (
            deal.id,
            date(2023, 5, 1),
            "Big buys in",
            "joint venture",
            "closed",
            hill.id,
            "Moly Hill",
            "Big Miner",
            "Moly Mines",
            Decimal("70"),
        ),
        (loose.id, None, "Royalty sale", "royalty", "proposed", None, None, None, None, None),
    ]
    assert listed_rows(session, "events") == [
        EventItem(news.id or 0, date(2024, 4, 1), "news", "Road built", hill.id, "Moly Hill", None),
        EventItem(
            policy.id or 0, date(2024, 3, 1), "policy/regulatory", "Tariff", None, None, None
        ),
        EventItem(agm.id or 0, date(2024, 2, 1), "corporate", "AGM", None, None, "Moly Mines"),
    ]


def test_largest_owner_names_a_project_when_none_operates(session: Session) -> None:
    """Owner rows written without an operator (e.g. by an import): the largest interest wins."""
    small = add_company(session, "Small")
    large = add_company(session, "Large")
    project = add_project(session, "Legacy")
    session.add(
        ProjectOwner(
            project_id=project.id or 0, company_id=small.id or 0, interest_pct=Decimal("9.5")
        )
    )
    session.add(
        ProjectOwner(
            project_id=project.id or 0, company_id=large.id or 0, interest_pct=Decimal("10")
        )
    )
    session.commit()
    assert [row.company for row in listed_rows(session, "projects")] == ["Large"]
