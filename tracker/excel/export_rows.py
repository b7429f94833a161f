"""The rows of each sheet of the portfolio workbook, straight from SQL, in the fields' order.

One query per table, joined in Python by id (as ``tracker.lists`` does), so 100,000 projects
export in seconds. ``Selection`` narrows the export to what a filtered view shows.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Table, select, type_coerce
from sqlmodel import Session

from tracker.excel.compound import format_listings, format_partners
from tracker.excel.export_history import HistoryRows
from tracker.excel.field_types import Entity, SheetSpec
from tracker.excel.store import table
from tracker.exchanges import canonical_exchange
from tracker.models.types import ExactDecimal
from tracker.portfolio.positions import holding_rows

Row = list[Any]
#: Sheets whose rows ``export_history`` makes.
HISTORY = frozenset(
    {
        Entity.PROJECT_STAGE,
        Entity.STUDY_PRICE,
        Entity.STUDY_SENSITIVITY,
        Entity.DEAL_STEP,
        Entity.DEAL_STATUS,
        Entity.SHARE_PRICE,
        Entity.FX_RATE,
        Entity.COMMODITY_PRICE,
        Entity.EXPECTED_STUDY,
        Entity.WATCHLIST,
    }
)


@dataclass(frozen=True)
class Selection:
    """Ids to export per entity; None exports all. Narrowing projects narrows what hangs on them
    (commodities, studies, resources, their deals and events) and companies to their owners."""

    companies: frozenset[int] | None = None
    projects: frozenset[int] | None = None
    studies: frozenset[int] | None = None
    deals: frozenset[int] | None = None
    events: frozenset[int] | None = None
    holdings: frozenset[int] | None = None


def _keep(ids: frozenset[int] | None, value: int | None) -> bool:
    return ids is None or value in ids


class PortfolioRows:
    """Loads the shared lookups once, then yields each sheet's rows."""

    def __init__(self, session: Session, selection: Selection | None = None) -> None:
        self.session = session
        bind = session.get_bind()
        #: On SQLite, the sheets' decimals are read as the stored integer count of millionths
        #: (``tracker.units.SCALE``): the writer divides once, exactly rounded, instead of going
        #: through ``Decimal`` for every cell. Owners' interests stay ``Decimal``.
        self.raw = bind.dialect.name == "sqlite"
        self.selection = selection or Selection()
        self.company_names: dict[int, str] = {}
        self.project_names: dict[int, str] = {}
        self.symbols: dict[int, tuple[str, str, str]] = {}
        self.owners: dict[int, list[tuple[bool, Decimal, str]]] = defaultdict(list)
        self.commodities: dict[int, list[int]] = defaultdict(list)
        self.study_titles: dict[int, str] = {}
        self.deal_keys: dict[int, tuple[str, date | None]] = {}
        #: Deals the Deals sheet carries: a transaction names its deal only when it is there.
        self.exported_deals: set[int] = set()
        self._kept: set[int] | None = None
        self.history = HistoryRows(self)
        self._load()

    def _column(self, target: Table, name: str, raw: bool) -> ColumnElement[Any]:
        column = target.c[name]
        if raw and self.raw and isinstance(column.type, ExactDecimal):
            return type_coerce(column, BigInteger).label(name)
        return column

    def all(self, name: str, *columns: str, raw: bool = False) -> list[Any]:
        """``columns`` of every row of table ``name``, in id order (decimals raw on SQLite)."""
        target = table(name)
        query = select(*(self._column(target, c, raw) for c in columns))
        if "id" in target.c:
            query = query.order_by(target.c.id)
        return list(self.session.execute(query))

    def _load(self) -> None:
        self.company_names = dict(self.all("company", "id", "name"))
        self.project_names = dict(self.all("project", "id", "name"))
        for commodity_id, symbol, name, unit in self.all(
            "commodity", "id", "symbol", "name", "price_unit"
        ):
            self.symbols[commodity_id] = (symbol, name, unit)
        for project_id, company_id, interest, operator in self.all(
            "project_owner", "project_id", "company_id", "interest_pct", "is_operator"
        ):
            self.owners[project_id].append(
                (bool(operator), interest, self.company_names[company_id])
            )
        link = table("project_commodity")
        for project_id, commodity_id in self.session.execute(
            select(link.c.project_id, link.c.commodity_id).order_by(link.c.project_id, link.c.rank)
        ):
            self.commodities[project_id].append(commodity_id)
        self.selected_projects = self._selected_projects()
        self.selected_companies = self._selected_companies()

    def _selected_projects(self) -> frozenset[int] | None:
        chosen = self.selection
        if chosen.projects is None and chosen.studies is None:
            return None
        ids = set(chosen.projects or ())
        if chosen.studies is not None:
            study = table("study")
            rows = self.session.execute(select(study.c.id, study.c.project_id))
            ids.update(p for s, p in rows if s in chosen.studies)
        return frozenset(ids)

    def _selected_companies(self) -> frozenset[int] | None:
        if self.selection.companies is None and self.selected_projects is None:
            return None
        ids = set(self.selection.companies or ())
        owner = table("project_owner")
        for project_id, company_id in self.session.execute(
            select(owner.c.project_id, owner.c.company_id)
        ):
            if self.selected_projects is not None and project_id in self.selected_projects:
                ids.add(company_id)
        return frozenset(ids)

    def operator(self, project_id: int | None) -> tuple[str | None, Decimal | None, str | None]:
        """The project's operator (else largest owner), its interest, and the other owners."""
        if project_id is None:
            return None, None, None
        owners = sorted(self.owners.get(project_id, []), key=lambda o: (o[0], o[1]), reverse=True)
        if not owners:
            return None, None, None
        first = owners[0]
        others = format_partners([(name, interest) for _op, interest, name in owners[1:]])
        return first[2], first[1], others or None

    def rows(self, spec: SheetSpec) -> Iterator[Row]:
        if spec.entity in HISTORY:
            return self.history.rows(spec.entity)
        method = getattr(self, "_" + spec.entity.value)
        rows: Iterator[Row] = method()
        return rows

    def deal_key_map(self) -> dict[int, tuple[str, date | None]]:
        """Each deal's title and announcement date, by id."""
        if not self.deal_keys:
            self.deal_keys = {
                deal_id: (title, announced)
                for deal_id, title, announced in self.all("deal", "id", "title", "announced_date")
            }
        return self.deal_keys

    def _company(self) -> Iterator[Row]:
        listings: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for company_id, exchange, ticker in self.all("listing", "company_id", "exchange", "ticker"):
            # One spelling, even for a listing stored before there was one ("NYSE AMERICAN").
            listings[company_id].append((canonical_exchange(exchange), ticker))
        columns = (
            "id",
            "name",
            "website",
            "reporting_currency",
            "shares_outstanding",
            "shares_outstanding_date",
            "source",
            "notes",
        )
        every = self.all("company", *columns, raw=True)
        every.sort(key=lambda row: (row[1].casefold(), row[0]))
        for row in every:
            if not _keep(self.selected_companies, row[0]):
                continue
            yield [row[1], format_listings(listings[row[0]]) or None, *row[2:]]

    def _project(self) -> Iterator[Row]:
        tags: dict[int, list[str]] = defaultdict(list)
        for project_id, tag in self.all("project_tag", "project_id", "tag"):
            tags[project_id].append(tag)
        stage_dates: dict[int, tuple[date, int, str]] = {}
        for stage_id, project_id, effective, stage in self.all(
            "project_stage", "id", "project_id", "effective_date", "stage"
        ):
            known = stage_dates.get(project_id)
            if known is None or (effective, stage_id) >= known[:2]:
                stage_dates[project_id] = (effective, stage_id, stage)
        columns = ("id", "name", "country", "region", "district", "latitude", "longitude")
        tail = ("stage", "status")
        every = self.all("project", *columns, *tail, "source", "notes", raw=True)
        # By name, as the Projects list reads (then by entry, for projects of one name).
        every.sort(key=lambda row: (row[1].casefold(), row[0]))
        for row in every:
            project_id = row[0]
            if not _keep(self.selected_projects, project_id):
                continue
            company, interest, partners = self.operator(project_id)
            stage_date = stage_dates.get(project_id)
            yield [
                row[1],
                company,
                interest,
                partners,
                *row[2:7],
                row[7],
                # The date of the entry that put the project at its stage: none when the
                # history does not end with that stage (an import would add an entry).
                stage_date[0] if stage_date and row[7] and stage_date[2] == row[7] else None,
                row[8],
                "-".join(self.symbols[c][0] for c in self.commodities.get(project_id, [])) or None,
                "; ".join(sorted(tags.get(project_id, []))) or None,
                row[9],
                row[10],
                project_id,
            ]

    def _project_commodity(self) -> Iterator[Row]:
        by_name = sorted(
            self.commodities.items(),
            key=lambda item: (self.project_names[item[0]].casefold(), item[0]),
        )
        for project_id, commodity_ids in by_name:  # in the Projects sheet's order
            if not _keep(self.selected_projects, project_id):
                continue
            company = self.operator(project_id)[0]
            for rank, commodity_id in enumerate(commodity_ids, start=1):
                symbol, name, unit = self.symbols[commodity_id]
                yield [
                    self.project_names[project_id],
                    company,
                    rank,
                    symbol,
                    name,
                    unit,
                    project_id,
                ]

    def _study(self) -> Iterator[Row]:
        study = table("study")
        names = [c.name for c in study.c if c.name not in {"id", "version", "project_id"}]
        query = select(
            study.c.id, study.c.project_id, *(self._column(study, n, True) for n in names)
        )
        for row in self.session.execute(query.order_by(study.c.id)):
            self.study_titles[row[0]] = row[names.index("title") + 2]
            if not _keep(self.selected_projects, row[1]) or not _keep(
                self.selection.studies, row[0]
            ):
                continue
            yield [self.project_names[row[1]], self.operator(row[1])[0], *row[2:], row[1], row[0]]

    def _resource(self) -> Iterator[Row]:
        if not self.study_titles:
            self.study_titles = dict(self.all("study", "id", "title"))
        columns = (
            "project_id",
            "study_id",
            "category",
            "commodity_id",
            "tonnes",
            "grade",
            "grade_unit",
            "contained",
            "contained_unit",
            "cutoff",
            "effective_date",
            "source",
        )
        for row in self.all("resource_line", *columns, raw=True):
            if not _keep(self.selected_projects, row[0]):
                continue
            yield [
                self.project_names[row[0]],
                self.operator(row[0])[0],
                self.study_titles.get(row[1]) if row[1] else None,
                row[2],
                self.symbols[row[3]][0] if row[3] else None,
                *row[4:],
                row[0],
                row[1],
            ]

    def _deal(self) -> Iterator[Row]:
        columns = (
            "id",
            "title",
            "deal_type",
            "status",
            "project_id",
            "acquirer_id",
            "counterparty_id",
            "interest_pct",
            "consideration",
            "consideration_currency",
            "announced_date",
            "expected_close_date",
            "closed_date",
            "source",
            "notes",
        )
        for row in self.all("deal", *columns, raw=True):
            self.deal_keys[row[0]] = (row[1], row[columns.index("announced_date")])
            if not _keep(self.selection.deals, row[0]):
                continue
            if self.selected_projects is not None and row[4] not in self.selected_projects:
                continue
            self.exported_deals.add(row[0])
            project = row[4]
            yield [
                row[1],
                row[2],
                row[3],
                self.project_names.get(project) if project else None,
                self.operator(project)[0],
                self.company_names.get(row[5]) if row[5] else None,
                self.company_names.get(row[6]) if row[6] else None,
                *row[7:],
                project,
                row[0],
            ]

    def _deal_obligation(self) -> Iterator[Row]:
        keys = self.deal_key_map()
        steps = dict(self.all("deal_step", "id", "seq"))
        columns = ("deal_id", "step_id", "kind", "amount", "currency", "due_date", "met")
        kept_deals = self.kept_deals()
        for row in self.all("deal_obligation", *columns, "description", raw=True):
            if row[0] not in kept_deals:
                continue
            title, announced = keys[row[0]]
            yield [title, announced, steps.get(row[1]), *row[2:], row[0]]

    def kept_deals(self) -> set[int]:
        """Ids of the deals the selection keeps."""
        if self._kept is None:
            deal = table("deal")
            self._kept = {
                deal_id
                for deal_id, project_id in self.session.execute(
                    select(deal.c.id, deal.c.project_id)
                )
                if _keep(self.selection.deals, deal_id)
                and (self.selected_projects is None or project_id in self.selected_projects)
            }
        return self._kept

    def _event(self) -> Iterator[Row]:
        commodities: dict[int, list[str]] = defaultdict(list)
        for event_id, commodity_id in self.all("event_commodity", "event_id", "commodity_id"):
            commodities[event_id].append(self.symbols[commodity_id][0])
        columns = (
            "id",
            "event_date",
            "kind",
            "title",
            "project_id",
            "company_id",
            "description",
            "source",
        )
        for row in self.all("event", *columns):
            if not _keep(self.selection.events, row[0]):
                continue
            if self.selected_projects is not None and row[4] not in self.selected_projects:
                continue
            yield [
                row[1],
                row[2],
                row[3],
                self.project_names.get(row[4]) if row[4] else None,
                self.operator(row[4])[0],
                self.company_names.get(row[5]) if row[5] else None,
                "-".join(sorted(commodities.get(row[0], []))) or None,
                row[6],
                row[7],
                row[4],
                row[0],
            ]

    def _holding(self) -> Iterator[Row]:
        """Each holding's position: the sum of its transactions (average cost to the
        millionth the database keeps)."""
        for row in holding_rows(self.session):
            if not _keep(self.selection.holdings, row.id):
                continue
            average = None if row.average_cost is None else round(row.average_cost, 6)
            yield [
                row.company,
                row.shares,
                average,
                row.currency,
                row.opened_date,
                row.notes,
                row.id,
            ]

    def _transaction(self) -> Iterator[Row]:
        """Every holding's transactions, by holding and in the order they apply."""
        holdings = {
            holding_id: (company_id, currency)
            for holding_id, company_id, currency in self.all(
                "holding", "id", "company_id", "currency"
            )
            if _keep(self.selection.holdings, holding_id)
        }
        titles = dict(self.all("deal", "id", "title"))
        columns = (
            "holding_id",
            "trade_date",
            "kind",
            "shares",
            "price",
            "fees",
            "split_new",
            "split_old",
            "deal_id",
            "notes",
            "source",
        )
        found = [
            row for row in self.all("holding_transaction", *columns, raw=True) if row[0] in holdings
        ]
        for row in found:
            company_id, currency = holdings[row[0]]
            deal = row[8] if row[8] in self.exported_deals else None
            yield [
                self.company_names[company_id],
                currency,
                *row[1:8],
                titles.get(deal),
                row[9],
                row[10],
                row[0],
                deal,
            ]
