"""Rows of the portfolio timeline: which projects, in which groups, in which order."""

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

import numpy as np
from sqlalchemy import Select, func, select
from sqlmodel import Session, col

from tracker.enums import Stage
from tracker.models import Commodity, Company, Project, ProjectCommodity, ProjectOwner
from tracker.timeline.columns import epoch_day, from_epoch_day
from tracker.timeline.fetch import columns, only
from tracker.timeline.load import Timeline


class GroupBy(StrEnum):
    COMPANY = "company"
    COMMODITY = "commodity"
    COUNTRY = "country"
    STAGE = "stage"


class SortBy(StrEnum):
    NAME = "name"
    NEXT_MILESTONE = "next milestone"


class PortfolioProject(NamedTuple):
    """What grouping and sorting need to know about a project."""

    id: int
    name: str
    company: str | None
    country: str | None
    stage: str | None
    commodity: str | None


class PortfolioRow(NamedTuple):
    """One row of the chart: a project, or the header of a group (``project_id`` None)."""

    project_id: int | None
    label: str
    group: str
    next_milestone: date | None


_MISSING = {
    GroupBy.COMPANY: "No company",
    GroupBy.COMMODITY: "No commodity",
    GroupBy.COUNTRY: "No country",
    GroupBy.STAGE: "No stage",
}
_STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}


def portfolio_projects(
    session: Session, project_ids: Collection[int] | None = None
) -> list[PortfolioProject]:
    """The projects to show (all when ``project_ids`` is None), with their grouping fields.

    The company is the operator, else the largest owner; the commodity is the primary one.
    """
    wanted = None if project_ids is None else frozenset(project_ids)
    ids, names, countries, stages = columns(
        session,
        only(
            select(col(Project.id), col(Project.name), col(Project.country), col(Project.stage)),
            col(Project.id),
            wanted,
        ),
        4,
    )
    companies = dict(zip(*columns(session, _lead_owners(), 2), strict=True))
    primary = select(col(ProjectCommodity.project_id), col(Commodity.symbol)).where(
        col(ProjectCommodity.rank) == 0
    )
    primary = primary.join(Commodity, col(Commodity.id) == col(ProjectCommodity.commodity_id))
    commodities = dict(zip(*columns(session, primary, 2), strict=True))
    return [
        PortfolioProject(
            project_id, name, companies.get(project_id), country, stage, commodities.get(project_id)
        )
        for project_id, name, country, stage in zip(ids, names, countries, stages, strict=True)
        if wanted is None or project_id in wanted
    ]


def _lead_owners() -> Select[int, str]:
    """Each project's operator, else its largest owner (a window function picks one per project)."""
    lead = (
        func.row_number()
        .over(
            partition_by=col(ProjectOwner.project_id),
            order_by=(
                col(ProjectOwner.is_operator).desc(),
                col(ProjectOwner.interest_pct).desc(),
                col(ProjectOwner.id),
            ),
        )
        .label("lead")
    )
    ranked = (
        select(
            col(ProjectOwner.project_id).label("project_id"), col(Company.name).label("name"), lead
        )
        .join(Company, col(Company.id) == col(ProjectOwner.company_id))
        .subquery()
    )
    return select(ranked.c.project_id, ranked.c.name).where(ranked.c.lead == 1)


def next_milestones(timeline: Timeline) -> dict[int, date]:
    """Each project's next pending date from today on: an unmet obligation falling due, or the
    expected close of an open deal. Overdue obligations are flagged on the chart instead."""
    today = epoch_day(timeline.today)
    obligations, deals = timeline.obligations, timeline.deals
    due = ~obligations.settled & (obligations.days >= today)
    closing = deals.ongoing & (deals.ends > today)
    owners = np.concatenate([obligations.project_ids[due], deals.project_ids[closing]])
    days = np.concatenate([obligations.days[due], deals.ends[closing]])
    latest_first = np.argsort(-days, kind="stable")
    soonest = dict(zip(owners[latest_first].tolist(), days[latest_first].tolist(), strict=True))
    return {project_id: from_epoch_day(day) for project_id, day in soonest.items()}


#: Which field of ``PortfolioProject`` each grouping reads.
_GROUP_FIELDS = {
    GroupBy.COMPANY: "company",
    GroupBy.COMMODITY: "commodity",
    GroupBy.COUNTRY: "country",
    GroupBy.STAGE: "stage",
}


def _group_key(group: str, group_by: GroupBy) -> tuple[int, int, str]:
    missing = group == _MISSING[group_by]
    rank = _STAGE_ORDER.get(group, len(_STAGE_ORDER)) if group_by is GroupBy.STAGE else 0
    return (int(missing), rank, group.casefold())


def arrange(
    projects: Sequence[PortfolioProject],
    group_by: GroupBy,
    sort_by: SortBy,
    milestones: Mapping[int, date],
) -> list[PortfolioRow]:
    """Group headers each followed by their projects, sorted by name or by next milestone.

    Groups come in alphabetical order (stages in the order a project meets them), with the
    projects that lack the grouping field last; projects without a milestone sort last.
    """
    groups: dict[str, list[PortfolioProject]] = defaultdict(list)
    field, missing = _GROUP_FIELDS[group_by], _MISSING[group_by]
    for project in projects:
        groups[getattr(project, field) or missing].append(project)

    def by_name(project: PortfolioProject) -> tuple[str, int]:
        return (project.name.casefold(), project.id)

    def by_milestone(project: PortfolioProject) -> tuple[bool, date, str, int]:
        milestone = milestones.get(project.id)
        return (milestone is None, milestone or date.max, project.name.casefold(), project.id)

    order = by_milestone if sort_by is SortBy.NEXT_MILESTONE else by_name
    rows: list[PortfolioRow] = []
    for group in sorted(groups, key=lambda g: _group_key(g, group_by)):
        members = sorted(groups[group], key=order)
        noun = "project" if len(members) == 1 else "projects"
        rows.append(PortfolioRow(None, f"{group} · {len(members):,} {noun}", group, None))
        rows.extend(PortfolioRow(p.id, p.name, group, milestones.get(p.id)) for p in members)
    return rows
