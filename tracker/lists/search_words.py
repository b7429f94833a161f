"""The words of the trade a list row can be found by, beyond the text it shows.

An investor types "gold", not "Au"; a ticker, not a company's full name. These helpers give
each row the commodity names behind its symbols and the tickers of the companies behind it,
read once per list (a few small queries); commodity names are worked out once per distinct
set of symbols, which 100,000 rows share a few hundred of.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.lists.lookups import CHUNK
from tracker.models import Commodity, Listing, ProjectOwner


class TradeWords:
    """Commodity names by symbol, and tickers by company, for search texts."""

    def __init__(self, names: dict[str, str], tickers: Mapping[int, Sequence[str]]) -> None:
        self._names = names
        self._tickers = tickers
        self._by_symbols: dict[tuple[str, ...] | frozenset[str], str] = {}

    @classmethod
    def load(cls, session: Session, company_ids: Iterable[int] | None = None) -> "TradeWords":
        """Every commodity name, and the tickers of every company (or of the ones named)."""
        connection = session.connection()
        names = dict(connection.execute(select(col(Commodity.symbol), col(Commodity.name))).all())
        tickers: defaultdict[int, list[str]] = defaultdict(list)
        query = select(col(Listing.company_id), col(Listing.ticker)).order_by(col(Listing.id))
        wanted = None if company_ids is None else sorted(set(company_ids))
        queries = (
            [query]
            if wanted is None
            else [
                query.where(col(Listing.company_id).in_(wanted[start : start + CHUNK]))
                for start in range(0, len(wanted), CHUNK)
            ]
        )
        for chosen in queries:
            for company_id, ticker in connection.execute(chosen):
                tickers[company_id].append(ticker)
        return cls(names, tickers)

    @property
    def symbols(self) -> frozenset[str]:
        """The commodity symbols, which a search matches as whole values (see ``RowSet.exact``)."""
        return frozenset(self._names)

    def commodities(self, symbols: tuple[str, ...] | frozenset[str]) -> str:
        """``"gold silver"`` for ``("Au", "Ag")``: the names a search for a metal types."""
        words = self._by_symbols.get(symbols)
        if words is None:
            words = " ".join(self._names.get(symbol, "") for symbol in sorted(symbols)).strip()
            self._by_symbols[symbols] = words
        return words

    def tickers(self, company_ids: Iterable[int]) -> str:
        """The tickers of these companies, ``"MOO MRIVF"``."""
        found = self._tickers
        return " ".join(ticker for company in company_ids for ticker in found.get(company, ()))


def project_owner_ids(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, tuple[int, ...]]:
    """Every project's owners (company ids), for finding a project by an owner's ticker."""
    owners: dict[int, list[int]] = defaultdict(list)
    query = select(col(ProjectOwner.project_id), col(ProjectOwner.company_id))
    queries = (
        [query]
        if project_ids is None
        else [
            query.where(col(ProjectOwner.project_id).in_(project_ids[start : start + CHUNK]))
            for start in range(0, len(project_ids), CHUNK)
        ]
    )
    for chosen in queries:
        for project_id, company_id in session.connection().execute(chosen):
            owners[project_id].append(company_id)
    return {project: tuple(found) for project, found in owners.items()}
