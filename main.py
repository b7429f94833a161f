"""Entry point: no arguments open the app; a command (``demo``, ``list`` ...) runs it."""

import sys


def _open_gui(db_url: str) -> int:
    from ui.app import run_app

    return run_app(db_url)


def main() -> int:
    """The ``mining-tracker`` console script."""
    from tracker.cli import run

    return run(sys.argv[1:], open_gui=_open_gui)


def main_gui() -> int:
    """The ``mining-tracker-gui`` launcher (no console window on Windows)."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
