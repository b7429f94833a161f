"""``mining-tracker export`` and ``mining-tracker import``: the Excel workbook from the shell."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from db.backups import make_backup
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Preview

#: Problems printed before "... and N more".
SHOWN_PROBLEMS = 50


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.xlsx", help="workbook to write")


def run_export(args: argparse.Namespace, engine: Engine) -> int:
    path: Path = args.file
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    result = export_workbook(engine, path)
    rows = ", ".join(f"{count:,} {sheet.lower()}" for sheet, count in result.rows.items())
    print(f"Wrote {path}: {rows}.")
    if result.continued_cells:
        print(
            f"note: {result.continued_cells} texts were longer than one Excel cell holds; each "
            "goes on over the 'Long text' sheet, and importing the workbook joins them again"
        )
    return 0


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="workbook (.xlsx .xlsm .xlsb .xls .ods)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )
    parser.add_argument("--sheet", action="append", help="import only this sheet (repeatable)")


def print_preview(preview: Preview) -> None:
    for (entity, action), count in sorted(preview.records.items()):
        if count:
            print(f"  {entity.replace('_', ' ')}: {count:,} {action}")
    for sheet, reason in preview.skipped_sheets.items():
        print(f"  sheet '{sheet}' left out: {reason}")
    for note in preview.notes[:SHOWN_PROBLEMS]:
        print(f"  note: {note}")
    for problem in preview.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}", file=sys.stderr)
    if len(preview.problems) > SHOWN_PROBLEMS:
        print(
            f"  ... and {len(preview.problems) - SHOWN_PROBLEMS:,} more problems", file=sys.stderr
        )


def run_import_command(args: argparse.Namespace, engine: Engine) -> int:
    source = read_source(args.file, only=args.sheet)
    preview = run_import(
        engine, source, dry_run=args.dry_run, before_write=lambda: make_backup(engine, "import")
    )
    verb = "Would import" if args.dry_run else "Imported"
    if not preview.writes:
        verb = "Nothing to change in"
    done = not args.dry_run and preview.writes > 0
    print(f"{verb} {args.file.name}: {preview.summary(done)}.")
    print_preview(preview)
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif preview.count_skipped():
        print("Rows with problems were skipped; fix them and import again.", file=sys.stderr)
    return 0
