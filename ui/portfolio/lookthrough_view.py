"""Look-through: attributable study NPV per holding, per share and P/NAV, with its projects."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from tracker.portfolio.columns import LOOK_THROUGH, LOOK_THROUGH_PROJECTS
from tracker.portfolio.lookthrough import (
    STUDY_FIGURES_NOTE,
    TODAYS_DECK_NOTE,
    LookThrough,
    LookThroughProject,
    LookThroughRow,
    look_through,
)
from tracker.portfolio.npv_today import METHODS
from ui.portfolio.context import PortfolioContext
from ui.portfolio.deck_switch import DeckSwitch
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row


def project_tooltip(row: LookThroughProject) -> str:
    """The method behind an NPV at today's deck, and the row's note."""
    return "\n\n".join(part for part in (METHODS.get(row.npv_method, ""), row.note) if part)


BANNER_STYLE = (
    "QLabel { background: #fff4d6; color: #5a4500; border: 1px solid #e0c36a;"
    " border-radius: 4px; padding: 6px; }"
)


class LookThroughView(QWidget):
    """Holdings above; the projects behind the selected holding below."""

    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.figures: LookThrough | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("study_figures_banner")
        self.deck = DeckSwitch(self)
        self.deck.toggled.connect(lambda _todays: self.refresh())
        self._show_banner()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.model: PortfolioTableModel[LookThroughRow] = PortfolioTableModel(
            LOOK_THROUGH, lambda row: row.holding_id, tooltip=lambda row: row.note
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("lookthrough_table")
        self.projects_label = QLabel("Select a holding to see the projects behind it.", self)
        self.projects: PortfolioTableModel[LookThroughProject] = PortfolioTableModel(
            LOOK_THROUGH_PROJECTS, lambda row: row.project_id, tooltip=project_tooltip
        )
        self.project_table = make_table(self.projects, self)
        self.project_table.setObjectName("lookthrough_projects_table")
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.projects_label)
        lower_layout.addWidget(self.project_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.deck)
        layout.addLayout(top)
        layout.addWidget(splitter)
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def _show_banner(self, note: str | None = None) -> None:
        if note is None:
            note = TODAYS_DECK_NOTE if self.deck.todays_deck else STUDY_FIGURES_NOTE
        headline, _, rest = note.partition(": ")
        self.banner.setText(f"<b>{headline}.</b> {rest[:1].upper()}{rest[1:]}")

    def refresh(self) -> None:
        on = self.context.today()
        todays = self.deck.todays_deck
        self.context.read(lambda session: look_through(session, on, todays_deck=todays), self._show)

    def _show(self, figures: LookThrough) -> None:
        self.figures = figures
        self._show_banner(figures.note)
        self.model.set_rows(figures.rows)
        if figures.rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._selected()
        self.loaded.emit()

    def _selected(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, LookThroughRow) or self.figures is None:
            self.projects.set_rows([])
            self.projects_label.setText("Select a holding to see the projects behind it.")
            return
        projects = [p for p in self.figures.projects if p.holding_id == row.holding_id]
        self.projects_label.setText(
            f"Projects behind {row.company} (amounts in millions; holding currency {row.currency})"
        )
        self.projects.set_rows(projects)
