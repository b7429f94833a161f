"""What the screening view loads: its rows at the study deck, and what it needs to show them at
today's deck without reading the studies again.

Flipping to today's deck (or loading with a new deck) then costs reading the deck and the
arithmetic of ``tracker.portfolio.npv_today``: the studies' figures, decks and sensitivity
tables are read once per load, on the worker thread, and kept in a ``DeckHold``.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from tracker.pause import paused_collection
from tracker.portfolio.deck_npv import deck_prices, deck_responses, npvs_at_deck, screen_economics
from tracker.portfolio.fx import FxBook
from tracker.portfolio.npv_today import DeckResponse
from tracker.portfolio.reporting import ReportingBook
from tracker.portfolio.screening import ScreenRow, at_todays_deck, screen_rows
from tracker.portfolio.watchlists import WatchlistRow, watchlist_rows
from tracker.services.commodities import all_commodities
from tracker.services.settings import reporting_currency


class DeckHold:
    """The rows of one load at the study deck and, once worked out, how each study's NPV
    answers a deck (``DeckResponse``). Only worker jobs touch it, one at a time, so the one
    that gets there first works the responses out and the others reuse them."""

    def __init__(self, rows: list[ScreenRow], on: date) -> None:
        self.rows, self.on = rows, on
        self._responses: dict[int, DeckResponse] | None = None

    @property
    def ready(self) -> bool:
        return self._responses is not None

    def responses(self, session: Session) -> dict[int, DeckResponse]:
        """Each project's response, read and worked out on first use."""
        if self._responses is None:
            with paused_collection():
                book = FxBook.load(session, self.on)
                self._responses = deck_responses(screen_economics(session, self.rows), book)
        return self._responses

    def rows_at_todays_deck(self, session: Session) -> list[ScreenRow]:
        """The rows with every NPV at today's deck as it now stands, converted to the
        reporting currency again."""
        responses = self.responses(session)
        with paused_collection():
            book = FxBook.load(session, self.on)
            npvs = npvs_at_deck(responses, deck_prices(session, self.on), book)
            return at_todays_deck(self.rows, npvs, ReportingBook(reporting_currency(session), book))


@dataclass(frozen=True)
class ScreeningData:
    #: The rows shown: at the study deck, or at today's.
    rows: list[ScreenRow]
    commodities: list[tuple[str, str]]
    watchlists: list[WatchlistRow]
    #: The rows at each study's deck, and what showing them at today's deck needs.
    deck: DeckHold = field(compare=False)

    @property
    def study_rows(self) -> list[ScreenRow]:
        return self.deck.rows


def load_screening(
    session: Session, on: date | None = None, todays_deck: bool = False
) -> ScreeningData:
    """Every row, money also in the reporting currency at the rates up to ``on`` (today by
    default); with ``todays_deck``, every NPV at today's deck as it stood that day."""
    day = on or date.today()
    commodities = [(f"{c.name} ({c.symbol})", c.symbol) for c in all_commodities(session)]
    with paused_collection():
        rows = screen_rows(session, day)
    hold = DeckHold(rows, day)
    shown = hold.rows_at_todays_deck(session) if todays_deck else rows
    return ScreeningData(shown, sorted(commodities), watchlist_rows(session), hold)
