"""One project with its owners, commodities, stage history and studies."""

import math
import random
from dataclasses import dataclass
from datetime import date

from bench.batch import Batch, Row
from bench.names import REGIONS, Namer
from bench.values import LAST_DAY, Weighted, between, days_before, decimal, one_of
from bench.world import CompanyInfo
from tracker.enums import ReportingCode, Stage, StudyType

#: The generator's stage ladder, from before the plain "exploration" stage investors' sheets
#: write; leaving that out keeps the generated databases as they were.
STAGES = [stage for stage in Stage if stage is not Stage.EXPLORATION]
#: How often each stage is a project's current one: most projects are early-stage explorers.
_STAGE_WEIGHTS = {
    Stage.GRASSROOTS: 22,
    Stage.ADVANCED_EXPLORATION: 22,
    Stage.RESOURCE_DEFINITION: 16,
    Stage.PEA: 12,
    Stage.PFS: 7,
    Stage.FS: 4,
    Stage.PERMITTING: 4,
    Stage.CONSTRUCTION: 2,
    Stage.PRODUCTION: 7,
    Stage.CARE_AND_MAINTENANCE: 3,
    Stage.CLOSED: 1,
}
_LATEST_STAGE = Weighted(
    {index: _STAGE_WEIGHTS.get(stage, 1) for index, stage in enumerate(STAGES)}
)
_STATUS = Weighted({"active": 75, "watchlist": 20, "archived": 5})
_REGIONS = Weighted([(region, region.weight) for region in REGIONS])
_COMMODITY_COUNT = Weighted({1: 50, 2: 35, 3: 15})
#: Primary commodities and how common they are; by-products that tend to come with them.
_PRIMARY_WEIGHTS = {"Au": 40, "Cu": 15, "Ag": 6, "Li": 8, "U": 5, "Ni": 4, "Zn": 4, "REE": 3}
_BY_PRODUCTS = {
    "Au": ("Ag", "Cu"),
    "Cu": ("Au", "Mo", "Ag"),
    "Ag": ("Pb", "Zn", "Au"),
    "Zn": ("Pb", "Ag"),
    "Ni": ("Co", "Cu", "PGM"),
    "Li": ("Sn",),
    "U": ("V",),
    "REE": ("Nb",),
}
_STUDY_TYPES = (StudyType.RESOURCE_ESTIMATE, StudyType.PEA, StudyType.PFS, StudyType.FS)
_STUDY_TITLES = {
    StudyType.RESOURCE_ESTIMATE: "Mineral Resource Estimate",
    StudyType.PEA: "Preliminary Economic Assessment",
    StudyType.PFS: "Pre-Feasibility Study",
    StudyType.FS: "Feasibility Study",
}
#: Studies a project has usually published by the time it reaches a stage (4 from feasibility on).
_STUDIES_BY_STAGE = {
    Stage.GRASSROOTS: 0,
    Stage.ADVANCED_EXPLORATION: 0,
    Stage.RESOURCE_DEFINITION: 1,
    Stage.PEA: 2,
    Stage.PFS: 3,
}
_STUDY_FIELDS = (
    "pre_tax_npv",
    "after_tax_npv",
    "discount_rate_pct",
    "pre_tax_irr_pct",
    "after_tax_irr_pct",
    "payback_years",
    "initial_capex",
    "sustaining_capex",
    "mine_life_years",
    "recovery_pct",
)


@dataclass(frozen=True)
class ProjectInfo:
    """What deals and events need to know about a generated project."""

    id: int
    name: str
    operator: CompanyInfo
    commodity_ids: tuple[int, ...]
    started: date


class Commodities:
    """Picks a project's commodities among the seeded ones, primary first."""

    def __init__(self, rng: random.Random, by_symbol: dict[str, int]) -> None:
        self.rng = rng
        self.by_symbol = by_symbol
        primaries = [symbol for symbol in _PRIMARY_WEIGHTS if symbol in by_symbol]
        self._primary = Weighted([(s, _PRIMARY_WEIGHTS.get(s, 1)) for s in primaries or by_symbol])
        self._all = sorted(by_symbol)

    def pick(self) -> list[str]:
        primary = self._primary.pick(self.rng)
        wanted = _COMMODITY_COUNT.pick(self.rng)
        symbols = [primary]
        candidates = [s for s in _BY_PRODUCTS.get(primary, ()) if s in self.by_symbol]
        while len(symbols) < min(wanted, len(self._all)):
            pool = candidates if candidates and self.rng.random() < 0.8 else self._all
            symbol = one_of(self.rng, pool)
            if symbol not in symbols:
                symbols.append(symbol)
            elif pool is candidates and all(s in symbols for s in candidates):
                candidates = []
        return symbols


def add_project(
    batch: Batch,
    rng: random.Random,
    namer: Namer,
    companies: list[CompanyInfo],
    commodities: Commodities,
) -> ProjectInfo:
    """A project and everything that hangs off it except deals and events."""
    region = _REGIONS.pick(rng)
    name = namer.place()
    latest = _LATEST_STAGE.pick(rng)
    history = _stage_history(rng, latest)
    project_id = batch.add(
        "project",
        {
            "name": name,
            "country": region.country,
            "region": region.name,
            "district": f"{namer.word()} District" if rng.random() < 0.5 else None,
            "latitude": decimal(rng.uniform(*region.latitude), 4),
            "longitude": decimal(rng.uniform(*region.longitude), 4),
            "stage": history[-1][0],
            "status": _STATUS.pick(rng),
        },
    )
    for stage, day in history:
        batch.add(
            "project_stage",
            {
                "project_id": project_id,
                "stage": stage,
                "effective_date": day,
            },
        )
    symbols = commodities.pick()
    for rank, symbol in enumerate(symbols):
        batch.add(
            "project_commodity",
            {"project_id": project_id, "commodity_id": commodities.by_symbol[symbol], "rank": rank},
        )
    operator = _add_owners(batch, rng, project_id, companies)
    _add_studies(batch, rng, namer, project_id, name, region.country, latest, history[-1][1])
    return ProjectInfo(
        project_id,
        name,
        operator,
        tuple(commodities.by_symbol[s] for s in symbols),
        history[0][1],
    )


def _stage_history(rng: random.Random, latest: int) -> list[tuple[str, date]]:
    """1-4 stages moving forward to ``latest``, on strictly increasing dates."""
    count = min(between(rng, 1, 4), latest + 1)
    indices = [*sorted(rng.sample(range(latest), count - 1)), latest]
    day = days_before(rng, LAST_DAY, 0, 1500)
    dated = []
    for index in reversed(indices):
        dated.append((STAGES[index].value, day))
        day = days_before(rng, day, 150, 1500)
    return dated[::-1]


def _add_owners(
    batch: Batch, rng: random.Random, project_id: int, companies: list[CompanyInfo]
) -> CompanyInfo:
    """One or two owners, the first the operator; interests add up to at most 100 %.

    Low company ids are picked more often, so a few companies own many projects.
    """
    operator = companies[int(len(companies) * rng.random() ** 1.6)]
    owners = [(operator, 100)]
    if len(companies) > 1 and rng.random() < 0.35:
        partner = one_of(rng, companies)
        while partner is operator:
            partner = one_of(rng, companies)
        share = one_of(rng, (51, 55, 60, 65, 70, 75, 80, 85, 90))
        rest = 100 - share if rng.random() < 0.8 else between(rng, 1, 100 - share)
        owners = [(operator, share), (partner, rest)]
    elif rng.random() < 0.1:
        owners = [(operator, one_of(rng, (70, 80, 90, 95, 98)))]
    for index, (company, interest) in enumerate(owners):
        batch.add(
            "project_owner",
            {
                "project_id": project_id,
                "company_id": company.id,
                "interest_pct": decimal(interest, 0),
                "is_operator": index == 0,
            },
        )
    return operator


def _add_studies(
    batch: Batch,
    rng: random.Random,
    namer: Namer,
    project_id: int,
    name: str,
    country: str,
    stage: int,
    last_day: date,
) -> None:
    """The studies of the project's stage, in the order projects publish them."""
    count = _STUDIES_BY_STAGE.get(STAGES[stage], len(_STUDY_TYPES))
    if count and rng.random() < 0.2:
        count = between(rng, 0, count)
    currency = _currency(rng, country)
    code = _reporting_code(rng, country)
    day = days_before(rng, last_day, 0, 300)
    days = []
    for _ in range(count):
        days.append(day)
        day = days_before(rng, day, 200, 900)
    for study_type, published in zip(_STUDY_TYPES, reversed(days), strict=False):
        row: Row = {
            "project_id": project_id,
            "study_type": study_type.value,
            "title": f"{name} {_STUDY_TITLES[study_type]}",
            "effective_date": days_before(rng, published, 30, 120),
            "publication_date": published,
            "reporting_code": code,
            "qualified_person": namer.person(),
            "currency": currency,
            "uses_inferred": study_type in (StudyType.RESOURCE_ESTIMATE, StudyType.PEA),
        }
        economic = study_type is not StudyType.RESOURCE_ESTIMATE
        row.update(_economics(rng) if economic else dict.fromkeys(_STUDY_FIELDS))
        batch.add("study", row)


def _economics(rng: random.Random) -> Row:
    """NPV, IRR and capex in the ranges real PEAs and feasibility studies report."""
    capex = math.exp(rng.gauss(5.5, 1.0)) * 1_000_000
    irr = min(max(rng.gauss(24.0, 12.0), -20.0), 150.0)
    npv = capex * rng.gauss(1.3, 0.9)
    return {
        "pre_tax_npv": decimal(npv * 1.45 if npv > 0 else npv * 0.7, 0),
        "after_tax_npv": decimal(npv, 0),
        "discount_rate_pct": decimal(one_of(rng, (5, 5, 5, 8, 8, 10)), 0),
        "pre_tax_irr_pct": decimal(irr * 1.3 if irr > 0 else irr * 0.8, 1),
        "after_tax_irr_pct": decimal(irr, 1),
        "payback_years": decimal(rng.uniform(1.2, 8.0), 1),
        "initial_capex": decimal(capex, 0),
        "sustaining_capex": decimal(capex * rng.uniform(0.2, 1.0), 0),
        "mine_life_years": decimal(rng.randint(5, 30), 0),
        "recovery_pct": decimal(rng.uniform(70.0, 96.0), 1),
    }


def _currency(rng: random.Random, country: str) -> str:
    if country == "Canada":
        return "CAD" if rng.random() < 0.4 else "USD"
    if country == "Australia":
        return "AUD" if rng.random() < 0.8 else "USD"
    return "USD"


def _reporting_code(rng: random.Random, country: str) -> str:
    if country == "Australia":
        return ReportingCode.JORC.value
    if country == "United States" and rng.random() < 0.5:
        return ReportingCode.SK_1300.value
    return ReportingCode.NI_43_101.value
