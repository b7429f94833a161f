"""The stage a new study shows a project has reached: an FS on a project still at PEA means the
project has moved on, and the investor is offered to record it."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from tracker.enums import Stage, StudyType
from tracker.models import Project, Study
from tracker.services.projects import StageEntry, stage_history

#: The stage each type of study belongs to.
STAGE_OF_STUDY: dict[str, Stage] = {
    StudyType.RESOURCE_ESTIMATE.value: Stage.RESOURCE_DEFINITION,
    StudyType.PEA.value: Stage.PEA,
    StudyType.PFS.value: Stage.PFS,
    StudyType.FS.value: Stage.FS,
    StudyType.UPDATED_FS.value: Stage.FS,
}
_ORDER = {stage.value: number for number, stage in enumerate(Stage)}


@dataclass(frozen=True)
class StageOffer:
    """Move ``project`` from ``current`` (None: no stage yet) to the entry's later stage."""

    project_id: int
    project: str
    current: str | None
    entry: StageEntry


def stage_offer(session: Session, study_id: int, today: date) -> StageOffer | None:
    """The later stage ``study_id``'s type implies for its project, or None when the project is
    already there or beyond (a project in production keeps its stage after a new FS)."""
    study = session.get(Study, study_id)
    if study is None:
        return None
    implied = STAGE_OF_STUDY.get(study.study_type)
    project = session.get(Project, study.project_id)
    if implied is None or project is None or project.id is None:
        return None
    current = project.stage
    if current is not None and _ORDER.get(current, -1) >= _ORDER[implied.value]:
        return None
    since = study.publication_date or study.effective_date or today
    history = stage_history(session, project.id)
    if history:
        # The current stage is the latest by date: the move must not date before it.
        since = max(since, history[-1].effective_date or since)
    note = f"from the {study.study_type} “{study.title}”"
    return StageOffer(project.id, project.name, current, StageEntry(implied.value, since, note))
