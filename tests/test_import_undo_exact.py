"""Undo of an import leaves every table as it was, values compared, and redo as the import did.

Only two things differ on purpose: each record's version (it only moves forward, so a form
holding an older copy is told) and the change log's new entries (the import's, then one
"import undone" or "import redone" per record it logged). Everything else is compared whole,
the change log's earlier entries and the reporting currency included.
"""

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from db.session import Transactions, transaction
from tracker.changelog import log_created
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.services.settings import REPORTING_CURRENCY, set_reporting_currency, stored_setting

TODAY = date(2025, 1, 1)
LOG = SQLModel.metadata.tables["change_log"]
Tables = dict[str, list[tuple[Any, ...]]]


def _mark(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.max(LOG.c.id))).scalar() or 0)


def tables(engine: Engine, mark: int) -> Tables:
    """Every row of every table in key order, versions left out and the change log only up to
    entry ``mark``."""
    found: Tables = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            shown = [column for column in table.c if column.name != "version"]
            query = select(*shown).order_by(*table.primary_key.columns)
            if table is LOG:
                query = query.where(LOG.c.id <= mark)
            found[table.name] = [tuple(row) for row in connection.execute(query)]
    return found


def actions_after(engine: Engine, mark: int) -> Counter[str]:
    query = select(LOG.c.action).where(LOG.c.id > mark)
    with engine.connect() as connection:
        return Counter(action for (action,) in connection.execute(query))


def _sheet(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company", "Project", "Country", "Commodities", "Study type", "Study date",
                  "Post-tax NPV (US$M)", "Discount rate (%)"])  # fmt: skip
    sheet.append(["New Gold Co", "Alpha", "Chile", "Au", "PEA", date(2024, 5, 1), 100, 5])
    sheet.append(["Other Co", "Beta", "Peru", "Cu", "PFS", date(2023, 1, 2), 300, 8])
    book.save(path)
    return path


def test_undo_leaves_every_table_as_it_was_and_redo_as_the_import(
    demo: Engine, tmp_path: Path
) -> None:
    with transaction(demo) as session:  # an entry from before, which must stay as it is
        log_created(session, "project", 1, "an earlier edit")
    mark = _mark(demo)
    before = tables(demo, mark)
    preview = run_import(Transactions(demo), read_source(_sheet(tmp_path / "w.xlsx")), today=TODAY)
    written = preview.written
    assert written is not None and not preview.problems
    imported = _mark(demo)
    after = tables(demo, imported)
    assert len(after["project"]) == len(before["project"]) + 2
    assert actions_after(demo, mark) == Counter({"imported": len(written.logged)})

    with transaction(demo) as session:
        written.undo(session)
    assert tables(demo, mark) == before
    undone = actions_after(demo, imported)
    assert undone == Counter({"import undone": len(written.logged)})

    with transaction(demo) as session:
        written.redo(session)
    assert tables(demo, imported) == after
    assert actions_after(demo, imported)["import redone"] == len(written.logged)


def test_undo_puts_the_reporting_currency_back(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        set_reporting_currency(session, "CAD")
    path = tmp_path / "ours.xlsx"
    export_workbook(engine, path)
    with transaction(engine) as session:
        set_reporting_currency(session, "AUD")
    mark = _mark(engine)
    before = tables(engine, mark)

    preview = run_import(Transactions(engine), read_source(path), today=TODAY)
    assert preview.records["reporting currency", "update"] == 1
    assert preview.written is not None
    with transaction(engine) as session:
        assert stored_setting(session, REPORTING_CURRENCY) == "CAD"
        preview.written.undo(session)
    with transaction(engine) as session:
        assert stored_setting(session, REPORTING_CURRENCY) == "AUD"
    assert tables(engine, mark) == before
    with transaction(engine) as session:
        preview.written.redo(session)
    with transaction(engine) as session:
        assert stored_setting(session, REPORTING_CURRENCY) == "CAD"
