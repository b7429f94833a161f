"""``currency`` and ``fx-import``: the reporting currency and exchange rates from the command line.

They read and write the same database setting and rates as the window, so a script can set
the currency a workbook export reports in, or load a central bank's file of rates.
"""

import argparse
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from cli.table import render_table
from db.session import transaction
from tracker.portfolio.fx_csv import import_fx_csv, read_fx_csv
from tracker.portfolio.fx_rates import currencies_in_use
from tracker.portfolio.reporting import ReportingBook
from tracker.services.settings import (
    REPORTING_CURRENCY,
    set_reporting_currency,
    stored_setting,
)


def add_currency_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help="an ISO 4217 code (e.g. CAD) to report in; without one, show the currency and "
        "the rates that convert into it today",
    )


def run_currency(args: argparse.Namespace, engine: Engine) -> int:
    if args.code:
        with transaction(engine) as session:
            before = set_reporting_currency(session, args.code)
            after = stored_setting(session, REPORTING_CURRENCY)
        print(f"Reporting currency: {after} (was {before}).")
        return 0
    with Session(engine) as session:
        reporting = ReportingBook.load(session, date.today())
        chosen = stored_setting(session, REPORTING_CURRENCY) is not None
        codes = [code for code in currencies_in_use(session) if code != reporting.currency]
    how = "chosen" if chosen else "default: the currency most holdings are kept in, else USD"
    print(f"Reporting currency: {reporting.currency} ({how}).")
    if codes:
        rows = [[code, reporting.rate_labels(code)[1]] for code in codes]
        print(render_table(["Currency", f"Into {reporting.currency} today"], rows))
    return 0


def add_fx_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a CSV file of dates and rates")
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and say what it holds, write nothing"
    )


def run_fx_import(args: argparse.Namespace, engine: Engine) -> int:
    path: Path = args.file
    if args.dry_run:
        print(f"{path.name} holds {read_fx_csv(path).describe()}; nothing was written.")
        return 0
    with transaction(engine) as session:
        imported = import_fx_csv(session, path)
    print(imported.describe())
    return 0
