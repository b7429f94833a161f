"""Stage colours a reader tells apart, colour-blind or not, on the light and the dark theme; and
a legend worded one way.

Colours are compared as drawn: the portfolio timeline's translucent band over the theme's
background, seen with normal vision and with the three kinds of dichromacy (Machado, Oliveira and
Fernandes 2009, full severity), as CIELAB distances (CIE76 delta E; about 2 is just noticeable,
10 and more tells categories apart at a glance).
"""

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tracker.enums import Stage
from ui.charts import palette
from ui.charts.portfolio_timeline import STAGE_ALPHA_DARK, STAGE_ALPHA_LIGHT, PortfolioTimeline

Matrix = tuple[tuple[float, float, float], ...]
#: Linear-RGB simulation matrices of Machado et al. (2009) at severity 1.0.
VISION: dict[str, Matrix] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
THEMES = ((palette.LIGHT, STAGE_ALPHA_LIGHT), (palette.DARK, STAGE_ALPHA_DARK))
Lab = tuple[float, float, float]


def _channels(hex_colour: str) -> list[float]:
    return [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def seen(hex_colour: str, background: str, alpha: int, vision: Matrix) -> Lab:
    """CIELAB (D65) of ``hex_colour`` at ``alpha`` over ``background``, as ``vision`` sees it."""
    share = alpha / 255
    mixed = [
        front * share + back * (1 - share)
        for front, back in zip(_channels(hex_colour), _channels(background), strict=True)
    ]
    rgb = [_linear(channel) for channel in mixed]
    r, g, b = (min(max(sum(m * c for m, c in zip(row, rgb, strict=True)), 0), 1) for row in vision)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def delta_e(one: Lab, other: Lab) -> float:
    return float(sum((a - b) ** 2 for a, b in zip(one, other, strict=True)) ** 0.5)


def stage_colours() -> list[str]:
    return [palette.STAGE_COLOURS[stage.value] for stage in Stage]


def closest(
    pairs: Sequence[tuple[int, int]], colours: list[str], theme: Any, alpha: int, vision: Matrix
) -> tuple[float, str]:
    drawn = [seen(colour, theme.background, alpha, vision) for colour in colours]
    stages = [stage.value for stage in Stage]
    return min((delta_e(drawn[i], drawn[j]), f"{stages[i]} / {stages[j]}") for i, j in pairs)


def test_the_delta_e_of_known_colours() -> None:
    """The measure itself: white to black is 100, a colour to itself 0."""
    normal = VISION["normal"]
    assert delta_e(
        seen("#FFFFFF", "#000000", 255, normal), seen("#000000", "#FFFFFF", 255, normal)
    ) == (pytest.approx(100, abs=0.01))
    # Red and green, far apart for most readers, nearly meet for a deuteranope.
    red, green = "#D00000", "#008000"
    apart = delta_e(seen(red, "#FFFFFF", 255, normal), seen(green, "#FFFFFF", 255, normal))
    deutan = VISION["deuteranopia"]
    close = delta_e(seen(red, "#FFFFFF", 255, deutan), seen(green, "#FFFFFF", 255, deutan))
    assert apart > 60 and close < apart / 3


@pytest.mark.parametrize("vision", list(VISION))
@pytest.mark.parametrize("theme, alpha", THEMES, ids=["light", "dark"])
def test_stages_that_follow_each_other_look_different(vision: str, theme: Any, alpha: int) -> None:
    colours = stage_colours()
    neighbours = [(i, i + 1) for i in range(len(colours) - 1)]
    distance, which = closest(neighbours, colours, theme, alpha, VISION[vision])
    assert distance >= 15, f"{which}: delta E {distance:.1f} in {vision} vision"


@pytest.mark.parametrize("theme, alpha", THEMES, ids=["light", "dark"])
def test_every_stage_has_a_colour_of_its_own(theme: Any, alpha: int) -> None:
    colours = stage_colours()
    assert len(set(colours)) == len(colours)
    pairs = list(combinations(range(len(colours)), 2))
    distance, which = closest(pairs, colours, theme, alpha, VISION["normal"])
    assert distance >= 20, f"{which}: delta E {distance:.1f}"
    for vision in ("protanopia", "deuteranopia", "tritanopia"):
        distance, which = closest(pairs, colours, theme, alpha, VISION[vision])
        assert distance >= 7, f"{which}: delta E {distance:.1f} in {vision} vision"


@pytest.mark.parametrize("theme, alpha", THEMES, ids=["light", "dark"])
def test_every_stage_stands_out_from_the_background(theme: Any, alpha: int) -> None:
    for vision in VISION.values():
        ground = seen(theme.background, theme.background, 255, vision)
        for colour in stage_colours():
            assert delta_e(seen(colour, theme.background, alpha, vision), ground) >= 15


@pytest.mark.parametrize("theme, alpha", THEMES, ids=["light", "dark"])
def test_a_deal_bar_stands_out_on_the_stage_band_under_it(theme: Any, alpha: int) -> None:
    normal = VISION["normal"]
    deals = {
        status: style.colour
        for status, style in palette.DEAL_STATUS_STYLES.items()
        if style.colour != palette.GREY  # a proposed deal: grey, like nothing decided yet
    }
    for stage, colour in palette.STAGE_COLOURS.items():
        band = seen(colour, theme.background, alpha, normal)
        for status, deal in deals.items():
            distance = delta_e(band, seen(deal, theme.background, 255, normal))
            assert distance >= 15, f"{status} deal on {stage}: delta E {distance:.1f}"


@pytest.mark.gui
def test_the_legend_is_worded_one_way(qtbot: QtBot, demo: Engine) -> None:
    chart = PortfolioTimeline(demo)
    qtbot.addWidget(chart)
    chart.refresh()
    labels = [label.text for _sample, label in chart.legend.items]
    assert "resource estimate" in labels and "updated FS study" in labels
    assert "PEA study" in labels and "FS study" in labels
    assert "Resource estimate" not in labels and "Updated FS" not in labels
    for label in labels:
        first = label.split()[0].split("/")[0]  # "PEA/scoping" begins with an acronym
        assert first.islower() or first.isupper(), f"{label!r} is capitalised unlike the rest"
