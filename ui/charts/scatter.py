"""The portfolio's study economics: after-tax NPV against initial capex, one point per project."""

from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from tracker.formatting import millions_unit
from tracker.portfolio.reporting import ReportingBook
from tracker.timeline import PortfolioEconomics, RecordKind, portfolio_economics
from tracker.timeline.economics import ConvertedPortfolio, portfolio_in_reporting_currency
from ui.charts.base import ChartBase
from ui.charts.hits import FloatArray, HitLayer
from ui.charts.items import colour, marker_sample, outline_pen
from ui.charts.palette import GREY, Style, categorical
from ui.portfolio.deck_switch import DeckSwitch

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine, Session

#: Commodities with their own colour; the rest share grey ("other").
OWN_COLOURS = 7
#: Marker diameter in pixels: MIN_SIZE for a 0 % IRR, growing with its square root.
MIN_SIZE, SIZE_RANGE, SIZE_AT_IRR = 6.0, 22.0, 100.0
NO_IRR_SIZE = 5.0
IRR_KEY = (10, 25, 50)
#: Up to this many points are labelled with their project's name.
NAMED_POINTS = 40
#: The currency choice that shows every study converted into the reporting currency.
IN_REPORTING = "reporting"


def _with_zero(values: FloatArray) -> tuple[float, float]:
    low, high = min(float(values.min()), 0.0), max(float(values.max()), 0.0)
    span = (high - low) or 1.0
    return low - 0.06 * span, high + 0.1 * span


def irr_sizes(irr_pct: FloatArray) -> FloatArray:
    """Area grows with IRR, so a 50 % project does not look ten times a 25 % one."""
    share = np.clip(np.nan_to_num(irr_pct, nan=0.0), 0, SIZE_AT_IRR) / SIZE_AT_IRR
    sizes = MIN_SIZE + SIZE_RANGE * np.sqrt(share)
    return np.where(np.isnan(irr_pct), NO_IRR_SIZE, sizes)


class PortfolioScatter(ChartBase):
    """Each project's latest study, when it gives an NPV and a capex: capex across, NPV up.

    Point size shows the after-tax IRR and colour (with shape) the primary commodity. Studies
    come in many currencies: one currency is shown at a time, or every study converted into the
    reporting currency (the last choice; the rates used are in the count's tooltip, and a
    project whose currency has no rate is left out and named there). ``set_project_ids``
    follows the main window's filter; clicking a point emits ``item_selected("study", id)``.
    """

    export_name = "portfolio-economics"
    grid_y = True

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(source, today, parent)
        self.plot = self.add_plot(pg.PlotItem(), row=0)
        self.plot.getAxis("left").setWidth(70)
        self.add_legend(row=1)
        self.currency_box = QComboBox()
        self.currency_box.currentIndexChanged.connect(self.redraw)
        # Another currency is another scale: every point of it in view.
        self.currency_box.currentIndexChanged.connect(lambda _index: self.fit_all())
        fit = QPushButton("Fit all")
        fit.clicked.connect(self.fit_all)
        self.toolbar.addWidget(fit)
        self.toolbar.addWidget(QLabel("Currency"))
        self.toolbar.addWidget(self.currency_box)
        self.deck = DeckSwitch()
        self.deck.toggled.connect(lambda _todays: self.refresh())
        self.toolbar.addWidget(self.deck)
        self.add_export_button()
        self.toolbar.addStretch(1)
        self.count_label = QLabel()
        self.toolbar.addWidget(self.count_label)
        self.project_ids: frozenset[int] | None = None
        self.data: PortfolioEconomics | None = None
        #: ``data`` in the reporting currency (None until loaded with a reporting book).
        self.converted: ConvertedPortfolio | None = None
        self._items: list[pg.GraphicsObject] = []
        self.apply_theme()
        self.redraw()

    def set_project_ids(self, project_ids: Collection[int] | None) -> None:
        self.project_ids = None if project_ids is None else frozenset(project_ids)
        self.refresh()

    def refresh(self) -> None:
        today, project_ids = self.today, self.project_ids
        deck_on = today if self.deck.todays_deck else None

        def read(session: "Session") -> tuple[PortfolioEconomics, ReportingBook]:
            reporting = ReportingBook.load(session, today)
            return portfolio_economics(session, project_ids, deck_on), reporting

        self.read_latest(read, self._landed)

    def _landed(self, found: tuple[PortfolioEconomics, ReportingBook]) -> None:
        self.set_data(*found)

    def set_data(self, data: PortfolioEconomics, reporting: ReportingBook | None = None) -> None:
        """Show ``data``, in the currency chosen before if it is still there, else the commonest;
        with ``reporting``, all of it converted into the reporting currency is a choice too."""
        self.data = data
        self.converted = (
            None if reporting is None else portfolio_in_reporting_currency(data, reporting)
        )
        previous = self.currency_box.currentData()
        counts = Counter(data.currencies.tolist())
        self.currency_box.blockSignals(True)
        self.currency_box.clear()
        for code, count in counts.most_common():
            self.currency_box.addItem(f"{code} ({count:,})", code)
        if self.converted is not None and reporting is not None:
            shown = len(self.converted.points)
            self.currency_box.addItem(
                f"all in {reporting.currency}, reporting ({shown:,})", IN_REPORTING
            )
        index = self.currency_box.findData(previous)
        self.currency_box.setCurrentIndex(index if index >= 0 else 0)
        self.currency_box.blockSignals(False)
        self.redraw()
        self.fit_all()

    @property
    def in_reporting(self) -> bool:
        return self.currency_box.currentData() == IN_REPORTING and self.converted is not None

    @property
    def currency(self) -> str | None:
        if self.in_reporting and self.converted is not None:
            codes = self.converted.points.currencies
            return str(codes[0]) if len(codes) else None
        code = self.currency_box.currentData()
        return code if isinstance(code, str) else None

    def shown(self) -> PortfolioEconomics | None:
        """The points of the chosen currency, or all of them in the reporting currency."""
        if self.in_reporting and self.converted is not None:
            return self.converted.points
        if self.data is None or self.currency is None:
            return None
        return self.data.where(self.data.currencies == self.currency)

    def fit_all(self) -> None:
        """Every point in view, with both axes starting at zero (or below, for a negative NPV)."""
        points = self.shown()
        if points is None or not len(points):
            self.plot.autoRange()
            return
        self.plot.setXRange(*_with_zero(points.capex_millions), padding=0)
        self.plot.setYRange(*_with_zero(points.npv_millions), padding=0)

    def redraw(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self._items = []
        legend: list[tuple[pg.GraphicsObject, str]] = []
        points = self.shown()
        total = 0 if self.data is None else len(self.data)
        if points is None or not len(points):
            self.set_hit_layers(self.plot, [])
            self.fill_legend(legend)
            self.count_label.setText("")
            self.show_message(
                self.plot, "No study gives both an after-tax NPV and an initial capex"
            )
            return
        self.show_message(self.plot, "")
        sizes = irr_sizes(points.irr_pct)
        for commodity, style, mask in self._commodity_groups(points):
            item = pg.ScatterPlotItem(
                x=points.capex_millions[mask],
                y=points.npv_millions[mask],
                size=sizes[mask],
                symbol=style.symbol,
                pen=outline_pen(self.theme),
                brush=pg.mkBrush(colour(style.colour, 210)),
                antialias=True,
            )
            self._add(item)
            legend.append((marker_sample(style, self.theme), commodity or "no commodity"))
        for irr in IRR_KEY:
            size = float(irr_sizes(np.array([float(irr)]))[0])
            sample = marker_sample(Style(GREY, "o"), self.theme, size=min(size, 19))
            legend.append((sample, f"IRR {irr} %"))
        if len(points) <= NAMED_POINTS:
            self._name_points(points)
        zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(colour(self.theme.muted, 140)))
        self._add(zero, ignore_bounds=True)
        self.set_hit_layers(
            self.plot,
            [
                HitLayer.points(
                    RecordKind.STUDY,
                    points.study_ids,
                    points.capex_millions,
                    points.npv_millions,
                    radius_px=8,
                )
            ],
        )
        self.fill_legend(legend)
        unit = millions_unit(self.currency)
        self.plot.setLabel("bottom", f"Initial capex ({unit})", color=self.theme.foreground)
        deck = " at today's deck" if self.deck.todays_deck else ""
        self.plot.setLabel("left", f"After-tax NPV{deck} ({unit})", color=self.theme.foreground)
        self.count_label.setText(self._count_text(len(points), total))

    def _count_text(self, shown: int, total: int) -> str:
        """How many projects are drawn, and how many are not because their latest study lacks
        an NPV or a capex (their names in the tooltip)."""
        left_out = () if self.data is None else self.data.left_out
        tips = (
            [
                f"Latest study without an after-tax NPV{self._deck_words()} or initial capex: "
                + ", ".join(left_out)
            ]
            if left_out
            else []
        )
        text = f"{shown:,} of {total:,} projects (latest study each)"
        if left_out:
            text += (
                f" · {len(left_out):,} others not shown: latest study lacks NPV"
                f"{self._deck_words()} or capex"
            )
        if self.in_reporting and self.converted is not None:
            rates = list(self.converted.rates.values())
            if rates:
                tips.insert(
                    0,
                    f"Converted at the latest rates on or before "
                    f"{self.today.isoformat()}: " + "; ".join(rates),
                )
            if self.converted.no_rate:
                text += f" · {len(self.converted.no_rate):,} without a rate"
                tips.append(
                    "No rate into the reporting currency: " + ", ".join(self.converted.no_rate)
                )
        self.count_label.setToolTip("\n".join(tips))
        return text

    def _deck_words(self) -> str:
        return " at today's deck" if self.deck.todays_deck else ""

    def _name_points(self, points: PortfolioEconomics) -> None:
        """Project names beside the points, when there are few enough to read."""
        for x, y, name in zip(
            points.capex_millions.tolist(),
            points.npv_millions.tolist(),
            points.project_names.tolist(),
            strict=True,
        ):
            # Leading spaces keep the name clear of the marker at any zoom (TextItem has no
            # offset in pixels).
            label = pg.TextItem(f"    {name}", color=self.theme.muted, anchor=(0, 0.5))
            label.setPos(x, y)
            self._add(label, ignore_bounds=True)

    def _add(self, item: pg.GraphicsObject, *, ignore_bounds: bool = False) -> None:
        self.plot.addItem(item, ignoreBounds=ignore_bounds)
        self._items.append(item)

    @staticmethod
    def _commodity_groups(
        points: PortfolioEconomics,
    ) -> list[tuple[str, Style, np.ndarray]]:
        """The commonest commodities each with a colour and shape, then the rest as "other"."""
        counts = Counter(points.commodities.tolist())
        common = [symbol for symbol, _ in counts.most_common(OWN_COLOURS)]
        groups = [
            (symbol, categorical(index), points.commodities == symbol)
            for index, symbol in enumerate(common)
        ]
        rest = ~np.isin(points.commodities, common)
        if rest.any():
            groups.append(("other", Style(GREY, "o"), rest))
        return groups
