"""Timelines and study economics as plain, batched data for charts (no Qt here).

``load_timeline`` returns each lane column by column; ``arrange`` orders the portfolio's rows;
``describe`` builds the hover text of one record; ``portfolio_economics`` feeds the scatter.
"""

from tracker.timeline.columns import (
    NO_PROJECT,
    SECONDS_PER_DAY,
    Marks,
    RecordKind,
    Spans,
    epoch_day,
    from_epoch_day,
)
from tracker.timeline.economics import (
    PortfolioEconomics,
    StudyEconomics,
    portfolio_economics,
    project_economics,
)
from tracker.timeline.hover import StudyFigures, describe, study_summary
from tracker.timeline.load import Timeline, load_timeline, project_timeline, restrict
from tracker.timeline.portfolio import (
    GroupBy,
    PortfolioProject,
    PortfolioRow,
    SortBy,
    arrange,
    next_milestones,
    portfolio_projects,
)

__all__ = [
    "NO_PROJECT",
    "SECONDS_PER_DAY",
    "GroupBy",
    "Marks",
    "PortfolioEconomics",
    "PortfolioProject",
    "PortfolioRow",
    "RecordKind",
    "SortBy",
    "Spans",
    "StudyEconomics",
    "StudyFigures",
    "Timeline",
    "arrange",
    "describe",
    "epoch_day",
    "from_epoch_day",
    "load_timeline",
    "next_milestones",
    "portfolio_economics",
    "portfolio_projects",
    "project_economics",
    "project_timeline",
    "restrict",
    "study_summary",
]
