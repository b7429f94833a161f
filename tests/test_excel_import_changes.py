"""An investor's sheet only adds and updates what it names; studies match by project, type and
date; an import is undone and redone exactly, every table compared."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from db.session import Transactions, transaction
from tests.domain_factories import add_company, add_project
from tracker.excel.importer import read_source, run_import
from tracker.models import Company, Project, ProjectStage, Study
from tracker.services.commodities import project_commodity_symbols
from tracker.services.companies import ListingSpec
from tracker.services.projects import owners_of, set_tags, tags_of
from tracker.services.studies import create_study

TODAY = date(2025, 1, 1)
HEADERS = [
    "Company",
    "Ticker",
    "Project name",
    "Country",
    "Commodities",
    "Stage",
    "Study type",
    "Study date",
    "Post-tax NPV (US$M)",
    "IRR (%)",
    "Initial capex (US$M)",
    "Discount rate (%)",
]

Contents = dict[str, list[tuple[Any, ...]]]


def contents(engine: Engine) -> Contents:
    """Every row of every table, in key order: what the user stored. Two things are left
    out because undo must not take them back: the change log, which keeps the history of what
    was done (the import included), and each record's version, which only moves forward so
    that a form holding an older copy is still told that the record changed."""
    found: Contents = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "change_log":
                continue
            order = list(table.primary_key.columns)
            shown = [column for column in table.columns if column.name != "version"]
            found[table.name] = [
                tuple(r) for r in connection.execute(core_select(*shown).order_by(*order))
            ]
    return found


def watchlist(path: Path, *rows: list[object], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def casino(engine: Engine) -> Engine:
    """Casino: Cu, Au, Mo, Ag; two owners; tagged; a dated FS with its NPV, IRR and capex."""
    with transaction(engine) as session:
        western = add_company(session, "Western Copper", [ListingSpec("TSX", "WRN")])
        partner = add_company(session, "Partner Metals")
        casino = add_project(
            session,
            "Casino",
            [(western, "80", True), (partner, "20", False)],
            ["Cu", "Au", "Mo", "Ag"],
            stage=("feasibility", date(2022, 6, 1)),
            country="Canada",
            region="Yukon",
        )
        set_tags(session, casino.id or 0, ["yukon", "porphyry"])
        create_study(
            session,
            Study(
                project_id=casino.id or 0,
                study_type="FS",
                title="Casino Feasibility Study 2022",
                publication_date=date(2022, 6, 13),
                after_tax_npv=Decimal("2300000000"),
                after_tax_irr_pct=Decimal("18.1"),
                initial_capex=Decimal("3600000000"),
                currency="USD",
                discount_rate_pct=Decimal(8),
            ),
        )
    return engine


def casino_row(**changed: object) -> list[object]:
    values: dict[str, object] = {
        "Company": "Western Copper",
        "Ticker": "TSX:WRN",
        "Project name": "Casino",
        "Country": "Canada",
        "Commodities": "Cu/Au/Mo",
        "Stage": "feasibility",
        "Study type": "FS",
        "Study date": datetime(2022, 6, 13),
        "Post-tax NPV (US$M)": 2300,
        "IRR (%)": None,
        "Initial capex (US$M)": 3600,
        "Discount rate (%)": 8,
    }
    values.update(changed)
    return [values[h] for h in HEADERS]


def studies(engine: Engine) -> list[Study]:
    with Session(engine) as session:
        return list(session.exec(select(Study).order_by(col(Study.id))))


def casino_project(session: Session) -> Project:
    return session.exec(select(Project).where(Project.name == "Casino")).one()


def test_an_investor_sheet_never_removes_what_it_does_not_mention(
    casino: Engine, tmp_path: Path
) -> None:
    before = contents(casino)
    path = watchlist(tmp_path / "watch.xlsx", casino_row())
    preview = run_import(Transactions(casino), read_source(path), today=TODAY)
    assert preview.writes == 0, "Cu/Au/Mo names no change to a project with Cu, Au, Mo, Ag"
    assert contents(casino) == before

    # A blank region, an empty IRR cell and a list without Ag: all keep what is stored; a
    # new commodity goes first when the sheet puts it first.
    row = casino_row(**{"Commodities": "Zn, Cu", "Initial capex (US$M)": 3700})
    path = watchlist(tmp_path / "watch2.xlsx", row)
    run_import(Transactions(casino), read_source(path), today=TODAY)
    with Session(casino) as session:
        project = casino_project(session)
        assert project_commodity_symbols(session, project.id or 0) == ["Zn", "Cu", "Au", "Mo", "Ag"]
        assert project.region == "Yukon"
        assert sorted(tags_of(session, project.id or 0)) == ["porphyry", "yukon"]
        assert [(o.interest_pct, o.is_operator) for o in owners_of(session, project.id or 0)] == [
            (Decimal(80), True),
            (Decimal(20), False),
        ]
    (study,) = studies(casino)
    assert study.initial_capex == Decimal("3700000000")
    assert study.after_tax_irr_pct == Decimal("18.1"), "an empty cell states nothing"
    assert study.title == "Casino Feasibility Study 2022"


def test_a_study_matches_by_project_type_and_date(casino: Engine, tmp_path: Path) -> None:
    dated = casino_row(**{"Post-tax NPV (US$M)": 2500})
    run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "a.xlsx", dated)), today=TODAY
    )
    (study,) = studies(casino)
    assert study.after_tax_npv == Decimal("2500000000")

    # Another date is another study: the 2024 update, titled by its type.
    later = casino_row(**{"Study date": datetime(2024, 3, 1), "Post-tax NPV (US$M)": 2900})
    run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "b.xlsx", later)), today=TODAY
    )
    first, second = studies(casino)
    assert (first.after_tax_npv, first.publication_date) == (
        Decimal("2500000000"),
        date(2022, 6, 13),
    )
    assert second.publication_date == date(2024, 3, 1)
    assert (second.title, second.after_tax_npv) == ("FS", Decimal("2900000000"))


def test_an_undated_row_matches_the_one_study_of_its_type(casino: Engine, tmp_path: Path) -> None:
    undated = casino_row(**{"Study date": None, "IRR (%)": 19})
    preview = run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "a.xlsx", undated)), today=TODAY
    )
    assert preview.records[("study", "update")] == 1
    assert "study" not in {entity for entity, action in preview.records if action == "create"}
    (study,) = studies(casino)
    assert study.after_tax_irr_pct == Decimal(19)
    assert study.publication_date == date(2022, 6, 13)

    # The same row again changes nothing and still makes no second FS.
    again = run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "a.xlsx", undated)), today=TODAY
    )
    assert again.writes == 0 and len(studies(casino)) == 1


def test_an_undated_row_that_fits_two_studies_is_a_problem_and_writes_nothing(
    casino: Engine, tmp_path: Path
) -> None:
    later = casino_row(**{"Study date": datetime(2024, 3, 1)})
    run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "a.xlsx", later)), today=TODAY
    )
    before = contents(casino)
    undated = casino_row(**{"Study date": None, "IRR (%)": 19})
    preview = run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "b.xlsx", undated)), today=TODAY
    )
    (problem,) = preview.problems
    assert (problem.row, problem.column, problem.value) == (2, "Study type", "FS")
    assert "2 FS studies" in problem.reason and "study date" in problem.reason
    assert contents(casino) == before


def test_a_study_saved_undated_takes_the_date_the_sheet_gives(
    engine: Engine, tmp_path: Path
) -> None:
    first = casino_row(**{"Study date": None})
    run_import(
        Transactions(engine), read_source(watchlist(tmp_path / "a.xlsx", first)), today=TODAY
    )
    (study,) = studies(engine)
    assert study.publication_date is None
    dated = casino_row(**{"Study date": datetime(2022, 6, 13)})
    run_import(
        Transactions(engine), read_source(watchlist(tmp_path / "b.xlsx", dated)), today=TODAY
    )
    (study,) = studies(engine)
    assert study.publication_date == date(2022, 6, 13)


def test_two_rows_for_one_new_study_make_one_study(engine: Engine, tmp_path: Path) -> None:
    path = watchlist(
        tmp_path / "a.xlsx",
        casino_row(**{"Study date": None, "IRR (%)": 18}),
        casino_row(**{"Study date": None, "IRR (%)": None, "Initial capex (US$M)": 3700}),
    )
    run_import(Transactions(engine), read_source(path), today=TODAY)
    (study,) = studies(engine)
    assert (study.after_tax_irr_pct, study.initial_capex) == (Decimal(18), Decimal("3700000000"))


def test_an_import_is_undone_and_redone_exactly(casino: Engine, tmp_path: Path) -> None:
    before = contents(casino)
    path = watchlist(
        tmp_path / "watch.xlsx",
        casino_row(**{"Commodities": "Zn, Cu", "Stage": "construction", "IRR (%)": 21}),
        ["New Gold Co", "TSXV:NGC", "Alpha", "Chile", "Au", "PEA", "PEA", datetime(2024, 5, 1),
         100, 20, 50, 5],
        ["Partner Metals", "ASX:PML", "Beta", "Peru", "Cu", "PFS", "PFS", None, 300, 15, 90, 8],
    )  # fmt: skip
    preview = run_import(Transactions(casino), read_source(path), today=TODAY)
    assert preview.written is not None and not preview.problems
    after = contents(casino)
    assert after != before
    assert len(after["project"]) == 3 and len(after["study"]) == 3

    with transaction(casino) as session:
        preview.written.undo(session)
    assert contents(casino) == before

    with transaction(casino) as session:
        preview.written.redo(session)
    assert contents(casino) == after

    with transaction(casino) as session:
        preview.written.undo(session)
    assert contents(casino) == before
    with Session(casino) as session:
        assert session.exec(select(Company).where(Company.name == "New Gold Co")).first() is None
        stages = session.exec(select(ProjectStage)).all()
        assert [(s.stage, s.effective_date) for s in stages] == [("feasibility", date(2022, 6, 1))]


def test_our_own_workbook_is_undone_exactly(demo: Engine, tmp_path: Path) -> None:
    from tracker.excel.export import export_workbook

    path = tmp_path / "ours.xlsx"
    export_workbook(demo, path)
    with transaction(demo) as session:
        from sqlalchemy import delete

        from tracker.models import ProjectCommodity

        session.execute(delete(ProjectCommodity))  # the workbook puts every commodity back
        session.execute(delete(Study).where(col(Study.id) <= 2))
    before = contents(demo)
    preview = run_import(Transactions(demo), read_source(path), today=TODAY)
    assert preview.written is not None and preview.written.rows > 0
    after = contents(demo)
    assert after != before
    with transaction(demo) as session:
        preview.written.undo(session)
    assert contents(demo) == before
    with transaction(demo) as session:
        preview.written.redo(session)
    assert contents(demo) == after


def test_the_preview_shows_every_update_field_by_field(casino: Engine, tmp_path: Path) -> None:
    row = casino_row(
        **{
            "Country": "USA",
            "Commodities": "Zn, Cu",
            "Stage": "construction",
            "IRR (%)": 20,
            "Post-tax NPV (US$M)": 2500,
        }
    )
    path = watchlist(tmp_path / "watch.xlsx", row)
    preview = run_import(Transactions(casino), read_source(path), dry_run=True, today=TODAY)
    shown = {
        (u.entity, u.label): {c.field: (c.old, c.new) for c in u.fields} for u in preview.updates
    }
    assert shown == {
        ("project", "Casino"): {
            "Country": ("Canada", "United States"),
            "Stage": ("feasibility", "construction"),
            "Commodities": ("Cu, Au, Mo, Ag", "Zn, Cu, Au, Mo, Ag"),
            "Stage history": (
                "",
                "+ construction from 2025-01-01 (dated the day of the import: the sheet gave "
                "no stage date)",
            ),
        },
        ("study", "Casino Feasibility Study 2022 (Casino)"): {
            "After-tax IRR (%)": ("18.1 %", "20.0 %"),
            "After-tax NPV (M)": ("USD 2,300.0 M", "USD 2,500.0 M"),
        },
    }
    assert preview.removals == [], "an investor's sheet removes nothing"
    with Session(casino) as session:
        assert casino_project(session).country == "Canada", "a preview writes nothing"


def test_the_counts_of_the_preview_and_of_the_result_agree(casino: Engine, tmp_path: Path) -> None:
    path = watchlist(
        tmp_path / "watch.xlsx",
        casino_row(**{"IRR (%)": 20, "Country": "USA"}),
        ["New Gold Co", "TSXV:NGC", "Alpha", "Chile", "Au", "PEA", "PEA", datetime(2024, 5, 1),
         100, 20, 50, 5],
    )  # fmt: skip
    planned = run_import(Transactions(casino), read_source(path), dry_run=True, today=TODAY)
    written = run_import(Transactions(casino), read_source(path), today=TODAY)
    assert planned.records == written.records
    assert {k: v for k, v in written.records.items() if k[1] != "unchanged"} == {
        ("company", "create"): 1,
        ("project", "create"): 1,
        ("study", "create"): 1,
        ("project", "update"): 1,
        ("study", "update"): 1,
    }
    assert planned.records_summary() == (
        "1 company, 1 project and 1 study to create, 1 project and 1 study to update"
    )
    assert written.records_summary(done=True) == (
        "1 company, 1 project and 1 study created, 1 project and 1 study updated"
    )
    updated = {(u.entity, "update") for u in written.updates}
    assert updated == {k for k in written.records if k[1] == "update"}
    assert [str(u) for u in planned.updates] == [str(u) for u in written.updates]


def test_a_stage_is_dated_by_the_sheet_when_it_gives_the_date(
    engine: Engine, tmp_path: Path
) -> None:
    headers = [*HEADERS, "Stage date"]
    row = [*casino_row(**{"Stage": "construction"}), datetime(2024, 9, 30)]
    run_import(
        Transactions(engine), read_source(watchlist(tmp_path / "a.xlsx", row, headers=headers))
    )
    with Session(engine) as session:
        (stage,) = session.exec(select(ProjectStage)).all()
        assert (stage.stage, stage.effective_date, stage.note) == (
            "construction",
            date(2024, 9, 30),
            None,
        )


def test_the_command_line_dry_run_prints_each_update(
    casino: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli import run as cli_run

    if casino.dialect.name != "sqlite":
        pytest.skip("the command line opens the SQLite file")
    path = watchlist(tmp_path / "watch.xlsx", casino_row(**{"IRR (%)": 20}))
    assert cli_run(["import", str(path), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "records: 1 study to update" in out
    assert "  update study Casino Feasibility Study 2022 (Casino):\n" in out
    assert "    After-tax IRR (%): 18.1 % → 20.0 %\n" in out
    (study,) = studies(casino)
    assert study.after_tax_irr_pct == Decimal("18.1")


def _edit_projects_sheet(path: Path, header: str, value: object) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Projects"]
    headers = [cell.value for cell in sheet[1]]
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(r, headers.index("Project") + 1).value == "Casino"
    )
    sheet.cell(row, headers.index(header) + 1).value = value
    book.save(path)


def test_our_own_workbook_may_remove_and_the_preview_lists_each_removal(
    casino: Engine, tmp_path: Path
) -> None:
    from tracker.excel.export import export_workbook

    path = tmp_path / "ours.xlsx"
    export_workbook(casino, path)
    _edit_projects_sheet(path, "Commodities", "Cu-Au")
    _edit_projects_sheet(path, "Region", None)
    source = read_source(path)
    assert source.ours
    preview = run_import(Transactions(casino), source, today=TODAY)
    assert [str(r) for r in preview.removals] == [
        "project Casino: Region Yukon removed",
        "project Casino: commodity Mo removed",
        "project Casino: commodity Ag removed",
    ]
    assert "1 project updated, 3 removals made" in preview.summary(done=True)
    with Session(casino) as session:
        project = casino_project(session)
        assert project_commodity_symbols(session, project.id or 0) == ["Cu", "Au"]
        assert project.region is None


def test_a_look_alike_of_our_workbook_is_an_investors_sheet(casino: Engine, tmp_path: Path) -> None:
    path = watchlist(tmp_path / "watch.xlsx", casino_row(**{"Commodities": "Cu"}))
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.create_sheet("Summary", 0).append(["Mining Project Tracker portfolio (my copy)"])
    book.save(path)
    source = read_source(path)
    assert not source.ours
    preview = run_import(Transactions(casino), source, today=TODAY)
    assert preview.removals == [] and preview.writes == 0


@pytest.mark.parametrize("header", ["Latest study date", "Date of study", "Report date"])
def test_an_imported_study_is_dated_by_its_date_column(
    engine: Engine, tmp_path: Path, header: str
) -> None:
    headers = [header if h == "Study date" else h for h in HEADERS]
    path = watchlist(tmp_path / "a.xlsx", casino_row(), headers=headers)
    run_import(Transactions(engine), read_source(path), today=TODAY)
    (study,) = studies(engine)
    assert (study.study_type, study.publication_date) == ("FS", date(2022, 6, 13))


def test_a_row_naming_a_study_by_its_effective_date_matches_it(
    casino: Engine, tmp_path: Path
) -> None:
    with transaction(casino) as session:
        (study,) = session.exec(select(Study)).all()
        study.effective_date = date(2022, 5, 1)
    headers = ["Effective date" if h == "Study date" else h for h in HEADERS]
    row = casino_row(**{"Study date": datetime(2022, 5, 1), "IRR (%)": 19})
    run_import(
        Transactions(casino), read_source(watchlist(tmp_path / "a.xlsx", row, headers=headers))
    )
    (study,) = studies(casino)
    assert (study.after_tax_irr_pct, study.publication_date) == (Decimal(19), date(2022, 6, 13))
