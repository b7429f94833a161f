"""Look-through economics: what the studies behind a holding's projects add up to.

For each holding, each project the company has an interest in contributes its latest study's
after-tax NPV (at that study's own discount rate, prices and currency) times the company's
attributable interest, converted into the holding's currency with the rates the user entered.
These are study figures, not valuations: ``STUDY_FIGURES_NOTE`` says so wherever they are shown.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.formatting import NOT_STATED, percent
from tracker.models import Company
from tracker.portfolio.deck_npv import deck_prices, npv_today_by_project, study_economics
from tracker.portfolio.facts import chunks, project_facts
from tracker.portfolio.fx import FxBook
from tracker.portfolio.interests import Interest, attributable_interests
from tracker.portfolio.latest_studies import LatestStudy, latest_studies
from tracker.portfolio.npv_today import ESTIMATE, TodayNpv
from tracker.portfolio.positions import PositionRow, position_rows
from tracker.portfolio.reporting import NOT_REPORTED, Reported, ReportingBook, reported
from tracker.services.settings import reporting_currency

ZERO = Decimal(0)
HUNDRED = Decimal(100)
STUDY_FIGURE = "study figure"
STUDY_FIGURES_NOTE = (
    "Study figures, not valuations: after-tax NPVs from each project's latest technical study, "
    "at that study's own discount rate, price deck and date, times the attributable interest. "
    "They are not a market value or a price target."
)
TODAYS_DECK = "today's deck"
TODAYS_DECK_NOTE = (
    "Study figures moved to today's deck, not valuations: each latest study's after-tax NPV at "
    "today's commodity prices, interpolated in the study's own sensitivity table or, where it "
    "gives only its base case, a first-order estimate (hover a figure for the method), times "
    "the attributable interest. They are not a market value or a price target."
)


class LookThroughProject(NamedTuple):
    """One project behind a holding, with the study figure it contributes."""

    holding_id: int
    company: str
    project_id: int
    project: str
    current_pct: Decimal
    fully_earned_pct: Decimal
    study_id: int | None
    study_type: str | None
    study_title: str | None
    study_date: date | None
    study_currency: str | None
    after_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None
    attributable_npv: Decimal | None
    attributable_npv_held: Decimal | None
    attributable_npv_full_held: Decimal | None
    note: str
    #: At today's deck: how the NPV was worked out ("estimate", "interpolated"), else "".
    npv_method: str = ""


class LookThroughRow(NamedTuple):
    """A holding's attributable study NPV in the holding's currency, per share and P/NAV."""

    holding_id: int
    company_id: int
    company: str
    currency: str
    attributable_npv: Decimal | None
    attributable_npv_full: Decimal | None
    projects_with_npv: int
    projects: int
    discount_rates: str
    shares_outstanding: Decimal | None
    npv_per_share: Decimal | None
    price: Decimal | None
    p_nav: Decimal | None
    basis: str
    note: str
    #: The discount rates behind ``attributable_npv``, lowest first (``discount_rates`` reads
    #: them).
    rates: tuple[Decimal, ...] = ()
    #: ``attributable_npv`` in the reporting currency, with the rate and its date.
    reporting: Reported = NOT_REPORTED


@dataclass(frozen=True)
class LookThrough:
    on: date
    rows: list[LookThroughRow]
    projects: list[LookThroughProject]
    note: str = STUDY_FIGURES_NOTE


def look_through(session: Session, on: date, *, todays_deck: bool = False) -> LookThrough:
    """Look-through figures of every holding, with prices and rates as they stood on ``on``;
    with ``todays_deck``, each study's NPV at today's commodity prices."""
    book = FxBook.load(session, on)
    reporting = ReportingBook(reporting_currency(session), book)
    positions = position_rows(session, on, book)
    held = {position.company_id for position in positions}
    interests: dict[int, list[Interest]] = defaultdict(list)
    for interest in attributable_interests(session, held):
        if interest.current_pct > 0 or interest.fully_earned_pct > 0:
            interests[interest.company_id].append(interest)
    project_ids = {i.project_id for group in interests.values() for i in group}
    studies = latest_studies(session, project_ids)
    methods: dict[int, TodayNpv] = {}
    if todays_deck:
        methods = npv_today_by_project(
            study_economics(session, project_ids), deck_prices(session, on), book
        )
        studies = {
            pid: study._replace(after_tax_npv=methods[pid].value if pid in methods else None)
            for pid, study in studies.items()
        }
    names = {pid: facts.name for pid, facts in project_facts(session, project_ids).items()}
    shares = _shares_outstanding(session, held)
    rows: list[LookThroughRow] = []
    details: list[LookThroughProject] = []
    for position in positions:
        projects = [
            _project(
                position,
                interest,
                names.get(interest.project_id, ""),
                studies,
                book,
                methods.get(interest.project_id),
            )
            for interest in sorted(
                interests[position.company_id], key=lambda i: names.get(i.project_id, "")
            )
        ]
        details.extend(projects)
        row = _holding(
            position,
            projects,
            shares.get(position.company_id),
            "no NPV at today's deck for " if todays_deck else "no study NPV for ",
        )
        if todays_deck:
            row = row._replace(basis=_deck_basis([p for p in projects if p.npv_method]))
        in_reporting = reported(reporting, row.currency, row.attributable_npv, None)
        rows.append(row._replace(reporting=in_reporting))
    return LookThrough(on, rows, details, TODAYS_DECK_NOTE if todays_deck else STUDY_FIGURES_NOTE)


def _deck_basis(projects: Sequence["LookThroughProject"]) -> str:
    """``today's deck (estimate)`` when any figure behind the row is a first-order estimate."""
    if any(p.npv_method == ESTIMATE for p in projects):
        return f"{TODAYS_DECK} ({ESTIMATE})"
    return TODAYS_DECK


def _shares_outstanding(session: Session, company_ids: set[int]) -> dict[int, Decimal]:
    found: dict[int, Decimal] = {}
    for chunk in chunks(company_ids):
        for company_id, count in session.execute(
            select(col(Company.id), col(Company.shares_outstanding)).where(
                col(Company.id).in_(chunk), col(Company.shares_outstanding).is_not(None)
            )
        ):
            found[company_id] = count
    return found


def _project(
    position: PositionRow,
    interest: Interest,
    name: str,
    studies: dict[int, LatestStudy],
    book: FxBook,
    today: TodayNpv | None = None,
) -> LookThroughProject:
    study = studies.get(interest.project_id)
    npv = None if study is None else study.after_tax_npv
    note = ""
    if study is None:
        note = "no study"
    elif npv is None and today is not None:
        note = f"no NPV at today's deck: {today.note}"
    elif npv is None:
        when = f", {study.dated.isoformat()}" if study.dated else ""
        note = f"latest study ({study.study_type}{when}) has no after-tax NPV"
    share_now = None if npv is None else npv * interest.current_pct / HUNDRED
    share_full = None if npv is None else npv * interest.fully_earned_pct / HUNDRED
    held_now = held_full = None
    if study is not None and npv is not None:
        held_now, note = book.try_convert(share_now, study.currency, position.currency)
        held_full, _ = book.try_convert(share_full, study.currency, position.currency)
        if today is not None and today.note and not note:
            note = today.note
    return LookThroughProject(
        position.holding_id,
        position.company,
        interest.project_id,
        name,
        interest.current_pct,
        interest.fully_earned_pct,
        None if study is None else study.id,
        None if study is None else study.study_type,
        None if study is None else study.title,
        None if study is None else study.dated,
        None if study is None else study.currency,
        npv,
        None if study is None else study.discount_rate_pct,
        share_now,
        held_now,
        held_full,
        note,
        "" if today is None else today.method,
    )


def _names(names: Sequence[str], shown: int = 3) -> str:
    """``A, B and C`` or ``A, B, C and 4 more``."""
    if len(names) <= shown:
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


def _holding(
    position: PositionRow,
    projects: Sequence[LookThroughProject],
    shares: Decimal | None,
    missing: str = "no study NPV for ",
) -> LookThroughRow:
    with_npv = [p for p in projects if p.after_tax_npv is not None]
    unconverted = [p.note for p in with_npv if p.attributable_npv_held is None]
    notes: list[str] = list(dict.fromkeys(unconverted))
    total = total_full = None
    if with_npv and not unconverted:
        total = sum((p.attributable_npv_held or ZERO for p in with_npv), ZERO)
        total_full = sum((p.attributable_npv_full_held or ZERO for p in with_npv), ZERO)
    rates = sorted({p.discount_rate_pct for p in with_npv if p.discount_rate_pct is not None})
    #: An NPV whose rate its study does not state is summed too, and the rates say so.
    unstated = any(p.discount_rate_pct is None for p in with_npv)
    shown_rates = [percent(rate) for rate in rates] + ([NOT_STATED] if unstated else [])
    if not projects:
        notes.append("no project interest")
    elif len(with_npv) < len(projects):
        notes.append(missing + _names([p.project for p in projects if p not in with_npv]))
    if len(shown_rates) > 1:
        notes.append("NPVs at different discount rates are added as published")
    per_share = None
    if total is not None and shares:
        per_share = total / shares
    elif total is not None:
        notes.append("enter the shares outstanding for NPV per share")
    p_nav = None
    if per_share is not None and per_share > 0 and position.price is not None:
        p_nav = position.price / per_share
    elif per_share is not None and per_share <= 0:
        notes.append("NPV is not positive: no P/NAV")
    return LookThroughRow(
        position.holding_id,
        position.company_id,
        position.company,
        position.currency,
        total,
        total_full,
        len(with_npv),
        len(projects),
        ", ".join(shown_rates),
        shares,
        per_share,
        position.price,
        p_nav,
        STUDY_FIGURE,
        "; ".join(notes),
        tuple(rates),
    )
