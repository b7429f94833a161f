"""Screening: every project's latest study in one table, and filters over it.

A filter such as "copper, PFS or later, IRR at least 20 %, in Canada" keeps a project when:
one of its commodities (not only the primary) is copper; its latest study is a PFS, FS or updated
FS (``StudyType`` order); that study's after-tax IRR is known and at least 20 %; and its country
matches, ignoring case. An empty part of the filter keeps everything.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.enums import StudyType
from tracker.lists.lookups import project_commodities
from tracker.models import Project
from tracker.portfolio.latest_studies import LatestStudy, latest_studies
from tracker.portfolio.npv_today import STUDY_DECK, TodayNpv
from tracker.portfolio.reporting import NOT_REPORTED, Reported, ReportingBook, reported

#: The NPV basis of a row whose NPV at today's deck cannot be worked out (its note says why).
NOT_WORKED_OUT = "none (see note)"
STUDY_ORDER = {kind.value: rank for rank, kind in enumerate(StudyType)}


class ScreenRow(NamedTuple):
    project_id: int
    project: str
    country: str | None
    stage: str | None
    commodities: tuple[str, ...]
    study_id: int
    study_type: str
    study_title: str
    study_date: date | None
    currency: str
    after_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None
    npv_to_capex: Decimal | None
    aisc: Decimal | None
    cost_unit: str | None
    mine_life_years: Decimal | None
    #: Whose prices ``after_tax_npv`` is at: the study's deck, or today's ("estimate" or
    #: "interpolated", ``tracker.portfolio.npv_today``); ``npv_note`` says what of it.
    npv_basis: str = STUDY_DECK
    npv_note: str = ""
    reporting: Reported = NOT_REPORTED
    """NPV and capex in the reporting currency, at the rate of the valuation day."""
    #: Not shown, but what the NPV at today's deck is also worked from.
    annual_production: Decimal | None = None
    production_unit: str | None = None
    pre_tax_npv: Decimal | None = None


@dataclass(frozen=True)
class ScreenFilter:
    """What to keep; ``commodity`` is a symbol (``Cu``), ``min_study_type`` a ``StudyType``."""

    commodity: str | None = None
    min_study_type: str | None = None
    min_irr_pct: Decimal | None = None
    country: str | None = None

    def keeps(self, row: ScreenRow) -> bool:
        if self.commodity and self.commodity.lower() not in {c.lower() for c in row.commodities}:
            return False
        if self.min_study_type and STUDY_ORDER.get(row.study_type, -1) < STUDY_ORDER.get(
            self.min_study_type, 0
        ):
            return False
        if self.min_irr_pct is not None and (
            row.after_tax_irr_pct is None or row.after_tax_irr_pct < self.min_irr_pct
        ):
            return False
        return not self.country or (row.country or "").lower() == self.country.strip().lower()

    def describe(self) -> str:
        """The filter in words, e.g. ``Cu, PFS or later, IRR ≥ 20 %, Canada``."""
        parts = [
            self.commodity or "",
            f"{self.min_study_type} or later" if self.min_study_type else "",
            f"IRR ≥ {self.min_irr_pct.normalize():f} %" if self.min_irr_pct is not None else "",
            self.country or "",
        ]
        return ", ".join(part for part in parts if part) or "every project"


def screen_rows(session: Session, on: date | None = None) -> list[ScreenRow]:
    """One row per project that has a study, from its latest study, by project name; money
    also in the reporting currency at the rates up to ``on`` (today by default)."""
    reporting = ReportingBook.load(session, on or date.today())
    studies = latest_studies(session)
    commodities = project_commodities(session)
    projects = session.execute(
        select(
            col(Project.id), col(Project.name), col(Project.country), col(Project.stage)
        ).order_by(col(Project.name), col(Project.id))
    )
    return [
        _row(project_id, name, country, stage, commodities.get(project_id, ()), study)._replace(
            reporting=reported(reporting, study.currency, study.after_tax_npv, study.initial_capex)
        )
        for project_id, name, country, stage in projects
        if (study := studies.get(project_id)) is not None
    ]


def _row(
    project_id: int,
    name: str,
    country: str | None,
    stage: str | None,
    commodities: tuple[str, ...],
    study: LatestStudy,
) -> ScreenRow:
    return ScreenRow(
        project_id,
        name,
        country,
        stage,
        commodities,
        study.id,
        study.study_type,
        study.title,
        study.dated,
        study.currency,
        study.after_tax_npv,
        study.discount_rate_pct,
        study.after_tax_irr_pct,
        study.initial_capex,
        npv_to_capex(study.after_tax_npv, study.initial_capex),
        study.aisc,
        study.cost_unit,
        study.mine_life_years,
        annual_production=study.annual_production,
        production_unit=study.production_unit,
        pre_tax_npv=study.pre_tax_npv,
    )


_NPV = ScreenRow._fields.index("after_tax_npv")
_RATIO = ScreenRow._fields.index("npv_to_capex")
_BASIS = ScreenRow._fields.index("npv_basis")
_REPORTING = ScreenRow._fields.index("reporting")
assert ScreenRow._fields[_BASIS + 1] == "npv_note" and _BASIS + 2 == _REPORTING
assert _NPV < _RATIO < _BASIS


def at_todays_deck(
    rows: Iterable[ScreenRow],
    npvs: Mapping[int, TodayNpv],
    reporting: ReportingBook | None = None,
) -> list[ScreenRow]:
    """The rows with each NPV (and NPV/capex) at today's deck; a project whose NPV cannot be
    worked out there shows none, and its note says why. The figures in the reporting currency
    are converted again with ``reporting`` (without it they are left out, never kept at the
    study deck's NPV)."""
    moved = []
    make = tuple.__new__
    for row in rows:
        found = npvs.get(row.project_id)
        value, basis, note = (None, "", "") if found is None else found
        if value is None:
            basis = NOT_WORKED_OUT
        capex = row.initial_capex
        shown = (
            NOT_REPORTED if reporting is None else reported(reporting, row.currency, value, capex)
        )
        values = list(row)
        values[_NPV] = value
        values[_RATIO] = None if value is None or not capex else value / capex
        values[_BASIS] = basis
        values[_BASIS + 1] = note
        values[_REPORTING] = shown
        moved.append(make(ScreenRow, values))
    return moved


def npv_to_capex(npv: Decimal | None, capex: Decimal | None) -> Decimal | None:
    """After-tax NPV over initial capex; unknown when either is missing or capex is zero."""
    if npv is None or not capex:
        return None
    return npv / capex


def apply_filter(rows: Iterable[ScreenRow], keep: ScreenFilter) -> list[ScreenRow]:
    return [row for row in rows if keep.keeps(row)]


def screen(session: Session, keep: ScreenFilter | None = None) -> list[ScreenRow]:
    rows = screen_rows(session)
    return rows if keep is None else apply_filter(rows, keep)


def countries(rows: Iterable[ScreenRow]) -> list[str]:
    """The countries present, for a filter's choices."""
    return sorted({row.country for row in rows if row.country}, key=str.lower)
