"""What a row gives that is valid is imported: a problem with its study leaves out the study
only; a problem with its project or company leaves out the row. Each problem says where it is,
what the cell holds, and how to fix it."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from cli.import_options import apply_options, map_option
from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Action
from tracker.models import Company, Listing, Project, Study
from tracker.services.commodities import project_commodity_symbols

HEADERS = ["Company", "Ticker", "Project", "Commodities", "Study", "Study date", "NPV (US$M)",
           "Discount rate", "IRR", "Country"]  # fmt: skip


def sheet_of(path: Path, *rows: list[object], title: str = "Watchlist") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(HEADERS if title == "Watchlist" else rows[0])
    for row in rows if title == "Watchlist" else rows[1:]:
        sheet.append(row)
    book.save(path)
    return path


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_bad_study_leaves_out_the_study_and_keeps_its_project_and_company(
    engine: Engine, tmp_path: Path
) -> None:
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Moon River", "TSXV:MOO", "Davidson", "Mo", "PFS", datetime(2024, 3, 5), 412.5, 8, 25,
         "Canada"],
        ["Argentum", "TSX:ARG", "Silver Spur", "Ag", "PEA", "soon", "lots", 8, 30, "Argentina"],
        ["Cobre", "TSXV:COB", "El Alto", "Cu", None, None, 120, 8, 18, "Chile"],
    )  # fmt: skip
    source = read_source(path)
    preview = run_import(Transactions(engine), source, dry_run=True)
    assert [(row.row, row.label, row.action) for row in preview.rows] == [
        (2, "Study PFS (Davidson)", Action.CREATE),
        (3, "Project Silver Spur; its study left out", Action.CREATE),
        (4, "Project El Alto; its study left out", Action.CREATE),
    ]
    assert preview.partial_rows == 2 and not preview.complete
    assert preview.summary() == (
        "3 rows to create, 0 rows to update, 0 unchanged, 0 rows to skip; 2 rows to import in "
        "part; records: 3 companies, 3 projects and 1 study to create; 3 problems"
    )
    assert [str(problem) for problem in preview.problems] == [
        "Watchlist!3 [Study date] 'soon': is not a date (write e.g. 2024-03-05). Fix: correct "
        "the cell as the problem says, or leave it empty",
        "Watchlist!3 [NPV (US$M)] 'lots': is not a number. Fix: write an amount such as "
        "412.5 or US$ 1.2 B, or leave the cell empty",
        "Watchlist!4 [Study] (empty): is required to import the study's figures. Fix: fill in "
        "the cell, or give the study type a default for its empty cells",
    ]
    assert count(engine, Project) == 0, "a preview writes nothing"

    run_import(Transactions(engine), read_source(path))
    with Session(engine) as session:
        projects = {p.name: p for p in session.exec(select(Project)).all()}
        assert sorted(projects) == ["Davidson", "El Alto", "Silver Spur"]
        spur = projects["Silver Spur"]
        assert project_commodity_symbols(session, spur.id or 0) == ["Ag"]
        assert spur.country == "Argentina", "the project's own columns went in"
        names = sorted(session.exec(select(Company.name)).all())
        assert names == ["Argentum", "Cobre", "Moon River"]
        assert len(session.exec(select(Listing)).all()) == 3
        study = session.exec(select(Study)).one()
        assert (study.project_id, study.after_tax_npv) == (
            projects["Davidson"].id,
            Decimal("412500000"),
        )


def test_a_bad_project_still_leaves_out_the_whole_row(engine: Engine, tmp_path: Path) -> None:
    """The company and the study lean on the project: none of the row goes in."""
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Moon River", "TSXV:MOO", "Davidson", "Unobtainium", "PFS", datetime(2024, 3, 5), 412.5,
         8, 25, None],
    )  # fmt: skip
    preview = run_import(Transactions(engine), read_source(path))
    assert [row.action for row in preview.rows] == [Action.SKIP]
    assert preview.partial_rows == 0 and not preview.complete
    (problem,) = preview.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Watchlist",
        2,
        "Commodities",
        "Unobtainium",
    )
    assert problem.fix == (
        "write names or symbols such as Cu, Au or 'Copper, Gold', or leave the cell empty"
    )
    for model in (Company, Project, Study, Listing):
        assert count(engine, model) == 0, model.__name__


def test_a_study_sheet_row_with_a_bad_type_changes_nothing_of_its_known_project(
    engine: Engine, tmp_path: Path
) -> None:
    projects = sheet_of(
        tmp_path / "projects.xlsx",
        ["Moon River", "TSXV:MOO", "Davidson", "Mo", None, None, None, None, None, None],
    )
    run_import(Transactions(engine), read_source(projects))
    path = sheet_of(
        tmp_path / "studies.xlsx",
        ["Project", "Company", "Type", "After-tax NPV (M)", "Discount rate (%)"],
        ["Davidson", "Moon River", "Bankable-ish", 100, 8],
        title="Studies",
    )
    preview = run_import(Transactions(engine), read_source(path))
    assert [(row.label, row.action) for row in preview.rows] == [
        ("Project Davidson; its study left out", Action.UNCHANGED)
    ]
    (problem,) = preview.problems
    assert problem.column == "Type" and problem.value == "Bankable-ish"
    assert problem.reason.startswith("must be one of")
    assert problem.fix.startswith("write one of the values listed")
    assert preview.writes == 0
    assert count(engine, Study) == 0 and count(engine, Project) == 1


def test_an_ignored_column_that_holds_study_types_is_named_in_the_fix(
    engine: Engine, tmp_path: Path
) -> None:
    path = sheet_of(
        tmp_path / "studies.xlsx",
        ["Project", "Latest report", "After-tax NPV (M)", "Discount rate (%)"],
        ["Davidson", "Pre-feasibility", 100, 8],
        ["Silver Spur", "PEA", 50, 5],
        title="Economics",
    )
    source = read_source(path)
    # Unmapped, the column is read as the study type by its values; left out by hand, the
    # problems say what it looks like.
    by_values = {c.index: c.field for c in source.sheets[0].mapping.columns}[1]
    assert by_values is not None and by_values.qualified == "study.study_type"
    apply_options(source, columns=[map_option("Latest report=ignore")])
    assert all(c.field is None for c in source.sheets[0].mapping.columns if c.index == 1)
    preview = run_import(Transactions(engine), source)
    assert {p.fix for p in preview.problems} == {
        "column 'Latest report' looks like the study type: map it"
    }
    assert [p.row for p in preview.problems] == [2, 3]
    assert count(engine, Project) == 2 and count(engine, Study) == 0
