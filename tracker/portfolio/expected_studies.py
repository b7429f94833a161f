"""Expected studies: guidance such as "PFS by Q3 2026", kept until the study arrives."""

from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.enums import StudyType
from tracker.models import ExpectedStudy, Project, Study
from tracker.portfolio.checks import date_rule
from tracker.services.common import clean_text, get_or_raise
from tracker.validation import Checker, Choice, Failure, Rule, Rules, Text, before_failure

STUDY_ORDER = {kind.value: rank for rank, kind in enumerate(StudyType)}


class ExpectedStudyRow(NamedTuple):
    id: int
    project_id: int
    project: str
    study_type: str
    expected_date: date
    noted_on: date
    source: str | None
    delivered: bool


def _expected_failure(expected: object, noted: object) -> Failure | None:
    if isinstance(expected, date) and isinstance(noted, date):
        return before_failure(expected, noted, "date noted")
    return None


#: An expected study's own rules, shared by the form and the Excel import.
EXPECTED_STUDY_RULES = Rules(
    Choice("study_type", StudyType, required=True),
    date_rule("expected_date"),
    date_rule("noted_on"),
    Rule(("expected_date", "noted_on"), _expected_failure),
    Text("source", 1000),
)


def check_expected_study(session: Session, entry: ExpectedStudy) -> Checker:
    checker = Checker()
    if session.get(Project, entry.project_id) is None:
        checker.fail("project", entry.project_id, "is not a known project")
    EXPECTED_STUDY_RULES.check(checker, entry)
    return checker


def create_expected_study(session: Session, entry: ExpectedStudy) -> ExpectedStudy:
    entry.source = clean_text(entry.source)
    check_expected_study(session, entry).raise_if_any()
    session.add(entry)
    session.flush()
    return entry


def delete_expected_study(session: Session, expected_id: int) -> None:
    session.delete(get_or_raise(session, ExpectedStudy, expected_id))
    session.flush()


def expected_study_rows(session: Session) -> list[ExpectedStudyRow]:
    """Every expected study by date, each marked delivered once a study of that type or a later
    one was published (or, undated, made effective) for the project on or after ``noted_on``."""
    published: dict[int, list[tuple[int, date]]] = {}
    expected = list(
        session.execute(
            select(
                col(ExpectedStudy.id),
                col(ExpectedStudy.project_id),
                col(Project.name),
                col(ExpectedStudy.study_type),
                col(ExpectedStudy.expected_date),
                col(ExpectedStudy.noted_on),
                col(ExpectedStudy.source),
            )
            .join(Project, col(Project.id) == col(ExpectedStudy.project_id))
            .order_by(col(ExpectedStudy.expected_date), col(ExpectedStudy.id))
        )
    )
    if expected:
        for project_id, study_type, day in session.execute(
            select(
                col(Study.project_id),
                col(Study.study_type),
                func.coalesce(col(Study.publication_date), col(Study.effective_date)),
            ).where(col(Study.project_id).in_(select(col(ExpectedStudy.project_id))))
        ):
            if day is not None:
                published.setdefault(project_id, []).append((STUDY_ORDER.get(study_type, -1), day))
    rows = []
    for row_id, project_id, name, study_type, expected_date, noted_on, source in expected:
        wanted = STUDY_ORDER.get(study_type, 0)
        delivered = any(
            rank >= wanted and day >= noted_on for rank, day in published.get(project_id, [])
        )
        rows.append(
            ExpectedStudyRow(
                row_id, project_id, name, study_type, expected_date, noted_on, source, delivered
            )
        )
    return rows
