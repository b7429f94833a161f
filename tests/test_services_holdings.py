"""The investor's holdings."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, assert_refused, problem_for
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Holding
from tracker.services.holdings import (
    create_holding,
    delete_holding,
    holdings_of,
    update_holding,
)


def test_create_read_update_delete(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    holding = create_holding(
        session,
        Holding(
            company_id=company.id or 0,
            shares=Decimal("25000"),
            average_cost=Decimal("0.385"),
            currency=" cad ",
            opened_date=date(2023, 11, 2),
            notes=" ",
        ),
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Holding, holding.id)
        assert stored is not None
        assert (stored.shares, stored.average_cost, stored.currency, stored.notes) == (
            Decimal("25000"),
            Decimal("0.385"),
            "CAD",
            None,
        )
    update_holding(
        session,
        holding.id or 0,
        Holding(company_id=company.id or 0, shares=Decimal("30000.5"), currency="USD"),
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Holding, holding.id)
        assert stored is not None
        assert (stored.shares, stored.average_cost, stored.currency) == (
            Decimal("30000.5"),
            None,
            "USD",
        )
    delete_holding(session, holding.id or 0)
    session.commit()
    with Session(engine) as fresh:
        assert fresh.get(Holding, holding.id) is None
    with pytest.raises(NotFoundError):
        delete_holding(session, holding.id or 0)


def test_holdings_of_a_company(session: Session) -> None:
    mine = add_company(session, "Mine")
    other = add_company(session, "Other")
    first = create_holding(session, Holding(company_id=mine.id or 0, shares=Decimal(1)))
    create_holding(session, Holding(company_id=other.id or 0, shares=Decimal(2)))
    second = create_holding(session, Holding(company_id=mine.id or 0, shares=Decimal(3)))
    assert [h.id for h in holdings_of(session, mine.id or 0)] == [first.id, second.id]


def test_invalid_holding(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_holding(
            session,
            Holding(
                company_id=404,
                shares=Decimal("-100"),
                average_cost=Decimal("0.0000001"),
                currency="USX",
            ),
        ),
        ValidationError,
    )
    assert str(problem_for(error, "company")) == "company 404: is not a known company"
    assert str(problem_for(error, "shares")) == "shares -100: must be at least 0"
    assert str(problem_for(error, "average_cost")) == (
        "average_cost 0.0000001: has more than 6 decimal places"
    )
    assert str(problem_for(error, "currency")).startswith(
        "currency 'USX': is not an ISO 4217 currency code"
    )


def test_refused_update_keeps_the_holding(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    holding = create_holding(session, Holding(company_id=company.id or 0, shares=Decimal(10)))
    assert_refused(
        engine,
        session,
        lambda: update_holding(
            session, holding.id or 0, Holding(company_id=company.id or 0, shares=Decimal(-1))
        ),
        ValidationError,
    )
    with Session(engine) as fresh:
        assert fresh.get(Holding, holding.id).shares == Decimal(10)  # type: ignore[union-attr]
