"""The columns of each list: header, raw value (what sorting uses) and the text shown.

Kept free of Qt so the table models stay generic and the formatting is tested on its own.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tracker.formatting import discount_rate, millions, percent

if TYPE_CHECKING:  # the row types only; importing them would load the models at startup
    from tracker.lists.items import CompanyItem, DealItem, EventItem, ProjectItem, StudyItem
    from tracker.portfolio.reporting import Reported

Row = TypeVar("Row", bound=tuple[Any, ...])


def text_of(value: Any) -> str:
    """How a raw value reads in a cell: dates in ISO form, tuples joined, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return str(value)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column: header, the raw value of a row (for sorting), how it reads, and its width."""

    header: str
    value: Callable[[Row], Any]
    text: Callable[[Row], str] | None = None
    numeric: bool = False
    width: int = 12
    """Width in average characters, a starting point the user can change."""
    tooltip: Callable[[Row], str] | None = None
    """What hovering a cell says (for converted money: the rate and its date)."""
    after: str | None = None
    """The header of the column this one is first shown after (columns added to a list go at
    its end, so that a layout saved before keeps its columns, and are shown where they read
    best)."""

    def display(self, row: Row) -> str:
        if self.text is not None:
            return self.text(row)
        return text_of(self.value(row))


@dataclass(frozen=True)
class TableSpec(Generic[Row]):
    """The columns of one list and the order it starts in."""

    columns: tuple[Column[Row], ...]
    sort_column: int = 0
    sort_descending: bool = False

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def visual_order(self) -> list[int]:
        """The columns' indices in the order first shown: each ``after`` one moved behind the
        column it names (which comes earlier in ``columns``)."""
        headers = self.headers
        order = [i for i, column in enumerate(self.columns) if column.after is None]
        for i, column in enumerate(self.columns):
            if column.after is not None:
                order.insert(order.index(headers.index(column.after)) + 1, i)
        return order


def millions_column(
    header: str,
    value: Callable[[Row], Decimal | None],
    currency: Callable[[Row], str | None],
    width: int = 14,
) -> Column[Row]:
    """An amount read in millions of its currency, sorted on the amount."""
    return Column(header, value, lambda r: millions(value(r), currency(r)), True, width)


def percent_column(
    header: str, value: Callable[[Row], Decimal | None], width: int = 8
) -> Column[Row]:
    """Percent points with one decimal, sorted on the number."""
    return Column(header, value, lambda r: percent(value(r)), True, width)


def reported_column(
    header: str,
    value: Callable[[Row], Decimal | None],
    given: Callable[[Row], Decimal | None],
    reported: Callable[[Row], "Reported"],
    width: int = 14,
    after: str | None = None,
) -> Column[Row]:
    """An amount in the reporting currency, in millions, with the rate in its tooltip; a
    figure that has no rate says so instead of a number (``given`` is the unconverted one)."""

    def text(row: Row) -> str:
        amount = value(row)
        if amount is None and given(row) is not None:
            return reported(row).rate or "no rate"
        return millions(amount, reported(row).currency)

    return Column(header, value, text, True, width, lambda r: reported(r).rate_detail, after)


def rate_column(reported: Callable[[Row], "Reported"], after: str, width: int = 28) -> Column[Row]:
    """The rate that converted a row's money into the reporting currency, and its date."""
    return Column(
        "FX rate",
        lambda r: reported(r).rate,
        width=width,
        tooltip=lambda r: reported(r).rate_detail,
        after=after,
    )


def _commodities(row: "ProjectItem") -> str:
    return "-".join(row.commodities)


def _milestone(row: "ProjectItem") -> str:
    """``2026-06-30 cash due``: the date sorts, the words say what it is."""
    if row.milestone_date is None:
        return ""
    return f"{row.milestone_date.isoformat()} {row.milestone or ''}".rstrip()


CAPEX = "Capex"
INITIAL_CAPEX = "Initial capex"

PROJECTS: "TableSpec[ProjectItem]" = TableSpec(
    (
        Column("Project", lambda r: r.name, width=26),
        Column("Company", lambda r: r.company, width=22),
        Column("Country", lambda r: r.country, width=14),
        Column("Stage", lambda r: r.stage, width=18),
        Column("Commodities", lambda r: r.commodities, _commodities, width=12),
        Column("Latest study", lambda r: r.study_type, width=12),
        Column("Study date", lambda r: r.study_date, width=10),
        millions_column("After-tax NPV", lambda r: r.after_tax_npv, lambda r: r.study_currency),
        percent_column("IRR", lambda r: r.after_tax_irr_pct),
        millions_column(CAPEX, lambda r: r.initial_capex, lambda r: r.study_currency),
        Column("Next milestone", lambda r: r.milestone_date, _milestone, width=24),
        Column("Region", lambda r: r.region, width=16),
        Column("Status", lambda r: r.status, width=9),
        reported_column(
            "NPV (reporting)",
            lambda r: r.reporting.after_tax_npv,
            lambda r: r.after_tax_npv,
            lambda r: r.reporting,
            after=CAPEX,
        ),
        reported_column(
            "Capex (reporting)",
            lambda r: r.reporting.initial_capex,
            lambda r: r.initial_capex,
            lambda r: r.reporting,
            after="NPV (reporting)",
        ),
        rate_column(lambda r: r.reporting, after="Capex (reporting)"),
    )
)

COMPANIES: "TableSpec[CompanyItem]" = TableSpec(
    (
        Column("Company", lambda r: r.name, width=28),
        Column("Listings", lambda r: r.listings, width=22),
        Column("Currency", lambda r: r.reporting_currency, width=8),
        Column("Projects", lambda r: r.project_count, numeric=True, width=8),
        Column("Countries", lambda r: r.countries, width=28),
    )
)

STUDIES: "TableSpec[StudyItem]" = TableSpec(
    (
        Column("Published", lambda r: r.publication_date, width=10),
        Column("Project", lambda r: r.project, width=24),
        Column("Type", lambda r: r.study_type, width=14),
        Column("Title", lambda r: r.title, width=30),
        millions_column("After-tax NPV", lambda r: r.after_tax_npv, lambda r: r.currency),
        percent_column("IRR", lambda r: r.after_tax_irr_pct),
        Column(
            "Rate",
            lambda r: r.discount_rate_pct,
            lambda r: discount_rate(r.discount_rate_pct, r.after_tax_npv is not None),
            True,
            9,
        ),
        millions_column(INITIAL_CAPEX, lambda r: r.initial_capex, lambda r: r.currency),
        reported_column(
            "NPV (reporting)",
            lambda r: r.reporting.after_tax_npv,
            lambda r: r.after_tax_npv,
            lambda r: r.reporting,
            after=INITIAL_CAPEX,
        ),
        reported_column(
            "Capex (reporting)",
            lambda r: r.reporting.initial_capex,
            lambda r: r.initial_capex,
            lambda r: r.reporting,
            after="NPV (reporting)",
        ),
        rate_column(lambda r: r.reporting, after="Capex (reporting)"),
    ),
    sort_column=0,
    sort_descending=True,
)

DEALS: "TableSpec[DealItem]" = TableSpec(
    (
        Column("Announced", lambda r: r.announced_date, width=10),
        Column("Deal", lambda r: r.title, width=30),
        Column("Type", lambda r: r.deal_type, width=14),
        millions_column(
            "Consideration", lambda r: r.consideration, lambda r: r.consideration_currency
        ),
        Column("Status", lambda r: r.status, width=14),
        Column("Project", lambda r: r.project, width=20),
        Column("Acquirer", lambda r: r.acquirer, width=20),
        Column("Counterparty", lambda r: r.counterparty, width=20),
        percent_column("Interest", lambda r: r.interest_pct),
        reported_column(
            "Consideration (reporting)",
            lambda r: r.reporting.after_tax_npv,
            lambda r: r.consideration,
            lambda r: r.reporting,
            width=16,
            after="Consideration",
        ),
        rate_column(lambda r: r.reporting, after="Consideration (reporting)"),
    ),
    sort_column=0,
    sort_descending=True,
)

EVENTS: "TableSpec[EventItem]" = TableSpec(
    (
        Column("Date", lambda r: r.event_date, width=10),
        Column("Kind", lambda r: r.kind, width=14),
        Column("Title", lambda r: r.title, width=40),
        Column("Project", lambda r: r.project, width=20),
        Column("Company", lambda r: r.company, width=20),
    ),
    sort_column=0,
    sort_descending=True,
)
