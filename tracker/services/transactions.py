"""Recording a holding's buys, sells, fees, shares from deals, splits and consolidations.

Every change is checked against the holding's whole history: a sell may not take more shares
than were held on its day, and neither may a later sell once an earlier buy is edited or
deleted. Nothing is written when a check fails.
"""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from tracker.enums import TransactionKind
from tracker.errors import ConflictError, FieldProblem, ValidationError
from tracker.formatting import count
from tracker.models import Company, Deal, Holding, HoldingTransaction
from tracker.portfolio.checks import date_rule, upper_code
from tracker.portfolio.ledger import Move, first_oversold
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import Checker, Choice, Currency, Number, Rules, Text

#: A transaction's own rules, shared by the form and the Excel import.
TRANSACTION_RULES = Rules(
    Choice("kind", TransactionKind, required=True),
    date_rule("trade_date"),
    Number("shares", minimum=0),
    Number("price", minimum=0),
    Currency("currency", required=True),
    Number("fees", minimum=0),
    Number("split_new", minimum=0),
    Number("split_old", minimum=0),
    Text("source", 1000),
)

_TRADES = (TransactionKind.BUY, TransactionKind.SELL, TransactionKind.DEAL_SHARES)


def _kind_problems(entry: HoldingTransaction) -> list[FieldProblem]:
    """What each kind needs, and what it must leave empty."""
    problems: list[FieldProblem] = []
    kind = entry.kind
    if kind in _TRADES:
        if not entry.shares:
            problems.append(FieldProblem("shares", entry.shares, f"a {kind} needs its shares"))
        if entry.price is None and kind != TransactionKind.BUY:
            problems.append(FieldProblem("price", None, f"a {kind} needs its price per share"))
    if kind == TransactionKind.FEE:
        if not entry.fees:
            problems.append(FieldProblem("fees", entry.fees, "a fee needs its amount"))
        for name in ("shares", "price"):
            if getattr(entry, name) is not None:
                problems.append(
                    FieldProblem(name, getattr(entry, name), "a fee moves no shares: leave empty")
                )
    if kind == TransactionKind.SPLIT:
        for name in ("split_new", "split_old"):
            if not getattr(entry, name):
                problems.append(
                    FieldProblem(
                        name,
                        getattr(entry, name),
                        "a split or consolidation needs its ratio (new shares for old)",
                    )
                )
        for name in ("shares", "price"):
            if getattr(entry, name) is not None:
                problems.append(
                    FieldProblem(
                        name, getattr(entry, name), "a split takes its ratio only: leave empty"
                    )
                )
    return problems


def check_transaction(session: Session, entry: HoldingTransaction) -> Checker:
    """Every problem of ``entry`` on its own (the holding's history is checked on write)."""
    checker = Checker()
    holding = session.get(Holding, entry.holding_id) if entry.holding_id else None
    if holding is None:
        checker.fail("holding", entry.holding_id, "is not a known holding")
    TRANSACTION_RULES.check(checker, entry)
    if checker.problems:
        return checker
    checker.absorb(_kind_problems(entry))
    if holding is not None and entry.currency != holding.currency:
        checker.fail(
            "currency",
            entry.currency,
            f"the holding is kept in {holding.currency}: record the transaction in "
            f"{holding.currency}, or in a holding kept in {entry.currency}",
        )
    if entry.deal_id is not None and session.get(Deal, entry.deal_id) is None:
        checker.fail("deal", entry.deal_id, "is not a known deal")
    return checker


def _normalise(entry: HoldingTransaction) -> None:
    entry.currency = upper_code(entry.currency)
    entry.notes = clean_text(entry.notes)
    entry.source = clean_text(entry.source)


def moves_of(session: Session, holding_id: int) -> list[Move]:
    """The holding's transactions as the ledger reads them."""
    rows = session.exec(
        select(HoldingTransaction).where(col(HoldingTransaction.holding_id) == holding_id)
    )
    return [move_of(row) for row in rows]


def move_of(row: HoldingTransaction) -> Move:
    return Move(
        row.id or 0,
        row.kind,
        row.trade_date,
        row.shares,
        row.price,
        row.fees,
        row.split_new,
        row.split_old,
    )


def holding_label(session: Session, holding_id: int) -> str:
    """``Bright Hill Mining (CAD)``: how a holding is named in messages."""
    holding = get_or_raise(session, Holding, holding_id)
    company = session.get(Company, holding.company_id)
    name = company.name if company is not None else f"company #{holding.company_id}"
    return f"{name} ({holding.currency})"


def _check_history(
    session: Session, holding_id: int, replaced: int | None, added: Move | None
) -> None:
    """Refuse (with the holding and date named) when a sell would take more than held once
    transaction ``replaced`` is taken out and ``added`` put in; checked before anything is
    written."""
    moves = [move for move in moves_of(session, holding_id) if move.id != replaced]
    if added is not None:
        moves.append(added)
    oversold = first_oversold(moves)
    if oversold is None:
        return
    move = oversold.move
    text = (
        f"selling {count(move.shares)} shares of {holding_label(session, holding_id)} on "
        f"{move.trade_date.isoformat()} is more than the {count(oversold.held)} held that day"
    )
    if added is None or move is not added:
        text = f"this would leave a later sell short: {text}"
    raise ValidationError([FieldProblem("shares", move.shares, text)])


#: The id a transaction not yet written is checked under (sorted after those of its day).
_NEW = 1 << 62


def create_transaction(session: Session, entry: HoldingTransaction) -> HoldingTransaction:
    _normalise(entry)
    check_transaction(session, entry).raise_if_any()
    _check_history(session, entry.holding_id, None, move_of(entry)._replace(id=_NEW))
    session.add(entry)
    session.flush()
    return entry


def update_transaction(
    session: Session, transaction_id: int, changes: HoldingTransaction
) -> HoldingTransaction:
    stored = get_or_raise(session, HoldingTransaction, transaction_id)
    _normalise(changes)
    check_transaction(session, changes).raise_if_any()
    if changes.holding_id != stored.holding_id:
        _check_history(session, stored.holding_id, transaction_id, None)
    _check_history(
        session, changes.holding_id, transaction_id, move_of(changes)._replace(id=transaction_id)
    )
    copy_fields(stored, changes, exclude=frozenset({"id"}))
    session.add(stored)
    session.flush()
    return stored


def delete_transaction(session: Session, transaction_id: int) -> None:
    """Delete one transaction; refused when a later sell would then sell more than held."""
    stored = get_or_raise(session, HoldingTransaction, transaction_id)
    try:
        _check_history(session, stored.holding_id, transaction_id, None)
    except ValidationError as error:
        raise ConflictError(
            f"cannot delete this transaction: {error.problems[0].reason}"
        ) from error
    session.delete(stored)
    session.flush()


def transaction_label(session: Session, transaction_id: int) -> str:
    """``buy of 1,000 Bright Hill Mining (CAD) on 2024-01-02``: how undo names it."""
    stored = get_or_raise(session, HoldingTransaction, transaction_id)
    holding = holding_label(session, stored.holding_id)
    amount = f" {count(stored.shares)}" if stored.shares else ""
    return f"{stored.kind}{amount} of {holding} on {stored.trade_date.isoformat()}"


def transactions_of(session: Session, holding_id: int) -> list[HoldingTransaction]:
    """The holding's transactions by date."""
    return list(
        session.exec(
            select(HoldingTransaction)
            .where(col(HoldingTransaction.holding_id) == holding_id)
            .order_by(col(HoldingTransaction.trade_date), col(HoldingTransaction.id))
        )
    )


def opening_buy(
    holding_id: int,
    currency: str,
    shares: Decimal,
    price: Decimal | None,
    when: date,
    notes: str | None = None,
) -> HoldingTransaction:
    """The first buy of a new holding, as a form or an import that gives a position makes it."""
    return HoldingTransaction(
        holding_id=holding_id,
        kind=TransactionKind.BUY.value,
        trade_date=when,
        shares=shares,
        price=price,
        currency=currency,
        notes=notes,
    )
