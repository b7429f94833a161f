"""Match or create the companies and projects a row names (by company name or ticker, and by
project name plus company), and plan the changes to them."""

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tracker.enums import ProjectStatus
from tracker.excel.compound import Listing, Partner
from tracker.excel.fields import Entity
from tracker.excel.row_work import RowWork, as_model
from tracker.excel.store import Record, Store, latest_stage
from tracker.models import Company, Project
from tracker.services.companies import ListingSpec, check_company
from tracker.services.projects import check_project
from tracker.validation import PERCENT_MAX, PERCENT_MIN, Checker

COMPANY_COLUMNS = (
    "name",
    "website",
    "reporting_currency",
    "notes",
    "source",
    "shares_outstanding",
    "shares_outstanding_date",
)
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
_COMPANY_SIMPLE = frozenset(COMPANY_COLUMNS) - {"name"}
_PROJECT_SIMPLE = frozenset(PROJECT_COLUMNS) - {"name", "stage", "status"}


def _operates(project: Record, company: Record) -> bool:
    share = project.extra["owners"].get(company)
    return share is not None and bool(share[1])


def _runs(project: Record, company: Record, interest: Decimal | None) -> bool:
    """True when ``company`` is the project's operator, or an owner with this interest."""
    share = project.extra["owners"].get(company)
    if share is None:
        return False
    return bool(share[1]) or interest is None or share[0] == interest


def has_values(values: dict[str, Any] | None, ignore: frozenset[str] = frozenset()) -> bool:
    """True when a row gives an entity any value (besides the ``ignore``d defaults)."""
    if not values:
        return False
    return any(v is not None and v != () for k, v in values.items() if k not in ignore)


class ParentPlanner:
    """Companies and projects: found by natural key, else created."""

    def __init__(self, session: Session, store: Store, today: date) -> None:
        self.session = session
        self.store = store
        self.today = today
        self.listed: Counter[tuple[str, int]] = Counter()

    # Companies -----------------------------------------------------------------------------

    def find_company(
        self, work: RowWork, name: str | None, listings: tuple[Listing, ...]
    ) -> Record | None:
        if name:
            for change in work.changes:
                record = change.record
                new = record.id is None and not record.created
                same = str(record.values.get("name") or "").lower() == name.lower()
                if record.entity is Entity.COMPANY and new and same:
                    return record
            found = self.store.company_names.get(name.lower())
            if found is not None:
                return found
        for exchange, ticker in listings:
            if exchange is not None:
                found = self.store.listings.get((exchange, ticker))
                if found is not None:
                    return found
            else:
                matches = {id(r): r for r in self.store.tickers.get(ticker, [])}
                if len(matches) == 1:
                    return next(iter(matches.values()))
        return None

    def company(
        self, work: RowWork, values: dict[str, Any] | None, entity: Entity
    ) -> Record | None:
        """The row's company; ``entity`` is whose column named it (for problem messages)."""
        if not has_values(values):
            return None
        assert values is not None
        name = values.get("name")
        listings: tuple[Listing, ...] = values.get("listings") or ()
        record = self.find_company(work, name, listings)
        if record is not None and len(values) == 1 and (record.id is not None or record.created):
            return record  # a reference by name only: nothing to change or check
        if record is None:
            if not name:
                shown = "; ".join(t if e is None else f"{e}: {t}" for e, t in listings)
                work.fail(
                    Entity.COMPANY,
                    "listings",
                    shown,
                    "no company has this ticker; add a Company column",
                )
                return None
            record = Record(Entity.COMPANY, None, dict.fromkeys(COMPANY_COLUMNS), {"listings": []})
            record.values["name"] = name
        change = work.change(record)
        for key in _COMPANY_SIMPLE & values.keys():
            change.values[key] = values[key]
        self._listings(work, record, listings, change.extra)
        merged = work.pending(record)
        specs = [ListingSpec(e, t) for e, t in change.extra.get("listings", ()) if e]
        work.absorb(Entity.COMPANY, check_company(as_model(Company, merged), specs).problems)
        return record

    def reference(self, work: RowWork, name: object, entity: Entity, field: str) -> Record | None:
        """A company named in another entity's column (acquirer, counterparty, event company)."""
        if name is None:
            return None
        return self.company(work, {"name": name}, entity) if isinstance(name, str) else None

    def _listings(
        self, work: RowWork, record: Record, listings: tuple[Listing, ...], extra: dict[str, Any]
    ) -> None:
        current: list[tuple[str, str]] = list(record.extra.get("listings", []))
        for exchange, ticker in listings:
            if exchange is None:
                if not any(t == ticker for _e, t in current):
                    work.fail(
                        Entity.COMPANY,
                        "listings",
                        ticker,
                        "names no exchange; write it as EXCHANGE: TICKER, e.g. 'TSXV: MOO'",
                    )
                continue
            owner = self.store.listings.get((exchange, ticker))
            if owner is not None and owner is not record:
                work.fail(
                    Entity.COMPANY,
                    "listings",
                    f"{exchange}: {ticker}",
                    f"already belongs to {owner.values['name']}",
                )
            elif (exchange, ticker) not in current:
                current.append((exchange, ticker))
        if current != record.extra.get("listings", []):
            extra["listings"] = current

    # Projects ------------------------------------------------------------------------------

    def project(
        self,
        work: RowWork,
        values: dict[str, Any] | None,
        company: Record | None,
        *,
        listed: bool = False,
    ) -> Record | None:
        """The row's project. ``listed``: the sheet lists projects, so the n-th row with a
        name and company stands for the n-th such project (true duplicates survive)."""
        if not has_values(values):
            return None
        assert values is not None
        name = values.get("name")
        if not name:
            work.fail(Entity.PROJECT, "name", None, "is required to import the project's columns")
            return None
        record = self._find_project(work, name, company, values.get("interest_pct"), listed)
        if record is None:
            return None
        if len(values) == 1 and (record.id is not None or record.created):
            return record  # a reference by name only: nothing to change or check
        change = work.change(record)
        new = record.id is None and not record.created
        for key in _PROJECT_SIMPLE & values.keys():
            change.values[key] = values[key]
        status = values.get("status")
        if status or new:
            change.values["status"] = (
                status or record.values.get("status") or ProjectStatus.ACTIVE.value
            )
        self._owners(work, record, values, company, change.extra)
        if "commodities" in values:
            ids = self.commodity_ids(work, Entity.PROJECT, values["commodities"])
            if ids != record.extra.get("commodities"):
                change.extra["commodities"] = ids
        if "tags" in values:
            tags = list(dict.fromkeys(str(t)[:60] for t in values["tags"] or ()))
            if sorted(tags) != sorted(record.extra.get("tags", [])):
                change.extra["tags"] = sorted(tags)
        self._stage(record, values, change.values, change.extra)
        merged = work.pending(record)
        work.absorb(
            Entity.PROJECT,
            check_project(self.session, as_model(Project, merged), ()).problems,
        )
        return record

    def _find_project(
        self,
        work: RowWork,
        name: str,
        company: Record | None,
        interest: Decimal | None,
        listed: bool,
    ) -> Record | None:
        same_name = [
            c.record
            for c in work.changes
            if c.record.entity is Entity.PROJECT
            and c.record.id is None
            and not c.record.created
            and str(c.record.values["name"]).lower() == name.lower()
        ] + self.store.project_names.get(name.lower(), [])
        if company is not None:
            operated = [p for p in same_name if _operates(p, company)]
            owned = operated or [p for p in same_name if _runs(p, company, interest)]
            if listed:
                key = (name.lower(), id(company))
                occurrence = self.listed[key]
                self.listed[key] += 1
                if occurrence < len(owned):
                    return owned[occurrence]
                owned = []
            if owned:
                return owned[0]
            orphans = [p for p in same_name if not p.extra["owners"]]
            if len(orphans) == 1:
                return orphans[0]
        elif len(same_name) == 1:
            return same_name[0]
        elif len(same_name) > 1:
            work.fail(
                Entity.PROJECT,
                "name",
                name,
                f"{len(same_name)} projects have this name; add a Company column to say which",
            )
            return None
        record = Record(
            Entity.PROJECT,
            None,
            dict.fromkeys(PROJECT_COLUMNS),
            {"owners": {}, "commodities": [], "tags": [], "stages": set()},
        )
        record.values["name"] = name
        return record

    def _owners(
        self,
        work: RowWork,
        record: Record,
        values: dict[str, Any],
        company: Record | None,
        extra: dict[str, Any],
    ) -> None:
        owners: dict[Record, list[Any]] = {k: list(v) for k, v in record.extra["owners"].items()}
        interest: Decimal | None = values.get("interest_pct")
        if company is not None:
            if company in owners:
                if interest is not None:
                    owners[company][0] = interest
            else:
                operator = not any(share[1] for share in owners.values())
                owners[company] = [interest if interest is not None else Decimal(100), operator]
        elif interest is not None:
            work.fail(
                Entity.PROJECT, "interest_pct", interest, "needs a Company column: whose interest?"
            )
        if "partners" in values:
            partners: tuple[Partner, ...] = values["partners"] or ()
            keep = {c: s for c, s in owners.items() if c is company or s[1]}
            for partner_name, share in partners:
                partner = self.company(work, {"name": partner_name}, Entity.PROJECT)
                if partner is not None and partner is not company:
                    keep[partner] = [share, False]
            owners = keep
        checker = Checker()
        for owner_share in owners.values():
            checker.number(
                "interest_pct", owner_share[0], minimum=PERCENT_MIN, maximum=PERCENT_MAX, unit="%"
            )
        total = sum((owned[0] for owned in owners.values()), Decimal(0))
        if total > PERCENT_MAX:
            checker.fail("partners", f"{total} %", "owner interests add up to more than 100 %")
        work.absorb(Entity.PROJECT, checker.problems)
        if owners != record.extra["owners"]:
            extra["owners"] = owners

    def _stage(
        self, record: Record, values: dict[str, Any], columns: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        stage = values.get("stage")
        if not stage:
            return
        stages: set[tuple[str, date]] = set(record.extra["stages"])
        when = values.get("stage_date")
        if record.values.get("stage") == stage and (when is None or (stage, when) in stages):
            return
        entry = (stage, when or self.today)
        if entry in stages:
            return
        latest = latest_stage(stages)
        stages.add(entry)
        extra["stages"] = stages
        extra["new_stages"] = [*record.extra.get("new_stages", []), entry]
        if latest is None or entry[1] >= latest[1]:
            columns["stage"] = stage

    def commodity_ids(self, work: RowWork, entity: Entity, names: object) -> list[int]:
        ids: list[int] = []
        for name in names or ():  # type: ignore[attr-defined]
            found = self.store.commodity_ids.get(str(name).lower())
            if found is None:
                work.fail(entity, "commodities", name, "is not a known commodity")
            elif found not in ids:
                ids.append(found)
        return ids
