"""Write a planned import: inserts in batches, parents before children, on the caller's
transaction, so a failure or a cancel leaves the database as it was.

New records get ids after the highest stored one (as ``bench.batch`` does), so children can be
inserted in bulk without a round trip per parent.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlmodel import Session

from tracker.excel.errors import CancelledError
from tracker.excel.fields import Entity
from tracker.excel.planner import CancelCheck, Progress
from tracker.excel.store import TABLES, Record, Store, table

CHUNK = 5000


class _Writer:
    def __init__(
        self,
        session: Session,
        store: Store,
        progress: Progress | None,
        cancelled: CancelCheck | None,
    ) -> None:
        self.session = session
        self.store = store
        self.progress = progress
        self.cancelled = cancelled
        self.total = sum(len(v) for v in store.created.values()) + len(store.touched)
        self.done = 0

    def tick(self, count: int) -> None:
        self.done += count
        if self.cancelled is not None and self.cancelled():
            raise CancelledError()
        if self.progress is not None:
            self.progress("writing", min(self.done, self.total), self.total)

    def insert(self, target: Table, rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            self.session.execute(target.insert(), chunk)
            self.tick(len(chunk))

    def assign_ids(self, entity: Entity) -> list[Record]:
        created = self.store.created[entity]
        target = table(TABLES[entity])
        highest = self.session.execute(select(func.max(target.c.id))).scalar() or 0
        for offset, record in enumerate(created, start=1):
            record.id = int(highest) + offset
        return created

    def write_entity(self, entity: Entity) -> None:
        target = table(TABLES[entity])
        created = self.assign_ids(entity)
        self.insert(target, [{"id": r.id, **_plain(r.values)} for r in created])
        for record in self.updated(entity):
            columns = {k: record.values[k] for k in record.dirty if not k.startswith("extra:")}
            if columns:
                self.session.execute(
                    update(target).where(target.c.id == record.id).values(**_plain(columns))
                )
        self.tick(0)

    def updated(self, entity: Entity) -> list[Record]:
        return [r for r in self.store.touched if r.entity is entity and not r.created and r.dirty]

    def relinked(self, entity: Entity, extra: str) -> list[Record]:
        """Records whose link-table state ``extra`` must be (re)written."""
        records = [r for r in self.store.created[entity] if r.extra.get(extra)]
        return records + [r for r in self.updated(entity) if "extra:" + extra in r.dirty]

    def replace_links(
        self,
        link: str,
        records: list[Record],
        rows: Callable[[Record], Iterable[dict[str, Any]]],
        owner_column: str,
    ) -> None:
        target = table(link)
        existing = [r.id for r in records if not r.created]
        for start in range(0, len(existing), 500):
            chunk = existing[start : start + 500]
            self.session.execute(delete(target).where(target.c[owner_column].in_(chunk)))
        self.insert(target, [row for record in records for row in rows(record)])


def _id(value: Any) -> Any:
    return value.id if isinstance(value, Record) else value


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _id(v) for k, v in values.items()}


def write_plan(
    session: Session,
    store: Store,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> None:
    """Insert and update everything the plan holds, on ``session``'s transaction."""
    writer = _Writer(session, store, progress, cancelled)
    writer.write_entity(Entity.COMPANY)
    writer.replace_links(
        "listing",
        writer.relinked(Entity.COMPANY, "listings"),
        lambda r: (
            {"company_id": r.id, "exchange": e, "ticker": t} for e, t in r.extra["listings"]
        ),
        "company_id",
    )
    writer.write_entity(Entity.PROJECT)
    _project_links(writer)
    for entity in (Entity.STUDY, Entity.RESOURCE, Entity.DEAL):
        writer.write_entity(entity)
    _status_changes(writer)
    for entity in (Entity.DEAL_OBLIGATION, Entity.EVENT, Entity.HOLDING):
        writer.write_entity(entity)
    writer.replace_links(
        "event_commodity",
        writer.relinked(Entity.EVENT, "commodities"),
        lambda r: ({"event_id": r.id, "commodity_id": c} for c in r.extra["commodities"]),
        "event_id",
    )
    session.flush()


def _project_links(writer: _Writer) -> None:
    writer.replace_links(
        "project_owner",
        writer.relinked(Entity.PROJECT, "owners"),
        lambda r: (
            {
                "project_id": r.id,
                "company_id": company.id,
                "interest_pct": share[0],
                "is_operator": share[1],
            }
            for company, share in r.extra["owners"].items()
        ),
        "project_id",
    )
    writer.replace_links(
        "project_commodity",
        writer.relinked(Entity.PROJECT, "commodities"),
        lambda r: (
            {"project_id": r.id, "commodity_id": c, "rank": rank}
            for rank, c in enumerate(r.extra["commodities"])
        ),
        "project_id",
    )
    writer.replace_links(
        "project_tag",
        writer.relinked(Entity.PROJECT, "tags"),
        lambda r: ({"project_id": r.id, "tag": tag} for tag in r.extra["tags"]),
        "project_id",
    )
    stages = [
        {"project_id": r.id, "stage": stage, "effective_date": when}
        for r in writer.relinked(Entity.PROJECT, "new_stages")
        for stage, when in r.extra["new_stages"]
    ]
    writer.insert(table("project_stage"), stages)


def _status_changes(writer: _Writer) -> None:
    rows: list[dict[str, Any]] = []
    for record in writer.store.created[Entity.DEAL]:
        when: date = record.values["announced_date"]
        rows.append({"deal_id": record.id, "status": record.values["status"], "changed_on": when})
    for record in writer.relinked(Entity.DEAL, "status_change"):
        if not record.created:
            status, changed_on = record.extra["status_change"]
            rows.append({"deal_id": record.id, "status": status, "changed_on": changed_on})
    writer.insert(table("deal_status_change"), rows)
