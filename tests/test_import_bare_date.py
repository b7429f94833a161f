"""A column headed just "Date" is read from the sheet's context: the study date on a sheet of
studies, the announced date in a deal log, the sheet's own records' date on a sheet named for
them; otherwise it is left out and the problem names the column and what to map it to."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from cli import EXIT_OK, EXIT_REFUSED, run
from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.models import Deal, Event, Project, Study

TODAY = date(2025, 1, 1)


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


def mapped(path: Path) -> dict[str, str | None]:
    source = read_source(path)
    try:
        return source.sheets[0].mapping.as_dict()
    finally:
        source.close()


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_beside_study_columns_it_is_the_study_date(engine: Engine, tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "watch.xlsx",
        ["Company", "Project", "Latest study", "Date", "Post-tax NPV (US$M)"],
        ["Moon River Moly", "Davidson", "PFS", date(2024, 3, 5), 412.5],
        ["Argentum Ridge", "Silver Spur", "PEA", date(2023, 6, 1), 120],
    )
    assert mapped(path)["Date"] == "study.publication_date"
    assert mapped(path)["Company"] == "company.name"  # not an event's company
    preview = run_import(Transactions(engine), read_source(path), today=TODAY)
    assert not preview.problems and preview.complete
    with Session(engine) as session:
        query = select(col(Project.name), col(Study.study_type), col(Study.publication_date))
        found = session.exec(query.where(col(Study.project_id) == col(Project.id))).all()
    assert sorted(found) == [
        ("Davidson", "PFS", date(2024, 3, 5)),
        ("Silver Spur", "PEA/scoping", date(2023, 6, 1)),
    ]
    assert count(engine, Event) == 0


def test_in_a_deal_log_it_is_the_date_the_deal_was_announced(
    engine: Engine, tmp_path: Path
) -> None:
    path = sheet_of(
        tmp_path / "deals.xlsx",
        ["Date", "Deal", "Buyer", "Project", "Deal type", "Status", "Consideration (US$M)"],
        [date(2024, 1, 15), "Davidson option", "Big Miner", "Davidson", "option", "closed", 10],
        [
            date(2024, 2, 1),
            "Spur sale",
            "Other Miner",
            "Silver Spur",
            "acquisition",
            "proposed",
            20,
        ],
    )
    assert mapped(path)["Date"] == "deal.announced_date"
    preview = run_import(Transactions(engine), read_source(path), today=TODAY)
    assert not preview.problems and preview.complete
    with Session(engine) as session:
        found = session.exec(select(col(Deal.title), col(Deal.announced_date))).all()
    assert sorted(found) == [
        ("Davidson option", date(2024, 1, 15)),
        ("Spur sale", date(2024, 2, 1)),
    ]


def test_a_sheet_named_for_its_records_keeps_their_date(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "events.xlsx",
        ["Date", "Project", "Kind", "Title"],
        [date(2024, 1, 15), "Davidson", "drill result", "Hole 12"],
        title="Events",
    )
    assert mapped(path)["Date"] == "event.event_date"


def test_when_the_sheet_does_not_say_whose_date_it_is_the_problem_names_the_column(
    engine: Engine,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = sheet_of(
        tmp_path / "projects.xlsx",
        ["Company", "Project", "Country", "Date"],
        ["Moon River Moly", "Davidson", "Canada", date(2024, 3, 5)],
        ["Argentum Ridge", "Silver Spur", "Canada", None],
    )
    assert mapped(path)["Date"] is None
    preview = run_import(Transactions(engine), read_source(path), dry_run=True, today=TODAY)
    (problem,) = preview.problems
    assert (problem.sheet, problem.row, problem.column) == ("Sheet", 0, "Date")
    assert problem.reason == "was left out: the sheet does not say whose date it is"
    assert problem.fix == (
        "map column 'Date' to the date it is ('study published', 'deal announced', "
        "'event date', 'transaction date') and import again"
    )
    assert preview.partial_rows == 1, "only Davidson's row had a date to leave out"

    assert run(["--db", str(db_path), "import", str(path)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "Sheet [Date] (empty): was left out: the sheet does not say whose date it is" in err
    assert "imported in part: 1 row" in err
    assert count(engine, Project) == 2 and count(engine, Event) == 0  # nothing invented

    capsys.readouterr()
    code = run(["--db", str(db_path), "import", str(path), "--map", "Date=event date"])
    assert code == EXIT_REFUSED  # an event needs its kind: the date is read as asked
    assert "[Kind (no column)]" in capsys.readouterr().err


def test_a_study_date_column_beside_it_leaves_it_to_be_asked(tmp_path: Path) -> None:
    path = sheet_of(
        tmp_path / "two.xlsx",
        ["Project", "Study type", "Study date", "Date", "Post-tax NPV (US$M)"],
        ["Davidson", "PFS", date(2024, 3, 5), date(2024, 4, 1), 412.5],
    )
    assert mapped(path)["Study date"] == "study.publication_date"
    assert mapped(path)["Date"] is None


def test_the_command_line_map_wins(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet_of(
        tmp_path / "projects.xlsx",
        ["Project", "Study type", "Date", "Post-tax NPV (US$M)", "Deal", "Deal type"],
        ["Davidson", "PFS", date(2024, 3, 5), 412.5, "Davidson option", "option"],
    )
    assert mapped(path)["Date"] is None  # a study's and a deal's columns: it could be either
    code = run(["--db", str(db_path), "import", str(path), "--map", "Date=study published",
                "--map", "Deal=ignore", "--map", "Deal type=ignore"])  # fmt: skip
    assert code == EXIT_OK, capsys.readouterr().err
    with Session(engine) as session:
        assert session.exec(select(col(Study.publication_date))).all() == [date(2024, 3, 5)]
