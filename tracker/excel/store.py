"""What the database already holds, indexed by natural key, so rows are matched with one query
per table and dictionary look-ups. New records the import plans are added here too, so later
rows find them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.excel.field_types import Entity

TABLES = {
    Entity.COMPANY: "company",
    Entity.PROJECT: "project",
    Entity.PROJECT_STAGE: "project_stage",
    Entity.STUDY: "study",
    Entity.STUDY_PRICE: "study_price",
    Entity.RESOURCE: "resource_line",
    Entity.DEAL: "deal",
    Entity.DEAL_STEP: "deal_step",
    Entity.DEAL_OBLIGATION: "deal_obligation",
    Entity.DEAL_STATUS: "deal_status_change",
    Entity.EVENT: "event",
    Entity.HOLDING: "holding",
    Entity.SHARE_PRICE: "share_price",
    Entity.FX_RATE: "fx_rate",
    Entity.EXPECTED_STUDY: "expected_study",
    Entity.WATCHLIST: "watchlist",
}
#: Child tables in the order they load (a table after the ones its keys point to).
CHILDREN = (
    Entity.PROJECT_STAGE,
    Entity.STUDY,
    Entity.STUDY_PRICE,
    Entity.RESOURCE,
    Entity.DEAL,
    Entity.DEAL_STEP,
    Entity.DEAL_OBLIGATION,
    Entity.DEAL_STATUS,
    Entity.EVENT,
    Entity.HOLDING,
    Entity.SHARE_PRICE,
    Entity.FX_RATE,
    Entity.EXPECTED_STUDY,
    Entity.WATCHLIST,
)
#: What a child table's rows need loaded to be matched.
NEEDS = {
    Entity.STUDY_PRICE: (Entity.STUDY,),
    Entity.RESOURCE: (Entity.STUDY,),
    Entity.DEAL_STEP: (Entity.DEAL,),
    Entity.DEAL_OBLIGATION: (Entity.DEAL, Entity.DEAL_STEP),
    Entity.DEAL_STATUS: (Entity.DEAL,),
}
#: Child records listed per parent (a project's stage history, a deal's steps and statuses).
PARENT_COLUMN = {
    Entity.PROJECT_STAGE: "project_id",
    Entity.DEAL_STEP: "deal_id",
    Entity.DEAL_STATUS: "deal_id",
}
#: Keys the database holds once (one price per company and day, ...): a second row with the
#: key updates the record rather than adding another.
UNIQUE_KEYS = frozenset({Entity.DEAL_STEP, Entity.SHARE_PRICE, Entity.FX_RATE, Entity.WATCHLIST})


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


class Record:
    """A row of one table as the import will leave it. ``id`` is None until a new one is written.

    Foreign keys hold the parent ``Record`` (so new parents work); ``extra`` holds what lives in
    link tables (listings, owners, commodities, tags, stage history). Records compare and hash
    by identity; a plain slotted class, as an import makes hundreds of thousands of them.
    """

    __slots__ = ("created", "dirty", "entity", "extra", "id", "key", "values")

    def __init__(
        self,
        entity: Entity,
        id: int | None,
        values: dict[str, Any],
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.entity = entity
        self.id = id
        self.values = values
        self.extra: dict[str, Any] = {} if extra is None else extra
        self.created = False
        self.dirty: set[str] = set()
        #: The natural key, when already worked out (``entity_key`` otherwise).
        self.key: tuple[Any, ...] | None = None

    @property
    def label(self) -> str:
        for name in ("name", "title"):
            if self.values.get(name):
                return str(self.values[name])
        return self.entity.value


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def entity_key(record: Record) -> tuple[Any, ...] | None:
    """The natural key of a child record: what says two rows are the same thing."""
    return key_of(record.entity, record.values)


def key_of(entity: Entity, v: dict[str, Any]) -> tuple[Any, ...] | None:
    """The natural key of ``entity`` values ``v``."""
    match entity:
        case Entity.PROJECT_STAGE:
            return (v["project_id"], v["stage"], v["effective_date"])
        case Entity.STUDY:
            when = v.get("publication_date") or v.get("effective_date")
            return (v["project_id"], v["study_type"], _lower(v["title"]), when)
        case Entity.STUDY_PRICE:
            return (v["study_id"], v["commodity_id"])
        case Entity.RESOURCE:
            return (
                v["project_id"],
                v["category"],
                v.get("commodity_id"),
                v.get("effective_date"),
                v.get("study_id"),
            )
        case Entity.DEAL:
            return (_lower(v["title"]), v.get("announced_date"))
        case Entity.DEAL_STEP:
            return (v["deal_id"], v["seq"])
        case Entity.DEAL_OBLIGATION:
            return (v["deal_id"], v["kind"], v.get("due_date"), _lower(v.get("description")))
        case Entity.DEAL_STATUS:
            return (v["deal_id"], v["status"], v["changed_on"])
        case Entity.EVENT:
            return (v["event_date"], v["kind"], _lower(v["title"]), v.get("project_id"))
        case Entity.HOLDING:
            return (v["company_id"], v.get("currency"), v.get("opened_date"))
        case Entity.SHARE_PRICE:
            return (v["company_id"], v["price_date"])
        case Entity.FX_RATE:
            return (v["base"], v["quote"], v["rate_date"])
        case Entity.EXPECTED_STUDY:
            return (v["project_id"], v["study_type"], v["expected_date"], v["noted_on"])
        case Entity.WATCHLIST:
            return (_lower(v["name"]),)
    return None


@dataclass
class Store:
    """Records by entity and by key."""

    by_id: dict[Entity, dict[int, Record]] = field(default_factory=lambda: defaultdict(dict))
    created: dict[Entity, list[Record]] = field(default_factory=lambda: defaultdict(list))
    touched: set[Record] = field(default_factory=set)
    company_names: dict[str, Record] = field(default_factory=dict)
    listings: dict[tuple[str, str], Record] = field(default_factory=dict)
    tickers: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    project_names: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    #: Projects by (lower-case name, owner): a superset (owners can leave), checked on use.
    owned_projects: dict[tuple[str, Record], list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )
    #: Projects that had no owner when indexed, by lower-case name (checked on use).
    orphans: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    keyed: dict[Entity, dict[tuple[Any, ...], list[Record]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    #: (project, lower-case title) -> studies.
    study_titles: dict[tuple[Record, str], list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )
    #: (entity, parent) -> the parent's records of that entity (see ``PARENT_COLUMN``).
    children: dict[tuple[Entity, Record], list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )
    commodity_ids: dict[str, int] = field(default_factory=dict)
    commodity_symbols: dict[int, str] = field(default_factory=dict)
    #: Projects and deals whose current stage or status a row stated.
    stated: set[Record] = field(default_factory=set)

    def known_commodity_names(self) -> frozenset[str]:
        return frozenset(self.commodity_ids)

    def add(self, record: Record) -> None:
        """Register a new record so later rows match it."""
        record.created = True
        self.created[record.entity].append(record)
        self.index(record)

    def index(self, record: Record) -> None:
        values = record.values
        if record.entity is Entity.COMPANY:
            self.company_names.setdefault(str(values["name"]).lower(), record)
            for exchange, ticker in record.extra.get("listings", ()):
                self.listings.setdefault((exchange, ticker), record)
                if record not in self.tickers[ticker]:
                    self.tickers[ticker].append(record)
        elif record.entity is Entity.PROJECT:
            name = str(values["name"]).lower()
            if record not in self.project_names[name]:
                self.project_names[name].append(record)
                if not record.extra["owners"]:
                    self.orphans[name].append(record)
            self.index_owners(record)
        else:
            key = record.key if record.key is not None else entity_key(record)
            if key is not None:
                self.keyed[record.entity][key].append(record)
            if record.entity is Entity.STUDY:
                title = str(values["title"]).lower()
                self.study_titles[(values["project_id"], title)].append(record)
            parent = PARENT_COLUMN.get(record.entity)
            if parent is not None:
                self.children[(record.entity, values[parent])].append(record)

    def index_owners(self, project: Record) -> None:
        name = str(project.values["name"]).lower()
        for company in project.extra["owners"]:
            known = self.owned_projects[(name, company)]
            if project not in known:
                known.append(project)


def _rows(session: Session, name: str) -> list[dict[str, Any]]:
    target = table(name)
    return [dict(row._mapping) for row in session.execute(select(target).order_by(target.c.id))]


#: Foreign-key columns and the entity they point to.
PARENTS = {
    "project_id": Entity.PROJECT,
    "company_id": Entity.COMPANY,
    "acquirer_id": Entity.COMPANY,
    "counterparty_id": Entity.COMPANY,
    "study_id": Entity.STUDY,
    "deal_id": Entity.DEAL,
    "step_id": Entity.DEAL_STEP,
}


def load_store(session: Session, entities: set[Entity]) -> Store:
    """Load companies, projects and the child tables the import touches: one query a table."""
    store = Store()
    commodity = table("commodity")
    for commodity_id, symbol, name in session.execute(
        select(commodity.c.id, commodity.c.symbol, commodity.c.name)
    ):
        store.commodity_symbols[commodity_id] = symbol
        for alias in (symbol, name, name.split(" (")[0]):
            store.commodity_ids.setdefault(alias.lower(), commodity_id)
    _load_companies(session, store)
    _load_projects(session, store)
    needed = set(entities)
    for entity in entities:
        needed.update(NEEDS.get(entity, ()))
    for entity in CHILDREN:
        if entity in needed:
            _load_plain(session, store, entity)
    if Entity.EVENT in needed:
        link = table("event_commodity")
        for event_id, commodity_id in session.execute(select(link.c.event_id, link.c.commodity_id)):
            record = store.by_id[Entity.EVENT].get(event_id)
            if record is not None:
                record.extra.setdefault("commodities", []).append(commodity_id)
    return store


def _load_companies(session: Session, store: Store) -> None:
    for values in _rows(session, "company"):
        record_id = values.pop("id")
        store.by_id[Entity.COMPANY][record_id] = Record(Entity.COMPANY, record_id, values)
    listing = table("listing")
    rows = session.execute(
        select(listing.c.company_id, listing.c.exchange, listing.c.ticker).order_by(listing.c.id)
    )
    for company_id, exchange, ticker in rows:
        store.by_id[Entity.COMPANY][company_id].extra.setdefault("listings", []).append(
            (exchange, ticker)
        )
    for record in store.by_id[Entity.COMPANY].values():
        record.extra.setdefault("listings", [])
        store.index(record)


def _load_projects(session: Session, store: Store) -> None:
    companies = store.by_id[Entity.COMPANY]
    for values in _rows(session, "project"):
        record_id = values.pop("id")
        record = Record(Entity.PROJECT, record_id, values)
        record.extra = {"owners": {}, "commodities": [], "tags": [], "stages": set()}
        store.by_id[Entity.PROJECT][record_id] = record
    projects = store.by_id[Entity.PROJECT]
    owner = table("project_owner")
    for project_id, company_id, interest, operator in session.execute(
        select(
            owner.c.project_id, owner.c.company_id, owner.c.interest_pct, owner.c.is_operator
        ).order_by(owner.c.id)
    ):
        projects[project_id].extra["owners"][companies[company_id]] = [interest, bool(operator)]
    link = table("project_commodity")
    for project_id, commodity_id in session.execute(
        select(link.c.project_id, link.c.commodity_id).order_by(link.c.project_id, link.c.rank)
    ):
        projects[project_id].extra["commodities"].append(commodity_id)
    tags = table("project_tag")
    for project_id, tag in session.execute(
        select(tags.c.project_id, tags.c.tag).order_by(tags.c.tag)
    ):
        projects[project_id].extra["tags"].append(tag)
    stages = table("project_stage")
    for project_id, stage, effective in session.execute(
        select(stages.c.project_id, stages.c.stage, stages.c.effective_date)
    ):
        projects[project_id].extra["stages"].add((stage, effective))
    for record in projects.values():
        store.index(record)


def _load_plain(session: Session, store: Store, entity: Entity) -> None:
    parents = [(column, parent) for column, parent in PARENTS.items()]
    for values in _rows(session, TABLES[entity]):
        record_id = values.pop("id")
        for column, parent in parents:
            parent_id = values.get(column)
            if parent_id is not None:
                values[column] = store.by_id[parent].get(parent_id, parent_id)
        record = Record(entity, record_id, values)
        store.by_id[entity][record_id] = record
        store.index(record)


def latest_stage(stages: set[tuple[str, date]]) -> tuple[str, date] | None:
    return max(stages, key=lambda entry: entry[1], default=None)


def owner_interest(record: Record, company: Record) -> Decimal | None:
    share = record.extra.get("owners", {}).get(company)
    return None if share is None else share[0]
