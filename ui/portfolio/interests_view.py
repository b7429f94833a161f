"""Interests: each held company's attributable interest per project, deals included."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracker.portfolio.columns import INTERESTS
from tracker.portfolio.interests import InterestRow, interest_rows
from tracker.portfolio.positions import held_company_ids
from ui.portfolio.context import PortfolioContext
from ui.portfolio.table import PortfolioTableModel, make_table

if TYPE_CHECKING:
    from ui.data.gateway import Session

EXPLANATION = (
    "Recorded: the ownership entered on the project. Current: recorded, plus interest earned "
    "under deals beyond it (earned earn-in steps, closed acquisitions), less interest a vendor "
    "has given up. If fully earned: as if every open option, earn-in, LOI or acquisition "
    "completes. An earned step that is also recorded as ownership counts once."
)


def held_interest_rows(session: "Session") -> list[InterestRow]:
    return interest_rows(session, held_company_ids(session))


def _key(row: InterestRow) -> int:
    return row.company_id << 32 | row.project_id


class InterestsView(QWidget):
    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        key: Callable[[InterestRow], int] = _key
        self.model: PortfolioTableModel[InterestRow] = PortfolioTableModel(INTERESTS, key)
        self.table = make_table(self.model, self)
        self.table.setObjectName("interests_table")
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        self.context.read(held_interest_rows, self._show)

    def _show(self, rows: list[InterestRow]) -> None:
        self.model.set_rows(rows)
        self.loaded.emit()
