"""Studies, resource lines, commodities, deals, obligations, events and holdings: the
records that hang on a project, a deal or a company.

Each entity is planned for all of a sheet's rows at once (``matching``); deals, which other
rows name, one row at a time.
"""

from datetime import date
from typing import Any

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.excel import identity
from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.matching import COLUMNS, Columns, Matcher, take
from tracker.excel.store import Record
from tracker.excel.study_match import Ambiguous, StudyIndex
from tracker.services.deals import COUNTERPARTY_RULES

_ROLES = ("acquirer", "counterparty")


class ChildPlanner(Matcher):
    """The entities below projects, deals and companies."""

    # Studies and resources --------------------------------------------------------------------

    def studies(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        rows, values = batch.columns_of(Entity.STUDY)
        types = values.get("study_type") or [None] * len(rows)
        keep, parents = [], []
        for k, i in enumerate(rows):
            project = projects.get(i)
            if project is None:
                reason = "a study needs a project: map a Project column"
                batch.fail(i, Entity.STUDY, "project", None, reason)
            elif not types[k]:
                reason = "is required to import the study's figures"
                batch.fail(i, Entity.STUDY, "study_type", None, reason)
            else:
                keep.append(k)
                parents.append(project)
        fields = take(values, keep)
        titles = fields.get("title") or [None] * len(keep)
        kinds = [types[k] for k in keep]
        fields["project_id"] = parents
        if self.ours:
            fields["title"] = [t or kind for t, kind in zip(titles, kinds, strict=True)]
            self.settle_rows(batch, Entity.STUDY, [rows[k] for k in keep], fields)
            return
        kept_rows = [rows[k] for k in keep]
        found = self._investor_studies(batch, kept_rows, fields)
        # A new study is titled by its type when the sheet gives no title; a matched one
        # keeps its own title unless the sheet gives another.
        fields["title"] = [
            t or (kind if record is None else None)
            for t, kind, record in zip(titles, kinds, found, strict=True)
        ]
        self.settle_rows(batch, Entity.STUDY, kept_rows, fields, found=found, merge_new=True)

    def _investor_studies(
        self, batch: SheetBatch, rows: list[int], fields: Columns
    ) -> list[Record | None]:
        """The stored study each investor row stands for (``study_match``); a row that fits
        several is a problem of its study type cell."""
        index = StudyIndex(self.store)
        size = len(rows)
        empty: list[Any] = [None] * size
        published = fields.get("publication_date") or empty
        effective = fields.get("effective_date") or empty
        titles = fields.get("title") or empty
        found: list[Record | None] = []
        for k, i in enumerate(rows):
            when = published[k] or effective[k]
            study_type = fields["study_type"][k]
            match = index.find(fields["project_id"][k], study_type, when, titles[k])
            if isinstance(match, Ambiguous):
                batch.fail(i, Entity.STUDY, "study_type", study_type, match.reason)
                match = None
            found.append(match)
        return found

    def find_study(
        self,
        project: Record,
        title: str,
        study_type: str | None = None,
        when: date | None = None,
        wid: int | None = None,
    ) -> Record | None:
        """The study workbook ID ``wid`` stands for (``identity``), else the project's study
        with this title (and type and date, when given)."""
        lower = title.lower()

        def fits(study: Record) -> bool:
            values = study.values
            return values["project_id"] is project and str(values["title"]).lower() == lower

        by_id = identity.find(self.store, Entity.STUDY, wid, fits)
        if by_id is not None:
            return by_id
        for study in self.store.study_titles.get((project, lower), []):
            values = study.values
            if study_type and values["study_type"] != study_type:
                continue
            if when and (values.get("publication_date") or values.get("effective_date")) != when:
                continue
            return study
        return None

    def resources(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        rows, values = batch.columns_of(Entity.RESOURCE)
        size = len(rows)
        titles = values.pop("study", None) or [None] * size
        commodities = values.pop("commodity", None) or [None] * size
        categories = values.get("category") or [None] * size
        keep: list[int] = []
        extra: Columns = {"project_id": [], "study_id": [], "commodity_id": []}
        study_ids = identity.row_ids(batch, Entity.STUDY)
        for k, i in enumerate(rows):
            project = projects.get(i)
            if project is None:
                batch.fail(i, Entity.RESOURCE, "project", None, "a resource line needs a project")
                continue
            study = None
            if titles[k]:
                wid = study_ids[i] if study_ids is not None else None
                study = self.find_study(project, str(titles[k]), wid=wid)
                if study is None:
                    reason = "is not a study of this project"
                    batch.fail(i, Entity.RESOURCE, "study", titles[k], reason)
            commodity = None
            if commodities[k]:
                ids = self.projects.commodity_ids(batch, i, Entity.RESOURCE, (commodities[k],))
                commodity = ids[0] if ids else None
            if not categories[k]:
                batch.fail(i, Entity.RESOURCE, "category", None, "is required")
                continue
            keep.append(k)
            for name, value in (("project_id", project), ("study_id", study)):
                extra[name].append(value)
            extra["commodity_id"].append(commodity)
        fields = take(values, keep) | extra
        self.settle_rows(batch, Entity.RESOURCE, [rows[k] for k in keep], fields)

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

    # Deals and what hangs on them -----------------------------------------------------------

    def deal(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        title = values.get("title")
        if not title:
            batch.fail(i, Entity.DEAL, "title", None, "is required")
            return None
        key = (str(title).lower(), values.get("announced_date"))
        ids = identity.row_ids(batch, Entity.DEAL)
        wid = ids[i] if ids is not None else None
        existing = self._deals(key, wid)
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
            # An empty cell keeps the stored value, except on the app's own workbook (where it
            # empties the field, though a deal always keeps its type and status).
            fields = {
                k: v
                for k, v in fields.items()
                if v is not None or (self.ours and k not in {"deal_type", "status"})
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
        identity.note(self.store, Entity.DEAL, wid, record)
        return record

    def _deals(self, key: tuple[Any, ...], wid: int | None) -> list[Record]:
        """The deal a row with natural key ``key`` and workbook ID ``wid`` stands for (first),
        or the deals with that key that no other ID took."""
        store = self.store
        by_id = identity.find(store, Entity.DEAL, wid, identity.same_key(key))
        if by_id is not None:
            return [by_id]
        known = store.keyed[Entity.DEAL].get(key) or []
        return [deal for deal in known if deal not in store.claimed] if wid is not None else known

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
        final = status in FINAL_DEAL_STATUSES and closed
        extra["status_change"] = (status, closed if final else self.projects.today)

    def obligations(self, batch: SheetBatch, deals: dict[int, Record]) -> None:
        rows, values = batch.columns_of(Entity.DEAL_OBLIGATION)
        size = len(rows)
        steps = values.pop("step", None)
        kinds = values.get("kind") or [None] * size
        keep: list[int] = []
        parents: list[Record] = []
        step_ids: list[Record | None] = []
        for k, i in enumerate(rows):
            deal = deals.get(i)
            if deal is None:
                reason = "an obligation needs its deal: map a Deal column"
                batch.fail(i, Entity.DEAL_OBLIGATION, "deal", None, reason)
                continue
            if not kinds[k]:
                batch.fail(i, Entity.DEAL_OBLIGATION, "kind", None, "is required")
                continue
            step = None
            if steps is not None and steps[k] is not None:
                step = self.step(deal, steps[k])
                if step is None:
                    reason = "is not a step of this deal"
                    batch.fail(i, Entity.DEAL_OBLIGATION, "step", steps[k], reason)
            keep.append(k)
            parents.append(deal)
            step_ids.append(step)
        fields = take(values, keep) | {"deal_id": parents}
        if steps is not None:
            fields["step_id"] = step_ids
        self.settle_rows(batch, Entity.DEAL_OBLIGATION, [rows[k] for k in keep], fields)

    def step(self, deal: Record, seq: object) -> Record | None:
        """The deal's earn-in step number ``seq``, stored or planned."""
        found = self.store.keyed[Entity.DEAL_STEP].get((deal, seq))
        return found[0] if found else None

    # Events and holdings --------------------------------------------------------------------

    def events(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        rows, values = batch.columns_of(Entity.EVENT)
        size = len(rows)
        companies = values.pop("company", None)
        commodities = values.pop("commodities", None)
        required = [(name, values.get(name) or [None] * size) for name in _EVENT_REQUIRED]
        keep: list[int] = []
        extra: Columns = {"project_id": [], "company_id": []}
        extras: list[dict[str, Any]] = []
        for k, i in enumerate(rows):
            company = None
            if companies is not None:
                named = companies[k]
                company = self.companies.reference(batch, i, named, Entity.EVENT, "company")
            missing = next((name for name, column in required if not column[k]), None)
            if missing is not None:
                batch.fail(i, Entity.EVENT, missing, None, "is required")
                continue
            keep.append(k)
            extra["project_id"].append(projects.get(i))
            extra["company_id"].append(company)
            if commodities is not None:
                named = commodities[k]
                ids = self.projects.commodity_ids(batch, i, Entity.EVENT, named)
                # An event's commodities are a set: sorted, as the store holds them.
                extras.append({"commodities": sorted(ids)})
        fields = take(values, keep) | extra
        rows_kept = [rows[k] for k in keep]
        self.settle_rows(batch, Entity.EVENT, rows_kept, fields, extras if commodities else None)

    def holdings(self, batch: SheetBatch, companies: dict[int, Record]) -> None:
        reason = "a holding needs its company: map a Company column"
        self.under(batch, Entity.HOLDING, companies, "company", reason)

    def transactions(self, batch: SheetBatch, companies: dict[int, Record]) -> None:
        """Rows of buys, sells, fees, deals' shares and splits. Each belongs to the holding of
        its company in its currency, made when there is none yet; a deal is named by title.
        (An investor's positions sheet reads the same way: each row a buy.)"""
        rows, values = batch.columns_of(Entity.TRANSACTION)
        size = len(rows)
        deals = values.pop("deal", None) or [None] * size
        currencies = values.get("currency") or [None] * size
        keep: list[int] = []
        extra: Columns = {"holding_id": [], "deal_id": []}
        holding_ids = identity.row_ids(batch, Entity.HOLDING)
        deal_ids = identity.row_ids(batch, Entity.DEAL)
        for k, i in enumerate(rows):
            company = companies.get(i)
            if company is None:
                reason = "a transaction needs its company: map a Company column"
                batch.fail(i, Entity.TRANSACTION, "company", None, reason)
                continue
            deal = None
            if deals[k]:
                deal = self._deal_titled(str(deals[k]), deal_ids[i] if deal_ids else None)
                if deal is None:
                    batch.fail(i, Entity.TRANSACTION, "deal", deals[k], "is not a known deal")
                    continue
            wid = holding_ids[i] if holding_ids is not None else None
            holding = self._holding_of(batch, i, company, currencies[k] or "CAD", wid)
            if holding is None:
                continue
            keep.append(k)
            extra["holding_id"].append(holding)
            extra["deal_id"].append(deal)
        fields = take(values, keep) | extra
        self.settle_rows(batch, Entity.TRANSACTION, [rows[k] for k in keep], fields)

    def _holding_of(
        self, batch: SheetBatch, i: int, company: Record, currency: str, wid: int | None = None
    ) -> Record | None:
        """The holding workbook ID ``wid`` stands for (``identity``), else the company's
        holding in ``currency``: stored, planned, or made for row ``i``."""
        store = self.store
        key = (company, currency)
        by_id = identity.find(store, Entity.HOLDING, wid, identity.same_key(key))
        if by_id is not None:
            return by_id
        found = store.keyed[Entity.HOLDING].get(key) or []
        if wid is not None:
            found = [holding for holding in found if holding not in store.claimed]
        if found:
            identity.note(store, Entity.HOLDING, wid, found[0])
            return found[0]
        record = Record(
            Entity.HOLDING, None, {"company_id": company, "currency": currency, "notes": None}
        )
        record.key = key
        if not batch.create(i, record):
            return None
        identity.note(store, Entity.HOLDING, wid, record)
        return record

    def _deal_titled(self, title: str, wid: int | None = None) -> Record | None:
        """The deal workbook ID ``wid`` stands for (``identity``), else the first deal with
        this title."""
        wanted = title.strip().lower()

        def fits(deal: Record) -> bool:
            return str(deal.values.get("title") or "").lower() == wanted

        by_id = identity.find(self.store, Entity.DEAL, wid, fits)
        if by_id is not None:
            return by_id
        for record in [*self.store.by_id[Entity.DEAL].values(), *self.store.created[Entity.DEAL]]:
            if str(record.values.get("title") or "").lower() == wanted:
                return record
        return None


_EVENT_REQUIRED = ("event_date", "kind", "title")
