"""Colours and marker shapes of the charts, and the light or dark theme they are drawn on.

Categorical colours are Okabe and Ito's palette, chosen to stay distinct for the common forms of
colour blindness; its black is replaced by grey so that it reads on a dark background too.
Every category also has its own marker shape, so colour is never the only cue.

Stages are eleven bands in a row, so each stage needs a colour a reader tells from the next one
at a glance; a ramp (viridis, once) made neighbours near-identical blue-greys. They take colours
of Okabe and Ito's and of Paul Tol's colour-blind-safe palettes, ordered so that stages that
follow each other differ strongly in normal vision and in protan, deutan and tritan vision, on the
light and the dark theme, and so that a deal's bar stands out on the stage band under it
(``tests/test_stage_colours.py`` measures it).
"""

from dataclasses import dataclass

from PySide6.QtGui import QPalette

from tracker.enums import DealStatus, EventKind, ObligationKind, Stage, StudyType

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"
#: The categorical colours in the order they are handed out.
CATEGORICAL = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW, GREY)
#: pyqtgraph symbol names in the order they are handed out alongside ``CATEGORICAL``.
SHAPES = ("o", "s", "t1", "d", "t", "p", "h", "star", "+", "x", "t2", "t3")


@dataclass(frozen=True)
class Style:
    """How one category is drawn: fill colour and marker shape."""

    colour: str
    symbol: str = "o"


@dataclass(frozen=True)
class Theme:
    """Background-dependent colours; markers keep their fill and take the outline from here."""

    dark: bool
    background: str
    foreground: str
    muted: str
    grid_alpha: float
    outline: str
    header_band: str


LIGHT = Theme(
    dark=False,
    background="#FFFFFF",
    foreground="#202020",
    muted="#6B6B6B",
    grid_alpha=0.15,
    outline="#303030",
    header_band="#E8E8E8",
)
DARK = Theme(
    dark=True,
    background="#1E1E1E",
    foreground="#E6E6E6",
    muted="#A0A0A0",
    grid_alpha=0.12,
    outline="#F0F0F0",
    header_band="#333333",
)


def theme_for(palette: QPalette) -> Theme:
    """The dark theme when the window colour is dark, so charts follow the desktop's palette."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


STAGE_COLOURS = {
    Stage.GRASSROOTS.value: "#4477AA",  # Tol's blue
    Stage.EXPLORATION.value: "#8D1BF7",  # violet: apart from every other stage, CVD or not
    Stage.ADVANCED_EXPLORATION.value: "#999933",  # Tol's olive
    Stage.RESOURCE_DEFINITION.value: "#66CCEE",  # Tol's cyan
    Stage.PEA.value: YELLOW,
    Stage.PFS.value: "#44AA99",  # Tol's teal
    Stage.FS.value: "#882255",  # Tol's wine
    Stage.PERMITTING.value: "#EE6677",  # Tol's red
    Stage.CONSTRUCTION.value: ORANGE,
    Stage.PRODUCTION.value: "#117733",  # Tol's green
    Stage.CARE_AND_MAINTENANCE.value: "#BBBBBB",  # idle: grey
    Stage.CLOSED.value: "#332288",  # Tol's indigo
}
DEAL_STATUS_STYLES = {
    DealStatus.PROPOSED.value: Style(GREY),
    DealStatus.LOI_SIGNED.value: Style(SKY_BLUE),
    DealStatus.DEFINITIVE.value: Style(BLUE),
    DealStatus.CLOSED.value: Style(BLUISH_GREEN),
    DealStatus.TERMINATED.value: Style(VERMILLION),
}
STUDY_STYLES = {
    StudyType.RESOURCE_ESTIMATE.value: Style(SKY_BLUE, "o"),
    StudyType.PEA.value: Style(ORANGE, "t1"),
    StudyType.PFS.value: Style(YELLOW, "s"),
    StudyType.FS.value: Style(BLUISH_GREEN, "d"),
    StudyType.UPDATED_FS.value: Style(BLUE, "star"),
}
OBLIGATION_SHAPES = {
    ObligationKind.CASH.value: "o",
    ObligationKind.SHARES.value: "s",
    ObligationKind.WORK.value: "t1",
}
#: Obligation states: due in the future, met, and overdue (which also gets a larger marker).
PENDING, MET, OVERDUE = "due", "met", "overdue"
OBLIGATION_STATE_COLOURS = {PENDING: BLUE, MET: GREY, OVERDUE: VERMILLION}
EVENT_STYLES = {
    EventKind.DRILL_RESULT.value: Style(ORANGE, "o"),
    EventKind.RESOURCE_UPDATE.value: Style(BLUISH_GREEN, "s"),
    EventKind.STUDY.value: Style(SKY_BLUE, "d"),
    EventKind.DEAL.value: Style(REDDISH_PURPLE, "star"),
    EventKind.PERMIT.value: Style(YELLOW, "t1"),
    EventKind.FINANCING.value: Style(BLUE, "h"),
    EventKind.CORPORATE.value: Style(REDDISH_PURPLE, "p"),
    EventKind.POLICY.value: Style(VERMILLION, "t"),
    EventKind.NEWS.value: Style(GREY, "x"),
    EventKind.OTHER.value: Style(GREY, "+"),
}
GLOBAL_EVENT_COLOUR = REDDISH_PURPLE
FALLBACK = Style(GREY, "o")


def categorical(index: int) -> Style:
    """The ``index``-th colour and shape pair; pairs repeat only after 8 x 12 categories."""
    return Style(CATEGORICAL[index % len(CATEGORICAL)], SHAPES[index % len(SHAPES)])
