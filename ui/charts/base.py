"""What every chart shares: the plot canvas, theme, legend, hover, click-to-select and export."""

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tracker.timeline import describe
from ui.charts.export import export_png, export_svg
from ui.charts.hits import Hit, HitLayer, hit_test
from ui.charts.items import StaticSample, colour
from ui.charts.palette import Theme, theme_for
from ui.data.inline import Cancellable, Reads, reads_of

if TYPE_CHECKING:
    from ui.data import Gateway
    from ui.data.gateway import Engine, Session

T = TypeVar("T")

#: Asks where to save an export, given a suggested file name; None when the user cancels.
PathChooser = Callable[[QWidget, str], Path | None]


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    suffix = Path(suggested).suffix.lstrip(".").upper()
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export chart", suggested, f"{suffix} image (*.{suffix.lower()})"
    )
    return Path(name) if name else None


class ChartBase(QWidget):
    """A chart of batched items with hover text, selection by click, a legend and export.

    Subclasses draw into plots registered with ``add_plot`` and describe their hit layers with
    ``set_hit_layers``; clicking an item emits ``item_selected(kind, record_id)``. Their data
    comes from ``read_latest``: through the window's gateway (off the GUI thread, drawn when it
    lands), or at once from a bare engine (a chart on its own: screenshots, tests).
    """

    item_selected = Signal(str, int)
    #: The hover text whenever it changes ('' when the pointer leaves every item).
    hover_changed = Signal(str)

    export_name = "chart"
    #: Horizontal grid lines help read values off a value axis, not off a list of rows.
    grid_y = False

    def __init__(
        self,
        source: "Gateway | Engine | None" = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_source: Reads | None = reads_of(source)
        self._reading: Cancellable | None = None
        self._describing: Cancellable | None = None
        self._today = today
        self.theme: Theme = theme_for(self.palette())
        self.choose_path: PathChooser = ask_save_path
        self.hover_text = ""
        self._hovered: Hit | None = None
        self._describe_cache: dict[tuple[str, int], str] = {}
        self._layers: dict[pg.PlotItem, list[HitLayer]] = {}
        self._rings: dict[pg.PlotItem, tuple[pg.ScatterPlotItem, pg.ScatterPlotItem]] = {}
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(4, 2, 4, 0)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setMinimumSize(320, 200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.toolbar)
        self.body = QHBoxLayout()
        self.body.setSpacing(0)
        self.body.addWidget(self.view, 1)
        layout.addLayout(self.body, 1)
        scene = self.view.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self._legend_labels: tuple[str, ...] = ()
        self.legend = pg.LegendItem(
            colCount=6, labelTextSize="8pt", horSpacing=4, sampleType=StaticSample
        )
        # The legend changes only with the data: repaint it from a bitmap while panning.
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # -- set-up -------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    def add_plot(self, plot: pg.PlotItem, row: int, col: int = 0) -> pg.PlotItem:
        """Place ``plot`` on the canvas, with the rings that show the hovered and chosen item."""
        plot.setMenuEnabled(False)
        plot.hideButtons()
        self.view.addItem(plot, row=row, col=col)
        hover_ring = pg.ScatterPlotItem(size=18, symbol="o", pxMode=True, antialias=True)
        chosen_ring = pg.ScatterPlotItem(size=22, symbol="o", pxMode=True, antialias=True)
        for ring in (hover_ring, chosen_ring):
            ring.setZValue(1000)
            plot.addItem(ring, ignoreBounds=True)
        self._rings[plot] = (hover_ring, chosen_ring)
        self._layers[plot] = []
        return plot

    def add_legend(self, row: int) -> None:
        self.view.addItem(self.legend, row=row, col=0)

    def add_export_button(self) -> None:
        button = QToolButton()
        button.setText("Export")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, suffix in (("Export PNG…", "png"), ("Export SVG…", "svg")):
            action = QAction(label, menu)
            action.triggered.connect(lambda _=False, s=suffix: self.ask_and_export(s))
            menu.addAction(action)
        button.setMenu(menu)
        self.toolbar.addWidget(button)

    def fill_legend(self, entries: list[tuple[pg.GraphicsObject, str]]) -> None:
        """Replace the legend's entries and make the canvas lay it out again below the plot.

        A legend with the same labels is kept as it is: rebuilding 35 labels costs more than
        drawing 100,000 markers.
        """
        labels = tuple(label for _, label in entries)
        if labels == self._legend_labels and self.legend.items:
            return
        self._legend_labels = labels
        self.legend.clear()
        for sample, label in entries:
            self.legend.addItem(sample, label)
        layout = self.view.ci.layout
        layout.invalidate()
        layout.activate()

    def show_message(self, plot: pg.PlotItem, text: str) -> None:
        """A line above the plot saying why it is empty ('' removes it)."""
        if text:
            plot.setTitle(text, color=self.theme.muted, size="10pt")
        else:
            plot.setTitle(None)

    def plots(self) -> list[pg.PlotItem]:
        return list(self._layers)

    # -- theme --------------------------------------------------------------------------------

    def apply_theme(self) -> None:
        """Colour canvas, axes and legend for the theme; subclasses redraw their items."""
        theme = self.theme
        self.view.setBackground(theme.background)
        for plot in self.plots():
            for name in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(name)
                axis.setPen(pg.mkPen(theme.muted))
                axis.setTextPen(pg.mkPen(theme.foreground))
            plot.showGrid(x=True, y=self.grid_y, alpha=theme.grid_alpha)
            hover_ring, chosen_ring = self._rings[plot]
            hover_ring.setPen(pg.mkPen(colour(theme.foreground, 150), width=1.5))
            hover_ring.setBrush(pg.mkBrush(None))
            chosen_ring.setPen(pg.mkPen(theme.foreground, width=2.5))
            chosen_ring.setBrush(pg.mkBrush(None))
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setPen(pg.mkPen(None))
        self.legend.setBrush(pg.mkBrush(None))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            theme = theme_for(self.palette())
            if theme != self.theme:
                self.theme = theme
                self._legend_labels = ()  # same labels, new outlines: rebuild the legend
                self.apply_theme()
                self.redraw()
        super().changeEvent(event)

    def redraw(self) -> None:
        """Rebuild the items from the data already loaded (subclasses)."""

    # -- hover and click ----------------------------------------------------------------------

    def set_hit_layers(self, plot: pg.PlotItem, layers: list[HitLayer]) -> None:
        self._layers[plot] = layers
        self._describe_cache.clear()
        self._show_ring(plot, None, chosen=False)
        self._show_ring(plot, None, chosen=True)

    def shown_ids(self, kind: str) -> list[int]:
        """The record ids of ``kind`` on the chart, as hover and click know them."""
        return [
            int(record_id)
            for layers in self._layers.values()
            for layer in layers
            if layer.kind == kind
            for record_id in layer.ids.tolist()
        ]

    def hit_at(self, scene_pos: QPointF) -> tuple[pg.PlotItem, Hit] | None:
        """The item under a scene position, if any."""
        for plot, layers in self._layers.items():
            box = plot.getViewBox()
            if not layers or not box.sceneBoundingRect().contains(scene_pos):
                continue
            point = box.mapSceneToView(scene_pos)
            pixel_w, pixel_h = box.viewPixelSize()
            hit = hit_test(layers, point.x(), point.y(), pixel_w, pixel_h)
            if hit is not None:
                return plot, hit
        return None

    def read_latest(self, job: "Callable[[Session], T]", on_done: Callable[[T], None]) -> bool:
        """Read the chart's data; a read still out for older data is cancelled. False when
        there is nothing to read from (no database yet)."""
        if self.data_source is None:
            return False
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self.data_source.read(job, on_done)
        return True

    def _describe(self, hit: Hit) -> None:
        """Hover text of a hit item, read once (off the GUI thread in the window) and then
        remembered; shown if the pointer is still on the item when it lands."""
        key = (hit.kind, hit.record_id)
        if key in self._describe_cache:
            self._show_hover(self._describe_cache[key])
            return
        if self.data_source is None:
            self._show_hover("")
            return
        if self._describing is not None:
            self._describing.cancel()
        kind, record_id, today = hit.kind, hit.record_id, self.today

        def described(text: str) -> None:
            self._describe_cache[key] = text
            hovered = self._hovered
            if hovered is not None and (hovered.kind, hovered.record_id) == key:
                self._show_hover(text)

        self._describing = self.data_source.read(
            lambda session: describe(session, kind, record_id, today), described
        )

    def _show_hover(self, text: str) -> None:
        self.hover_text = text
        if text:
            QToolTip.showText(QCursor.pos(), text, self.view)
        else:
            QToolTip.hideText()
        self.hover_changed.emit(text)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        found = self.hit_at(scene_pos)
        hit = found[1] if found else None
        if (hit and hit[:2]) == (self._hovered and self._hovered[:2]):
            return
        self._hovered = hit
        for plot in self.plots():
            self._show_ring(plot, hit if found and found[0] is plot else None, chosen=False)
        if hit is None:
            self._show_hover("")
        else:
            self._describe(hit)

    def _on_mouse_clicked(self, event: object) -> None:
        button = getattr(event, "button", lambda: None)()
        if button != Qt.MouseButton.LeftButton or getattr(event, "double", lambda: False)():
            return
        found = self.hit_at(event.scenePos())  # type: ignore[attr-defined]
        if found is None:
            return
        plot, hit = found
        for other in self.plots():
            self._show_ring(other, hit if other is plot else None, chosen=True)
        self.item_selected.emit(hit.kind, hit.record_id)

    def _show_ring(self, plot: pg.PlotItem, hit: Hit | None, *, chosen: bool) -> None:
        ring = self._rings[plot][1 if chosen else 0]
        if hit is None or not (math.isfinite(hit.x) and math.isfinite(hit.y)):
            ring.setData(x=[], y=[])
        else:
            ring.setData(x=[hit.x], y=[hit.y])

    # -- export -------------------------------------------------------------------------------

    def export_png(self, path: Path, width: int | None = None) -> Path:
        """Write the chart as it is shown (legend included) as a PNG image."""
        return export_png(self.view.scene(), path, width)

    def export_svg(self, path: Path) -> Path:
        """Write the chart as it is shown as SVG; only items inside the view are written."""
        return export_svg(self.view.scene(), path)

    def ask_and_export(self, suffix: str) -> Path | None:
        path = self.choose_path(self, f"{self.export_name}.{suffix}")
        if path is None:
            return None
        if path.suffix.lower() != f".{suffix}":
            path = path.with_suffix(f".{suffix}")
        return self.export_png(path) if suffix == "png" else self.export_svg(path)
