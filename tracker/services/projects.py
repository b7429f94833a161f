"""Projects: owners, commodities, dated stage history, tags."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from tracker.enums import ProjectStatus, Stage
from tracker.errors import FieldProblem
from tracker.models import (
    Company,
    Deal,
    Event,
    Project,
    ProjectOwner,
    ProjectStage,
    ProjectTag,
    ResourceLine,
    Study,
)
from tracker.services.commodities import resolve_commodities, set_project_commodities
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import (
    PERCENT_MAX,
    PERCENT_MIN,
    Checker,
    Choice,
    Failure,
    IsDate,
    Number,
    Rules,
    Text,
)


@dataclass(frozen=True)
class OwnerShare:
    """A company's attributable interest in a project, in percent points."""

    company_id: int
    interest_pct: Decimal
    is_operator: bool = False


@dataclass(frozen=True)
class StageEntry:
    """A dated stage for a project's history."""

    stage: str
    effective_date: date
    note: str | None = None
    source: str | None = None


#: A project's own rules, shared by the forms and the Excel import.
PROJECT_RULES = Rules(
    Text("name", 200, required=True),
    Text("country", 80),
    Text("region", 120),
    Text("district", 200),
    Number("latitude", minimum=-90, maximum=90, unit="°"),
    Number("longitude", minimum=-180, maximum=180, unit="°"),
    Choice("status", ProjectStatus, required=True),
    Text("source", 1000),
)
#: One owner's interest, in percent points.
INTEREST_RULE = Number(
    "interest_pct", minimum=PERCENT_MIN, maximum=PERCENT_MAX, unit="%", required=True
)


def check_project(session: Session, project: Project, owners: Sequence[OwnerShare]) -> Checker:
    checker = Checker()
    PROJECT_RULES.check(checker, project)
    checker.absorb(check_owners(session, owners))
    return checker


def owners_total_failure(interests: Sequence[Decimal]) -> Failure | None:
    """Owners' interests may add up to at most 100 %."""
    total = sum(interests, Decimal(0))
    return (f"{total} %", "add up to more than 100 %") if total > PERCENT_MAX else None


def check_owners(session: Session, owners: Sequence[OwnerShare]) -> list[FieldProblem]:
    """Interests within 0-100 %, adding up to at most 100 %, one operator, known companies."""
    checker = Checker()
    seen: set[int] = set()
    for owner in owners:
        checker.add("owner interest", INTEREST_RULE.test(owner.interest_pct))
        if session.get(Company, owner.company_id) is None:
            checker.fail("owner", owner.company_id, "is not a known company")
        if owner.company_id in seen:
            checker.fail("owner", owner.company_id, "is named twice")
        seen.add(owner.company_id)
    if checker.problems:
        return checker.problems
    checker.add("owner interests", owners_total_failure([owner.interest_pct for owner in owners]))
    operators = sum(1 for owner in owners if owner.is_operator)
    if owners and operators != 1:
        checker.fail("operator", operators, "exactly one owner must be the operator")
    return checker.problems


def _normalise(project: Project) -> None:
    project.name = (clean_text(project.name) or "").strip()
    for field in ("country", "region", "district", "notes", "source"):
        setattr(project, field, clean_text(getattr(project, field)))
    project.status = project.status or ProjectStatus.ACTIVE.value


def create_project(
    session: Session,
    project: Project,
    *,
    owners: Sequence[OwnerShare] = (),
    commodities: Sequence[str] = (),
    stage: StageEntry | None = None,
    tags: Sequence[str] = (),
) -> Project:
    """Add a project with its owners, commodities (primary first), first stage and tags."""
    _normalise(project)
    checker = check_project(session, project, owners)
    commodity_ids, problems = resolve_commodities(session, commodities)
    checker.absorb(problems)
    if stage is not None:
        checker.absorb(check_stage(stage))
    checker.raise_if_any()
    project.stage = None
    session.add(project)
    session.flush()
    assert project.id is not None
    _replace_owners(session, project.id, owners)
    set_project_commodities(session, project.id, commodity_ids)
    set_tags(session, project.id, tags)
    if stage is not None:
        record_stage(session, project.id, stage)
    return project


def update_project(
    session: Session,
    project_id: int,
    changes: Project,
    *,
    owners: Sequence[OwnerShare] | None = None,
    commodities: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> Project:
    """Replace a project's fields; owners, commodities and tags are replaced when given.

    The stage is not edited here: it moves only by ``record_stage``, which keeps the history.
    """
    stored = get_or_raise(session, Project, project_id)
    _normalise(changes)
    checker = check_project(session, changes, owners or ())
    commodity_ids: list[int] = []
    if commodities is not None:
        commodity_ids, problems = resolve_commodities(session, commodities)
        checker.absorb(problems)
    checker.raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id", "stage"}))
    session.add(stored)
    if owners is not None:
        _replace_owners(session, project_id, owners)
    if commodities is not None:
        set_project_commodities(session, project_id, commodity_ids)
    if tags is not None:
        set_tags(session, project_id, tags)
    session.flush()
    return stored


#: One dated entry of a project's stage history.
STAGE_RULES = Rules(
    Choice("stage", Stage, required=True),
    IsDate("effective_date", label="stage date"),
    Text("note", 1000, label="stage note"),
    Text("source", 1000, label="stage source"),
)


def check_stage(entry: StageEntry) -> list[FieldProblem]:
    checker = Checker()
    STAGE_RULES.check(checker, entry)
    return checker.problems


def record_stage(session: Session, project_id: int, entry: StageEntry) -> ProjectStage:
    """Append a dated stage; the project's current stage becomes the latest one by date."""
    checker = Checker()
    checker.absorb(check_stage(entry))
    checker.raise_if_any()
    project = get_or_raise(session, Project, project_id)
    row = ProjectStage(
        project_id=project_id,
        stage=entry.stage,
        effective_date=entry.effective_date,
        note=clean_text(entry.note),
        source=clean_text(entry.source),
    )
    session.add(row)
    session.flush()
    project.stage = current_stage(session, project_id)
    session.add(project)
    session.flush()
    return row


def current_stage(session: Session, project_id: int) -> str | None:
    return session.exec(
        select(ProjectStage.stage)
        .where(ProjectStage.project_id == project_id)
        .order_by(col(ProjectStage.effective_date).desc(), col(ProjectStage.id).desc())
    ).first()


def stage_history(session: Session, project_id: int) -> list[ProjectStage]:
    """A project's stages, oldest first."""
    return list(
        session.exec(
            select(ProjectStage)
            .where(ProjectStage.project_id == project_id)
            .order_by(col(ProjectStage.effective_date), col(ProjectStage.id))
        )
    )


def delete_stage(session: Session, stage_id: int) -> None:
    """Remove a mistaken history entry; the current stage follows the remaining history."""
    row = get_or_raise(session, ProjectStage, stage_id)
    project = get_or_raise(session, Project, row.project_id)
    session.delete(row)
    session.flush()
    project.stage = current_stage(session, row.project_id)
    session.add(project)
    session.flush()


def _replace_owners(session: Session, project_id: int, owners: Sequence[OwnerShare]) -> None:
    session.exec(delete(ProjectOwner).where(col(ProjectOwner.project_id) == project_id))
    for owner in owners:
        session.add(
            ProjectOwner(
                project_id=project_id,
                company_id=owner.company_id,
                interest_pct=owner.interest_pct,
                is_operator=owner.is_operator,
            )
        )
    session.flush()


def owners_of(session: Session, project_id: int) -> list[OwnerShare]:
    rows = session.exec(
        select(ProjectOwner)
        .where(ProjectOwner.project_id == project_id)
        .order_by(col(ProjectOwner.id))
    )
    return [OwnerShare(row.company_id, row.interest_pct, row.is_operator) for row in rows]


def set_tags(session: Session, project_id: int, tags: Sequence[str]) -> None:
    """Replace a project's tags (trimmed, duplicates dropped)."""
    session.exec(delete(ProjectTag).where(col(ProjectTag.project_id) == project_id))
    unique = dict.fromkeys(tag.strip() for tag in tags if tag.strip())
    for tag in unique:
        session.add(ProjectTag(project_id=project_id, tag=tag[:60]))
    session.flush()


def tags_of(session: Session, project_id: int) -> list[str]:
    return list(
        session.exec(
            select(ProjectTag.tag)
            .where(ProjectTag.project_id == project_id)
            .order_by(ProjectTag.tag)
        )
    )


def project_dependants(session: Session, project_id: int) -> dict[str, int]:
    """What goes with a project when it is deleted (deals are kept, unlinked)."""
    counts = {
        "studies": session.exec(
            select(func.count()).select_from(Study).where(Study.project_id == project_id)
        ).one(),
        "resource lines": session.exec(
            select(func.count())
            .select_from(ResourceLine)
            .where(ResourceLine.project_id == project_id)
        ).one(),
        "events": session.exec(
            select(func.count()).select_from(Event).where(Event.project_id == project_id)
        ).one(),
        "deals (kept, unlinked)": session.exec(
            select(func.count()).select_from(Deal).where(Deal.project_id == project_id)
        ).one(),
    }
    return {kind: count for kind, count in counts.items() if count}


def delete_project(session: Session, project_id: int) -> None:
    """Delete a project with its studies, resources, events and history; deals stay, unlinked."""
    project = get_or_raise(session, Project, project_id)
    session.delete(project)
    session.flush()


def find_project(session: Session, name: str, company_id: int | None = None) -> Project | None:
    """Find a project by name (any case), optionally among one company's projects."""
    query = select(Project).where(func.lower(Project.name) == name.strip().lower())
    if company_id is not None:
        query = query.join(ProjectOwner, col(ProjectOwner.project_id) == Project.id).where(
            ProjectOwner.company_id == company_id
        )
    return session.exec(query).first()
