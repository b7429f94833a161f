"""Currency conversion with the rates the user entered, as they stood on one day."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.errors import TrackerError
from tracker.models import FxRate


class MissingFxRateError(TrackerError):
    """No rate for a pair (in either direction) was entered on or before the day asked for."""

    def __init__(self, source: str, target: str, on: date) -> None:
        self.source, self.target, self.on = source, target, on
        super().__init__(
            f"no {source}/{target} exchange rate on or before {on.isoformat()}: "
            f"enter a rate for {source}/{target} or {target}/{source}"
        )


class FxBook:
    """The latest entered rate of every pair on or before ``on``.

    A pair can be entered either way round. Converting USD to CAD uses the latest of the USD/CAD
    rate and the inverse of the CAD/USD rate; on a tie the pair as entered wins. No cross rates
    are derived through a third currency: a missing pair is an error that names it.
    """

    def __init__(self, on: date, rates: Iterable[tuple[str, str, date, Decimal]]) -> None:
        self.on = on
        self._rates: dict[tuple[str, str], tuple[date, Decimal]] = {}
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

    def rate(self, source: str, target: str) -> Decimal:
        """Units of ``target`` per unit of ``source``; raises ``MissingFxRateError``."""
        if source == target:
            return Decimal(1)
        direct = self._rates.get((source, target))
        inverse = self._rates.get((target, source))
        if direct is not None and (inverse is None or direct[0] >= inverse[0]):
            return direct[1]
        if inverse is not None:
            return Decimal(1) / inverse[1]
        raise MissingFxRateError(source, target, self.on)

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
