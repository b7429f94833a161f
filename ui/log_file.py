"""The app's rotating log file, for the user to attach to a bug report.

Everything the app logs (warnings, refused operations, unexpected errors with their traceback)
goes to ``mining-tracker.log`` in the user log folder, kept to five files of a megabyte; Help ▸
Show Log shows it, and the crash dialog adds its last lines to the details it copies.
"""

import logging
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path

from db.paths import LOG_FILENAME, log_dir

LOG_BYTES = 2**20
LOG_FILES = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: The handler ``install_log`` added, so a second call (tests, a new window) adds no other.
_installed: RotatingFileHandler | None = None


def install_log(folder: Path | None = None) -> Path:
    """Send the app's log records (INFO and above) to the rotating file; returns its path."""
    global _installed
    path = (folder or log_dir()) / LOG_FILENAME
    root = logging.getLogger()
    if _installed is not None:
        if Path(_installed.baseFilename) == path.absolute():
            return path
        root.removeHandler(_installed)
        _installed.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    # Alembic says which context it made on every start; db.migrate logs the upgrades itself.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    _installed = handler
    return path


def log_path() -> Path | None:
    """The file the log goes to, once installed."""
    return Path(_installed.baseFilename) if _installed is not None else None


def last_lines(count: int = 200) -> str:
    """The log's last ``count`` lines (empty when there is no log yet)."""
    path = log_path()
    if _installed is not None:
        _installed.flush()
    if path is None or not path.exists():
        return ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "".join(deque(handle, maxlen=count))


def remove_log() -> None:
    """Stop writing the log file (at exit, and between tests)."""
    global _installed
    if _installed is not None:
        logging.getLogger().removeHandler(_installed)
        _installed.close()
        _installed = None
