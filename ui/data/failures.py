"""The one rule that sorts a failure: the environment's, or ours.

The environment failed when the database is locked, the disk is full, the file or its folder is
read-only or the file is damaged: the user can act on that, so it gets a plain message. A
refusal of the services (``TrackerError``) is the user's input being turned down: its own text.
Anything else is our bug: a crash dialog with the details. Every caller (a form's save, the
Excel import, a list that failed to load) asks here, so the same error reads the same
everywhere.
"""

import sys
import traceback
from dataclasses import dataclass
from enum import Enum

from db.errors import DatabaseOpenError
from tracker.errors import TrackerError

#: What SQLite says of a file whose pages are damaged.
DAMAGED_WORDS = ("malformed", "file is not a database", "disk i/o error")


class Kind(Enum):
    ENVIRONMENT = "environment"
    REFUSED = "refused"
    BUG = "bug"


@dataclass(frozen=True)
class Failure:
    """What to tell the user: the kind, the message, and (for a bug) the traceback."""

    kind: Kind
    message: str
    details: str = ""

    @property
    def is_bug(self) -> bool:
        return self.kind is Kind.BUG


def _sqlalchemy_error(name: str) -> type[BaseException] | None:
    """One of SQLAlchemy's error classes, if SQLAlchemy is loaded (it loads off the GUI
    thread; an error of its kind cannot exist before it has)."""
    found = getattr(sys.modules.get("sqlalchemy.exc"), name, None)
    return found if isinstance(found, type) else None


def _reason(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    return str(orig) if orig is not None else str(error)


def is_damaged(error: BaseException) -> bool:
    database_error = _sqlalchemy_error("DatabaseError")
    if database_error is None or not isinstance(error, database_error):
        return False
    return any(words in _reason(error).lower() for words in DAMAGED_WORDS)


def is_environmental(error: BaseException) -> bool:
    """Errors of the machine around the app, which a message explains (not bugs of ours)."""
    operational = _sqlalchemy_error("OperationalError")
    if isinstance(error, DatabaseOpenError | OSError) or is_damaged(error):
        return True
    return operational is not None and isinstance(error, operational)


def environment_message(error: BaseException) -> str:
    if is_damaged(error):
        return (
            f"The database file is damaged ({_reason(error)}).\n\nNothing was changed. Put its "
            "latest backup back with File ▸ Restore from Backup…; the damaged state is kept as "
            "a backup too."
        )
    operational = _sqlalchemy_error("OperationalError")
    if operational is not None and isinstance(error, operational):
        return (
            f"The database could not be written: {_reason(error)}.\n\nNothing was changed. "
            "Check that the disk is not full and that no other program holds the file, then "
            "try again."
        )
    return f"{error}\n\nNothing was changed."


def classify(error: BaseException) -> Failure:
    """Sort ``error`` into the environment's, a refusal, or our bug, with what to say."""
    if is_environmental(error):
        return Failure(Kind.ENVIRONMENT, environment_message(error))
    if isinstance(error, TrackerError):
        return Failure(Kind.REFUSED, str(error))
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Failure(Kind.BUG, f"Unexpected error: {error}", details)
