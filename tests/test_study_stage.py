"""Which stage a study offers to move its project to, and as of when."""

from datetime import date

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker.models import Study
from tracker.services.projects import StageEntry
from tracker.services.studies import create_study
from tracker.services.study_stage import StageOffer, stage_offer

TODAY = date(2026, 3, 31)


def study_of(session: Session, project_id: int, kind: str, published: date | None) -> int:
    created = create_study(
        session,
        Study(
            project_id=project_id,
            study_type=kind,
            title=f"Hill {kind}",
            currency="USD",
            publication_date=published,
        ),
        [],
    )
    assert created.id is not None
    return created.id


def test_a_later_study_offers_its_stage_dated_by_its_publication(session: Session) -> None:
    owner = add_company(session, "Beta Gold")
    project = add_project(
        session, "Hill", [(owner, "100", True)], stage=("PEA/scoping", date(2022, 3, 1))
    )
    assert project.id is not None
    study = study_of(session, project.id, "FS", date(2024, 6, 15))
    assert stage_offer(session, study, TODAY) == StageOffer(
        project.id,
        "Hill",
        "PEA/scoping",
        StageEntry("feasibility", date(2024, 6, 15), "from the FS “Hill FS”"),
    )
    undated = study_of(session, project.id, "PFS", None)
    offer = stage_offer(session, undated, TODAY)
    assert offer is not None
    assert (offer.entry.stage, offer.entry.effective_date) == ("pre-feasibility", TODAY)


def test_no_offer_for_a_project_at_or_past_the_studys_stage(session: Session) -> None:
    owner = add_company(session, "Beta Gold")
    for stage, kind in (
        ("pre-feasibility", "PFS"),
        ("production", "FS"),
        ("closed", "PEA/scoping"),
    ):
        project = add_project(
            session, f"Hill {stage}", [(owner, "100", True)], stage=(stage, date(2023, 1, 1))
        )
        assert project.id is not None
        assert stage_offer(session, study_of(session, project.id, kind, None), TODAY) is None


def test_an_offer_is_never_dated_before_the_current_stage(session: Session) -> None:
    owner = add_company(session, "Beta Gold")
    project = add_project(
        session, "Hill", [(owner, "100", True)], stage=("PEA/scoping", date(2025, 5, 1))
    )
    assert project.id is not None
    offer = stage_offer(session, study_of(session, project.id, "FS", date(2024, 6, 15)), TODAY)
    assert offer is not None
    assert offer.entry.effective_date == date(2025, 5, 1), "else PEA would stay the latest"
