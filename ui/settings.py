"""What the window remembers between runs (QSettings): layout, theme and recent databases."""

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def recent_databases(settings: QSettings | None = None) -> list[str]:
    """Recently opened database files, newest first, those that still exist."""
    stored = (settings or QSettings()).value("recent_databases", [])
    paths = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) else []
    return [path for path in paths if isinstance(path, str) and Path(path).exists()]


def remember_database(path: str, settings: QSettings | None = None) -> list[str]:
    store = settings or QSettings()
    paths = [path, *(p for p in recent_databases(store) if p != path)][:MAX_RECENT]
    store.setValue("recent_databases", paths)
    return paths


def database_path(url: str) -> str | None:
    """The file behind a SQLite URL (``sqlite:////x/y.sqlite3`` -> ``/x/y.sqlite3``)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix + ":memory:":
        return url[len(prefix) :]
    return None


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"
