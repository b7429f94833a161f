"""The columns of the portfolio tables: header, raw value (what sorting uses) and text shown.

Qt-free like ``tracker.tables``, whose ``Column`` and ``TableSpec`` these are.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tracker.formatting import (
    count,
    discount_rate,
    millions,
    money,
    per_share,
    percent,
    ratio,
    unit_price,
)
from tracker.portfolio.commodity_prices import CommodityPriceRow
from tracker.portfolio.deck import DeckLine
from tracker.portfolio.exposure import Dimension, ExposureRow, stage_rank
from tracker.portfolio.fx_rates import FxRateRow
from tracker.portfolio.interests import InterestRow
from tracker.portfolio.lookthrough import LookThroughProject, LookThroughRow
from tracker.portfolio.npv_today import STUDY_DECK
from tracker.portfolio.performance import PerformanceRow
from tracker.portfolio.positions import PositionRow
from tracker.portfolio.prices import SharePriceRow
from tracker.portfolio.reporting import Converted, Reported
from tracker.portfolio.screening import ScreenRow
from tracker.portfolio.transaction_rows import TransactionRow
from tracker.portfolio.upcoming import UpcomingItem
from tracker.tables import Column, TableSpec, rate_column, reported_column


class _NoSource:
    source = None


_NO_SOURCE = _NoSource()


def _num(
    header: str,
    value: Callable[[Any], Decimal | None],
    shown: Callable[[Decimal | None], str],
    width: int = 11,
) -> Column[Any]:
    """A right-aligned figure column."""
    return Column(header, value, lambda row: shown(value(row)), numeric=True, width=width)


def _reporting_columns(
    npv: Callable[[Any], Decimal | None], capex: Callable[[Any], Decimal | None] | None
) -> tuple[Column[Any], ...]:
    """NPV (and capex) in the reporting currency, then the rate that converted them."""
    columns = [
        reported_column("NPV (reporting)", lambda r: r.reporting.after_tax_npv, npv, _reporting)
    ]
    if capex is not None:
        columns.append(
            reported_column(
                "Capex (reporting)", lambda r: r.reporting.initial_capex, capex, _reporting
            )
        )
    return (*columns, rate_column(_reporting, after=columns[-1].header))


def _reporting(row: Any) -> Reported:
    reporting: Reported = row.reporting
    return reporting


def _converted_money(
    header: str, converted: Callable[[Any], Converted | None], after: str
) -> Column[Any]:
    """An amount in the reporting currency with its code, the rate in the tooltip; "no rate"
    where the holding's currency has none (the tooltip says which pair to enter)."""

    def amount(row: Any) -> Decimal | None:
        found = converted(row)
        return None if found is None else found.amount

    def text(row: Any) -> str:
        found = converted(row)
        if found is None:
            return ""
        if found.amount is None:
            return "no rate" if found.note else ""
        return money(found.amount, found.currency)

    def tooltip(row: Any) -> str:
        found = converted(row)
        return "" if found is None else found.rate_note()

    return Column(header, amount, text, True, 16, tooltip, after)


POSITIONS: TableSpec[PositionRow] = TableSpec(
    (
        Column("Company", lambda r: r.company, width=28),
        _num("Shares", lambda r: r.shares, count),
        Column("Ccy", lambda r: r.currency, width=5),
        _num("Avg cost", lambda r: r.average_cost, per_share, 9),
        _num("Cost", lambda r: r.cost, money),
        _num("Price", lambda r: r.price, per_share, 9),
        Column("Price date", lambda r: r.price_date, width=11),
        _num("Value", lambda r: r.value, money, 12),
        _num("Gain", lambda r: r.gain, money, 12),
        _num("Gain %", lambda r: r.gain_pct, percent, 9),
        Column("Note", lambda r: r.note, width=30),
        _converted_money("Value (reporting)", lambda r: r.reported_value, after="Gain %"),
        _converted_money("Gain (reporting)", lambda r: r.reported_gain, after="Value (reporting)"),
    )
)


def _ratio(row: TransactionRow) -> str:
    if row.split_new is None or row.split_old is None:
        return ""
    return f"{count(row.split_new)} for {count(row.split_old)}"


TRANSACTIONS: TableSpec[TransactionRow] = TableSpec(
    (
        Column("Date", lambda r: r.trade_date, width=11),
        Column("Kind", lambda r: r.kind, width=22),
        _num("Shares", lambda r: r.shares, count),
        _num("Price", lambda r: r.price, per_share, 9),
        _num("Fees", lambda r: r.fees, money, 9),
        Column("Ratio (new for old)", _ratio, width=12),
        _num("Held after", lambda r: r.held_after, count),
        Column("Deal", lambda r: r.deal, width=20),
        Column("Notes", lambda r: r.notes, width=24),
    ),
    sort_column=0,
)


def performance_spec(currency: str) -> TableSpec[PerformanceRow]:
    """The returns table, money in ``currency``; the total sorts first (or last)."""
    code = f" ({currency})" if currency else ""
    return TableSpec(
        (
            Column(
                "Holding",
                lambda r: "" if r.holding_id is None else r.label,
                lambda r: r.label,
                width=28,
            ),
            _num(f"Start value{code}", lambda r: r.start_value, money, 12),
            _num(f"End value{code}", lambda r: r.end_value, money, 12),
            _num("Invested (net)", lambda r: r.invested, money, 12),
            _num("Gain", lambda r: r.gain, money, 12),
            _num("Realised", lambda r: r.realised, money, 11),
            _num("Unrealised", lambda r: r.unrealised, money, 11),
            _num("MWR", lambda r: r.mwr_pct, percent, 9),
            _num("MWR p.a.", lambda r: r.mwr_annual_pct, percent, 9),
            _num("TWR", lambda r: r.twr_pct, percent, 9),
            _num("TWR p.a.", lambda r: r.twr_annual_pct, percent, 9),
            Column("Note", lambda r: r.note, width=30),
        )
    )


SHARE_PRICES: TableSpec[SharePriceRow] = TableSpec(
    (
        Column("Date", lambda r: r.price_date, width=11),
        Column("Company", lambda r: r.company, width=28),
        _num("Price", lambda r: r.price, per_share, 9),
        Column("Ccy", lambda r: r.currency, width=5),
        Column("Source", lambda r: r.source, width=20),
    ),
    sort_column=0,
    sort_descending=True,
)

FX_RATES: TableSpec[FxRateRow] = TableSpec(
    (
        Column("Date", lambda r: r.rate_date, width=11),
        Column("Pair", lambda r: f"{r.base}/{r.quote}", width=8),
        _num("Rate", lambda r: r.rate, per_share, 10),
        Column(
            "Reads",
            lambda r: r.base,
            lambda r: f"1 {r.base} = {per_share(r.rate)} {r.quote}",
            width=20,
        ),
        Column("Source", lambda r: r.source, width=24),
    ),
    sort_column=0,
    sort_descending=True,
)

COMMODITY_PRICES: TableSpec[CommodityPriceRow] = TableSpec(
    (
        Column("Date", lambda r: r.price_date, width=11),
        Column(
            "Commodity", lambda r: r.commodity, lambda r: f"{r.commodity} ({r.symbol})", width=24
        ),
        _num("Price", lambda r: r.price, per_share, 10),
        Column("Per", lambda r: f"{r.currency}/{r.unit}", width=9),
        Column("Source", lambda r: r.source, width=20),
    ),
    sort_column=0,
    sort_descending=True,
)

DECK: TableSpec[DeckLine] = TableSpec(
    (
        Column("Commodity", lambda r: r.name, lambda r: f"{r.name} ({r.symbol})", width=24),
        _num("Today's price", lambda r: r.price, per_share, 10),
        Column("Per", lambda r: f"{r.currency}/{r.unit}" if r.currency else "", width=9),
        Column("From", lambda r: r.basis, lambda r: r.basis or "no price yet", width=16),
        _num("Latest price", lambda r: None if r.latest is None else r.latest.price, per_share, 10),
        Column("Latest date", lambda r: r.latest_date, width=11),
        Column("Source", lambda r: (r.typed or r.latest or _NO_SOURCE).source, width=20),
    ),
    sort_column=0,
)

INTERESTS: TableSpec[InterestRow] = TableSpec(
    (
        Column("Company", lambda r: r.company, width=28),
        Column("Project", lambda r: r.project, width=22),
        Column("Country", lambda r: r.country, width=13),
        Column("Stage", lambda r: r.stage, width=19),
        Column("Commodity", lambda r: r.commodity, width=17),
        _num("Recorded", lambda r: r.recorded_pct, percent, 9),
        _num("Current", lambda r: r.current_pct, percent, 9),
        _num("Still to earn", lambda r: r.pending_pct, percent, 10),
        _num("If fully earned", lambda r: r.fully_earned_pct, percent, 12),
    )
)


def exposure_spec(dimension: Dimension, currency: str) -> TableSpec[ExposureRow]:
    """Stages sort in pipeline order (the raw value is the stage's rank); other buckets by
    value, largest first."""
    by_stage = dimension is Dimension.STAGE
    bucket: Column[ExposureRow] = Column(
        dimension.value.capitalize(),
        (lambda r: stage_rank(r.bucket)) if by_stage else (lambda r: r.bucket),
        lambda r: r.bucket,
        width=18,
    )
    return TableSpec(
        (
            bucket,
            _num(f"Value ({currency})", lambda r: r.value, money, 13),
            _num("Share", lambda r: r.share_pct, percent, 8),
        ),
        sort_column=0 if by_stage else 1,
        sort_descending=not by_stage,
    )


LOOK_THROUGH: TableSpec[LookThroughRow] = TableSpec(
    (
        Column("Company", lambda r: r.company, width=28),
        Column("Ccy", lambda r: r.currency, width=5),
        _num("Study NPV, current", lambda r: r.attributable_npv, millions, 14),
        _num("If fully earned", lambda r: r.attributable_npv_full, millions, 13),
        Column("Disc. rates", lambda r: r.discount_rates, width=9),
        Column(
            "Projects with NPV",
            lambda r: r.projects_with_npv,
            lambda r: f"{r.projects_with_npv} of {r.projects}",
            numeric=True,
            width=9,
        ),
        _num("Shares out", lambda r: r.shares_outstanding, count, 13),
        _num("NPV/share", lambda r: r.npv_per_share, per_share, 9),
        _num("Price", lambda r: r.price, per_share, 8),
        _num("P/NAV", lambda r: r.p_nav, ratio, 7),
        Column("Basis", lambda r: r.basis, width=22),
        Column("Note", lambda r: r.note, width=36),
        *_reporting_columns(lambda r: r.attributable_npv, None),
    )
)

LOOK_THROUGH_PROJECTS: TableSpec[LookThroughProject] = TableSpec(
    (
        Column("Project", lambda r: r.project, width=20),
        _num("Interest", lambda r: r.current_pct, percent, 8),
        _num("If fully earned", lambda r: r.fully_earned_pct, percent, 10),
        Column("Latest study", lambda r: r.study_type, width=14),
        Column("Study date", lambda r: r.study_date, width=11),
        Column("Study ccy", lambda r: r.study_currency, width=5),
        _num("After-tax NPV (100 %)", lambda r: r.after_tax_npv, millions, 14),
        Column(
            "NPV basis",
            lambda r: r.npv_method or (STUDY_DECK if r.after_tax_npv is not None else ""),
            width=10,
        ),
        Column(
            "Disc. rate",
            lambda r: r.discount_rate_pct,
            lambda r: discount_rate(r.discount_rate_pct, r.after_tax_npv is not None),
            numeric=True,
            width=9,
        ),
        _num("Attributable (study ccy)", lambda r: r.attributable_npv, millions, 14),
        _num("Attributable (holding ccy)", lambda r: r.attributable_npv_held, millions, 14),
        Column("Note", lambda r: r.note, width=36),
    )
)

SCREENING: TableSpec[ScreenRow] = TableSpec(
    (
        Column("Project", lambda r: r.project, width=22),
        Column("Country", lambda r: r.country, width=13),
        Column("Stage", lambda r: r.stage, width=19),
        Column("Commodities", lambda r: r.commodities, lambda r: "-".join(r.commodities), width=10),
        Column("Study", lambda r: r.study_type, width=15),
        Column("Date", lambda r: r.study_date, width=11),
        Column("Ccy", lambda r: r.currency, width=5),
        _num("After-tax NPV", lambda r: r.after_tax_npv, millions, 12),
        Column("NPV basis", lambda r: r.npv_basis, width=10),
        Column(
            "Disc.",
            lambda r: r.discount_rate_pct,
            lambda r: discount_rate(r.discount_rate_pct, r.after_tax_npv is not None),
            numeric=True,
            width=9,
        ),
        _num("IRR", lambda r: r.after_tax_irr_pct, percent, 7),
        _num("Capex", lambda r: r.initial_capex, millions, 11),
        *_reporting_columns(lambda r: r.after_tax_npv, lambda r: r.initial_capex),
        _num("NPV/capex", lambda r: r.npv_to_capex, ratio, 8),
        _num("AISC", lambda r: r.aisc, lambda v: unit_price(v, None, None), 8),
        Column("Cost unit", lambda r: r.cost_unit, width=10),
        _num("Life (y)", lambda r: r.mine_life_years, count, 7),
        Column("Study title", lambda r: r.study_title, width=30),
    )
)

UPCOMING: TableSpec[UpcomingItem] = TableSpec(
    (
        Column("Due", lambda r: r.due_date, width=11),
        Column("Status", lambda r: r.days_left, lambda r: r.status, numeric=True, width=15),
        Column("Kind", lambda r: r.kind, width=14),
        Column("What", lambda r: r.what, width=40),
        Column("Amount", lambda r: r.amount, width=19),
        _converted_money("Amount (reporting)", lambda r: r.reported, after="Amount"),
        Column("Deal", lambda r: r.deal, width=32),
        Column("Project", lambda r: r.project, width=16),
        Column("Company", lambda r: r.company, width=20),
    )
)
