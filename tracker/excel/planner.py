"""Decide what an import creates, updates or skips, without writing anything.

Each sheet is read once, a column at a time (``columns``): values typed and checked against the
services' rules. Rows are then matched to records entity by entity (companies, projects, deals,
then what hangs on them), by natural key in dictionaries loaded with one query per table
(``store``), or first by the ID columns of the app's own workbook (``identity``). A row with
a problem changes nothing (a problem with a part of it, such as its study, leaves out that
part only: ``batch``); when a row fails after an earlier step applied its changes, the plan is
made again from the database without it (rare: a clean import is planned once).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tracker.excel.advice import advise
from tracker.excel.batch import SheetBatch
from tracker.excel.changes import describe_changes
from tracker.excel.columns import ParsedSheet, parse_sheet
from tracker.excel.errors import CancelledError
from tracker.excel.field_types import Entity
from tracker.excel.loading import LazyGrid
from tracker.excel.plan_children import ChildPlanner
from tracker.excel.plan_companies import CompanyPlanner
from tracker.excel.plan_history import HistoryPlanner, follow_histories
from tracker.excel.plan_projects import ProjectPlanner
from tracker.excel.report import Action, Preview, Problem, RowOutcome
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.store import Record, Store

#: progress(phase, done, total): plain counts, safe to send across threads.
Progress = Callable[[str, int, int], None]
CancelCheck = Callable[[], bool]
_LABELS = {
    Entity.COMPANY: "Company",
    Entity.PROJECT: "Project",
    Entity.PROJECT_COMMODITY: "Commodity of",
    Entity.PROJECT_STAGE: "Stage",
    Entity.STUDY: "Study",
    Entity.STUDY_PRICE: "Price of",
    Entity.STUDY_SENSITIVITY: "Sensitivity of",
    Entity.RESOURCE: "Resource of",
    Entity.DEAL: "Deal",
    Entity.DEAL_STEP: "Step of",
    Entity.DEAL_OBLIGATION: "Obligation of",
    Entity.DEAL_STATUS: "Status",
    Entity.EVENT: "Event",
    Entity.HOLDING: "Holding of",
    Entity.TRANSACTION: "Transaction of",
    Entity.SHARE_PRICE: "Share price of",
    Entity.FX_RATE: "FX rate",
    Entity.COMMODITY_PRICE: "Commodity price",
    Entity.EXPECTED_STUDY: "Expected study",
    Entity.WATCHLIST: "Watchlist",
}
#: The order a sheet's entities are planned in: each after what it hangs on.
ORDER = (
    Entity.COMPANY,
    Entity.PROJECT,
    Entity.DEAL,
    Entity.PROJECT_STAGE,
    Entity.STUDY,
    Entity.STUDY_PRICE,
    Entity.STUDY_SENSITIVITY,
    Entity.RESOURCE,
    Entity.PROJECT_COMMODITY,
    Entity.DEAL_STEP,
    Entity.DEAL_OBLIGATION,
    Entity.DEAL_STATUS,
    Entity.EVENT,
    Entity.HOLDING,
    Entity.TRANSACTION,
    Entity.SHARE_PRICE,
    Entity.FX_RATE,
    Entity.COMMODITY_PRICE,
    Entity.EXPECTED_STUDY,
    Entity.WATCHLIST,
)
#: What names a record in the preview, besides its name or title.
_NAMING = ("name", "title", "stage", "status", "study_type", "kind")
#: Records a preview names by their project alone, and the entities that are no one's child.
_UNNAMED = frozenset(
    {Entity.STUDY_PRICE, Entity.STUDY_SENSITIVITY, Entity.DEAL_STEP, Entity.SHARE_PRICE}
)
_PARENTS = frozenset({Entity.PROJECT, Entity.COMPANY})


def _label(record: Record) -> str:
    values = record.values
    if record.entity is Entity.FX_RATE:
        return f"{values['base']}/{values['quote']} {values['rate_date']}"
    if record.entity is Entity.COMMODITY_PRICE:
        return str(values["price_date"])
    if record.entity in _UNNAMED:
        return ""
    for name in _NAMING:
        if values.get(name):
            return str(values[name])
    return record.entity.value


@dataclass
class _Counter:
    """Rows planned so far, for progress; also where a cancel is noticed."""

    total: int
    progress: Progress | None
    cancelled: CancelCheck | None
    done: int = 0

    def __call__(self, rows: int = 0) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise CancelledError()
        if self.progress is not None:
            self.progress("checking", min(self.done, self.total), self.total)


def _work(sheet: SheetChoice) -> int:
    """A sheet's share of the progress: reading its rows, then planning each of their
    entities (the rows kept may be fewer: the bar then moves ahead at the end)."""
    entities = {c.field.entity for c in sheet.mapping.mapped() if c.field is not None}
    return sheet.data_rows * (1 + len(entities))


class _Attempt:
    """One plan of every sheet against one loaded store."""

    def __init__(self, store: Store, today: date, tick: _Counter, *, ours: bool) -> None:
        self.store = store
        self.tick = tick
        self.companies = CompanyPlanner(store, ours=ours)
        self.projects = ProjectPlanner(store, self.companies, today)
        self.children = ChildPlanner(store, self.companies, self.projects)
        self.history = HistoryPlanner(store, self.children)

    def plan(self, sheet: SheetChoice, parsed: ParsedSheet, skip: set[int]) -> SheetBatch:
        batch = SheetBatch(parsed, self.store, skip, self.tick)
        given = parsed.columns
        companies = self.companies.plan(batch) if Entity.COMPANY in given else {}
        projects: dict[int, Record] = {}
        if Entity.PROJECT in given:
            listed = sheet.mapping.entity is Entity.PROJECT
            projects = self.projects.plan(batch, companies, listed=listed)
        deals: dict[int, Record] = {}
        if Entity.DEAL in given:
            for i, values in batch.each(Entity.DEAL, frozenset()):
                batch.keep(i, Entity.DEAL, self.children.deal(batch, i, values, projects.get(i)))
            deals = batch.records.get(Entity.DEAL, {})
        for entity in ORDER[3:]:
            if entity in given:
                self._children(batch, entity, companies, projects, deals)
        return batch

    def _children(
        self,
        batch: SheetBatch,
        entity: Entity,
        companies: dict[int, Record],
        projects: dict[int, Record],
        deals: dict[int, Record],
    ) -> None:
        """Plan ``entity`` for every row that gives it a value, below the row's parent."""
        children, history = self.children, self.history
        match entity:
            case Entity.PROJECT_STAGE:
                history.stages(batch, projects)
            case Entity.STUDY:
                children.studies(batch, projects)
            case Entity.STUDY_PRICE:
                history.prices(batch, projects)
            case Entity.STUDY_SENSITIVITY:
                history.sensitivities(batch, projects)
            case Entity.RESOURCE:
                children.resources(batch, projects)
            case Entity.PROJECT_COMMODITY:
                batch.records.setdefault(entity, {})
                for i, values in batch.each(entity):
                    found = children.project_commodity(batch, i, values, projects.get(i))
                    batch.keep(i, entity, found)
            case Entity.DEAL_STEP:
                history.steps(batch, deals)
            case Entity.DEAL_OBLIGATION:
                children.obligations(batch, deals)
            case Entity.DEAL_STATUS:
                history.statuses(batch, deals)
            case Entity.EVENT:
                children.events(batch, projects)
            case Entity.HOLDING:
                children.holdings(batch, companies)
            case Entity.TRANSACTION:
                children.transactions(batch, companies)
            case Entity.SHARE_PRICE:
                history.share_prices(batch, companies)
            case Entity.FX_RATE:
                history.fx_rates(batch)
            case Entity.COMMODITY_PRICE:
                history.commodity_prices(batch)
            case Entity.EXPECTED_STUDY:
                history.expected_studies(batch, projects)
            case Entity.WATCHLIST:
                history.watchlists(batch)


class _Outcomes:
    """What each row of a planned sheet does, and the label it is shown with."""

    def __init__(
        self, sheet: SheetChoice, batch: SheetBatch, skipped: dict[int, RowOutcome] | None = None
    ) -> None:
        self.sheet = sheet.name
        self.batch = batch
        self.skipped = skipped or {}
        wanted = sheet.mapping.entity
        self.wanted: Entity | None = (
            Entity.PROJECT if wanted is Entity.PROJECT_COMMODITY else wanted
        )
        self.main = batch.records.get(self.wanted, {}) if self.wanted else {}
        self.projects = batch.records.get(Entity.PROJECT, {})

    def actions(self) -> list[Action]:
        """Each row's action, without the labels."""
        batch = self.batch
        bad = self.skipped.keys() | batch.problems.keys()
        main, creator, altered = self.main, batch.creator, batch.altered
        actions = []
        for i in range(len(batch.parsed.rows)):
            if i in bad:
                actions.append(Action.SKIP)
            elif i not in main:
                actions.append(self.outcome(i).action)  # about another entity: rare
            elif creator.get(main[i]) == i:
                actions.append(Action.CREATE)
            else:
                actions.append(Action.UPDATE if i in altered else Action.UNCHANGED)
        return actions

    def __call__(self, i: int) -> RowOutcome:
        """Row ``i``'s outcome, with its label."""
        if i in self.skipped:
            return self.skipped[i]._replace(action=Action.SKIP)
        outcome = self.outcome(i)
        if i in self.batch.problems:
            return outcome._replace(action=Action.SKIP)
        parts = self.batch.parts.get(i)
        if parts:
            names = " and ".join(entity.value.replace("_", " ") for entity in parts)
            return outcome._replace(label=f"{outcome.label}; its {names} left out")
        return outcome

    def outcome(self, i: int) -> RowOutcome:
        batch = self.batch
        number = batch.parsed.rows[i]
        primary: Entity | None = self.wanted
        main = self.main.get(i)
        if main is None:
            records = batch.records
            found = [e for e in reversed(ORDER) if e in records and i in records[e]]
            if not found:
                return RowOutcome(self.sheet, number, "(row)", Action.UNCHANGED)
            primary = found[0]
            main = records[primary][i]
        assert primary is not None
        label = f"{_LABELS[primary]} {_label(main)}".strip()
        project = self.projects.get(i)
        if project is not None and primary not in _PARENTS:
            label += f" ({project.label})"
        if batch.creator.get(main) == i:
            action = Action.CREATE
        elif i in batch.altered:
            action = Action.UPDATE
        else:
            action = Action.UNCHANGED
        return RowOutcome(self.sheet, number, label, action)


class Planner:
    """Plans sheets against the database; ``load`` reads a fresh store for each attempt."""

    def __init__(
        self, load: Callable[[], Store], *, ours: bool, today: date, release_cells: bool = False
    ) -> None:
        self.load = load
        self.ours = ours
        self.today = today
        #: Let go of each sheet's cells once typed (a plan that will be written: its sheets
        #: are not read again, so half a gigabyte at 100,000 projects goes back early).
        self.release_cells = release_cells
        self.store = Store()

    def plan(
        self,
        sheets: list[SheetChoice],
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> Preview:
        store = self.load()
        known = store.known_commodity_names()
        tick = _Counter(sum(_work(sheet) for sheet in sheets), progress, cancelled)
        parsed: dict[int, ParsedSheet] = {}

        def sheet_rows(k: int) -> ParsedSheet:
            """Sheet ``k`` typed and checked, on first use: each sheet is planned as soon as
            it is read, while the workers read the next ones (``loading``)."""
            if k not in parsed:
                sheet = sheets[k]
                parsed[k] = parse_sheet(sheet, ours=self.ours, known_commodities=known, tick=tick)
                tick(sheet.data_rows)
                if self.release_cells and isinstance(sheet.grid, LazyGrid):
                    sheet.grid.release()
            return parsed[k]

        skipped: list[dict[int, RowOutcome]] = [{} for _ in sheets]
        problems: list[dict[int, list[Problem]]] = [{} for _ in sheets]
        while True:
            attempt = _Attempt(store, self.today, tick, ours=self.ours)
            batches: list[SheetBatch] = []
            for k, (sheet, skip, found) in enumerate(zip(sheets, skipped, problems, strict=True)):
                batch = attempt.plan(sheet, sheet_rows(k), set(skip))
                batches.append(batch)
                for i in batch.late:
                    skip[i] = self._outcome(sheet, batch, i)
                    found[i] = batch.all_problems(i)
                if batch.late:
                    break
            if len(batches) == len(sheets) and not batches[-1].late:
                break
            store = self.load()
        follow_histories(store, store.stated)
        self.store = store
        tick()
        return self._preview(sheets, batches, skipped, problems)

    def _preview(
        self,
        sheets: list[SheetChoice],
        batches: list[SheetBatch],
        skipped: list[dict[int, RowOutcome]],
        late: list[dict[int, list[Problem]]],
    ) -> Preview:
        """Every row's fate in sheet order; a row skipped by a late problem keeps the label
        and problems of the plan that found it."""
        preview = Preview()
        for sheet, batch, skip, found in zip(sheets, batches, skipped, late, strict=True):
            outcomes = _Outcomes(sheet, batch, skip)
            for i in sorted(skip.keys() | batch.problems.keys() | batch.parts.keys()):
                preview.problems.extend(found.get(i) or batch.all_problems(i))
            preview.notes.extend(batch.parsed.notes)
            preview.rows.extend(outcomes.actions(), outcomes)
            preview.partial_rows += len(batch.parts.keys() - batch.problems.keys() - skip.keys())
        preview.problems = advise(preview.problems, sheets)
        self._count(preview)
        preview.updates, preview.removals = describe_changes(self.store)
        return preview

    @staticmethod
    def _outcome(sheet: SheetChoice, batch: SheetBatch, i: int) -> RowOutcome:
        return _Outcomes(sheet, batch).outcome(i)

    def _count(self, preview: Preview) -> None:
        counts = preview.records
        for entity, created in self.store.created.items():
            if created:
                counts[(entity.value, Action.CREATE.value)] += len(created)
        for record in self.store.touched:
            if record.created:
                continue
            action = Action.UPDATE if record.dirty else Action.UNCHANGED
            counts[(record.entity.value, action.value)] += 1
