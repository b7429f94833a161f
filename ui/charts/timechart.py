"""A chart whose horizontal axis is time: date axis, today line, fit-all and zoom-to-year."""

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QLabel, QPushButton, QWidget

from tracker.timeline import SECONDS_PER_DAY, epoch_day, from_epoch_day
from tracker.timeline.columns import IntArray
from ui.charts.base import ChartBase
from ui.charts.hits import FloatArray
from ui.charts.items import colour, vertical_lines
from ui.charts.palette import GLOBAL_EVENT_COLOUR

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine

#: The narrowest time span one can zoom into, and the margin kept around the data.
MIN_SPAN_DAYS = 14
MARGIN_DAYS = 60
#: How many rows one notch of Shift+wheel scrolls.
ROWS_PER_NOTCH = 3


def seconds(days: Any) -> FloatArray:
    """Epoch days to the seconds a DateAxisItem expects."""
    return np.asarray(days, dtype=np.float64) * SECONDS_PER_DAY


def day_seconds(day: date) -> float:
    return float(epoch_day(day) * SECONDS_PER_DAY)


def date_axis() -> pg.DateAxisItem:
    """A date axis with two levels of ticks (say years and months).

    A third level lays out hundreds of unseen labels on every pan of a fifteen-year span, which
    made the axis the costliest thing to repaint.
    """
    axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
    axis.setStyle(maxTickLevel=1)
    return axis


class TimeViewBox(pg.ViewBox):  # type: ignore[misc]
    """The wheel zooms time only (rows keep their height); Shift+wheel scrolls rows instead."""

    def wheelEvent(self, ev: Any, axis: int | None = None) -> None:
        scroll_rows = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if scroll_rows and self.state["mouseEnabled"][1]:
            notches = ev.delta() / 120
            self.translateBy(y=-notches * ROWS_PER_NOTCH * (1 if self.yInverted() else -1))
            ev.accept()
            return
        super().wheelEvent(ev, axis=0)


class TimeChart(ChartBase):
    """A plot with a date axis along the bottom and the chart's rows down the left."""

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
        *,
        left_axis: pg.AxisItem | None = None,
    ) -> None:
        super().__init__(source, today, parent)
        self.box = TimeViewBox()
        self.box.invertY(True)
        axes = {"bottom": date_axis()}
        if left_axis is not None:
            # The row names do not change while time pans: keep them as a bitmap.
            left_axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            axes["left"] = left_axis
        self.plot = self.add_plot(pg.PlotItem(viewBox=self.box, axisItems=axes), row=0)
        self.add_legend(row=1)
        self._span_days = (epoch_day(self.today) - 365, epoch_day(self.today) + 30)
        self.today_line = pg.InfiniteLine(angle=90, movable=False)
        self.today_line.setZValue(500)
        self._today_label = pg.InfLineLabel(self.today_line, "today", position=0.97)
        self.plot.addItem(self.today_line, ignoreBounds=True)
        self._global_lines: pg.PlotCurveItem | None = None
        self._build_time_tools()

    def _build_time_tools(self) -> None:
        fit = QPushButton("Fit all")
        fit.setToolTip("Show the whole time span")
        fit.clicked.connect(self.fit_all)
        self.year_box = QComboBox()
        self.year_box.setToolTip("Zoom to one year")
        self.year_box.activated.connect(self._year_chosen)
        self.toolbar.addWidget(fit)
        self.toolbar.addWidget(QLabel("Year"))
        self.toolbar.addWidget(self.year_box)

    # -- drawing helpers ----------------------------------------------------------------------

    def apply_theme(self) -> None:
        super().apply_theme()
        pen = pg.mkPen(colour(self.theme.foreground, 190), width=1.5, style=Qt.PenStyle.DashLine)
        self.today_line.setPen(pen)
        self._today_label.setColor(self.theme.foreground)

    def set_time_span(self, first_day: int, last_day: int) -> None:
        """The data's span in epoch days: limits for panning, choices of year, fit-all range."""
        today = epoch_day(self.today)
        first, last = min(first_day, today), max(last_day, today)
        self._span_days = (first, last)
        self.today_line.setValue(day_seconds(self.today))
        self.box.setLimits(
            xMin=(first - 10 * 365) * SECONDS_PER_DAY,
            xMax=(last + 10 * 365) * SECONDS_PER_DAY,
            minXRange=MIN_SPAN_DAYS * SECONDS_PER_DAY,
        )
        years = range(from_epoch_day(first).year, from_epoch_day(last).year + 1)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in reversed(years):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(-1)
        self.year_box.blockSignals(False)

    def draw_global_lines(self, days: IntArray, y_top: float, y_bottom: float) -> None:
        """Global events as dashed vertical lines across every row, in one item."""
        if self._global_lines is not None:
            self.plot.removeItem(self._global_lines)
            self._global_lines = None
        if len(days):
            self._global_lines = vertical_lines(seconds(days), y_top, y_bottom, GLOBAL_EVENT_COLOUR)
            self._global_lines.setZValue(-5)
            self.plot.addItem(self._global_lines, ignoreBounds=True)

    # -- navigation ---------------------------------------------------------------------------

    def fit_all(self) -> None:
        """Show the whole time span, with a margin."""
        first, last = self._span_days
        self.box.setXRange(
            (first - MARGIN_DAYS) * SECONDS_PER_DAY,
            (last + MARGIN_DAYS) * SECONDS_PER_DAY,
            padding=0,
        )
        self.fit_rows()

    def fit_rows(self) -> None:
        """Show the rows (subclasses)."""

    def zoom_to_year(self, year: int) -> None:
        self.box.setXRange(
            day_seconds(date(year, 1, 1)), day_seconds(date(year + 1, 1, 1)), padding=0
        )

    def _year_chosen(self, index: int) -> None:
        year = self.year_box.itemData(index)
        if isinstance(year, int):
            self.zoom_to_year(year)

    def visible_range(self) -> tuple[date, date]:
        """First and last day on screen."""
        (left, right), _ = self.box.viewRange()
        return (
            from_epoch_day(int(left // SECONDS_PER_DAY)),
            from_epoch_day(int(right // SECONDS_PER_DAY)),
        )
