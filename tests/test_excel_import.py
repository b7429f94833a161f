"""Importing an investor's own spreadsheet: mapping, values, preview, one transaction,
idempotence, cancel, the template and the command line."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from cli import run as cli_run
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions
from tracker.excel import writer
from tracker.excel.errors import CancelledError, WorkbookError
from tracker.excel.export import export_workbook
from tracker.excel.fields import Entity
from tracker.excel.importer import read_source, run_import
from tracker.excel.loading import LazyGrid
from tracker.excel.plan_projects import UNDATED_STAGE
from tracker.excel.report import Action
from tracker.excel.template import write_template
from tracker.models import Company, FxRate, Listing, Project, ProjectStage, SharePrice, Study
from tracker.services.commodities import project_commodity_symbols

TODAY = date(2025, 1, 1)
HEADERS = [
    "Company Name",
    "Ticker",
    "Project",
    "Commodities",
    "Stage",
    "Country",
    "Study type",
    "Report date",
    "NPV after tax (US$M)",
    "IRR (%)",
    "Discount rate",
    "Capex",
]


def investor_workbook(path: Path) -> Path:
    """A watchlist as an investor keeps it: a title, a blank line, then the table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(["My junior miners", None, None])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(
        ["Moon River Moly", "TSXV:MOO", "Davidson", "Mo-Cu-W", "PFS", "Canada", "PFS",
         datetime(2024, 3, 5), 412.5, "25%", 0.08, "US$ 1.2 B"]
    )  # fmt: skip
    sheet.append(
        ["Argentum Ridge", "ABX.TO", "Silver Spur", "Gold, Silver", "PEA", "USA", "PEA",
         45356, "(12)", 0.187, "5%", "350"]
    )  # fmt: skip
    sheet.append(
        ["Argentum Ridge", "ABX.TO", "Second Hill", "Au", "exploration", "USA", None,
         None, None, None, None, None]
    )  # fmt: skip
    sheet.append(
        ["Bad Row Corp", "TSX:BAD", "Broken", "Unobtainium", "PFS", "Chile", "PFS",
         "soon", "lots", "12%", 0.08, 10]
    )  # fmt: skip
    sheet.append(["Total", None, None, None, None, None, None, None, 400.5])
    book.save(path)
    return path


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_investor_sheet_maps_previews_and_imports(engine: Engine, tmp_path: Path) -> None:
    source = read_source(investor_workbook(tmp_path / "watch.xlsx"))
    sheet = source.sheet("Watchlist")
    assert sheet.header_row == 2
    mapped = {c.header: c.field.qualified for c in sheet.mapping.columns if c.field}
    assert mapped["Ticker"] == "company.listings"
    assert mapped["NPV after tax (US$M)"] == "study.after_tax_npv"
    assert mapped["Report date"] == "study.publication_date"

    preview = run_import(Transactions(engine), source, dry_run=True, today=date(2025, 1, 1))
    assert count(engine, Project) == 0, "a preview writes nothing"
    actions = {row.row: row.action for row in preview.rows}
    assert actions == {4: Action.CREATE, 5: Action.CREATE, 6: Action.CREATE, 7: Action.SKIP}
    problems = {(p.row, p.column): p for p in preview.problems}
    assert problems[(7, "Report date")].value == "soon"
    assert "not a date" in problems[(7, "Report date")].reason
    assert "not a number" in problems[(7, "NPV after tax (US$M)")].reason
    assert "not a known commodity" in problems[(7, "Commodities")].reason
    assert all(p.sheet == "Watchlist" for p in preview.problems)

    run_import(Transactions(engine), source, today=date(2025, 1, 1))
    with Session(engine) as session:
        davidson = session.exec(select(Project).where(Project.name == "Davidson")).one()
        assert davidson.stage == "pre-feasibility" and davidson.country == "Canada"
        assert project_commodity_symbols(session, davidson.id or 0) == ["Mo", "Cu", "W"]
        study = session.exec(select(Study).where(Study.project_id == davidson.id)).one()
        assert study.after_tax_npv == Decimal("412500000")
        assert study.currency == "USD"
        assert study.after_tax_irr_pct == Decimal(25)
        assert study.discount_rate_pct == Decimal(8)
        assert study.initial_capex == Decimal("1200000000")
        assert study.publication_date == date(2024, 3, 5)
        spur = session.exec(select(Project).where(Project.name == "Silver Spur")).one()
        spur_study = session.exec(select(Study).where(Study.project_id == spur.id)).one()
        assert spur_study.after_tax_npv == Decimal("-12000000")
        assert spur_study.after_tax_irr_pct == Decimal("18.7")
        assert spur_study.discount_rate_pct == Decimal(5)
        assert spur_study.initial_capex == Decimal("350000000")
        assert spur_study.publication_date == date(2024, 3, 5)
        assert project_commodity_symbols(session, spur.id or 0) == ["Au", "Ag"]
        listings = session.exec(select(Listing.exchange, Listing.ticker)).all()
        assert set(listings) == {("TSXV", "MOO"), ("TSX", "ABX")}
        assert session.exec(select(func.count()).select_from(ProjectStage)).one() == 3
    assert count(engine, Company) == 2

    again = run_import(Transactions(engine), source, today=date(2025, 6, 1))
    assert again.writes == 0
    assert {row.action for row in again.rows} == {Action.UNCHANGED, Action.SKIP}


def test_an_update_changes_only_what_differs(engine: Engine, tmp_path: Path) -> None:
    path = investor_workbook(tmp_path / "watch.xlsx")
    run_import(Transactions(engine), read_source(path))
    book = load_workbook(path)
    sheet = book["Watchlist"]
    sheet["F4"] = "Canada (BC)"
    book.save(path)
    preview = run_import(Transactions(engine), read_source(path))
    assert [row.row for row in preview.rows if row.action is Action.UPDATE] == [4]
    assert preview.records[("project", "update")] == 1
    with Session(engine) as session:
        davidson = session.exec(select(Project).where(Project.name == "Davidson")).one()
        assert (davidson.country, davidson.region) == ("Canada", "British Columbia")


def test_cancel_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    source = read_source(investor_workbook(tmp_path / "watch.xlsx"))
    calls = {"n": 0}

    def cancel_when_writing() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(CancelledError):
        run_import(Transactions(engine), source, cancelled=cancel_when_writing)
    assert count(engine, Company) == 0 and count(engine, Project) == 0
    seen: list[tuple[str, int, int]] = []
    run_import(Transactions(engine), source, progress=lambda *step: seen.append(step))
    assert seen and all(isinstance(n, int) for _phase, n, _total in seen)
    assert {"checking", "writing"} <= {phase for phase, _n, _total in seen}


def test_checking_progress_only_moves_forward(engine: Engine, tmp_path: Path) -> None:
    source = read_source(investor_workbook(tmp_path / "watch.xlsx"))
    seen: list[tuple[str, int, int]] = []
    run_import(Transactions(engine), source, progress=lambda *step: seen.append(step))
    checking = [(done, total) for phase, done, total in seen if phase == "checking"]
    assert len({total for _done, total in checking}) == 1  # the bar's length never changes
    done = [n for n, _total in checking]
    assert done == sorted(done)
    read_rows = sum(sheet.data_rows for sheet in source.sheets)
    assert read_rows <= done[-1] <= checking[0][1]


def test_a_failure_while_writing_rolls_everything_back(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = read_source(investor_workbook(tmp_path / "watch.xlsx"))

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_status_changes", broken)
    with pytest.raises(OSError, match="disk full"):
        run_import(Transactions(engine), source)
    assert count(engine, Company) == 0 and count(engine, Project) == 0


def test_template_has_headers_example_and_lists_and_imports(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book["Lists"].sheet_state == "hidden"
    projects = book["Projects"]
    assert [c.value for c in projects[1]][:2] == ["Project", "Company"]
    validations = {str(v.sqref): v.formula1 for v in projects.data_validations.dataValidation}
    assert any("Lists!" in formula for formula in validations.values())
    for name in ("Studies", "Deals"):
        assert book[name].data_validations.dataValidation, name
    preview = run_import(Transactions(engine), read_source(path))
    assert preview.problems == []
    assert preview.records[("project", "create")] == 1
    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert study.after_tax_irr_pct == Decimal("24.5")
        assert study.after_tax_npv == Decimal("412500000")


def test_command_line_export_and_import(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    watch = investor_workbook(tmp_path / "watch.xlsx")
    # Row 7 (an unknown commodity) is left out: exit status 1, with a dry run too.
    assert cli_run(["import", str(watch), "--db", str(db_path), "--dry-run"]) == 1
    out = capsys.readouterr()
    assert "Would import" in out.out and "nothing was written" in out.out
    assert "Watchlist!7 [Report date] 'soon'" in out.err
    assert count(engine, Project) == 0
    assert cli_run(["import", str(watch), "--db", str(db_path)]) == 1
    assert "Left out: 1 row; imported in part: 0 rows." in capsys.readouterr().err
    assert count(engine, Project) == 3
    exported = tmp_path / "out.xlsx"
    assert cli_run(["export", str(exported), "--db", str(db_path)]) == 0
    assert "3 projects" in capsys.readouterr().out
    assert cli_run(["import", str(exported), "--db", str(db_path)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_text("no", encoding="utf-8")
    assert cli_run(["import", str(bad), "--db", str(db_path)]) == 1
    assert "not a spreadsheet" in capsys.readouterr().err


def test_share_prices_and_rates_from_an_investors_sheets(engine: Engine, tmp_path: Path) -> None:
    """Prices kept by ticker and rates by pair import into the portfolio's market data, and a
    second import changes nothing."""
    run_import(Transactions(engine), read_source(investor_workbook(tmp_path / "watch.xlsx")))
    book = Workbook()
    prices = book.active
    assert prices is not None
    prices.title = "Prices"
    prices.append(["Ticker", "Date", "Close", "Currency"])
    prices.append(["TSXV:MOO", date(2025, 3, 3), 0.42, "CAD"])
    prices.append(["TSXV:MOO", date(2025, 3, 4), 0.44, "CAD"])
    prices.append(["TSXV:MOO", date(2025, 3, 4), 0.45, "CAD"])  # a corrected close: replaces
    prices.append(["ABX.TO", "2025-03-04", "C$ 1.05", None])
    prices.append(["TSX:NOPE", date(2025, 3, 4), 1, "CAD"])
    rates = book.create_sheet("FX rates")
    rates.append(["Date", "Base", "Quote", "Rate"])
    rates.append([date(2025, 3, 4), "USD", "CAD", 1.4412])
    rates.append([date(2025, 3, 4), "AUD", "AUD", 1])
    path = tmp_path / "market.xlsx"
    book.save(path)
    source = read_source(path)
    assert source.sheet("Prices").mapping.entity is Entity.SHARE_PRICE
    preview = run_import(Transactions(engine), source)
    problems = {(p.sheet, p.row, p.column): p.reason for p in preview.problems}
    assert "no company has this ticker" in problems[("Prices", 6, "Ticker")]
    assert problems[("FX rates", 3, "Quote")] == "is the same currency as the base"
    assert preview.records[("share_price", "create")] == 3
    with Session(engine) as session:
        stored = session.execute(select(col(SharePrice.price_date), col(SharePrice.price))).all()
        assert sorted(stored) == [
            (date(2025, 3, 3), Decimal("0.42")),
            (date(2025, 3, 4), Decimal("0.45")),
            (date(2025, 3, 4), Decimal("1.05")),
        ]
        (rate,) = session.exec(select(FxRate)).all()
        assert (rate.base, rate.quote, rate.rate) == ("USD", "CAD", Decimal("1.4412"))
    assert run_import(Transactions(engine), read_source(path)).writes == 0


def test_a_stage_history_moves_projects_whose_stage_no_row_states(
    engine: Engine, tmp_path: Path
) -> None:
    run_import(
        Transactions(engine), read_source(investor_workbook(tmp_path / "watch.xlsx")), today=TODAY
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Stage history"
    sheet.append(["Project", "Company", "Stage", "Effective date", "Note"])
    sheet.append(["Davidson", "Moon River Moly", "PEA", date(2021, 5, 1), "first PEA"])
    sheet.append(["Davidson", "Moon River Moly", "FS", date(2026, 2, 1), "feasibility"])
    sheet.append(["Davidson", "Moon River Moly", "nowhere", date(2026, 2, 1), None])
    path = tmp_path / "stages.xlsx"
    book.save(path)
    preview = run_import(Transactions(engine), read_source(path))
    assert [(p.row, p.column) for p in preview.problems] == [(4, "Stage")]
    with Session(engine) as session:
        davidson = session.exec(select(Project).where(Project.name == "Davidson")).one()
        assert davidson.stage == "feasibility"
        history = session.exec(
            select(ProjectStage.stage, ProjectStage.note)
            .where(ProjectStage.project_id == davidson.id)
            .order_by(col(ProjectStage.effective_date))
        ).all()
        assert list(history) == [
            ("PEA/scoping", "first PEA"),
            ("pre-feasibility", UNDATED_STAGE),  # the watchlist's stage, given no date
            ("feasibility", "feasibility"),
        ]
    assert run_import(Transactions(engine), read_source(path)).writes == 0


def test_cells_are_checked_with_the_services_rules_and_messages(
    engine: Engine, tmp_path: Path
) -> None:
    """The import refuses what the forms refuse, with the same words."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Studies"
    sheet.append(
        ["Project", "Company", "Type", "After-tax NPV (M)", "Discount rate (%)", "IRR (%)"]
    )
    sheet.append(["Alpha", "Alpha Co", "PFS", 100, 35, 12])
    sheet.append(["Beta", "Alpha Co", "PFS", 100, None, 5000])
    sheet.append(["Gamma", "Alpha Co", "PFS", 100, None, 12])
    path = tmp_path / "studies.xlsx"
    book.save(path)
    preview = run_import(Transactions(engine), read_source(path))
    reasons = {(p.row, p.column): p.reason for p in preview.problems}
    assert reasons[(2, "Discount rate (%)")] == "must be at most 30 %"
    assert reasons[(3, "IRR (%)")] == "must be at most 1000 %"
    # A rate left out is "not stated", not a problem: many watchlists omit it.
    assert sorted(reasons) == [(2, "Discount rate (%)"), (3, "IRR (%)")]
    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert (study.title, study.discount_rate_pct) == ("PFS", None)


def test_a_written_import_lets_go_of_the_cells_and_a_dry_run_keeps_them(
    demo: Engine, tmp_path: Path
) -> None:
    path = export_workbook(demo, tmp_path / "portfolio.xlsx").path
    source = read_source(path)
    grids = [sheet.grid for sheet in source.sheets]
    assert grids and all(isinstance(grid, LazyGrid) for grid in grids)
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    upgrade_to_head(empty, backup=False)
    try:
        planned = run_import(Transactions(empty), source, dry_run=True, today=TODAY)
        assert all(grid.loaded for grid in grids if isinstance(grid, LazyGrid))
        written = run_import(Transactions(empty), source, today=TODAY)
        assert not any(grid.loaded for grid in grids if isinstance(grid, LazyGrid))
        assert written.records == planned.records
        assert count(empty, Project) == count(demo, Project) > 0
        # The same source imported again reads its sheets anew and finds everything in place.
        again = run_import(Transactions(empty), source, today=TODAY)
        assert {row.action for row in again.rows} == {Action.UNCHANGED}
        assert count(empty, Project) == count(demo, Project)
    finally:
        empty.dispose()


def test_a_number_beyond_any_range_is_a_problem_of_its_cell(engine: Engine, tmp_path: Path) -> None:
    """1e308 (a double) and '1e400' (text) once aborted the whole import with InvalidOperation."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Studies"
    sheet.append(["Project", "Company", "Type", "After-tax NPV (M)", "Discount rate (%)"])
    sheet.append(["Alpha", "Alpha Co", "PFS", 1e308, 8])
    sheet.append(["Beta", "Alpha Co", "PFS", "1e400", 8])
    sheet.append(["Gamma", "Alpha Co", "PFS", 250, 8])
    path = tmp_path / "huge.xlsx"
    book.save(path)
    run_import(Transactions(engine), read_source(path), today=TODAY)
    preview = run_import(Transactions(engine), read_source(path), dry_run=True, today=TODAY)
    reasons = {(p.row, p.column): p.reason for p in preview.problems}
    assert reasons[(2, "After-tax NPV (M)")] == "is too large to store"
    assert reasons[(3, "After-tax NPV (M)")] == "is too large to store"
    with Session(engine) as session:
        studies = session.exec(select(Project, Study).join(Study)).all()
        npvs = {project.name: study.after_tax_npv for project, study in studies}
    # Like any other refused cell, the row's study is left out; the rest of the sheet comes in.
    assert npvs == {"Gamma": Decimal("250000000")}


def test_export_keeps_permissions_and_never_replaces_a_read_only_file(
    demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is private; once, every export came out 600 and replaced 444 files."""
    shared = tmp_path / "shared.xlsx"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    export_workbook(demo, shared)
    assert shared.stat().st_mode & 0o777 == 0o640
    assert load_workbook(shared, read_only=True).sheetnames
    fresh = export_workbook(demo, tmp_path / "fresh.xlsx").path
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_current_umask()

    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"keep me")
    locked.chmod(0o444)
    with pytest.raises(WorkbookError) as caught:
        export_workbook(demo, locked)
    assert str(caught.value) == "locked.xlsx is read-only; choose another name, or make it writable"
    assert locked.read_bytes() == b"keep me" and locked.stat().st_mode & 0o777 == 0o444

    def no_room(*_args: object, **_kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tracker.excel.export.tempfile.mkstemp", no_room)
    with pytest.raises(WorkbookError) as caught:
        export_workbook(demo, tmp_path / "new.xlsx")
    assert str(caught.value) == (
        f"cannot write into the folder {tmp_path}: Permission denied; choose another folder"
    )
    assert not (tmp_path / "new.xlsx").exists()


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_records_added_after_importing_our_workbook_get_new_ids(
    demo: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """Our workbook carries ids; on PostgreSQL the id sequences once stayed at 1, and the first
    company added by hand afterwards failed with a duplicate key."""
    from tracker.services.companies import create_company

    path = export_workbook(demo, tmp_path / "portfolio.xlsx").path
    run_import(Transactions(second_engine), read_source(path), today=TODAY)
    with Session(second_engine) as session:
        largest = max(company.id or 0 for company in session.exec(select(Company)).all())
        added = create_company(
            session, Company(name="Added By Hand Ltd.", reporting_currency="CAD")
        )
        session.commit()
        assert added.id is not None and added.id > largest


def test_table_names_that_contradict_the_header_cells_are_refused(
    demo: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """Columns are mapped from the tables' names; a file whose table names were swapped once
    imported with rc 0 and wrote company names into Website."""
    import re
    import zipfile

    path = export_workbook(demo, tmp_path / "portfolio.xlsx").path
    swapped = tmp_path / "swapped.xlsx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(swapped, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.startswith("xl/tables/") and b'name="Website"' in data:
                names = re.findall(rb'<tableColumn id="\d+" name="([^"]+)"', data)
                first = names[0]
                data = data.replace(b'name="Website"', b'name="@@"', 1)
                data = data.replace(b'name="' + first + b'"', b'name="Website"', 1)
                data = data.replace(b'name="@@"', b'name="' + first + b'"', 1)
            out.writestr(item, data)
    source = read_source(swapped)
    with pytest.raises(WorkbookError) as caught:
        run_import(Transactions(second_engine), source, today=TODAY)
    assert str(caught.value).startswith(
        "sheet 'Companies': the header cell of column 1 says 'Company' but its table names "
        "the column 'Website'; the file was changed outside its tables"
    )
    assert count(second_engine, Company) == 0
