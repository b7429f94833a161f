"""Exposure: position value by commodity, country and stage, as tables and bar charts."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tracker.formatting import money
from tracker.portfolio.columns import exposure_spec
from tracker.portfolio.exposure import Basis, Dimension, Exposure, ExposureRow, portfolio_exposure
from tracker.portfolio.fx_rates import currencies_in_use
from tracker.services.settings import reporting_currency
from ui.charts.palette import STAGE_COLOURS
from ui.portfolio.bar_chart import BarChart
from ui.portfolio.context import PortfolioContext
from ui.portfolio.table import PortfolioTableModel, fit_columns, make_table

if TYPE_CHECKING:
    from ui.data.gateway import Session

RULES = (
    "Each position's value is spread over the company's projects in proportion to its "
    "attributable interest; a project counts under its primary commodity only."
)


@dataclass(frozen=True)
class ExposureData:
    exposure: Exposure
    currencies: list[str]
    reporting: str = ""


def load_exposure(
    session: "Session", on: date, currency: str | None, basis: Basis, reporting: str | None = None
) -> ExposureData:
    """The exposure in ``currency``; without one, or once the reporting currency is no longer
    ``reporting`` (the one the pick was made under), in the reporting currency."""
    now = reporting_currency(session)
    chosen = currency if currency and reporting in (None, now) else now
    currencies = currencies_in_use(session)
    if chosen not in currencies:
        currencies = sorted([*currencies, chosen])
    return ExposureData(portfolio_exposure(session, on, chosen, basis), currencies, now)


class DimensionBox(QGroupBox):
    """One dimension: its table above its chart."""

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(f"By {dimension.value}", parent)
        self.dimension = dimension
        self.model: PortfolioTableModel[ExposureRow] = PortfolioTableModel(
            exposure_spec(dimension, "")
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName(f"exposure_{dimension.value}_table")
        self.chart = BarChart(self)
        #: Said in place of an empty chart: why there is nothing to draw, and what to do.
        self.empty = QLabel(self)
        self.empty.setObjectName(f"exposure_{dimension.value}_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.empty, 2)

    def show_rows(self, rows: list[ExposureRow], currency: str, why_empty: str = "") -> None:
        spec = exposure_spec(self.dimension, currency)
        if spec.headers != self.model.spec.headers:
            self.model = PortfolioTableModel(spec)
            self.table.setModel(self.model)
            fit_columns(self.table, self.model)
        self.model.set_rows(rows)
        colours = STAGE_COLOURS if self.dimension is Dimension.STAGE else None
        self.chart.set_bars(
            [row.bucket for row in rows], [float(row.share_pct) for row in rows], colours
        )
        self.empty.setText(why_empty)
        self.chart.setVisible(bool(rows))
        self.empty.setVisible(not rows)


class ExposureView(QWidget):
    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.currency = QComboBox(self)
        self.currency.setObjectName("exposure_currency")
        #: The reporting currency when the figures were last read: a currency picked here
        #: holds until it changes.
        self._reporting = ""
        self.basis = QComboBox(self)
        self.basis.setObjectName("exposure_basis")
        for basis in Basis:
            self.basis.addItem(f"interest {basis.value}", basis.value)
        self.total = QLabel(self)
        self.total.setObjectName("exposure_total")
        self.left_out = QLabel(self)
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #a15c00;")
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Add up in", self))
        controls.addWidget(self.currency)
        controls.addWidget(QLabel("weighting projects by", self))
        controls.addWidget(self.basis)
        controls.addSpacing(16)
        controls.addWidget(self.total, 1)
        self.boxes = {dimension: DimensionBox(dimension, self) for dimension in Dimension}
        grid = QGridLayout()
        for column, box in enumerate(self.boxes.values()):
            grid.addWidget(box, 0, column)
        rules = QLabel(RULES, self)
        rules.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(rules)
        layout.addLayout(grid, 1)
        layout.addWidget(self.left_out)
        self.currency.activated.connect(self.refresh)
        self.basis.activated.connect(self.refresh)

    def refresh(self) -> None:
        on = self.context.today()
        chosen = self.currency.currentText() or None
        basis = Basis(self.basis.currentData())
        reporting = self._reporting or None
        self.context.read(
            lambda session: load_exposure(session, on, chosen, basis, reporting), self._show
        )

    def _show(self, data: ExposureData) -> None:
        self._reporting = data.reporting
        exposure = data.exposure
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems(data.currencies)
        self.currency.setCurrentText(exposure.currency)
        self.currency.blockSignals(False)
        self.total.setText(
            f"Total {money(exposure.total, exposure.currency)} on {exposure.on.isoformat()}"
        )
        why = empty_reason(exposure)
        for dimension, box in self.boxes.items():
            box.show_rows(exposure.rows[dimension], exposure.currency, why)
        self.left_out.setText(_left_out_text(exposure))
        self.left_out.setToolTip("\n".join(exposure.left_out))
        self.left_out.setVisible(bool(self.left_out.text()))
        self.loaded.emit()


def empty_reason(exposure: Exposure) -> str:
    """Why the charts have nothing to draw: no holdings, or none with a value yet."""
    if exposure.left_out:
        return "No holdings with a share price yet: add prices in Holdings & prices."
    return "No holdings yet: add them in Holdings & prices."


def _left_out_text(exposure: Exposure, shown: int = 4) -> str:
    """Which positions are missing from the figures, and what to do about it."""
    missing = exposure.left_out
    if not missing:
        return ""
    text = "Left out, no value: " + "; ".join(missing[:shown])
    if len(missing) > shown:
        text += f"; and {len(missing) - shown} more (hover to see them)"
    if not exposure.total:
        text += ". Enter share prices (and exchange rates) under Holdings & prices."
    return text
