"""The workbook's ID columns (#16 item 10): records that share natural keys keep their identity
through an export and an import, into an empty database and into their own source.

Compared cell by cell, every sheet (Summary and Exposure too): nothing is ignored.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session, col

from bench.bench_roundtrip import compare, workbook_cells
from bench.generate import generate
from db.session import Transactions, transaction
from tests.test_excel_roundtrip import dump
from tracker.excel.export import export_workbook
from tracker.excel.fields import SHEETS
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Preview
from tracker.exchanges import canonical_exchange
from tracker.models import (
    Company,
    Deal,
    Event,
    Holding,
    HoldingTransaction,
    Listing,
    Project,
    ProjectStage,
)
from tracker.services import companies, deals, events, holdings, projects

TODAY = date(2026, 4, 1)
#: Generated projects: enough for every kind of row, few enough to stay quick.
PROJECTS = 150


def import_into(engine: Engine, path: Path, *, dry_run: bool = False) -> Preview:
    preview = run_import(Transactions(engine), read_source(path), dry_run=dry_run, today=TODAY)
    assert preview.problems == []
    return preview


def changed(preview: Preview) -> dict[tuple[str, str], int]:
    """What an import created or updated, by entity (unchanged records left out)."""
    return {key: n for key, n in preview.records.items() if key[1] != "unchanged" and n}


def add_twins(session: Session) -> tuple[int, int]:
    """Two projects "Twin Creek" of one company, told apart by their country only, each with
    its own stage history and a deal of the same title and day; two identical events; and two
    holdings of the company in one currency, each with its own buy. Returns the twins' ids."""
    owner = companies.create_company(
        session,
        Company(name="Twin Holdings Corp."),
        [companies.ListingSpec("nyse american", "pli")],
    )
    assert owner.id is not None
    twins = []
    for country, stages in (
        (
            "Canada",
            [("grassroots exploration", date(2019, 3, 1)), ("PEA/scoping", date(2022, 5, 2))],
        ),
        ("Peru", [("advanced exploration", date(2021, 7, 9))]),
    ):
        made = projects.create_project(
            session,
            Project(name="Twin Creek", country=country),
            owners=[projects.OwnerShare(owner.id, Decimal(100), True)],
            commodities=["Au"],
        )
        assert made.id is not None
        for stage, day in stages:
            projects.record_stage(session, made.id, projects.StageEntry(stage, day))
        deals.create_deal(
            session,
            Deal(
                title="Twin Creek option",
                deal_type="option/earn-in",
                status="LOI signed",
                project_id=made.id,
                acquirer_id=owner.id,
                interest_pct=Decimal(51) if country == "Canada" else Decimal(70),
                announced_date=date(2024, 6, 1),
            ),
        )
        twins.append(made.id)
    for _ in range(2):
        events.create_event(
            session,
            Event(
                event_date=date(2025, 1, 8),
                kind="drill result",
                title="Assays",
                project_id=twins[1],
            ),
        )
    for notes, shares in (("first account", Decimal(1000)), ("second account", Decimal(250))):
        holdings.create_holding(
            session,
            Holding(company_id=owner.id, currency="CAD", notes=notes),
            shares,
            Decimal("1.25"),
            date(2025, 2, 3),
        )
    return twins[0], twins[1]


def shares_by_holding(engine: Engine) -> dict[str, Decimal]:
    """The shares bought in each of the twin holdings, by their notes."""
    with Session(engine) as session:
        rows = session.execute(
            select(col(Holding.notes), col(HoldingTransaction.shares)).join(
                HoldingTransaction, col(HoldingTransaction.holding_id) == col(Holding.id)
            )
        ).all()
    return {str(notes): shares for notes, shares in rows if notes and "account" in notes}


def deals_by_country(engine: Engine) -> dict[str, Decimal | None]:
    """Each Twin Creek's deal interest, by the project's country."""
    with Session(engine) as session:
        rows = session.execute(
            select(col(Project.country), col(Deal.interest_pct))
            .join(Deal, col(Deal.project_id) == col(Project.id))
            .where(col(Project.name) == "Twin Creek")
        ).all()
    assert len(rows) == 2
    return {str(country): interest for country, interest in rows}


def stages_by_country(engine: Engine) -> dict[str, list[tuple[str, date]]]:
    with Session(engine) as session:
        rows = session.execute(
            select(col(Project.country), col(ProjectStage.stage), col(ProjectStage.effective_date))
            .join(ProjectStage, col(ProjectStage.project_id) == col(Project.id))
            .where(col(Project.name) == "Twin Creek")
            .order_by(col(ProjectStage.effective_date))
        ).all()
    found: dict[str, list[tuple[str, date]]] = {}
    for country, stage, day in rows:
        found.setdefault(str(country), []).append((stage, day))
    return found


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def generated(engine: Engine) -> Engine:
    """A generated portfolio with the twins added."""
    generate(engine, PROJECTS, seed=1)
    with transaction(engine) as session:
        add_twins(session)
    return engine


def test_generated_database_exports_imports_into_an_empty_one_and_exports_the_same_cells(
    generated: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    export_workbook(generated, one, today=TODAY)
    import_into(second_engine, one)
    export_workbook(second_engine, two, today=TODAY)
    before, after = workbook_cells(one), workbook_cells(two)
    assert "Summary" in before and "Exposure" in before  # nothing is left out
    comparison = compare(before, after)
    assert comparison.cells > 20_000
    assert comparison.differences == []
    assert dump(generated) == dump(second_engine)
    assert count(second_engine, ProjectStage) == count(generated, ProjectStage)
    assert deals_by_country(second_engine) == {"Canada": Decimal(51), "Peru": Decimal(70)}


def test_the_export_reimported_into_its_source_creates_and_updates_nothing(
    generated: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "one.xlsx"
    export_workbook(generated, path, today=TODAY)
    stages, everything = count(generated, ProjectStage), dump(generated)
    preview = import_into(generated, path)
    assert changed(preview) == {}
    assert preview.writes == 0 and preview.written is None
    assert count(generated, ProjectStage) == stages
    assert dump(generated) == everything


def test_two_projects_of_one_name_and_company_each_keep_their_deal_and_stages(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        add_twins(session)
    path = tmp_path / "twins.xlsx"
    export_workbook(engine, path, today=TODAY)
    import_into(second_engine, path)
    expected_stages = {
        "Canada": [("grassroots exploration", date(2019, 3, 1)), ("PEA/scoping", date(2022, 5, 2))],
        "Peru": [("advanced exploration", date(2021, 7, 9))],
    }
    for target in (second_engine, engine):
        assert deals_by_country(target) == {"Canada": Decimal(51), "Peru": Decimal(70)}
        assert stages_by_country(target) == expected_stages
        assert count(target, Event) == 2
        assert shares_by_holding(target) == {
            "first account": Decimal(1000),
            "second account": Decimal(250),
        }
    # The same workbook again, into the database it made: nothing moves.
    again = import_into(second_engine, path)
    assert changed(again) == {}
    assert deals_by_country(second_engine) == {"Canada": Decimal(51), "Peru": Decimal(70)}


def test_nyse_american_listing_round_trips_exactly(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        companies.create_company(
            session,
            Company(name="Plinth Metals Inc."),
            [companies.ListingSpec.parse("NYSE American: PLI")],
        )
    path = tmp_path / "listing.xlsx"
    export_workbook(engine, path, today=TODAY)
    row = workbook_cells(path)["Companies"][1]
    assert row[:2] == ["Plinth Metals Inc.", "NYSE American: PLI"]
    import_into(second_engine, path)
    with Session(second_engine) as session:
        stored = session.execute(select(col(Listing.exchange), col(Listing.ticker))).all()
    assert [tuple(r) for r in stored] == [("NYSE American", "PLI")]
    export_workbook(second_engine, tmp_path / "again.xlsx", today=TODAY)
    assert compare(workbook_cells(path), workbook_cells(tmp_path / "again.xlsx")).differences == []
    assert changed(import_into(engine, path, dry_run=True)) == {}


def test_one_spelling_per_exchange_in_the_form_and_the_import() -> None:
    assert companies.ListingSpec.parse("nyse american: pli") == companies.ListingSpec(
        "NYSE American", "PLI"
    )
    assert canonical_exchange("NYSE MKT") == "NYSE American"
    assert canonical_exchange(" tsx-v ") == "TSXV"
    assert canonical_exchange("Xetra") == "XETRA"  # unknown: in capitals, as always stored


def test_a_listing_stored_in_capitals_before_reimports_unchanged(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """A database written before exchanges had one spelling holds "NYSE AMERICAN": its export
    says "NYSE American", re-imports unchanged, and round-trips through an empty database."""
    with transaction(engine) as session:
        companies.create_company(
            session, Company(name="Old Listing Ltd."), [companies.ListingSpec("NYSE", "OLD")]
        )
        session.execute(text("UPDATE listing SET exchange = 'NYSE AMERICAN'"))
    path, again = tmp_path / "old.xlsx", tmp_path / "again.xlsx"
    export_workbook(engine, path, today=TODAY)
    assert changed(import_into(engine, path, dry_run=True)) == {}
    import_into(second_engine, path)
    export_workbook(second_engine, again, today=TODAY)
    before, after = workbook_cells(path), workbook_cells(again)
    assert compare(before, after).differences == []
    listed = [cell for row in before["Companies"] for cell in row if cell == "NYSE American: OLD"]
    assert listed == ["NYSE American: OLD"]


def test_a_project_without_stage_history_does_not_update_on_reimport(
    engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        owner = companies.create_company(session, Company(name="Bare Stage Corp."))
        assert owner.id is not None
        made = projects.create_project(
            session,
            Project(name="No History Hill"),
            owners=[projects.OwnerShare(owner.id, Decimal(100), True)],
        )
        # As a bulk insert (or an older database) leaves it: a stage, no history behind it.
        session.execute(
            text("UPDATE project SET stage = 'resource definition' WHERE id = :id"),
            {"id": made.id},
        )
        session.execute(text("DELETE FROM project_stage"))
    path = tmp_path / "bare.xlsx"
    export_workbook(engine, path, today=TODAY)
    preview = import_into(engine, path)
    assert changed(preview) == {}
    assert count(engine, ProjectStage) == 0


def test_a_stage_its_history_does_not_end_with_reimports_unchanged(
    engine: Engine, tmp_path: Path
) -> None:
    """The project says pre-feasibility, its history ends with a PEA: the export gives no stage
    date (the history has none for it), so a re-import adds no stage entry."""
    with transaction(engine) as session:
        owner = companies.create_company(session, Company(name="Loose Stage Corp."))
        assert owner.id is not None
        made = projects.create_project(
            session,
            Project(name="Gap Ridge"),
            owners=[projects.OwnerShare(owner.id, Decimal(100), True)],
        )
        assert made.id is not None
        entry = projects.StageEntry("PEA/scoping", date(2024, 1, 2))
        projects.record_stage(session, made.id, entry)
        session.execute(
            text("UPDATE project SET stage = 'pre-feasibility' WHERE id = :id"), {"id": made.id}
        )
    path = tmp_path / "gap.xlsx"
    export_workbook(engine, path, today=TODAY)
    cells = workbook_cells(path)["Projects"]
    row = dict(zip(cells[0], cells[1], strict=True))
    assert (row["Stage"], row["Stage date"]) == ("pre-feasibility", "")  # an empty cell
    preview = import_into(engine, path)
    assert changed(preview) == {}
    assert count(engine, ProjectStage) == 1


def test_a_row_copied_with_its_id_and_retitled_is_a_new_deal(
    engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        add_twins(session)
    path, edited = tmp_path / "twins.xlsx", tmp_path / "copied.xlsx"
    export_workbook(engine, path, today=TODAY)
    book = load_workbook(path)
    sheet = book["Deals"]
    copied = [cell.value for cell in sheet[2]]
    copied[0] = "Twin Creek royalty"
    sheet.append(copied)
    table = next(iter(sheet.tables.values()))
    table.ref = f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    table.autoFilter.ref = table.ref
    book.save(edited)
    preview = import_into(engine, edited)
    assert changed(preview) == {("deal", "create"): 1}
    with Session(engine) as session:
        rows = session.execute(
            select(col(Deal.title), col(Project.country), col(Deal.interest_pct))
            .join(Project, col(Deal.project_id) == col(Project.id))
            .order_by(col(Deal.id))
        ).all()
    assert [tuple(row) for row in rows] == [
        ("Twin Creek option", "Canada", Decimal(51)),
        ("Twin Creek option", "Peru", Decimal(70)),
        ("Twin Creek royalty", "Canada", Decimal(51)),
    ]


def _without_id_columns(source: Path, target: Path) -> None:
    """The workbook as an export before the ID columns: every sheet's ID columns (its last
    ones) taken off, with its table."""
    book = load_workbook(source)
    for spec in SHEETS:
        sheet = book[spec.name]
        headers = [cell.value for cell in sheet[1]]
        ids = [n for n, header in enumerate(headers, start=1) if str(header).endswith("ID")]
        if not ids:
            continue
        assert ids == list(range(ids[0], len(headers) + 1)), spec.name  # the last columns
        sheet.delete_cols(ids[0], len(ids))
        table = next(iter(sheet.tables.values()))
        first, _sep, last = table.ref.partition(":")
        rows = "".join(c for c in last if c.isdigit())
        letter = sheet.cell(1, ids[0] - 1).column_letter
        table.ref = f"{first}:{letter}{rows}"
        table.autoFilter.ref = table.ref
        table.tableColumns = table.tableColumns[: ids[0] - 1]
    book.save(target)


def test_a_workbook_without_id_columns_still_imports(
    demo: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    exported, older = tmp_path / "new.xlsx", tmp_path / "older.xlsx"
    export_workbook(demo, exported, today=TODAY)
    _without_id_columns(exported, older)
    headers = workbook_cells(older)["Projects"][0]
    assert "ID" not in headers and "Project ID" not in workbook_cells(older)["Studies"][0]
    import_into(second_engine, older)
    assert dump(demo) == dump(second_engine)
    assert changed(import_into(demo, older, dry_run=True)) == {}


def test_ids_that_name_other_records_in_another_database_fall_back_on_names(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """Project 1 of the workbook is Alpha; project 1 of the other database is Beta: the import
    leaves Beta alone, adds Alpha under a free id, and a second import changes nothing."""
    for target, name in ((engine, "Alpha"), (second_engine, "Beta")):
        with transaction(target) as session:
            owner = companies.create_company(session, Company(name=f"{name} Corp."))
            assert owner.id is not None
            projects.create_project(
                session,
                Project(name=name, country="Chile"),
                owners=[projects.OwnerShare(owner.id, Decimal(100), True)],
            )
    path = tmp_path / "alpha.xlsx"
    export_workbook(engine, path, today=TODAY)
    assert workbook_cells(path)["Projects"][1][-1] == 1  # Alpha's ID
    preview = import_into(second_engine, path)
    assert changed(preview) == {("company", "create"): 1, ("project", "create"): 1}
    with Session(second_engine) as session:
        named = {i: n for i, n in session.execute(select(col(Project.id), col(Project.name)))}
    assert named == {1: "Beta", 2: "Alpha"}
    assert changed(import_into(second_engine, path, dry_run=True)) == {}


def test_the_template_and_an_investors_sheet_have_no_id_columns(tmp_path: Path) -> None:
    from tracker.excel.mapping import auto_map
    from tracker.excel.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    headers = [cell.value for spec in SHEETS for cell in book[spec.name][1]]
    assert "Project" in headers
    assert not [h for h in headers if str(h).endswith("ID")]
    # An investor's "ID" numbers their rows: it maps to nothing.
    mapping = auto_map(["ID", "Project", "Project ID", "Country"], "My projects")
    assert [c.field.qualified if c.field else None for c in mapping.columns] == [
        None,
        "project.name",
        None,
        "project.country",
    ]
