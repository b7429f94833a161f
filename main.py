"""Entry point: no arguments open the app; a command (``demo``, ``list`` ...) runs it."""

import sys


def _open_gui(db_url: str) -> int:
    from ui.app import run_app

    return run_app(db_url)


def _start_log() -> None:
    """The rotating log file, set up once at start for the app and the commands alike; a log
    folder that cannot be made leaves the messages on stderr only."""
    from ui.log_file import install_log

    try:
        install_log()
    except OSError as exc:
        sys.stderr.write(f"mining-tracker: no log file ({exc})\n")


def main() -> int:
    """The ``mining-tracker`` console script."""
    from cli import run

    _start_log()
    return run(sys.argv[1:], open_gui=_open_gui)


def main_gui() -> int:
    """The ``mining-tracker-gui`` launcher (no console window on Windows)."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
