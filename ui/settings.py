"""What the window remembers between runs (QSettings): layout, theme, recent databases and the
name written in the change log."""

from pathlib import Path

from PySide6.QtCore import QSettings

from tracker.user_name import chosen

MAX_RECENT = 8
USER_NAME_KEY = "user_name"


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


def user_name(settings: QSettings | None = None) -> str:
    """The name this person writes under in the change log: the one set in Preferences, else
    ``MINING_TRACKER_USER``, else the OS login name."""
    stored = (settings or QSettings()).value(USER_NAME_KEY, "")
    return chosen(stored if isinstance(stored, str) else "")


def set_user_name(name: str, settings: QSettings | None = None) -> str:
    """Keep ``name`` (a blank one goes back to the default); the name now in use."""
    store = settings or QSettings()
    tidy = " ".join(name.split())
    if tidy:
        store.setValue(USER_NAME_KEY, tidy)
    else:
        store.remove(USER_NAME_KEY)
    return user_name(store)
