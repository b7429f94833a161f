"""The Portfolio section: one widget with a tab per view, for the main window to embed."""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ui.data import Changes, Gateway
from ui.data.changes import PORTFOLIO
from ui.portfolio.commodity_view import CommodityPricesView
from ui.portfolio.context import PortfolioContext
from ui.portfolio.exposure_view import ExposureView
from ui.portfolio.holdings_view import HoldingsView
from ui.portfolio.interests_view import InterestsView
from ui.portfolio.lookthrough_view import LookThroughView
from ui.portfolio.performance_view import PerformanceView
from ui.portfolio.screening_view import ScreeningView
from ui.portfolio.upcoming_view import UpcomingView

if TYPE_CHECKING:
    from ui.data.gateway import Engine


class View(Protocol):
    def refresh(self) -> None: ...


def _raise(exc: BaseException) -> None:
    """A failed read is a bug: let the application's crash handler show it."""
    raise exc


class PortfolioPanel(QWidget):
    """Holdings & prices, Performance, Interests, Exposure, Look-through, Screening and
    Upcoming, in tabs.

    Reads and writes go through the main window's data gateway; given an engine instead (a
    panel on its own), the panel makes a gateway of its own and stops it in ``shutdown``. A tab
    loads when it is shown, and again after a change the gateway announces (so the
    100,000-project screen is read only when asked for). Its own writes are announced as
    portfolio changes, for the lists to decide whether they show them.
    """

    def __init__(
        self,
        data: "Gateway | Engine",
        *,
        today: Callable[[], date] = date.today,
        confirm: Callable[[str], bool] | None = None,
        undo: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._own_gateway: Gateway | None = None
        if not isinstance(data, Gateway):
            self._own_gateway = data = Gateway(data, _raise, self)
        self.data: Gateway = data
        data.changed.connect(self._data_changed)
        self.undo_stack = undo if undo is not None else QUndoStack(self)
        self.context = PortfolioContext(
            data, data, today, confirm or self._ask, self._wrote, self.undo_stack
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
        return self.data.pending

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
        self.data.announce(Changes.of(PORTFOLIO))

    def _data_changed(self, _changes: Changes) -> None:
        """The panel's figures draw on every kind of record (holdings, their companies'
        projects, studies, deals, prices): any change makes its tabs stale."""
        self.refresh()

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Portfolio", question)
        return answer == QMessageBox.StandardButton.Yes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def shutdown(self) -> None:
        """Stop the panel's own gateway (one handed in belongs to the main window)."""
        if self._own_gateway is not None:
            self._own_gateway.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
