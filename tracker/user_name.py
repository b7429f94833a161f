"""Whose name goes in the change log: the one set, else the environment's, else the login.

Kept apart from ``tracker.changelog`` so that the window can show and store the name without
loading SQLAlchemy at startup.
"""

import getpass
import os

#: Overrides the OS user name as the name written in the change log (the command line's way).
USER_ENV_VAR = "MINING_TRACKER_USER"
#: The change log's ``who`` column holds this many characters.
MAX_LENGTH = 120


def login_name() -> str:
    """The OS login name ("unknown" where the system has none, as in some containers)."""
    try:
        return getpass.getuser()[:MAX_LENGTH] or "unknown"
    except (KeyError, OSError):
        return "unknown"


def default_user() -> str:
    """``MINING_TRACKER_USER`` when set, else the OS login name."""
    named = os.environ.get(USER_ENV_VAR, "").strip()
    return named[:MAX_LENGTH] if named else login_name()


def chosen(name: str | None) -> str:
    """A name typed by the person, tidied; the default when it is blank."""
    tidy = " ".join((name or "").split())
    return tidy[:MAX_LENGTH] if tidy else default_user()
