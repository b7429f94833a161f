"""The portfolio's value over time, with the money invested beside it (pyqtgraph).

pyqtgraph is imported when the first chart is built, so the rest of the app starts without it.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from tracker.timeline import SECONDS_PER_DAY, epoch_day
from ui.charts.palette import BLUE, GREY, theme_for


class ValueChart(QWidget):
    """Two lines against a date axis: value at each close, and money invested (a step line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import numpy as np  # lazily, with pyqtgraph
        import pyqtgraph as pg

        self._np: Any = np
        theme = theme_for(self.palette())
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        axis.setStyle(maxTickLevel=1)
        self.plot: Any = pg.PlotWidget(
            parent=self, background=theme.background, axisItems={"bottom": axis}
        )
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for side in ("left", "bottom"):
            shown = item.getAxis(side)
            shown.setPen(theme.muted)
            shown.setTextPen(theme.foreground)
        self.legend = item.addLegend(offset=(10, 10), labelTextColor=theme.foreground)
        self.value_line = self.plot.plot([], [], pen=pg.mkPen(BLUE, width=2), name="Value")
        self.invested_line = self.plot.plot(
            [],
            [],
            pen=pg.mkPen(GREY, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
            stepMode="right",
            name="Money invested",
        )
        self.days: list[date] = []
        self.values: list[float] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_series(self, series: Sequence[tuple[date, float, Decimal]], currency: str) -> None:
        """Replace the lines with ``series`` of (day, value, money invested), in ``currency``."""
        np = self._np
        self.days = [day for day, _value, _invested in series]
        self.values = [float(value) for _day, value, _invested in series]
        x = np.fromiter((epoch_day(day) for day in self.days), dtype=np.float64) * SECONDS_PER_DAY
        invested = np.fromiter((float(i) for _d, _v, i in series), dtype=np.float64)
        self.value_line.setData(x, np.asarray(self.values, dtype=np.float64))
        # Each day's money invested holds until the next day's (a step to the right).
        self.invested_line.setData(x, invested)
        self.plot.getPlotItem().getAxis("left").setLabel(currency)
        self.plot.enableAutoRange()
