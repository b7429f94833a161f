"""Recording transactions: every change is checked against the holding's whole history."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, assert_refused, only_problem, problem_for
from tracker.enums import TransactionKind as K
from tracker.errors import ConflictError, ValidationError
from tracker.models import Deal, Holding, HoldingTransaction
from tracker.portfolio.positions import holding_rows
from tracker.services.deals import create_deal
from tracker.services.holdings import create_holding
from tracker.services.transactions import (
    create_transaction,
    delete_transaction,
    transactions_of,
    update_transaction,
)

D = Decimal


def _holding(session: Session) -> Holding:
    company = add_company(session, "Bright Hill Mining")
    return create_holding(session, Holding(company_id=company.id or 0, currency="CAD"))


def _move(holding: Holding, kind: K, day: date, **values: Any) -> HoldingTransaction:
    return HoldingTransaction(
        holding_id=holding.id or 0, kind=kind.value, trade_date=day, currency="CAD", **values
    )


def test_position_is_the_sum_of_buys_a_deals_shares_a_consolidation_and_a_sell(
    session: Session,
) -> None:
    holding = _holding(session)
    deal = create_deal(
        session,
        Deal(
            title="Spin-out of Bright Hill Royalties",
            deal_type="acquisition",
            status="closed",
            announced_date=date(2024, 2, 1),
        ),
    )
    for move in (
        _move(holding, K.BUY, date(2024, 1, 2), shares=D(10_000), price=D("0.50"), fees=D(10)),
        _move(
            holding,
            K.DEAL_SHARES,
            date(2024, 3, 1),
            shares=D(2_000),
            price=D("0.40"),
            deal_id=deal.id,
            source="https://example.com/spin-out",
        ),
        _move(holding, K.SPLIT, date(2024, 6, 3), split_new=D(1), split_old=D(4)),
        _move(holding, K.SELL, date(2024, 9, 2), shares=D(1_000), price=D(3), fees=D(10)),
        _move(holding, K.FEE, date(2024, 12, 31), fees=D(25), notes="account fee"),
    ):
        create_transaction(session, move)
    # Pool: 10,000 * 0.50 + 10 = 5,010, plus 2,000 * 0.40 = 800: 5,810 for 12,000 shares;
    # 1-for-4: 3,000 shares at 5,810 / 3,000 = 1.936667; selling 1,000 takes 1,936.67 of it.
    [row] = holding_rows(session)
    assert row.shares == D(2000)
    assert row.average_cost is not None
    assert round(row.average_cost, 6) == D("1.936667")
    assert row.opened_date == date(2024, 1, 2)
    # Before the consolidation: 12,000 shares.
    assert holding_rows(session, date(2024, 6, 2))[0].shares == D(12_000)
    kinds = [t.kind for t in transactions_of(session, holding.id or 0)]
    assert kinds == ["buy", "shares from deal", "split or consolidation", "sell", "fee"]


def test_selling_more_than_held_that_day_is_refused(engine: Engine, session: Session) -> None:
    holding = _holding(session)
    create_transaction(session, _move(holding, K.BUY, date(2024, 5, 1), shares=D(3000), price=D(1)))
    create_transaction(session, _move(holding, K.BUY, date(2024, 8, 1), shares=D(5000), price=D(1)))
    error = assert_refused(
        engine,
        session,
        lambda: create_transaction(
            session, _move(holding, K.SELL, date(2024, 6, 1), shares=D(5000), price=D(2))
        ),
        ValidationError,
    )
    assert only_problem(error).reason == (
        "selling 5,000 shares of Bright Hill Mining (CAD) on 2024-06-01 is more than the "
        "3,000 held that day"
    )


def test_an_edit_or_delete_that_leaves_a_later_sell_short_is_refused(
    engine: Engine, session: Session
) -> None:
    holding = _holding(session)
    buy = create_transaction(
        session, _move(holding, K.BUY, date(2024, 5, 1), shares=D(3000), price=D(1))
    )
    create_transaction(
        session, _move(holding, K.SELL, date(2024, 6, 1), shares=D(2000), price=D(2))
    )
    smaller = _move(holding, K.BUY, date(2024, 5, 1), shares=D(1500), price=D(1))
    error = assert_refused(
        engine, session, lambda: update_transaction(session, buy.id or 0, smaller), ValidationError
    )
    assert only_problem(error).reason == (
        "this would leave a later sell short: selling 2,000 shares of Bright Hill Mining (CAD) "
        "on 2024-06-01 is more than the 1,500 held that day"
    )
    conflict = assert_refused(
        engine, session, lambda: delete_transaction(session, buy.id or 0), ConflictError
    )
    assert str(conflict).startswith("cannot delete this transaction: this would leave a later")
    # Moving the buy later than the sell is refused the same way; a bigger buy is fine.
    later = _move(holding, K.BUY, date(2024, 7, 1), shares=D(3000), price=D(1))
    assert_refused(
        engine, session, lambda: update_transaction(session, buy.id or 0, later), ValidationError
    )
    bigger = _move(holding, K.BUY, date(2024, 5, 1), shares=D(4000), price=D(1))
    update_transaction(session, buy.id or 0, bigger)
    assert holding_rows(session)[0].shares == D(2000)


def test_each_kind_asks_for_what_it_needs(engine: Engine, session: Session) -> None:
    holding = _holding(session)
    day = date(2024, 1, 2)

    def refused(entry: HoldingTransaction) -> ValidationError:
        return assert_refused(
            engine, session, lambda: create_transaction(session, entry), ValidationError
        )

    assert only_problem(refused(_move(holding, K.BUY, day))).reason == "a buy needs its shares"
    error = refused(_move(holding, K.SELL, day, shares=D(1)))
    assert problem_for(error, "price").reason == "a sell needs its price per share"
    assert only_problem(refused(_move(holding, K.FEE, day))).reason == "a fee needs its amount"
    error = refused(_move(holding, K.SPLIT, day, split_new=D(1)))
    assert only_problem(error).reason == (
        "a split or consolidation needs its ratio (new shares for old)"
    )
    error = refused(
        HoldingTransaction(
            holding_id=holding.id or 0, kind="buy", trade_date=day, currency="USD", shares=D(1)
        )
    )
    assert only_problem(error).reason == (
        "the holding is kept in CAD: record the transaction in CAD, or in a holding kept in USD"
    )
    error = refused(_move(holding, K.BUY, day, shares=D(1), deal_id=404))
    assert str(only_problem(error)) == "deal 404: is not a known deal"
    error = refused(
        HoldingTransaction(holding_id=holding.id or 0, kind="gift", trade_date=day, currency="CAD")
    )
    assert problem_for(error, "kind").reason == (
        "must be one of buy, sell, fee, shares from deal, split or consolidation"
    )
