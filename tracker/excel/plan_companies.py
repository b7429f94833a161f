"""Companies: matched by name or ticker, else created; and the companies other columns name
(acquirers, counterparties, partners, an event's company)."""

from typing import Any

from tracker.excel.batch import SheetBatch
from tracker.excel.compound import Listing
from tracker.excel.field_types import Entity
from tracker.excel.store import Record, Store
from tracker.services.companies import COMPANY_RULES, LISTING_RULES, ListingSpec
from tracker.validation import Checker

COMPANY_COLUMNS = (
    "name",
    "website",
    "reporting_currency",
    "notes",
    "source",
    "shares_outstanding",
    "shares_outstanding_date",
)
_SIMPLE = frozenset(COMPANY_COLUMNS) - {"name"}


def _new_company(batch: SheetBatch, i: int, name: str) -> Record:
    """A company to create; noted for the row in case the row turns out bad."""
    record = Record(Entity.COMPANY, None, dict.fromkeys(COMPANY_COLUMNS), {"listings": []})
    record.values["name"] = name
    batch.unapplied[(i, name.lower())] = record
    return record


class CompanyPlanner:
    """Companies: found by natural key, else created."""

    def __init__(self, store: Store, *, ours: bool = False) -> None:
        self.store = store
        #: The app's own workbook: an empty cell empties the field. An investor's sheet only
        #: adds and updates what it states, so there an empty cell keeps the stored value.
        self.ours = ours

    def plan(self, batch: SheetBatch) -> dict[int, Record]:
        """The company of each row that names one."""
        kept = batch.records.setdefault(Entity.COMPANY, {})
        names = batch.only(Entity.COMPANY, "name")
        if names is not None:
            # A sheet that only names its rows' companies: most are found by name at once.
            known = self.store.company_names.get
            for i in batch.walk():
                name = names[i]
                if name is not None:
                    found = known(name.lower()) or self.company(batch, i, {"name": name})
                    if found is not None:
                        kept[i] = found
            return kept
        #: The first good row giving each set of values, and its company: a company's other
        #: projects repeat its cells on every row (four rows a company on a watchlist).
        seen: dict[tuple[Any, ...], tuple[int, Record]] = {}
        for i, values in batch.each(Entity.COMPANY, frozenset()):
            found = self._repeated(batch, i, values, seen)
            if found is not None:
                kept[i] = found
        return kept

    def _repeated(
        self,
        batch: SheetBatch,
        i: int,
        values: dict[str, Any],
        seen: dict[tuple[Any, ...], tuple[int, Record]],
    ) -> Record | None:
        """``company`` of row ``i``, with a shortcut: when an earlier good row gave the same
        company the same values, the row changes and fails nothing (``company`` would find
        the record, check what it checked and apply what is there), so it only counts as
        applied. A good row is noted for the rows after it."""
        name = values.get("name")
        try:
            given = tuple(values.values())
            earlier = seen.get(given) if name and len(given) > 1 else None
        except TypeError:  # an unhashable value: no shortcut
            return self.company(batch, i, values)
        if earlier is not None:
            first, record = earlier
            if not batch.left_out(first, Entity.COMPANY) and (
                self.store.company_names.get(str(name).lower()) is record
            ):
                batch.repeat(i, record)
                return record
        found = self.company(batch, i, values)
        if not name or len(given) < 2:
            return found
        if found is not None and not batch.left_out(i, Entity.COMPANY):
            seen[given] = (i, found)
        return found

    def find(
        self, batch: SheetBatch, i: int, name: str | None, listings: tuple[Listing, ...]
    ) -> Record | None:
        if name:
            found = self.store.company_names.get(name.lower())
            if found is None:
                found = batch.unapplied.get((i, name.lower()))
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

    def company(self, batch: SheetBatch, i: int, values: dict[str, Any]) -> Record | None:
        name = values.get("name")
        listings: tuple[Listing, ...] = values.get("listings") or ()
        record = self.find(batch, i, name, listings)
        if record is not None and len(values) == 1:
            return record  # a reference by name only: nothing to change or check
        if record is None:
            if not name:
                shown = "; ".join(t if e is None else f"{e}: {t}" for e, t in listings)
                reason = "no company has this ticker; add a Company column"
                batch.fail(i, Entity.COMPANY, "listings", shown, reason)
                return None
            record = _new_company(batch, i, name)
        changes = {key: values[key] for key in _SIMPLE & values.keys()}
        if not self.ours:
            changes = {key: value for key, value in changes.items() if value is not None}
        extra: dict[str, Any] = {}
        self._listings(batch, i, record, listings, extra)
        batch.check(i, Entity.COMPANY, record.values | changes)
        if "listings" in extra:
            checker = Checker()
            for exchange, ticker in extra["listings"]:
                LISTING_RULES.check(checker, ListingSpec(exchange, ticker))
            for problem in checker.problems:
                batch.fail(i, Entity.COMPANY, "listings", problem.value, problem.reason)
        batch.apply(i, record, changes, extra)
        return record

    def reference(
        self, batch: SheetBatch, i: int, name: object, entity: Entity, field: str
    ) -> Record | None:
        """The company a column of ``entity`` names (acquirer, partner, ...); a new name makes
        a new company, checked against the company rules under that column."""
        if not isinstance(name, str) or not name:
            return None
        found = self.find(batch, i, name, ())
        if found is not None:
            return found
        record = _new_company(batch, i, name)
        for _index, _name, (shown, reason) in COMPANY_RULES.column_failures({"name": [name]}):
            batch.fail(i, entity, field, shown, reason)
        batch.apply(i, record, {})
        return record

    def _listings(
        self,
        batch: SheetBatch,
        i: int,
        record: Record,
        listings: tuple[Listing, ...],
        extra: dict[str, Any],
    ) -> None:
        current: list[tuple[str, str]] = list(record.extra.get("listings", []))
        for exchange, ticker in listings:
            if exchange is None:
                if not any(t == ticker for _e, t in current):
                    reason = "names no exchange; write it as EXCHANGE: TICKER, e.g. 'TSXV: MOO'"
                    batch.fail(i, Entity.COMPANY, "listings", ticker, reason)
                continue
            owner = self.store.listings.get((exchange, ticker))
            if owner is not None and owner is not record:
                reason = f"already belongs to {owner.values['name']}"
                batch.fail(i, Entity.COMPANY, "listings", f"{exchange}: {ticker}", reason)
            elif (exchange, ticker) not in current:
                current.append((exchange, ticker))
        if current != record.extra.get("listings", []):
            extra["listings"] = current
