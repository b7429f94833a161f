"""What the database already holds, indexed by natural key, so rows are matched with one query
per table and dictionary look-ups. New records the import plans are added here too, so later
rows find them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.excel.field_types import Entity
from tracker.exchanges import canonical_exchange

TABLES = {
    Entity.COMPANY: "company",
    Entity.PROJECT: "project",
    Entity.PROJECT_STAGE: "project_stage",
    Entity.STUDY: "study",
    Entity.STUDY_PRICE: "study_price",
    Entity.STUDY_SENSITIVITY: "study_sensitivity",
    Entity.RESOURCE: "resource_line",
    Entity.DEAL: "deal",
    Entity.DEAL_STEP: "deal_step",
    Entity.DEAL_OBLIGATION: "deal_obligation",
    Entity.DEAL_STATUS: "deal_status_change",
    Entity.EVENT: "event",
    Entity.HOLDING: "holding",
    Entity.TRANSACTION: "holding_transaction",
    Entity.SHARE_PRICE: "share_price",
    Entity.FX_RATE: "fx_rate",
    Entity.COMMODITY_PRICE: "commodity_price",
    Entity.EXPECTED_STUDY: "expected_study",
    Entity.WATCHLIST: "watchlist",
}
#: Child tables in the order they load (a table after the ones its keys point to).
CHILDREN = (
    Entity.PROJECT_STAGE,
    Entity.STUDY,
    Entity.STUDY_PRICE,
    Entity.STUDY_SENSITIVITY,
    Entity.RESOURCE,
    Entity.DEAL,
    Entity.DEAL_STEP,
    Entity.DEAL_OBLIGATION,
    Entity.DEAL_STATUS,
    Entity.EVENT,
    Entity.HOLDING,
    Entity.TRANSACTION,
    Entity.SHARE_PRICE,
    Entity.FX_RATE,
    Entity.COMMODITY_PRICE,
    Entity.EXPECTED_STUDY,
    Entity.WATCHLIST,
)
#: What a child table's rows need loaded to be matched.
NEEDS = {
    Entity.STUDY_PRICE: (Entity.STUDY,),
    Entity.STUDY_SENSITIVITY: (Entity.STUDY,),
    Entity.RESOURCE: (Entity.STUDY,),
    Entity.DEAL_STEP: (Entity.DEAL,),
    Entity.DEAL_OBLIGATION: (Entity.DEAL, Entity.DEAL_STEP),
    Entity.DEAL_STATUS: (Entity.DEAL,),
    Entity.TRANSACTION: (Entity.HOLDING, Entity.DEAL),
}
#: Child records listed per parent (a project's stage history, a deal's steps and statuses).
PARENT_COLUMN = {
    Entity.PROJECT_STAGE: "project_id",
    Entity.DEAL_STEP: "deal_id",
    Entity.DEAL_STATUS: "deal_id",
}
#: Keys the database holds once (one price per company and day, ...): a second row with the
#: key updates the record rather than adding another.
UNIQUE_KEYS = frozenset(
    {
        Entity.DEAL_STEP,
        Entity.SHARE_PRICE,
        Entity.FX_RATE,
        Entity.COMMODITY_PRICE,
        Entity.WATCHLIST,
    }
)


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


_CLEAN: frozenset[str] = frozenset()


class Record:
    """A row of one table as the import will leave it. ``id`` is None until a new one is written.

    Foreign keys hold the parent ``Record`` (so new parents work); ``extra`` holds what lives in
    link tables (listings, owners, commodities, tags, stage history). Records compare and hash
    by identity; a plain slotted class, as an import makes hundreds of thousands of them.
    """

    __slots__ = ("before", "created", "dirty", "entity", "extra", "id", "key", "values")

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
        #: The names the import changes (shared and empty until ``changes`` is first asked:
        #: most records of an import never change, and a set each costs 200 bytes).
        self.dirty: set[str] | frozenset[str] = _CLEAN
        #: The natural key, when already worked out (``entity_key`` otherwise).
        self.key: tuple[Any, ...] | None = None
        #: A stored record's values and link state before the import first changed them.
        self.before: dict[str, Any] | None = None

    def changes(self) -> set[str]:
        """``dirty``, as a set of this record's own that can be changed."""
        if self.dirty.__class__ is not set:
            self.dirty = set(self.dirty)
        return self.dirty

    @property
    def label(self) -> str:
        for name in ("name", "title"):
            if self.values.get(name):
                return str(self.values[name])
        return self.entity.value


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


#: The natural key of each child entity: what says two rows are the same thing. A part is a
#: field, ``field:lower`` (case ignored), or ``first|second`` (the first that is given).
KEY_PARTS: dict[Entity, tuple[str, ...]] = {
    Entity.PROJECT_STAGE: ("project_id", "stage", "effective_date"),
    Entity.STUDY: ("project_id", "study_type", "title:lower", "publication_date|effective_date"),
    Entity.STUDY_PRICE: ("study_id", "commodity_id"),
    Entity.STUDY_SENSITIVITY: ("study_id", "commodity_id", "price", "change_pct"),
    Entity.RESOURCE: ("project_id", "category", "commodity_id", "effective_date", "study_id"),
    Entity.DEAL: ("title:lower", "announced_date"),
    Entity.DEAL_STEP: ("deal_id", "seq"),
    Entity.DEAL_OBLIGATION: ("deal_id", "kind", "due_date", "description:lower"),
    Entity.DEAL_STATUS: ("deal_id", "status", "changed_on"),
    Entity.EVENT: ("event_date", "kind", "title:lower", "project_id"),
    Entity.HOLDING: ("company_id", "currency"),
    Entity.TRANSACTION: (
        "holding_id",
        "trade_date",
        "kind",
        "shares",
        "price",
        "fees",
        "split_new",
        "split_old",
    ),
    Entity.SHARE_PRICE: ("company_id", "price_date"),
    Entity.FX_RATE: ("base", "quote", "rate_date"),
    Entity.COMMODITY_PRICE: ("commodity_id", "price_date"),
    Entity.EXPECTED_STUDY: ("project_id", "study_type", "expected_date", "noted_on"),
    Entity.WATCHLIST: ("name:lower",),
}


def _part(values: dict[str, Any], part: str) -> Any:
    if part.endswith(":lower"):
        return _lower(values.get(part[:-6]))
    first, _sep, second = part.partition("|")
    return values.get(first) or (values.get(second) if second else None)


def _part_column(columns: dict[str, list[Any]], part: str, size: int) -> list[Any]:
    if part.endswith(":lower"):
        return [_lower(v) for v in columns.get(part[:-6]) or [None] * size]
    first, _sep, second = part.partition("|")
    values = columns.get(first) or [None] * size
    if not second:
        return values
    others = columns.get(second) or [None] * size
    return [a or b for a, b in zip(values, others, strict=True)]


def entity_key(record: Record) -> tuple[Any, ...] | None:
    """The natural key of a child record."""
    return key_of(record.entity, record.values)


def key_of(entity: Entity, values: dict[str, Any]) -> tuple[Any, ...] | None:
    """The natural key of ``entity`` values ``values``."""
    parts = KEY_PARTS.get(entity)
    return None if parts is None else tuple(_part(values, part) for part in parts)


def key_column(entity: Entity, columns: dict[str, list[Any]], size: int) -> list[tuple[Any, ...]]:
    """The natural key of each of ``size`` rows given as ``columns`` (as ``key_of`` gives it)."""
    parts = [_part_column(columns, part, size) for part in KEY_PARTS[entity]]
    return list(zip(*parts, strict=True)) if parts else []


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
    #: What each ID of the app's own workbook stands for, and the records so taken
    #: (``identity``).
    workbook_ids: dict[Entity, dict[int, Record]] = field(default_factory=lambda: defaultdict(dict))
    claimed: set[Record] = field(default_factory=set)

    def known_commodity_names(self) -> frozenset[str]:
        return frozenset(self.commodity_ids)

    def add(self, record: Record) -> None:
        """Register a new record so later rows match it."""
        record.created = True
        self.created[record.entity].append(record)
        self.index(record, fresh=True)

    def add_many(self, records: list[Record]) -> None:
        """``add`` for many new records of one entity, in one loop per index."""
        if not records:
            return
        entity = records[0].entity
        if entity in (Entity.COMPANY, Entity.PROJECT):
            for record in records:
                self.add(record)
            return
        self.created[entity].extend(records)
        for record in records:
            record.created = True
        self._index_children(entity, records)

    def _index_children(self, entity: Entity, records: list[Record]) -> None:
        """Index records of one entity below companies and projects: by natural key, by
        study title, and under their parent."""
        keyed = self.keyed[entity]
        for record in records:
            key = record.key if record.key is not None else entity_key(record)
            if key is not None:
                keyed[key].append(record)
        if entity is Entity.STUDY:
            titles = self.study_titles
            for record in records:
                values = record.values
                titles[(values["project_id"], str(values["title"]).lower())].append(record)
        parent = PARENT_COLUMN.get(entity)
        if parent is not None:
            children = self.children
            for record in records:
                children[(entity, record.values[parent])].append(record)

    def index(self, record: Record, fresh: bool = False) -> None:
        """Make ``record`` findable by its names, keys and owners. ``fresh``: it was never
        indexed (so the look-ups need no check for it being there already)."""
        values = record.values
        if record.entity is Entity.COMPANY:
            self.company_names.setdefault(str(values["name"]).lower(), record)
            for exchange, ticker in record.extra.get("listings", ()):
                self.listings.setdefault((exchange, ticker), record)
                if record not in self.tickers[ticker]:
                    self.tickers[ticker].append(record)
        elif record.entity is Entity.PROJECT:
            name = str(values["name"]).lower()
            same_name = self.project_names[name]
            if fresh or record not in same_name:
                same_name.append(record)
                if not record.extra["owners"]:
                    self.orphans[name].append(record)
            self.index_owners(record, fresh)
        else:
            self._index_children(record.entity, [record])

    def index_owners(self, project: Record, fresh: bool = False) -> None:
        name = str(project.values["name"]).lower()
        owned = self.owned_projects
        for company in project.extra["owners"]:
            known = owned[(name, company)]
            if fresh or project not in known:
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
    "holding_id": Entity.HOLDING,
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
        for record in store.by_id[Entity.EVENT].values():
            # A set (the link table keeps no order), held sorted as the planner gives it.
            record.extra["commodities"] = sorted(record.extra.get("commodities", []))
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
        # Stored before exchanges had one spelling ("NYSE AMERICAN"): found under today's.
        store.by_id[Entity.COMPANY][company_id].extra.setdefault("listings", []).append(
            (canonical_exchange(exchange), ticker)
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
        store.index(record, fresh=True)


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
        store.index(record, fresh=True)


def latest_stage(stages: set[tuple[str, date]]) -> tuple[str, date] | None:
    return max(stages, key=lambda entry: entry[1], default=None)
