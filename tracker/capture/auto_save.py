"""Saving a reading without a person to review it, for ``mining-tracker capture --save``.

The review dialog lets a person choose the project and company; here only a near-certain
match is taken (a listed ticker, or a name that is the same but for case and corporate words),
and anything less creates a new record under the name the release gives, since a figure saved
on the wrong project is worse than a new project to merge.
"""

from sqlmodel import Session

from tracker.capture.matching import Candidate, company_candidates, project_candidates, tickers_in
from tracker.capture.model import Capture
from tracker.capture.review import name_of
from tracker.capture.save import Pick, Saved, reviewed_from, save_reviewed

#: The score from which a match is taken as the record the release names.
CERTAIN = 0.95


def _pick(candidates: list[Candidate], name: str | None) -> Pick | None:
    if candidates and candidates[0].score >= CERTAIN:
        return Pick(candidates[0].record_id, candidates[0].name)
    return Pick(None, name) if name else None


def save_capture(session: Session, capture: Capture) -> Saved:
    """Save what was read, on ``session``'s transaction; raises ``TrackerError`` if refused."""
    company_name = name_of(capture, "company")
    company = _pick(
        company_candidates(session, company_name, tickers_in(capture.text)), company_name
    )
    project_name = name_of(capture, "project")
    owner = company.record_id if company is not None else None
    project = _pick(project_candidates(session, project_name, owner), project_name)
    counterparty_name = name_of(capture, "counterparty")
    counterparty = _pick(company_candidates(session, counterparty_name), counterparty_name)
    return save_reviewed(session, reviewed_from(capture, project, company, counterparty))
