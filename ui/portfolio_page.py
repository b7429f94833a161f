"""The Portfolio section: the portfolio panel (``ui.portfolio``), built when first shown.

Building it on first view keeps its imports and first queries out of the window's startup.
Its modules (and pyqtgraph, most of a second) are imported on the database thread, so the
window stays responsive, and a delayed progress bar shows while that and the first tab's
figures load. It shares the window's data gateway, so its writes are serialised with every
other one and announced to every view.
"""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ui.busy import DelayedBusy
from ui.data import Gateway

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from ui.portfolio.panel import PortfolioPanel


class PortfolioPage(QWidget):
    def __init__(self, data: Gateway, undo: "QUndoStack | None" = None) -> None:
        super().__init__()
        self._undo = undo
        self.setObjectName("section_portfolio")
        self._data = data
        self._open = False
        self.panel: PortfolioPanel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self.busy = DelayedBusy(self)
        self._layout.addWidget(self.busy)
        #: Runs on the database thread before the panel is built; tests slow it down.
        self.prepare: Callable[[], None] = _import_panel
        self._generation = 0
        self._opening = False
        # The panel's tabs need more room than a small or 200 % screen has: they scroll
        # instead of growing the window past the screen.
        self._scroll = QScrollArea()
        self._scroll.setObjectName("portfolio_scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.hide()
        self._layout.addWidget(self._scroll)

    def reset(self, is_open: bool) -> None:
        """Another database (or none): the panel is built again, on the next view."""
        self._open = is_open
        self._generation += 1
        self._opening = False
        self.busy.finish()
        if self.panel is not None:
            self.panel.shutdown()
            self._scroll.takeWidget()
            self._scroll.hide()
            self.panel.deleteLater()
            self.panel = None

    def ensure_loaded(self) -> None:
        if self.panel is not None or not self._open or self._opening:
            return
        self._opening = True
        self.busy.start("Opening the portfolio…")
        generation = self._generation
        self._data.call(self.prepare, lambda _none: self._build(generation), self._failed)

    def _build(self, generation: int) -> None:
        if generation != self._generation or not self._open:
            return
        from ui.portfolio.panel import PortfolioPanel

        self._opening = False
        self.panel = PortfolioPanel(self._data, undo=self._undo, parent=self)
        self.busy.start("Loading the portfolio figures…")
        panel = self.panel
        for loaded in (
            panel.holdings.loaded,
            panel.interests.loaded,
            panel.exposure.loaded,
            panel.lookthrough.loaded,
            panel.screening.loaded,
            panel.commodities.loaded,
            panel.upcoming.loaded,
        ):
            loaded.connect(self.busy.finish)
        self._scroll.setWidget(self.panel)
        self._scroll.show()

    def _failed(self, error: BaseException) -> None:
        self._opening = False
        self.busy.finish()
        self._data.report(error)

    def refresh(self) -> None:
        if self.panel is not None:
            self.panel.refresh()


def _import_panel() -> None:
    """Import the panel and pyqtgraph (for its charts) ahead of building it: plain imports, no
    widget is made here."""
    importlib.import_module("pyqtgraph")
    importlib.import_module("ui.portfolio.panel")
