"""Filter and sort compact rows in plain Python, fast enough for 100,000 of them per keystroke.

A ``RowSet`` keeps, next to each row, its search text (already folded: no case and no accents,
see ``tracker.folding``) and its ``Facets`` (the values the filter bar offers). Filtering walks a
list of indices with no allocation per row beyond the result; sorting computes each column's
keys once and reuses them. No Qt here, so the table models stay thin and this logic is tested
on its own.
"""

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

from tracker.folding import fold, name_key

Row = TypeVar("Row", bound=tuple[Any, ...])


class Facets(NamedTuple):
    """What a row offers the filter bar; ``None`` or empty means "not applicable or unknown"."""

    commodities: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    stage: str | None = None
    status: str | None = None
    kind: str | None = None


NO_FACETS = Facets()


@dataclass(frozen=True)
class Criteria:
    """What the user asked for: words to find, and the chosen value of each filter."""

    text: str = ""
    commodity: str | None = None
    stage: str | None = None
    country: str | None = None
    status: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()

    def without_text(self) -> "Criteria":
        return replace(self, text="")

    def is_empty(self) -> bool:
        return self == Criteria()

    def narrows(self, previous: "Criteria") -> bool:
        """True when every row this matches also matched ``previous`` (more typed, same filters).

        Then the new result can be found among the previous one, which keeps typing fast.
        """
        if self.without_text() != previous.without_text():
            return False
        old, new = previous.words, self.words
        return len(new) >= len(old) and all(o in n for o, n in zip(old, new, strict=False))


@dataclass
class RowSet(Generic[Row]):
    """Rows with their search texts and facets, index-aligned; ``id_of`` names each row."""

    rows: list[Row]
    search: list[str]
    facets: list[Facets]
    id_of: Callable[[Row], int]
    complete: bool = True
    days: list[date | None] | None = None
    """The date the date-range filter looks at, per row (kept apart from the facets so that
    those stay few and shared)."""
    exact: frozenset[str] = frozenset()
    """Search words that match a whole value only, not part of one: commodity symbols, so that
    "Au" finds gold projects and not Australia, and "U" finds uranium, not every "u"."""
    ids: dict[int, int] = field(init=False, repr=False)
    sort_keys: "dict[int, array[int]]" = field(init=False, repr=False)
    """Sort keys by column, filled by ``Sorter`` (ahead of time, off the GUI thread)."""

    def __post_init__(self) -> None:
        aligned = len(self.rows) == len(self.search) == len(self.facets)
        if not aligned or (self.days is not None and len(self.days) != len(self.rows)):
            raise ValueError("rows, search texts, facets and days must be aligned")
        self.ids = {self.id_of(row): index for index, row in enumerate(self.rows)}
        self.sort_keys = {}

    def __len__(self) -> int:
        return len(self.rows)

    def index_of(self, record_id: int) -> int | None:
        return self.ids.get(record_id)


def build_rowset(
    rows: Iterable[Row],
    id_of: Callable[[Row], int],
    text: Callable[[Row], str],
    facets: Callable[[Row], Facets] | None = None,
    *,
    day: Callable[[Row], date | None] | None = None,
    complete: bool = True,
    exact: frozenset[str] = frozenset(),
) -> RowSet[Row]:
    """Make a ``RowSet``; ``text(row)`` is what a search may match (see ``search_text``).

    Equal facets are shared between rows: lists of 100,000 rows hold a few hundred distinct ones.
    """
    listed = list(rows)
    # Framed by separators, so that a whole value is found with one ``in`` (see ``exact``).
    search = [f"{SEPARATOR}{text(row)}{SEPARATOR}" for row in listed]
    if facets is None:
        found = [NO_FACETS] * len(listed)
    else:
        shared: dict[Facets, Facets] = {}
        found = [shared.setdefault(f, f) for f in map(facets, listed)]
    days = None if day is None else [day(row) for row in listed]
    return RowSet(listed, search, found, id_of, complete, days, frozenset(map(fold, exact)))


#: Between the values of a search text, so that words of different values never join.
SEPARATOR = "\x1f"


def search_text(*values: object) -> str:
    """One folded string (no case, no accents) of the values a search may match; ``None`` is
    skipped, tuples are spread, and a separator keeps words of different values from joining."""
    parts: list[str] = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, tuple):
            parts.extend(map(str, value))
        else:
            parts.append(str(value))
    return fold(SEPARATOR.join(parts))


def matching(
    rowset: RowSet[Row], criteria: Criteria, among: Sequence[int] | None = None
) -> list[int]:
    """Indices of the rows that match, in the order of ``among`` (default: all rows)."""
    candidates: Sequence[int] = range(len(rowset)) if among is None else among
    search = rowset.search
    for word in criteria.words:
        if word in rowset.exact:
            value = f"{SEPARATOR}{word}{SEPARATOR}"
            candidates = [i for i in candidates if value in search[i]]
        else:
            candidates = [i for i in candidates if word in search[i]]
    facets = rowset.facets
    if criteria.commodity is not None:
        wanted = criteria.commodity
        candidates = [i for i in candidates if wanted in facets[i].commodities]
    if criteria.country is not None:
        place = criteria.country
        candidates = [i for i in candidates if place in facets[i].countries]
    for name in ("stage", "status", "kind"):
        value = getattr(criteria, name)
        if value is not None:
            position = Facets._fields.index(name)
            candidates = [i for i in candidates if facets[i][position] == value]
    if criteria.date_from is not None or criteria.date_to is not None:
        low = criteria.date_from or date.min
        high = criteria.date_to or date.max
        days = rowset.days or [None] * len(rowset)
        candidates = [i for i in candidates if _day_within(days[i], low, high)]
    return list(candidates)


def narrows(rowset: RowSet[Row], criteria: Criteria, previous: Criteria) -> bool:
    """``criteria.narrows(previous)``, unless a previous word matched whole values only: then
    a longer word ("aus" after "au") may match rows the previous one left out."""
    return criteria.narrows(previous) and not any(w in rowset.exact for w in previous.words)


def _day_within(day: date | None, low: date, high: date) -> bool:
    return day is not None and low <= day <= high


def facet_values(rowset: RowSet[Row], name: str) -> list[str]:
    """The distinct values of one facet (sets are flattened), sorted, for a filter list."""
    position = Facets._fields.index(name)
    found: set[str] = set()
    for facets in rowset.facets:
        value = facets[position]
        if isinstance(value, frozenset):
            found.update(value)
        elif isinstance(value, str):
            found.add(value)
    return sorted(found, key=name_key)


def sort_key(value: Any) -> Any:
    """The key a raw value sorts by: text as a person orders names (accents with their base
    letter, no case, "Zone 2" before "Zone 10": ``name_key``), tuples read as their joined text."""
    if isinstance(value, str):
        return name_key(value)
    if isinstance(value, tuple):
        return name_key("-".join(str(item) for item in value))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal | int | float | date):
        return value
    return name_key(str(value))


def _ranks_of(keys: Sequence[Any], missing: int) -> "array[int]":
    """Each key's rank in ascending order, equal keys sharing one; ``None`` ranks ``missing``."""
    present = [i for i, key in enumerate(keys) if key is not None]
    present.sort(key=keys.__getitem__)
    ranks = array("l", [missing]) * len(keys)
    rank, previous = -1, object()
    for index in present:
        key = keys[index]
        if key != previous:
            rank, previous = rank + 1, key
        ranks[index] = rank
    return ranks


class Sorter(Generic[Row]):
    """Sorts a rowset's indices by one column's raw values.

    Each column's values are ranked once (``prepare`` does it for all columns, on a worker
    thread): a row's rank is the position of its value in ascending order, equal values sharing
    a rank. Sorting then compares small integers, a few times faster than comparing text.
    Missing values (``None``) always come last, whichever the direction, as spreadsheets do.
    """

    def __init__(self, rowset: RowSet[Row], values: Sequence[Callable[[Row], Any]]) -> None:
        self._rowset = rowset
        self._values = list(values)
        self._ranks = rowset.sort_keys

    def keys(self, column: int) -> "array[int]":
        """The rank of every row's value in ``column``; missing values rank ``len(rows)``."""
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._rank(column)
            self._ranks[column] = ranks
        return ranks

    def _rank(self, column: int) -> "array[int]":
        """Rank the column's distinct values, then look each row's up: a list of 100,000 rows
        holds a few hundred countries or stages, and names' keys (``name_key``) are the costly
        part, so each distinct value's key is worked out once."""
        value = self._values[column]
        rows = self._rowset.rows
        values = [value(row) for row in rows]
        missing = len(rows)
        try:
            distinct = set(values)
        except TypeError:  # an unhashable value: rank row by row
            return _ranks_of([None if v is None else sort_key(v) for v in values], missing)
        distinct.discard(None)
        found = list(distinct)
        rank_of = dict(zip(found, _ranks_of([sort_key(v) for v in found], missing), strict=True))
        rank_of[None] = missing
        return array("l", map(rank_of.__getitem__, values))  # 8 bytes a row, not an int each

    def prepare(self) -> None:
        """Rank every column now (on a worker thread), so that sorting later is quick."""
        for column in range(len(self._values)):
            self.keys(column)

    def order(
        self, column: int, descending: bool = False, among: Sequence[int] | None = None
    ) -> list[int]:
        """``among`` (default: every index) sorted by ``column``; ties keep their order."""
        ranks = self.keys(column)
        missing_rank = len(ranks)
        indices: Sequence[int] = range(len(ranks)) if among is None else among
        if not descending:
            return sorted(indices, key=ranks.__getitem__)
        present = [i for i in indices if ranks[i] != missing_rank]
        present.sort(key=ranks.__getitem__, reverse=True)
        if len(present) == len(indices):
            return present
        return present + [i for i in indices if ranks[i] == missing_rank]
