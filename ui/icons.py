"""Icons drawn from the SVGs in ``resources/icons``, in the colour of the current palette.

The outline icons are written with ``stroke="currentColor"``; each is rendered with the
palette's text colour so it reads on light and dark themes alike, at several sizes and at
twice the pixel density so it stays sharp at 200 % scaling.
"""

from functools import cache
from importlib import resources
from importlib.abc import Traversable

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48)
RATIOS = (1.0, 2.0)


@cache
def _folder() -> Traversable:
    return resources.files("resources.icons")


@cache
def svg_source(name: str) -> bytes:
    return _folder().joinpath(f"{name}.svg").read_bytes()


def text_color() -> str:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


def icon(name: str) -> QIcon:
    """The icon ``name`` (file name without ``.svg``) in the current text colour."""
    return _icon(name, text_color())


@cache
def _icon(name: str, color: str) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg_source(name).replace(b"currentColor", color.encode())))
    result = QIcon()
    for size in SIZES:
        for ratio in RATIOS:
            pixels = round(size * ratio)
            pixmap = QPixmap(pixels, pixels)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, pixels, pixels))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            result.addPixmap(pixmap)
    return result
