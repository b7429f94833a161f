"""Match or create the records that hang on a project, a deal or a company: studies, resource
lines, commodities, deals, obligations, events and holdings.

Each is matched on its natural key (a study: project, type, title and date); the n-th row with a
key matches the n-th stored record with it, so true duplicates survive a round trip.
"""

from datetime import date
from typing import Any

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.plan_companies import CompanyPlanner
from tracker.excel.plan_projects import ProjectPlanner
from tracker.excel.store import UNIQUE_KEYS, Record, Store, key_of
from tracker.models import (
    Deal,
    DealObligation,
    DealStatusChange,
    DealStep,
    Event,
    ExpectedStudy,
    FxRate,
    Holding,
    ProjectStage,
    ResourceLine,
    SharePrice,
    Study,
    StudyPrice,
    Watchlist,
)
from tracker.services.deals import COUNTERPARTY_RULES


def _columns(model: type) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if name != "id")  # type: ignore[attr-defined]


COLUMNS = {
    Entity.PROJECT_STAGE: _columns(ProjectStage),
    Entity.STUDY: _columns(Study),
    Entity.STUDY_PRICE: _columns(StudyPrice),
    Entity.RESOURCE: _columns(ResourceLine),
    Entity.DEAL: _columns(Deal),
    Entity.DEAL_STEP: _columns(DealStep),
    Entity.DEAL_OBLIGATION: _columns(DealObligation),
    Entity.DEAL_STATUS: _columns(DealStatusChange),
    Entity.EVENT: _columns(Event),
    Entity.HOLDING: _columns(Holding),
    Entity.SHARE_PRICE: _columns(SharePrice),
    Entity.FX_RATE: _columns(FxRate),
    Entity.EXPECTED_STUDY: _columns(ExpectedStudy),
    Entity.WATCHLIST: _columns(Watchlist),
}
#: Columns that keep their stored value (or take a default) when a cell is empty.
_DEFAULTS: dict[Entity, dict[str, object]] = {
    Entity.STUDY: {"currency": "USD"},
    Entity.HOLDING: {"currency": "CAD"},
    Entity.DEAL_OBLIGATION: {"met": False},
    Entity.DEAL_STEP: {"earned": False},
    Entity.STUDY_PRICE: {"currency": "USD"},
}
_BLANK = {entity: dict.fromkeys(columns) for entity, columns in COLUMNS.items()}
_ROLES = ("acquirer", "counterparty")


class ChildPlanner:
    """The entities below projects, deals and companies."""

    def __init__(self, store: Store, companies: CompanyPlanner, projects: ProjectPlanner) -> None:
        self.store = store
        self.companies = companies
        self.projects = projects
        #: Rows seen so far per natural key (the n-th stands for the n-th stored record).
        self.seen: dict[tuple[Entity, tuple[Any, ...]], int] = {}

    def match(self, entity: Entity, values: dict[str, Any]) -> tuple[Record, dict[str, Any]]:
        """The stored record this row's n-th occurrence of its key stands for (or a new one),
        and the values the row gives it.

        A key the database holds once (``UNIQUE_KEYS``) always stands for its one record.
        """
        fields = {**_BLANK[entity], **values}
        defaults = _DEFAULTS.get(entity)
        if defaults:
            for name, default in defaults.items():
                if fields[name] is None:
                    fields[name] = default
        key = key_of(entity, fields)
        assert key is not None
        existing = self.store.keyed[entity].get(key)
        if entity in UNIQUE_KEYS:
            occurrence = 0
        else:
            token = (entity, key)
            occurrence = self.seen.get(token, 0)
            self.seen[token] = occurrence + 1
        if existing and occurrence < len(existing):
            found = existing[occurrence]
            kept = dict(values)
            for name in defaults or ():
                if kept.get(name) is None and name in kept:
                    kept[name] = found.values.get(name)
            return found, kept
        record = Record(entity, None, fields)
        record.key = key
        return record, {}

    def settle(self, batch: SheetBatch, i: int, entity: Entity, values: dict[str, Any]) -> Record:
        """Match ``values``, check the record they make, and apply them if the row is good."""
        record, changes = self.match(entity, values)
        batch.check(i, entity, record.values | changes if changes else record.values)
        batch.apply(i, record, changes)
        return record

    def study(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        if project is None:
            reason = "a study needs a project: map a Project column"
            batch.fail(i, Entity.STUDY, "project", None, reason)
            return None
        study_type = values.get("study_type")
        if not study_type:
            reason = "is required to import the study's figures"
            batch.fail(i, Entity.STUDY, "study_type", None, reason)
            return None
        fields = dict(values)
        fields["title"] = values.get("title") or study_type
        fields["project_id"] = project
        return self.settle(batch, i, Entity.STUDY, fields)

    def find_study(
        self,
        project: Record,
        title: str,
        study_type: str | None = None,
        when: date | None = None,
    ) -> Record | None:
        """The project's study with this title (and type and date, when given)."""
        for study in self.store.study_titles.get((project, title.lower()), []):
            values = study.values
            if study_type and values["study_type"] != study_type:
                continue
            if when and (values.get("publication_date") or values.get("effective_date")) != when:
                continue
            return study
        return None

    def resource(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        if project is None:
            batch.fail(i, Entity.RESOURCE, "project", None, "a resource line needs a project")
            return None
        fields = {k: v for k, v in values.items() if k not in {"study", "commodity"}}
        fields["project_id"] = project
        fields["study_id"] = None
        title = values.get("study")
        if title:
            study = self.find_study(project, str(title))
            if study is None:
                batch.fail(i, Entity.RESOURCE, "study", title, "is not a study of this project")
            fields["study_id"] = study
        commodity = values.get("commodity")
        fields["commodity_id"] = None
        if commodity:
            ids = self.projects.commodity_ids(batch, i, Entity.RESOURCE, (commodity,))
            fields["commodity_id"] = ids[0] if ids else None
        if not fields.get("category"):
            batch.fail(i, Entity.RESOURCE, "category", None, "is required")
            return None
        return self.settle(batch, i, Entity.RESOURCE, fields)

    def project_commodity(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        """Put a commodity at its rank in the project's list (rank 1 is the primary one)."""
        if project is None:
            batch.fail(i, Entity.PROJECT_COMMODITY, "project", None, "needs a project")
            return None
        wanted = (values.get("commodity"),)
        ids = self.projects.commodity_ids(batch, i, Entity.PROJECT_COMMODITY, wanted)
        if not ids:
            return project
        current = list(project.extra["commodities"])
        rank = values.get("rank")
        position = max(0, int(rank) - 1) if isinstance(rank, int) else len(current)
        if position < len(current) and current[position] == ids[0]:
            return project
        if ids[0] in current and rank is None:
            return project
        if ids[0] in current:
            current.remove(ids[0])
        current.insert(min(position, len(current)), ids[0])
        batch.apply(i, project, {}, {"commodities": current})
        return project

    def deal(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        title = values.get("title")
        if not title:
            batch.fail(i, Entity.DEAL, "title", None, "is required")
            return None
        existing = self.store.keyed[Entity.DEAL].get(
            (str(title).lower(), values.get("announced_date"))
        )
        if not existing and not (values.get("deal_type") and values.get("status")):
            announced = values.get("announced_date")
            dated = f" announced {announced.isoformat()}" if isinstance(announced, date) else ""
            reason = f"no deal with this title{dated}; add its Type and Status to create it"
            batch.fail(i, Entity.DEAL, "title", title, reason)
            return None
        fields = {k: v for k, v in values.items() if k not in _ROLES}
        if project is not None:
            fields["project_id"] = project
        for role in _ROLES:
            if role in values:
                company = self.companies.reference(batch, i, values[role], Entity.DEAL, role)
                fields[f"{role}_id"] = company
        extra: dict[str, Any] = {}
        if existing:
            record = existing[0]
            fields = {
                k: v for k, v in fields.items() if v is not None or k not in {"deal_type", "status"}
            }
            self._status_change(batch, i, record, fields, extra)
            merged = record.values | fields
        else:
            record = Record(Entity.DEAL, None, dict.fromkeys(COLUMNS[Entity.DEAL]))
            record.values.update(fields)
            fields = {}
            merged = record.values
            if merged.get("announced_date") is None:
                reason = "is required to date the deal's first status"
                batch.fail(i, Entity.DEAL, "announced_date", None, reason)
        if values.get("status"):
            self.store.stated.add(record)
        batch.check(i, Entity.DEAL, merged)
        for _name, (_shown, reason) in COUNTERPARTY_RULES.record_failures(merged):
            batch.fail(i, Entity.DEAL, "counterparty", values.get("counterparty"), reason)
        batch.apply(i, record, fields, extra)
        return record

    def _status_change(
        self,
        batch: SheetBatch,
        i: int,
        record: Record,
        fields: dict[str, Any],
        extra: dict[str, Any],
    ) -> None:
        """A stored deal whose row states another status moves to it, dated by its closing
        (for a final status) or today."""
        status = fields.get("status")
        current = record.values["status"]
        if not status or status == current:
            return
        if current in FINAL_DEAL_STATUSES:
            batch.fail(i, Entity.DEAL, "status", status, f"the deal is already {current}")
        closed = fields.get("closed_date") or record.values.get("closed_date")
        today = self.projects.today
        extra["status_change"] = (
            status,
            closed if status in FINAL_DEAL_STATUSES and closed else today,
        )

    def obligation(
        self, batch: SheetBatch, i: int, values: dict[str, Any], deal: Record | None
    ) -> Record | None:
        if deal is None:
            reason = "an obligation needs its deal: map a Deal column"
            batch.fail(i, Entity.DEAL_OBLIGATION, "deal", None, reason)
            return None
        fields = dict(values)
        fields["deal_id"] = deal
        if not fields.get("kind"):
            batch.fail(i, Entity.DEAL_OBLIGATION, "kind", None, "is required")
            return None
        step = fields.pop("step", None)
        if step is not None:
            found = self.step(deal, step)
            if found is None:
                reason = "is not a step of this deal"
                batch.fail(i, Entity.DEAL_OBLIGATION, "step", step, reason)
            fields["step_id"] = found
        elif "step" in values:
            fields["step_id"] = None
        return self.settle(batch, i, Entity.DEAL_OBLIGATION, fields)

    def step(self, deal: Record, seq: object) -> Record | None:
        """The deal's earn-in step number ``seq``, stored or planned."""
        found = self.store.keyed[Entity.DEAL_STEP].get((deal, seq))
        return found[0] if found else None

    def event(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        fields = {k: v for k, v in values.items() if k not in {"company", "commodities"}}
        fields["project_id"] = project
        fields["company_id"] = self.companies.reference(
            batch, i, values.get("company"), Entity.EVENT, "company"
        )
        for name in ("event_date", "kind", "title"):
            if not fields.get(name):
                batch.fail(i, Entity.EVENT, name, None, "is required")
                return None
        record, changes = self.match(Entity.EVENT, fields)
        extra: dict[str, Any] = {}
        if "commodities" in values:
            ids = self.projects.commodity_ids(batch, i, Entity.EVENT, values["commodities"])
            if ids != record.extra.get("commodities", []):
                extra["commodities"] = ids
        batch.check(i, Entity.EVENT, record.values | changes)
        batch.apply(i, record, changes, extra)
        return record

    def holding(
        self, batch: SheetBatch, i: int, values: dict[str, Any], company: Record | None
    ) -> Record | None:
        if company is None:
            reason = "a holding needs its company: map a Company column"
            batch.fail(i, Entity.HOLDING, "company", None, reason)
            return None
        return self.settle(batch, i, Entity.HOLDING, {**values, "company_id": company})
