"""Write a chart's canvas to a file: PNG through pyqtgraph, SVG through Qt's SVG writer."""

from pathlib import Path

from pyqtgraph import exporters
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene


def export_png(scene: QGraphicsScene, path: Path, width: int | None = None) -> Path:
    """The canvas as it is shown; ``width`` enlarges it (markers and lines scale along)."""
    exporter = exporters.ImageExporter(scene)
    if width is not None:
        exporter.parameters()["width"] = width
    exporter.export(str(path))
    return path


class SvgExporter(exporters.Exporter):  # type: ignore[misc]
    """The canvas as vector SVG, rendered straight into Qt's QSvgGenerator.

    pyqtgraph's own SVGExporter re-parses the path data Qt writes and fails on the closing
    ``Z`` that Qt 6.10 and later emit (pyqtgraph issue #3485), for any plot. This exporter does
    what pyqtgraph's image exporter does, with an SVG device: items are switched to export
    mode, so markers are drawn as shapes rather than stamped bitmaps, and only what is inside
    the view is written.
    """

    Name = "SVG (Qt)"

    def parameters(self) -> None:
        return None

    def export(self, file_name: str | None = None, *_formats: object) -> None:
        """Write the SVG file (pyqtgraph's other outputs, bytes and clipboard, are not offered)."""
        if file_name is None:
            raise ValueError("SvgExporter writes to a file; pass its name")
        source = self.getSourceRect()
        width, height = round(source.width()), round(source.height())
        generator = QSvgGenerator()
        generator.setFileName(file_name)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setTitle("Mining Project Tracker chart")
        background = self._background()
        painter = QPainter(generator)
        try:
            self.setExportMode(
                True,
                {
                    "antialias": True,
                    "background": background,
                    "painter": painter,
                    "resolutionScale": 1.0,
                },
            )
            target = QRectF(0, 0, width, height)
            painter.fillRect(target, background)
            self.getScene().render(painter, target, QRectF(source))
        finally:
            self.setExportMode(False)
            painter.end()

    def _background(self) -> QColor:
        views = self.getScene().views()
        return views[0].backgroundBrush().color() if views else QColor("white")


def export_svg(scene: QGraphicsScene, path: Path) -> Path:
    SvgExporter(scene).export(str(path))
    return path
