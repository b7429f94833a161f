"""What the corpus's sheets say, once: projects with their latest study, and a deal log.

Each source writes some of these facts in its own way (a title above the table, "US$ 1.1 B",
0.185 with a % format, "Arizona, USA", "W-Mo", "DFS"); what it wrote is what the import must
find. Figures are close to the companies' published ones but are test data, not a reference.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Project:
    """One watchlist row: a project, its operator and its latest study (money in millions)."""

    company: str
    ticker: str
    name: str
    country: str
    region: str | None
    commodities: tuple[str, ...]
    stage: str
    study_type: str
    study_date: date
    npv: Decimal
    irr: Decimal
    capex: Decimal
    currency: str
    rate: Decimal
    aisc: Decimal | None = None
    #: How the row's study type and stage are written in sources that spell them freely.
    typed_study: str = ""
    typed_stage: str = ""
    #: The country as typed with its region ("Arizona, USA").
    typed_place: str = ""


PROJECTS = (
    Project(
        "Arizona Sonoran Copper", "TSX:ASCU", "Cactus", "United States", "Arizona", ("Cu",),
        "pre-feasibility", "PFS", date(2024, 8, 12), Decimal(509), Decimal("21.1"),
        Decimal(438), "USD", Decimal(8), None, "pre-feasibility", "PFS", "Arizona, USA",
    ),
    Project(
        "Perpetua Resources", "NASDAQ:PPTA", "Stibnite Gold", "United States", "Idaho",
        ("Au", "Sb"), "permitting", "FS", date(2020, 12, 22), Decimal(1340), Decimal("22.6"),
        Decimal(1263), "USD", Decimal(5), Decimal(576), "Feasibility Study", "Permitting",
        "Idaho, US",
    ),
    Project(
        "Almonty Industries", "TSX:AII", "Sangdong", "South Korea", None, ("W", "Mo"),
        "construction", "FS", date(2023, 3, 1), Decimal(1120), Decimal(27), Decimal("300.5"),
        "USD", Decimal(8), None, "DFS", "Construction", "South Korea",
    ),
    Project(
        "Talon Metals", "TSX:TLO", "Tamarack", "United States", "Minnesota", ("Ni", "Co", "Cu"),
        "resource definition", "PEA/scoping", date(2021, 12, 1), Decimal(1400),
        Decimal("18.8"), Decimal(940), "USD", Decimal(8), None, "Updated PEA",
        "Resource definition", "MN, USA",
    ),
    Project(
        "Hot Chili", "ASX:HCH", "Costa Fuego", "Chile", "Atacama", ("Cu", "Au", "Mo", "Ag"),
        "pre-feasibility", "PFS", date(2024, 2, 27), Decimal(1100), Decimal(21),
        Decimal(1050), "USD", Decimal(8), None, "PFS", "Pre-feasibility", "Atacama, Chile",
    ),
    Project(
        "Calibre Mining", "TSX:CXB", "Valentine", "Canada", "Newfoundland and Labrador",
        ("Au",), "construction", "FS", date(2022, 12, 15), Decimal(544), Decimal("31.5"),
        Decimal(498), "CAD", Decimal(5), Decimal(1007), "FS", "Construction",
        "Newfoundland, Canada",
    ),
    Project(
        "Western Copper and Gold", "TSX:WRN", "Casino", "Canada", "Yukon",
        ("Cu", "Au", "Mo", "Ag"), "permitting", "FS", date(2022, 6, 13), Decimal(2330),
        Decimal("18.5"), Decimal("3620.5"), "CAD", Decimal(8), None, "BFS", "Permitting",
        "Yukon, Canada",
    ),
    Project(
        "Bellevue Gold", "ASX:BGL", "Bellevue", "Australia", "Western Australia", ("Au",),
        "production", "FS", date(2021, 6, 23), Decimal(1159), Decimal(56), Decimal(218),
        "AUD", Decimal(5), Decimal(1250), "DFS", "Producing", "WA, Australia",
    ),
    Project(
        "Boreal Metals", "TSXV:BMX", "Pine Ridge", "Canada", "Ontario", ("Ni", "Cu", "Co"),
        "PEA/scoping", "PEA/scoping", date(2023, 5, 10), Decimal("-12.0"), Decimal("3.1"),
        Decimal(410), "CAD", Decimal(8), None, "scoping", "PEA", "Ontario, Canada",
    ),
)  # fmt: skip
USD = tuple(p for p in PROJECTS if p.currency == "USD")
CAD = tuple(p for p in PROJECTS if p.currency == "CAD")


@dataclass(frozen=True)
class Deal:
    """One line of a deal log (consideration in millions)."""

    title: str
    typed_type: str
    deal_type: str
    typed_status: str
    status: str
    project: str
    acquirer: str
    counterparty: str
    interest: Decimal | None
    consideration: Decimal | None
    currency: str | None
    announced: date


DEALS = (
    Deal("Cactus NSR royalty", "NSR royalty", "royalty", "Closed", "closed", "Cactus",
         "Franco-Nevada", "Arizona Sonoran Copper", Decimal("1.5"), Decimal(25), "USD",
         date(2024, 1, 5)),
    Deal("Stibnite earn-in", "Earn-in", "option/earn-in", "Definitive", "definitive agreement",
         "Stibnite Gold", "Big River Mining", "Perpetua Resources", Decimal(51), Decimal("12.5"),
         "CAD", date(2024, 3, 1)),
    Deal("Tamarack option", "Option", "option/earn-in", "LOI", "LOI signed", "Tamarack",
         "Talon Metals", "Kennecott Exploration", Decimal(60), Decimal(7), "USD",
         date(2023, 4, 2)),
    Deal("Costa Fuego gold stream", "Stream", "stream", "Announced", "proposed", "Costa Fuego",
         "Osisko Gold Royalties", "Hot Chili", None, Decimal(50), "USD", date(2024, 5, 3)),
    Deal("Casino JV", "JV", "joint venture", "Terminated", "terminated", "Casino",
         "Rio Tinto", "Western Copper and Gold", Decimal(40), None, None, date(2022, 9, 9)),
    Deal("Pine Ridge acquisition", "Acquisition", "acquisition", "Completed", "closed",
         "Pine Ridge", "Boreal Metals", "Ontario Prospectors", Decimal(100), Decimal("3.2"),
         "CAD", date(2023, 1, 16)),
    Deal("Valentine LOI", "LOI", "LOI", "Pending", "proposed", "Valentine", "Calibre Mining",
         "Marathon Gold", None, Decimal(345), "CAD", date(2023, 11, 13)),
)  # fmt: skip
