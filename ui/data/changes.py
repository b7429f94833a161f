"""What a write changed, as plain data: the kinds of record and their ids.

After every write the gateway announces a ``Changes``; each view asks it whether it touches
what the view shows (``touches``) and refreshes itself, or ignores it. No table elsewhere says
which view shows what: each view knows its own kinds.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

#: Kinds that are not records of a list: the market data of the portfolio (holdings,
#: transactions, prices, FX rates, the deck) and the settings kept in the database.
PORTFOLIO = "portfolio"
SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    """Kinds written and the ids of each (an empty id set: some records of that kind)."""

    ids: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Every table may have changed (a restore, an import, the demo, another database).
    everything: bool = False

    @classmethod
    def of(cls, kind: str, *record_ids: int) -> "Changes":
        """Records of one kind (no ids: some of that kind, which ones unknown)."""
        return cls({kind: frozenset(i for i in record_ids if i >= 0)})

    @classmethod
    def kinds(cls, kinds: Iterable[str]) -> "Changes":
        return cls({kind: frozenset() for kind in kinds})

    @classmethod
    def all(cls) -> "Changes":
        return cls(everything=True)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether a view showing records of ``kinds`` must read them again."""
        return self.everything or any(kind in self.ids for kind in kinds)

    def ids_of(self, kind: str) -> frozenset[int]:
        return self.ids.get(kind, frozenset())

    def __or__(self, other: "Changes") -> "Changes":
        merged = dict(self.ids)
        for kind, record_ids in other.ids.items():
            merged[kind] = merged.get(kind, frozenset()) | record_ids
        return Changes(merged, self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.ids)
