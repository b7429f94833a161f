"""The six sections: what each lists, how it filters, and which page its detail shows."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from tracker import tables
from tracker.enums import DealStatus, DealType, EventKind, ProjectStatus, Stage, StudyType
from tracker.filters import RowSet
from ui.data.changes import PORTFOLIO, SETTINGS
from ui.sections.filter_bar import FilterSpec
from ui.sections.section import Loader, Renderer, SectionSpec

if TYPE_CHECKING:
    from datetime import date

    from ui.data.gateway import Session


COMMODITY = FilterSpec("commodity", "All commodities", facet="commodities")
COUNTRY = FilterSpec("country", "All countries", facet="countries")


def _values(
    vocabulary: type[Stage | ProjectStatus | StudyType | DealType | DealStatus | EventKind],
) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


def _rows(name: str) -> Loader:
    """``tracker.rowsets.<name>``, imported on the database thread when first called (the
    models it needs are what makes startup slow)."""

    def load(session: "Session", limit: int | None) -> RowSet[Any]:
        rowset: RowSet[Any] = getattr(import_module("tracker.rowsets"), name)(session, limit)
        return rowset

    return load


def _page(gather: str, render: str, *, dated: bool = False) -> Renderer:
    """The detail page: ``tracker.details.<gather>`` rendered by ``ui.detail.pages.<render>``;
    a ``dated`` gatherer is also given the day (for what is overdue and what is next)."""

    def page(session: "Session", record_id: int, today: "date") -> str:
        gathered = getattr(import_module("tracker.details"), gather)
        detail = gathered(session, record_id, today) if dated else gathered(session, record_id)
        html: str = getattr(import_module("ui.detail.pages"), render)(detail)
        return html

    return page


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "projects",
        "project",
        "Projects",
        "projects",
        tables.PROJECTS,
        _rows("project_rowset"),
        _page("project_detail", "project_page", dated=True),
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
        _rows("company_rowset"),
        _page("company_detail", "company_page", dated=True),
        (COMMODITY, COUNTRY),
        shows=frozenset(("project", "company", PORTFOLIO, SETTINGS)),
    ),
    SectionSpec(
        "deals",
        "deal",
        "Deals",
        "deals",
        tables.DEALS,
        _rows("deal_rowset"),
        _page("deal_detail", "deal_page", dated=True),
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
        _rows("study_rowset"),
        _page("study_detail", "study_page"),
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
        _rows("event_rowset"),
        _page("event_detail", "event_page"),
        (FilterSpec("kind", "All kinds", _values(EventKind)), COMMODITY, COUNTRY),
        "Date",
        shows=frozenset(("project", "company", "event")),
    ),
)
