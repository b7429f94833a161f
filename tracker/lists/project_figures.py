"""What the Projects list shows beside a project's name: its latest study and next milestone.

Investors sort projects by these first. Both are read for every project in a few queries
(the latest study in one pass over plain rows, milestones with one query per source), so the list
stays fast at 100,000 projects.
"""

import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, String, func, select, type_coerce
from sqlmodel import Session, col

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.lists.lookups import CHUNK
from tracker.models import Deal, DealObligation, Study
from tracker.portfolio.expected_studies import expected_study_rows


class StudyFigures(NamedTuple):
    """The headline of a project's latest study, in the study's currency."""

    study_type: str
    dated: date | None
    currency: str
    after_tax_npv: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None


class Milestone(NamedTuple):
    """The next pending date of a project and what falls due then."""

    day: date
    what: str


def study_figures(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, StudyFigures]:
    """The latest study of every project (or of the ones named), by project id.

    Latest as ``tracker.portfolio.latest_studies`` ranks them (publication date, then effective
    date, then entry; undated last), chosen here in one pass over plain rows: for every project
    at once that is several times faster than the window function, which sorts all studies.
    """
    # Ranked on the stored values as they come (ISO text in SQLite, which sorts as the dates
    # do): parsing 100,000 dates would cost more than the rest of the list.
    ranking = select(
        col(Study.project_id),
        type_coerce(col(Study.publication_date), String),
        type_coerce(col(Study.effective_date), String),
        col(Study.id),
    )
    best: dict[int, tuple[Any, ...]] = {}
    for project_id, published, effective, study_id in _run(session, ranking, project_ids):
        rank = (published is not None, published, effective is not None, effective, study_id)
        held = best.get(project_id)
        if held is None or _newer(rank, held):
            best[project_id] = rank
    figures = select(
        col(Study.project_id),
        col(Study.study_type),
        func.coalesce(col(Study.publication_date), col(Study.effective_date)),
        col(Study.currency),
        col(Study.after_tax_npv),
        col(Study.after_tax_irr_pct),
        col(Study.initial_capex),
    )
    chosen = sorted(rank[-1] for rank in best.values())
    found: dict[int, StudyFigures] = {}
    shared: dict[Any, Any] = {}  # the few types, currencies and days, one object each
    for start in range(0, len(chosen), CHUNK):
        wanted = figures.where(col(Study.id).in_(chosen[start : start + CHUNK]))
        for project_id, kind, dated, currency, npv, irr, capex in session.connection().execute(
            wanted
        ):
            found[project_id] = StudyFigures(
                shared.setdefault(kind, kind),
                shared.setdefault(dated, dated),
                shared.setdefault(currency, currency),
                npv,
                irr,
                capex,
            )
    return found


def _newer(rank: tuple[Any, ...], other: tuple[Any, ...]) -> bool:
    """Whether a study ranks after another: compared field by field, a missing date lowest."""
    for mine, theirs in zip(rank, other, strict=True):
        if mine == theirs:
            continue
        if theirs is None:
            return True
        if mine is None:
            return False
        return bool(mine > theirs)
    return False


def next_milestones(
    session: Session, today: date, project_ids: Sequence[int] | None = None
) -> dict[int, Milestone]:
    """Each project's soonest pending date from ``today`` on: an unmet deal obligation, the
    expected close of an open deal, or a study the company said is coming.

    The same pending items as the portfolio timeline's "next milestone", plus expected studies.
    """
    open_deal = col(Deal.status).not_in(sorted(FINAL_DEAL_STATUSES))
    obligations = (
        select(col(Deal.project_id), col(DealObligation.due_date), col(DealObligation.kind))
        .join(Deal, col(Deal.id) == col(DealObligation.deal_id))
        .where(
            col(DealObligation.met).is_(False),
            col(DealObligation.due_date) >= today,
            col(Deal.project_id).is_not(None),
            open_deal,
        )
    )
    closes = select(col(Deal.project_id), col(Deal.expected_close_date)).where(
        col(Deal.expected_close_date) > today, col(Deal.project_id).is_not(None), open_deal
    )
    soonest: dict[int, Milestone] = {}
    found: list[tuple[int, date, str]] = [
        *((p, d, f"{kind} due") for p, d, kind in _run(session, obligations, project_ids)),
        *((p, d, "expected close") for p, d in _run(session, closes, project_ids)),
        *(
            (row.project_id, row.expected_date, f"{row.study_type} expected")
            for row in expected_study_rows(session)
            if not row.delivered and row.expected_date >= today
        ),
    ]
    wanted = None if project_ids is None else set(project_ids)
    for project_id, day, what in found:
        if wanted is not None and project_id not in wanted:
            continue
        held = soonest.get(project_id)
        if held is None or day < held.day:
            soonest[project_id] = Milestone(day, sys.intern(what))
    return soonest


def _run(
    session: Session, query: Select[*tuple[Any, ...]], project_ids: Sequence[int] | None
) -> list[Any]:
    """Rows of ``query``, for every project or chunk by chunk for the ones named."""
    if project_ids is None:
        return list(session.connection().execute(query).all())
    first = query.selected_columns[0]
    rows: list[Any] = []
    for start in range(0, len(project_ids), CHUNK):
        chunk = project_ids[start : start + CHUNK]
        rows.extend(session.connection().execute(query.where(first.in_(chunk))).all())
    return rows
