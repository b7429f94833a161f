"""Today's deck: the price of each commodity used for "NPV at today's prices".

By default a commodity's deck price is the latest price in its history on or before the day;
a price the user typed for the deck (a ``DeckPrice``) wins until it is cleared. A commodity
with neither has no deck price, and figures that need one say so.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.models import Commodity, CommodityPrice, DeckPrice
from tracker.portfolio.checks import positive_failure, upper_code
from tracker.portfolio.commodity_prices import PriceValues
from tracker.services.commodities import unit_failure
from tracker.services.common import clean_text
from tracker.validation import Checker, Currency, Rule, Rules, Text

FROM_HISTORY = "latest price"
TYPED = "typed for the deck"


class DeckLine(NamedTuple):
    """One commodity's line of today's deck; ``price`` is None when it has none."""

    commodity_id: int
    symbol: str
    name: str
    price: Decimal | None
    currency: str | None
    unit: str | None
    basis: str
    latest: PriceValues | None
    latest_date: date | None
    typed: PriceValues | None

    @property
    def values(self) -> PriceValues | None:
        if self.price is None or self.currency is None or self.unit is None:
            return None
        return PriceValues(self.price, self.currency, self.unit)


class DeckEdit(NamedTuple):
    """A commodity's typed deck price before and after a write (None: not typed)."""

    commodity_id: int
    before: PriceValues | None
    after: PriceValues | None


DECK_PRICE_RULES = Rules(
    Rule(("price",), lambda price: positive_failure(price), required=True),
    Currency("currency", required=True),
    Rule(("unit",), unit_failure, required=True),
    Text("source", 1000),
)


def todays_deck(session: Session, on: date) -> dict[str, DeckLine]:
    """Every commodity's deck line on ``on``, by symbol, in the commodity list's order."""
    last = (
        select(
            col(CommodityPrice.commodity_id).label("commodity_id"),
            func.max(col(CommodityPrice.price_date)).label("price_date"),
        )
        .where(col(CommodityPrice.price_date) <= on)
        .group_by(col(CommodityPrice.commodity_id))
        .subquery()
    )
    latest: dict[int, tuple[date, PriceValues]] = {}
    for commodity_id, day, price, currency, unit, source in session.execute(
        select(
            col(CommodityPrice.commodity_id),
            col(CommodityPrice.price_date),
            col(CommodityPrice.price),
            col(CommodityPrice.currency),
            col(CommodityPrice.unit),
            col(CommodityPrice.source),
        ).join(
            last,
            (col(CommodityPrice.commodity_id) == last.c.commodity_id)
            & (col(CommodityPrice.price_date) == last.c.price_date),
        )
    ):
        latest[commodity_id] = (day, PriceValues(price, currency, unit, source))
    typed = {
        row.commodity_id: PriceValues(row.price, row.currency, row.unit, row.source)
        for row in session.scalars(select(DeckPrice))
    }
    lines: dict[str, DeckLine] = {}
    for commodity in session.scalars(select(Commodity).order_by(col(Commodity.id))):
        assert commodity.id is not None
        found = latest.get(commodity.id)
        own = typed.get(commodity.id)
        chosen = own or (found[1] if found else None)
        lines[commodity.symbol] = DeckLine(
            commodity.id,
            commodity.symbol,
            commodity.name,
            None if chosen is None else chosen.price,
            None if chosen is None else chosen.currency,
            None if chosen is None else chosen.unit,
            TYPED if own else FROM_HISTORY if found else "",
            None if found is None else found[1],
            None if found is None else found[0],
            own,
        )
    return lines


def put_deck_price(session: Session, commodity_id: int, values: PriceValues | None) -> None:
    """Make the commodity's typed deck price ``values`` (None clears it)."""
    stored = session.get(DeckPrice, commodity_id)
    if values is None:
        if stored is not None:
            session.delete(stored)
    else:
        row = stored or DeckPrice(
            commodity_id=commodity_id, price=values.price, currency="", unit=""
        )
        row.price, row.currency, row.unit, row.source = values
        session.add(row)
    session.flush()


def _typed(session: Session, commodity_id: int) -> PriceValues | None:
    stored = session.get(DeckPrice, commodity_id)
    if stored is None:
        return None
    return PriceValues(stored.price, stored.currency, stored.unit, stored.source)


def set_deck_price(session: Session, entry: DeckPrice) -> DeckEdit:
    """Type a commodity's price for today's deck; it wins over the history until cleared."""
    entry.currency = upper_code(entry.currency)
    entry.unit = (entry.unit or "").strip()
    entry.source = clean_text(entry.source)
    checker = Checker()
    if session.get(Commodity, entry.commodity_id) is None:
        checker.fail("commodity", entry.commodity_id, "is not a known commodity")
    DECK_PRICE_RULES.check(checker, entry)
    checker.raise_if_any()
    before = _typed(session, entry.commodity_id)
    after = PriceValues(entry.price, entry.currency, entry.unit, entry.source)
    put_deck_price(session, entry.commodity_id, after)
    return DeckEdit(entry.commodity_id, before, after)


def clear_deck_price(session: Session, commodity_id: int) -> DeckEdit:
    """Go back to the latest price in the history for this commodity."""
    before = _typed(session, commodity_id)
    put_deck_price(session, commodity_id, None)
    return DeckEdit(commodity_id, before, None)
