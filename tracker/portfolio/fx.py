"""Currency conversion with the rates the user entered, as they stood on one day."""

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.errors import TrackerError
from tracker.models import FxRate

#: The currency cross rates are derived through, when a pair was entered neither way round.
PIVOT = "USD"


class MissingFxRateError(TrackerError):
    """No rate for a pair (in either direction, nor crossed through USD) was entered on or
    before the day asked for."""

    def __init__(self, source: str, target: str, on: date) -> None:
        self.source, self.target, self.on = source, target, on
        cross = (
            f", or {source}/{PIVOT} and {PIVOT}/{target}" if PIVOT not in (source, target) else ""
        )
        super().__init__(
            f"no {source}/{target} exchange rate on or before {on.isoformat()}: "
            f"enter a rate for {source}/{target} or {target}/{source}{cross}"
        )


class FxQuote(NamedTuple):
    """The rate that converts ``source`` into ``target``, and where it came from.

    ``rate_date`` is the day the rate carries: the entered rate's own day, or for a cross rate
    the older of its two legs' days (a cross is only as current as its stalest leg). It is
    None when source and target are the same currency.
    """

    source: str
    target: str
    rate: Decimal
    rate_date: date | None
    via: str | None = None
    inverted: bool = False
    #: A cross rate's two legs, each as ``describe`` reads it.
    legs: tuple["FxQuote", ...] = ()

    def describe(self) -> str:
        """``1 USD = 1.3650 CAD on 2026-11-28`` (``via USD`` or ``inverse of CAD/USD``)."""
        if self.rate_date is None:
            return f"{self.source} needs no conversion"
        shown = f"1 {self.source} = {rate_text(self.rate)} {self.target}"
        if self.inverted:
            shown += f" (inverse of {self.target}/{self.source})"
        if self.via:
            legs = "; ".join(leg.describe() for leg in self.legs)
            return f"{shown} via {self.via} on {self.rate_date.isoformat()}, the older of: {legs}"
        return f"{shown} on {self.rate_date.isoformat()}"


def rate_text(rate: Decimal) -> str:
    """A rate as people quote them: four decimals (``1.3650``), more for a tiny one (``0.0072``
    stays, ``0.00007125`` keeps its digits)."""
    places = 4 if abs(rate) >= Decimal("0.01") else 8
    return f"{rate.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"


def _day(quote: FxQuote) -> date:
    assert quote.rate_date is not None  # only quotes between two currencies are compared
    return quote.rate_date


class FxBook:
    """The latest entered rate of every pair on or before ``on``.

    A pair can be entered either way round. Converting USD to CAD uses the latest of the USD/CAD
    rate and the inverse of the CAD/USD rate; on a tie the pair as entered wins. When neither
    way was entered and neither side is USD, the rate is crossed through USD (AUD/CAD from
    AUD/USD and USD/CAD, each leg chosen as above); the cross carries the older leg's date, and
    is used instead of an entered pair only when it is more recent. A pair missing every way is
    an error that names it: nothing is converted with a wrong rate.
    """

    def __init__(self, on: date, rates: Iterable[tuple[str, str, date, Decimal]]) -> None:
        self.on = on
        self._rates: dict[tuple[str, str], tuple[date, Decimal]] = {}
        #: Quotes (or the error) already worked out: lists convert 100,000 rows at a few pairs.
        self._quotes: dict[tuple[str, str], FxQuote | MissingFxRateError] = {}
        for base, quote, rate_date, rate in rates:
            if rate_date > on:
                continue
            known = self._rates.get((base, quote))
            if known is None or rate_date >= known[0]:
                self._rates[base, quote] = (rate_date, rate)

    @classmethod
    def load(cls, session: Session, on: date) -> "FxBook":
        rows = session.execute(
            select(
                col(FxRate.base), col(FxRate.quote), col(FxRate.rate_date), col(FxRate.rate)
            ).where(col(FxRate.rate_date) <= on)
        )
        return cls(on, ((base, quote, day, rate) for base, quote, day, rate in rows))

    def _pair(self, source: str, target: str) -> FxQuote | None:
        """The pair as entered or inverted, the later of the two (as entered on a tie)."""
        direct = self._rates.get((source, target))
        inverse = self._rates.get((target, source))
        if direct is not None and (inverse is None or direct[0] >= inverse[0]):
            return FxQuote(source, target, direct[1], direct[0])
        if inverse is not None:
            return FxQuote(source, target, Decimal(1) / inverse[1], inverse[0], inverted=True)
        return None

    def quote(self, source: str, target: str) -> FxQuote:
        """The rate from ``source`` to ``target`` with its date; raises ``MissingFxRateError``."""
        known = self._quotes.get((source, target))
        if known is None:
            try:
                known = self._quote(source, target)
            except MissingFxRateError as exc:
                known = exc
            self._quotes[source, target] = known
        if isinstance(known, MissingFxRateError):
            raise MissingFxRateError(source, target, self.on)
        return known

    def _quote(self, source: str, target: str) -> FxQuote:
        if source == target:
            return FxQuote(source, target, Decimal(1), None)
        found = self._pair(source, target)
        crossed = self._cross(source, target)
        if found is not None and (crossed is None or _day(found) >= _day(crossed)):
            return found
        if crossed is not None:
            return crossed
        raise MissingFxRateError(source, target, self.on)

    def _cross(self, source: str, target: str) -> FxQuote | None:
        """``source`` to ``target`` through USD, dated by the older of its two legs."""
        if PIVOT in (source, target):
            return None
        first, second = self._pair(source, PIVOT), self._pair(PIVOT, target)
        if first is None or second is None:
            return None
        older = min(_day(first), _day(second))
        rate = first.rate * second.rate
        return FxQuote(source, target, rate, older, via=PIVOT, legs=(first, second))

    def rate(self, source: str, target: str) -> Decimal:
        """Units of ``target`` per unit of ``source``; raises ``MissingFxRateError``."""
        return self.quote(source, target).rate

    def convert(self, amount: Decimal, source: str, target: str) -> Decimal:
        """``amount`` of ``source`` expressed in ``target``."""
        return amount if source == target else amount * self.rate(source, target)

    def try_convert(
        self, amount: Decimal | None, source: str, target: str
    ) -> tuple[Decimal | None, str]:
        """The converted amount and "", or None and the reason (for tables that carry on)."""
        if amount is None:
            return None, ""
        try:
            return self.convert(amount, source, target), ""
        except MissingFxRateError as exc:
            return None, str(exc)
