"""Time undoing and redoing an import of N generated projects, against the import itself.

Two imports, each undone and redone: the portfolio workbook into an empty database (every row
new), and an investor's CSV that gives every study a new NPV (every study updated, its old
value read first). Undo and redo use what the import noted while writing
(``tracker.excel.journal``), each first checking that the database still fits it
(``tracker.excel.journal_check``, as Edit ▸ Undo and ``undo-import`` do), so they should cost no
more than the import's own writes. Each
undo is checked to leave every table as it was, and each redo as the import left it (by row
count and a checksum of every table). Figures go to bench/results/import-undo.json.

Two things are meant to differ and are left out of the checksum, exactly: the change log's
entries written since the import began (the import's own, then one "import undone" or
"import redone" entry per record it logged, which are counted instead; the entries from before
must be untouched), and each record's ``version``, which every write moves forward so that a
form holding an older copy is told the record changed (``tracker.excel.journal``).
"""

import argparse
import csv
import hashlib
import json
import platform
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from bench.bench_excel import WORKLOAD, fresh_database, timed
from bench.bench_lists import RESULTS, cached_database
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions, transaction
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.excel.journal import ImportChanges
from tracker.excel.journal_check import redo_checked, undo_checked
from tracker.excel.report import Preview

#: Undo or redo may take this many times the import's own time.
TARGET = 1.0


#: The change log's table: it only grows (see the module's docstring).
LOG = SQLModel.metadata.tables["change_log"]


def log_mark(engine: Engine) -> int:
    """The change log's newest entry id (0 when empty)."""
    with engine.connect() as connection:
        return int(connection.execute(select(func.max(LOG.c.id))).scalar() or 0)


def logged_since(engine: Engine, mark: int, action: str) -> int:
    """Entries with ``action`` written after entry ``mark``."""
    query = select(func.count()).where(LOG.c.id > mark, LOG.c.action == action)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def fingerprint(engine: Engine, mark: int) -> dict[str, str]:
    """Each table's rows in key order, hashed: equal fingerprints, equal tables. Records'
    versions are left out, and the change log's entries after ``mark``."""
    found: dict[str, str] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            digest = hashlib.sha256()
            shown = [column for column in table.c if column.name != "version"]
            query = select(*shown).order_by(*table.primary_key.columns)
            if table is LOG:
                query = query.where(LOG.c.id <= mark)
            for row in connection.execute(query):
                digest.update(repr(tuple(row)).encode())
            found[table.name] = digest.hexdigest()
    return found


def investor_csv(engine: Engine, path: Path) -> int:
    """Every dated study as an investor's row (operator, project, type, date) with its
    after-tax NPV raised by one million; returns the rows written."""
    study = SQLModel.metadata.tables["study"]
    project = SQLModel.metadata.tables["project"]
    owner = SQLModel.metadata.tables["project_owner"]
    company = SQLModel.metadata.tables["company"]
    query = (
        select(
            company.c.name,
            project.c.name,
            study.c.study_type,
            study.c.publication_date,
            study.c.after_tax_npv,
            study.c.discount_rate_pct,
        )
        .join(project, project.c.id == study.c.project_id)
        .join(owner, (owner.c.project_id == project.c.id) & owner.c.is_operator)
        .join(company, company.c.id == owner.c.company_id)
        .where(study.c.publication_date.is_not(None), study.c.after_tax_npv.is_not(None))
        .order_by(study.c.id)
    )
    rows = 0
    with engine.connect() as connection, path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Company", "Project", "Study type", "Study date", "NPV (US$M)", "Discount rate"]
        )
        for name, project_name, kind, day, npv, rate in connection.execute(query):
            millions = npv / 1_000_000 + 1
            writer.writerow([name, project_name, kind, day.isoformat(), f"{millions:f}", rate])
            rows += 1
    return rows


def undo_and_redo(
    engine: Engine, preview: Preview, before: dict[str, str], mark: int
) -> tuple[float, float]:
    """Undo, then redo ``preview``'s import (made after log entry ``mark``), checking each."""
    written = preview.written
    assert isinstance(written, ImportChanges)
    imported = log_mark(engine)
    after = fingerprint(engine, imported)

    def undo() -> None:  # as Edit ▸ Undo runs it: checked first
        with transaction(engine) as session:
            undo_checked(written, session)

    def redo() -> None:
        with transaction(engine) as session:
            redo_checked(written, session)

    undo_seconds = timed(undo)
    if fingerprint(engine, mark) != before:
        raise AssertionError("undo did not leave every table as it was")
    if logged_since(engine, mark, "import undone") != len(written.logged):
        raise AssertionError("undo did not log one entry per record the import logged")
    redo_seconds = timed(redo)
    if fingerprint(engine, imported) != after:
        raise AssertionError("redo did not leave every table as the import did")
    if logged_since(engine, mark, "import redone") != len(written.logged):
        raise AssertionError("redo did not log one entry per record the import logged")
    return undo_seconds, redo_seconds


def measure(projects: int, seed: int, folder: Path) -> dict[str, Any]:
    database = cached_database(projects, seed)
    source_engine = make_engine(f"sqlite:///{database}")
    upgrade_to_head(source_engine, backup=False)
    workbook = folder / "portfolio.xlsx"
    export_workbook(source_engine, workbook, WORKLOAD)
    source_engine.dispose()

    engine = fresh_database(folder / "undo.sqlite3")
    mark = log_mark(engine)
    empty = fingerprint(engine, mark)
    found: list[Preview] = []
    import_seconds = timed(
        lambda: found.append(run_import(Transactions(engine), read_source(workbook)))
    )
    created = found[0]
    undo_new, redo_new = undo_and_redo(engine, created, empty, mark)

    sheet = folder / "npv.csv"
    rows = investor_csv(engine, sheet)
    mark = log_mark(engine)
    before = fingerprint(engine, mark)
    found.clear()
    update_seconds = timed(
        lambda: found.append(run_import(Transactions(engine), read_source(sheet)))
    )
    updated = found[0]
    undo_update, redo_update = undo_and_redo(engine, updated, before, mark)
    engine.dispose()
    return {
        "projects": projects,
        "workbook": {
            "rows_written": created.written.rows if created.written else 0,
            "import_seconds": round(import_seconds, 2),
            "undo_seconds": round(undo_new, 2),
            "redo_seconds": round(redo_new, 2),
        },
        "investor_csv": {
            "rows": rows,
            "studies_updated": updated.records[("study", "update")],
            "rows_written": updated.written.rows if updated.written else 0,
            "import_seconds": round(update_seconds, 2),
            "undo_seconds": round(undo_update, 2),
            "redo_seconds": round(redo_update, 2),
        },
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=int, default=100_000, help="projects to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.projects, args.seed, Path(folder))
    figures["python"] = platform.python_version()
    ok = True
    for name in ("workbook", "investor_csv"):
        part = figures[name]
        worst = max(part["undo_seconds"], part["redo_seconds"]) / max(part["import_seconds"], 1e-9)
        part["worst_ratio"] = round(worst, 2)
        ok = ok and worst <= TARGET
        print(
            f"{name}: {part['rows_written']:,} rows written; import {part['import_seconds']} s, "
            f"undo {part['undo_seconds']} s, redo {part['redo_seconds']} s "
            f"({part['worst_ratio']}x of the import, target {TARGET}x)"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import-undo.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if ok else 1
