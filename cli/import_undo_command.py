"""``mining-tracker undo-import`` and ``redo-import``: take the last command-line import back.

In the window an import is one step of Edit ▸ Undo. From the shell the import's journal
(``tracker.excel.journal``) is kept in a file beside the database, and these commands undo and
redo it from there. Anything may have happened in between, so each first checks that the
database is as the import (or the undo) left it; where it is not, it refuses and names each
record, and writes nothing.
"""

import argparse
import hashlib
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from cli.status import EXIT_OK, EXIT_REFUSED
from db.backups import make_backup
from db.engine import sqlite_path
from db.paths import default_data_dir
from db.session import Transactions
from tracker.excel.journal import ImportChanges
from tracker.excel.journal_check import ImportConflictError, redo_conflicts, undo_conflicts
from tracker.excel.journal_file import JournalFileError, SavedImport, load_import, save_import

#: Beside a SQLite file ``tracker.sqlite3``: ``tracker.sqlite3.last-import.json.gz``.
SUFFIX = ".last-import.json.gz"
#: Conflicts printed before "... and N more".
SHOWN_CONFLICTS = 20

UNDO_EPILOG = """\
exit status:
  0  the last command-line import is undone (redo-import: written again)
  1  refused, nothing written: there is no such import, it is undone already (or not undone),
     or the database changed since in a way that conflicts (each record is named)
  2  usage error
"""


def journal_path(engine: Engine) -> Path:
    """Where the last command-line import's journal is kept: beside a SQLite file, else in the
    user data folder under a name made from the database's URL."""
    database = sqlite_path(engine)
    if database is not None:
        return database.with_name(database.name + SUFFIX)
    url = engine.url.render_as_string(hide_password=True)
    folder = default_data_dir() / "import-journals"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (hashlib.sha256(url.encode()).hexdigest()[:20] + SUFFIX)


def keep_journal(engine: Engine, name: str, changes: ImportChanges) -> str | None:
    """Keep a written import's journal for ``undo-import``; the reason when it cannot be."""
    try:
        save_import(journal_path(engine), SavedImport(name, datetime.now(), changes))
    except (JournalFileError, OSError) as exc:
        return str(exc)
    return None


def add_undo_arguments(_parser: argparse.ArgumentParser) -> None:
    """``undo-import`` and ``redo-import`` take only ``--db``."""


def _when(saved: SavedImport) -> str:
    return f"{saved.name} (imported {saved.imported_at:%Y-%m-%d %H:%M})"


def run_undo_import(_args: argparse.Namespace, engine: Engine) -> int:
    return _step(engine, undo=True)


def run_redo_import(_args: argparse.Namespace, engine: Engine) -> int:
    return _step(engine, undo=False)


def _step(engine: Engine, *, undo: bool) -> int:
    command = "undo-import" if undo else "redo-import"
    path = journal_path(engine)
    saved = load_import(path)
    if saved.undone == undo:
        state = "undone already" if undo else "not undone"
        other = "redo-import" if undo else "undo-import"
        print(
            f"mining-tracker {command}: the import of {_when(saved)} is {state}; "
            f"use 'mining-tracker {other}'. Nothing was written.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    changes = saved.changes
    try:
        with Transactions(engine).write_transaction() as session:
            conflicts = (undo_conflicts if undo else redo_conflicts)(session.connection(), changes)
            if conflicts:
                raise ImportConflictError(conflicts, undo=undo)
            make_backup(engine, "undo" if undo else "redo")  # only when it writes
            (changes.undo if undo else changes.redo)(session)
            session.flush()
    except ImportConflictError as exc:
        return _refused(command, saved, exc.conflicts, undo=undo)
    except IntegrityError as exc:
        return _refused(command, saved, [f"the database refused it: {exc.orig}"], undo=undo)
    saved.undone = undo
    save_import(path, saved)
    if undo:
        print(
            f"Undid the import of {_when(saved)}: {changes.rows:,} rows are as they were "
            "before it. Write it again with: mining-tracker redo-import"
        )
    else:
        print(f"Imported {_when(saved)} again: {changes.rows:,} rows as the import wrote them.")
    return EXIT_OK


def _refused(command: str, saved: SavedImport, conflicts: list[str], *, undo: bool) -> int:
    since = "the import" if undo else "the undo"
    print(
        f"mining-tracker {command}: the database changed since {since} of {_when(saved)}, "
        f"so it is not {'undone' if undo else 'written again'} (nothing was written):",
        file=sys.stderr,
    )
    for conflict in conflicts[:SHOWN_CONFLICTS]:
        print(f"  {conflict}", file=sys.stderr)
    if len(conflicts) > SHOWN_CONFLICTS:
        print(f"  ... and {len(conflicts) - SHOWN_CONFLICTS:,} more", file=sys.stderr)
    return EXIT_REFUSED
