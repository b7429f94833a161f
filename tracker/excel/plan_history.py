"""Match or create what makes the workbook a complete copy: stage and status histories, price
decks, earn-in steps, share prices, exchange rates, expected studies and watchlists.

The Projects and Deals sheets carry the current stage and status. A project or deal whose
history an import extends without saying its current value follows its latest entry, as the
services' ``record_stage`` and ``change_status`` make it (``follow_histories``).
"""

from datetime import date
from typing import Any

from tracker.enums import FINAL_DEAL_STATUSES
from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.plan_children import ChildPlanner
from tracker.excel.store import Record, Store
from tracker.services.deals import steps_total_failures


class HistoryPlanner:
    """The entities of the workbook's history and market sheets."""

    def __init__(self, store: Store, children: ChildPlanner) -> None:
        self.store = store
        self.children = children

    @staticmethod
    def _needs(batch: SheetBatch, i: int, entity: Entity, parent: Record | None, what: str) -> bool:
        if parent is None:
            batch.fail(i, entity, what, None, f"needs its {what}: map a {what.capitalize()} column")
        return parent is not None

    def stage(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        if not self._needs(batch, i, Entity.PROJECT_STAGE, project, "project"):
            return None
        return self.children.settle(
            batch, i, Entity.PROJECT_STAGE, {**values, "project_id": project}
        )

    def price(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        """A line of a study's price deck; the study is named by title (and type and date)."""
        if not self._needs(batch, i, Entity.STUDY_PRICE, project, "project"):
            return None
        assert project is not None
        title = values.get("study")
        study = None
        if title:
            kind, when = values.get("study_type"), values.get("study_date")
            study = self.children.find_study(project, str(title), kind, when)
        if study is None:
            batch.fail(i, Entity.STUDY_PRICE, "study", title, "is not a study of this project")
            return None
        wanted = (values.get("commodity"),)
        ids = self.children.projects.commodity_ids(batch, i, Entity.STUDY_PRICE, wanted)
        if not ids:
            return None
        fields = {k: values.get(k) for k in ("price", "currency", "unit")}
        fields |= {"study_id": study, "commodity_id": ids[0]}
        return self.children.settle(batch, i, Entity.STUDY_PRICE, fields)

    def step(
        self, batch: SheetBatch, i: int, values: dict[str, Any], deal: Record | None
    ) -> Record | None:
        if not self._needs(batch, i, Entity.DEAL_STEP, deal, "deal"):
            return None
        assert deal is not None
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

    def status(
        self, batch: SheetBatch, i: int, values: dict[str, Any], deal: Record | None
    ) -> Record | None:
        if not self._needs(batch, i, Entity.DEAL_STATUS, deal, "deal"):
            return None
        return self.children.settle(batch, i, Entity.DEAL_STATUS, {**values, "deal_id": deal})

    def share_price(
        self, batch: SheetBatch, i: int, values: dict[str, Any], company: Record | None
    ) -> Record | None:
        if not self._needs(batch, i, Entity.SHARE_PRICE, company, "company"):
            return None
        fields = {**values, "company_id": company}
        return self.children.settle(batch, i, Entity.SHARE_PRICE, fields)

    def fx_rate(self, batch: SheetBatch, i: int, values: dict[str, Any]) -> Record:
        return self.children.settle(batch, i, Entity.FX_RATE, values)

    def expected_study(
        self, batch: SheetBatch, i: int, values: dict[str, Any], project: Record | None
    ) -> Record | None:
        if not self._needs(batch, i, Entity.EXPECTED_STUDY, project, "project"):
            return None
        fields = {**values, "project_id": project}
        return self.children.settle(batch, i, Entity.EXPECTED_STUDY, fields)

    def watchlist(self, batch: SheetBatch, i: int, values: dict[str, Any]) -> Record | None:
        if not values.get("name"):
            batch.fail(i, Entity.WATCHLIST, "name", None, "is required")
            return None
        fields = dict(values)
        commodity = values.get("commodity")
        if commodity:
            found = self.store.commodity_ids.get(str(commodity).lower())
            if found is None:
                reason = "is not a known commodity"
                batch.fail(i, Entity.WATCHLIST, "commodity", commodity, reason)
                return None
            fields["commodity"] = self.store.commodity_symbols[found]
        return self.children.settle(batch, i, Entity.WATCHLIST, fields)


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
        parent.values.update(values)
        parent.dirty.update(values)
        store.touched.add(parent)
