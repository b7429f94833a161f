"""Projects: matched by name and company, else created, with their owners, commodities, tags
and the stage a row states."""

from datetime import date
from decimal import Decimal
from typing import Any

from tracker.enums import ProjectStatus
from tracker.excel import identity
from tracker.excel.batch import SheetBatch
from tracker.excel.compound import Partner
from tracker.excel.field_types import Entity
from tracker.excel.plan_companies import CompanyPlanner
from tracker.excel.store import Record, Store, latest_stage
from tracker.services.projects import INTEREST_RULE, owners_total_failure

PROJECT_COLUMNS = (
    "name",
    "country",
    "region",
    "district",
    "latitude",
    "longitude",
    "stage",
    "status",
    "notes",
    "source",
)
#: The note of a stage a sheet states without its date: it is dated the day of the import.
UNDATED_STAGE = "dated the day of the import: the sheet gave no stage date"
_SIMPLE = frozenset(PROJECT_COLUMNS) - {"name", "stage", "status"}
_HUNDRED = Decimal(100)
_ACTIVE = ProjectStatus.ACTIVE.value


def _operates(project: Record, company: Record) -> bool:
    share = project.extra["owners"].get(company)
    return share is not None and bool(share[1])


def _runs(project: Record, company: Record, interest: Decimal | None) -> bool:
    """True when ``company`` is the project's operator, or an owner with this interest."""
    share = project.extra["owners"].get(company)
    if share is None:
        return False
    return bool(share[1]) or interest is None or share[0] == interest


def _named(name: str, company: Record | None) -> identity.Fits:
    """A check that a stored project is ``name`` (any case) of ``company`` (when given)."""
    lower = name.lower()

    def fits(project: Record) -> bool:
        if str(project.values["name"]).lower() != lower:
            return False
        return company is None or company in project.extra["owners"]

    return fits


def added_to(given: list[Any], stored: list[Any]) -> list[Any]:
    """What a sheet lists, in its order (the first is the primary), then what the record held
    that the sheet does not mention: an investor's sheet never removes anything."""
    return [*given, *(item for item in stored if item not in given)]


def new_project(name: str) -> Record:
    record = Record(
        Entity.PROJECT,
        None,
        dict.fromkeys(PROJECT_COLUMNS),
        {"owners": {}, "commodities": [], "tags": [], "stages": set()},
    )
    record.values["name"] = name
    return record


class ProjectPlanner:
    """Projects: found by name and company, else created."""

    def __init__(self, store: Store, companies: CompanyPlanner, today: date) -> None:
        self.store = store
        self.companies = companies
        self.today = today
        #: The app's own workbook states a project whole; an investor's sheet adds to it.
        self.ours = companies.ours
        #: Rows seen per (name, company) on a sheet listing projects.
        self.listed: dict[tuple[str, int], int] = {}

    def plan(
        self, batch: SheetBatch, companies: dict[int, Record], *, listed: bool
    ) -> dict[int, Record]:
        """The project of each row that names one. ``listed``: the sheet lists projects, so
        the n-th row with a name and company stands for the n-th such project."""
        kept = batch.records.setdefault(Entity.PROJECT, {})
        names = batch.only(Entity.PROJECT, "name")
        ids = identity.row_ids(batch, Entity.PROJECT)
        store = self.store
        if names is not None and not listed:
            # A sheet that only names its rows' projects: most are their company's one
            # operated project of that name.
            owned = self.store.owned_projects
            for i in batch.walk():
                name = names[i]
                if name is None:
                    continue
                company = companies.get(i)
                wid = ids[i] if ids is not None else None
                if wid is not None:
                    by_id = identity.find(store, Entity.PROJECT, wid, _named(name, company))
                    if by_id is not None:
                        kept[i] = by_id
                        continue
                if company is not None:
                    known = owned.get((name.lower(), company))
                    if known is not None and len(known) == 1:
                        share = known[0].extra["owners"].get(company)
                        if share is not None and share[1]:
                            kept[i] = known[0]
                            continue
                found = self.project(batch, i, {"name": name}, company, listed, wid)
                if found is not None:
                    kept[i] = found
                    identity.note(store, Entity.PROJECT, wid, found)
            return kept
        for i, values in batch.each(Entity.PROJECT, frozenset()):
            wid = ids[i] if ids is not None else None
            found = self.project(batch, i, values, companies.get(i), listed, wid)
            if found is not None:
                kept[i] = found
                identity.note(store, Entity.PROJECT, wid, found)
        return kept

    def project(
        self,
        batch: SheetBatch,
        i: int,
        values: dict[str, Any],
        company: Record | None,
        listed: bool,
        wid: int | None = None,
    ) -> Record | None:
        name = values.get("name")
        if not name:
            reason = "is required to import the project's columns"
            batch.fail(i, Entity.PROJECT, "name", None, reason)
            return None
        record = self.find(batch, i, name, company, values.get("interest_pct"), listed, wid)
        if record is None:
            return None
        if len(values) == 1 and (record.id is not None or record.created):
            return record  # a reference by name only: nothing to change or check
        new = record.id is None and not record.created
        if self.ours:
            changes = {key: value for key, value in values.items() if key in _SIMPLE}
        else:
            changes = {
                key: value for key, value in values.items() if key in _SIMPLE and value is not None
            }
        status = values.get("status")
        if status or new:
            changes["status"] = status or record.values.get("status") or _ACTIVE
        extra: dict[str, Any] = {}
        self._owners(batch, i, record, values, company, extra)
        if "commodities" in values:
            ids = self.commodity_ids(batch, i, Entity.PROJECT, values["commodities"])
            if not self.ours:
                ids = added_to(ids, record.extra.get("commodities", []))
            if ids != record.extra.get("commodities"):
                extra["commodities"] = ids
        if "tags" in values and (values["tags"] or record.extra.get("tags")):
            tags = list(dict.fromkeys(str(t)[:60] for t in values["tags"] or ()))
            if not self.ours:
                tags = added_to(tags, record.extra.get("tags", []))
            if sorted(tags) != sorted(record.extra.get("tags", [])):
                extra["tags"] = sorted(tags)
        self._stage(record, values, changes, extra)
        batch.check(i, Entity.PROJECT, record.values | changes)
        batch.apply(i, record, changes, extra)
        return record

    def find(
        self,
        batch: SheetBatch,
        i: int,
        name: str,
        company: Record | None,
        interest: Decimal | None,
        listed: bool,
        wid: int | None = None,
    ) -> Record | None:
        """The project workbook ID ``wid`` stands for (``identity``), else the project ``name``
        of ``company`` (its operator's first, then an owner's with this interest, then one
        with no owner), or a new one."""
        lower = name.lower()
        store = self.store
        by_id = None
        if wid is not None:
            by_id = identity.find(store, Entity.PROJECT, wid, _named(name, company))
        if by_id is not None:
            if listed and company is not None:
                key = (lower, id(company))
                self.listed[key] = self.listed.get(key, 0) + 1
            return by_id
        if company is not None:
            known = store.owned_projects.get((lower, company))
            owned: list[Record] = []
            if known:
                if len(known) == 1 and not listed:
                    share = known[0].extra["owners"].get(company)
                    if share is not None and share[1]:
                        return known[0]  # the common case: the one it operates
                held = [p for p in known if company in p.extra["owners"]]
                operated = [p for p in held if _operates(p, company)]
                owned = operated or [p for p in held if _runs(p, company, interest)]
            if listed:
                key = (lower, id(company))
                occurrence = self.listed.get(key, 0)
                self.listed[key] = occurrence + 1
                if occurrence < len(owned) and identity.unclaimed(store, owned[occurrence]):
                    return owned[occurrence]
                owned = []
            if owned:
                return owned[0]
            alone = store.orphans.get(lower)
            orphans = [p for p in alone if not p.extra["owners"]] if alone else []
            if len(orphans) == 1:
                return orphans[0]
            return new_project(name)
        same_name = store.project_names.get(lower, [])
        if len(same_name) == 1:
            return same_name[0]
        if len(same_name) > 1:
            reason = f"{len(same_name)} projects have this name; add a Company column to say which"
            batch.fail(i, Entity.PROJECT, "name", name, reason)
            return None
        return new_project(name)

    def _owners(
        self,
        batch: SheetBatch,
        i: int,
        record: Record,
        values: dict[str, Any],
        company: Record | None,
        extra: dict[str, Any],
    ) -> None:
        stored = record.extra["owners"]
        owners: dict[Record, list[Any]] = {k: list(v) for k, v in stored.items()} if stored else {}
        interest: Decimal | None = values.get("interest_pct")
        if company is not None:
            if company in owners:
                if interest is not None:
                    owners[company][0] = interest
            else:
                operator = not any(share[1] for share in owners.values())
                owners[company] = [interest if interest is not None else _HUNDRED, operator]
        elif interest is not None:
            reason = "needs a Company column: whose interest?"
            batch.fail(i, Entity.PROJECT, "interest_pct", interest, reason)
        if "partners" in values:
            partners: tuple[Partner, ...] = values["partners"] or ()
            # The app's workbook lists every partner; an investor's sheet names some.
            keep = (
                owners
                if not self.ours
                else {c: s for c, s in owners.items() if c is company or s[1]}
            )
            for partner_name, share in partners:
                failure = INTEREST_RULE.test(share)  # the Interest column's cells are checked
                if failure is not None:
                    batch.fail(i, Entity.PROJECT, "interest_pct", *failure)
                partner = self.companies.reference(
                    batch, i, partner_name, Entity.PROJECT, "partners"
                )
                if partner is not None and partner is not company:
                    keep[partner] = [share, False]
            owners = keep
        if len(owners) > 1:
            total = owners_total_failure([owned[0] for owned in owners.values()])
            if total is not None:
                reason = "owner interests " + total[1]
                batch.fail(i, Entity.PROJECT, "partners", total[0], reason)
        if owners != stored:
            extra["owners"] = owners

    def _stage(
        self, record: Record, values: dict[str, Any], changes: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        """A stated stage becomes a dated history entry (written unless a stage history sheet
        gives it) and, when it is the latest, the project's stage."""
        stage = values.get("stage")
        if not stage:
            return
        self.store.stated.add(record)
        stages: set[tuple[str, date]] = record.extra["stages"]
        when = values.get("stage_date")
        if record.values.get("stage") == stage and (when is None or (stage, when) in stages):
            return
        entry = (stage, when or self.today)
        if entry in stages:
            return
        latest = latest_stage(stages) if stages else None
        extra["stages"] = stages | {entry}
        extra["new_stages"] = [*record.extra.get("new_stages", []), entry]
        if when is None:
            extra["stage_notes"] = {**record.extra.get("stage_notes", {}), entry: UNDATED_STAGE}
        if latest is None or entry[1] >= latest[1]:
            changes["stage"] = stage

    def commodity_ids(self, batch: SheetBatch, i: int, entity: Entity, names: object) -> list[int]:
        ids: list[int] = []
        known = self.store.commodity_ids.get
        for name in names or ():  # type: ignore[attr-defined]
            found = known(str(name).lower())
            if found is None:
                batch.fail(i, entity, "commodities", name, "is not a known commodity")
            elif found not in ids:
                ids.append(found)
        return ids
