"""The subcommands: each adds its arguments and runs on an opened database."""

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from cli.backup_commands import (
    add_backup_arguments,
    add_restore_arguments,
    run_backup,
    run_restore,
)
from cli.capture_command import add_capture_arguments, run_capture
from cli.excel_commands import (
    IMPORT_EPILOG,
    add_export_arguments,
    add_import_arguments,
    run_export,
    run_import_command,
)
from cli.fx_commands import (
    add_currency_arguments,
    add_fx_import_arguments,
    run_currency,
    run_fx_import,
)
from cli.prices_command import add_prices_arguments, run_prices
from cli.table import render_table
from db.session import transaction
from tracker.demo import load_demo
from tracker.formatting import discount_rate, millions, percent
from tracker.lists.items import StudyItem
from tracker.lists.search import listed_rows
from tracker.tables import STUDIES


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one-line help, arguments and what it does (returns exit status)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Engine], int]
    #: False for commands that must work on a database that cannot be opened (restore).
    opens: bool = True
    #: Whether the command, so called, changes the database (refused at once on a read-only
    #: one).
    writes: Callable[[argparse.Namespace], bool] = lambda _args: False
    #: Shown at the end of the command's --help (its exit statuses).
    epilog: str = ""


def _always(_args: argparse.Namespace) -> bool:
    return True


def _no_arguments(_parser: argparse.ArgumentParser) -> None:
    return None


def run_demo(_args: argparse.Namespace, engine: Engine) -> int:
    with transaction(engine) as session:
        counts = load_demo(session)
    print(
        f"Loaded the demo portfolio: {counts.companies} companies, {counts.projects} projects, "
        f"{counts.studies} studies, {counts.deals} deals, {counts.events} events, "
        f"{counts.holdings} holdings."
    )
    return 0


LIST_KINDS = ("projects", "companies", "deals", "studies", "events")


def add_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=LIST_KINDS, help="what to list")
    parser.add_argument(
        "--search",
        metavar="TEXT",
        help="only the rows the window's search box shows for TEXT: every word found in a name, "
        "place, party, ticker, stage, study type, or commodity (symbol or name, 'Au' or 'gold')",
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _table(
    kind: str, session: Session, search: str | None
) -> tuple[Sequence[str], list[list[str]]]:
    if kind == "projects":
        return ["Project", "Company", "Country", "Stage", "Commodities", "Status"], [
            [
                r.name,
                r.company or "",
                r.country or "",
                r.stage or "",
                "-".join(r.commodities),
                r.status,
            ]
            for r in listed_rows(session, "projects", search)
        ]
    if kind == "companies":
        return ["Company", "Listings", "Currency", "Projects"], [
            [r.name, ", ".join(r.listings), r.reporting_currency or "", str(r.project_count)]
            for r in listed_rows(session, "companies", search)
        ]
    if kind == "deals":
        headers = ["Deal", "Type", "Status", "Project", "Acquirer", "Interest", "Consideration"]
        return [*headers, "Announced"], [
            [
                r.title,
                r.deal_type,
                r.status,
                r.project or "",
                r.acquirer or "",
                percent(r.interest_pct),
                millions(r.consideration, r.consideration_currency),
                _day(r.announced_date),
            ]
            for r in listed_rows(session, "deals", search)
        ]
    if kind == "studies":
        headers = ["Published", "Project", "Type", "After-tax NPV", "Rate", "IRR", "Capex"]
        return [*headers, "NPV (reporting)", "FX rate"], [
            [
                _day(r.publication_date),
                r.project,
                r.study_type,
                millions(r.after_tax_npv, r.currency),
                discount_rate(r.discount_rate_pct, r.after_tax_npv is not None),
                percent(r.after_tax_irr_pct),
                millions(r.initial_capex, r.currency),
                _reported_npv(r),
                r.reporting.rate,
            ]
            for r in listed_rows(session, "studies", search)
        ]
    return ["Date", "Kind", "Title", "Project", "Company"], [
        [_day(r.event_date), r.kind, r.title, r.project or "", r.company or ""]
        for r in listed_rows(session, "events", search)
    ]


def _reported_npv(row: StudyItem) -> str:
    """The NPV in the reporting currency as the Studies list shows it (or its missing rate)."""
    column = STUDIES.columns[STUDIES.headers.index("NPV (reporting)")]
    return column.display(row)


def run_list(args: argparse.Namespace, engine: Engine) -> int:
    with Session(engine) as session:
        headers, rows = _table(args.kind, session, args.search)
    if not rows and args.search:
        print(f"No {args.kind} match '{args.search}'.")
        return 0
    if not rows:
        print(f"No {args.kind} yet. Load the demo with: mining-tracker demo")
        return 0
    print(render_table(headers, rows))
    return 0


COMMANDS: list[Command] = [
    Command("demo", "load the demo portfolio", _no_arguments, run_demo, writes=_always),
    Command(
        "list",
        "print a table of projects, companies, deals, studies or events",
        add_list_arguments,
        run_list,
    ),
    Command(
        "export", "export the portfolio to an Excel workbook", add_export_arguments, run_export
    ),
    Command(
        "import",
        "import an Excel workbook (ours, or any investor spreadsheet)",
        add_import_arguments,
        run_import_command,
        writes=lambda args: not args.dry_run,
        epilog=IMPORT_EPILOG,
    ),
    Command(
        "backup", "back up the database file now", add_backup_arguments, run_backup, writes=_always
    ),
    Command(
        "restore",
        "list the backups, or restore one",
        add_restore_arguments,
        run_restore,
        opens=False,
        writes=lambda args: args.backup is not None,
    ),
    Command(
        "prices",
        "print today's commodity deck, or import a commodity's prices from CSV",
        add_prices_arguments,
        run_prices,
        writes=lambda args: args.file is not None,
    ),
    Command(
        "capture",
        "read a news release (file, or - for standard input) and print the figures found",
        add_capture_arguments,
        run_capture,
        writes=lambda args: bool(args.save),
    ),
    Command(
        "currency",
        "show the reporting currency and today's rates into it, or choose another",
        add_currency_arguments,
        run_currency,
        writes=lambda args: bool(args.code),
    ),
    Command(
        "fx-import",
        "import exchange rates from a CSV file of dates and rates (all or none)",
        add_fx_import_arguments,
        run_fx_import,
        writes=lambda args: not args.dry_run,
    ),
]
