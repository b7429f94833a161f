"""An import's journal kept in a file, so that an import from the command line can be undone
by a later command (``mining-tracker undo-import``), when the process that wrote it is gone.

The file is gzip'd JSON: the journal's rows (``tracker.excel.journal``) with exact figures,
dates and times tagged, so that they come back as the same Python values the import wrote. It
also says what was imported, when, and whether it is undone now (the next step is then redo).
The file is replaced in one rename, so a crash never leaves half a journal.
"""

import gzip
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.excel.journal import ImportChanges, TableChanges, Update

#: Written in each file; a file of another format is refused rather than misread.
FORMAT = 1


class JournalFileError(TrackerError):
    """The journal file is missing, unreadable or of another format."""


@dataclass
class SavedImport:
    """One import's journal, with what it was and whether it is undone now."""

    name: str
    imported_at: datetime
    changes: ImportChanges
    undone: bool = False


def _tagged(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot keep a {type(value).__name__} in an import journal")


def _untagged(found: dict[str, Any]) -> Any:
    if len(found) == 1:
        ((key, value),) = found.items()
        if key == "$decimal":
            return Decimal(value)
        if key == "$datetime":
            return datetime.fromisoformat(value)
        if key == "$date":
            return date.fromisoformat(value)
    return found


def _plain(saved: SavedImport) -> dict[str, Any]:
    changes = saved.changes
    return {
        "format": FORMAT,
        "name": saved.name,
        "imported_at": saved.imported_at,
        "undone": saved.undone,
        "tables": {
            name: {
                "inserted": table.inserted,
                "deleted": table.deleted,
                "updated": [
                    {"names": list(u.names), "before": u.before, "after": u.after}
                    for u in table.updated
                ],
            }
            for name, table in changes.tables.items()
        },
        "logged": [list(pair) for pair in changes.logged],
        "settings": {key: list(pair) for key, pair in changes.settings.items()},
    }


def _saved(plain: dict[str, Any]) -> SavedImport:
    changes = ImportChanges()
    for name, table in plain["tables"].items():
        changes.tables[name] = TableChanges(
            inserted=table["inserted"],
            deleted=table["deleted"],
            updated=[Update(tuple(u["names"]), u["before"], u["after"]) for u in table["updated"]],
        )
    changes.logged = [(str(kind), int(record)) for kind, record in plain["logged"]]
    changes.settings = {key: (pair[0], pair[1]) for key, pair in plain["settings"].items()}
    return SavedImport(plain["name"], plain["imported_at"], changes, bool(plain["undone"]))


def save_import(path: Path, saved: SavedImport) -> None:
    """Write ``saved`` to ``path``, replacing what was there in one step."""
    text = json.dumps(_plain(saved), default=_tagged, separators=(",", ":"))
    partial = path.with_name(path.name + ".partial")
    try:
        with gzip.open(partial, "wt", encoding="utf-8", compresslevel=3) as out:
            out.write(text)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise JournalFileError(f"cannot write the import journal {path.name}: {exc}") from exc


def load_import(path: Path) -> SavedImport:
    """The import journal in ``path``; ``JournalFileError`` when there is none or it is bad."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as found:
            plain = json.load(found, object_hook=_untagged)
    except FileNotFoundError as exc:
        raise JournalFileError("no import from the command line to undo or redo") from exc
    except (OSError, EOFError, ValueError) as exc:
        raise JournalFileError(f"the import journal {path.name} cannot be read: {exc}") from exc
    if not isinstance(plain, dict) or plain.get("format") != FORMAT:
        raise JournalFileError(f"the import journal {path.name} is of another format")
    try:
        return _saved(plain)
    except (KeyError, TypeError, ValueError) as exc:
        raise JournalFileError(f"the import journal {path.name} is damaged") from exc
