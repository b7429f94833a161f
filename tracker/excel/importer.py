"""Import a spreadsheet: read it, map its sheets, plan, and write in one transaction.

``read_source`` (from ``source``) opens a file and proposes, for every sheet, a header row and
a mapping; ``run_import`` plans those sheets against the database and, unless it is a dry run,
writes the plan on the same transaction. A cancel or any error rolls everything back. The
transaction comes from the caller (``tracker.unit_of_work``): the domain opens no database.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import date

from sqlmodel import Session

from tracker.excel.bare_date import note_bare_dates
from tracker.excel.errors import CancelledError
from tracker.excel.field_types import Entity
from tracker.excel.fields import SUMMARY_SHEET
from tracker.excel.journal import Journal
from tracker.excel.planner import CancelCheck, Planner, Progress
from tracker.excel.report import Preview, Problem
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.source import Source, choose_sheet, read_source, remap
from tracker.excel.store import load_store
from tracker.excel.writer import write_plan
from tracker.pause import paused_collection
from tracker.portfolio.sheets import REPORTING_CURRENCY_LABEL
from tracker.services.settings import REPORTING_CURRENCY, set_reporting_currency, stored_setting
from tracker.unit_of_work import UnitsOfWork
from tracker.validation import currency_failure

__all__ = ["Source", "choose_sheet", "read_source", "remap", "run_import"]
#: Each written import's summary goes to the app's log (a bug report shows what was imported).
LOG = logging.getLogger("mining_tracker.import")


def _entities(sheets: Sequence[SheetChoice]) -> set[Entity]:
    return {c.field.entity for s in sheets for c in s.mapping.mapped() if c.field is not None}


def planned_reporting_currency(session: Session, source: Source, preview: Preview) -> str | None:
    """The reporting currency of the portfolio workbook's Settings, when it changes the
    database's (counted as a "reporting currency" record to update); a code that is no
    currency is a problem."""
    code = source.settings.get(REPORTING_CURRENCY_LABEL, "").strip().upper()
    if not code:
        return None
    failure = currency_failure(code, required=True)
    if failure is not None:
        preview.problems.append(
            Problem(SUMMARY_SHEET, 0, REPORTING_CURRENCY_LABEL, failure[0], failure[1])
        )
        return None
    if stored_setting(session, REPORTING_CURRENCY) == code:
        preview.records["reporting currency", "unchanged"] += 1
        return None
    preview.records["reporting currency", "update"] += 1
    return code


class _RollbackSignalError(Exception):
    """Raised to roll back a dry run's transaction."""


def run_import(
    units: UnitsOfWork,
    source: Source,
    sheets: Sequence[SheetChoice] | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    today: date | None = None,
    before_write: Callable[[], object] | None = None,
) -> Preview:
    """Plan the sheets and, unless ``dry_run``, write them: all in one transaction of ``units``
    (``db.session.Transactions(engine)``).

    ``before_write`` runs once the plan is known to write something, before the first write
    (the callers back the database up there). A written import's preview carries what it
    wrote (``written``), to undo and redo it. Raises ``CancelledError`` when ``cancelled()``
    turns true; nothing is written then.
    """
    chosen = list(sheets if sheets is not None else source.sheets)
    preview = Preview()
    try:
        # A written import plans holding the write lock: a second import (another window or
        # process) waits and then plans against what this one wrote, instead of writing the
        # same rows twice or tripping a unique constraint.
        unit_of_work = units.transaction if dry_run else units.write_transaction
        with paused_collection(), unit_of_work() as session:
            entities = _entities(chosen)
            planner = Planner(
                lambda: load_store(session, entities),
                ours=source.ours,
                today=today or date.today(),
                release_cells=not dry_run,
            )
            preview = planner.plan(chosen, progress, cancelled)
            names = {sheet.name for sheet in chosen}
            read = [p for p in source.read_problems if p.sheet in names]
            preview.problems[:0] = read
            preview.values_left_out = sum(source.values_left_out.get(name, 0) for name in names)
            note_bare_dates(preview, chosen)
            preview.skipped_sheets.update(source.skipped)
            currency = planned_reporting_currency(session, source, preview)
            if dry_run or not preview.writes:
                raise _RollbackSignalError()
            if before_write is not None:
                before_write()
            journal = Journal(session.connection())
            write_plan(session, planner.store, progress, cancelled, journal)
            if currency is not None:
                journal.setting(REPORTING_CURRENCY, currency)
                set_reporting_currency(session, currency)
            if cancelled is not None and cancelled():
                raise CancelledError()
            preview.written = journal.result
    except _RollbackSignalError:
        pass
    except CancelledError:
        if not dry_run:
            LOG.info("import of %s cancelled: nothing was written", source.name)
        raise
    finally:
        source.close()
    if preview.written is not None:
        LOG.info("imported %s: %s", source.name, preview.summary(done=True))
    elif not dry_run:
        LOG.info("imported %s: nothing to change (%s)", source.name, preview.summary(done=True))
    return preview
