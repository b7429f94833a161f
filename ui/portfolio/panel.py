"""The Portfolio section: one widget with a tab per view, for the main window to embed."""

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import Engine

from ui.portfolio.commodity_view import CommodityPricesView
from ui.portfolio.context import PortfolioContext
from ui.portfolio.exposure_view import ExposureView
from ui.portfolio.holdings_view import HoldingsView
from ui.portfolio.interests_view import InterestsView
from ui.portfolio.lookthrough_view import LookThroughView
from ui.portfolio.performance_view import PerformanceView
from ui.portfolio.screening_view import ScreeningView
from ui.portfolio.upcoming_view import UpcomingView
from ui.worker import DatabaseWorker


class View(Protocol):
    def refresh(self) -> None: ...


def _raise(exc: BaseException) -> None:
    """A failed read is a bug: let the application's crash handler show it."""
    raise exc


class PortfolioPanel(QWidget):
    """Holdings & prices, Performance, Interests, Exposure, Look-through, Screening and
    Upcoming, in tabs.

    Reads and writes go through the main window's ``reads`` and ``writes`` workers; without
    them the panel starts one of its own and stops it in ``shutdown``. A tab loads when it is
    shown, and again after ``refresh`` (so the 100,000-project screen is read only when asked
    for). ``changed`` is emitted after the panel wrote something, for other sections to reload.
    """

    changed = Signal()

    def __init__(
        self,
        engine: Engine,
        *,
        reads: DatabaseWorker | None = None,
        writes: DatabaseWorker | None = None,
        today: Callable[[], date] = date.today,
        confirm: Callable[[str], bool] | None = None,
        undo: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._own_worker: DatabaseWorker | None = None
        if reads is None or writes is None:
            self._own_worker = DatabaseWorker(engine, _raise, name="portfolio")
        chosen_reads = reads or self._own_worker
        chosen_writes = writes or self._own_worker
        assert chosen_reads is not None and chosen_writes is not None
        self.reads: DatabaseWorker = chosen_reads
        self.writes: DatabaseWorker = chosen_writes
        self.undo_stack = undo if undo is not None else QUndoStack(self)
        self.context = PortfolioContext(
            self.reads, self.writes, today, confirm or self._ask, self._wrote, self.undo_stack
        )
        self.holdings = HoldingsView(self.context, self)
        self.performance = PerformanceView(self.context, self)
        self.interests = InterestsView(self.context, self)
        self.exposure = ExposureView(self.context, self)
        self.lookthrough = LookThroughView(self.context, self)
        self.screening = ScreeningView(self.context, self)
        self.commodities = CommodityPricesView(self.context, self)
        self.upcoming = UpcomingView(self.context, self)
        self.tabs = QTabWidget(self)
        self.views: list[View] = []
        for view, title in (
            (self.holdings, "Holdings && prices"),
            (self.performance, "Performance"),
            (self.interests, "Interests"),
            (self.exposure, "Exposure"),
            (self.lookthrough, "Look-through"),
            (self.screening, "Screening"),
            (self.commodities, "Commodity prices"),
            (self.upcoming, "Upcoming"),
        ):
            self.tabs.addTab(view, title)
            self.views.append(view)
        self._stale: set[int] = set(range(len(self.views)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _index: self.ensure_loaded())

    @property
    def pending(self) -> int:
        """Reads and writes queued and not yet back."""
        if self.reads is self.writes:
            return self.reads.pending
        return self.reads.pending + self.writes.pending

    def refresh(self) -> None:
        """Mark every tab out of date and reload the one shown (after a change elsewhere)."""
        self._stale = set(range(len(self.views)))
        if self.isVisible():
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Load the tab shown if it has not been loaded since the last change."""
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._stale.discard(index)
            self.views[index].refresh()

    def _wrote(self) -> None:
        self.refresh()
        self.changed.emit()

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Portfolio", question)
        return answer == QMessageBox.StandardButton.Yes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def shutdown(self) -> None:
        """Stop the panel's own worker (workers handed in belong to the main window)."""
        if self._own_worker is not None:
            self._own_worker.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
