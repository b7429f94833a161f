"""A deal's headline consideration: checked by the service, kept exact, and carried through the
workbook both ways."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions, transaction
from tests.domain_factories import assert_refused, problem_for
from tracker.errors import ValidationError
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.models import Deal
from tracker.services.deals import create_deal, update_deal

TODAY = date(2026, 3, 31)


def deal(**fields: object) -> Deal:
    values: dict[str, object] = {
        "title": "Big Miner buys Moly Hill",
        "deal_type": "acquisition",
        "status": "proposed",
        "announced_date": date(2024, 2, 1),
    }
    values.update(fields)
    return Deal.model_validate(values)


def test_the_consideration_is_stored_exactly_with_its_currency_in_capitals(
    engine: Engine, session: Session
) -> None:
    created = create_deal(
        session, deal(consideration=Decimal("4500000.50"), consideration_currency="cad")
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Deal, created.id)
        assert stored is not None
        assert stored.consideration == Decimal("4500000.50")
        assert stored.consideration_currency == "CAD"
    assert created.id is not None
    update_deal(
        session, created.id, deal(consideration=Decimal("5000000"), consideration_currency="USD")
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Deal, created.id)
        assert stored is not None
        assert (stored.consideration, stored.consideration_currency) == (Decimal("5000000"), "USD")


def test_a_consideration_needs_a_currency_and_may_not_be_negative(
    engine: Engine, session: Session
) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_deal(session, deal(consideration=Decimal("1000"))),
        ValidationError,
    )
    assert problem_for(error, "consideration_currency").reason == "is required with a consideration"
    error = assert_refused(
        engine,
        session,
        lambda: create_deal(
            session, deal(consideration=Decimal("-5"), consideration_currency="XQZ")
        ),
        ValidationError,
    )
    assert problem_for(error, "consideration").reason == "must be at least 0"
    assert "ISO 4217" in problem_for(error, "consideration currency").reason
    assert session.exec(select(Deal)).all() == []


def test_the_consideration_goes_out_to_the_workbook_and_comes_back(
    engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        create_deal(
            session, deal(consideration=Decimal("4500000.25"), consideration_currency="CAD")
        )
    workbook = tmp_path / "deals.xlsx"
    export_workbook(engine, workbook, today=TODAY)
    sheet = load_workbook(workbook)["Deals"]
    headers = [cell.value for cell in sheet[1]]
    assert "Consideration" in headers and "Consideration currency" in headers
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    (row,) = [r for r in rows if r[0] == "Big Miner buys Moly Hill"]
    assert row[headers.index("Consideration currency")] == "CAD"
    assert Decimal(str(row[headers.index("Consideration")])) == Decimal("4500000.25")

    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        upgrade_to_head(other)
        preview = run_import(Transactions(other), read_source(workbook))
        assert preview.problems == []
        with Session(other) as session:
            (copied,) = session.exec(select(Deal)).all()
        assert copied.consideration == Decimal("4500000.25")
        assert copied.consideration_currency == "CAD"
    finally:
        other.dispose()
