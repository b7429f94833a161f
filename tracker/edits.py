"""A form's save as one unit: claim the version it loaded, write, and log what changed.

The window runs these on its write thread; they are plain functions of a session so that the
same save can be made from two engines at once in tests (two people on one database).
"""

from collections.abc import Callable

from sqlmodel import Session

from tracker import changelog, records, snapshots, versions
from tracker.overtaken import versioned
from tracker.snapshots import Snapshot


def save_new(session: Session, kind: str, job: Callable[[Session], int]) -> tuple[int, str]:
    """Run a create job; log the record as created. Its id and label."""
    new_id = job(session)
    label = records.label(session, kind, new_id)
    changelog.log_created(session, kind, new_id, label)
    return new_id, label


def save_edit(
    session: Session,
    kind: str,
    record_id: int,
    loaded: int | None,
    job: Callable[[Session], object],
) -> tuple[Snapshot, Snapshot, str]:
    """Run an edit job against the version the form ``loaded`` (``StaleRecordError`` when
    someone saved since); log each field it changed. The record before and after, its label."""
    if loaded is not None:
        versions.claim(session, kind, record_id, loaded)
    before = snapshots.capture_own(session, kind, record_id)
    job(session)
    after = snapshots.capture_own(session, kind, record_id)
    changelog.log_edit(session, before, after)
    return before, after, records.label(session, kind, record_id)


def as_saved(session: Session, kind: str, record_id: int) -> Snapshot | None:
    """The record as just saved, for its undo step to check against (``tracker.overtaken``);
    None for records that carry no version."""
    if not versioned(kind):
        return None
    return snapshots.capture_own(session, kind, record_id)
