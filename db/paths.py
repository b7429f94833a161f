"""Where the user's data lives, with overrides for tests and power users."""

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "mining-tracker"
DB_ENV_VAR = "MINING_TRACKER_DB"
DEFAULT_DB_FILENAME = "tracker.sqlite3"
LOG_ENV_VAR = "MINING_TRACKER_LOG_DIR"
LOG_FILENAME = "mining-tracker.log"


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/mining-tracker`` on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def log_dir(environ: dict[str, str] | None = None) -> Path:
    """Where the app's log is kept: ``MINING_TRACKER_LOG_DIR``, else the user log folder
    (``~/.local/state/mining-tracker/log`` on Linux)."""
    env = os.environ if environ is None else environ
    chosen = env.get(LOG_ENV_VAR)
    return Path(chosen).expanduser() if chosen else user_log_path(APP_NAME, appauthor=False)


def resolve_db_url(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """Turn ``--db``, then ``MINING_TRACKER_DB``, then the default file into a SQLAlchemy URL.

    A value containing ``://`` is taken as a URL as it is; anything else is a file path.
    """
    env = os.environ if environ is None else environ
    choice = explicit or env.get(DB_ENV_VAR) or ""
    if "://" in choice:
        return choice
    path = Path(choice).expanduser() if choice else default_data_dir() / DEFAULT_DB_FILENAME
    return sqlite_url(path)


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path.absolute()}"
