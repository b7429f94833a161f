"""Every project on one time axis: a row each, grouped and sorted, global events across all."""

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QScrollBar, QSizePolicy, QWidget

from tracker.timeline import (
    GroupBy,
    PortfolioProject,
    PortfolioRow,
    RecordKind,
    SortBy,
    Timeline,
    arrange,
    load_timeline,
    next_milestones,
    portfolio_projects,
    restrict,
)
from tracker.timeline.columns import IntArray
from ui.charts.hits import FloatArray, Hit
from ui.charts.items import bars, colour
from ui.charts.lanes import (
    EVENT_LABELS,
    STUDY_LABELS,
    Drawn,
    category_marks,
    deal_bars,
    global_marks,
    obligation_marks,
    stage_bands,
)
from ui.charts.palette import EVENT_STYLES, STUDY_STYLES
from ui.charts.row_axis import RowAxis
from ui.charts.timechart import TimeChart, seconds

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine, Session

#: Rows shown when the chart opens, and the most one can zoom out to: beyond a few hundred rows
#: a row is thinner than its markers and the chart turns into noise.
INITIAL_ROWS = 30
MAX_VISIBLE_ROWS = 300
#: Where each lane sits inside a project's row (rows are 1 unit tall, y grows downwards).
EVENT_OFFSET, STUDY_OFFSET, DEAL_OFFSET = -0.2, -0.2, 0.22
GLOBAL_ROW = -1.0
#: Stage bands sit under the markers: paler on white, yet not so pale that neighbouring stages
#: blur together; on black, paleness would read as dark mud.
STAGE_ALPHA_LIGHT, STAGE_ALPHA_DARK = 170, 200


class PortfolioTimeline(TimeChart):
    """One row per project, grouped by company, commodity, country or stage.

    ``set_project_ids(ids)`` follows the main window's filter (None shows every project).
    Clicking an item emits ``item_selected(kind, record_id)``; clicking a row's name emits
    ``item_selected("project", project_id)``.
    """

    export_name = "portfolio-timeline"

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.row_axis = RowAxis()
        super().__init__(source, today, parent, left_axis=self.row_axis)
        self.box.setMouseEnabled(x=True, y=True)
        self.project_ids: frozenset[int] | None = None
        self.data: Timeline | None = None
        self._everything: tuple[Timeline, list[PortfolioProject]] | None = None
        self.projects: list[PortfolioProject] = []
        self.milestones: dict[int, date] = {}
        self.rows: list[PortfolioRow] = []
        self._drawn = Drawn()
        self._row_ids: IntArray = np.empty(0, dtype=np.int64)
        self._build_tools()
        self.row_scroll = QScrollBar(Qt.Orientation.Vertical)
        self.row_scroll.valueChanged.connect(self._scrolled)
        self.body.addWidget(self.row_scroll)
        self.box.sigYRangeChanged.connect(self._sync_scroll)
        #: Whether the rows shown were chosen by fitting (then a resize fits them again), not
        #: by the user's zoom.
        self._rows_fitted = True
        self._fitting = False
        self.box.sigYRangeChanged.connect(self._rows_moved)
        self.box.sigResized.connect(self._resized)
        self.apply_theme()
        self.redraw()

    def _build_tools(self) -> None:
        self.group_box = QComboBox()
        for option in GroupBy:
            self.group_box.addItem(option.value.capitalize(), option.value)
        self.sort_box = QComboBox()
        for sort in SortBy:
            self.sort_box.addItem(sort.value.capitalize(), sort.value)
        self.group_box.setCurrentIndex(self.group_box.findData(GroupBy.COMMODITY.value))
        self.group_box.currentIndexChanged.connect(self.rearrange)
        self.sort_box.currentIndexChanged.connect(self.rearrange)
        self.toolbar.addWidget(QLabel("Group by"))
        self.toolbar.addWidget(self.group_box)
        self.toolbar.addWidget(QLabel("Sort by"))
        self.toolbar.addWidget(self.sort_box)
        self.add_export_button()
        self.toolbar.addStretch(1)
        self.count_label = QLabel()
        # The count gives way first when the window is narrow (200 % on a laptop), so the
        # chart never makes the window wider than the screen.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(0)
        self.toolbar.addWidget(self.count_label)

    # -- data ---------------------------------------------------------------------------------

    @property
    def group_by(self) -> GroupBy:
        return GroupBy(self.group_box.currentData())

    @property
    def sort_by(self) -> SortBy:
        return SortBy(self.sort_box.currentData())

    def set_grouping(self, group_by: GroupBy, sort_by: SortBy) -> None:
        self.group_box.setCurrentIndex(self.group_box.findData(group_by.value))
        self.sort_box.setCurrentIndex(self.sort_box.findData(sort_by.value))

    def set_project_ids(self, project_ids: Collection[int] | None) -> None:
        """Show these projects (the main window's current filter); None shows all.

        Every project's lanes are read once and then cut down in memory, so following a filter
        as the user types costs no database work.
        """
        self.project_ids = None if project_ids is None else frozenset(project_ids)
        if self._everything is None:
            self._load_everything()  # shows the filter when it lands
        else:
            self._show_filtered()

    def refresh(self) -> None:
        """Read every project's timeline again (after an edit) and show the current filter."""
        self._everything = None
        self._load_everything()

    def _load_everything(self) -> None:
        today = self.today

        def read(session: "Session") -> tuple[Timeline, list[PortfolioProject]]:
            return load_timeline(session, today), portfolio_projects(session)

        self.read_latest(read, self._landed)

    def _landed(self, everything: tuple[Timeline, list[PortfolioProject]]) -> None:
        self._everything = everything
        self._show_filtered()

    def _show_filtered(self) -> None:
        if self._everything is None:
            return
        data, projects = self._everything
        if self.project_ids is not None:
            data = restrict(data, self.project_ids)
            projects = [project for project in projects if project.id in self.project_ids]
        self.set_data(data, projects)

    def set_data(self, data: Timeline | None, projects: list[PortfolioProject]) -> None:
        self.data = data
        self.projects = projects
        self.milestones = next_milestones(data) if data is not None else {}
        self.rearrange()
        self.fit_all()

    def rearrange(self) -> None:
        """Group and sort the rows again, from the data already loaded."""
        self.rows = arrange(self.projects, self.group_by, self.sort_by, self.milestones)
        self.redraw()

    # -- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        for item in self._drawn.items:
            self.plot.removeItem(item)
        self._drawn = Drawn()
        ids = [row.project_id if row.project_id is not None else -1 for row in self.rows]
        self._row_ids = np.asarray(ids, dtype=np.int64)
        self.row_axis.set_labels([_row_label(row) for row in self.rows])
        has_globals = self.data is not None and len(self.data.global_events) > 0
        self.row_axis.top_label = "Global events" if has_globals else ""
        if self.data is not None and self.rows:
            self._draw(self.data)
        for item in self._drawn.items:
            self.plot.addItem(item)
        self.fill_legend(self._drawn.legend)
        self.set_hit_layers(self.plot, self._drawn.layers)
        projects = sum(1 for row in self.rows if row.project_id is not None)
        self.count_label.setText(f"{projects:,} projects")
        self.show_message(self.plot, "" if projects else "No project to show")
        self._set_row_limits()

    def _rows_of(self, project_ids: IntArray) -> FloatArray:
        """Each item's row (NaN for projects not shown), by one lookup table."""
        if not len(self._row_ids):
            return np.full(len(project_ids), np.nan)
        size = int(max(self._row_ids.max(), project_ids.max(initial=0))) + 1
        table = np.full(size, np.nan)
        shown = self._row_ids >= 0
        table[self._row_ids[shown]] = np.flatnonzero(shown)
        valid = project_ids >= 0
        rows = np.full(len(project_ids), np.nan)
        rows[valid] = table[project_ids[valid]]
        return rows

    def _draw(self, data: Timeline) -> None:
        drawn, theme = self._drawn, self.theme
        headers = np.flatnonzero(self._row_ids < 0).astype(np.float64)
        first, last = self._data_days(data)
        self.set_time_span(first, last)
        far_left, far_right = seconds([first - 20 * 365]), seconds([last + 20 * 365])
        header_band = bars(
            np.repeat(far_left, len(headers)),
            np.repeat(far_right, len(headers)),
            headers - 0.5,
            headers + 0.5,
            theme.header_band,
        )
        header_band.setZValue(-20)
        drawn.items.append(header_band)

        stages = data.stages
        y = self._rows_of(stages.project_ids)
        alpha = STAGE_ALPHA_DARK if theme.dark else STAGE_ALPHA_LIGHT
        drawn.extend(stage_bands(stages.where(~np.isnan(y)), y[~np.isnan(y)], 0.45, alpha=alpha))
        deals = data.deals
        y = self._rows_of(deals.project_ids)
        keep = ~np.isnan(y)
        drawn.extend(deal_bars(deals.where(keep), y[keep] + DEAL_OFFSET, 0.13, theme))
        events = data.events
        y = self._rows_of(events.project_ids)
        keep = ~np.isnan(y)
        drawn.extend(
            category_marks(
                events.where(keep),
                y[keep] + EVENT_OFFSET,
                EVENT_STYLES,
                theme,
                size=6,
                labels=EVENT_LABELS,
            )
        )
        studies = data.studies
        y = self._rows_of(studies.project_ids)
        keep = ~np.isnan(y)
        drawn.extend(
            category_marks(
                studies.where(keep),
                y[keep] + STUDY_OFFSET,
                STUDY_STYLES,
                theme,
                size=10,
                labels=STUDY_LABELS,
            )
        )
        obligations = data.obligations
        y = self._rows_of(obligations.project_ids)
        keep = ~np.isnan(y)
        drawn.extend(
            obligation_marks(obligations.where(keep), y[keep] + DEAL_OFFSET, theme, size=8)
        )
        globals_ = data.global_events
        drawn.extend(global_marks(globals_, np.full(len(globals_), GLOBAL_ROW), theme, size=11))
        self.draw_global_lines(globals_.days, GLOBAL_ROW, len(self.rows) - 0.5)

    @staticmethod
    def _data_days(data: Timeline) -> tuple[int, int]:
        lanes = [data.stages.starts, data.deals.ends, data.studies.days, data.events.days]
        present = [days for days in lanes if len(days)]
        if not present:
            return (0, 0)
        return (
            int(min(days.min() for days in present)),
            int(max(days.max() for days in present)),
        )

    # -- rows: scrolling, fitting, names ------------------------------------------------------

    def _set_row_limits(self) -> None:
        bottom = max(len(self.rows), 1) - 0.5
        self.box.setLimits(yMin=GLOBAL_ROW - 0.6, yMax=bottom, maxYRange=MAX_VISIBLE_ROWS)
        self.row_scroll.setRange(0, max(len(self.rows) - INITIAL_ROWS, 0))

    def fit_rows(self) -> None:
        """Show the first rows: all of them when they fit, else as many as can be named (at
        200 % the plot has half the room, and an unnamed row puts bars beside the wrong name).
        """
        shown = min(max(len(self.rows), 1), INITIAL_ROWS, self._nameable_rows())
        self._fitting = True
        try:
            self.box.setYRange(GLOBAL_ROW - 0.6, shown - 0.5, padding=0)
        finally:
            self._fitting = False
        self._rows_fitted = True

    def _nameable_rows(self) -> int:
        """Rows below the global events that the plot's height names one by one."""
        height = self.box.height()
        if height <= 0:
            return INITIAL_ROWS
        # The view runs from GLOBAL_ROW - 0.6 to shown - 0.5: shown + 1.1 rows tall.
        margin = -0.5 - (GLOBAL_ROW - 0.6)
        return max(int(height / self.row_axis.label_px() - margin), 1)

    def _rows_moved(self) -> None:
        if not self._fitting:
            self._rows_fitted = False

    def _resized(self) -> None:
        if self._rows_fitted:
            self.fit_rows()

    def _scrolled(self, value: int) -> None:
        (top, bottom) = self.box.viewRange()[1]
        span = bottom - top
        start = GLOBAL_ROW - 0.6 + value
        self.box.setYRange(start, start + span, padding=0)

    def _sync_scroll(self) -> None:
        top, bottom = self.box.viewRange()[1]
        visible = max(int(bottom - top), 1)
        self.row_scroll.blockSignals(True)
        self.row_scroll.setPageStep(visible)
        self.row_scroll.setRange(0, max(len(self.rows) - visible, 0))
        self.row_scroll.setValue(round(top - (GLOBAL_ROW - 0.6)))
        self.row_scroll.blockSignals(False)

    def hit_at(self, scene_pos: QPointF) -> tuple[pg.PlotItem, Hit] | None:
        """Items on the plot; over a row's name, the project itself."""
        found = super().hit_at(scene_pos)
        if found is not None or not self.row_axis.sceneBoundingRect().contains(scene_pos):
            return found
        probe = QPointF(self.box.sceneBoundingRect().left() + 1, scene_pos.y())
        row = round(self.box.mapSceneToView(probe).y())
        if 0 <= row < len(self.rows):
            project_id = self.rows[row].project_id
            if project_id is not None:
                return self.plot, Hit(RecordKind.PROJECT, project_id, np.nan, np.nan, 0.0)
        return None

    def apply_theme(self) -> None:
        super().apply_theme()
        self.plot.getAxis("left").setTextPen(pg.mkPen(self.theme.foreground))
        self.plot.getAxis("left").setPen(pg.mkPen(colour(self.theme.muted, 120)))


def _row_label(row: PortfolioRow) -> str:
    return f"▾ {row.label}" if row.project_id is None else row.label
