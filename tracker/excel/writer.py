"""Write a planned import: bulk inserts and batched updates, parents before children, on the
caller's transaction, so a failure or a cancel leaves the database as it was.

New records get ids after the highest stored one (as ``bench.batch`` does), so children can be
inserted in bulk without a round trip per parent. A new record from a row of the app's own
workbook keeps the row's ID when no record of its table has it yet (``identity``): an export
imported into an empty database keeps every id, and exports again cell for cell.
"""

from collections.abc import Callable, Iterable
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlmodel import Session

from tracker.changelog import author_of, log_records
from tracker.excel.bulk import insert_columns, update_rows
from tracker.excel.deferred import DeferredIndexes
from tracker.excel.errors import CancelledError
from tracker.excel.field_types import Entity
from tracker.excel.journal import Journal
from tracker.excel.planner import CancelCheck, Progress
from tracker.excel.sequences import advance_id_sequences
from tracker.excel.store import PARENTS, TABLES, Record, Store, table

#: Rows per executemany: between two, progress is reported and a cancel noticed.
CHUNK = 20_000
#: Ids per ``IN (...)`` when link rows are replaced.
ID_CHUNK = 500
PARENT_COLUMNS = frozenset(PARENTS)
#: Columns a new record never gives: its id (given apart) and its version (1, the default).
SERVER_SET = frozenset({"id", "version"})
#: The entities whose records have a history (the kinds the window's forms edit).
LOGGED: dict[Entity, str] = {
    Entity.COMPANY: "company",
    Entity.PROJECT: "project",
    Entity.STUDY: "study",
    Entity.RESOURCE: "resource",
    Entity.DEAL: "deal",
    Entity.EVENT: "event",
    Entity.HOLDING: "holding",
}


class _Writer:
    def __init__(
        self,
        session: Session,
        store: Store,
        progress: Progress | None,
        cancelled: CancelCheck | None,
        journal: Journal | None = None,
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.journal = journal
        self.deferred = DeferredIndexes(self.connection)
        self.store = store
        self.progress = progress
        self.cancelled = cancelled
        self.changed: dict[Entity, list[Record]] = {}
        for record in store.touched:
            if not record.created and record.dirty:
                self.changed.setdefault(record.entity, []).append(record)
        self.total = sum(len(v) for v in store.created.values())
        self.total += sum(len(v) for v in self.changed.values())
        self.done = 0

    def tick(self, count: int) -> None:
        self.done += count
        if self.cancelled is not None and self.cancelled():
            raise CancelledError()
        if self.progress is not None:
            self.progress("writing", min(self.done, self.total), self.total)

    def insert(self, target: Table, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """New rows, each the values of ``names`` in order; a table keyed by ``id`` gets the
        ids after its highest (so that the journal knows each row it added)."""
        if not rows:
            return
        if "id" in target.c and "id" not in names:
            highest = int(self.connection.execute(select(func.max(target.c.id))).scalar() or 0)
            names = ("id", *names)
            rows = [(highest + n, *row) for n, row in enumerate(rows, start=1)]
        self.deferred.before_insert(target, len(rows))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            columns = dict(zip(names, [list(c) for c in zip(*chunk, strict=True)], strict=True))
            insert_columns(self.connection, target, columns)
            if self.journal is not None:
                self.journal.inserted(target, columns)
            self.tick(len(chunk))

    def insert_records(self, target: Table, records: list[Record]) -> None:
        """New records, a column at a time; a parent ``Record`` is written as its id."""
        names = [c.name for c in target.c if c.name not in SERVER_SET]
        if records:
            self.deferred.before_insert(target, len(records))
        for start in range(0, len(records), CHUNK):
            chunk = records[start : start + CHUNK]
            columns = {"id": [r.id for r in chunk], **_columns(chunk, names)}
            for name in PARENT_COLUMNS.intersection(columns):
                columns[name] = [v.id if v.__class__ is Record else v for v in columns[name]]
            insert_columns(self.connection, target, columns)
            if self.journal is not None:
                self.journal.inserted(target, columns)
            self.tick(len(chunk))

    def assign_ids(self, entity: Entity) -> list[Record]:
        created = self.store.created[entity]
        target = table(TABLES[entity])
        wanted = {
            record: wid
            for wid, record in self.store.workbook_ids.get(entity, {}).items()
            if record.created
        }
        if wanted:
            taken = set(self.connection.execute(select(target.c.id)).scalars())
            for record in created:
                wid = wanted.get(record)
                if wid is not None and wid > 0 and wid not in taken:
                    record.id = wid
                    taken.add(wid)
            following = max(taken, default=0)
            for record in created:
                if record.id is None:
                    following += 1
                    record.id = following
            return created
        highest = self.connection.execute(select(func.max(target.c.id))).scalar() or 0
        for offset, record in enumerate(created, start=1):
            record.id = int(highest) + offset
        return created

    def write_entity(self, entity: Entity) -> None:
        target = table(TABLES[entity])
        self.insert_records(target, self.assign_ids(entity))
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for record in self.updated(entity):
            names = tuple(sorted(k for k in record.dirty if not k.startswith("extra:")))
            if names:
                row = {"id": record.id, **_plain({k: record.values[k] for k in names})}
                groups.setdefault(names, []).append(row)
        for names, rows in groups.items():
            if self.journal is not None:
                self.journal.updating(target, names, rows)
            update_rows(self.connection, target, names, rows)
            self.tick(len(rows))

    def updated(self, entity: Entity) -> list[Record]:
        """Stored records the plan changes."""
        return self.changed.get(entity, [])

    def relinked(self, entity: Entity, extra: str) -> list[Record]:
        """Records whose link-table state ``extra`` must be (re)written."""
        records = [r for r in self.store.created[entity] if r.extra.get(extra)]
        return records + [r for r in self.updated(entity) if "extra:" + extra in r.dirty]

    def replace_links(
        self,
        link: str,
        records: list[Record],
        names: tuple[str, ...],
        rows: Callable[[Record], Iterable[tuple[Any, ...]]],
    ) -> None:
        """Delete the stored records' rows in table ``link`` and insert ``rows`` of every one
        (values of ``names``, the first naming the record's id)."""
        target = table(link)
        existing = [r.id for r in records if not r.created]
        for start in range(0, len(existing), ID_CHUNK):
            chunk = existing[start : start + ID_CHUNK]
            if self.journal is not None:
                self.journal.deleting(target, names[0], chunk)
            self.connection.execute(delete(target).where(target.c[names[0]].in_(chunk)))
        self.insert(target, names, [row for record in records for row in rows(record)])


def _columns(records: list[Record], names: list[str]) -> dict[str, list[Any]]:
    """The records' values of ``names`` as columns (read across in one go when every record
    holds every name, as records made by the planner do)."""
    try:
        across = list(map(itemgetter(*names), (r.values for r in records)))
    except KeyError:
        return {name: [r.values.get(name) for r in records] for name in names}
    if len(names) == 1:
        return {names[0]: across}
    columns = zip(*across, strict=True)
    return {name: list(column) for name, column in zip(names, columns, strict=True)}


def _id(value: Any) -> Any:
    return value.id if isinstance(value, Record) else value


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _id(v) for k, v in values.items()}


def write_plan(
    session: Session,
    store: Store,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    journal: Journal | None = None,
) -> None:
    """Insert and update everything the plan holds, on ``session``'s transaction; each write
    is told to ``journal`` (for undo) when one is given."""
    writer = _Writer(session, store, progress, cancelled, journal)
    writer.write_entity(Entity.COMPANY)
    writer.replace_links(
        "listing",
        writer.relinked(Entity.COMPANY, "listings"),
        ("company_id", "exchange", "ticker"),
        lambda r: ((r.id, exchange, ticker) for exchange, ticker in r.extra["listings"]),
    )
    writer.write_entity(Entity.PROJECT)
    _project_links(writer)
    writer.write_entity(Entity.PROJECT_STAGE)
    _implicit_stages(writer)
    for entity in (
        Entity.STUDY,
        Entity.STUDY_PRICE,
        Entity.STUDY_SENSITIVITY,
        Entity.RESOURCE,
        Entity.DEAL,
    ):
        writer.write_entity(entity)
    for entity in (Entity.DEAL_STEP, Entity.DEAL_OBLIGATION, Entity.DEAL_STATUS):
        writer.write_entity(entity)
    _status_changes(writer)
    writer.write_entity(Entity.EVENT)
    writer.replace_links(
        "event_commodity",
        writer.relinked(Entity.EVENT, "commodities"),
        ("event_id", "commodity_id"),
        lambda r: ((r.id, commodity) for commodity in r.extra["commodities"]),
    )
    writer.write_entity(Entity.HOLDING)
    writer.write_entity(Entity.TRANSACTION)
    for entity in (
        Entity.SHARE_PRICE,
        Entity.FX_RATE,
        Entity.COMMODITY_PRICE,
        Entity.EXPECTED_STUDY,
        Entity.WATCHLIST,
    ):
        writer.write_entity(entity)
    session.flush()
    advance_id_sequences(session)
    _log(writer)
    writer.deferred.rebuild()


def _log(writer: _Writer) -> None:
    """One change-log entry per record added or updated, in two bulk inserts."""
    author = author_of(writer.session)
    created = [
        (kind, record.id or 0)
        for entity, kind in LOGGED.items()
        for record in writer.store.created[entity]
    ]
    updated = [
        (kind, record.id or 0)
        for entity, kind in LOGGED.items()
        for record in writer.updated(entity)
    ]
    writer.deferred.before_insert(table("change_log"), len(created) + len(updated))
    log_records(writer.connection, author, "imported", created)
    log_records(writer.connection, author, "updated by import", updated)
    if writer.journal is not None:
        writer.journal.logged(created + updated)


def _project_links(writer: _Writer) -> None:
    writer.replace_links(
        "project_owner",
        writer.relinked(Entity.PROJECT, "owners"),
        ("project_id", "company_id", "interest_pct", "is_operator"),
        lambda r: (
            (r.id, company.id, interest, operator)
            for company, (interest, operator) in r.extra["owners"].items()
        ),
    )
    writer.replace_links(
        "project_commodity",
        writer.relinked(Entity.PROJECT, "commodities"),
        ("project_id", "commodity_id", "rank"),
        lambda r: (
            (r.id, commodity, rank) for rank, commodity in enumerate(r.extra["commodities"])
        ),
    )
    writer.replace_links(
        "project_tag",
        writer.relinked(Entity.PROJECT, "tags"),
        ("project_id", "tag"),
        lambda r: ((r.id, tag) for tag in r.extra["tags"]),
    )


def _given(store: Store, entity: Entity, parent: str, value: str) -> set[tuple[int, str]]:
    """(parent id, value) of the history entries this import gives explicitly."""
    return {(r.values[parent].id, r.values[value]) for r in store.created[entity]}


def _implicit_stages(writer: _Writer) -> None:
    """Stages a Projects sheet sets: dated entries, unless a stage history gave them."""
    given = _given(writer.store, Entity.PROJECT_STAGE, "project_id", "stage")
    stages = [
        (r.id, stage, when, r.extra.get("stage_notes", {}).get((stage, when)))
        for r in writer.relinked(Entity.PROJECT, "new_stages")
        for stage, when in r.extra["new_stages"]
        if (r.id, stage) not in given
    ]
    names = ("project_id", "stage", "effective_date", "note")
    writer.insert(table("project_stage"), names, stages)


def _status_changes(writer: _Writer) -> None:
    """A new deal's first status, and status moves a Deals sheet makes, unless a status history
    gave them."""
    given = _given(writer.store, Entity.DEAL_STATUS, "deal_id", "status")
    rows: list[tuple[Any, ...]] = []
    for record in writer.store.created[Entity.DEAL]:
        when: date = record.values["announced_date"]
        status = record.values["status"]
        if (record.id, status) not in given:
            rows.append((record.id, status, when))
    for record in writer.relinked(Entity.DEAL, "status_change"):
        if not record.created:
            status, changed_on = record.extra["status_change"]
            if (record.id, status) not in given:
                rows.append((record.id, status, changed_on))
    writer.insert(table("deal_status_change"), ("deal_id", "status", "changed_on"), rows)
