"""A left axis that names rows (projects, group headers) and only lays out the visible ones."""

import math
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

#: Pixels a row label needs at least; when rows are thinner, only every n-th one is named.
LABEL_PX = 15
#: Room taken by the tick and the gap between tick and text.
TEXT_MARGIN_PX = 16


class RowAxis(pg.AxisItem):  # type: ignore[misc]
    """Row ``i`` is named ``labels[i]``; with 10,000 rows only those on screen are measured."""

    def __init__(self, width: int = 200) -> None:
        super().__init__("left")
        self.labels: Sequence[str] = ()
        #: The name of row -1, above the first (where the portfolio puts global events).
        self.top_label = ""
        self.setWidth(width)

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = labels
        self.picture = None
        self.update()

    def tickValues(
        self, min_val: float, max_val: float, size: float
    ) -> list[tuple[float, list[int]]]:
        low, high = sorted((min_val, max_val))  # an inverted view passes them the other way round
        first = max(math.ceil(low), -1 if self.top_label else 0)
        last = min(math.floor(high), len(self.labels) - 1)
        if last < first or size <= 0:
            return []
        pixels_per_row = size / max(high - low, 1e-9)
        step = max(1, math.ceil(self.label_px() / pixels_per_row))
        # The top row (global events) is always named; below it every ``step``-th row, at
        # multiples of ``step`` so that the names stay put while scrolling.
        top = [-1] if first == -1 else []
        below = max(first, 0, -1 + step if top else 0)
        start = below + (-below % step)
        return [(float(step), top + list(range(start, last + 1, step)))]

    def label_px(self) -> float:
        """The height of one row name: rows thinner than this cannot all be named."""
        metrics = QFontMetricsF(self.style.get("tickFont") or QFont())
        return max(float(LABEL_PX), metrics.height() + 1)

    def tickStrings(self, values: Sequence[Any], scale: float, spacing: float) -> list[str]:
        # pyqtgraph silently drops a label wider than the axis, so long names are elided.
        metrics = QFontMetricsF(self.style.get("tickFont") or QFont())
        room = self.width() - TEXT_MARGIN_PX
        return [
            metrics.elidedText(self.row_name(int(value)), Qt.TextElideMode.ElideRight, room)
            for value in values
        ]

    def row_name(self, row: int) -> str:
        if row == -1:
            return self.top_label
        if not 0 <= row < len(self.labels):
            return ""
        return self.labels[row]
