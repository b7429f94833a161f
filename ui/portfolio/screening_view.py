"""Screening: every project's latest study, filtered, with filters saved as watchlists.

The rows of 100,000 projects take a few seconds to read, so they are loaded on the worker
thread once and filtered here in memory as the filters change. Once they show, the worker goes
on to read what their NPVs at today's deck are worked from, so that flipping the deck switch
costs only the arithmetic (``tracker.portfolio.screen_load``).
"""

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import StudyType
from tracker.errors import FieldProblem
from tracker.portfolio.columns import SCREENING
from tracker.portfolio.npv_today import METHODS
from tracker.portfolio.screen_load import ScreeningData, load_screening
from tracker.portfolio.screening import ScreenFilter, ScreenRow, apply_filter, countries
from tracker.portfolio.watchlists import (
    WatchlistRow,
    create_watchlist,
    delete_watchlist,
    watchlist_rows,
)
from ui.portfolio.context import PortfolioContext
from ui.portfolio.deck_switch import DeckSwitch
from ui.portfolio.fields import ChoiceBox, DecimalField, FormErrors, ProblemLabel, read_number
from ui.portfolio.table import PortfolioTableModel, make_table


def npv_tooltip(row: ScreenRow) -> str:
    """How the row's NPV was reached (at today's deck), and what of it."""
    return "\n\n".join(part for part in (METHODS.get(row.npv_basis, ""), row.npv_note) if part)


class ScreeningView(QWidget):
    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.all_rows: list[ScreenRow] = []
        self.watchlists: list[WatchlistRow] = []
        self.commodity = ChoiceBox(self, any_text="any commodity")
        self.commodity.setObjectName("screen_commodity")
        self.min_study = QComboBox(self)
        self.min_study.setObjectName("screen_min_study")
        self.min_study.addItem("any study", None)
        for kind in StudyType:
            self.min_study.addItem(f"{kind.value} or later", kind.value)
        self.min_irr = DecimalField("any", self)
        self.min_irr.setObjectName("screen_min_irr")
        self.min_irr.setMaximumWidth(70)
        self.country = ChoiceBox(self, any_text="any country")
        self.country.setObjectName("screen_country")
        for box in (self.commodity, self.country):
            # The choices arrive after the first show: size to them, not to the empty box.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count = QLabel(self)
        self.count.setObjectName("screen_count")
        self.watchlist = QComboBox(self)
        self.watchlist.setObjectName("watchlist_choice")
        self.watchlist_name = QLineEdit(self)
        self.watchlist_name.setObjectName("watchlist_name")
        self.watchlist_name.setPlaceholderText("name, e.g. Canadian copper")
        self.save_button = QPushButton("Save as watchlist", self)
        self.delete_button = QPushButton("Delete watchlist", self)
        self.message = ProblemLabel(self)
        self.errors = FormErrors(
            {"name": self.watchlist_name, "min_irr_pct": self.min_irr}, self.message
        )
        self.deck = DeckSwitch(self)
        self.deck.toggled.connect(self._flipped)
        self.data: ScreeningData | None = None
        self.model: PortfolioTableModel[ScreenRow] = PortfolioTableModel(
            SCREENING, lambda row: row.project_id, tooltip=npv_tooltip
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("screen_table")
        filters = QHBoxLayout()
        for widget in (
            self.commodity,
            self.min_study,
            QLabel("IRR ≥", self),
            self.min_irr,
            QLabel("%", self),
            self.country,
            self.deck,
        ):
            filters.addWidget(widget)
        filters.addWidget(self.count, 1)
        saved = QHBoxLayout()
        saved.addWidget(QLabel("Watchlist", self))
        saved.addWidget(self.watchlist, 1)
        saved.addWidget(self.delete_button)
        saved.addSpacing(24)
        saved.addWidget(self.watchlist_name, 1)
        saved.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(saved)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        self.commodity.currentTextChanged.connect(self.apply)
        self.min_study.currentIndexChanged.connect(self.apply)
        self.min_irr.textChanged.connect(self.apply)
        self.country.currentTextChanged.connect(self.apply)
        self.watchlist.activated.connect(self._open_watchlist)
        self.save_button.clicked.connect(self.save_watchlist)
        self.delete_button.clicked.connect(self.delete_watchlist)

    def refresh(self) -> None:
        on = self.context.today()
        todays = self.deck.todays_deck
        self.context.read(lambda session: load_screening(session, on, todays), self._show)

    def _flipped(self, todays: bool) -> None:
        """Show the other deck: from what is held when it can be, else read again."""
        data = self.data
        if data is None or data.deck.on != self.context.today():
            self.refresh()
        elif not todays:
            self._show(replace(data, rows=data.study_rows))
        else:
            hold = data.deck
            self.context.read(
                lambda session: replace(data, rows=hold.rows_at_todays_deck(session)), self._show
            )

    def _show(self, data: ScreeningData) -> None:
        if self.data is None or self.data.deck is not data.deck:
            hold = data.deck
            if not hold.ready:
                # Ready the switch while the user reads the rows (the worker is free now).
                self.context.read(hold.responses, lambda _responses: None)
        self.data = data
        self.all_rows = data.rows
        self.commodity.set_choices(data.commodities)
        self.country.set_choices([(name, name) for name in countries(data.rows)])
        self._set_watchlists(data.watchlists)
        self.apply()
        self.loaded.emit()

    def _set_watchlists(self, watchlists: list[WatchlistRow]) -> None:
        self.watchlists = watchlists
        self.watchlist.clear()
        self.watchlist.addItem("choose a watchlist…", None)
        for row in watchlists:
            self.watchlist.addItem(f"{row.name}: {row.filter.describe()}", row.id)
        self.delete_button.setEnabled(bool(watchlists))

    def current_filter(self) -> ScreenFilter | None:
        """The filter the controls show, or None while the IRR does not read as a number."""
        problems: list[FieldProblem] = []
        irr = read_number(self.min_irr, "min_irr_pct", problems)
        if problems:
            return None
        commodity = self.commodity.current_value()
        study = self.min_study.currentData()
        country = self.country.current_value()
        return ScreenFilter(
            commodity if isinstance(commodity, str) else None,
            study if isinstance(study, str) else None,
            irr,
            country if isinstance(country, str) else None,
        )

    def apply(self) -> None:
        keep = self.current_filter()
        if keep is None:
            return
        rows = apply_filter(self.all_rows, keep)
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows):,} of {len(self.all_rows):,} projects")

    def _open_watchlist(self) -> None:
        chosen = self.watchlist.currentData()
        row = next((w for w in self.watchlists if w.id == chosen), None)
        if row is None:
            return
        keep = row.filter
        for control in (self.commodity, self.min_study, self.min_irr, self.country):
            control.blockSignals(True)
        self.commodity.select_value(keep.commodity)
        self.min_study.setCurrentIndex(max(self.min_study.findData(keep.min_study_type), 0))
        self.min_irr.set_value(keep.min_irr_pct)
        if keep.country and self.country.findData(keep.country) < 0:
            self.country.addItem(keep.country, keep.country)
        self.country.select_value(keep.country)
        for control in (self.commodity, self.min_study, self.min_irr, self.country):
            control.blockSignals(False)
        self.watchlist_name.setText(row.name)
        self.apply()

    def save_watchlist(self) -> None:
        keep = self.current_filter()
        if keep is None:
            self.errors.show([FieldProblem("min_irr_pct", self.min_irr.text(), "is not a number")])
            return
        name = self.watchlist_name.text()
        self.context.write(
            lambda session: create_watchlist(session, name, keep),
            lambda _result: self._changed("Watchlist saved."),
            self.errors,
        )

    def _changed(self, text: str) -> None:
        self.errors.clear()
        self.message.show_done(text)
        self.context.read(watchlist_rows, self._set_watchlists)

    def delete_watchlist(self) -> None:
        chosen = self.watchlist.currentData()
        row = next((w for w in self.watchlists if w.id == chosen), None)
        if row is None:
            self.errors.show_message("Choose the watchlist to delete first.")
            return
        if self.context.confirm(f"Delete the watchlist '{row.name}'?"):
            self.context.write(
                lambda session: delete_watchlist(session, row.id),
                lambda _result: self._changed("Watchlist deleted."),
                self.errors,
            )
