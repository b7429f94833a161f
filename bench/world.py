"""Companies with their listings, and the investor's holdings in a few of them."""

import random
from dataclasses import dataclass

from bench.batch import Batch
from bench.names import Namer
from bench.values import decimal, one_of, recent_day

#: Home exchanges with the currency their companies report in, and how common each is.
_EXCHANGES = (
    ("TSXV", "CAD", 40),
    ("TSX", "CAD", 20),
    ("CSE", "CAD", 8),
    ("ASX", "AUD", 20),
    ("NYSE American", "USD", 6),
    ("AIM", "GBP", 6),
)
_SECOND_LISTINGS = ("OTCQX", "OTCQB", "FSE")


@dataclass(frozen=True)
class CompanyInfo:
    """What projects, deals and holdings need to know about a generated company."""

    id: int
    name: str
    currency: str


def add_companies(batch: Batch, rng: random.Random, namer: Namer, count: int) -> list[CompanyInfo]:
    """``count`` companies, each with a home listing and, for about half, a second one."""
    weights = [weight for _, _, weight in _EXCHANGES]
    companies = []
    for _ in range(count):
        name = namer.company()
        exchange, currency, _ = rng.choices(_EXCHANGES, weights)[0]
        slug = "".join(c for c in name.lower() if c.isalpha())[:24]
        company_id = batch.add(
            "company",
            {
                "name": name,
                "website": f"https://www.{slug}.com",
                "reporting_currency": currency,
                "shares_outstanding": decimal(rng.lognormvariate(18.5, 1.0), 0),
                "shares_outstanding_date": recent_day(rng, 2),
            },
        )
        listings = [exchange]
        if rng.random() < 0.5:
            listings.append(one_of(rng, _SECOND_LISTINGS))
        for listing in listings:
            batch.add(
                "listing",
                {"company_id": company_id, "exchange": listing, "ticker": namer.ticker(name)},
            )
        companies.append(CompanyInfo(company_id, name, currency))
    return companies


def add_holdings(
    batch: Batch, rng: random.Random, companies: list[CompanyInfo], count: int = 20
) -> None:
    """Positions in ``count`` companies (fewer when there are fewer companies)."""
    for company in rng.sample(companies, min(count, len(companies))):
        holding_id = batch.add("holding", {"company_id": company.id, "currency": company.currency})
        batch.add(
            "holding_transaction",
            {
                "holding_id": holding_id,
                "kind": "buy",
                "trade_date": recent_day(rng, 8),
                "shares": decimal(rng.randint(5, 2000) * 100, 0),
                "price": decimal(rng.lognormvariate(0.0, 1.0), 3),
                "currency": company.currency,
            },
        )
