"""Match or create the records that hang on a project, a deal or a company: studies, resource
lines, commodities, deals, obligations, events and holdings.

Each is matched on its natural key (a study: project, type, title and date); the n-th row with a
key matches the n-th stored record with it, so true duplicates survive a round trip.
"""

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.excel.fields import Entity
from tracker.excel.plan_parents import ParentPlanner
from tracker.excel.row_work import RowWork, as_model
from tracker.excel.store import Record, Store, entity_key
from tracker.models import Deal, Event, ResourceLine, Study
from tracker.services.deals import ObligationSpec, check_deal, check_obligation
from tracker.services.events import check_event
from tracker.services.studies import check_resource, check_study
from tracker.validation import Checker

_COLUMNS = {
    Entity.STUDY: tuple(c for c in Study.model_fields if c != "id"),
    Entity.RESOURCE: tuple(c for c in ResourceLine.model_fields if c != "id"),
    Entity.DEAL: tuple(c for c in Deal.model_fields if c != "id"),
    Entity.DEAL_OBLIGATION: (
        "deal_id",
        "step_id",
        "kind",
        "amount",
        "currency",
        "due_date",
        "met",
        "description",
    ),
    Entity.EVENT: tuple(c for c in Event.model_fields if c != "id"),
    Entity.HOLDING: (
        "company_id",
        "shares",
        "average_cost",
        "currency",
        "opened_date",
        "notes",
    ),
}
#: Columns that keep their stored value (or take a default) when a cell is empty.
_DEFAULTS: dict[Entity, dict[str, object]] = {
    Entity.STUDY: {"currency": "USD"},
    Entity.HOLDING: {"currency": "CAD"},
    Entity.DEAL_OBLIGATION: {"met": False},
}


class ChildPlanner:
    """The entities below projects, deals and companies."""

    def __init__(self, session: Session, store: Store, parents: ParentPlanner) -> None:
        self.session = session
        self.store = store
        self.parents = parents
        self.seen: Counter[tuple[Entity, tuple[Any, ...]]] = Counter()
        self._study_titles: dict[tuple[int, str], Record] | None = None

    def _match(self, work: RowWork, entity: Entity, values: dict[str, Any]) -> Record:
        """The stored record this row's n-th occurrence of its key stands for, or a new one."""
        record = Record(entity, None, dict.fromkeys(_COLUMNS[entity]))
        record.values.update(values)
        for name, default in _DEFAULTS.get(entity, {}).items():
            if record.values.get(name) is None:
                record.values[name] = default
        key = entity_key(record)
        assert key is not None
        occurrence = self.seen[(entity, key)]
        self.seen[(entity, key)] += 1
        existing = self.store.keyed[entity].get(key, [])
        if occurrence < len(existing):
            found = existing[occurrence]
            work.change(found).values.update(self._keep_defaults(entity, values, found))
            return found
        work.change(record)
        return record

    @staticmethod
    def _keep_defaults(entity: Entity, values: dict[str, Any], found: Record) -> dict[str, Any]:
        kept = dict(values)
        for name in _DEFAULTS.get(entity, {}):
            if kept.get(name) is None and name in kept:
                kept[name] = found.values.get(name)
        return kept

    def study(self, work: RowWork, values: dict[str, Any], project: Record | None) -> Record | None:
        if project is None:
            work.fail(
                Entity.STUDY, "project", None, "a study needs a project: map a Project column"
            )
            return None
        study_type = values.get("study_type")
        if not study_type:
            work.fail(Entity.STUDY, "study_type", None, "is required to import the study's figures")
            return None
        fields = dict(values)
        fields["title"] = values.get("title") or study_type
        fields["project_id"] = project
        record = self._match(work, Entity.STUDY, fields)
        merged = work.pending(record)
        work.absorb(Entity.STUDY, check_study(as_model(Study, merged)).problems)
        if record.id is None and not record.created:
            self._study_titles = None
        return record

    def _study_by_title(self, project: Record, title: str) -> Record | None:
        if self._study_titles is None:
            titles: dict[tuple[int, str], Record] = {}
            studies = [*self.store.by_id[Entity.STUDY].values(), *self.store.created[Entity.STUDY]]
            for study in studies:
                key = (id(study.values["project_id"]), str(study.values["title"]).lower())
                titles.setdefault(key, study)
            self._study_titles = titles
        return self._study_titles.get((id(project), title.lower()))

    def resource(
        self, work: RowWork, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        if project is None:
            work.fail(Entity.RESOURCE, "project", None, "a resource line needs a project")
            return None
        fields = {k: v for k, v in values.items() if k not in {"study", "commodity"}}
        fields["project_id"] = project
        fields["study_id"] = None
        title = values.get("study")
        if title:
            study = self._study_by_title(project, str(title))
            if study is None:
                work.fail(Entity.RESOURCE, "study", title, "is not a study of this project")
            fields["study_id"] = study
        commodity = values.get("commodity")
        fields["commodity_id"] = None
        if commodity:
            ids = self.parents.commodity_ids(work, Entity.RESOURCE, (commodity,))
            fields["commodity_id"] = ids[0] if ids else None
        if not fields.get("category"):
            work.fail(Entity.RESOURCE, "category", None, "is required")
            return None
        record = self._match(work, Entity.RESOURCE, fields)
        merged = work.pending(record)
        work.absorb(Entity.RESOURCE, check_resource(as_model(ResourceLine, merged)).problems)
        return record

    def project_commodity(
        self, work: RowWork, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        """Put a commodity at its rank in the project's list (rank 1 is the primary one)."""
        if project is None:
            work.fail(Entity.PROJECT_COMMODITY, "project", None, "needs a project")
            return None
        ids = self.parents.commodity_ids(work, Entity.PROJECT_COMMODITY, (values.get("commodity"),))
        if not ids:
            return project
        change = work.change(project)
        current = list(change.extra.get("commodities", project.extra["commodities"]))
        rank = values.get("rank")
        position = max(0, int(rank) - 1) if isinstance(rank, int) else len(current)
        if position < len(current) and current[position] == ids[0]:
            return project
        if ids[0] in current and rank is None:
            return project
        if ids[0] in current:
            current.remove(ids[0])
        current.insert(min(position, len(current)), ids[0])
        change.extra["commodities"] = current
        return project

    def deal(self, work: RowWork, values: dict[str, Any], project: Record | None) -> Record | None:
        title = values.get("title")
        if not title:
            work.fail(Entity.DEAL, "title", None, "is required")
            return None
        key = (str(title).lower(), values.get("announced_date"))
        existing = self.store.keyed[Entity.DEAL].get(key, [])
        creating = not existing
        if creating and not (values.get("deal_type") and values.get("status")):
            announced = values.get("announced_date")
            dated = f" announced {announced.isoformat()}" if isinstance(announced, date) else ""
            work.fail(
                Entity.DEAL,
                "title",
                title,
                f"no deal with this title{dated}; add its Type and Status to create it",
            )
            return None
        fields = {k: v for k, v in values.items() if k not in {"acquirer", "counterparty"}}
        if project is not None:
            fields["project_id"] = project
        for role in ("acquirer", "counterparty"):
            if role in values:
                fields[f"{role}_id"] = self.parents.reference(work, values[role], Entity.DEAL, role)
        if not creating:
            fields = {
                k: v for k, v in fields.items() if v is not None or k not in {"deal_type", "status"}
            }
            record = existing[0]
            change = work.change(record)
            change.values.update(fields)
            status = fields.get("status")
            if status and status != record.values["status"]:
                if record.values["status"] in FINAL_DEAL_STATUSES:
                    work.fail(
                        Entity.DEAL,
                        "status",
                        status,
                        f"the deal is already {record.values['status']}",
                    )
                closed = fields.get("closed_date") or record.values.get("closed_date")
                when: date = (
                    closed if status in FINAL_DEAL_STATUSES and closed else self.parents.today
                )
                change.extra["status_change"] = (status, when)
        else:
            record = Record(Entity.DEAL, None, dict.fromkeys(_COLUMNS[Entity.DEAL]))
            record.values.update(fields)
            work.change(record)
            if record.values.get("announced_date") is None:
                work.fail(
                    Entity.DEAL,
                    "announced_date",
                    None,
                    "is required to date the deal's first status",
                )
        merged = work.pending(record)
        shown = {k: (None if isinstance(v, Record) else v) for k, v in merged.items()}
        deal = as_model(Deal, shown)
        work.absorb(Entity.DEAL, check_deal(self.session, deal).problems)
        buyer, seller = merged.get("acquirer_id"), merged.get("counterparty_id")
        if buyer is not None and buyer is seller:
            work.fail(
                Entity.DEAL,
                "counterparty",
                values.get("counterparty"),
                "is the same company as the acquirer",
            )
        return record

    def obligation(
        self, work: RowWork, values: dict[str, Any], deal: Record | None
    ) -> Record | None:
        if deal is None:
            work.fail(
                Entity.DEAL_OBLIGATION,
                "deal",
                None,
                "an obligation needs its deal: map a Deal column",
            )
            return None
        fields = dict(values)
        fields["deal_id"] = deal
        if not fields.get("kind"):
            work.fail(Entity.DEAL_OBLIGATION, "kind", None, "is required")
            return None
        record = self._match(work, Entity.DEAL_OBLIGATION, fields)
        merged = work.pending(record)
        checker = Checker()
        spec = ObligationSpec(
            merged["kind"],
            merged["amount"],
            merged.get("currency"),
            merged.get("due_date"),
            bool(merged.get("met")),
            merged.get("description"),
        )
        check_obligation(checker, "obligation", spec)
        work.absorb(Entity.DEAL_OBLIGATION, checker.problems, prefix="obligation ")
        return record

    def event(self, work: RowWork, values: dict[str, Any], project: Record | None) -> Record | None:
        fields = {k: v for k, v in values.items() if k not in {"company", "commodities"}}
        fields["project_id"] = project
        fields["company_id"] = self.parents.reference(
            work, values.get("company"), Entity.EVENT, "company"
        )
        for name in ("event_date", "kind", "title"):
            if not fields.get(name):
                work.fail(Entity.EVENT, name, None, "is required")
                return None
        record = self._match(work, Entity.EVENT, fields)
        if "commodities" in values:
            ids = self.parents.commodity_ids(work, Entity.EVENT, values["commodities"])
            if ids != record.extra.get("commodities", []):
                work.change(record).extra["commodities"] = ids
        merged = work.pending(record)
        shown = {k: (None if isinstance(v, Record) else v) for k, v in merged.items()}
        event = as_model(Event, shown)
        work.absorb(Entity.EVENT, check_event(self.session, event).problems)
        return record

    def holding(
        self, work: RowWork, values: dict[str, Any], company: Record | None
    ) -> Record | None:
        if company is None:
            work.fail(
                Entity.HOLDING, "company", None, "a holding needs its company: map a Company column"
            )
            return None
        fields = dict(values)
        fields["company_id"] = company
        record = self._match(work, Entity.HOLDING, fields)
        merged = work.pending(record)
        checker = Checker()
        checker.number("shares", merged.get("shares"), minimum=Decimal(0), required=True)
        checker.number("average_cost", merged.get("average_cost"), minimum=Decimal(0))
        checker.currency("currency", merged.get("currency"), required=True)
        checker.text("notes", merged.get("notes"), 100_000, required=False)
        work.absorb(Entity.HOLDING, checker.problems)
        return record
