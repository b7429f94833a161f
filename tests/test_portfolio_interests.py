"""Attributable interests: recorded ownership plus what deals earned or will earn, counted once."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tests.test_portfolio_world import build_world
from tracker.models import Deal, Project
from tracker.portfolio.interests import (
    DealTerms,
    Interest,
    attributable_interests,
    combine,
    interest_rows,
    terms_of,
)
from tracker.services.deals import StepSpec, change_status, create_deal, steps_of
from tracker.services.projects import OwnerShare, update_project

D = Decimal


def by_key(interests: list[Interest]) -> dict[tuple[int, int], tuple[Decimal, Decimal, Decimal]]:
    return {
        (i.company_id, i.project_id): (i.recorded_pct, i.current_pct, i.fully_earned_pct)
        for i in interests
    }


def test_a_60_percent_loi_earned_in_stages(session: Session) -> None:
    world = build_world(session)
    found = by_key(attributable_interests(session))
    assert found[world.larkspur, world.silver_spur] == (D(0), D(20), D(60))
    assert found[world.argentum, world.silver_spur] == (D(100), D(80), D(40))


def test_earning_the_next_step_moves_interest_from_vendor_to_acquirer(session: Session) -> None:
    world = build_world(session)
    second = steps_of(session, world.loi)[1]
    second.earned = True
    session.add(second)
    session.flush()
    found = by_key(attributable_interests(session, [world.larkspur, world.argentum]))
    assert found[world.larkspur, world.silver_spur] == (D(0), D(40), D(60))
    assert found[world.argentum, world.silver_spur] == (D(100), D(60), D(40))


def test_an_earned_step_also_recorded_as_ownership_counts_once(session: Session) -> None:
    world = build_world(session)
    update_project(
        session,
        world.silver_spur,
        Project(name="Silver Spur", country="United States"),
        owners=[
            OwnerShare(world.argentum, D("80"), True),
            OwnerShare(world.larkspur, D("20"), False),
        ],
    )
    found = by_key(attributable_interests(session))
    assert found[world.larkspur, world.silver_spur] == (D(20), D(20), D(60))
    assert found[world.argentum, world.silver_spur] == (D(80), D(80), D(40))
    twin_total = sum(v[1] for k, v in found.items() if k[1] == world.twin_peaks)
    spur_total = sum(v[1] for k, v in found.items() if k[1] == world.silver_spur)
    assert (twin_total, spur_total) == (D(100), D(100))


def test_a_project_owned_by_two_held_companies(session: Session) -> None:
    world = build_world(session)
    rows = interest_rows(session, [world.larkspur, world.argentum])
    twin = [(r.company, r.current_pct) for r in rows if r.project == "Twin Peaks"]
    assert twin == [("Argentum Ridge", D(80)), ("Larkspur Metals", D(20))]
    first = rows[0]
    assert (first.company, first.project, first.country, first.stage, first.commodity) == (
        "Argentum Ridge",
        "Silver Spur",
        "United States",
        "resource definition",
        "Silver",
    )
    assert (first.recorded_pct, first.current_pct, first.pending_pct) == (D(100), D(80), D(-40))


def test_a_closed_acquisition_already_recorded_is_not_added_again(session: Session) -> None:
    buyer = add_company(session, "Buyer")
    seller = add_company(session, "Seller")
    mine = add_project(session, "Mine", [(buyer, "100", True)], ["Au"])
    create_deal(
        session,
        Deal(
            title="Buyer acquires Mine",
            deal_type="acquisition",
            status="closed",
            project_id=mine.id,
            acquirer_id=buyer.id,
            counterparty_id=seller.id,
            interest_pct=D("100"),
            announced_date=date(2024, 1, 1),
        ),
    )
    assert by_key(attributable_interests(session)) == {
        (buyer.id, mine.id): (D(100), D(100), D(100))
    }


def test_an_open_acquisition_is_pending_and_royalties_move_nothing(session: Session) -> None:
    buyer = add_company(session, "Buyer")
    seller = add_company(session, "Seller")
    royalty = add_company(session, "Royalty Co")
    mine = add_project(session, "Mine", [(seller, "100", True)], ["Au"])
    for title, kind, who in (("Buy", "acquisition", buyer), ("NSR", "royalty", royalty)):
        create_deal(
            session,
            Deal(
                title=title,
                deal_type=kind,
                status="definitive agreement",
                project_id=mine.id,
                acquirer_id=who.id,
                counterparty_id=seller.id,
                interest_pct=D("100") if kind == "acquisition" else None,
                announced_date=date(2024, 1, 1),
            ),
        )
    assert by_key(attributable_interests(session)) == {
        (buyer.id, mine.id): (D(0), D(0), D(100)),
        (seller.id, mine.id): (D(100), D(100), D(0)),
    }


def test_a_terminated_earn_in_keeps_only_what_was_earned(session: Session) -> None:
    major = add_company(session, "Major")
    junior = add_company(session, "Junior")
    project = add_project(session, "Prospect", [(junior, "100", True)], ["Au"])
    deal = create_deal(
        session,
        Deal(
            title="Alliance",
            deal_type="joint venture",
            status="definitive agreement",
            project_id=project.id,
            acquirer_id=major.id,
            counterparty_id=junior.id,
            announced_date=date(2023, 1, 1),
        ),
        steps=[StepSpec(D("10"), earned=True), StepSpec(D("41"))],
    )
    change_status(session, deal.id or 0, "terminated", date(2025, 10, 31))
    assert by_key(attributable_interests(session)) == {
        (major.id, project.id): (D(0), D(10), D(10)),
        (junior.id, project.id): (D(100), D(90), D(90)),
    }


def test_recorded_interest_covers_earned_steps_across_deals_in_order() -> None:
    deals = [
        DealTerms(1, project_id=7, acquirer_id=1, counterparty_id=2, earned=D(30), target=D(49)),
        DealTerms(2, project_id=7, acquirer_id=1, counterparty_id=3, earned=D(10), target=D(10)),
    ]
    recorded = {(1, 7): D(30), (2, 7): D(50), (3, 7): D(20)}
    combined = combine(recorded, deals)
    assert combined[1, 7][2:5] == (D(30), D(40), D(59))
    assert combined[2, 7][2:5] == (D(50), D(50), D(31))
    assert combined[3, 7][2:5] == (D(20), D(10), D(10))
    assert combined[1, 7].deal_ids == (1, 2)


def test_deal_terms_without_steps() -> None:
    parties = (7, 1, 2)
    assert terms_of(1, parties, "closed", D(25), []).earned == D(25)
    for status, pct, expected in (
        ("LOI signed", D(25), (D(0), D(25))),
        ("terminated", D(25), (D(0), D(0))),
        ("proposed", None, (D(0), D(0))),
    ):
        terms = terms_of(1, parties, status, pct, [])
        assert (terms.earned, terms.target) == expected
