"""Portfolio ▸ Screening: the commodity and country filters show their whole text."""

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from tests.test_portfolio_gui import panel, show_tab  # noqa: F401  (the panel fixture)
from ui.portfolio.panel import PortfolioPanel

pytestmark = pytest.mark.gui


def text_fits(box: QComboBox, text: str) -> bool:
    edit = box.lineEdit()
    assert edit is not None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right()
    return edit.fontMetrics().horizontalAdvance(text) <= room


def test_the_commodity_and_country_filters_are_not_clipped(
    qtbot: QtBot,
    panel: PortfolioPanel,  # noqa: F811
) -> None:
    view = panel.screening
    show_tab(qtbot, panel, view)
    for box, first in ((view.commodity, "any commodity"), (view.country, "any country")):
        assert box.currentText() == first
        texts = [box.itemText(index) for index in range(box.count())]
        assert len(texts) > 1

        def fits(box: QComboBox = box, texts: list[str] = texts) -> bool:
            return all(text_fits(box, text) for text in texts)

        # The layout follows the new choices once its posted request is handled.
        qtbot.waitUntil(fits, timeout=3000)
