"""The Timeline section: the portfolio timeline and the study-economics scatter.

Both charts follow the Projects list: with a search or filter there, they show the projects it
shows. They are ``LazyChart`` placeholders, so pyqtgraph loads only when the page is first seen.
"""

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.charts import ChartKind, LazyChart

if TYPE_CHECKING:
    from ui.data import Gateway


class TimelinePage(QWidget):
    """Tabs of portfolio-wide charts; ``item_selected(kind, id)`` asks to show a record."""

    item_selected = Signal(str, int)

    def __init__(self, data: "Gateway") -> None:
        super().__init__()
        self.setObjectName("section_timeline")
        self.scope = QLabel()
        self.scope.setObjectName("timeline_scope")
        self.timeline = LazyChart(ChartKind.PORTFOLIO_TIMELINE, data)
        self.economics = LazyChart(ChartKind.PORTFOLIO_SCATTER, data)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("timeline_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.timeline, "Portfolio timeline")
        self.tabs.addTab(self.economics, "Study economics")
        for chart in self.charts:
            chart.item_selected.connect(self.item_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.scope)
        layout.addWidget(self.tabs, 1)
        self.set_project_ids(None)

    @property
    def charts(self) -> tuple[LazyChart, LazyChart]:
        return self.timeline, self.economics

    def reset(self) -> None:
        """Another database: the charts are built again on their next show."""
        for chart in self.charts:
            chart.reset()

    def set_project_ids(self, project_ids: Collection[int] | None) -> None:
        """Follow the Projects list: None shows every project."""
        if project_ids is None:
            self.scope.setText("All projects. A search or filter in Projects narrows the charts.")
        else:
            count = len(project_ids)
            noun = "project" if count == 1 else "projects"
            self.scope.setText(f"The {count:,} {noun} the Projects list shows.")
        for chart in self.charts:
            chart.set_project_ids(project_ids)

    def refresh(self) -> None:
        for chart in self.charts:
            chart.refresh()
