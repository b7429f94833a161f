"""What the forms' pickers offer: companies, commodities, projects and countries, as plain pairs
(read on the window's reader thread, before a form opens; no Qt)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from tracker.lists.items import ProjectItem
from tracker.models import Commodity, Company, Project


@dataclass
class Choices:
    companies: list[tuple[int, str]] = field(default_factory=list)
    commodities: list[tuple[int, str, str]] = field(default_factory=list)
    projects: list[tuple[int, str]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def project_labels(items: Sequence[ProjectItem]) -> list[tuple[int, str]]:
    """``Name (Company)``; a name that still repeats gets its id, so every label is unique."""
    return _unique(
        [
            (item.id, f"{item.name} ({item.company})" if item.company else item.name)
            for item in items
        ]
    )


def _unique(labels: list[tuple[int, str]]) -> list[tuple[int, str]]:
    repeated = Counter(label.casefold() for _, label in labels)
    return [
        (record_id, f"{label} #{record_id}" if repeated[label.casefold()] > 1 else label)
        for record_id, label in labels
    ]


def load_choices(session: Session, projects: Sequence[ProjectItem] | None = None) -> Choices:
    """Read the choices; ``projects`` should come from the project list already in memory.

    Without it (the list is still loading) projects are offered by name only, read with one
    light query, so that a form never waits for the full project list.
    """
    companies = [
        (company_id, name)
        for company_id, name in session.exec(select(Company.id, Company.name))
        if company_id is not None
    ]
    commodities = [
        (commodity_id, symbol, name)
        for commodity_id, symbol, name in session.exec(
            select(Commodity.id, Commodity.symbol, Commodity.name).order_by(col(Commodity.id))
        )
        if commodity_id is not None
    ]
    if projects is None:
        named = session.exec(select(Project.id, Project.name)).all()
        labels = _unique([(project_id or 0, name) for project_id, name in named])
        found = session.exec(select(Project.country).distinct())
        countries = sorted((c for c in found if c), key=str.casefold)
    else:
        labels = project_labels(projects)
        countries = sorted({p.country for p in projects if p.country}, key=str.casefold)
    return Choices(companies, commodities, labels, countries)
