"""Draw timeline lanes as batched items, with their legend entries and hit layers.

Both timelines use these: the project timeline gives each lane its own row, the portfolio
timeline puts every lane of a project on that project's row. ``y`` holds each item's row.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg

from tracker.enums import ObligationKind, Stage, StudyType
from tracker.timeline import Marks, Spans
from tracker.timeline.columns import StrArray
from ui.charts.hits import FloatArray, HitLayer
from ui.charts.items import bar_sample, bars, colour, marker_sample, markers, outline_pen
from ui.charts.palette import (
    DEAL_STATUS_STYLES,
    FALLBACK,
    GLOBAL_EVENT_COLOUR,
    GREY,
    MET,
    OBLIGATION_SHAPES,
    OBLIGATION_STATE_COLOURS,
    OVERDUE,
    PENDING,
    STAGE_COLOURS,
    Style,
    Theme,
)
from ui.charts.timechart import seconds

#: Legend names of study types, worded like the legend's other entries (lower case): "PEA study"
#: rather than a bare "PEA", which reads as an event.
STUDY_LABELS = {
    StudyType.RESOURCE_ESTIMATE.value: "resource estimate",
    StudyType.PEA.value: "PEA study",
    StudyType.PFS.value: "PFS study",
    StudyType.FS.value: "FS study",
    StudyType.UPDATED_FS.value: "updated FS study",
}

#: Legend names of event kinds, where the bare kind would be mistaken for another lane.
EVENT_LABELS = {"study": "study news"}


@dataclass
class Drawn:
    """What drawing a lane produced: items to add, legend entries, and where its items are."""

    items: list[pg.GraphicsObject] = field(default_factory=list)
    legend: list[tuple[pg.GraphicsObject, str]] = field(default_factory=list)
    layers: list[HitLayer] = field(default_factory=list)

    def extend(self, other: "Drawn") -> None:
        self.items += other.items
        self.legend += other.legend
        self.layers += other.layers


def ordered_categories(present: StrArray, known: Iterable[str]) -> list[str]:
    """The categories that occur, in vocabulary order, followed by any unknown ones."""
    found = set(present.tolist())
    order = [category for category in known if category in found]
    return order + sorted(found - set(order))


def stage_bands(spans: Spans, y: FloatArray, half: float, alpha: int = 255) -> Drawn:
    """Bands coloured along the stage order (one item per stage)."""
    drawn = Drawn()
    if not len(spans):
        return drawn
    x0 = seconds(spans.starts)
    x1 = seconds(np.maximum(spans.ends, spans.starts + 1))
    for stage in ordered_categories(spans.categories, (s.value for s in Stage)):
        mask = spans.categories == stage
        fill = STAGE_COLOURS.get(stage, GREY)
        drawn.items.append(
            bars(x0[mask], x1[mask], y[mask] - half, y[mask] + half, fill, alpha=alpha)
        )
        drawn.legend.append((bar_sample(fill, alpha), stage))
    drawn.layers.append(HitLayer.bars(spans.kind, spans.ids, x0, x1, y, half))
    return drawn


def deal_bars(spans: Spans, y: FloatArray, half: float, theme: Theme) -> Drawn:
    """Deals coloured by status; open deals (still running today) are see-through, outlined.

    See-through is paler on white but darker on black, so open deals are less transparent there.
    """
    drawn = Drawn()
    if not len(spans):
        return drawn
    x0 = seconds(spans.starts)
    x1 = seconds(np.maximum(spans.ends, spans.starts + 1))
    for status in ordered_categories(spans.categories, DEAL_STATUS_STYLES):
        fill = DEAL_STATUS_STYLES.get(status, FALLBACK).colour
        for ongoing in (False, True):
            mask = (spans.categories == status) & (spans.ongoing == ongoing)
            if not mask.any():
                continue
            pen = pg.mkPen(colour(fill), width=1.5) if ongoing else outline_pen(theme, 1, 90)
            drawn.items.append(
                bars(
                    x0[mask],
                    x1[mask],
                    y[mask] - half,
                    y[mask] + half,
                    fill,
                    alpha=(170 if theme.dark else 110) if ongoing else 255,
                    pen=pen,
                )
            )
        drawn.legend.append((bar_sample(fill), f"deal {status}"))
    drawn.layers.append(HitLayer.bars(spans.kind, spans.ids, x0, x1, y, half))
    return drawn


def category_marks(
    marks: Marks,
    y: FloatArray,
    styles: Mapping[str, Style],
    theme: Theme,
    *,
    size: float,
    labels: Mapping[str, str] | None = None,
) -> Drawn:
    """One item per category (study type, event kind) with its own colour and shape."""
    drawn = Drawn()
    if not len(marks):
        return drawn
    x = seconds(marks.days)
    for category in ordered_categories(marks.categories, styles):
        mask = marks.categories == category
        style = styles.get(category, FALLBACK)
        drawn.items.append(markers(x[mask], y[mask], style, theme, size=size))
        label = (labels or {}).get(category, category)
        drawn.legend.append((marker_sample(style, theme), label))
    drawn.layers.append(HitLayer.points(marks.kind, marks.ids, x, y, radius_px=size / 2 + 2))
    return drawn


def obligation_marks(marks: Marks, y: FloatArray, theme: Theme, *, size: float) -> Drawn:
    """Shape by kind (cash, shares, work), colour by state; overdue ones larger, boldly outlined."""
    drawn = Drawn()
    if not len(marks):
        return drawn
    x = seconds(marks.days)
    states = np.where(marks.flagged, OVERDUE, np.where(marks.settled, MET, PENDING))
    kinds = ordered_categories(marks.categories, OBLIGATION_SHAPES)
    for kind in kinds:
        for state in (MET, PENDING, OVERDUE):
            mask = (marks.categories == kind) & (states == state)
            if not mask.any():
                continue
            style = Style(OBLIGATION_STATE_COLOURS[state], OBLIGATION_SHAPES.get(kind, "o"))
            overdue = state == OVERDUE
            item = markers(
                x[mask],
                y[mask],
                style,
                theme,
                size=size * 1.35 if overdue else size,
                hollow=state == MET,
                pen_width=2.2 if overdue else 1.0,
            )
            item.setZValue(20 if overdue else 10)
            drawn.items.append(item)
    for kind in kinds:
        style = Style(GREY, OBLIGATION_SHAPES.get(kind, "o"))
        label = "work" if kind == ObligationKind.WORK.value else kind
        drawn.legend.append((marker_sample(style, theme), f"{label} due"))
    for state in (PENDING, MET, OVERDUE):
        if (states == state).any():
            style = Style(OBLIGATION_STATE_COLOURS[state], "o")
            sample = marker_sample(style, theme, hollow=state == MET)
            drawn.legend.append((sample, f"obligation {state}"))
    drawn.layers.append(HitLayer.points(marks.kind, marks.ids, x, y, radius_px=size / 2 + 3))
    return drawn


def global_marks(marks: Marks, y: FloatArray, theme: Theme, *, size: float) -> Drawn:
    """Global events as downward triangles (the vertical lines are drawn by the chart)."""
    drawn = Drawn()
    if not len(marks):
        return drawn
    x = seconds(marks.days)
    style = Style(GLOBAL_EVENT_COLOUR, "t")
    drawn.items.append(markers(x, y, style, theme, size=size))
    drawn.legend.append((marker_sample(style, theme), "global event"))
    drawn.layers.append(HitLayer.points(marks.kind, marks.ids, x, y, radius_px=size / 2 + 3))
    return drawn
