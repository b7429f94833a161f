"""The Portfolio section: the portfolio panel (``ui.portfolio``), built when first shown.

Building it on first view keeps its imports and first queries out of the window's startup.
It shares the window's database threads, so its writes are serialised with every other one.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.worker import DatabaseWorker

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ui.portfolio.panel import PortfolioPanel


class PortfolioPage(QWidget):
    #: The panel wrote something; the other sections reload.
    changed = Signal()

    def __init__(self, reads: DatabaseWorker, writes: DatabaseWorker) -> None:
        super().__init__()
        self.setObjectName("section_portfolio")
        self._reads = reads
        self._writes = writes
        self._engine: Engine | None = None
        self.panel: PortfolioPanel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._waiting = QLabel("Opening the portfolio…")
        self._layout.addWidget(self._waiting)
        # The panel's tabs need more room than a small or 200 % screen has: they scroll
        # instead of growing the window past the screen.
        self._scroll = QScrollArea()
        self._scroll.setObjectName("portfolio_scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.hide()
        self._layout.addWidget(self._scroll)

    def set_engine(self, engine: "Engine | None") -> None:
        """Another database: the panel is built again, on the next view."""
        self._engine = engine
        if self.panel is not None:
            self.panel.shutdown()
            self._scroll.takeWidget()
            self._scroll.hide()
            self.panel.deleteLater()
            self.panel = None
            self._waiting.show()

    def ensure_loaded(self) -> None:
        if self.panel is not None or self._engine is None:
            return
        from ui.portfolio.panel import PortfolioPanel

        self.panel = PortfolioPanel(
            self._engine, reads=self._reads, writes=self._writes, parent=self
        )
        self.panel.changed.connect(self.changed)
        self._waiting.hide()
        self._scroll.setWidget(self.panel)
        self._scroll.show()

    def refresh(self) -> None:
        if self.panel is not None:
            self.panel.refresh()
