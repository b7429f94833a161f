"""Which record a click on a timeline item shows in the window's lists."""

from sqlmodel import Session

from tracker.models import DealObligation, ProjectStage
from tracker.timeline.columns import RecordKind

#: Items that are records of a list of their own.
LISTED = frozenset({RecordKind.PROJECT, RecordKind.STUDY, RecordKind.DEAL, RecordKind.EVENT})


def record_of_chart_item(session: Session, kind: str, record_id: int) -> tuple[str, int] | None:
    """The (kind, id) to show for a clicked item: a stage shows its project and an obligation
    its deal, which are the lists that hold them. None when the record is gone or unknown."""
    if kind in LISTED:
        return kind, record_id
    if kind == RecordKind.STAGE:
        stage = session.get(ProjectStage, record_id)
        return None if stage is None else (RecordKind.PROJECT.value, stage.project_id)
    if kind == RecordKind.OBLIGATION:
        obligation = session.get(DealObligation, record_id)
        return None if obligation is None else (RecordKind.DEAL.value, obligation.deal_id)
    return None
