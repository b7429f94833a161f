"""``backup`` and ``restore``: the rotating backups beside a SQLite database file."""

import argparse
from pathlib import Path

from sqlalchemy import Engine

from cli.table import render_table
from db.backups import BackupError, backup_counts, list_backups, make_backup, restore_backup
from db.migrate import upgrade_to_head


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep", type=int, metavar="N", help="keep the N newest backups (default 10)"
    )


def run_backup(args: argparse.Namespace, engine: Engine) -> int:
    keep = args.keep if args.keep is not None and args.keep > 0 else None
    made = make_backup(engine, "manual", keep=keep)
    if made is None:
        raise BackupError("only a SQLite database file can be backed up this way")
    print(f"Backed up to {made.name}")
    _print_backups(engine)
    return 0


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "backup", nargs="?", help="the backup to restore (a name from the list, or a path)"
    )


def run_restore(args: argparse.Namespace, engine: Engine) -> int:
    if args.backup is None:
        _print_backups(engine)
        return 0
    chosen = _find(engine, args.backup)
    before = restore_backup(engine, chosen, upgrade=upgrade_to_head)
    kept = f"; the database as it was is kept as {before.name}" if before else ""
    print(f"Restored {chosen.name}{kept}")
    return 0


def _find(engine: Engine, name: str) -> Path:
    for backup in list_backups(engine):
        if backup.path.name == name:
            return backup.path
    path = Path(name).expanduser()
    if path.is_file():
        return path
    raise BackupError(f"no backup named {name}; run `mining-tracker restore` to list them")


def _print_backups(engine: Engine) -> bool:
    backups = list_backups(engine)
    if not backups:
        print("No backups yet. Make one with: mining-tracker backup")
        return False
    rows = []
    for backup in backups:
        counts = backup_counts(backup.path)
        rows.append(
            [
                backup.path.name,
                backup.made.strftime("%Y-%m-%d %H:%M:%S"),
                backup.label,
                f"{backup.size / 1024:,.0f} kB",
                ", ".join(f"{n:,} {kind}" for kind, n in counts.items()),
            ]
        )
    print(render_table(["backup", "made", "why", "size", "records"], rows))
    return True
