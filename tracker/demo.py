"""Load the demo portfolio shipped in ``resources/demo/portfolio.json`` through the services.

Going through the services means the demo obeys every validation rule a user's data does, and
the whole load is one transaction: it lands completely or not at all.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any, get_args

from sqlmodel import Session, SQLModel

from tracker.errors import ConflictError, FieldProblem, ValidationError
from tracker.models import (
    CommodityPrice,
    Company,
    Deal,
    Event,
    FxRate,
    Holding,
    HoldingTransaction,
    Project,
    ResourceLine,
    SharePrice,
    Study,
)
from tracker.portfolio.commodity_prices import record_commodity_price
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.prices import record_share_price
from tracker.services import (
    companies,
    deals,
    events,
    holdings,
    projects,
    studies,
    transactions,
)
from tracker.services.commodities import resolve_commodities
from tracker.services.sensitivities import Sensitivity
from tracker.services.settings import set_reporting_currency

JsonObject = Mapping[str, Any]


@dataclass(frozen=True)
class DemoCounts:
    companies: int
    projects: int
    studies: int
    deals: int
    events: int
    holdings: int


def demo_data() -> JsonObject:
    """The demo portfolio as parsed JSON."""
    text = resources.files("resources.demo").joinpath("portfolio.json").read_text("utf-8")
    data: JsonObject = json.loads(text)
    return data


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _date(value: Any) -> date | None:
    return None if not value else date.fromisoformat(value)


def _fields(item: JsonObject, model: type[SQLModel]) -> dict[str, Any]:
    """The item's values for ``model``'s fields, as decimals and dates where the model says so."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in item or name == "id" or name.endswith("_id"):
            continue
        kinds = get_args(info.annotation) or (info.annotation,)
        raw = item[name]
        if Decimal in kinds:
            values[name] = _decimal(raw)
        elif date in kinds:
            values[name] = _date(raw)
        else:
            values[name] = raw
    return values


class _Loader:
    """Creates the demo's records, remembering ids by name for cross-references."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.company_ids: dict[str, int] = {}
        self.project_ids: dict[str, int] = {}
        self.deal_ids: dict[str, int] = {}

    def company(self, name: str | None, where: str) -> int | None:
        if name is None:
            return None
        if name not in self.company_ids:
            raise ValidationError([FieldProblem(where, name, "is not a company of the demo")])
        return self.company_ids[name]

    def load(self, data: JsonObject) -> DemoCounts:
        for item in data.get("companies", []):
            self.add_company(item)
        study_count = 0
        for item in data.get("projects", []):
            study_count += self.add_project(item)
        for item in data.get("deals", []):
            self.add_deal(item)
        for item in data.get("events", []):
            self.add_event(item)
        for item in data.get("holdings", []):
            self.add_holding(item)
        for item in data.get("share_prices", []):
            self.add_share_price(item)
        for item in data.get("fx_rates", []):
            record_fx_rate(self.session, FxRate(**_fields(item, FxRate)))
        for item in data.get("commodity_prices", []):
            self.add_commodity_price(item)
        if data.get("reporting_currency"):
            set_reporting_currency(self.session, data["reporting_currency"])
        return DemoCounts(
            len(self.company_ids),
            len(self.project_ids),
            study_count,
            len(data.get("deals", [])),
            len(data.get("events", [])),
            len(data.get("holdings", [])),
        )

    def add_company(self, item: JsonObject) -> None:
        company = Company(
            name=item["name"],
            website=item.get("website"),
            reporting_currency=item.get("reporting_currency"),
            notes=item.get("notes"),
            source=item.get("source"),
            shares_outstanding=_decimal(item.get("shares_outstanding")),
            shares_outstanding_date=_date(item.get("shares_outstanding_date")),
        )
        listings = [
            companies.ListingSpec(listing["exchange"], listing["ticker"])
            for listing in item.get("listings", [])
        ]
        created = companies.create_company(self.session, company, listings)
        assert created.id is not None
        self.company_ids[created.name] = created.id

    def add_project(self, item: JsonObject) -> int:
        project = Project(
            name=item["name"],
            country=item.get("country"),
            region=item.get("region"),
            district=item.get("district"),
            latitude=_decimal(item.get("latitude")),
            longitude=_decimal(item.get("longitude")),
            status=item.get("status") or "active",
            notes=item.get("notes"),
            source=item.get("source"),
        )
        owners = [
            projects.OwnerShare(
                company_id=self.company(owner["company"], "owner") or 0,
                interest_pct=Decimal(owner["interest_pct"]),
                is_operator=bool(owner.get("is_operator")),
            )
            for owner in item.get("owners", [])
        ]
        created = projects.create_project(
            self.session,
            project,
            owners=owners,
            commodities=item.get("commodities", []),
            tags=item.get("tags", []),
        )
        assert created.id is not None
        self.project_ids[created.name] = created.id
        for stage in item.get("stages", []):
            projects.record_stage(
                self.session,
                created.id,
                projects.StageEntry(
                    stage["stage"],
                    date.fromisoformat(stage["effective_date"]),
                    stage.get("note"),
                    stage.get("source"),
                ),
            )
        for study_item in item.get("studies", []):
            self.add_study(created.id, study_item)
        for line in item.get("resources", []):
            self.add_resource(created.id, None, line)
        return len(item.get("studies", []))

    def add_study(self, project_id: int, item: JsonObject) -> None:
        study = Study(project_id=project_id, **_fields(item, Study))
        prices = [
            studies.PriceAssumption(
                price["commodity"], Decimal(price["price"]), price["currency"], price["unit"]
            )
            for price in item.get("prices", [])
        ]
        points = [
            Sensitivity(
                point["commodity"],
                _decimal(point.get("after_tax_npv")),
                _decimal(point.get("price")),
                point.get("currency"),
                point.get("unit"),
                _decimal(point.get("change_pct")),
                point.get("source"),
            )
            for point in item.get("sensitivities", [])
        ]
        created = studies.create_study(self.session, study, prices, points)
        for line in item.get("resources", []):
            self.add_resource(project_id, created.id, line)

    def add_resource(self, project_id: int, study_id: int | None, item: JsonObject) -> None:
        line = ResourceLine(project_id=project_id, study_id=study_id, **_fields(item, ResourceLine))
        studies.add_resource(self.session, line, item.get("commodity"))

    def add_deal(self, item: JsonObject) -> None:
        history = item.get("status_history") or [
            {"status": item["status"], "changed_on": item.get("announced_date")}
        ]
        project_name = item.get("project")
        deal = Deal(
            title=item["title"],
            deal_type=item["deal_type"],
            status=history[0]["status"],
            project_id=self.project_ids.get(project_name) if project_name else None,
            acquirer_id=self.company(item.get("acquirer"), "acquirer"),
            counterparty_id=self.company(item.get("counterparty"), "counterparty"),
            interest_pct=_decimal(item.get("interest_pct")),
            consideration=_decimal(item.get("consideration")),
            consideration_currency=item.get("consideration_currency"),
            announced_date=_date(item.get("announced_date")),
            expected_close_date=_date(item.get("expected_close_date")),
            source=item.get("source"),
            notes=item.get("notes"),
        )
        if project_name and deal.project_id is None:
            raise ValidationError(
                [FieldProblem("deal project", project_name, "is not in the demo")]
            )
        steps = [
            deals.StepSpec(
                interest_pct=Decimal(step["interest_pct"]),
                due_date=_date(step.get("due_date")),
                description=step.get("description"),
                earned=bool(step.get("earned")),
                obligations=tuple(_obligation(o) for o in step.get("obligations", [])),
            )
            for step in item.get("steps", [])
        ]
        created = deals.create_deal(
            self.session,
            deal,
            status_date=_date(history[0].get("changed_on")),
            steps=steps,
            obligations=[_obligation(o) for o in item.get("obligations", [])],
        )
        assert created.id is not None
        self.deal_ids[created.title] = created.id
        for change in history[1:]:
            deals.change_status(
                self.session,
                created.id,
                change["status"],
                date.fromisoformat(change["changed_on"]),
                change.get("note"),
            )
        closed = _date(item.get("closed_date"))
        if closed is not None and created.closed_date != closed:
            created.closed_date = closed
            deals.update_deal(self.session, created.id, created)

    def add_event(self, item: JsonObject) -> None:
        project_name = item.get("project")
        event = Event(
            event_date=date.fromisoformat(item["event_date"]),
            kind=item["kind"],
            title=item["title"],
            description=item.get("description"),
            source=item.get("source"),
            project_id=self.project_ids.get(project_name) if project_name else None,
            company_id=self.company(item.get("company"), "event company"),
        )
        events.create_event(self.session, event, item.get("commodities", []))

    def add_holding(self, item: JsonObject) -> None:
        """A holding opened with a buy of ``shares`` at ``average_cost``, then its further
        ``transactions`` (illustrative, as their source says)."""
        holding = Holding(
            company_id=self.company(item["company"], "holding company") or 0,
            currency=item.get("currency") or "CAD",
            notes=item.get("notes"),
        )
        holdings.create_holding(
            self.session,
            holding,
            Decimal(item["shares"]),
            _decimal(item.get("average_cost")),
            _date(item.get("opened_date")),
        )
        for move in item.get("transactions", []):
            deal = move.get("deal")
            entry = HoldingTransaction(
                holding_id=holding.id or 0,
                currency=holding.currency,
                deal_id=self.deal_ids[deal] if deal else None,
                **_fields(move, HoldingTransaction),
            )
            transactions.create_transaction(self.session, entry)

    def add_commodity_price(self, item: JsonObject) -> None:
        """A commodity price (illustrative unless its source says where it is from), so that
        NPVs at today's deck show."""
        entry = CommodityPrice(
            commodity_id=_commodity_id(self.session, item["commodity"]),
            **_fields(item, CommodityPrice),
        )
        record_commodity_price(self.session, entry)

    def add_share_price(self, item: JsonObject) -> None:
        """An illustrative price (its source says so), so that positions have a value."""
        entry = SharePrice(
            company_id=self.company(item["company"], "share price company") or 0,
            **_fields(item, SharePrice),
        )
        record_share_price(self.session, entry)


def _commodity_id(session: Session, symbol: str) -> int:
    ids, problems = resolve_commodities(session, [symbol], "commodity price commodity")
    if problems:
        raise ValidationError(problems)
    return ids[0]


def _obligation(item: JsonObject) -> deals.ObligationSpec:
    return deals.ObligationSpec(
        kind=item["kind"],
        amount=Decimal(item["amount"]),
        currency=item.get("currency"),
        due_date=_date(item.get("due_date")),
        met=bool(item.get("met")),
        description=item.get("description"),
    )


def load_demo(session: Session, data: JsonObject | None = None) -> DemoCounts:
    """Add the demo portfolio; refused (nothing written) when its companies already exist."""
    portfolio = demo_data() if data is None else data
    first = next(iter(portfolio.get("companies", [])), None)
    if first is not None and companies.find_company(session, first["name"]) is not None:
        raise ConflictError("the demo portfolio is already in this database")
    return _Loader(session).load(portfolio)
