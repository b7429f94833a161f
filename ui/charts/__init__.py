"""Timelines and study-economics charts (pyqtgraph).

Importing this package does not import pyqtgraph: the main window embeds ``LazyChart``
placeholders, and each builds its chart the first time it is shown.
"""

from ui.charts.lazy import ChartKind, LazyChart, create_chart

__all__ = ["ChartKind", "LazyChart", "create_chart"]
