"""A holding's position as the sum of its transactions, at average cost.

Cost method: **average cost** (the adjusted cost base Canadian investors report). A buy or
shares from a deal add their shares and what they cost (shares * price + commission) to the
pool; a sell takes out its shares' part of the pool at the average cost of that day, and its
realised gain is the proceeds (shares * price - commission) less that part; a split or
consolidation changes the share count and leaves the cost alone; a fee is an expense, counted
as a realised loss. Moves of one day are taken splits first (they apply from the open), then
buys, shares from deals and fees, then sells, each kind in the order entered.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.enums import TransactionKind

ZERO = Decimal(0)
_ORDER = {
    TransactionKind.SPLIT.value: 0,
    TransactionKind.BUY.value: 1,
    TransactionKind.DEAL_SHARES.value: 1,
    TransactionKind.FEE.value: 2,
    TransactionKind.SELL.value: 3,
}


class Move(NamedTuple):
    """One transaction as the arithmetic needs it."""

    id: int
    kind: str
    trade_date: date
    shares: Decimal | None
    price: Decimal | None
    fees: Decimal | None
    split_new: Decimal | None = None
    split_old: Decimal | None = None


def in_order(moves: Iterable[Move]) -> list[Move]:
    """Moves in the order they apply (see the module's note on one day's order)."""
    return sorted(moves, key=lambda m: (m.trade_date, _ORDER.get(m.kind, 9), m.id))


def cash_in(move: Move) -> Decimal:
    """What the move puts into the holding from outside (negative: takes out), in the
    holding's currency: a buy's cost, a deal's shares at their value, a fee; a sell's
    proceeds come out. A split moves no money."""
    shares = move.shares or ZERO
    fees = move.fees or ZERO
    if move.kind in (TransactionKind.BUY, TransactionKind.DEAL_SHARES):
        return shares * (move.price or ZERO) + fees
    if move.kind == TransactionKind.SELL:
        return -(shares * (move.price or ZERO) - fees)
    if move.kind == TransactionKind.FEE:
        return fees
    return ZERO


@dataclass
class Position:
    """The running state of one holding."""

    shares: Decimal = ZERO
    cost: Decimal = ZERO
    #: False once a buy without a price is in the pool: cost and gains are then unknown.
    cost_known: bool = True
    realised: Decimal = ZERO
    opened: date | None = None

    @property
    def average_cost(self) -> Decimal | None:
        if not self.cost_known or not self.shares:
            return None
        return self.cost / self.shares

    def apply(self, move: Move) -> None:
        """Take ``move`` into the position (it must not sell more than is held)."""
        if self.opened is None:
            self.opened = move.trade_date
        shares = move.shares or ZERO
        if move.kind in (TransactionKind.BUY, TransactionKind.DEAL_SHARES):
            if move.price is None:
                self.cost_known = False
            self.cost += cash_in(move)
            self.shares += shares
        elif move.kind == TransactionKind.SELL:
            part = self.cost * shares / self.shares if self.shares else ZERO
            self.realised += -cash_in(move) - part
            self.cost -= part
            self.shares -= shares
            if not self.shares:
                self.cost = ZERO
                self.cost_known = True
        elif move.kind == TransactionKind.FEE:
            self.realised -= move.fees or ZERO
        elif move.kind == TransactionKind.SPLIT and move.split_new and move.split_old:
            self.shares = self.shares * move.split_new / move.split_old


class Oversold(NamedTuple):
    """A sell that takes more shares than were held when it applies."""

    move: Move
    held: Decimal


def replay(moves: Sequence[Move], until: date | None = None) -> Position:
    """The position after every move dated on or before ``until`` (all when None)."""
    position = Position()
    for move in in_order(moves):
        if until is not None and move.trade_date > until:
            break
        position.apply(move)
    return position


def first_oversold(moves: Sequence[Move]) -> Oversold | None:
    """The first sell that would take more shares than held that day, if any."""
    position = Position()
    for move in in_order(moves):
        if move.kind == TransactionKind.SELL and (move.shares or ZERO) > position.shares:
            return Oversold(move, position.shares)
        position.apply(move)
    return None
