"""Batched graphics items: one pyqtgraph item per lane or category, never one per record.

One item per event took 6-14 s for 10,000 events; one item per kind draws 100,000 in a fraction
of a second, and each repaint only visits what is inside the view.
"""

from typing import Any

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol, renderSymbol
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPixmap

from ui.charts.hits import FloatArray
from ui.charts.palette import Style, Theme


def colour(hex_colour: str, alpha: int = 255) -> QColor:
    value = QColor(hex_colour)
    value.setAlpha(alpha)
    return value


def outline_pen(theme: Theme, width: float = 1.0, alpha: int = 170) -> object:
    """A thin outline in the theme's ink, so that yellow reads on white and blue on black."""
    return pg.mkPen(colour(theme.outline, alpha), width=width)


class MarkerLayer(pg.GraphicsObject):  # type: ignore[misc]
    """Many markers of one style: the symbol is drawn once, then stamped at each visible point.

    pyqtgraph's ScatterPlotItem keeps a record (with Python objects) per spot, which costs a
    quarter of a second to build for 100,000 events; this item keeps two float arrays, and a
    repaint only visits the points inside the view. Exports (SVG, PNG) draw vector symbols.
    """

    def __init__(
        self, x: FloatArray, y: FloatArray, symbol: str, size: float, pen: Any, brush: Any
    ) -> None:
        super().__init__()
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.symbol, self.size, self.pen, self.brush = symbol, size, pen, brush
        self._stamps: dict[float, QPixmap] = {}
        self._bounds = _bounds(self.x, self.x, self.y, self.y)

    def __len__(self) -> int:
        return len(self.x)

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: Any = None) -> Any:  # noqa: N803
        if not len(self.x):
            return (None, None)
        values = self.x if axis == 0 else self.y
        return (float(values.min()), float(values.max()))

    def pixelPadding(self) -> float:
        return self.size / 2 + 1

    def _padding(self) -> tuple[float, float]:
        """Half a marker, in data units along x and y."""
        px, py = self.pixelVectors()
        reach = self.pixelPadding()
        return (
            0.0 if px is None else px.length() * reach,
            0.0 if py is None else py.length() * reach,
        )

    def boundingRect(self) -> QRectF:
        if not len(self.x):
            return QRectF()
        # A single marker has a zero-sized data rectangle: the padding gives it its size.
        pad_x, pad_y = self._padding()
        return self._bounds.adjusted(-pad_x, -pad_y, pad_x, pad_y)

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def visible_indices(self) -> npt.NDArray[np.intp]:
        view = self.viewRect()
        if view is None or not len(self.x):
            return np.empty(0, dtype=np.intp)
        pad_x, pad_y = self._padding()
        left, right = sorted((view.left(), view.right()))
        top, bottom = sorted((view.top(), view.bottom()))
        inside = (
            (self.x >= left - pad_x)
            & (self.x <= right + pad_x)
            & (self.y >= top - pad_y)
            & (self.y <= bottom + pad_y)
        )
        return np.flatnonzero(inside)

    def paint(self, painter: QPainter, _option: Any, widget: Any = None) -> None:
        visible = self.visible_indices()
        if not len(visible):
            return
        transform = painter.transform()
        x, y = self.x[visible], self.y[visible]
        device_x = transform.m11() * x + transform.m21() * y + transform.dx()
        device_y = transform.m12() * x + transform.m22() * y + transform.dy()
        painter.save()
        painter.resetTransform()
        if self._exportOpts is not False:
            self._paint_vectors(painter, device_x.tolist(), device_y.tolist())
        else:
            ratio = widget.devicePixelRatioF() if widget is not None else 1.0
            stamp = self._stamp(ratio)
            # Whole pixels: the integer overload is the cheapest call, and stamps stay crisp.
            lefts = np.rint(device_x - stamp.width() / ratio / 2).astype(np.int64).tolist()
            tops = np.rint(device_y - stamp.height() / ratio / 2).astype(np.int64).tolist()
            draw = painter.drawPixmap
            for left, top in zip(lefts, tops, strict=True):
                draw(left, top, stamp)
        painter.restore()

    def _paint_vectors(self, painter: QPainter, xs: list[float], ys: list[float]) -> None:
        """Real shapes for exports, scaled like the rest of an enlarged image."""
        scale = float(self._exportOpts.get("resolutionScale", 1.0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for px, py in zip(xs, ys, strict=True):
            painter.resetTransform()
            painter.translate(px, py)
            drawSymbol(painter, self.symbol, self.size * scale, self.pen, self.brush)

    def _stamp(self, ratio: float) -> QPixmap:
        if ratio not in self._stamps:
            image = renderSymbol(self.symbol, self.size, self.pen, self.brush, dpr=ratio)
            self._stamps[ratio] = QPixmap.fromImage(image)
        return self._stamps[ratio]


def _bounds(x0: FloatArray, x1: FloatArray, y0: FloatArray, y1: FloatArray) -> QRectF:
    if not len(x0):
        return QRectF()
    left, top = float(x0.min()), float(y0.min())
    return QRectF(left, top, float(x1.max()) - left, float(y1.max()) - top)


def marker_paint(
    style: Style, theme: Theme, *, hollow: bool = False, pen_width: float = 1.0
) -> tuple[Any, Any]:
    """Pen and brush of a marker: filled with a thin outline, or hollow in its own colour."""
    if hollow:
        pen = pg.mkPen(colour(style.colour), width=max(pen_width, 1.5))
        return pen, pg.mkBrush(colour(theme.background, 0))
    return outline_pen(theme, pen_width), pg.mkBrush(colour(style.colour))


def markers(
    x: FloatArray,
    y: FloatArray,
    style: Style,
    theme: Theme,
    *,
    size: float = 9,
    hollow: bool = False,
    pen_width: float = 1.0,
) -> MarkerLayer:
    """All markers of one category in one item."""
    pen, brush = marker_paint(style, theme, hollow=hollow, pen_width=pen_width)
    return MarkerLayer(x, y, style.symbol, size, pen, brush)


class CulledBars(pg.GraphicsObject):  # type: ignore[misc]
    """Rectangles of one colour that paint only those inside the view.

    pyqtgraph's BarGraphItem draws every rectangle on every repaint; with 20,000 stage bands
    and a few dozen rows on screen, culling first makes a pan several times cheaper.
    """

    def __init__(
        self, x0: FloatArray, x1: FloatArray, y0: FloatArray, y1: FloatArray, brush: Any, pen: Any
    ) -> None:
        super().__init__()
        self.x0, self.x1 = np.asarray(x0, np.float64), np.asarray(x1, np.float64)
        self.y0, self.y1 = np.asarray(y0, np.float64), np.asarray(y1, np.float64)
        self.brush = brush
        self.pen = pen
        self._bounds = _bounds(self.x0, self.x1, self.y0, self.y1)

    def __len__(self) -> int:
        return len(self.x0)

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: Any = None) -> Any:  # noqa: N803
        if not len(self.x0):
            return (None, None)
        if axis == 0:
            return (float(self.x0.min()), float(self.x1.max()))
        return (float(self.y0.min()), float(self.y1.max()))

    def visible_indices(self) -> npt.NDArray[np.intp]:
        view = self.viewRect()
        if view is None:
            return np.arange(len(self.x0))
        left, right = sorted((view.left(), view.right()))
        top, bottom = sorted((view.top(), view.bottom()))
        inside = (self.x1 >= left) & (self.x0 <= right) & (self.y1 >= top) & (self.y0 <= bottom)
        return np.flatnonzero(inside)

    def paint(self, painter: QPainter, *_args: Any) -> None:
        visible = self.visible_indices()
        if not len(visible):
            return
        painter.setPen(self.pen)
        painter.setBrush(self.brush)
        x0, y0 = self.x0[visible].tolist(), self.y0[visible].tolist()
        widths = (self.x1[visible] - self.x0[visible]).tolist()
        heights = (self.y1[visible] - self.y0[visible]).tolist()
        painter.drawRects(
            [QRectF(x, y, w, h) for x, y, w, h in zip(x0, y0, widths, heights, strict=True)]
        )


def bars(
    x0: FloatArray,
    x1: FloatArray,
    y0: FloatArray,
    y1: FloatArray,
    fill: str,
    *,
    alpha: int = 255,
    pen: Any = None,
) -> CulledBars:
    """Rectangles of one colour in one item."""
    return CulledBars(x0, x1, y0, y1, pg.mkBrush(colour(fill, alpha)), pg.mkPen(pen))


def vertical_lines(
    x: FloatArray, y_top: float, y_bottom: float, hex_colour: str
) -> pg.PlotCurveItem:
    """Many vertical lines as one path of disconnected segments."""
    xs = np.repeat(x, 2)
    ys = np.tile(np.array([y_top, y_bottom], dtype=np.float64), len(x))
    # A solid pen: Qt lays a dash pattern along the whole line, far outside the view.
    pen = pg.mkPen(colour(hex_colour, 150), width=1)
    return pg.PlotCurveItem(x=xs, y=ys, connect="pairs", pen=pen)


class StaticSample(pg.ItemSample):  # type: ignore[misc]
    """A legend sample that stays put when clicked: one entry may stand for several items."""

    def mouseClickEvent(self, event: object) -> None:
        event.ignore()  # type: ignore[attr-defined]


def bar_sample(fill: str, alpha: int = 255) -> pg.BarGraphItem:
    """An item that only shows a colour swatch in the legend."""
    return pg.BarGraphItem(
        x0=[], x1=[], y0=[], y1=[], brush=pg.mkBrush(colour(fill, alpha)), pen=None
    )


def marker_sample(
    style: Style, theme: Theme, *, size: float = 10, hollow: bool = False
) -> pg.ScatterPlotItem:
    """An item that only shows a marker in the legend."""
    pen, brush = marker_paint(style, theme, hollow=hollow)
    return pg.ScatterPlotItem(symbol=style.symbol, size=size, pen=pen, brush=brush, antialias=True)
