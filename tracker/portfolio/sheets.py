"""Portfolio figures as plain tables (title, headers, rows) for the Excel export.

The exporter writes ``summary_tables`` on the workbook's Summary sheet and ``exposure_tables`` on
its Exposure sheet. Cells are ``Decimal``, ``date``, ``str`` or ``None``: money in whole units of
the currency named in its header or row, percentages in percent points, as ``tracker.units``
says; formatting is the exporter's job.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tracker.portfolio.exposure import Basis, Dimension, portfolio_exposure
from tracker.portfolio.interests import interest_rows
from tracker.portfolio.lookthrough import STUDY_FIGURES_NOTE, look_through
from tracker.portfolio.performance import load_performance
from tracker.portfolio.periods import PeriodKind
from tracker.portfolio.positions import held_company_ids, position_rows
from tracker.portfolio.reporting import ReportingBook
from tracker.services.settings import REPORTING_CURRENCY, reporting_currency, stored_setting

#: How the Summary sheet's Settings table names the reporting currency (an import looks for it).
REPORTING_CURRENCY_LABEL = "Reporting currency"
#: A setting chosen by the user (an import stores it), not a default (an import leaves it).
CHOSEN = "chosen"

Cell = Decimal | date | str | int | None
#: What a column holds, so the exporter can format it: ``text``; ``count`` (shares);
#: ``money`` (whole units of the row's Currency column, else of the currency in the header);
#: ``millions`` (money the exporter shows in millions); ``price`` (per share, same currency);
#: ``percent`` (percent points); ``ratio``; ``rate`` (an exchange rate); ``date``.
Kind = str


@dataclass(frozen=True)
class SheetTable:
    """One block of a sheet: a title, an optional note under it, headers and rows, and what
    kind of value each column holds (``Kind``; empty: all text)."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    note: str = ""
    kinds: tuple[Kind, ...] = ()


def _reported(reporting: ReportingBook, amount: Decimal | None, currency: str) -> tuple[Cell, ...]:
    """The amount in the reporting currency, the rate that converted it and the rate's date."""
    converted = reporting.convert(amount, currency)
    quote = converted.quote
    if quote is None or quote.rate_date is None:
        return converted.amount, None, None
    return converted.amount, quote.rate, quote.rate_date


def _with_note(
    note: str | None, reporting: ReportingBook, amount: Decimal | None, code: str
) -> str | None:
    """The row's note, and why its figure is not in the reporting currency when it is not."""
    missing = reporting.convert(amount, code).note
    return "; ".join(part for part in (note, missing) if part) or None


def settings_table(session: Session, on: date) -> SheetTable:
    """The settings the workbook's figures were made with; an import reads them back."""
    note = (
        f"Money in the reporting currency is converted at the latest rate entered on or before "
        f"{on.isoformat()} (the FX rates sheet), crossed through USD when a pair was not "
        "entered; a figure without such a rate is left blank, with a note."
    )
    chosen = stored_setting(session, REPORTING_CURRENCY) is not None
    how = CHOSEN if chosen else "default: the currency most holdings are kept in, else USD"
    rows: list[tuple[Cell, ...]] = [(REPORTING_CURRENCY_LABEL, reporting_currency(session), how)]
    return SheetTable("Settings", ("Setting", "Value", "Set"), rows, note)


def positions_table(session: Session, on: date) -> SheetTable:
    reporting = ReportingBook.load(session, on)
    code = reporting.currency
    rows: list[tuple[Cell, ...]] = [
        (
            row.company,
            row.shares,
            row.currency,
            row.average_cost,
            row.cost,
            row.price,
            row.price_date,
            row.value,
            row.gain,
            row.gain_pct,
            _with_note(row.note, reporting, row.value, row.currency),
            *_reported(reporting, row.value, row.currency),
        )
        for row in position_rows(session, on, reporting.book)
    ]
    headers = (
        "Company",
        "Shares",
        "Currency",
        "Average cost",
        "Cost",
        "Price",
        "Price date",
        "Value",
        "Gain",
        "Gain %",
        "Note",
        f"Value ({code})",
        f"FX rate to {code}",
        "FX rate date",
    )
    kinds = (
        "text",
        "count",
        "text",
        "price",
        "money",
        "price",
        "date",
        "money",
        "money",
        "percent",
        "text",
        "money",
        "rate",
        "date",
    )
    return SheetTable(f"Positions on {on.isoformat()}", headers, rows, kinds=kinds)


def lookthrough_table(session: Session, on: date) -> SheetTable:
    figures = look_through(session, on)
    reporting = ReportingBook.load(session, on)
    code = reporting.currency
    rows: list[tuple[Cell, ...]] = [
        (
            row.company,
            row.currency,
            row.attributable_npv,
            row.attributable_npv_full,
            row.rates[0] if row.rates else None,
            row.rates[-1] if row.rates else None,
            row.shares_outstanding,
            row.npv_per_share,
            row.price,
            row.p_nav,
            row.basis,
            _with_note(row.note, reporting, row.attributable_npv, row.currency),
            *_reported(reporting, row.attributable_npv, row.currency),
        )
        for row in figures.rows
    ]
    headers = (
        "Company",
        "Currency",
        "Attributable after-tax NPV, current interest",
        "Attributable after-tax NPV, if fully earned",
        "Lowest discount rate",
        "Highest discount rate",
        "Shares outstanding",
        "NPV per share",
        "Price",
        "P/NAV",
        "Basis",
        "Note",
        f"Attributable after-tax NPV, current interest ({code})",
        f"FX rate to {code}",
        "FX rate date",
    )
    kinds = (
        "text",
        "text",
        "millions",
        "millions",
        "percent",
        "percent",
        "count",
        "price",
        "price",
        "ratio",
        "text",
        "text",
        "millions",
        "rate",
        "date",
    )
    return SheetTable("Look-through (study figures)", headers, rows, STUDY_FIGURES_NOTE, kinds)


def performance_table(session: Session, on: date, currency: str) -> SheetTable:
    """Each holding's performance since its first transaction, and the total, in ``currency``."""
    figures = load_performance(session, currency, PeriodKind.SINCE_START, on)
    rows: list[tuple[Cell, ...]] = [
        (
            row.label,
            row.currency,
            row.start_value,
            row.end_value,
            row.invested,
            row.gain,
            row.realised,
            row.unrealised,
            row.mwr_pct,
            row.mwr_annual_pct,
            row.twr_pct,
            row.twr_annual_pct,
            row.note or None,
        )
        for row in figures.rows
    ]
    headers = (
        "Holding",
        "Currency",
        "Start value",
        "End value",
        "Invested (net)",
        "Gain",
        "Realised gain",
        "Unrealised gain",
        "Money-weighted return %",
        "Money-weighted return p.a. %",
        "Time-weighted return %",
        "Time-weighted return p.a. %",
        "Note",
    )
    kinds = ("text", "text", *("money",) * 6, *("percent",) * 4, "text")
    note = (
        f"{figures.period.label}. Money-weighted: the IRR of the dated flows (XIRR); "
        "time-weighted: each day's value change without the money put in or taken out; "
        "realised at average cost."
    )
    return SheetTable(f"Performance ({currency})", headers, rows, note, kinds)


def summary_tables(session: Session, on: date) -> list[SheetTable]:
    """For the Summary sheet: positions, performance, then look-through economics per holding."""
    return [
        positions_table(session, on),
        performance_table(session, on, reporting_currency(session)),
        lookthrough_table(session, on),
    ]


def exposure_tables(
    session: Session, on: date, currency: str, basis: Basis = Basis.CURRENT
) -> list[SheetTable]:
    """For the Exposure sheet: value by commodity, country and stage, then the interests."""
    exposure = portfolio_exposure(session, on, currency, basis)
    note = f"Interest basis: {basis.value}."
    if exposure.left_out:
        note += " Left out (no value): " + "; ".join(exposure.left_out) + "."
    tables = [
        SheetTable(
            f"Exposure by {dimension.value} ({currency}, {on.isoformat()})",
            (dimension.value.capitalize(), f"Value ({currency})", "Share %"),
            [(row.bucket, row.value, row.share_pct) for row in exposure.rows[dimension]],
            note,
            ("text", "money", "percent"),
        )
        for dimension in Dimension
    ]
    held = held_company_ids(session)
    interests: list[tuple[Cell, ...]] = [
        (
            row.company,
            row.project,
            row.country,
            row.stage,
            row.commodity,
            row.recorded_pct,
            row.current_pct,
            row.pending_pct,
            row.fully_earned_pct,
        )
        for row in interest_rows(session, held)
    ]
    headers = (
        "Company",
        "Project",
        "Country",
        "Stage",
        "Primary commodity",
        "Recorded %",
        "Current %",
        "Still to earn %",
        "If fully earned %",
    )
    kinds = ("text",) * 5 + ("percent",) * 4
    tables.append(SheetTable("Attributable interests", headers, interests, kinds=kinds))
    return tables
