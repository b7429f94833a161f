"""One project's study economics over time: NPV and initial capex above, IRR below."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from tracker.formatting import millions_unit
from tracker.portfolio.reporting import ReportingBook
from tracker.timeline import (
    SECONDS_PER_DAY,
    RecordKind,
    StudyEconomics,
    epoch_day,
    project_economics,
)
from tracker.timeline.economics import ConvertedEconomics, in_reporting_currency
from tracker.timeline.hover import SHORT_STUDY_TYPES
from tracker.units import MILLION
from ui.charts.base import ChartBase
from ui.charts.hits import FloatArray, HitLayer, IntArray
from ui.charts.items import colour, outline_pen
from ui.charts.palette import BLUE, BLUISH_GREEN, ORANGE, Style
from ui.charts.timechart import date_axis, seconds

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine, Session

NPV = Style(BLUE, "o")
CAPEX = Style(ORANGE, "s")
IRR = Style(BLUISH_GREEN, "t1")
MARKER_SIZE = 11
#: Room left and right of the first and last study.
X_PAD_DAYS = 120
#: What "Money in" offers: each study's own currency, or the reporting currency.
PUBLISHED, REPORTING = "published", "reporting"


class StudyEconomicsChart(ChartBase):
    """After-tax NPV, initial capex and after-tax IRR of one project's studies, by date.

    Money is in millions of each study's currency (named on the axis when they share one), or,
    with "Money in" set to the reporting currency, converted at the latest rate on or before
    today; the rates used are named above the chart, and a study without a rate is left out
    of the money plot and named there too. Studies in different currencies are converted
    from the start. Clicking a point emits ``item_selected("study", study_id)``.
    """

    export_name = "study-economics"
    grid_y = True

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(source, today, parent)
        self.money_plot = self.add_plot(
            pg.PlotItem(axisItems={"bottom": date_axis()}),
            row=0,
        )
        self.irr_plot = self.add_plot(
            pg.PlotItem(axisItems={"bottom": date_axis()}),
            row=1,
        )
        self.irr_plot.setXLink(self.money_plot)
        self.money_plot.getAxis("bottom").setStyle(showValues=False)
        self.view.ci.layout.setRowStretchFactor(0, 3)
        self.view.ci.layout.setRowStretchFactor(1, 2)
        for plot in (self.money_plot, self.irr_plot):
            plot.getAxis("left").setWidth(70)
        self.add_legend(row=2)
        fit = QPushButton("Fit all")
        fit.clicked.connect(self.fit_all)
        self.toolbar.addWidget(fit)
        self.add_export_button()
        self.money_in = QComboBox()
        self.money_in.setObjectName("economics_money_in")
        self.money_in.addItem("each study's currency", PUBLISHED)
        self.money_in.addItem("reporting currency", REPORTING)
        self.money_in.setToolTip("Money as each study published it, or converted")
        money_label = QLabel("&Money in")
        money_label.setBuddy(self.money_in)
        self.toolbar.addWidget(money_label)
        self.toolbar.addWidget(self.money_in)
        self.rates = QLabel()
        self.rates.setObjectName("economics_rates")
        self.rates.setWordWrap(True)
        self.toolbar.addWidget(self.rates, 1)
        self.money_in.activated.connect(lambda _index: self._show_studies())
        self.project_id: int | None = None
        #: The studies as published, and the rates to convert them (None: not loaded).
        self.published: list[StudyEconomics] = []
        self.reporting: ReportingBook | None = None
        self.studies: list[StudyEconomics] = []
        self._items: list[tuple[pg.PlotItem, pg.GraphicsObject]] = []
        self._x = self._money = self._irr = np.empty(0, dtype=np.float64)
        self.apply_theme()
        self.redraw()

    def set_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:
        project_id, today = self.project_id, self.today
        if project_id is None:
            self.set_data([])
            return
        chosen: int = project_id

        def read(session: "Session") -> tuple[list[StudyEconomics], ReportingBook]:
            return project_economics(session, chosen), ReportingBook.load(session, today)

        if not self.read_latest(read, self._landed):
            self.set_data([])

    def _landed(self, found: tuple[list[StudyEconomics], ReportingBook]) -> None:
        self.set_data(*found)

    def set_data(
        self, studies: list[StudyEconomics], reporting: ReportingBook | None = None
    ) -> None:
        """Draw ``studies``; with ``reporting``, they can be shown in its currency (and are,
        when they are in more than one currency)."""
        self.published, self.reporting = studies, reporting
        self.money_in.setItemText(
            1, f"reporting currency ({reporting.currency})" if reporting else "reporting currency"
        )
        self.money_in.setEnabled(reporting is not None)
        if reporting is not None and len({s.currency for s in studies}) > 1:
            self.money_in.setCurrentIndex(self.money_in.findData(REPORTING))
        self._show_studies()

    def _show_studies(self) -> None:
        converting = self.reporting is not None and self.money_in.currentData() == REPORTING
        if self.reporting is not None and converting:
            converted = in_reporting_currency(self.published, self.reporting)
            self.studies = converted.studies
            self.rates.setText(_rates_text(converted, self.reporting.on))
        else:
            self.studies = self.published
            self.rates.setText("")
        self.redraw()
        self.fit_all()

    def fit_all(self) -> None:
        """Every study in view, with zero on both value axes so that sizes compare honestly."""
        x = self._x
        if not len(x):
            for plot in (self.money_plot, self.irr_plot):
                plot.autoRange()
            return
        pad = max(float(x.max() - x.min()) * 0.08, X_PAD_DAYS * SECONDS_PER_DAY)
        self.money_plot.setXRange(float(x.min()) - pad, float(x.max()) + pad, padding=0)
        self.money_plot.setYRange(*_with_zero(self._money), padding=0)
        self.irr_plot.setYRange(*_with_zero(self._irr), padding=0)

    def redraw(self) -> None:
        for plot, item in self._items:
            plot.removeItem(item)
        self._items = []
        studies = self.studies
        x = seconds([epoch_day(s.day) for s in studies])
        ids = np.asarray([s.study_id for s in studies], dtype=np.int64)
        npv = _millions([s.after_tax_npv for s in studies])
        capex = _millions([s.initial_capex for s in studies])
        irr = np.asarray(
            [np.nan if s.after_tax_irr_pct is None else float(s.after_tax_irr_pct) for s in studies]
        )
        self._x, self._money, self._irr = x, np.concatenate([npv, capex]), irr
        legend: list[tuple[pg.GraphicsObject, str]] = []
        money_layers: list[HitLayer] = []
        for values, style, label in ((npv, NPV, "after-tax NPV"), (capex, CAPEX, "initial capex")):
            item = self._series(self.money_plot, x, values, style)
            legend.append((item, label))
            money_layers.append(_layer(ids, x, values))
        irr_item = self._series(self.irr_plot, x, irr, IRR)
        legend.append((irr_item, "after-tax IRR"))
        self._label_studies(x, npv, capex)
        zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(colour(self.theme.muted, 140)))
        self.money_plot.addItem(zero, ignoreBounds=True)
        self._items.append((self.money_plot, zero))
        message = "" if studies else "No study of this project gives an NPV, IRR or capex"
        self.show_message(self.money_plot, message)
        self.set_hit_layers(self.money_plot, money_layers)
        self.set_hit_layers(self.irr_plot, [_layer(ids, x, irr)])
        self.fill_legend(legend)
        currencies = {s.currency for s in studies}
        unit = (
            millions_unit(next(iter(currencies)))
            if len(currencies) == 1
            else "millions, study currency"
        )
        self.money_plot.setLabel("left", f"NPV and capex ({unit})", color=self.theme.foreground)
        self.irr_plot.setLabel("left", "IRR (%)", color=self.theme.foreground)

    def _series(
        self, plot: pg.PlotItem, x: FloatArray, y: FloatArray, style: Style
    ) -> pg.PlotDataItem:
        """A line through the studies with a marker on each; gaps where a figure is missing."""
        if np.isnan(y).all():
            # No study gives this figure: draw nothing (pyqtgraph warns on an all-NaN series),
            # but keep the item so the legend still names it.
            x, y = x[:0], y[:0]
        item = pg.PlotDataItem(
            x=x,
            y=y,
            pen=pg.mkPen(colour(style.colour), width=2),
            symbol=style.symbol,
            symbolSize=MARKER_SIZE,
            symbolBrush=pg.mkBrush(colour(style.colour)),
            symbolPen=outline_pen(self.theme),
            connect="finite",
            antialias=True,
        )
        plot.addItem(item)
        self._items.append((plot, item))
        return item

    def _label_studies(self, x: FloatArray, npv: FloatArray, capex: FloatArray) -> None:
        """Name each study (PEA, PFS, ...) above its highest point: a handful of labels at most."""
        tops = np.fmax(npv, capex)  # NaN only where both figures are missing
        for index, study in enumerate(self.studies):
            top = tops[index]
            if np.isnan(top):
                continue
            label = pg.TextItem(
                SHORT_STUDY_TYPES.get(study.study_type, study.study_type),
                color=self.theme.muted,
                anchor=(0.5, 1.4),
            )
            label.setPos(float(x[index]), float(top))
            self.money_plot.addItem(label, ignoreBounds=True)
            self._items.append((self.money_plot, label))


def _rates_text(converted: ConvertedEconomics, on: date) -> str:
    """Which rates converted the studies (latest on or before ``on``), and which could not be."""
    parts = [f"Converted at {'; '.join(converted.rates.values())}"] if converted.rates else []
    if converted.rates:
        parts[0] += f" (latest rates on or before {on.isoformat()})"
    if converted.left_out:
        parts.append("Not converted, no rate: " + "; ".join(converted.left_out))
    return ". ".join(parts)


def _millions(values: list[Decimal | None]) -> FloatArray:
    return np.asarray(
        [np.nan if v is None else float(v / MILLION) for v in values], dtype=np.float64
    )


def _with_zero(values: FloatArray) -> tuple[float, float]:
    """A value range that includes zero, with room above for the study labels."""
    known = values[~np.isnan(values)]
    low = min(float(known.min()), 0.0) if len(known) else 0.0
    high = max(float(known.max()), 0.0) if len(known) else 1.0
    span = (high - low) or 1.0
    return low - 0.05 * span if low < 0 else low, high + 0.15 * span


def _layer(ids: IntArray, x: FloatArray, y: FloatArray) -> HitLayer:
    known = ~np.isnan(y)
    return HitLayer.points(RecordKind.STUDY, ids[known], x[known], y[known], radius_px=8)
