"""Investor sheets read as their typists meant them: % formats, headers over two rows or naming a
rate, a column known by its values, countries with regions, total rows, deal logs."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from cli import run as cli_run
from db.session import Transactions
from tests.investor_corpus.build import convert, soffice
from tracker.excel.importer import read_source, run_import
from tracker.excel.mapping import split_header
from tracker.excel.places import read_place
from tracker.models import Deal, Project, Study

TODAY = date(2026, 12, 2)


def _save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def _studies(engine: Engine) -> dict[str, Study]:
    with Session(engine) as session:
        rows = session.exec(select(Project, Study).join(Study)).all()
        return {project.name: study for project, study in rows}


def test_a_percent_format_makes_a_fraction_and_a_bare_fraction_is_noted(
    engine: Engine, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Project", "Study", "NPV 8% (US$M)", "IRR", "Recovery"])
    sheet.append(["Cactus", "PFS", 509, 0.185, 0.92])
    sheet.append(["Stibnite", "FS", 1340, 22.6, 0.9])
    sheet.append(["Tamarack", "PEA", 1400, 0.5, 0.875])
    sheet["D2"].number_format = "0.0%"
    preview = run_import(
        Transactions(engine), read_source(_save(book, tmp_path / "w.xlsx")), today=TODAY
    )
    studies = _studies(engine)
    assert studies["Cactus"].after_tax_irr_pct == Decimal("18.5"), "0.185 shown as 18.5 %"
    assert studies["Stibnite"].after_tax_irr_pct == Decimal("22.6")
    assert studies["Tamarack"].after_tax_irr_pct == Decimal("0.5"), "bare 0.5 is as typed"
    assert studies["Tamarack"].recovery_pct == Decimal("87.5"), "a column of fractions"
    notes = {(note.row, note.column): note.reason for note in preview.notes}
    assert "read as 0.5 %; if it means 50 %" in notes[(4, "IRR")]
    assert "read as a fraction of 100 (92 %)" in notes[(2, "Recovery")]
    assert "2 more cells" in notes[(2, "Recovery")]
    assert not preview.problems


def test_a_header_gives_the_discount_rate_currency_scale_and_cost_unit(
    engine: Engine, tmp_path: Path
) -> None:
    assert split_header("NPV (5%)") == ("NPV", split_header("NPV 5%")[1])
    assert split_header("After-tax NPV @ 8 % (US$ M)")[1].rate == Decimal(8)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Project", "Report", "NPV5% (C$M)", "IRR (after-tax)", "Capex (A$ B)"])
    sheet.append(["Bright Hill", "PFS", 250.5, "21%", 1.2])
    sheet.append(["Kings Reef", "DFS", None, "18%", 0.45])
    sheet["B1"] = "Latest study"
    sheet.cell(1, 6, "AISC (US$/oz)")
    sheet.cell(2, 6, 1180)
    run_import(Transactions(engine), read_source(_save(book, tmp_path / "h.xlsx")), today=TODAY)
    studies = _studies(engine)
    bright, kings = studies["Bright Hill"], studies["Kings Reef"]
    assert (bright.study_type, kings.study_type) == ("PFS", "FS")
    assert bright.after_tax_npv == Decimal("250500000") and bright.currency == "CAD"
    assert bright.discount_rate_pct == Decimal(5)
    assert kings.discount_rate_pct is None, "no NPV: no rate for it"
    assert bright.after_tax_irr_pct == Decimal(21)
    assert bright.initial_capex == Decimal("1200000000")
    assert kings.initial_capex == Decimal("450000000")
    assert bright.aisc == Decimal(1180) and bright.cost_unit == "CAD/oz"
    assert kings.cost_unit is None


def test_headers_split_over_two_rows_below_a_title_and_a_note(
    engine: Engine, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Copper developers, December 2026"])
    sheet.append(["Figures from the latest technical reports"])
    sheet.append([])
    sheet.append(["Project", "Study", "Post-tax", "Pre-tax", "Economics"])
    sheet.append([None, None, "NPV 8% (US$M)", "NPV 8% (US$M)", "IRR"])
    sheet.append(["Cactus", "PFS", 509, 712, 0.185])
    sheet["E6"].number_format = "0.0%"
    source = read_source(_save(book, tmp_path / "two.xlsx"))
    mapped = {c.header: c.field.qualified for c in source.sheets[0].mapping.mapped() if c.field}
    assert mapped == {
        "Project": "project.name",
        "Study": "study.study_type",
        "Post-tax NPV 8% (US$M)": "study.after_tax_npv",
        "Pre-tax NPV 8% (US$M)": "study.pre_tax_npv",
        "IRR": "study.after_tax_irr_pct",
    }
    assert source.sheets[0].header_row == 4
    run_import(Transactions(engine), source, today=TODAY)
    cactus = _studies(engine)["Cactus"]
    assert (cactus.after_tax_npv, cactus.pre_tax_npv) == (Decimal("509000000"), Decimal("712e6"))
    assert cactus.after_tax_irr_pct == Decimal("18.5")


def test_a_data_row_of_text_is_not_taken_for_half_a_header(engine: Engine, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company", "Project", "Country", "Stage"])
    sheet.append(["Hot Chili", "Costa Fuego", "Chile", "PFS"])
    source = read_source(_save(book, tmp_path / "plain.xlsx"))
    assert source.sheets[0].header_row == 0
    run_import(Transactions(engine), source, today=TODAY)
    with Session(engine) as session:
        assert session.exec(select(Project.name)).all() == ["Costa Fuego"]


def test_a_column_of_study_types_is_the_study_type_whatever_its_header(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "types.csv"
    path.write_text(
        "Project,Latest,Date,NPV @ 8% (US$M)\n"
        "Alder,Updated PEA,2024-05-01,100\n"
        "Birch,Feasibility Study,2024-06-01,200\n"
        "Cedar,pre-feasibility,2024-07-01,300\n"
        "Dogwood,BFS,2024-08-01,400\n"
        'Elm,scoping,2024-09-01,"(12.0)"\n',
        encoding="utf-8",
    )
    run_import(Transactions(engine), read_source(path), today=TODAY)
    studies = _studies(engine)
    assert studies["Elm"].after_tax_npv == Decimal("-12000000"), "(12.0) is negative"
    types = {name: study.study_type for name, study in studies.items()}
    assert types == {
        "Alder": "PEA/scoping",
        "Birch": "FS",
        "Cedar": "PFS",
        "Dogwood": "FS",
        "Elm": "PEA/scoping",
    }


@pytest.mark.parametrize(
    "typed, country, region",
    [
        ("USA", "United States", None),
        ("US", "United States", None),
        ("U.S.A.", "United States", None),
        ("Arizona, USA", "United States", "Arizona"),
        ("NV, USA", "United States", "Nevada"),
        ("Nevada", "United States", "Nevada"),
        ("Canada (BC)", "Canada", "British Columbia"),
        ("Quebec", "Canada", "Quebec"),
        ("WA, Australia", "Australia", "Western Australia"),
        ("Atacama, Chile", "Chile", "Atacama"),
        ("DRC", "Democratic Republic of the Congo", None),
        ("Narnia", "Narnia", None),
    ],
)
def test_a_country_as_typed(typed: str, country: str, region: str | None) -> None:
    assert read_place(typed) == (country, region)


def test_usa_joins_united_states_and_a_region_comes_with_it(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(
        'Project,Country,Region\nCactus,"Arizona, USA",\nStibnite,USA,Idaho\n'
        "Sangdong,South Korea,Gangwon\n",
        encoding="utf-8",
    )
    run_import(Transactions(engine), read_source(path), today=TODAY)
    with Session(engine) as session:
        places = {p.name: (p.country, p.region) for p in session.exec(select(Project)).all()}
    assert places == {
        "Cactus": ("United States", "Arizona"),
        "Stibnite": ("United States", "Idaho"),
        "Sangdong": ("South Korea", "Gangwon"),
    }


def test_a_total_row_is_left_out_and_the_preview_and_command_line_say_so(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "totals.csv"
    path.write_text(
        "Project,Study,NPV @ 8% (US$M)\nAlder,PEA,100\nBirch,PFS,200\nSub-total,,300\n"
        "Cedar,FS,50\nTotal (attributable),,350\n",
        encoding="utf-8",
    )
    preview = run_import(Transactions(engine), read_source(path), dry_run=True, today=TODAY)
    notes = [(n.row, n.value) for n in preview.notes]
    assert notes == [(4, "Sub-total"), (6, "Total (attributable)")]
    assert all("total row: left out" in n.reason for n in preview.notes)
    assert not preview.problems and len(preview.rows) == 3
    assert sorted(_studies(engine)) == [], "the dry run wrote nothing"
    db = tmp_path / "cli.sqlite3"
    assert cli_run(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "note: totals!4 'Sub-total': is a total row: left out" in out
    assert "note: totals!6 'Total (attributable)': is a total row: left out" in out


def test_a_deal_log_reads_types_statuses_interests_and_consideration(
    engine: Engine, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Deal log"
    sheet.append(["Date", "Deal", "Type", "Status", "Project", "Buyer", "Seller", "Interest",
                  "Consideration"])  # fmt: skip
    sheet.append([date(2024, 1, 5), "Cactus royalty", "NSR royalty", "Closed", "Cactus",
                  "Franco-Nevada", "Arizona Sonoran", "1.5%", "US$ 25 M"])  # fmt: skip
    sheet.append([date(2024, 3, 1), "Stibnite earn-in", "Earn-in agreement", "Definitive",
                  "Stibnite", "Big Miner", "Perpetua", 0.51, "C$12.5M"])  # fmt: skip
    sheet.append([date(2024, 4, 2), "Tamarack LOI", "LOI", "Pending", "Tamarack", "Talon",
                  "Kennecott", 0.6, None])  # fmt: skip
    sheet.append([date(2024, 5, 3), "Costa Fuego stream", "Gold stream", "Terminated",
                  "Costa Fuego", "Osisko", "Hot Chili", None, "US$ 5.0 M"])  # fmt: skip
    sheet["H3"].number_format = "0%"
    sheet["H4"].number_format = "0%"
    run_import(Transactions(engine), read_source(_save(book, tmp_path / "deals.xlsx")), today=TODAY)
    with Session(engine) as session:
        deals = {d.title: d for d in session.exec(select(Deal)).all()}
    got = {
        title: (d.deal_type, d.status, d.interest_pct, d.consideration, d.consideration_currency)
        for title, d in deals.items()
    }
    assert got == {
        "Cactus royalty": ("royalty", "closed", Decimal("1.5"), Decimal("25e6"), "USD"),
        "Stibnite earn-in": (
            "option/earn-in",
            "definitive agreement",
            Decimal(51),
            Decimal("12.5e6"),
            "CAD",
        ),
        "Tamarack LOI": ("LOI", "proposed", Decimal(60), None, None),
        "Costa Fuego stream": ("stream", "terminated", None, Decimal("5e6"), "USD"),
    }
    assert deals["Cactus royalty"].announced_date == date(2024, 1, 5)


def test_a_studies_sheet_names_its_projects_and_links_to_the_projects_sheet(
    engine: Engine, tmp_path: Path
) -> None:
    book = Workbook()
    economics = book.active
    assert economics is not None
    economics.title = "Economics"
    economics.append(["Project", "Study", "Study date", "NPV @ 8% (US$M)"])
    economics.append(["Cactus", "PFS", date(2024, 8, 12), 509])
    economics.append(["Stibnite", "FS", date(2020, 12, 22), 1340])
    projects = book.create_sheet("Projects")
    projects.append(["Company", "Project", "Country", "Commodities"])
    projects.append(["Arizona Sonoran Copper", "Cactus", "Arizona, USA", "Copper"])
    projects.append(["Perpetua Resources", "Stibnite", "Idaho, US", "Au, Sb"])
    run_import(
        Transactions(engine), read_source(_save(book, tmp_path / "linked.xlsx")), today=TODAY
    )
    with Session(engine) as session:
        found = session.exec(select(Project, Study).join(Study)).all()
        rows = [(p.name, st.study_type, st.publication_date) for p, st in found]
        assert sorted(rows) == [
            ("Cactus", "PFS", date(2024, 8, 12)),
            ("Stibnite", "FS", date(2020, 12, 22)),
        ]
        assert len(session.exec(select(Project)).all()) == 2, "one project each, linked by name"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_percent_cells_are_fractions_in_ods_and_xlsx(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    """A % cell beside bare numbers above 1, so only its format says it is a fraction."""
    office = soffice()
    assert office is not None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(["Project", "Study", "NPV 8% (US$M)", "IRR"])
    sheet.append(["Cactus", "PFS", 509, 0.185])
    sheet.append(["Stibnite", "FS", 1340, 22.6])
    sheet["D2"].number_format = "0.0%"
    draft = _save(book, tmp_path / "draft.xlsx")
    out = tmp_path / "out"
    convert(office, [draft], "ods", out)
    convert(office, [draft], "xlsx:Calc MS Excel 2007 XML", out)
    for path, target in ((out / "draft.ods", engine), (out / "draft.xlsx", second_engine)):
        run_import(Transactions(target), read_source(path), today=TODAY)
        irr = {name: study.after_tax_irr_pct for name, study in _studies(target).items()}
        assert irr == {"Cactus": Decimal("18.5"), "Stibnite": Decimal("22.6")}, path.name


def test_a_stage_is_kept_as_written(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "juniors.csv"
    path.write_text(
        "Project,Stage\nAlder,exploration\nBirch,Advanced exploration\nCedar,Grassroots\n"
        "Dogwood,Producing\nElm,PFS\n",
        encoding="utf-8",
    )
    run_import(Transactions(engine), read_source(path), today=TODAY)
    with Session(engine) as session:
        stages = {p.name: p.stage for p in session.exec(select(Project)).all()}
    assert stages == {
        "Alder": "exploration",
        "Birch": "advanced exploration",
        "Cedar": "grassroots exploration",
        "Dogwood": "production",
        "Elm": "pre-feasibility",
    }
