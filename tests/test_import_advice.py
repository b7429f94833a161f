"""The fix a problem gets agrees with the mapping: a column the mapping takes by its values is
not advised again, a field a column fills is never proposed, a column of study types is the
study type's (a Stages sheet's stage aside), a column is proposed for one field only, and a
column of plain numbers is no date."""

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine

from cli.import_options import apply_options, map_option
from db.session import Transactions
from tracker.excel.advice import Advisor
from tracker.excel.fields import FIELDS_BY_QUALIFIED
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Problem
from tracker.excel.sheet_rows import SheetChoice
from tracker.excel.source import Source


def sheet_of(path: Path, headers: list[str], *rows: list[object], title: str = "Sheet") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def first_sheet(source: Source) -> SheetChoice:
    return source.sheets[0]


def missing(field: str) -> Problem:
    return Problem("Sheet", 2, "", None, "is required", field=field)


def test_a_column_mapped_by_its_values_is_not_advised_again(engine: Engine, tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Project", "Latest study", "Post-tax NPV (US$M)", "Discount rate (%)"],
        ["Davidson", "PFS", 412.5, 8],
        ["Silver Spur", None, 120, 5],
        ["Casino", "FS", 2300, 8],
    )
    source = read_source(path)
    assert first_sheet(source).mapping.as_dict()["Latest study"] == "study.study_type"
    preview = run_import(Transactions(engine), source, dry_run=True)
    (problem,) = preview.problems
    assert (problem.row, problem.column, problem.field) == (3, "Latest study", "study.study_type")
    assert problem.fix == "fill in the cell, or give the study type a default for its empty cells"


def test_a_field_a_column_fills_is_never_proposed(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Project", "Study type", "Study date", "Filed", "Post-tax NPV (US$M)"],
        ["Davidson", "PFS", date(2024, 3, 5), date(2024, 3, 9), 412.5],
    )
    source = read_source(path)
    sheet = first_sheet(source)
    assert sheet.mapping.as_dict()["Filed"] is None
    advisor = Advisor(sheet)
    assert advisor.lookalike(FIELDS_BY_QUALIFIED["study.publication_date"]) is None
    assert advisor.lookalike(FIELDS_BY_QUALIFIED["study.study_type"]) is None
    source.close()


def test_a_column_of_study_types_is_proposed_for_the_study_type_only(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Project", "Latest report", "Post-tax NPV (US$M)"],
        ["Davidson", "Pre-feasibility", 100],
        ["Silver Spur", "PEA", 50],
    )
    source = read_source(path)
    apply_options(source, columns=[map_option("Latest report=ignore")])
    advisor = Advisor(first_sheet(source))
    # "PEA" is a stage too, but on a sheet of studies the column is the study type's.
    assert advisor.fix(missing("project.stage")) == (
        "no column gives the project stage: map one to it, or give the project stage a default"
    )
    assert advisor.fix(missing("study.study_type")) == (
        "column 'Latest report' looks like the study type: map it"
    )
    source.close()


def test_on_a_stages_sheet_a_column_of_pfs_and_fs_is_the_stage(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "stages.xlsx",
        ["Project", "Reached", "Effective date"],
        ["Davidson", "PFS", date(2024, 3, 5)],
        ["Davidson", "FS", date(2025, 3, 5)],
        title="Stage history",
    )
    source = read_source(path)
    sheet = first_sheet(source)
    assert sheet.mapping.as_dict()["Reached"] is None
    advisor = Advisor(sheet)
    assert advisor.fix(missing("project_stage.stage")) == (
        "column 'Reached' looks like the project stage stage: map it"
    )
    source.close()


def test_a_column_is_proposed_for_one_field_only(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "deals.xlsx",
        ["Deal", "Project", "Signed"],
        ["Davidson option", "Davidson", date(2024, 1, 15)],
        title="Deals",
    )
    source = read_source(path)
    sheet = first_sheet(source)
    assert sheet.mapping.as_dict()["Signed"] is None
    advisor = Advisor(sheet)
    assert advisor.lookalike(FIELDS_BY_QUALIFIED["deal.announced_date"]) == "Signed"
    assert advisor.lookalike(FIELDS_BY_QUALIFIED["deal.closed_date"]) is None
    source.close()


def test_a_column_of_plain_numbers_is_no_date(engine: Engine, tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "events.xlsx",
        ["Project", "Kind", "Title", "Holes"],
        ["Davidson", "drill result", "Hole 12", 12],
        ["Davidson", "drill result", "Hole 14", 14],
        title="Events",
    )
    source = read_source(path)
    preview = run_import(Transactions(engine), source, dry_run=True)
    fixes = {problem.fix for problem in preview.problems if problem.field == "event.event_date"}
    assert fixes == {
        "no column gives the event date: map one to it, or give the event date a default"
    }
