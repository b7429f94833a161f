"""Export, import into an empty database, export again: the same values, every time.

Portfolios come from the demo and from hypothesis (unicode, empty optional fields, extreme
numbers and dates); the workbook is also checked after LibreOffice has opened and saved it.
"""

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import Engine, Table, select
from sqlmodel import Session, SQLModel, col

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions, transaction
from tracker.demo import load_demo
from tracker.enums import (
    DealStatus,
    DealType,
    EventKind,
    ResourceCategory,
    Stage,
    StudyType,
    TransactionKind,
)
from tracker.excel.export import export_workbook
from tracker.excel.export_rows import Selection
from tracker.excel.fields import SHEETS
from tracker.excel.importer import read_source, run_import
from tracker.excel.reader import open_spreadsheet
from tracker.models import (
    Company,
    Deal,
    Event,
    ExpectedStudy,
    FxRate,
    Holding,
    HoldingTransaction,
    Project,
    ResourceLine,
    SharePrice,
    Study,
)
from tracker.models.types import plain
from tracker.portfolio.expected_studies import create_expected_study
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.prices import record_share_price
from tracker.portfolio.screening import ScreenFilter
from tracker.portfolio.watchlists import create_watchlist
from tracker.services import (
    companies,
    deals,
    events,
    holdings,
    projects,
    studies,
    transactions,
)
from tracker.units import MAX_DECIMAL

Cells = dict[str, list[list[object]]]
TODAY = date(2026, 4, 1)


def cells_of(path: Path) -> Cells:
    book = open_spreadsheet(path)
    try:
        return {name: book.read(name) for name in book.sheet_names if name != "Summary"}
    finally:
        book.close()


@pytest.fixture(scope="module")
def blank_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database file, copied for each portfolio (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("blank") / "blank.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, backup=False)
    engine.dispose()
    return path


class Databases:
    def __init__(self, blank: Path, folder: Path) -> None:
        self.blank = blank
        self.folder = folder
        self.engines: list[Engine] = []

    def new(self, name: str) -> Engine:
        path = self.folder / name
        shutil.copy(self.blank, path)
        engine = make_engine(f"sqlite:///{path}")
        self.engines.append(engine)
        return engine

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()


@pytest.fixture
def databases(blank_db: Path, tmp_path: Path) -> Iterator[Databases]:
    made = Databases(blank_db, tmp_path)
    yield made
    made.close()


def round_trip(first: Engine, second: Engine, folder: Path) -> tuple[Cells, Cells]:
    one, two = folder / "one.xlsx", folder / "two.xlsx"
    export_workbook(first, one, today=TODAY)
    preview = run_import(Transactions(second), read_source(one))
    assert preview.problems == []
    export_workbook(second, two, today=TODAY)
    return cells_of(one), cells_of(two)


# Every table's content, without ids ------------------------------------------------------

Dump = dict[str, list[str]]


def dump(engine: Engine) -> Dump:
    """Every table's rows, ids left out and each reference replaced by what it refers to, so
    two databases holding the same portfolio under other ids dump the same. Each database's
    own bookkeeping (its change log, its records' versions) is no part of the portfolio."""
    rows: dict[str, dict[object, dict[str, object]]] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            found = [dict(row._mapping) for row in connection.execute(select(table))]
            key = "id" if "id" in table.c else None
            rows[table.name] = {(r[key] if key else n): r for n, r in enumerate(found)}

    def canonical(table: Table, row: dict[str, object]) -> tuple[object, ...]:
        parts: list[object] = []
        for column in table.c:
            value = row[column.name]
            if column.name in ("id", "version"):
                continue
            foreign = next(iter(column.foreign_keys), None)
            if foreign is not None and value is not None:
                parent = foreign.column.table
                value = canonical(parent, rows[parent.name][value])
            elif isinstance(value, Decimal):
                value = plain(value)
            parts.append((column.name, value))
        return tuple(parts)

    return {
        table.name: sorted(repr(canonical(table, row)) for row in rows[table.name].values())
        for table in SQLModel.metadata.sorted_tables
        if table.name != "change_log"
    }


def add_market_and_guidance(session: Session) -> None:
    """What the demo lacks but the workbook carries: prices, rates, guidance, a watchlist."""
    held = session.execute(select(col(Holding.company_id), col(Holding.currency))).all()
    for number, (company_id, currency) in enumerate(held, start=1):
        for day in (date(2026, 3, 2), date(2026, 3, 27)):
            price = Decimal(number) / 4 + Decimal(day.day) / 1000
            entry = SharePrice(
                company_id=company_id, price_date=day, price=price, currency=currency
            )
            record_share_price(session, entry)
    for base, rate in (("USD", "1.3625"), ("AUD", "0.905"), ("USD", "1.41")):
        day = date(2026, 3, 30) if rate != "1.41" else date(2025, 12, 31)
        record_fx_rate(session, FxRate(base=base, quote="CAD", rate_date=day, rate=Decimal(rate)))
    project = session.scalars(select(Project).order_by(col(Project.id))).first()
    assert project is not None and project.id is not None
    create_expected_study(
        session,
        ExpectedStudy(
            project_id=project.id,
            study_type=StudyType.PFS.value,
            expected_date=date(2026, 9, 30),
            noted_on=date(2026, 1, 15),
            source="https://example.com/guidance",
        ),
    )
    create_watchlist(session, "Copper PFS+", ScreenFilter("Cu", "PFS", Decimal(20), "Canada"))


def test_demo_portfolio_round_trips_every_table_and_reimports_as_unchanged(
    databases: Databases, tmp_path: Path
) -> None:
    first = databases.new("a.sqlite3")
    with transaction(first) as session:
        load_demo(session)
        add_market_and_guidance(session)
    second = databases.new("b.sqlite3")
    before, after = round_trip(first, second, tmp_path)
    assert before == after
    assert dump(first) == dump(second)
    for table in ("project_stage", "study_price", "deal_step", "deal_status_change"):
        assert len(dump(first)[table]) > 5, table
    for sheet in ("Stage history", "Price decks", "Deal steps", "Deal status history"):
        assert len(before[sheet]) > 5, sheet
    for sheet in ("Share prices", "FX rates", "Expected studies", "Watchlist filters"):
        assert len(before[sheet]) > 1, sheet
    again = run_import(Transactions(second), read_source(tmp_path / "one.xlsx"))
    assert again.writes == 0
    assert {action for (_entity, action) in again.records} == {"unchanged"}


# Hypothesis portfolios ---------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=24,
).filter(lambda text: text.strip() != "")
OPTIONAL_TEXT = st.none() | TEXT
DATES = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def decimals(low: Decimal, high: Decimal, places: int = 6) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False)


AMOUNTS = st.none() | decimals(Decimal(0), MAX_DECIMAL)
PRICES = decimals(Decimal("0.000001"), Decimal(10**7))
#: Price deck lines as the studies' commodities are quoted.
DECK = [("Au", "oz"), ("Ag", "oz"), ("Cu", "lb"), ("PGM", "oz")]
#: Status moves a deal can make after being proposed, in order.
MOVES = [DealStatus.LOI_SIGNED.value, DealStatus.DEFINITIVE.value, DealStatus.CLOSED.value]


@st.composite
def portfolios(draw: st.DrawFn) -> dict[str, object]:
    names = draw(
        st.lists(TEXT.map(str.strip).filter(bool), min_size=1, max_size=3, unique_by=str.lower)
    )
    return {"companies": names, "seed": draw(st.data())}


def fill(session: Session, draw: st.DataObject, names: list[str]) -> None:
    company_ids: list[int] = []
    for index, name in enumerate(names):
        company = Company(
            name=name[:200],
            website=draw.draw(st.none() | st.just("https://example.com/x?q=" + str(index))),
            notes=draw.draw(OPTIONAL_TEXT),
            source=draw.draw(OPTIONAL_TEXT),
            shares_outstanding=draw.draw(AMOUNTS),
            shares_outstanding_date=draw.draw(DATES),
        )
        listings = [companies.ListingSpec("TSXV", f"T{index}")] if draw.draw(st.booleans()) else []
        created = companies.create_company(session, company, listings)
        assert created.id is not None
        company_ids.append(created.id)
    for number in range(draw.draw(st.integers(1, 3))):
        owner = draw.draw(st.sampled_from(company_ids))
        project = projects.create_project(
            session,
            Project(
                name=draw.draw(TEXT)[:190] + f" {number}",
                country=draw.draw(OPTIONAL_TEXT),
                latitude=draw.draw(st.none() | decimals(Decimal(-90), Decimal(90))),
                notes=draw.draw(OPTIONAL_TEXT),
                source=draw.draw(OPTIONAL_TEXT),
            ),
            owners=[
                projects.OwnerShare(owner, draw.draw(decimals(Decimal(0), Decimal(100))), True)
            ],
            commodities=draw.draw(
                st.lists(st.sampled_from(["Au", "Ag", "Cu", "PGM"]), unique=True)
            ),
            tags=draw.draw(
                st.lists(TEXT.filter(lambda t: ";" not in t and "," not in t), max_size=2)
            ),
        )
        assert project.id is not None
        for _ in range(draw.draw(st.integers(0, 3))):
            projects.record_stage(
                session,
                project.id,
                projects.StageEntry(
                    draw.draw(st.sampled_from(list(Stage))).value,
                    draw.draw(st.dates()),
                    draw.draw(OPTIONAL_TEXT),
                    draw.draw(st.none() | st.just("https://example.com/stage")),
                ),
            )
        npv = draw.draw(st.none() | decimals(-MAX_DECIMAL / 2, MAX_DECIMAL / 2))
        study = studies.create_study(
            session,
            Study(
                project_id=project.id,
                study_type=draw.draw(st.sampled_from(list(StudyType))).value,
                title=draw.draw(TEXT),
                publication_date=draw.draw(DATES),
                currency=draw.draw(st.sampled_from(["USD", "CAD", "AUD"])),
                after_tax_npv=npv,
                discount_rate_pct=(
                    draw.draw(decimals(Decimal(0), Decimal(30))) if npv is not None else None
                ),
                after_tax_irr_pct=draw.draw(st.none() | decimals(Decimal(-100), Decimal(1000))),
                initial_capex=draw.draw(AMOUNTS),
                uses_inferred=draw.draw(st.none() | st.booleans()),
                notes=draw.draw(OPTIONAL_TEXT),
            ),
            [
                studies.PriceAssumption(symbol, draw.draw(PRICES), currency, unit)
                for symbol, unit in draw.draw(st.lists(st.sampled_from(DECK), unique=True))
                for currency in [draw.draw(st.sampled_from(["USD", "CAD"]))]
            ],
        )
        studies.add_resource(
            session,
            ResourceLine(
                project_id=project.id,
                study_id=study.id,
                category=draw.draw(st.sampled_from(list(ResourceCategory))).value,
                tonnes=draw.draw(decimals(Decimal(0), MAX_DECIMAL)),
            ),
            "Au",
        )
        steps = [
            deals.StepSpec(
                draw.draw(decimals(Decimal(0), Decimal(30))),
                draw.draw(DATES),
                draw.draw(OPTIONAL_TEXT),
                draw.draw(st.booleans()),
                [deals.ObligationSpec("shares", draw.draw(decimals(Decimal(0), Decimal(10**9))))],
            )
            for _ in range(draw.draw(st.integers(0, 3)))
        ]
        announced = draw.draw(st.dates(max_value=date(9000, 1, 1)))
        consideration = draw.draw(st.none() | decimals(Decimal(0), MAX_DECIMAL))
        deal = deals.create_deal(
            session,
            Deal(
                title=draw.draw(TEXT) + f" {number}",  # deals are known by title and date
                deal_type=draw.draw(st.sampled_from(list(DealType))).value,
                status=DealStatus.PROPOSED.value,
                project_id=project.id,
                acquirer_id=owner,
                interest_pct=sum((step.interest_pct for step in steps), Decimal(0))
                if steps
                else None,
                consideration=consideration,
                consideration_currency=None if consideration is None else "CAD",
                announced_date=announced,
            ),
            steps=steps,
            obligations=[
                deals.ObligationSpec("cash", draw.draw(decimals(Decimal(0), MAX_DECIMAL)), "USD")
            ],
        )
        assert deal.id is not None
        moved = announced
        chosen = draw.draw(st.lists(st.sampled_from(MOVES), max_size=3, unique=True))
        for status in sorted(chosen, key=MOVES.index):
            moved += timedelta(days=draw.draw(st.integers(0, 400)))
            deals.change_status(session, deal.id, status, moved, draw.draw(OPTIONAL_TEXT))
        events.create_event(
            session,
            Event(
                event_date=draw.draw(st.dates()),
                kind=draw.draw(st.sampled_from(list(EventKind))).value,
                title=draw.draw(TEXT),
                project_id=project.id,
                description=draw.draw(OPTIONAL_TEXT),
            ),
            commodities=["Au"],
        )
    held = holdings.create_holding(
        session,
        Holding(company_id=company_ids[0], currency="CAD"),
        draw.draw(decimals(Decimal(1), MAX_DECIMAL)),
        draw.draw(st.none() | decimals(Decimal(0), Decimal(10**6))),
        draw.draw(st.dates(max_value=date(2025, 12, 31))),
    )
    transactions.create_transaction(
        session,
        HoldingTransaction(
            holding_id=held.id or 0,
            kind=TransactionKind.SPLIT.value,
            trade_date=date(2026, 1, 5),
            currency="CAD",
            split_new=draw.draw(decimals(Decimal(1), Decimal(10))),
            split_old=draw.draw(decimals(Decimal(1), Decimal(10))),
            notes=draw.draw(OPTIONAL_TEXT),
        ),
    )
    for company_id in draw.draw(st.lists(st.sampled_from(company_ids), max_size=3)):
        price = SharePrice(
            company_id=company_id,
            price_date=draw.draw(st.dates()),
            price=draw.draw(PRICES),
            currency=draw.draw(st.sampled_from(["CAD", "USD"])),
            source=draw.draw(OPTIONAL_TEXT),
        )
        record_share_price(session, price)
    for base in draw.draw(st.lists(st.sampled_from(["USD", "AUD"]), max_size=3)):
        rate = FxRate(
            base=base, quote="CAD", rate_date=draw.draw(st.dates()), rate=draw.draw(PRICES)
        )
        record_fx_rate(session, rate)


@settings(
    max_examples=12,
    deadline=None,
    # Shrinking a failing portfolio can take minutes; the failing example is printed anyway.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(TEXT.map(str.strip).filter(bool), min_size=1, max_size=3, unique_by=str.lower),
    data=st.data(),
)
def test_generated_portfolios_round_trip(
    blank_db: Path, names: list[str], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        made = Databases(blank_db, Path(folder))
        try:
            first = made.new("a.sqlite3")
            with transaction(first) as session:
                fill(session, data, names)
            second = made.new("b.sqlite3")
            before, after = round_trip(first, second, Path(folder))
            assert before == after
            assert dump(first) == dump(second)
        finally:
            made.close()


# The workbook itself -------------------------------------------------------------------------


def test_every_sheet_is_a_table_with_frozen_header_units_and_formats(
    databases: Databases, tmp_path: Path
) -> None:
    engine = databases.new("a.sqlite3")
    with transaction(engine) as session:
        load_demo(session)
    path = tmp_path / "portfolio.xlsx"
    export_workbook(engine, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Exposure", *(spec.name for spec in SHEETS)]
    summary = book["Summary"]
    assert summary._charts, "the Summary sheet has a native chart"
    for spec in SHEETS:
        sheet = book[spec.name]
        assert sheet.freeze_panes == "A2", spec.name
        assert len(sheet.tables) == 1, spec.name
        table = next(iter(sheet.tables.values()))
        assert table.autoFilter is not None
        headers = [cell.value for cell in sheet[1]]
        assert headers == [f.header for f in spec.fields if f.export]
        assert all((sheet.column_dimensions[c.column_letter].width or 0) > 5 for c in sheet[1])
    studies_sheet = book["Studies"]
    headers = [cell.value for cell in studies_sheet[1]]
    assert "After-tax NPV (M)" in headers and "After-tax IRR (%)" in headers
    npv = studies_sheet.cell(2, headers.index("After-tax NPV (M)") + 1)
    currency = studies_sheet.cell(2, headers.index("Currency") + 1).value
    assert f'"{currency} "' in npv.number_format
    irr = studies_sheet.cell(2, headers.index("After-tax IRR (%)") + 1)
    assert irr.number_format.endswith("%") and isinstance(irr.value, float) and irr.value < 5
    published = studies_sheet.cell(2, headers.index("Published") + 1)
    assert published.is_date
    projects_sheet = book["Projects"]
    source_column = [c.value for c in projects_sheet[1]].index("Source") + 1
    links = [
        projects_sheet.cell(row, source_column).hyperlink
        for row in range(2, projects_sheet.max_row + 1)
        if projects_sheet.cell(row, source_column).value
    ]
    assert links and all(link is not None for link in links)


def test_formula_like_text_is_stored_as_text_and_comes_back_unchanged(
    databases: Databases, tmp_path: Path
) -> None:
    engine = databases.new("a.sqlite3")
    risky = ['=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR"]
    with transaction(engine) as session:
        for index, text in enumerate(risky):
            companies.create_company(session, Company(name=f"Co {index}", notes="x" + text))
            companies.create_company(session, Company(name=f"Note {index}", notes=text + " y"))
    path = tmp_path / "risky.xlsx"
    export_workbook(engine, path)
    sheet = load_workbook(path)["Companies"]
    notes = [c.value for c in sheet["H"]][1:]
    for cell in sheet["H"][1:]:
        assert cell.data_type == "s"
        if cell.value and str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.quotePrefix, cell.value
    assert any(str(n).startswith("=HYPERLINK") for n in notes)
    second = databases.new("b.sqlite3")
    run_import(Transactions(second), read_source(path))
    export_workbook(second, tmp_path / "again.xlsx")
    assert cells_of(path) == cells_of(tmp_path / "again.xlsx")


def test_export_of_only_what_a_filter_shows(databases: Databases, tmp_path: Path) -> None:
    engine = databases.new("a.sqlite3")
    with transaction(engine) as session:
        load_demo(session)
        kept = session.get(Project, 1)
        assert kept is not None
        kept_name = kept.name
    path = tmp_path / "some.xlsx"
    result = export_workbook(engine, path, Selection(projects=frozenset({1})))
    assert result.rows["Projects"] == 1
    cells = cells_of(path)
    assert [row[0] for row in cells["Projects"][1:]] == [kept_name]
    assert {row[0] for row in cells["Studies"][1:]} <= {kept_name}
    assert 1 <= result.rows["Companies"] < 5
    second = databases.new("b.sqlite3")
    assert run_import(Transactions(second), read_source(path)).problems == []


def test_a_cancelled_export_leaves_no_file(databases: Databases, tmp_path: Path) -> None:
    from tracker.excel.errors import CancelledError

    engine = databases.new("a.sqlite3")
    path = tmp_path / "never.xlsx"
    with pytest.raises(CancelledError):
        export_workbook(engine, path, cancelled=lambda: True)
    assert list(tmp_path.glob("*.xlsx")) == []


# LibreOffice ----------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_round_trip_survives_libreoffice_open_and_save(
    databases: Databases, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    engine = databases.new("a.sqlite3")
    with transaction(engine) as session:
        load_demo(session)
        add_market_and_guidance(session)
    original = tmp_path / "portfolio.xlsx"
    export_workbook(engine, original)
    out = tmp_path / "libreoffice"
    profile = tmp_path / "lo-profile"
    completed = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(original),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    resaved = out / "portfolio.xlsx"
    assert resaved.exists(), completed.stderr.decode(errors="replace")
    second = databases.new("b.sqlite3")
    preview = run_import(Transactions(second), read_source(resaved))
    assert preview.problems == []
    export_workbook(second, tmp_path / "again.xlsx")
    assert cells_of(original) == cells_of(tmp_path / "again.xlsx")
    assert dump(engine) == dump(second)


def test_text_longer_than_a_cell_goes_on_over_the_long_text_sheet_and_comes_back_whole(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """A 20,000-emoji note (40,000 UTF-16 units) was once cut to 16,383 emoji, and importing
    the export shortened the note in the database."""
    from tracker.excel.importer import read_source, run_import
    from tracker.excel.long_text import LONG_TEXT_SHEET, MAX_CELL_UNITS
    from tracker.models import Company, Project
    from tracker.services.companies import create_company
    from tracker.services.projects import create_project

    emoji = "\N{GEM STONE}" * 20_000
    essay = " ".join(f"Paragraph {i}: the drill core was logged twice." for i in range(2_000))
    with Session(engine) as session:
        create_company(
            session, Company(name="Long Notes Ltd.", reporting_currency="CAD", notes=emoji)
        )
        create_project(
            session, Project(name="Wordy Hill", stage="exploration", status="active", notes=essay)
        )
        session.commit()
    path = export_workbook(engine, tmp_path / "long.xlsx").path
    book = load_workbook(path, read_only=True)
    assert LONG_TEXT_SHEET in book.sheetnames
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert len(value.encode("utf-16-le")) // 2 <= MAX_CELL_UNITS
    book.close()

    run_import(Transactions(second_engine), read_source(path), today=date(2026, 12, 1))
    with Session(second_engine) as session:
        company = session.execute(
            select(Company).where(col(Company.name) == "Long Notes Ltd.")
        ).scalar_one()
        project = session.execute(
            select(Project).where(col(Project.name) == "Wordy Hill")
        ).scalar_one()
        assert company.notes == emoji and project.notes == essay
    again = run_import(Transactions(engine), read_source(path), today=date(2026, 12, 1))
    assert again.writes == 0
