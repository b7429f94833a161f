"""One project's life on a time axis: a row per lane, global events as vertical markers."""

from collections.abc import Sized
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtWidgets import QWidget

from tracker.enums import EventKind
from tracker.timeline import Timeline, project_timeline
from tracker.timeline.columns import stack_spans
from ui.charts.hits import FloatArray
from ui.charts.lanes import (
    EVENT_LABELS,
    STUDY_LABELS,
    Drawn,
    category_marks,
    deal_bars,
    global_marks,
    obligation_marks,
    ordered_categories,
    stage_bands,
)
from ui.charts.palette import EVENT_STYLES, STUDY_STYLES
from ui.charts.row_axis import RowAxis
from ui.charts.timechart import TimeChart

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine

BAND_HALF = 0.38
MARKER_SIZE = 11
LABEL_WIDTH = 170


class ProjectTimeline(TimeChart):
    """Stage, studies, deals, obligations and events of one project, against global events.

    ``set_project(id)`` loads a project through ``tracker.timeline``; ``set_data`` draws data
    loaded elsewhere. Clicking an item emits ``item_selected(kind, record_id)``.
    """

    export_name = "project-timeline"

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.row_axis = RowAxis(width=LABEL_WIDTH)
        super().__init__(source, today, parent, left_axis=self.row_axis)
        self.box.setMouseEnabled(x=True, y=False)
        self.add_export_button()
        self.toolbar.addStretch(1)
        self.project_id: int | None = None
        self.data: Timeline | None = None
        self.rows: list[tuple[float, str]] = []
        self._drawn = Drawn()
        self.apply_theme()
        self.redraw()

    def set_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:
        """Read the project's timeline again (after an edit)."""
        project_id, today = self.project_id, self.today
        if project_id is None or not self.read_latest(
            lambda session: project_timeline(session, project_id, today), self.set_data
        ):
            self.set_data(None)

    def set_data(self, data: Timeline | None) -> None:
        self.data = data
        self.redraw()
        self.fit_all()

    def redraw(self) -> None:
        for item in self._drawn.items:
            self.plot.removeItem(item)
        self._drawn = Drawn()
        self.rows = []
        if self.data is not None:
            self._draw_lanes(self.data)
        for item in self._drawn.items:
            self.plot.addItem(item)
        self.fill_legend(self._drawn.legend)
        self.set_hit_layers(self.plot, self._drawn.layers)
        self.row_axis.set_labels([label for _, label in self.rows])
        if self.data is None:
            self.show_message(self.plot, "Choose a project to see its timeline")
        else:
            self.show_message(self.plot, "")
        self.fit_rows()

    def _row(self, label: str) -> float:
        y = float(len(self.rows))
        self.rows.append((y, label))
        return y

    def _draw_lanes(self, data: Timeline) -> None:
        drawn, theme = self._drawn, self.theme
        if len(data.global_events):
            y = self._row("Global events")
            drawn.extend(
                global_marks(data.global_events, _at(y, data.global_events), theme, size=12)
            )
        y = self._row("Stage")
        drawn.extend(stage_bands(data.stages, _at(y, data.stages), BAND_HALF))
        y = self._row("Studies")
        drawn.extend(
            category_marks(
                data.studies,
                _at(y, data.studies),
                STUDY_STYLES,
                theme,
                size=MARKER_SIZE + 2,
                labels=STUDY_LABELS,
            )
        )
        slots = stack_spans(data.deals.starts, data.deals.ends, gap=10)
        first = len(self.rows)
        for slot in range(int(slots.max()) + 1 if len(slots) else 1):
            self._row("Deals" if slot == 0 else "")
        drawn.extend(deal_bars(data.deals, first + slots.astype(np.float64), 0.3, theme))
        y = self._row("Obligations")
        drawn.extend(
            obligation_marks(data.obligations, _at(y, data.obligations), theme, size=MARKER_SIZE)
        )
        events = data.events
        kinds = ordered_categories(events.categories, (kind.value for kind in EventKind))
        event_y = np.zeros(len(events), dtype=np.float64)
        for kind in kinds or [""]:
            y = self._row(f"Event: {kind}" if kind else "Events")
            event_y[events.categories == kind] = y
        drawn.extend(
            category_marks(
                events, event_y, EVENT_STYLES, theme, size=MARKER_SIZE, labels=EVENT_LABELS
            )
        )
        self.draw_global_lines(data.global_events.days, -0.5, len(self.rows) - 0.5)
        days = [
            data.stages.starts,
            data.deals.starts,
            data.deals.ends,
            data.studies.days,
            data.obligations.days,
            data.events.days,
        ]
        present = [d for d in days if len(d)]
        if present:
            joined = np.concatenate(present)
            self.set_time_span(int(joined.min()), int(joined.max()))

    def fit_rows(self) -> None:
        self.box.setLimits(yMin=-0.7, yMax=max(len(self.rows), 1) - 0.3)
        self.box.setYRange(-0.6, max(len(self.rows), 1) - 0.4, padding=0)


def _at(y: float, lane: Sized) -> FloatArray:
    """Every item of a lane on row ``y``."""
    return np.full(len(lane), y, dtype=np.float64)
