"""Made-up but plausible names and places, so generated lists look and sort like real ones."""

import random
from collections.abc import Iterable
from dataclasses import dataclass

from bench.values import one_of

_FIRST = (
    "Kestrel", "Moraine", "Falcon", "Raven", "Cedar", "Granite", "Copper", "Silver", "Golden",
    "Iron", "Black", "Red", "White", "Blue", "Eagle", "Wolf", "Bear", "Otter", "Lynx", "Heron",
    "Aspen", "Birch", "Spruce", "Tamarack", "Willow", "Juniper", "Sable", "Amber", "Flint",
    "Quartz", "Basalt", "Cobalt", "Thunder", "Storm", "Frost", "Sun", "Star", "Crescent",
    "Lone", "Twin", "Hidden", "Lost", "Broken", "Crystal", "Shadow", "North", "South", "West",
)  # fmt: skip
_SYLLABLES = (
    "ka", "ro", "ma", "tan", "bel", "or", "vik", "lan", "dar", "sen", "mir", "tor", "ash",
    "el", "wyn", "nor", "ga", "li", "ber", "un", "qua", "zu", "pe", "ral", "ko", "mes", "ta",
)  # fmt: skip
_FEATURES = (
    "Ridge", "Lake", "Creek", "Hill", "Peak", "Valley", "Flats", "Springs", "Canyon", "Butte",
    "Mountain", "River", "Basin", "Pass", "Bluff", "Point", "Range", "Gulch", "Knob", "Well",
)  # fmt: skip
_COMPANY_WORDS = ("Resources", "Mining", "Metals", "Minerals", "Gold", "Exploration", "Royalties")
_COMPANY_FORMS = ("Corp.", "Inc.", "Ltd.", "Limited", "plc", "")
_PEOPLE = (
    "A. Chen", "B. Okafor", "C. Lindqvist", "D. Moreau", "E. Tanaka", "F. Alvarez", "G. Singh",
    "H. MacLeod", "I. Novak", "J. Whitfield", "K. Mbeki", "L. Rossi", "M. Kowalski", "N. Haddad",
)  # fmt: skip


@dataclass(frozen=True)
class Region:
    """A region of a country with a rough box that projects' coordinates fall in."""

    country: str
    name: str
    latitude: tuple[float, float]
    longitude: tuple[float, float]
    weight: int


REGIONS = (
    Region("Canada", "British Columbia", (49.0, 59.0), (-130.0, -116.0), 12),
    Region("Canada", "Ontario", (44.0, 53.0), (-94.0, -76.0), 10),
    Region("Canada", "Quebec", (46.0, 58.0), (-79.0, -64.0), 10),
    Region("Canada", "Yukon", (60.0, 68.0), (-140.0, -124.0), 5),
    Region("Canada", "Nunavut", (61.0, 70.0), (-100.0, -80.0), 3),
    Region("Canada", "Saskatchewan", (49.0, 59.0), (-110.0, -102.0), 4),
    Region("United States", "Nevada", (35.0, 42.0), (-120.0, -114.0), 9),
    Region("United States", "Arizona", (31.3, 37.0), (-114.8, -109.0), 4),
    Region("United States", "Alaska", (55.0, 69.0), (-165.0, -141.0), 4),
    Region("United States", "Idaho", (42.0, 49.0), (-117.0, -111.0), 2),
    Region("Australia", "Western Australia", (-35.0, -14.0), (113.0, 129.0), 10),
    Region("Australia", "Queensland", (-29.0, -11.0), (138.0, 153.0), 4),
    Region("Australia", "New South Wales", (-37.0, -29.0), (141.0, 153.0), 3),
    Region("Mexico", "Sonora", (26.0, 32.5), (-115.0, -108.5), 4),
    Region("Mexico", "Durango", (22.5, 26.8), (-107.0, -102.5), 2),
    Region("Peru", "Arequipa", (-17.0, -14.5), (-75.0, -71.0), 3),
    Region("Chile", "Antofagasta", (-26.0, -21.0), (-71.0, -67.0), 3),
    Region("Argentina", "Salta", (-26.5, -22.0), (-68.0, -62.5), 2),
    Region("Brazil", "Minas Gerais", (-22.9, -14.2), (-51.0, -39.9), 2),
    Region("Ghana", "Ashanti", (5.8, 7.5), (-2.5, -0.9), 2),
    Region("Mali", "Kayes", (12.5, 15.5), (-12.2, -9.0), 1),
    Region("Tanzania", "Geita", (-3.5, -2.2), (31.5, 32.9), 1),
    Region("Finland", "Lapland", (66.0, 69.5), (23.0, 29.0), 1),
    Region("Sweden", "Norrbotten", (65.5, 69.0), (17.0, 24.0), 1),
)


class Namer:
    """Synthesises names from syllables; company names and tickers are never repeated."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._companies: set[str] = set()
        self._tickers: set[str] = set()

    def reserve(self, companies: Iterable[str], tickers: Iterable[str]) -> None:
        """Never hand out these names and tickers (they are already in the database)."""
        self._companies.update(companies)
        self._tickers.update(tickers)

    def word(self) -> str:
        """A made-up proper name such as 'Torvik' or 'Belandar'."""
        count = one_of(self.rng, (2, 2, 3))
        return "".join(one_of(self.rng, _SYLLABLES) for _ in range(count)).capitalize()

    def place(self) -> str:
        """A landscape name: 'Kestrel Ridge', 'Moraine Lake', 'Torvik Creek'."""
        first = one_of(self.rng, _FIRST) if self.rng.random() < 0.6 else self.word()
        return f"{first} {one_of(self.rng, _FEATURES)}"

    def company(self) -> str:
        """A unique company name, e.g. 'Kestrel Ridge Resources Corp.'."""
        while True:
            stem = self.place() if self.rng.random() < 0.5 else self.word()
            words = (stem, one_of(self.rng, _COMPANY_WORDS), one_of(self.rng, _COMPANY_FORMS))
            name = " ".join(part for part in words if part)
            if name not in self._companies:
                self._companies.add(name)
                return name

    def ticker(self, name: str) -> str:
        """A unique ticker of 2-5 letters, starting like the company's name when free."""
        letters = [c for c in name.upper() if c.isalpha()]
        for size in (3, 4, 3, 4, 5):
            picked = [letters[0], *self.rng.sample(letters[1:], min(size - 1, len(letters) - 1))]
            candidate = "".join(picked)
            if candidate not in self._tickers:
                self._tickers.add(candidate)
                return candidate
        while True:
            candidate = "".join(self.rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=5))
            if candidate not in self._tickers:
                self._tickers.add(candidate)
                return candidate

    def person(self) -> str:
        return one_of(self.rng, _PEOPLE)
