"""Money shown in the reporting currency, with the rate that converted it and that rate's date.

Which rate converts a figure: the latest rate entered on or before the valuation day (today,
unless a view is asked for another day), the same rate for every figure in a currency, so that
figures side by side and their sums are converted alike. A study NPV from 2019 in US dollars is
therefore shown in Canadian dollars at today's rate, not at the 2019 rate: the reporting
currency says what the published figure is worth in the investor's money now. A figure whose
currency has no rate on or before that day (entered directly, inverted, or crossed through USD,
see ``FxBook``) is left unconverted, with a note naming the missing pair.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlmodel import Session

from tracker.portfolio.fx import FxBook, FxQuote, MissingFxRateError, rate_text
from tracker.services.settings import reporting_currency


class Converted(NamedTuple):
    """An amount in the reporting currency, or None and why (``note``)."""

    amount: Decimal | None
    currency: str
    quote: FxQuote | None
    note: str = ""

    def rate_note(self) -> str:
        """What converted it (``1 USD = 1.3650 CAD on 2026-11-28``), or why nothing did."""
        if self.quote is not None:
            return self.quote.describe()
        return self.note


@dataclass
class ReportingBook:
    """Converts figures into ``currency`` with the rates of ``book`` (one quote per currency)."""

    currency: str
    book: FxBook
    _quotes: dict[str, FxQuote | str] = field(default_factory=dict)
    _labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    _factors: dict[str, tuple[Decimal | None, "Reported"]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, on: date, currency: str | None = None) -> "ReportingBook":
        """The stored reporting currency (or ``currency``) and the rates up to ``on``."""
        return cls(currency or reporting_currency(session), FxBook.load(session, on))

    @property
    def on(self) -> date:
        return self.book.on

    def quote(self, source: str) -> FxQuote | str:
        """The rate from ``source`` into the reporting currency, or the reason there is none."""
        known = self._quotes.get(source)
        if known is None:
            try:
                known = self.book.quote(source, self.currency)
            except MissingFxRateError as exc:
                known = str(exc)
            self._quotes[source] = known
        return known

    def convert(self, amount: Decimal | None, source: str | None) -> Converted:
        """``amount`` of ``source`` in the reporting currency; a missing amount stays missing
        (with no note), a figure without a currency or a rate says so."""
        if not source:
            note = "" if amount is None else "the figure has no currency"
            return Converted(None, self.currency, None, note)
        found = self.quote(source)
        if isinstance(found, str):
            return Converted(None, self.currency, None, "" if amount is None else found)
        if amount is None:
            return Converted(None, self.currency, found)
        return Converted(amount * found.rate, self.currency, found)

    def factor(self, source: str) -> tuple[Decimal | None, "Reported"]:
        """The rate from ``source`` (None when there is none, 1 for the same currency) and a
        ``Reported`` of no amounts carrying the rate's texts: what ``reported`` builds on."""
        known = self._factors.get(source)
        if known is None:
            found = self.quote(source)
            short, detail = self.rate_labels(source)
            rate = None if isinstance(found, str) else found.rate
            known = (rate, Reported(self.currency, None, None, short, detail))
            self._factors[source] = known
        return known

    def rate_labels(self, source: str | None) -> tuple[str, str]:
        """What a list shows of the rate from ``source``: a short cell (``1.3900 USD/CAD,
        2025-12-31``; empty when no conversion is needed; ``no USD/CAD rate`` when none is
        entered) and the full sentence for its tooltip. One pair of strings per currency."""
        if not source:
            return "", ""
        known = self._labels.get(source)
        if known is None:
            found = self.quote(source)
            if isinstance(found, str):
                known = (f"no {source}/{self.currency} rate", found)
            elif found.rate_date is None:
                known = ("", found.describe())
            else:
                via = f" via {found.via}" if found.via else ""
                short = (
                    f"{rate_text(found.rate)} {source}/{self.currency}{via}, "
                    f"{found.rate_date.isoformat()}"
                )
                known = (short, found.describe())
            self._labels[source] = known
        return known


class Reported(NamedTuple):
    """A row's NPV and capex in the reporting currency, with the rate's cell and tooltip text
    (``ReportingBook.rate_labels``): the same two strings for every row of a currency."""

    currency: str | None
    after_tax_npv: Decimal | None
    initial_capex: Decimal | None
    rate: str
    rate_detail: str


NOT_REPORTED = Reported(None, None, None, "", "")


def reported(
    reporting: ReportingBook,
    currency: str | None,
    npv: Decimal | None,
    capex: Decimal | None,
) -> Reported:
    """NPV and capex of ``currency`` converted at the reporting book's rate.

    Lists call this for every row (100,000 projects): the rate and its texts are looked up
    once per currency, and a row's work is two multiplications at most.
    """
    if currency is None or (npv is None and capex is None):
        return NOT_REPORTED
    rate, unconverted = reporting.factor(currency)
    if rate is None:
        return unconverted
    code, _npv, _capex, short, detail = unconverted
    if rate == 1:
        return Reported(code, npv, capex, short, detail)
    return Reported(
        code,
        None if npv is None else npv * rate,
        None if capex is None else capex * rate,
        short,
        detail,
    )
