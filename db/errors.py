"""Errors of the environment around the database: friendly messages, not bugs."""


class DatabaseOpenError(Exception):
    """The database cannot be opened or created (bad path or URL, no driver, locked, read-only)."""


class NewerDatabaseError(DatabaseOpenError):
    """The database was written by a newer version of the app than this one."""
