"""``mining-tracker export`` and ``mining-tracker import``: the Excel workbook from the shell."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from cli.import_options import (
    OptionError,
    apply_options,
    default_option,
    map_option,
    mapping_lines,
)
from cli.import_undo_command import keep_journal
from cli.status import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from db.backups import make_backup
from db.session import Transactions
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Preview

#: Problems printed before "... and N more".
SHOWN_PROBLEMS = 50
#: Updated records (each with its fields) and removals printed before "... and N more".
SHOWN_CHANGES = 200


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
        "file",
        type=Path,
        metavar="FILE",
        help="workbook (.xlsx .xlsm .xlsb .xls .ods) or .csv/.tsv",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )
    parser.add_argument("--sheet", action="append", help="import only this sheet (repeatable)")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        type=map_option,
        metavar="COLUMN=FIELD",
        help='read the sheet\'s column COLUMN as FIELD, e.g. "Latest study=study type" '
        "(FIELD 'ignore' leaves the column out; repeatable)",
    )
    parser.add_argument(
        "--default",
        action="append",
        default=[],
        type=default_option,
        metavar="FIELD=VALUE",
        help='fill FIELD\'s empty cells with VALUE, e.g. "discount rate=8" (percent points) '
        'or "initial capex=250" (millions, as in the template\'s (M) columns; repeatable)',
    )
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="map the columns as the preset NAME saved in the import wizard does",
    )


IMPORT_EPILOG = """\
exit status:
  0  every row went in (with --dry-run: would go in)
  1  rows or parts of rows were left out for their problems (each is printed with its fix),
     values lay too far from a sheet's data to read (each is named), or the file or database
     was refused (then nothing was written)
  2  usage error: an unknown option, field, column or preset (nothing was written)

A written import can be taken back whole with 'mining-tracker undo-import' (and written again
with 'mining-tracker redo-import'), as long as what it wrote was not changed since.
"""


def print_preview(preview: Preview) -> None:
    for (entity, action), count in sorted(preview.records.items()):
        if count:
            print(f"  {entity.replace('_', ' ')}: {count:,} {action}")
    for sheet, reason in preview.skipped_sheets.items():
        print(f"  sheet '{sheet}' left out: {reason}")
    print_changes(preview)
    for note in preview.notes[:SHOWN_PROBLEMS]:
        print(f"  note: {note}")
    for problem in preview.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}", file=sys.stderr)
    if len(preview.problems) > SHOWN_PROBLEMS:
        print(
            f"  ... and {len(preview.problems) - SHOWN_PROBLEMS:,} more problems", file=sys.stderr
        )


def _rows(count: int) -> str:
    return "row" if count == 1 else "rows"


def print_changes(preview: Preview) -> None:
    """Each update field by field (old → new), and each removal."""
    shown = 0
    for update in preview.updates:
        if shown >= SHOWN_CHANGES:
            break
        print(f"  update {update.entity.replace('_', ' ')} {update.label}:")
        for change in update.fields:
            print(f"    {change}")
        shown += 1
    if len(preview.updates) > shown:
        print(f"  ... and {len(preview.updates) - shown:,} more updates")
    for removal in preview.removals[:SHOWN_CHANGES]:
        print(f"  {removal}")
    if len(preview.removals) > SHOWN_CHANGES:
        print(f"  ... and {len(preview.removals) - SHOWN_CHANGES:,} more removals")


def run_import_command(args: argparse.Namespace, engine: Engine) -> int:
    source = read_source(args.file, only=args.sheet)
    try:
        apply_options(source, preset=args.preset, columns=args.map, defaults=args.default)
    except OptionError as exc:
        source.close()
        print(f"mining-tracker import: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.dry_run:
        for sheet in source.sheets:
            print("\n".join(mapping_lines(sheet)))
    preview = run_import(
        Transactions(engine),
        source,
        dry_run=args.dry_run,
        before_write=lambda: make_backup(engine, "import"),
    )
    verb = "Would import" if args.dry_run else "Imported"
    if not preview.writes:
        verb = "Nothing to change in"
    done = not args.dry_run and preview.writes > 0
    print(f"{verb} {args.file.name}: {preview.summary(done)}.")
    print_preview(preview)
    if done and preview.written is not None:
        failure = keep_journal(engine, args.file.name, preview.written)
        if failure is None:
            print("Undo it with: mining-tracker undo-import")
        else:
            print(f"  note: {failure}; undo-import cannot take this import back", file=sys.stderr)
    if args.dry_run:
        print("Dry run: nothing was written.")
    if preview.complete:
        return EXIT_OK
    left, partial = preview.count_skipped(), preview.partial_rows
    would = "Would be left out" if args.dry_run else "Left out"
    far = preview.values_left_out
    values = f"; values too far out to read: {far:,}" if far else ""
    print(
        f"{would}: {left:,} {_rows(left)}; imported in part: {partial:,} {_rows(partial)}"
        f"{values}. Fix what each problem says and import again (what went in is matched, "
        "not added twice).",
        file=sys.stderr,
    )
    return EXIT_REFUSED
