"""How the investor has done: value over time, money- and time-weighted returns, realised and
unrealised gain, per holding and in total, in one chosen currency.

Everything is worked from the transactions and the prices entered (``returns`` has the
definitions). Money is converted on the day it moves, at the rates entered up to that day;
values on the day they are taken, at the latest price known on or before the day: an entered
close, or the holding's own buy or sell price (a price the market paid that day; an entered
close of the same day wins). A holding that cannot be valued on a day it needs (no price yet,
or no rate) shows why and is left out of the total, rather than guessed.

- Realised gain: each sell's gain at average cost (``ledger``), less fees, on the days in the
  period, converted on its day.
- Unrealised gain: at the end, the value less the average cost of the shares still held, in
  the holding's currency, converted at the end's rate.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import BigInteger, select, type_coerce
from sqlmodel import Session, col

from tracker.enums import TransactionKind
from tracker.errors import TrackerError
from tracker.models import Company, FxRate, Holding, SharePrice
from tracker.portfolio.fx import FxBook
from tracker.portfolio.ledger import Move, Position, cash_in, in_order
from tracker.portfolio.periods import Period, PeriodKind, period
from tracker.portfolio.positions import moves_by_holding
from tracker.portfolio.returns import (
    DAY,
    annualised,
    as_percent,
    compounded,
    irr,
    true_time_weighted,
)
from tracker.units import DECIMAL_PLACES

ZERO = Decimal(0)


class UnvaluedError(TrackerError):
    """A holding could not be valued or converted on a day its figures need."""


class Quote(NamedTuple):
    day: date
    price: Decimal
    currency: str


@dataclass
class Market:
    """Share prices by company and the entered rates: what values a holding on any day."""

    target: str
    prices: dict[int, list[Quote]]
    rates: list[tuple[str, str, date, Decimal]]
    _days: dict[int, list[date]] = field(default_factory=dict)
    _books: dict[date, FxBook] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for company_id, quotes in self.prices.items():
            quotes.sort()
            self._days[company_id] = [quote.day for quote in quotes]

    def quote(self, company_id: int, day: date) -> Quote | None:
        """The latest price on or before ``day``."""
        days = self._days.get(company_id)
        if not days:
            return None
        index = bisect_right(days, day)
        return self.prices[company_id][index - 1] if index else None

    def book(self, day: date) -> FxBook:
        book = self._books.get(day)
        if book is None:
            book = self._books[day] = FxBook(day, self.rates)
        return book

    def convert(self, amount: Decimal, currency: str, day: date, to: str | None = None) -> Decimal:
        """``amount`` of ``currency`` in the target (or ``to``) at ``day``'s rates."""
        target = to or self.target
        if currency == target or not amount:
            return amount
        try:
            return self.book(day).convert(amount, currency, target)
        except TrackerError as error:
            raise UnvaluedError(str(error)) from error


class HoldingBook(NamedTuple):
    """One holding's transactions, in the order they apply."""

    holding_id: int
    company_id: int
    label: str
    currency: str
    moves: list[Move]


class PerformanceRow(NamedTuple):
    holding_id: int | None
    """None on the total row."""
    label: str
    currency: str
    start_value: Decimal | None
    end_value: Decimal | None
    invested: Decimal | None
    """Money put in less money taken out during the period."""
    gain: Decimal | None
    """End value less start value less ``invested``: what the period earned."""
    realised: Decimal | None
    unrealised: Decimal | None
    mwr_pct: Decimal | None
    """Money-weighted, over the period: the IRR compounded over the days money was at work."""
    mwr_annual_pct: Decimal | None
    """The IRR itself, shown for a year or more at work (a shorter one's yearly rate misleads)."""
    twr_pct: Decimal | None
    twr_annual_pct: Decimal | None
    note: str


def _missing(holding_id: int | None, label: str, currency: str, note: str) -> PerformanceRow:
    """The row of what could not be valued: no figures, and why."""
    return PerformanceRow(
        holding_id,
        label,
        currency,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        note,
    )


#: Moves whose money is their shares at their price: without a price it is unknown.
_PRICED = (TransactionKind.BUY, TransactionKind.SELL, TransactionKind.DEAL_SHARES)


def _trade_quotes(book: HoldingBook) -> list[Quote]:
    """The holding's buys and sells with a price, as quotes in its currency (last of a day)."""
    found: dict[date, Quote] = {}
    for move in book.moves:
        if move.price is not None and move.kind in (TransactionKind.BUY, TransactionKind.SELL):
            found[move.trade_date] = Quote(move.trade_date, move.price, book.currency)
    return list(found.values())


class _Shares:
    """A holding's position after each day with moves."""

    def __init__(self, moves: Sequence[Move]) -> None:
        self.days: list[date] = []
        self.states: list[tuple[Decimal, Decimal, bool]] = []
        position = Position()
        for move in moves:
            position.apply(move)
            state = (position.shares, position.cost, position.cost_known)
            if self.days and self.days[-1] == move.trade_date:
                self.states[-1] = state
            else:
                self.days.append(move.trade_date)
                self.states.append(state)

    def on(self, day: date) -> tuple[Decimal, Decimal, bool]:
        index = bisect_right(self.days, day)
        return self.states[index - 1] if index else (ZERO, ZERO, True)


class _Holding:
    """One holding's figures over a period."""

    def __init__(self, book: HoldingBook, market: Market) -> None:
        self.book = book
        self.market = market
        self.shares = _Shares(book.moves)
        self._values: dict[date, Decimal] = {}
        self._trades = _trade_quotes(book)
        self._trade_days = [quote.day for quote in self._trades]

    def quote(self, day: date) -> Quote | None:
        """The latest entered close or trade price on or before ``day`` (a close wins a tie)."""
        entered = self.market.quote(self.book.company_id, day)
        index = bisect_right(self._trade_days, day)
        traded = self._trades[index - 1] if index else None
        if traded is None or (entered is not None and entered.day >= traded.day):
            return entered
        return traded

    def value(self, day: date, currency: str | None = None) -> Decimal:
        """The close of ``day`` in the target (or ``currency``); raises ``UnvaluedError``."""
        if currency is None and day in self._values:
            return self._values[day]
        shares = self.shares.on(day)[0]
        worth = ZERO
        if shares:
            quote = self.quote(day)
            if quote is None:
                raise UnvaluedError(
                    f"no share price of {self.book.label} on or before {day.isoformat()}"
                )
            worth = self.market.convert(shares * quote.price, quote.currency, day, currency)
        if currency is None:
            self._values[day] = worth
        return worth

    def flows(self, period: Period) -> dict[date, tuple[Decimal, Decimal]]:
        """Each day's (money in, money out) within the period, in the target."""
        found: dict[date, tuple[Decimal, Decimal]] = {}
        for move in self.book.moves:
            if not period.start < move.trade_date <= period.end:
                continue
            if move.kind in _PRICED and move.price is None:
                raise UnvaluedError(
                    f"the {move.kind} of {move.trade_date.isoformat()} has no price: enter it "
                    "to see returns over this period"
                )
            amount = self.market.convert(cash_in(move), self.book.currency, move.trade_date)
            money_in, money_out = found.get(move.trade_date, (ZERO, ZERO))
            if amount > 0:
                money_in += amount
            else:
                money_out -= amount
            found[move.trade_date] = (money_in, money_out)
        return found

    def realised(self, period: Period) -> Decimal:
        position = Position()
        total = ZERO
        for move in self.book.moves:
            if move.trade_date > period.end:
                break
            before = position.realised
            position.apply(move)
            if move.trade_date > period.start and position.realised != before:
                total += self.market.convert(
                    position.realised - before, self.book.currency, move.trade_date
                )
        return total

    def unrealised(self, day: date) -> Decimal | None:
        shares, cost, known = self.shares.on(day)
        if not known:
            return None
        if not shares:
            return ZERO
        own = self.value(day, self.book.currency)
        return self.market.convert(own - cost, self.book.currency, day)


def _row(
    holding_id: int | None,
    label: str,
    currency: str,
    period: Period,
    flows: dict[date, tuple[Decimal, Decimal]],
    value: "ValueOf",
    realised: Decimal | None,
    unrealised: Decimal | None,
) -> PerformanceRow:
    start_value, end_value = value(period.start), value(period.end)
    invested = sum((money_in - money_out for money_in, money_out in flows.values()), ZERO)
    dated = [(period.start, -start_value)] if start_value else []
    for day, (money_in, money_out) in sorted(flows.items()):
        dated.append((day, money_out - money_in))
    dated.append((period.end, end_value))
    twr = true_time_weighted(period.start, period.end, flows, value)
    # The days money was at work: from the start, or from the first flow.
    days = (period.end - min(day for day, _amount in dated)).days
    rate = irr(dated)
    return PerformanceRow(
        holding_id,
        label,
        currency,
        start_value,
        end_value,
        invested,
        end_value - start_value - invested,
        realised,
        unrealised,
        compounded(rate, days),
        as_percent(rate) if rate is not None and days >= 365 else None,
        twr,
        annualised(twr, days),
        "",
    )


class ValueOf:
    """A day's close value, looked up (the total's come from one sweep)."""

    def __init__(self, values: dict[date, Decimal]) -> None:
        self.values = values

    def __call__(self, day: date) -> Decimal:
        return self.values[day]


def _needed_days(period: Period, flows: Iterable[date]) -> set[date]:
    days = {period.start, period.end}
    for day in flows:
        days.update((day, day - DAY))
    return {day for day in days if day >= period.start}


def holding_row(book: HoldingBook, market: Market, period: Period) -> PerformanceRow:
    """One holding's figures over ``period``, or its row with a note saying what is missing."""
    holding = _Holding(book, market)
    try:
        flows = holding.flows(period)
        values = {day: holding.value(day) for day in sorted(_needed_days(period, flows))}
        return _row(
            book.holding_id,
            book.label,
            market.target,
            period,
            flows,
            ValueOf(values),
            holding.realised(period),
            holding.unrealised(period.end),
        )
    except UnvaluedError as missing:
        return _missing(book.holding_id, book.label, market.target, str(missing))


def value_series(
    books: Sequence[HoldingBook], market: Market, days: Iterable[date]
) -> dict[date, float]:
    """The books' total value at the close of each of ``days``, in one sweep over the moves
    and prices (a holding's part changes only when its shares or its price do). A day's
    moves apply first, then its trade prices, then its entered closes (which win). In floats:
    the chart draws them, and the total's time-weighted return is a ratio of them; money
    figures are added up exactly from the holdings' own rows."""
    events: list[tuple[date, int, int, float, float, str]] = []
    for index, book in enumerate(books):
        shares = _Shares(book.moves)
        for day, (number, _cost, _known) in zip(shares.days, shares.states, strict=True):
            events.append((day, 0, index, float(number), 0.0, ""))
        for quote in _trade_quotes(book):
            events.append((quote.day, 1, index, 0.0, float(quote.price), quote.currency))
    companies: dict[int, list[int]] = defaultdict(list)
    for index, book in enumerate(books):
        companies[book.company_id].append(index)
    for company_id, indexes in companies.items():
        for quote in market.prices.get(company_id, []):
            close = float(quote.price)
            for index in indexes:
                events.append((quote.day, 2, index, 0.0, close, quote.currency))
    events.sort(key=lambda event: (event[0], event[1], event[2]))
    held = [0.0] * len(books)
    price = [0.0] * len(books)
    currency = [""] * len(books)
    parts: dict[str, float] = defaultdict(float)
    found: dict[date, float] = {}
    at, size = 0, len(events)
    for day in sorted(set(days)):
        while at < size and events[at][0] <= day:
            _when, kind, index, new_shares, new_price, new_currency = events[at]
            at += 1
            code = currency[index]
            if code:
                parts[code] -= held[index] * price[index]
            if kind == 0:
                held[index] = new_shares
            else:
                price[index] = new_price
                currency[index] = code = new_currency
            if code:
                parts[code] += held[index] * price[index]
        total = 0.0
        for code, amount in parts.items():
            total += float(market.convert(Decimal(1), code, day)) * amount if amount else 0.0
        found[day] = total
    return found


class Performance(NamedTuple):
    period: Period
    currency: str
    rows: list[PerformanceRow]
    """One per holding, then the total (label "Total")."""
    series: list[tuple[date, float, Decimal]]
    """(day, value, money invested to that day) of the holdings counted in the total."""
    left_out: list[str]


def portfolio_performance(
    books: Sequence[HoldingBook], market: Market, period: Period
) -> Performance:
    """Every holding's row, the total of those that could be valued, and the value series."""
    rows = [holding_row(book, market, period) for book in books]
    counted = [book for book, row in zip(books, rows, strict=True) if not row.note]
    left_out = [f"{row.label}: {row.note}" for row in rows if row.note]
    flows: dict[date, tuple[Decimal, Decimal]] = {}
    for row_book in counted:
        for day, (money_in, money_out) in _Holding(row_book, market).flows(period).items():
            known_in, known_out = flows.get(day, (ZERO, ZERO))
            flows[day] = (known_in + money_in, known_out + money_out)
    event_days = {
        move.trade_date
        for book in counted
        for move in book.moves
        if period.start < move.trade_date <= period.end
    }
    event_days.update(
        quote.day
        for book in counted
        for quote in market.prices.get(book.company_id, [])
        if period.start < quote.day <= period.end
    )
    days = _needed_days(period, flows) | event_days
    try:
        swept = value_series(counted, market, days)
    except UnvaluedError as missing:
        total = _missing(None, "Total", market.target, str(missing))
        return Performance(period, market.target, [*rows, total], [], left_out)
    values = {day: Decimal(repr(value)) for day, value in swept.items()}
    good = [row for row in rows if not row.note]
    # The start and end are the holdings' own exact values, added up.
    values[period.start] = sum((row.start_value or ZERO for row in good), ZERO)
    values[period.end] = sum((row.end_value or ZERO for row in good), ZERO)
    realised = sum((row.realised or ZERO for row in rows if not row.note), ZERO)
    unknown = any(row.unrealised is None for row in rows if not row.note)
    unrealised = None if unknown else sum((row.unrealised or ZERO for row in rows), ZERO)
    total = _row(None, "Total", market.target, period, flows, ValueOf(values), realised, unrealised)
    if left_out:
        total = total._replace(note=f"{len(left_out)} holdings left out: " + "; ".join(left_out))
    invested = values[period.start]
    series = []
    shown = {period.start, period.end} | event_days
    for day in sorted(day for day in values if day in shown):
        money_in, money_out = flows.get(day, (ZERO, ZERO))
        invested += money_in - money_out
        series.append((day, float(values[day]), invested))
    return Performance(period, market.target, [*rows, total], series, left_out)


# Loading ------------------------------------------------------------------------------------


def load_books(session: Session) -> list[HoldingBook]:
    """Every holding with its transactions in order, by company name."""
    rows = session.execute(
        select(col(Holding.id), col(Holding.company_id), col(Company.name), col(Holding.currency))
        .join(Company, col(Company.id) == col(Holding.company_id))
        .order_by(col(Company.name), col(Holding.id))
    ).all()
    moves = moves_by_holding(session)
    return [
        HoldingBook(
            holding_id, company_id, f"{name} ({code})", code, in_order(moves.get(holding_id, []))
        )
        for holding_id, company_id, name, code in rows
    ]


def load_market(session: Session, target: str, company_ids: Iterable[int] | None = None) -> Market:
    """Every share price (of ``company_ids``, or all) and every rate entered."""
    # On SQLite the price is read as its stored millionths: one exact shift each, instead of
    # the column type's normalising (a tenth of the load at 10,000 holdings' prices).
    raw = session.get_bind().dialect.name == "sqlite"
    price = type_coerce(col(SharePrice.price), BigInteger) if raw else col(SharePrice.price)
    query = select(
        col(SharePrice.company_id), col(SharePrice.price_date), price, col(SharePrice.currency)
    )
    wanted = None if company_ids is None else set(company_ids)
    prices: dict[int, list[Quote]] = defaultdict(list)
    for company_id, day, value, code in session.execute(query):
        if wanted is None or company_id in wanted:
            close = Decimal(value).scaleb(-DECIMAL_PLACES) if raw else value
            prices[company_id].append(Quote(day, close, code))
    rates = [
        (base, quote, day, rate)
        for base, quote, day, rate in session.execute(
            select(col(FxRate.base), col(FxRate.quote), col(FxRate.rate_date), col(FxRate.rate))
        )
    ]
    return Market(target, dict(prices), rates)


def first_trade_day(books: Sequence[HoldingBook]) -> date | None:
    days = [book.moves[0].trade_date for book in books if book.moves]
    return min(days) if days else None


def load_performance(
    session: Session,
    currency: str,
    kind: PeriodKind,
    end: date,
    start: date | None = None,
) -> Performance:
    """Every holding's performance over the period of ``kind`` ending ``end``, in ``currency``."""
    books = load_books(session)
    market = load_market(session, currency, {book.company_id for book in books})
    chosen = period(kind, end, first_trade_day(books), start)
    return portfolio_performance(books, market, chosen)
