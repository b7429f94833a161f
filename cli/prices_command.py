"""``mining-tracker prices``: today's deck, or import a commodity's prices from CSV."""

import argparse
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from cli.table import render_table
from db.session import transaction
from tracker.errors import FieldProblem, ValidationError
from tracker.formatting import per_share
from tracker.models import Commodity
from tracker.portfolio.deck import todays_deck
from tracker.portfolio.price_csv import import_price_csv
from tracker.services.commodities import PRICE_UNITS, resolve_commodities


def add_prices_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "commodity", nargs="?", help="with FILE: the commodity the prices are of (Au or gold)"
    )
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        help="a CSV of dates and prices (header or not; comma, semicolon or tab)",
    )
    parser.add_argument("--currency", default="USD", help="the prices' currency (USD)")
    parser.add_argument(
        "--unit",
        default=None,
        choices=PRICE_UNITS,
        help="per what (default: the commodity's usual unit)",
    )
    parser.add_argument("--source", help="where the prices come from (default: the file name)")
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first",
        dest="day_first",
        action="store_const",
        const=True,
        help="dates like 03/04/2025 are 3 April",
    )
    order.add_argument(
        "--month-first",
        dest="day_first",
        action="store_const",
        const=False,
        help="dates like 03/04/2025 are 4 March",
    )


def run_prices(args: argparse.Namespace, engine: Engine) -> int:
    if args.file is None:
        if args.commodity is not None:
            raise ValidationError([FieldProblem("file", None, "is required with a commodity")])
        return _print_deck(engine)
    data = args.file.read_bytes()
    with transaction(engine) as session:
        ids, problems = resolve_commodities(session, [args.commodity], "commodity")
        if problems:
            raise ValidationError(problems)
        unit = args.unit or _usual_unit(session, ids[0])
        edits = import_price_csv(
            session,
            ids[0],
            data,
            currency=args.currency,
            unit=unit,
            source=args.source or args.file.name,
            day_first=args.day_first,
        )
    print(f"Imported {len(edits):,} {args.commodity} prices from {args.file.name}.")
    return 0


def _usual_unit(session: Session, commodity_id: int) -> str:
    commodity = session.get(Commodity, commodity_id)
    return commodity.price_unit if commodity is not None else ""


def _print_deck(engine: Engine) -> int:
    with Session(engine) as session:
        lines = todays_deck(session, date.today()).values()
    rows = [
        [
            f"{line.name} ({line.symbol})",
            per_share(line.price) if line.price is not None else "",
            f"{line.currency}/{line.unit}" if line.currency else "",
            line.basis or "no price yet",
            line.latest_date.isoformat() if line.latest_date else "",
        ]
        for line in lines
    ]
    print(render_table(["Commodity", "Today's price", "Per", "From", "Latest date"], rows))
    return 0
