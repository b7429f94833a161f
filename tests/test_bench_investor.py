"""The investor benchmark times what an investor's sheet holds: its CSV and xlsx import whole,
with the values it wrote, and the bare pipeline sees the same cells."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bench.bench_investor import HEADERS, bare_csv, bare_xlsx, rows, write_csv, write_xlsx
from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.models import Project, Study


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_watchlist_imports_every_row_with_its_values(
    kind: str, engine: Engine, tmp_path: Path
) -> None:
    data = rows(40)
    path = tmp_path / f"watchlist.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path, data)
    preview = run_import(Transactions(engine), read_source(path))
    assert preview.problems == [] and len(preview.rows) == 40
    first = data[0]
    with Session(engine) as session:
        _project, study = session.exec(
            select(Project, Study).join(Study).where(Project.name == first[2])
        ).one()
        assert len(session.exec(select(Project)).all()) == 40
    assert study.after_tax_npv == Decimal(str(first[8])) * 1_000_000
    assert study.discount_rate_pct == Decimal(8)
    assert study.after_tax_irr_pct == (Decimal(str(first[9])) * 100).normalize()
    assert study.initial_capex == Decimal(str(first[10])) * 1_000_000
    assert study.publication_date == first[7]
    bare = tmp_path / "bare.sqlite3"
    (bare_csv if kind == "csv" else bare_xlsx)(path, bare)
    with sqlite3.connect(bare) as connection:
        cells = connection.execute("SELECT * FROM watchlist").fetchall()
    assert len(cells) == 40 and len(cells[0]) == len(HEADERS) == 11
    assert cells[0][2] == first[2]
