"""Decide, row by row, what an import creates, updates or skips, without writing anything."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session

from tracker.excel.errors import CancelledError
from tracker.excel.fields import Entity
from tracker.excel.plan_children import ChildPlanner
from tracker.excel.plan_parents import ParentPlanner, has_values
from tracker.excel.report import Action, Preview, RowOutcome
from tracker.excel.row_work import RowWork
from tracker.excel.sheet_rows import ParsedRow, SheetChoice, parse_rows
from tracker.excel.store import Record, Store

#: progress(phase, done, total): plain counts, safe to send across threads.
Progress = Callable[[str, int, int], None]
CancelCheck = Callable[[], bool]
#: Rows between two progress reports (and cancel checks).
TICK = 250
_LABELS = {
    Entity.COMPANY: "Company",
    Entity.PROJECT: "Project",
    Entity.PROJECT_COMMODITY: "Commodity of",
    Entity.STUDY: "Study",
    Entity.RESOURCE: "Resource of",
    Entity.DEAL: "Deal",
    Entity.DEAL_OBLIGATION: "Obligation of",
    Entity.EVENT: "Event",
    Entity.HOLDING: "Holding of",
}
_NOT_PRESENCE = frozenset({"currency"})


class Planner:
    """Plans sheets against a store loaded from the database."""

    def __init__(self, session: Session, store: Store, *, ours: bool, today: date) -> None:
        self.store = store
        self.ours = ours
        self.parents = ParentPlanner(session, store, today)
        self.children = ChildPlanner(session, store, self.parents)
        self.preview = Preview()

    def plan(
        self,
        sheets: list[SheetChoice],
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> Preview:
        total = sum(sheet.data_rows for sheet in sheets)
        offset = 0
        known = self.store.known_commodity_names()
        for sheet in sheets:
            headers = {
                (c.field.entity, c.field.name): c.header
                for c in sheet.mapping.mapped()
                if c.field is not None
            }
            _tick(offset, total, progress, cancelled)
            rows = parse_rows(sheet, ours=self.ours, known_commodities=known)
            for number, parsed in enumerate(rows, start=1):
                self.preview.rows.append(self._row(sheet, parsed, headers))
                if number % TICK == 0:
                    done = offset + parsed.row - sheet.header_row - 1
                    _tick(done, total, progress, cancelled)
            offset += sheet.data_rows
        if progress is not None:
            progress("checking", total, total)
        self._count()
        return self.preview

    def _row(
        self, sheet: SheetChoice, parsed: ParsedRow, headers: dict[tuple[Entity, str], str]
    ) -> RowOutcome:
        values = parsed.values
        work = RowWork(sheet.name, parsed.row, headers, list(parsed.problems))
        records: dict[Entity, Record | None] = {}
        company = self.parents.company(work, values.get(Entity.COMPANY), Entity.COMPANY)
        listed = sheet.mapping.entity is Entity.PROJECT
        project = self.parents.project(work, values.get(Entity.PROJECT), company, listed=listed)
        records[Entity.COMPANY], records[Entity.PROJECT] = company, project
        deal_values: dict[str, Any] | None = values.get(Entity.DEAL)
        deal = None
        if deal_values is not None and has_values(deal_values):
            deal = self.children.deal(work, deal_values, project)
        records[Entity.DEAL] = deal
        steps: list[tuple[Entity, Callable[[RowWork, dict[str, Any]], Record | None]]] = [
            (Entity.STUDY, lambda w, v: self.children.study(w, v, project)),
            (Entity.RESOURCE, lambda w, v: self.children.resource(w, v, project)),
            (Entity.PROJECT_COMMODITY, lambda w, v: self.children.project_commodity(w, v, project)),
            (Entity.DEAL_OBLIGATION, lambda w, v: self.children.obligation(w, v, deal)),
            (Entity.EVENT, lambda w, v: self.children.event(w, v, project)),
            (Entity.HOLDING, lambda w, v: self.children.holding(w, v, company)),
        ]
        for entity, step in steps:
            entity_values = values.get(entity)
            if has_values(entity_values, _NOT_PRESENCE):
                assert entity_values is not None
                records[entity] = step(work, entity_values)
        primary = self._primary(sheet, records)
        main = records.get(primary) if primary else None
        label = f"{_LABELS[primary]} {main.label}" if primary and main else "(row)"
        if project is not None and primary not in {Entity.PROJECT, Entity.COMPANY, None}:
            label += f" ({project.label})"
        if work.problems:
            self.preview.problems.extend(work.problems)
            return RowOutcome(sheet.name, parsed.row, label, Action.SKIP)
        created = main is not None and main.id is None and not main.created
        altered = any(change.alters() for change in work.changes)
        work.commit(self.store)
        if created:
            action = Action.CREATE
        elif altered:
            action = Action.UPDATE
        else:
            action = Action.UNCHANGED
        return RowOutcome(sheet.name, parsed.row, label, action)

    @staticmethod
    def _primary(sheet: SheetChoice, records: dict[Entity, Record | None]) -> Entity | None:
        wanted = sheet.mapping.entity
        if wanted is Entity.PROJECT_COMMODITY:
            wanted = Entity.PROJECT
        if wanted is not None and records.get(wanted) is not None:
            return wanted
        for entity in (*reversed(list(records)), Entity.PROJECT, Entity.COMPANY):
            if records.get(entity) is not None:
                return entity
        return None

    def _count(self) -> None:
        counts = self.preview.records
        for entity, created in self.store.created.items():
            if created:
                counts[(entity.value, Action.CREATE.value)] += len(created)
        for record in self.store.touched:
            if record.created:
                continue
            action = Action.UPDATE if record.dirty else Action.UNCHANGED
            counts[(record.entity.value, action.value)] += 1


def _tick(done: int, total: int, progress: Progress | None, cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError()
    if progress is not None:
        progress("checking", done, total)
