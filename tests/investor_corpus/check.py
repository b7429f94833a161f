"""What the database holds, as the corpus's facts, and how many expected facts it has right."""

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.investor_corpus.layout import Fact, plain
from tracker.models import Company, Deal, Listing, Project, ProjectOwner, Study
from tracker.services.commodities import project_commodity_symbols

Key = tuple[str, str, str]
_STUDY_FIELDS = (
    "study_type",
    "publication_date",
    "after_tax_npv",
    "after_tax_irr_pct",
    "initial_capex",
    "currency",
    "discount_rate_pct",
    "aisc",
    "cost_unit",
)


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def stored_facts(engine: Engine) -> dict[Key, str]:
    """(entity, key, field) -> value, for everything the corpus checks."""
    found: dict[Key, str | None] = {}
    with Session(engine) as session:
        companies = {c.id: c.name for c in session.exec(select(Company)).all()}
        projects = {p.id: p for p in session.exec(select(Project)).all()}
        for project in projects.values():
            for name in ("country", "region", "stage"):
                found[("project", project.name, name)] = getattr(project, name)
            symbols = project_commodity_symbols(session, project.id or 0)
            found[("project", project.name, "commodities")] = "|".join(symbols) or None
            owners = session.exec(
                select(ProjectOwner.company_id).where(ProjectOwner.project_id == project.id)
            ).all()
            found[("project", project.name, "operator")] = (
                "|".join(sorted(companies[i] for i in owners)) or None
            )
        listings: dict[str, list[str]] = {}
        for listing in session.exec(select(Listing)).all():
            shown = f"{listing.exchange}:{listing.ticker}" if listing.exchange else listing.ticker
            listings.setdefault(companies[listing.company_id], []).append(shown)
        for company, shown_listings in listings.items():
            found[("company", company, "listings")] = "|".join(sorted(shown_listings))
        for study in session.exec(select(Study)).all():
            key = projects[study.project_id].name
            for name in _STUDY_FIELDS:
                found[("study", key, name)] = _shown(getattr(study, name))
        for deal in session.exec(select(Deal)).all():
            dealt = projects.get(deal.project_id) if deal.project_id else None
            values = {
                "deal_type": deal.deal_type,
                "status": deal.status,
                "project": dealt.name if dealt else None,
                "acquirer": companies.get(deal.acquirer_id) if deal.acquirer_id else None,
                "counterparty": (
                    companies.get(deal.counterparty_id) if deal.counterparty_id else None
                ),
                "interest_pct": _shown(deal.interest_pct),
                "consideration": _shown(deal.consideration),
                "consideration_currency": deal.consideration_currency,
                "announced_date": _shown(deal.announced_date),
            }
            for name, value in values.items():
                found[("deal", deal.title, name)] = value
    return {key: value for key, value in found.items() if value is not None}


def read_expected(path: Path) -> list[Fact]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["entity", "key", "field", "value"], path.name
    return [(e, k, f, v) for e, k, f, v in rows[1:]]


def _same(expected: str, stored: str | None) -> bool:
    if stored is None:
        return False
    try:
        return Decimal(expected) == Decimal(stored)
    except ArithmeticError:
        return expected == stored


@dataclass
class Tally:
    """Expected facts found right, and the others with what was stored instead."""

    expected: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.expected += other.expected
        self.right += other.right
        self.wrong += other.wrong


def compare(expected: list[Fact], engine: Engine, where: str) -> Tally:
    stored = stored_facts(engine)
    tally = Tally(expected=len(expected))
    for entity, key, name, value in expected:
        got = stored.get((entity, key, name))
        if _same(value, got):
            tally.right += 1
        else:
            tally.wrong.append(f"{where}: {entity} {key!r} {name}: expected {value!r}, got {got!r}")
    return tally
