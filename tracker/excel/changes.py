"""What an import does to the records it updates, field by field (old → new), and what it
removes, in words a person checks before pressing Import.

Made from the planned store: each stored record the plan changes keeps its values from before
(``Record.before``) beside the new ones. Link-table state (commodities, owners, tags,
listings) is compared as lists, so an item that goes is named as a removal.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, overload

from tracker import formatting
from tracker.excel.field_types import Entity, Field, Kind
from tracker.excel.fields import FIELDS_BY_QUALIFIED
from tracker.excel.store import Record, Store
from tracker.units import MILLION

EMPTY = "(empty)"
#: Link-table state shown as a field, and the name of one of its items.
_LINKS = {
    "commodities": ("Commodities", "commodity"),
    "owners": ("Owners", "owner"),
    "tags": ("Tags", "tag"),
    "listings": ("Listings", "listing"),
}
#: History entries an update adds (shown as added, never as a change of a field).
_ADDED = {"new_stages": "Stage history", "status_change": "Status history"}
#: Link state the writer reads from another name (``new_stages`` writes the stages).
_HIDDEN = frozenset({"stages", "stage_notes"})


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: what it holds now and what the import makes it."""

    field: str
    old: str
    new: str

    def __str__(self) -> str:
        if not self.old:  # an entry added to a history
            return f"{self.field}: {self.new}"
        return f"{self.field}: {self.old} → {self.new}"


@dataclass(frozen=True)
class RecordUpdate:
    """A stored record the import changes, with each field it changes."""

    entity: str
    label: str
    fields: tuple[FieldChange, ...]

    def __str__(self) -> str:
        changes = "; ".join(str(change) for change in self.fields)
        return f"{self.entity.replace('_', ' ')} {self.label}: {changes}"


@dataclass(frozen=True)
class Removal:
    """Something stored that the import takes away (only the app's own workbook may)."""

    entity: str
    label: str
    what: str

    def __str__(self) -> str:
        return f"{self.entity.replace('_', ' ')} {self.label}: {self.what} removed"


def _label(record: Record) -> str:
    """The record as a person knows it: its name or title, and its project's."""
    values = record.values
    own = next((str(values[n]) for n in ("name", "title") if values.get(n)), "")
    if not own:
        own = " ".join(str(values[n]) for n in ("study_type", "kind", "status") if values.get(n))
    parent = next(
        (
            values[n]
            for n in ("project_id", "deal_id", "company_id")
            if isinstance(values.get(n), Record)
        ),
        None,
    )
    if parent is not None:
        own = f"{own} ({parent.label})" if own else parent.label
    return own or f"#{record.id}"


class _Shown:
    """Values as text: figures with their unit and currency, commodities by symbol."""

    def __init__(self, store: Store) -> None:
        self.symbols = store.commodity_symbols

    def value(self, field: Field | None, value: Any, values: dict[str, Any]) -> str:
        if value is None or value == "":
            return EMPTY
        if isinstance(value, Record):
            return value.label
        if field is not None and isinstance(value, Decimal):
            currency = values.get(field.currency_field) if field.currency_field else None
            if field.kind is Kind.PERCENT:
                return formatting.percent(value)
            if field.kind is Kind.MONEY:
                if field.scale >= MILLION:
                    return formatting.millions(value, currency)
                return formatting.money(value, currency)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return f"{value:,f}"
        return str(value)

    def items(self, name: str, state: Any) -> list[tuple[Any, str]]:
        """A link-table state as its items: (what identifies one, its name)."""
        if not state:
            return []
        if name == "commodities":
            return [(c, self.symbols.get(c, str(c))) for c in state]
        if name == "owners":
            shown = []
            for company, (interest, operator) in state.items():
                part = f"{company.label} {formatting.percent(interest)}"
                shown.append((company, part + " (operator)" if operator else part))
            return shown
        if name == "listings":
            return [((exchange, ticker), f"{exchange}: {ticker}") for exchange, ticker in state]
        return [(item, str(item)) for item in state]

    def added(self, record: Record, name: str) -> str:
        state = record.extra[name]
        if name == "new_stages":
            notes = record.extra.get("stage_notes", {})
            entries = []
            for stage, when in state:
                note = notes.get((stage, when))
                entries.append(f"{stage} from {when.isoformat()}" + (f" ({note})" if note else ""))
            return "+ " + ", ".join(entries)
        status, when = state
        return f"+ {status} from {when.isoformat()}"


def _field(record: Record, name: str) -> Field | None:
    return FIELDS_BY_QUALIFIED.get(f"{record.entity.value}.{name}")


def _fields(record: Record, shown: _Shown) -> Iterator[FieldChange]:
    """Each field the plan changes on ``record``: its value before and after."""
    before = record.before or {}
    for name in _in_field_order(record.dirty):
        if not name.startswith("extra:"):
            field = _field(record, name)
            old = shown.value(field, before.get(name), before)
            new = shown.value(field, record.values.get(name), record.values)
            yield FieldChange(field.header if field else name.replace("_", " "), old, new)
            continue
        link = name.removeprefix("extra:")
        if link in _HIDDEN:
            continue
        if link in _ADDED:
            yield FieldChange(_ADDED[link], "", shown.added(record, link))
            continue
        shown_as = _LINKS.get(link, (link, link))[0]
        old_items = shown.items(link, before.get(name))
        new_items = shown.items(link, record.extra.get(link))
        yield FieldChange(shown_as, _joined(old_items), _joined(new_items))


def _removed(record: Record, shown: _Shown) -> Iterator[str]:
    """What the plan takes from ``record``: a value emptied, an item gone from a list. Cheap
    for the usual record, which loses nothing: only what goes is put in words."""
    before = record.before or {}
    for name in _in_field_order(record.dirty):
        if not name.startswith("extra:"):
            if _empty(record.values.get(name)) and not _empty(before.get(name)):
                field = _field(record, name)
                old = shown.value(field, before.get(name), before)
                yield f"{field.header if field else name.replace('_', ' ')} {old}"
            continue
        link = name.removeprefix("extra:")
        if link in _HIDDEN or link in _ADDED:
            continue
        item = _LINKS.get(link, (link, link))[1]
        kept = {key for key, _text in shown.items(link, record.extra.get(link))}
        for key, text in shown.items(link, before.get(name)):
            if key not in kept:
                yield f"{item} {text}"


def _in_field_order(names: Iterable[str]) -> list[str]:
    """The record's own fields first, then its link-table state, each by name."""
    return sorted(names, key=lambda name: (name.startswith("extra:"), name))


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _joined(items: list[tuple[Any, str]]) -> str:
    return ", ".join(text for _key, text in items) or EMPTY


class RecordUpdates(Sequence[RecordUpdate]):
    """The updates of a plan, each put in words when asked for: an import that updates
    100,000 studies lists them all, and the wizard shows the first few thousand."""

    def __init__(self, records: list[Record], shown: _Shown) -> None:
        self._records = records
        self._shown = shown

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> RecordUpdate: ...

    @overload
    def __getitem__(self, index: slice) -> list[RecordUpdate]: ...

    def __getitem__(self, index: int | slice) -> RecordUpdate | list[RecordUpdate]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        record = self._records[index]
        fields = tuple(_fields(record, self._shown))
        return RecordUpdate(record.entity.value, _label(record), fields)


def describe_changes(store: Store) -> tuple[RecordUpdates, list[Removal]]:
    """Every stored record the plan changes, field by field, and everything it removes."""
    shown = _Shown(store)
    changed = [
        record
        for record in _in_order(store.touched)
        if not record.created and any(_shows(name) for name in record.dirty)
    ]
    removals = [
        Removal(record.entity.value, _label(record), what)
        for record in changed
        for what in _removed(record, shown)
    ]
    return RecordUpdates(changed, shown), removals


def _shows(name: str) -> bool:
    """Whether a changed name is shown as a field (a hidden link state is not)."""
    return name.removeprefix("extra:") not in _HIDDEN


_ORDER = {entity: n for n, entity in enumerate(Entity)}


def _in_order(records: Iterable[Record]) -> list[Record]:
    """Parents first, then by id: the same order every time."""
    return sorted(records, key=lambda r: (_ORDER[r.entity], r.id or 0))
