"""Commodity prices the user enters or imports: one price per commodity and day.

Every write returns the ``PriceEdit``s it made (what a day held before and after), so the window
can undo and redo an entry, a delete or a whole CSV import by writing those states back.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.errors import ConflictError
from tracker.models import Commodity, CommodityPrice
from tracker.portfolio.checks import date_rule, positive_failure, upper_code
from tracker.services.commodities import unit_failure
from tracker.services.common import clean_text, get_or_raise
from tracker.validation import Checker, Currency, Failure, Rule, Rules, Text


class PriceValues(NamedTuple):
    """What a day's price says: ``price`` ``currency`` per ``unit``, and where it came from."""

    price: Decimal
    currency: str
    unit: str
    source: str | None = None


class PriceEdit(NamedTuple):
    """One commodity-day before and after a write (None: no price that day)."""

    commodity_id: int
    price_date: date
    before: PriceValues | None
    after: PriceValues | None


class CommodityPriceRow(NamedTuple):
    id: int
    commodity_id: int
    symbol: str
    commodity: str
    price_date: date
    price: Decimal
    currency: str
    unit: str
    source: str | None


def _price_failure(price: Decimal | None) -> Failure | None:
    return positive_failure(price)


#: A commodity price's own rules, shared by the form, the CSV import and the workbook.
COMMODITY_PRICE_RULES = Rules(
    date_rule("price_date"),
    Rule(("price",), _price_failure, required=True),
    Currency("currency", required=True),
    Rule(("unit",), unit_failure, required=True),
    Text("source", 1000),
)


def normalise(entry: CommodityPrice) -> None:
    entry.currency = upper_code(entry.currency)
    entry.unit = (entry.unit or "").strip()
    entry.source = clean_text(entry.source)


def check_commodity_price(session: Session, entry: CommodityPrice) -> Checker:
    checker = Checker()
    if entry.commodity_id is None or session.get(Commodity, entry.commodity_id) is None:
        checker.fail("commodity", entry.commodity_id, "is not a known commodity")
    COMMODITY_PRICE_RULES.check(checker, entry)
    return checker


def _stored(session: Session, commodity_id: int, day: date) -> CommodityPrice | None:
    return session.scalars(
        select(CommodityPrice).where(
            col(CommodityPrice.commodity_id) == commodity_id,
            col(CommodityPrice.price_date) == day,
        )
    ).first()


def _values(row: CommodityPrice | None) -> PriceValues | None:
    if row is None:
        return None
    return PriceValues(row.price, row.currency, row.unit, row.source)


def put_price(session: Session, commodity_id: int, day: date, values: PriceValues | None) -> None:
    """Make a commodity-day hold ``values`` (None: no price), whatever it held."""
    stored = _stored(session, commodity_id, day)
    if values is None:
        if stored is not None:
            session.delete(stored)
    elif stored is None:
        session.add(
            CommodityPrice(
                commodity_id=commodity_id,
                price_date=day,
                price=values.price,
                currency=values.currency,
                unit=values.unit,
                source=values.source,
            )
        )
    else:
        stored.price, stored.currency = values.price, values.currency
        stored.unit, stored.source = values.unit, values.source
        session.add(stored)
    session.flush()


def undo_edits(session: Session, edits: Sequence[PriceEdit]) -> None:
    """Put back what the days held before ``edits`` (last first)."""
    for edit in reversed(edits):
        put_price(session, edit.commodity_id, edit.price_date, edit.before)


def redo_edits(session: Session, edits: Sequence[PriceEdit]) -> None:
    for edit in edits:
        put_price(session, edit.commodity_id, edit.price_date, edit.after)


def record_commodity_price(session: Session, entry: CommodityPrice) -> PriceEdit:
    """Enter a commodity's price on a day; another price for the same day replaces it."""
    normalise(entry)
    check_commodity_price(session, entry).raise_if_any()
    before = _values(_stored(session, entry.commodity_id, entry.price_date))
    after = PriceValues(entry.price, entry.currency, entry.unit, entry.source)
    put_price(session, entry.commodity_id, entry.price_date, after)
    return PriceEdit(entry.commodity_id, entry.price_date, before, after)


def update_commodity_price(
    session: Session, price_id: int, changes: CommodityPrice
) -> list[PriceEdit]:
    """Edit a price; moving it onto a day that already has a price is refused."""
    stored = get_or_raise(session, CommodityPrice, price_id)
    normalise(changes)
    check_commodity_price(session, changes).raise_if_any()
    clash = _stored(session, changes.commodity_id, changes.price_date)
    if clash is not None and clash.id != price_id:
        raise ConflictError(f"there is already a price on {changes.price_date.isoformat()}")
    edits = [PriceEdit(stored.commodity_id, stored.price_date, _values(stored), None)]
    put_price(session, stored.commodity_id, stored.price_date, None)
    after = PriceValues(changes.price, changes.currency, changes.unit, changes.source)
    edits.append(PriceEdit(changes.commodity_id, changes.price_date, None, after))
    put_price(session, changes.commodity_id, changes.price_date, after)
    return edits


def delete_commodity_price(session: Session, price_id: int) -> PriceEdit:
    stored = get_or_raise(session, CommodityPrice, price_id)
    edit = PriceEdit(stored.commodity_id, stored.price_date, _values(stored), None)
    put_price(session, stored.commodity_id, stored.price_date, None)
    return edit


def record_many(
    session: Session, commodity_id: int, points: Iterable[tuple[date, PriceValues]]
) -> list[PriceEdit]:
    """Write checked points of one commodity (an import), returning every day's edit."""
    edits = []
    for day, values in points:
        before = _values(_stored(session, commodity_id, day))
        put_price(session, commodity_id, day, values)
        edits.append(PriceEdit(commodity_id, day, before, values))
    return edits


def commodity_price_rows(
    session: Session, commodity_id: int | None = None
) -> list[CommodityPriceRow]:
    """Every entered price (or one commodity's), newest first."""
    query = (
        select(
            col(CommodityPrice.id),
            col(CommodityPrice.commodity_id),
            col(Commodity.symbol),
            col(Commodity.name),
            col(CommodityPrice.price_date),
            col(CommodityPrice.price),
            col(CommodityPrice.currency),
            col(CommodityPrice.unit),
            col(CommodityPrice.source),
        )
        .join(Commodity, col(Commodity.id) == col(CommodityPrice.commodity_id))
        .order_by(col(CommodityPrice.price_date).desc(), col(Commodity.symbol))
    )
    if commodity_id is not None:
        query = query.where(col(CommodityPrice.commodity_id) == commodity_id)
    return [CommodityPriceRow(*row) for row in session.execute(query)]
