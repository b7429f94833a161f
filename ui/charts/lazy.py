"""A placeholder that builds its chart, importing pyqtgraph, the first time it is shown.

pyqtgraph and numpy's plotting stack take most of a second to import; the main window creates
``LazyChart`` widgets at start-up for free and pays that cost only when a chart is looked at.
Calls made before then (``set_project``, ``set_project_ids``) are remembered and applied, and
a hidden chart reloads only when shown again. In the window it reads through the data gateway
and reloads after a change the gateway announces when that touches what it draws (``SHOWS``).
"""

import importlib
from collections.abc import Collection
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.data import Changes, Gateway
from ui.data.changes import PORTFOLIO, SETTINGS

if TYPE_CHECKING:
    from ui.data.gateway import Engine


class ChartKind(StrEnum):
    PROJECT_TIMELINE = "project timeline"
    PORTFOLIO_TIMELINE = "portfolio timeline"
    STUDY_ECONOMICS = "study economics"
    PORTFOLIO_SCATTER = "portfolio scatter"


#: Where each chart lives, imported on first show; project charts take ``set_project``.
_CHARTS = {
    ChartKind.PROJECT_TIMELINE: ("ui.charts.project_timeline", "ProjectTimeline"),
    ChartKind.PORTFOLIO_TIMELINE: ("ui.charts.portfolio_timeline", "PortfolioTimeline"),
    ChartKind.STUDY_ECONOMICS: ("ui.charts.economics", "StudyEconomicsChart"),
    ChartKind.PORTFOLIO_SCATTER: ("ui.charts.scatter", "PortfolioScatter"),
}
PROJECT_CHARTS = frozenset({ChartKind.PROJECT_TIMELINE, ChartKind.STUDY_ECONOMICS})
#: The kinds of record each chart draws: a change to one makes it read again.
SHOWS: dict[ChartKind, frozenset[str]] = {
    ChartKind.PROJECT_TIMELINE: frozenset({"project", "company", "study", "deal", "event"}),
    ChartKind.PORTFOLIO_TIMELINE: frozenset({"project", "company", "study", "deal", "event"}),
    ChartKind.STUDY_ECONOMICS: frozenset({"project", "study", PORTFOLIO, SETTINGS}),
    ChartKind.PORTFOLIO_SCATTER: frozenset({"project", "company", "study", PORTFOLIO, SETTINGS}),
}


def create_chart(
    kind: ChartKind,
    source: "Gateway | Engine | None",
    today: date | None = None,
    parent: QWidget | None = None,
) -> Any:
    """Build a chart now (imports pyqtgraph)."""
    module_name, class_name = _CHARTS[kind]
    chart_class = getattr(importlib.import_module(module_name), class_name)
    return chart_class(source, today, parent)


class LazyChart(QWidget):
    """Stands in for a chart until first shown; forwards the chart's ``item_selected``.

    For a project chart call ``set_project(id)``; for a portfolio chart ``set_project_ids(ids)``
    (None for every project). ``refresh()`` reloads after the data changed.
    """

    item_selected = Signal(str, int)

    def __init__(
        self,
        kind: ChartKind,
        source: "Gateway | Engine | None",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.source = source
        if isinstance(source, Gateway):
            source.changed.connect(self._data_changed)
        self.today = today
        self.chart: Any = None
        self._project_id: int | None = None
        self._project_ids: frozenset[int] | None = None
        self._stale = True
        #: The data changed (not only which projects to show): read it again.
        self._reload = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self._changed()

    def set_project_ids(self, project_ids: Collection[int] | None) -> None:
        self._project_ids = None if project_ids is None else frozenset(project_ids)
        self._changed()

    def refresh(self) -> None:
        self._reload = True
        self._changed()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(SHOWS[self.kind]):
            self.refresh()

    @property
    def has_data(self) -> bool:
        """Whether there is a database to read (the gateway's may not be open yet)."""
        source = self.source
        return source is not None and (not isinstance(source, Gateway) or source.is_open)

    def reset(self) -> None:
        """Another database: drop the chart built on the old one; the next show builds anew."""
        if self.chart is not None:
            self._layout.removeWidget(self.chart)
            self.chart.deleteLater()
            self.chart = None
        self._changed()

    def ensure_chart(self) -> Any:
        """Build the chart now if it is not built yet, and bring it up to date."""
        fresh = self.chart is None
        if self.chart is None:
            self.chart = create_chart(self.kind, self.source, self.today, self)
            self.chart.item_selected.connect(self.item_selected)
            self._layout.addWidget(self.chart)
        if self._stale:
            reload = self._reload and not fresh
            self._stale = self._reload = False
            if self.kind in PROJECT_CHARTS:
                self.chart.set_project(self._project_id)  # reads the project afresh
            else:
                self.chart.set_project_ids(self._project_ids)
                if reload:  # a portfolio chart keeps what it read; an edit needs a new read
                    self.chart.refresh()
        return self.chart

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible() and self.has_data:
            self.ensure_chart()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_chart()
