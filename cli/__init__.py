"""The ``mining-tracker`` command line. No Qt: the GUI is started through a callable we are given.

Exit status: 0 success, 1 input refused or database unusable (nothing written), 2 usage error.
Errors are one readable line on stderr, never a traceback.
"""

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import DatabaseError, OperationalError

from cli.commands import COMMANDS
from cli.status import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from db.backups import damaged_message
from db.engine import is_read_only, make_engine, read_only_label
from db.errors import DatabaseOpenError
from db.open import open_database
from db.paths import DB_ENV_VAR, resolve_db_url
from tracker.errors import TrackerError

DEBUG_ENV_VAR = "MINING_TRACKER_DEBUG"
#: Refusals and errors go to the app's log too (when ``main.py`` has set one up).
LOG = logging.getLogger("mining_tracker.cli")
# Without a log file the stderr line above is the whole report (not logging's own echo of it).
LOG.addHandler(logging.NullHandler())
__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    db_help = (
        f"database file or SQLAlchemy URL (default: ${DB_ENV_VAR}, else a file in the user data "
        "folder)"
    )
    parser = argparse.ArgumentParser(
        prog="mining-tracker",
        description="Track mining projects, studies, deals and your portfolio. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", help=db_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=command.epilog or None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=db_help)
        command.add_arguments(sub)
    return parser


def run(argv: Sequence[str], open_gui: Callable[[str], int] | None = None) -> int:
    """Run the command line; with no command, hand the database URL to ``open_gui``."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    url = resolve_db_url(args.db)
    if args.command is None:
        if open_gui is None:
            parser.error("a command is required")
        return open_gui(url)
    command = next(command for command in COMMANDS if command.name == args.command)
    try:
        engine = open_database(url) if command.opens else make_engine(url)
    except DatabaseOpenError as exc:
        return _fail(str(exc))
    try:
        if is_read_only(engine) and command.writes(args):
            return _fail(
                f"{read_only_label(engine)}: nothing was written (make the file and its folder "
                "writable first)"
            )
        return command.run(args, engine)
    except TrackerError as exc:
        return _fail(f"{exc}; nothing was written")
    except BrokenPipeError:
        # The reader went away (``list projects | head``): not an error, stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except DatabaseOpenError as exc:
        return _fail(str(exc))
    except OperationalError as exc:
        return _fail(f"database error: {exc.orig}; nothing was written")
    except DatabaseError as exc:
        return _fail(damaged_message(engine, exc))
    except Exception as exc:
        LOG.exception("unexpected error in '%s'", args.command)
        if os.environ.get(DEBUG_ENV_VAR):
            raise
        return _fail(
            f"unexpected error ({type(exc).__name__}: {exc}); nothing was written. "
            f"Set {DEBUG_ENV_VAR}=1 to see the details, and please report it"
        )
    finally:
        engine.dispose()


def _fail(message: str) -> int:
    LOG.warning("%s", message)
    print(f"mining-tracker: {message}", file=sys.stderr)
    return EXIT_REFUSED
