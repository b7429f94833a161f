"""A horizontal bar chart of shares (percent), one labelled bar per bucket.

pyqtgraph is imported when the first chart is built, not when this module is imported, so the
rest of the app (and its tests) start without it.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.charts.palette import CATEGORICAL, theme_for

BAR_HEIGHT = 0.6


class BarChart(QWidget):
    """Bars from 0 to each value, top to bottom in the order given, with the value at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg  # lazily: charts are the only users

        self._pg: Any = pg
        theme = theme_for(self.palette())
        self.plot: Any = pg.PlotWidget(parent=self, background=theme.background)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(theme.muted)
            axis.setTextPen(theme.foreground)
        item.getAxis("bottom").setLabel("% of value")
        self._theme = theme
        self._items: list[Any] = []
        self.labels: list[str] = []
        self.values: list[float] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_bars(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        colours: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the bars; values are percent of the whole. ``colours`` maps a label to its
        colour (stages keep theirs); other bars take the categorical colours in turn."""
        pg = self._pg
        for item in self._items:
            self.plot.removeItem(item)
        self._items = []
        self.labels, self.values = list(labels), list(values)
        positions = list(range(len(labels)))
        if labels:
            bars = pg.BarGraphItem(
                x0=[0.0] * len(labels),
                y=positions,
                height=BAR_HEIGHT,
                width=self.values,
                brushes=[
                    (colours or {}).get(label, CATEGORICAL[n % len(CATEGORICAL)])
                    for n, label in enumerate(labels)
                ],
                pen=pg.mkPen(None),
            )
            self.plot.addItem(bars)
            self._items.append(bars)
            for position, value in zip(positions, self.values, strict=True):
                text = pg.TextItem(f"{value:.1f} %", color=self._theme.foreground, anchor=(0, 0.5))
                text.setPos(value, position)
                self.plot.addItem(text)
                self._items.append(text)
        axis = self.plot.getPlotItem().getAxis("left")
        shown = [_short(label) for label in labels]
        axis.setTicks([list(enumerate(shown))])
        widest = max((self.fontMetrics().horizontalAdvance(text) for text in shown), default=0)
        axis.setWidth(widest + 14)
        top = max(self.values, default=0.0)
        self.plot.setXRange(0, max(top * 1.25, 10.0), padding=0)
        self.plot.setYRange(-0.6, max(len(labels), 1) - 0.4, padding=0)


def _short(label: str, limit: int = 18) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
