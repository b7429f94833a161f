"""The six sections: what each lists, how it filters, and which page its detail shows."""

from typing import TYPE_CHECKING, Any

from tracker import tables
from tracker.enums import DealStatus, DealType, EventKind, ProjectStatus, Stage, StudyType
from tracker.filters import RowSet
from ui.data.changes import PORTFOLIO, SETTINGS
from ui.sections.filter_bar import FilterSpec
from ui.sections.section import SectionSpec

if TYPE_CHECKING:
    from datetime import date

    from ui.data.gateway import Session


COMMODITY = FilterSpec("commodity", "All commodities", facet="commodities")
COUNTRY = FilterSpec("country", "All countries", facet="countries")


def _values(
    vocabulary: type[Stage | ProjectStatus | StudyType | DealType | DealStatus | EventKind],
) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


# Each section's rows and detail page. The functions they call are imported on the database
# thread when first called, not at startup: the models they load are what makes startup slow.
# Named functions rather than names looked up at run time, so that mypy checks every call.


def _project_rows(session: "Session", limit: int | None) -> RowSet[Any]:
    from tracker.lists.rowsets import project_rowset

    return project_rowset(session, limit)


def _company_rows(session: "Session", limit: int | None) -> RowSet[Any]:
    from tracker.lists.rowsets import company_rowset

    return company_rowset(session, limit)


def _deal_rows(session: "Session", limit: int | None) -> RowSet[Any]:
    from tracker.lists.rowsets import deal_rowset

    return deal_rowset(session, limit)


def _study_rows(session: "Session", limit: int | None) -> RowSet[Any]:
    from tracker.lists.rowsets import study_rowset

    return study_rowset(session, limit)


def _event_rows(session: "Session", limit: int | None) -> RowSet[Any]:
    from tracker.lists.rowsets import event_rowset

    return event_rowset(session, limit)


def _project_page(session: "Session", record_id: int, today: "date") -> str:
    from tracker.details import project_detail
    from ui.detail.pages import project_page

    return project_page(project_detail(session, record_id, today))


def _company_page(session: "Session", record_id: int, today: "date") -> str:
    from tracker.details import company_detail
    from ui.detail.pages import company_page

    return company_page(company_detail(session, record_id, today))


def _deal_page(session: "Session", record_id: int, today: "date") -> str:
    """The deal's terms on ``today``: what is overdue and what is next."""
    from tracker.details import deal_detail
    from ui.detail.pages import deal_page

    return deal_page(deal_detail(session, record_id, today))


def _study_page(session: "Session", record_id: int, _today: "date") -> str:
    from tracker.details import study_detail
    from ui.detail.pages import study_page

    return study_page(study_detail(session, record_id))


def _event_page(session: "Session", record_id: int, _today: "date") -> str:
    from tracker.details import event_detail
    from ui.detail.pages import event_page

    return event_page(event_detail(session, record_id))


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "projects",
        "project",
        "Projects",
        "projects",
        tables.PROJECTS,
        _project_rows,
        _project_page,
        (
            COMMODITY,
            FilterSpec("stage", "All stages", _values(Stage)),
            COUNTRY,
            FilterSpec("status", "Any status", _values(ProjectStatus)),
        ),
        shows=frozenset(("project", "company", PORTFOLIO, SETTINGS)),
    ),
    SectionSpec(
        "companies",
        "company",
        "Companies",
        "companies",
        tables.COMPANIES,
        _company_rows,
        _company_page,
        (COMMODITY, COUNTRY),
        shows=frozenset(("project", "company", PORTFOLIO, SETTINGS)),
    ),
    SectionSpec(
        "deals",
        "deal",
        "Deals",
        "deals",
        tables.DEALS,
        _deal_rows,
        _deal_page,
        (
            FilterSpec("kind", "All deal types", _values(DealType)),
            FilterSpec("status", "Any deal status", _values(DealStatus)),
            COMMODITY,
            COUNTRY,
        ),
        "Announced",
        shows=frozenset(("project", "company", "deal", PORTFOLIO, SETTINGS)),
    ),
    SectionSpec(
        "studies",
        "study",
        "Studies",
        "studies",
        tables.STUDIES,
        _study_rows,
        _study_page,
        (FilterSpec("kind", "All study types", _values(StudyType)), COMMODITY, COUNTRY),
        "Published",
        shows=frozenset(("project", "company", "study", PORTFOLIO, SETTINGS)),
    ),
    SectionSpec(
        "events",
        "event",
        "Events",
        "events",
        tables.EVENTS,
        _event_rows,
        _event_page,
        (FilterSpec("kind", "All kinds", _values(EventKind)), COMMODITY, COUNTRY),
        "Date",
        shows=frozenset(("project", "company", "event")),
    ),
)
