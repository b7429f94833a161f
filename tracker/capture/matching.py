"""Which existing project or company a release names: ranked, fuzzy candidates to choose from.

A release spells names its own way ("Hill Gold Corp." for the "Hill Gold" in the database,
"the Tchaikovsky Project" for "Tchaikovski"), so names are compared loosely, without the
corporate and project words around them; a ticker ("TSXV: HGC") found in the text is exact.
The person always chooses: the list is ranked, never applied blindly.
"""

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.exchanges import canonical_exchange
from tracker.models import Commodity, Company, Listing, Project, ProjectOwner

#: Candidates scoring below this are not offered.
THRESHOLD = 0.6
#: How many candidates are offered at most.
LIMIT = 5
#: A candidate this close is chosen for the person (who may still change it).
SURE = 0.9

_COMPANY_WORDS = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"}
    | {"plc", "llc", "sa", "ag", "nl", "the"}
)
_PROJECT_WORDS = frozenset(["the", "project", "property", "mine", "deposit", "prospect"])
_WORD = re.compile(r"[^\W_]+")
_TICKER = re.compile(
    r"\b(TSX-?V|TSXV|TSX|ASX|NYSE American|NYSE|NASDAQ|Nasdaq|AIM|LSE|CSE|OTCQX|OTCQB|OTC|JSE"
    r"|FSE|FRA)\s*:\s*([A-Z][A-Z0-9.]{0,9})\b"
)


@dataclass(frozen=True)
class Candidate:
    """An existing record that may be the one named; ``score`` from 0 to 1 (1 is certain)."""

    record_id: int
    name: str
    score: float


def _key(name: str, noise: frozenset[str]) -> str:
    words = [word for word in _WORD.findall(name.casefold()) if word not in noise]
    return " ".join(words) or name.casefold().strip()


def _score(wanted: str, name: str) -> float:
    if not wanted or not name:
        return 0.0
    if wanted == name:
        return 1.0
    matcher = difflib.SequenceMatcher(None, wanted, name)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        ratio = 0.0
    else:
        ratio = matcher.ratio()
    shorter, longer = sorted((wanted, name), key=len)
    if f" {shorter} " in f" {longer} ":
        ratio = max(ratio, 0.85)
    return ratio


def rank(wanted: str, named: Iterable[tuple[int, str]], noise: frozenset[str]) -> list[Candidate]:
    """The records whose names come close to ``wanted``, best first (ties by name)."""
    key = _key(wanted, noise)
    found = []
    for record_id, name in named:
        score = _score(key, _key(name, noise))
        if score >= THRESHOLD:
            found.append(Candidate(record_id, name, round(score, 3)))
    found.sort(key=lambda c: (-c.score, c.name.casefold(), c.record_id))
    return found[:LIMIT]


def tickers_in(text: str) -> list[tuple[str, str]]:
    """``(exchange, ticker)`` pairs a release names, as ``(TSXV: HGC)``, in order, once each."""
    pairs = []
    for exchange, ticker in _TICKER.findall(text):
        normal = canonical_exchange(exchange)
        pairs.append((normal, ticker.upper()))
    return list(dict.fromkeys(pairs))


def company_candidates(
    session: Session, name: str | None, tickers: Sequence[tuple[str, str]] = ()
) -> list[Candidate]:
    """Companies by ticker (certain) and then by name (fuzzy), best first."""
    by_id: dict[int, Candidate] = {}
    for exchange, ticker in tickers:
        query = (
            select(Company.id, Company.name, Listing.exchange)
            .join(Listing, col(Listing.company_id) == Company.id)
            .where(col(Listing.ticker) == ticker)
        )
        for company_id, company_name, listed_on in session.exec(query).all():
            if company_id is not None:
                score = 1.0 if canonical_exchange(listed_on) == exchange else 0.95
                by_id.setdefault(company_id, Candidate(company_id, company_name, score))
    if name:
        named = [(i, n) for i, n in session.exec(select(Company.id, Company.name)) if i]
        for candidate in rank(name, named, _COMPANY_WORDS):
            by_id.setdefault(candidate.record_id, candidate)
    found = sorted(by_id.values(), key=lambda c: (-c.score, c.name.casefold()))
    return found[:LIMIT]


def project_candidates(
    session: Session, name: str | None, company_id: int | None = None
) -> list[Candidate]:
    """Projects by name (fuzzy), best first; the chosen company's own projects rank higher,
    and with no name given they are all the candidates there are."""
    owned: set[int] = set()
    if company_id is not None:
        owned = set(
            session.exec(
                select(ProjectOwner.project_id).where(ProjectOwner.company_id == company_id)
            )
        )
    named = [(i, n) for i, n in session.exec(select(Project.id, Project.name)) if i]
    if not name:
        mine = [Candidate(i, n, 0.0) for i, n in named if i in owned]
        return sorted(mine, key=lambda c: c.name.casefold())[:LIMIT]
    ranked = rank(name, named, _PROJECT_WORDS)
    boosted = [
        Candidate(c.record_id, c.name, min(1.0, c.score + 0.05)) if c.record_id in owned else c
        for c in ranked
    ]
    return sorted(boosted, key=lambda c: (-c.score, c.name.casefold()))


@dataclass(frozen=True)
class KnownNames:
    """Every company and project by id and name, and each commodity's symbol by its symbol or
    name (case-folded): what the review offers beside the ranked candidates."""

    companies: list[tuple[int, str]]
    projects: list[tuple[int, str]]
    commodities: dict[str, str]


def known_names(session: Session) -> KnownNames:
    return KnownNames(
        companies=[(i, n) for i, n in session.exec(select(Company.id, Company.name)) if i],
        projects=[(i, n) for i, n in session.exec(select(Project.id, Project.name)) if i],
        commodities={
            key.casefold(): symbol
            for symbol, name in session.exec(select(Commodity.symbol, Commodity.name))
            for key in (symbol, name)
        },
    )
