"""Match rows to records by natural key, check them, and apply the good rows.

A child record is matched on its natural key (a study: project, type, title and date); the
n-th row with a key stands for the n-th stored record with it, so true duplicates survive a
round trip (an investor's study rows are matched by ``study_match`` instead, as they rarely
give a study's title). A row of the app's own workbook with an ID is matched by it first
(``identity``). ``settle_rows`` does this for many rows at once, a column at a time:
the keys, the checks and the new records in a few tight loops, which is what makes 100,000
studies import in seconds. ``settle`` does it for one row.
"""

from typing import Any

from tracker.excel import identity
from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.plan_companies import CompanyPlanner
from tracker.excel.plan_projects import ProjectPlanner, added_to
from tracker.excel.rules import RECORD_RULES
from tracker.excel.store import UNIQUE_KEYS, Record, Store, key_column, key_of
from tracker.models import (
    CommodityPrice,
    Deal,
    DealObligation,
    DealStatusChange,
    DealStep,
    Event,
    ExpectedStudy,
    FxRate,
    Holding,
    HoldingTransaction,
    ProjectStage,
    ResourceLine,
    SharePrice,
    Study,
    StudyPrice,
    StudySensitivity,
    Watchlist,
)

Columns = dict[str, list[Any]]


def _columns(model: type) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if name != "id")  # type: ignore[attr-defined]


COLUMNS = {
    Entity.PROJECT_STAGE: _columns(ProjectStage),
    Entity.STUDY: _columns(Study),
    Entity.STUDY_PRICE: _columns(StudyPrice),
    Entity.STUDY_SENSITIVITY: _columns(StudySensitivity),
    Entity.RESOURCE: _columns(ResourceLine),
    Entity.DEAL: _columns(Deal),
    Entity.DEAL_STEP: _columns(DealStep),
    Entity.DEAL_OBLIGATION: _columns(DealObligation),
    Entity.DEAL_STATUS: _columns(DealStatusChange),
    Entity.EVENT: _columns(Event),
    Entity.HOLDING: _columns(Holding),
    Entity.TRANSACTION: _columns(HoldingTransaction),
    Entity.SHARE_PRICE: _columns(SharePrice),
    Entity.FX_RATE: _columns(FxRate),
    Entity.COMMODITY_PRICE: _columns(CommodityPrice),
    Entity.EXPECTED_STUDY: _columns(ExpectedStudy),
    Entity.WATCHLIST: _columns(Watchlist),
}
#: Columns that keep their stored value (or take a default) when a cell is empty.
DEFAULTS: dict[Entity, dict[str, object]] = {
    Entity.STUDY: {"currency": "USD"},
    Entity.HOLDING: {"currency": "CAD"},
    Entity.TRANSACTION: {"currency": "CAD", "kind": "buy"},
    Entity.DEAL_OBLIGATION: {"met": False},
    Entity.DEAL_STEP: {"earned": False},
    Entity.STUDY_PRICE: {"currency": "USD"},
}
_BLANK = {entity: dict.fromkeys(columns) for entity, columns in COLUMNS.items()}


def take(values: Columns, keep: list[int]) -> Columns:
    """The columns at positions ``keep`` (ascending, as from ``enumerate``)."""
    if keep and len(keep) == len(next(iter(values.values()), ())):
        return dict(values)  # every position: the same columns
    return {name: [column[k] for k in keep] for name, column in values.items()}


class Matcher:
    """Matches, checks and applies the rows of the entities below companies, projects and
    deals."""

    def __init__(self, store: Store, companies: CompanyPlanner, projects: ProjectPlanner) -> None:
        self.store = store
        self.companies = companies
        self.projects = projects
        #: The app's own workbook: an empty cell empties the field; elsewhere it keeps it.
        self.ours = companies.ours
        #: Rows seen so far per natural key (the n-th stands for the n-th stored record).
        self.seen: dict[tuple[Entity, tuple[Any, ...]], int] = {}

    # Matching -------------------------------------------------------------------------------

    def _found(self, entity: Entity, key: tuple[Any, ...]) -> Record | None:
        """The stored (or already planned) record this row's occurrence of ``key`` stands for.

        A key the database holds once (``UNIQUE_KEYS``) always stands for its one record.
        """
        return self._found_all(entity, [key])[0]

    def _found_all(self, entity: Entity, keys: list[tuple[Any, ...]]) -> list[Record | None]:
        """``_found`` for many rows' keys, in order (the n-th occurrence of a key stands for
        the n-th record with it)."""
        existing = self.store.keyed[entity]
        if entity in UNIQUE_KEYS:
            return [found[0] if (found := existing.get(key)) else None for key in keys]
        seen = self.seen
        records: list[Record | None] = []
        for key in keys:
            token = (entity, key)
            occurrence = seen.get(token, 0)
            seen[token] = occurrence + 1
            stored = existing.get(key)
            records.append(stored[occurrence] if stored and occurrence < len(stored) else None)
        return records

    def _found_by_id(
        self, entity: Entity, keys: list[tuple[Any, ...]], wids: list[int | None] | None
    ) -> list[Record | None]:
        """``_found_all``, the rows with a workbook ID matched by it first (``identity``); a
        row whose ID finds nothing never takes a record another ID took."""
        if wids is None:
            return self._found_all(entity, keys)
        store = self.store
        found = [
            identity.find(store, entity, wid, identity.same_key(key))
            for wid, key in zip(wids, keys, strict=True)
        ]
        rest = [k for k, record in enumerate(found) if record is None]
        for k, record in zip(rest, self._found_all(entity, [keys[k] for k in rest]), strict=True):
            found[k] = identity.unclaimed(store, record) if wids[k] is not None else record
        return found

    def _given(self, entity: Entity, record: Record, values: dict[str, Any]) -> dict[str, Any]:
        """What a row gives a stored record: its values, empty defaulted cells keeping theirs
        (and, on an investor's sheet, every empty cell: it states nothing)."""
        if not self.ours:
            return {name: value for name, value in values.items() if value is not None}
        kept = dict(values)
        for name in DEFAULTS.get(entity, ()):
            if kept.get(name) is None and name in kept:
                kept[name] = record.values.get(name)
        return kept

    def match(self, entity: Entity, values: dict[str, Any]) -> tuple[Record, dict[str, Any]]:
        """One row: the record it stands for (stored, or a new one) and what it gives it."""
        fields = {**_BLANK[entity], **values}
        for name, default in DEFAULTS.get(entity, {}).items():
            if fields[name] is None:
                fields[name] = default
        key = key_of(entity, fields)
        assert key is not None
        found = self._found(entity, key)
        if found is not None:
            return found, self._given(entity, found, values)
        record = Record(entity, None, fields)
        record.key = key
        return record, {}

    def settle(self, batch: SheetBatch, i: int, entity: Entity, values: dict[str, Any]) -> Record:
        """One row: match ``values``, check the record they make, apply them if the row is
        good."""
        record, changes = self.match(entity, values)
        batch.check(i, entity, record.values | changes if changes else record.values)
        batch.apply(i, record, changes)
        return record

    def settle_rows(
        self,
        batch: SheetBatch,
        entity: Entity,
        rows: list[int],
        fields: Columns,
        extras: list[dict[str, Any]] | None = None,
        *,
        found: list[Record | None] | None = None,
        merge_new: bool = False,
    ) -> None:
        """Many rows at once: ``fields`` holds their values as columns aligned with ``rows``
        (sheet rows, in order). Match each, check the records, and apply the good rows; the
        row's record is kept in ``batch.records``.

        ``found``: the records the rows stand for, when matched already (None: a new one).
        ``merge_new``: rows with the key of a record another row creates update it, as for a
        unique key (an investor's sheet names one study twice, not two equal studies)."""
        size = len(rows)
        if not size:
            return
        names = COLUMNS[entity]
        complete = {name: fields.get(name) or [None] * size for name in names}
        defaults = DEFAULTS.get(entity, {})
        for name, default in defaults.items():
            complete[name] = [default if v is None else v for v in complete[name]]
        keys = key_column(entity, complete, size)
        ids = identity.row_ids(batch, entity)
        wids = [ids[i] for i in rows] if ids is not None else None
        if found is None:
            found = self._found_by_id(entity, keys, wids)
        new = [k for k, record in enumerate(found) if record is None]
        for k, name, (shown, reason) in RECORD_RULES[entity].rows_failures(complete, new):
            batch.fail(rows[k], entity, name.removesuffix("_id"), shown, reason)
        kept = batch.records.setdefault(entity, {})
        across = list(zip(*(complete[name] for name in names), strict=True)) if new else []
        given = list(fields)
        # A row with the key of a record an earlier row creates updates that record; when no
        # two new rows share a key (the common case) every new record goes in at the end.
        unique = (merge_new or entity in UNIQUE_KEYS) and _repeats([keys[k] for k in new])
        dropped = batch.dropped.setdefault(entity, set())
        bad = batch.left_out_rows(entity)
        fresh: dict[tuple[Any, ...], Record] = {}
        #: New records of good rows. Matching was settled above for every row at once, so
        #: they join the store together at the end (a unique key's first row joins at once:
        #: later rows with that key update the record it made).
        made: dict[int, Record] = {}
        for k, i in enumerate(rows):
            record = found[k] or (fresh.get(keys[k]) if unique else None)
            extra = extras[k] if extras is not None else None
            if record is None:
                record = Record(entity, None, dict(zip(names, across[k], strict=True)))
                record.key = keys[k]
                if extra:
                    record.extra.update(extra)
                if i not in bad and unique:
                    batch.create(i, record)
                    fresh[keys[k]] = record
                elif i not in bad:
                    made[i] = record
            else:
                values = self._given(entity, record, {name: fields[name][k] for name in given})
                if extra and not self.ours:
                    extra = {
                        name: added_to(value, record.extra.get(name) or [])
                        if isinstance(value, list)
                        else value
                        for name, value in extra.items()
                    }
                batch.check(i, entity, record.values | values)
                batch.apply(i, record, values, extra)
            if wids is not None and i not in bad:
                identity.note(self.store, entity, wids[k], record)
            if i not in dropped:
                kept[i] = record
        batch.create_many(made)

    def under(
        self,
        batch: SheetBatch,
        entity: Entity,
        parents: dict[int, Record],
        what: str,
        reason: str = "",
    ) -> None:
        """Rows of ``entity`` below one parent each (a ``what``: its key is ``what_id``)."""
        rows, values = batch.columns_of(entity)
        keep: list[int] = []
        found: list[Record] = []
        missing = reason or f"needs its {what}: map a {what.capitalize()} column"
        for k, i in enumerate(rows):
            parent = parents.get(i)
            if parent is None:
                batch.fail(i, entity, what, None, missing)
            else:
                keep.append(k)
                found.append(parent)
        fields = take(values, keep) | {what + "_id": found}
        self.settle_rows(batch, entity, [rows[k] for k in keep], fields)


def _repeats(keys: list[tuple[Any, ...]]) -> bool:
    """Whether a key is there twice."""
    return len(set(keys)) < len(keys)
