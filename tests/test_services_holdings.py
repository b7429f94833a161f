"""The investor's holdings: a company's shares in one currency, opened with a buy."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, assert_refused, problem_for
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Holding, HoldingTransaction
from tracker.portfolio.positions import holding_rows
from tracker.services.holdings import (
    create_holding,
    delete_holding,
    holdings_of,
    update_holding,
)

OPENED = date(2023, 11, 2)


def test_create_read_update_delete(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    holding = create_holding(
        session,
        Holding(company_id=company.id or 0, currency=" cad ", notes=" "),
        Decimal("25000"),
        Decimal("0.385"),
        OPENED,
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Holding, holding.id)
        assert stored is not None
        assert (stored.currency, stored.notes) == ("CAD", None)
        [row] = holding_rows(fresh)
        assert (row.shares, row.average_cost, row.opened_date) == (
            Decimal("25000"),
            Decimal("0.385"),
            OPENED,
        )
        [opening] = fresh.exec(select(HoldingTransaction)).all()
        assert (opening.kind, opening.trade_date, opening.currency) == ("buy", OPENED, "CAD")
    update_holding(
        session, holding.id or 0, Holding(company_id=company.id or 0, currency="CAD", notes="x")
    )
    session.commit()
    with Session(engine) as fresh:
        assert fresh.get(Holding, holding.id).notes == "x"  # type: ignore[union-attr]
    delete_holding(session, holding.id or 0)
    session.commit()
    with Session(engine) as fresh:
        assert fresh.get(Holding, holding.id) is None
        assert holding_rows(fresh) == []
        assert fresh.exec(select(HoldingTransaction)).all() == []
    with pytest.raises(NotFoundError):
        delete_holding(session, holding.id or 0)


def test_holdings_of_a_company(session: Session) -> None:
    mine = add_company(session, "Mine")
    other = add_company(session, "Other")
    first = create_holding(session, Holding(company_id=mine.id or 0), Decimal(1), None, OPENED)
    create_holding(session, Holding(company_id=other.id or 0), Decimal(2), None, OPENED)
    second = create_holding(session, Holding(company_id=mine.id or 0, currency="USD"))
    assert [h.id for h in holdings_of(session, mine.id or 0)] == [first.id, second.id]


def test_invalid_holding(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_holding(
            session,
            Holding(company_id=404, currency="USX"),
            Decimal("-100"),
            Decimal("0.0000001"),
            None,
        ),
        ValidationError,
    )
    assert str(problem_for(error, "company")) == "company 404: is not a known company"
    assert str(problem_for(error, "shares")) == "shares -100: must be at least 0"
    assert str(problem_for(error, "average_cost")) == (
        "average_cost 0.0000001: has more than 6 decimal places"
    )
    assert str(problem_for(error, "opened_date")) == (
        "opened_date (empty): is required with shares: the day bought"
    )
    assert str(problem_for(error, "currency")).startswith(
        "currency 'USX': is not an ISO 4217 currency code"
    )


def test_a_holding_with_transactions_keeps_its_currency(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    holding = create_holding(
        session, Holding(company_id=company.id or 0), Decimal(10), Decimal(1), OPENED
    )
    error = assert_refused(
        engine,
        session,
        lambda: update_holding(
            session, holding.id or 0, Holding(company_id=company.id or 0, currency="USD")
        ),
        ValidationError,
    )
    assert str(problem_for(error, "currency")) == (
        "currency 'USD': its transactions are recorded in CAD: keep CAD, or add a holding "
        "kept in USD"
    )
    with Session(engine) as fresh:
        assert fresh.get(Holding, holding.id).currency == "CAD"  # type: ignore[union-attr]
