"""The rows a list shows for a search, in the list's own order, without Qt.

The command line's ``list --search`` runs this, and the window's search box runs the same
search (``tracker.filters.matching``) over the same rowsets, so both find the same rows.
"""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from tracker import tables
from tracker.filters import Criteria, RowSet, Sorter, matching
from tracker.lists import rowsets

Loader = Callable[[Session], RowSet[Any]]

#: Each list's rows and columns, by the name the command line and the window's sections use.
LISTS: dict[str, tuple[Loader, tables.TableSpec[Any]]] = {
    "projects": (rowsets.project_rowset, tables.PROJECTS),
    "companies": (rowsets.company_rowset, tables.COMPANIES),
    "deals": (rowsets.deal_rowset, tables.DEALS),
    "studies": (rowsets.study_rowset, tables.STUDIES),
    "events": (rowsets.event_rowset, tables.EVENTS),
}


def listed_rows(session: Session, kind: str, text: str | None = None) -> list[Any]:
    """The rows of list ``kind`` that match the search ``text``, in the list's first order."""
    load, spec = LISTS[kind]
    rowset = load(session)
    sorter = Sorter(rowset, [column.value for column in spec.columns])
    order = sorter.order(spec.sort_column, spec.sort_descending)
    return [rowset.rows[index] for index in matching(rowset, Criteria(text=text or ""), order)]
