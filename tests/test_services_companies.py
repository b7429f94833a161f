"""Companies: create, read, update, search, delete (refusing or cascading to dependants)."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, add_project, assert_refused, row_counts
from tracker.errors import ConflictError, NotFoundError, ValidationError
from tracker.models import (
    Company,
    Deal,
    Event,
    Holding,
    Listing,
    Project,
    ProjectOwner,
    ProjectStage,
    Study,
)
from tracker.services.companies import (
    ListingSpec,
    OnDependants,
    create_company,
    delete_company,
    dependants,
    find_company,
    listings_of,
    update_company,
)
from tracker.services.deals import create_deal
from tracker.services.events import create_event
from tracker.services.holdings import create_holding
from tracker.services.studies import create_study


def test_create_and_read_back(engine: Engine, session: Session) -> None:
    created = add_company(
        session,
        "  Moly Mines Ltd ",
        [ListingSpec("TSXV", "MOO"), ListingSpec("OTCQB", "MOOLF")],
        website=" https://moly.example ",
        reporting_currency="cad",
        shares_outstanding=Decimal("412500000"),
        notes="   ",
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Company, created.id)
        assert stored is not None
        assert stored.name == "Moly Mines Ltd"
        assert stored.website == "https://moly.example"
        assert stored.reporting_currency == "CAD"
        assert stored.shares_outstanding == Decimal("412500000")
        assert stored.notes is None
        assert listings_of(fresh, stored.id or 0) == [
            ListingSpec("TSXV", "MOO"),
            ListingSpec("OTCQB", "MOOLF"),
        ]


def test_listing_parse() -> None:
    assert ListingSpec.parse(" tsxv : moo ") == ListingSpec("TSXV", "MOO")
    assert str(ListingSpec.parse("ASX:ABC")) == "ASX: ABC"
    for text in ("MOO", ": MOO", "TSXV:", ""):
        with pytest.raises(ValidationError) as caught:
            ListingSpec.parse(text)
        assert caught.value.problems[0].field == "listing"
        assert "EXCHANGE: TICKER" in str(caught.value)


def test_update_replaces_fields_and_listings(engine: Engine, session: Session) -> None:
    company = add_company(session, "Old Name", [ListingSpec("TSXV", "OLD")])
    company_id = company.id or 0
    update_company(
        session,
        company_id,
        Company(name="New Name", reporting_currency="AUD"),
        [ListingSpec("ASX", "NEW")],
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Company, company_id)
        assert stored is not None
        assert (stored.name, stored.reporting_currency) == ("New Name", "AUD")
        assert listings_of(fresh, company_id) == [ListingSpec("ASX", "NEW")]
        assert find_company(fresh, "OLD") is None


def test_update_without_listings_keeps_them(session: Session) -> None:
    company = add_company(session, "Keeper", [ListingSpec("TSX", "KEEP")])
    update_company(session, company.id or 0, Company(name="Keeper Resources"))
    assert listings_of(session, company.id or 0) == [ListingSpec("TSX", "KEEP")]


def test_update_may_keep_its_own_name_and_ticker(session: Session) -> None:
    company = add_company(session, "Same", [ListingSpec("TSX", "SAM")])
    update_company(
        session,
        company.id or 0,
        Company(name="same", website="x.example"),
        [ListingSpec("TSX", "SAM")],
    )
    assert company.name == "same"


def test_update_of_missing_company(session: Session) -> None:
    with pytest.raises(NotFoundError, match="company #999 does not exist"):
        update_company(session, 999, Company(name="Ghost"))


def test_find_by_name_ticker_and_exchange(session: Session) -> None:
    moly = add_company(session, "Moly Mines", [ListingSpec("TSXV", "MOO")])
    other = add_company(session, "Other Moly", [ListingSpec("ASX", "MOO")])
    add_company(session, "Gold Co", [ListingSpec("TSX", "GLD")])
    assert find_company(session, "moly mines") is moly
    assert find_company(session, "gld") is not None
    assert find_company(session, "TSXV: MOO") is moly
    assert find_company(session, "asx:moo") is other
    assert find_company(session, "MOO") is None  # two companies share the bare ticker
    assert find_company(session, "Nobody") is None


def test_lower_case_listing_is_stored_upper_case(session: Session) -> None:
    company = add_company(session, "Lower Case Ltd", [ListingSpec(" tsxv", "low ")])
    assert listings_of(session, company.id or 0) == [ListingSpec("TSXV", "LOW")]
    assert find_company(session, "low") is company
    with pytest.raises(ConflictError, match="TSXV: LOW already belongs to Lower Case Ltd"):
        add_company(session, "Copycat", [ListingSpec("TSXV", "LOW")])


def test_duplicate_name_is_refused_whatever_the_case(engine: Engine, session: Session) -> None:
    add_company(session, "Moly Mines")
    error = assert_refused(
        engine, session, lambda: add_company(session, "  MOLY mines "), ConflictError
    )
    assert str(error) == "a company named 'MOLY mines' already exists"


def test_duplicate_ticker_is_refused(engine: Engine, session: Session) -> None:
    add_company(session, "Moly Mines", [ListingSpec("TSXV", "MOO")])
    error = assert_refused(
        engine,
        session,
        lambda: add_company(session, "Cow Mining", [ListingSpec("TSXV", "MOO")]),
        ConflictError,
    )
    assert str(error) == "the listing TSXV: MOO already belongs to Moly Mines"


def test_rename_onto_another_company_is_refused(engine: Engine, session: Session) -> None:
    add_company(session, "Alpha")
    beta = add_company(session, "Beta", [ListingSpec("TSX", "BET")])
    assert_refused(
        engine,
        session,
        lambda: update_company(session, beta.id or 0, Company(name="ALPHA")),
        ConflictError,
    )
    with Session(engine) as fresh:
        assert fresh.get(Company, beta.id).name == "Beta"  # type: ignore[union-attr]


def test_invalid_company_lists_every_problem(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: add_company(
            session,
            " ",
            [ListingSpec("TSXV", "MOO"), ListingSpec("TSXV", "MOO")],
            reporting_currency="usx",
            shares_outstanding=Decimal("-1"),
        ),
        ValidationError,
    )
    fields = [problem.field for problem in error.problems]
    assert fields == ["name", "reporting_currency", "shares_outstanding", "listing"]
    assert "reporting_currency 'USX': is not an ISO 4217 currency code" in str(error)
    assert "shares_outstanding -1: must be at least 0" in str(error)
    assert "listing 'TSXV: MOO': is listed twice" in str(error)


def _company_with_everything(session: Session) -> dict[str, int]:
    """A company that solely owns one project, co-owns another, and has deals and holdings."""
    moly = add_company(session, "Moly Mines", [ListingSpec("TSXV", "MOO")])
    partner = add_company(session, "Partner Corp")
    sole = add_project(
        session, "Sole Hill", [(moly, "100", True)], ["Mo"], ("PEA/scoping", date(2023, 1, 5))
    )
    shared = add_project(
        session, "Shared Ridge", [(moly, "60", True), (partner, "40", False)], ["Cu"]
    )
    study = create_study(
        session, Study(project_id=sole.id or 0, study_type="PFS", title="Sole Hill PFS")
    )
    create_event(
        session,
        Event(event_date=date(2024, 2, 1), kind="drill result", title="Hole 7", project_id=sole.id),
    )
    create_event(
        session,
        Event(event_date=date(2024, 3, 1), kind="corporate", title="AGM", company_id=moly.id),
    )
    deal = create_deal(
        session,
        Deal(
            title="Partner buys in",
            deal_type="joint venture",
            status="proposed",
            acquirer_id=partner.id,
            counterparty_id=moly.id,
            project_id=shared.id,
            announced_date=date(2024, 1, 10),
        ),
    )
    holding = create_holding(
        session,
        Holding(company_id=moly.id or 0, currency="CAD"),
        Decimal(5000),
        None,
        date(2020, 1, 2),
    )
    session.commit()
    return {
        "moly": moly.id or 0,
        "partner": partner.id or 0,
        "sole": sole.id or 0,
        "shared": shared.id or 0,
        "study": study.id or 0,
        "deal": deal.id or 0,
        "holding": holding.id or 0,
    }


def test_dependants_are_counted(session: Session) -> None:
    ids = _company_with_everything(session)
    assert dependants(session, ids["moly"]) == {"projects": 2, "deals": 1, "holdings": 1}
    assert dependants(session, ids["partner"]) == {"projects": 1, "deals": 1}


def test_delete_refuses_a_company_with_dependants(engine: Engine, session: Session) -> None:
    ids = _company_with_everything(session)
    error = assert_refused(
        engine, session, lambda: delete_company(session, ids["moly"]), ConflictError
    )
    assert str(error) == (
        "Moly Mines still has 2 projects, 1 deals, 1 holdings; choose to delete them too"
    )
    with Session(engine) as fresh:
        assert fresh.get(Company, ids["moly"]) is not None
        assert fresh.get(Project, ids["sole"]) is not None


def test_delete_cascade_removes_what_hangs_on_the_company(engine: Engine, session: Session) -> None:
    ids = _company_with_everything(session)
    delete_company(session, ids["moly"], OnDependants.CASCADE)
    session.commit()
    with Session(engine) as fresh:
        assert fresh.get(Company, ids["moly"]) is None
        assert fresh.exec(select(Listing)).all() == []
        # Its sole-owned project goes, with the project's study, stages and events.
        assert fresh.get(Project, ids["sole"]) is None
        assert fresh.get(Study, ids["study"]) is None
        assert fresh.exec(select(ProjectStage)).all() == []
        assert fresh.exec(select(Event)).all() == []
        # The co-owned project stays, owned by the partner only.
        assert fresh.get(Project, ids["shared"]) is not None
        owners = fresh.exec(select(ProjectOwner)).all()
        assert [(o.project_id, o.company_id) for o in owners] == [(ids["shared"], ids["partner"])]
        assert fresh.get(Deal, ids["deal"]) is None
        assert fresh.get(Holding, ids["holding"]) is None
        assert fresh.get(Company, ids["partner"]) is not None


def test_delete_without_dependants(engine: Engine, session: Session) -> None:
    company = add_company(session, "Lonely", [ListingSpec("CSE", "LON")])
    delete_company(session, company.id or 0)
    session.commit()
    counts = row_counts(engine)
    assert (counts["company"], counts["listing"]) == (0, 0)


def test_delete_missing_company(session: Session) -> None:
    with pytest.raises(NotFoundError):
        delete_company(session, 42)


def test_create_accepts_no_listings(session: Session) -> None:
    company = create_company(session, Company(name="Private Co"))
    assert listings_of(session, company.id or 0) == []
