"""Match or create what makes the workbook a complete copy: stage and status histories, price
decks, earn-in steps, share prices, exchange rates, expected studies and watchlists.

The Projects and Deals sheets carry the current stage and status. A project or deal whose
history an import extends without saying its current value follows its latest entry, as the
services' ``record_stage`` and ``change_status`` make it (``follow_histories``).
"""

from datetime import date
from typing import Any

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.excel import identity
from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.matching import Columns, take
from tracker.excel.plan_children import ChildPlanner
from tracker.excel.store import Record, Store
from tracker.services.deals import steps_total_failures


class HistoryPlanner:
    """The entities of the workbook's history and market sheets."""

    def __init__(self, store: Store, children: ChildPlanner) -> None:
        self.store = store
        self.children = children

    def stages(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        self.children.under(batch, Entity.PROJECT_STAGE, projects, "project")

    def statuses(self, batch: SheetBatch, deals: dict[int, Record]) -> None:
        self.children.under(batch, Entity.DEAL_STATUS, deals, "deal")

    def share_prices(self, batch: SheetBatch, companies: dict[int, Record]) -> None:
        self.children.under(batch, Entity.SHARE_PRICE, companies, "company")

    def expected_studies(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        self.children.under(batch, Entity.EXPECTED_STUDY, projects, "project")

    def fx_rates(self, batch: SheetBatch) -> None:
        rows, values = batch.columns_of(Entity.FX_RATE)
        self.children.settle_rows(batch, Entity.FX_RATE, rows, values)

    def prices(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        """Lines of studies' price decks; a study is named by title (and type and date)."""
        self._study_lines(batch, projects, Entity.STUDY_PRICE, ("price", "currency", "unit"))

    def sensitivities(self, batch: SheetBatch, projects: dict[int, Record]) -> None:
        """Points of studies' NPV sensitivity tables, named as price deck lines are."""
        names = ("price", "currency", "unit", "change_pct", "after_tax_npv", "source")
        self._study_lines(batch, projects, Entity.STUDY_SENSITIVITY, names)

    def commodity_prices(self, batch: SheetBatch) -> None:
        """A commodity's price on a day; the commodity named by symbol or name."""
        entity = Entity.COMMODITY_PRICE
        rows, values = batch.columns_of(entity)
        named = values.get("commodity") or [None] * len(rows)
        keep: list[int] = []
        ids: list[int] = []
        for k, i in enumerate(rows):
            found = self.store.commodity_ids.get(str(named[k] or "").strip().lower())
            if found is None:
                reason = "is required" if not named[k] else "is not a known commodity"
                batch.fail(i, entity, "commodity", named[k], reason)
                continue
            keep.append(k)
            ids.append(found)
        fields = take({n: v for n, v in values.items() if n != "commodity"}, keep)
        fields["commodity_id"] = ids
        self.children.settle_rows(batch, entity, [rows[k] for k in keep], fields)

    def _study_lines(
        self,
        batch: SheetBatch,
        projects: dict[int, Record],
        entity: Entity,
        names: tuple[str, ...],
    ) -> None:
        rows, values = batch.columns_of(entity)
        size = len(rows)
        named = {name: values.get(name) or [None] * size for name in _STUDY_NAMING}
        keep: list[int] = []
        found: Columns = {"study_id": [], "commodity_id": []}
        study_ids = identity.row_ids(batch, Entity.STUDY)
        for k, i in enumerate(rows):
            project = projects.get(i)
            if project is None:
                reason = "needs its project: map a Project column"
                batch.fail(i, entity, "project", None, reason)
                continue
            title = named["study"][k]
            study = None
            if title:
                kind, when = named["study_type"][k], named["study_date"][k]
                wid = study_ids[i] if study_ids is not None else None
                study = self.children.find_study(project, str(title), kind, when, wid)
            if study is None:
                batch.fail(i, entity, "study", title, "is not a study of this project")
                continue
            wanted = (named["commodity"][k],)
            ids = self.children.projects.commodity_ids(batch, i, entity, wanted)
            if not ids:
                continue
            keep.append(k)
            found["study_id"].append(study)
            found["commodity_id"].append(ids[0])
        kept: Columns = {n: values[n] for n in names if n in values}
        fields = take(kept, keep) | found
        self.children.settle_rows(batch, entity, [rows[k] for k in keep], fields)

    def steps(self, batch: SheetBatch, deals: dict[int, Record]) -> None:
        """Earn-in steps, one row at a time: each is checked with the deal's steps so far."""
        batch.records.setdefault(Entity.DEAL_STEP, {})
        for i, values in batch.each(Entity.DEAL_STEP):
            batch.keep(i, Entity.DEAL_STEP, self.step(batch, i, values, deals.get(i)))

    def step(
        self, batch: SheetBatch, i: int, values: dict[str, Any], deal: Record | None
    ) -> Record | None:
        if deal is None:
            batch.fail(i, Entity.DEAL_STEP, "deal", None, "needs its deal: map a Deal column")
            return None
        if values.get("seq") is None:
            reason = "is required (the step's number, 1, 2, ...)"
            batch.fail(i, Entity.DEAL_STEP, "seq", None, reason)
            return None
        record, changes = self.children.match(Entity.DEAL_STEP, {**values, "deal_id": deal})
        merged = record.values | changes
        batch.check(i, Entity.DEAL_STEP, merged)
        others = self.store.children.get((Entity.DEAL_STEP, deal), [])
        interests = [r.values["interest_pct"] for r in others if r is not record]
        interests.append(merged.get("interest_pct"))
        for name, (shown, reason) in steps_total_failures(interests, None):
            field = "interest_pct" if name == "steps" else name
            batch.fail(i, Entity.DEAL_STEP, field, shown, reason)
        batch.apply(i, record, changes)
        return record

    def watchlists(self, batch: SheetBatch) -> None:
        rows, values = batch.columns_of(Entity.WATCHLIST)
        size = len(rows)
        names = values.get("name") or [None] * size
        commodities = values.get("commodity") or [None] * size
        keep: list[int] = []
        symbols: list[str | None] = []
        for k, i in enumerate(rows):
            if not names[k]:
                batch.fail(i, Entity.WATCHLIST, "name", None, "is required")
                continue
            symbol = None
            if commodities[k]:
                found = self.store.commodity_ids.get(str(commodities[k]).lower())
                if found is None:
                    reason = "is not a known commodity"
                    batch.fail(i, Entity.WATCHLIST, "commodity", commodities[k], reason)
                    continue
                symbol = self.store.commodity_symbols[found]
            keep.append(k)
            symbols.append(symbol)
        fields = take(values, keep)
        if "commodity" in values:
            fields["commodity"] = symbols
        self.children.settle_rows(batch, Entity.WATCHLIST, [rows[k] for k in keep], fields)


_STUDY_NAMING = ("study", "study_type", "study_date", "commodity")


def _latest(entries: list[Record], when: str) -> Record | None:
    """The latest entry by date; of entries on one day, the one added last."""
    latest = None
    for entry in entries:
        day = entry.values[when]
        if isinstance(day, date) and (latest is None or day >= latest.values[when]):
            latest = entry
    return latest


def follow_histories(store: Store, given: set[Record]) -> None:
    """Move projects and deals that got new history entries, and whose current stage or status
    no row gave (``given``), to their latest entry."""
    moved: dict[Record, dict[str, object]] = {}
    for entity, column, value, when in (
        (Entity.PROJECT_STAGE, "project_id", "stage", "effective_date"),
        (Entity.DEAL_STATUS, "deal_id", "status", "changed_on"),
    ):
        for parent in {r.values[column] for r in store.created[entity]} - given:
            latest = _latest(store.children[(entity, parent)], when)
            if latest is None or parent.values.get(value) == latest.values[value]:
                continue
            change = moved.setdefault(parent, {})
            change[value] = latest.values[value]
            if entity is Entity.DEAL_STATUS and latest.values[value] in FINAL_DEAL_STATUSES:
                change["closed_date"] = parent.values.get("closed_date") or latest.values[when]
    for parent, values in moved.items():
        if parent.before is None and not parent.created:
            parent.before = dict(parent.values)  # what the preview shows as the old values
        parent.values.update(values)
        parent.changes().update(values)
        store.touched.add(parent)
