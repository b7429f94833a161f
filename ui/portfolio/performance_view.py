"""Performance: value over time and the returns table, over a chosen period and currency."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from tracker.errors import TrackerError
from tracker.formatting import money, percent
from tracker.portfolio.columns import performance_spec
from tracker.portfolio.fx_rates import currencies_in_use
from tracker.portfolio.performance import Performance, PerformanceRow, load_performance
from tracker.portfolio.periods import PeriodKind
from tracker.services.settings import reporting_currency
from ui.portfolio.context import PortfolioContext
from ui.portfolio.fields import DateField
from ui.portfolio.table import PortfolioTableModel, fit_columns, make_table

if TYPE_CHECKING:
    from ui.data.gateway import Session
    from ui.portfolio.value_chart import ValueChart

MISSING = QColor("#a15c00")
METHOD = (
    "MWR: the money-weighted return, from the yearly rate (IRR) at which the money put in and "
    "taken out, with the values at the start and end, comes to nothing. TWR: the time-weighted "
    "return, each day's change in value without the money moved that day, chained. Both are "
    "for the period; p.a. is the yearly rate, shown once money was at work a year or more. "
    "Realised gains at average cost; values at the latest price entered (or traded) on or "
    "before each day."
)


@dataclass(frozen=True)
class PerformanceData:
    performance: Performance | None
    currencies: list[str]
    problem: str = ""


def read_performance(
    session: "Session", currency: str | None, kind: PeriodKind, end: date, start: date | None
) -> PerformanceData:
    chosen = currency or reporting_currency(session)
    currencies = currencies_in_use(session)
    if chosen not in currencies:
        currencies = sorted([*currencies, chosen])
    try:
        figures = load_performance(session, chosen, kind, end, start)
    except (ValueError, TrackerError) as error:
        return PerformanceData(None, currencies, str(error))
    return PerformanceData(figures, currencies)


def headline(total: PerformanceRow, performance: Performance) -> str:
    """The period's result in one line: value, gain, and both returns."""
    code = performance.currency
    if total.end_value is None:
        return f"No total for {performance.period.label}: {total.note}"
    parts = [f"Value {code} {money(total.end_value)}"]
    if total.gain is not None:
        sign = "+" if total.gain > 0 else ""
        parts.append(f"gain {code} {sign}{money(total.gain)}")
    if total.twr_pct is not None:
        parts.append(f"time-weighted {percent(total.twr_pct)}")
    if total.mwr_pct is not None:
        parts.append(f"money-weighted {percent(total.mwr_pct)}")
    return "  ·  ".join(parts)


def _model(currency: str) -> PortfolioTableModel[PerformanceRow]:
    """The returns table's model; a row that could not be valued is coloured, with why."""
    return PortfolioTableModel(
        performance_spec(currency),
        lambda row: row.holding_id or 0,
        colour=lambda row: MISSING if row.note else None,
        tooltip=lambda row: row.note,
    )


class PerformanceView(QWidget):
    """Choose a period and a currency; the chart and the table follow."""

    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.period = QComboBox(self)
        self.period.setObjectName("performance_period")
        for kind in PeriodKind:
            self.period.addItem(kind.value.capitalize(), kind.value)
        self.start = DateField(context.today(), parent=self)
        self.start.setObjectName("performance_start")
        self.end = DateField(context.today(), parent=self)
        self.end.setObjectName("performance_end")
        self.currency = QComboBox(self)
        self.currency.setObjectName("performance_currency")
        self.total = QLabel(self)
        self.total.setObjectName("performance_total")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        self.period_text = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a15c00;")
        self.problem.hide()
        self.model = _model("")
        self.table = make_table(self.model, self)
        self.table.setObjectName("performance_table")
        self.table.setToolTip(METHOD)
        self._chart: ValueChart | None = None
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        controls = QHBoxLayout()
        for label, widget in (
            ("&Period", self.period),
            ("from", self.start),
            ("to", self.end),
            ("in", self.currency),
        ):
            text = QLabel(label, self)
            text.setBuddy(widget)
            controls.addWidget(text)
            controls.addWidget(widget)
        controls.addSpacing(16)
        controls.addWidget(self.period_text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.total)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)
        self.period.activated.connect(lambda _index: self._period_chosen())
        self.start.editingFinished.connect(self.refresh)
        self.end.editingFinished.connect(self.refresh)
        self.currency.activated.connect(lambda _index: self.refresh())
        self._period_chosen(load=False)

    @property
    def chart(self) -> "ValueChart":
        """The value chart, built (with pyqtgraph) when first shown."""
        if self._chart is None:
            from ui.portfolio.value_chart import ValueChart

            self._chart = ValueChart(self)
            self._chart.setObjectName("performance_chart")
            self.splitter.insertWidget(0, self._chart)
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 3 // 5, height * 2 // 5])
        return self._chart

    def _period_chosen(self, load: bool = True) -> None:
        custom = self.period.currentData() == PeriodKind.CUSTOM.value
        self.start.setEnabled(custom)
        if load:
            self.refresh()

    def refresh(self) -> None:
        kind = PeriodKind(self.period.currentData())
        end = self.end.day()
        start = self.start.day() if kind is PeriodKind.CUSTOM else None
        chosen = self.currency.currentText() or None
        self.context.read(
            lambda session: read_performance(session, chosen, kind, end, start), self._show
        )

    def _show(self, data: PerformanceData) -> None:
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems(data.currencies)
        figures = data.performance
        self.problem.setText(data.problem)
        self.problem.setVisible(bool(data.problem))
        if figures is None:
            self.currency.blockSignals(False)
            self.total.setText("")
            self.model.set_rows([])
            self.loaded.emit()
            return
        self.currency.setCurrentText(figures.currency)
        self.currency.blockSignals(False)
        if performance_spec(figures.currency).headers != self.model.spec.headers:
            self.model = _model(figures.currency)
            self.table.setModel(self.model)
        self.model.set_rows(figures.rows)
        fit_columns(self.table, self.model)
        self.period_text.setText(figures.period.label)
        total = figures.rows[-1]
        self.total.setText(headline(total, figures))
        self.total.setToolTip(total.note or METHOD)
        self.chart.set_series(figures.series, figures.currency)
        self.loaded.emit()
