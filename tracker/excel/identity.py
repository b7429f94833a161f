"""The ID columns of the app's own workbook: which record a row stands for when several
records share its natural key (two "Sable Bluff" projects of one company, two events of one
day and title).

The export writes each record's database id in its sheet's last column ("ID"), and the id of
the record a row hangs on beside it ("Project ID", "Deal ID", "Study ID"). An import reads an
ID in two steps:

1. **Within the workbook**: a row whose Project ID is the ID of a row of the Projects sheet
   stands for the project that row matched or made, whatever the database. This is what keeps
   a workbook imported into an empty (or any other) database whole: its ids are labels that
   tie its rows together. A new record keeps its ID as its id when the database has no record
   with it (``writer``), so an export imported into an empty database keeps every id.
2. **In the target**: otherwise, the target's record with that id.

Either way the record must have the row's natural key (its name and company, its title and
date, ...). Re-importing an export into its own source so picks, among records sharing a key,
the very one each row came from; in another database, where the same id names another record,
the check fails and the row is matched by natural key, as rows without an ID are; a row
copied with its ID and given another title is a new record, not the copied one renamed. (So
an ID does not carry a rename: a record whose name or title was edited in the workbook is
matched by its new name, as before.)

A record taken by one ID is not another ID's: a row whose ID finds nothing does not fall back
on it (it makes a new record instead, as the n-th of several equal rows does). ID columns are
read on the app's own workbook only (an investor's "ID" column numbers their rows, not ours);
an older workbook without them imports by natural key.
"""

from collections.abc import Callable
from typing import Any

from tracker.excel.batch import SheetBatch
from tracker.excel.field_types import Entity
from tracker.excel.store import Record, Store, entity_key

Fits = Callable[[Record], bool]


def row_ids(batch: SheetBatch, entity: Entity) -> list[int | None] | None:
    """Each sheet row's ID of ``entity`` (indexed like the sheet's rows), or None when the
    sheet has no such column."""
    return batch.parsed.ids.get(entity)


def find(store: Store, entity: Entity, wid: int | None, fits: Fits) -> Record | None:
    """The record workbook ID ``wid`` of ``entity`` stands for, if it is known (see above)."""
    if wid is None:
        return None
    found = store.workbook_ids[entity].get(wid)
    if found is not None and fits(found):
        return found
    stored = store.by_id[entity].get(wid)
    if stored is not None and stored not in store.claimed and fits(stored):
        return stored
    return None


def note(store: Store, entity: Entity, wid: int | None, record: Record | None) -> None:
    """Remember that workbook ID ``wid`` stands for ``record`` (the first record noted wins)."""
    if wid is None or record is None:
        return
    if store.workbook_ids[entity].setdefault(wid, record) is record:
        store.claimed.add(record)


def unclaimed(store: Store, record: Record | None) -> Record | None:
    """``record`` unless another ID took it."""
    return None if record is not None and record in store.claimed else record


def same_key(key: tuple[Any, ...]) -> Fits:
    """A check that a stored child record has natural key ``key``."""

    def fits(record: Record) -> bool:
        return (record.key if record.key is not None else entity_key(record)) == key

    return fits
