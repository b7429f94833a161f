"""Deals: status history, closing, final statuses, earn-in steps and obligations."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, add_project, assert_refused, problem_for
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Deal, DealObligation, DealStatusChange, DealStep
from tracker.services.deals import (
    ObligationSpec,
    StepSpec,
    change_status,
    create_deal,
    delete_deal,
    obligations_of,
    replace_terms,
    set_obligation_met,
    status_history,
    steps_of,
    update_deal,
)

ANNOUNCED = date(2024, 2, 1)


def new_deal(session: Session, **fields: object) -> Deal:
    values: dict[str, object] = {
        "title": "Earn-in on Moly Hill",
        "deal_type": "option/earn-in",
        "status": "proposed",
        "announced_date": ANNOUNCED,
    }
    values.update(fields)
    return create_deal(session, Deal.model_validate(values))


def history(session: Session, deal_id: int) -> list[tuple[str, date]]:
    return [(row.status, row.changed_on) for row in status_history(session, deal_id)]


def test_create_and_read_back(engine: Engine, session: Session) -> None:
    buyer = add_company(session, "Big Miner")
    seller = add_company(session, "Junior Co")
    project = add_project(session, "Moly Hill", [(seller, "100", True)])
    deal = new_deal(
        session,
        acquirer_id=buyer.id,
        counterparty_id=seller.id,
        project_id=project.id,
        interest_pct=Decimal("51"),
        expected_close_date=date(2024, 6, 30),
        notes="  ",
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Deal, deal.id)
        assert stored is not None
        assert (stored.acquirer_id, stored.counterparty_id) == (buyer.id, seller.id)
        assert stored.interest_pct == Decimal("51")
        assert stored.notes is None
        assert history(fresh, deal.id or 0) == [("proposed", ANNOUNCED)]


def test_first_status_can_be_dated_apart(session: Session) -> None:
    deal = create_deal(
        session,
        Deal(title="Placement", deal_type="private placement", status="proposed"),
        status_date=date(2024, 5, 5),
    )
    assert history(session, deal.id or 0) == [("proposed", date(2024, 5, 5))]


def test_status_changes_are_kept_and_closing_sets_the_date(
    engine: Engine, session: Session
) -> None:
    deal = new_deal(session)
    change_status(
        session, deal.id or 0, "LOI signed", date(2024, 2, 20), note="signed in Vancouver"
    )
    change_status(session, deal.id or 0, "definitive agreement", date(2024, 4, 1))
    assert deal.closed_date is None
    change_status(session, deal.id or 0, "closed", date(2024, 7, 15))
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Deal, deal.id)
        assert stored is not None
        assert (stored.status, stored.closed_date) == ("closed", date(2024, 7, 15))
        assert history(fresh, deal.id or 0) == [
            ("proposed", ANNOUNCED),
            ("LOI signed", date(2024, 2, 20)),
            ("definitive agreement", date(2024, 4, 1)),
            ("closed", date(2024, 7, 15)),
        ]
        notes = [row.note for row in status_history(fresh, deal.id or 0)]
        assert notes == [None, "signed in Vancouver", None, None]


def test_terminating_sets_the_closed_date(session: Session) -> None:
    deal = new_deal(session)
    change_status(session, deal.id or 0, "terminated", date(2024, 3, 3))
    assert (deal.status, deal.closed_date) == ("terminated", date(2024, 3, 3))


@pytest.mark.parametrize("final", ["terminated", "closed"])
@pytest.mark.parametrize("move", ["proposed", "definitive agreement", "closed", "terminated"])
def test_a_final_deal_refuses_further_moves(
    engine: Engine, session: Session, final: str, move: str
) -> None:
    deal = new_deal(session)
    change_status(session, deal.id or 0, final, date(2024, 3, 1))
    error = assert_refused(
        engine,
        session,
        lambda: change_status(session, deal.id or 0, move, date(2024, 9, 1)),
        ValidationError,
    )
    assert str(error) == f"status '{move}': the deal is already {final}"
    with Session(engine) as fresh:
        stored = fresh.get(Deal, deal.id)
        assert stored is not None
        assert (stored.status, stored.closed_date) == (final, date(2024, 3, 1))


def test_status_date_before_the_previous_change_is_refused(
    engine: Engine, session: Session
) -> None:
    deal = new_deal(session)
    change_status(session, deal.id or 0, "LOI signed", date(2024, 3, 10))
    error = assert_refused(
        engine,
        session,
        lambda: change_status(session, deal.id or 0, "definitive agreement", date(2024, 3, 9)),
        ValidationError,
    )
    assert str(error) == "status date 2024-03-09: is before the previous status change (2024-03-10)"
    # The same day as the previous change is fine.
    change_status(session, deal.id or 0, "definitive agreement", date(2024, 3, 10))


def test_unknown_status_is_refused(engine: Engine, session: Session) -> None:
    deal = new_deal(session)
    error = assert_refused(
        engine,
        session,
        lambda: change_status(session, deal.id or 0, "signed", date(2024, 3, 1)),
        ValidationError,
    )
    assert str(error).startswith("status 'signed': must be one of proposed, LOI signed, ")


def test_update_does_not_move_the_status(engine: Engine, session: Session) -> None:
    deal = new_deal(session)
    update_deal(
        session,
        deal.id or 0,
        Deal(
            title="Renamed deal",
            deal_type="joint venture",
            status="closed",
            announced_date=ANNOUNCED,
            interest_pct=Decimal("49.5"),
        ),
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Deal, deal.id)
        assert stored is not None
        assert (stored.title, stored.deal_type, stored.status) == (
            "Renamed deal",
            "joint venture",
            "proposed",
        )
        assert stored.interest_pct == Decimal("49.5")
        assert len(status_history(fresh, deal.id or 0)) == 1


def test_earn_in_steps_and_obligations(engine: Engine, session: Session) -> None:
    deal = create_deal(
        session,
        Deal(
            title="Staged earn-in",
            deal_type="option/earn-in",
            status="definitive agreement",
            announced_date=ANNOUNCED,
            interest_pct=Decimal("75"),
        ),
        steps=[
            StepSpec(
                Decimal("51"),
                date(2025, 12, 31),
                "first option",
                obligations=[
                    ObligationSpec("cash", Decimal("500000"), "cad", date(2024, 6, 1)),
                    ObligationSpec(
                        "work commitment", Decimal("4000000"), "CAD", date(2025, 12, 31)
                    ),
                ],
            ),
            StepSpec(Decimal("24"), date(2027, 12, 31), "second option"),
        ],
        obligations=[ObligationSpec("shares", Decimal("1000000"), None, date(2024, 3, 1))],
    )
    session.commit()
    with Session(engine) as fresh:
        steps = steps_of(fresh, deal.id or 0)
        assert [(s.seq, s.interest_pct, s.description) for s in steps] == [
            (1, Decimal("51"), "first option"),
            (2, Decimal("24"), "second option"),
        ]
        obligations = obligations_of(fresh, deal.id or 0)
        assert [(o.kind, o.amount, o.currency, o.step_id) for o in obligations] == [
            ("shares", Decimal("1000000"), None, None),
            ("cash", Decimal("500000"), "CAD", steps[0].id),
            ("work commitment", Decimal("4000000"), "CAD", steps[0].id),
        ]
    set_obligation_met(session, obligations[1].id or 0, True)
    session.commit()
    with Session(engine) as fresh:
        assert [o.met for o in obligations_of(fresh, deal.id or 0)] == [False, True, False]


def test_replace_terms(session: Session) -> None:
    deal = new_deal(session)
    replace_terms(
        session,
        deal.id or 0,
        [StepSpec(Decimal("100"))],
        [ObligationSpec("cash", Decimal(1), "USD")],
    )
    replace_terms(session, deal.id or 0, [], [])
    assert steps_of(session, deal.id or 0) == []
    assert obligations_of(session, deal.id or 0) == []


def test_steps_must_match_the_deal_interest(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_deal(
            session,
            Deal(
                title="Mismatch",
                deal_type="option/earn-in",
                status="proposed",
                announced_date=ANNOUNCED,
                interest_pct=Decimal("80"),
            ),
            steps=[StepSpec(Decimal("60")), StepSpec(Decimal("50"))],
            obligations=[
                ObligationSpec("cash", Decimal(1), None),
                ObligationSpec("shares", Decimal(1), "CAD"),
            ],
        ),
        ValidationError,
    )
    assert str(problem_for(error, "steps")) == "steps '110 %': earn more than 100 % in total"
    assert (
        str(problem_for(error, "interest_pct"))
        == "interest_pct 80: differs from the 110 % the steps earn"
    )
    assert (
        str(problem_for(error, "obligation 1 currency"))
        == "obligation 1 currency (empty): is required"
    )
    assert str(problem_for(error, "obligation 2 currency")) == (
        "obligation 2 currency 'CAD': shares carry no currency"
    )


def test_deal_parties(engine: Engine, session: Session) -> None:
    company = add_company(session, "Solo")
    error = assert_refused(
        engine,
        session,
        lambda: new_deal(
            session, acquirer_id=company.id, counterparty_id=company.id, project_id=99
        ),
        ValidationError,
    )
    assert str(problem_for(error, "counterparty")) == (
        f"counterparty {company.id}: is the same company as the acquirer"
    )
    assert str(problem_for(error, "project")) == "project 99: is not a known project"


def test_deal_needs_a_date_for_its_first_status(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine, session, lambda: new_deal(session, announced_date=None), ValidationError
    )
    assert str(error) == "announced_date (empty): is required to date the deal's first status"


def test_delete_deal_takes_its_history_and_terms(engine: Engine, session: Session) -> None:
    deal = create_deal(
        session,
        Deal(title="Gone", deal_type="royalty", status="proposed", announced_date=ANNOUNCED),
        steps=[StepSpec(Decimal(2), obligations=[ObligationSpec("cash", Decimal(9), "USD")])],
    )
    change_status(session, deal.id or 0, "LOI signed", date(2024, 3, 1))
    delete_deal(session, deal.id or 0)
    session.commit()
    with Session(engine) as fresh:
        for model in (Deal, DealStatusChange, DealStep, DealObligation):
            assert fresh.exec(select(model)).all() == [], model.__name__
    with pytest.raises(NotFoundError):
        change_status(session, deal.id or 0, "closed", date(2024, 4, 1))
