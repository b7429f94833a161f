"""CSV and TSV files come in as their authors meant them: encoding, delimiter, decimal mark."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cli import run as cli_run
from db.session import Transactions
from tracker.excel.csv_book import CsvBook, has_decimal_comma, sniff_delimiter
from tracker.excel.guard import DEFAULT_LIMITS
from tracker.excel.importer import read_source, run_import
from tracker.models import Company, Project, Study

HEADER = (
    "Company{d}Ticker{d}Project{d}Country{d}Commodities{d}Stage{d}Study type{d}Study date{d}"
    "NPV after tax (US$M){d}IRR (%){d}Discount rate{d}Capex (US$M)\n"
)


def _studies(engine: Engine) -> dict[str, Study]:
    with Session(engine) as session:
        rows = session.exec(select(Project, Study).join(Study)).all()
        return {project.name: study for project, study in rows}


def test_a_us_csv_with_a_title_quotes_and_percent_cells(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "watchlist.csv"
    path.write_text(
        "My junior miners\n\n"
        + HEADER.format(d=",")
        + 'Moon River Moly,TSXV:MOO,Davidson,Canada,Mo-Cu-W,PFS,PFS,2024-03-05,"1,412.5",25%,8%,'
        '"1,200"\n'
        'Argentum Ridge,TSX:ABX,Silver Spur,Canada,"Au, Ag",PEA,PEA,2024-03-06,(12),18.7,5,350\n',
        encoding="utf-8",
    )
    run_import(Transactions(engine), read_source(path), today=date(2026, 12, 1))
    studies = _studies(engine)
    davidson, spur = studies["Davidson"], studies["Silver Spur"]
    assert davidson.after_tax_npv == Decimal("1412500000")
    assert davidson.after_tax_irr_pct == Decimal(25) and davidson.discount_rate_pct == Decimal(8)
    assert davidson.initial_capex == Decimal("1200000000")
    assert spur.after_tax_npv == Decimal("-12000000") and spur.after_tax_irr_pct == Decimal("18.7")
    assert spur.publication_date == date(2024, 3, 6)


def test_a_european_csv_in_windows_1252_with_decimal_commas(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    text = (
        HEADER.format(d=";")
        + "Minas Montaña;;Peña Alta;Peru;Cu;PEA;PEA;05.03.2024;1.412,5;18,7;5;350\n"
        + "Moon River Moly;TSXV:MOO;Davidson;Canada;Mo;PFS;PFS;2024-03-05;412,5;25,0;8;1.200\n"
    )
    path.write_bytes(text.encode("cp1252"))
    book = CsvBook(path, DEFAULT_LIMITS)
    assert (book.csv_format.encoding, book.csv_format.delimiter) == ("cp1252", ";")
    assert book.csv_format.decimal_comma
    run_import(Transactions(engine), read_source(path), today=date(2026, 12, 1))
    studies = _studies(engine)
    assert studies["Peña Alta"].after_tax_npv == Decimal("1412500000")
    assert studies["Peña Alta"].after_tax_irr_pct == Decimal("18.7")
    assert studies["Peña Alta"].publication_date == date(2024, 3, 5), "dotted dates are day first"
    assert studies["Davidson"].initial_capex == Decimal("1200000000")
    with Session(engine) as session:
        assert "Minas Montaña" in session.exec(select(Company.name)).all()


def test_a_tsv_with_a_byte_order_mark_and_a_quoted_line_break(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "projects.tsv"
    path.write_bytes(
        "\ufeffProject\tCountry\tNotes\n"
        'Alder\tPeru\t"first line\nsecond, with a comma"\n'
        "Birch\tChile\t\n".encode()
    )
    run_import(Transactions(engine), read_source(path), today=date(2026, 12, 1))
    with Session(engine) as session:
        projects = {p.name: p for p in session.exec(select(Project)).all()}
    assert set(projects) == {"Alder", "Birch"}
    assert projects["Alder"].notes == "first line\nsecond, with a comma"
    assert projects["Birch"].country == "Chile" and projects["Birch"].notes is None


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1,5;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('name,notes\n"Smith; Jones","x; y"\n', ","),
    ],
)
def test_the_delimiter_is_the_one_that_splits_lines_alike(sample: str, delimiter: str) -> None:
    assert sniff_delimiter(sample) == delimiter


def test_a_number_that_reads_both_ways_decides_nothing() -> None:
    assert not has_decimal_comma([["1.234"], ["2.500"]], ";")
    assert has_decimal_comma([["1.234"], ["412,5"]], ";")
    assert not has_decimal_comma([["412,5"], ["1,234.5"]], ";")


def test_the_command_line_imports_a_csv(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "watch.csv"
    path.write_text("Project,Country\nAlder,Peru\n", encoding="utf-8")
    assert cli_run(["import", str(path), "--db", str(db_path)]) == 0
    summary = (
        "1 row created, 0 rows updated, 0 unchanged, 0 rows skipped; records: 1 project created"
    )
    assert f"Imported watch.csv: {summary}." in capsys.readouterr().out
    with Session(engine) as session:
        assert session.exec(select(Project.name)).all() == ["Alder"]
