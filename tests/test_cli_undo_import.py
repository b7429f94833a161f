"""``mining-tracker undo-import`` and ``redo-import``: the last command-line import taken back
whole and written again, every table compared; refused, naming each record and writing
nothing, when the database changed since in a way that conflicts."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from cli import EXIT_OK, EXIT_REFUSED, run
from db.session import transaction
from tests.test_import_undo_exact import LOG, Tables, tables
from tracker.changelog import log_created
from tracker.models import Project, Study
from tracker.services.studies import create_study


def _mark(engine: Engine) -> int:
    from sqlalchemy import func
    from sqlalchemy import select as core_select

    with engine.connect() as connection:
        return int(connection.execute(core_select(func.max(LOG.c.id))).scalar() or 0)


def watchlist(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company", "Project", "Country", "Commodities", "Study type", "Study date",
                  "Post-tax NPV (US$M)", "Discount rate (%)"])  # fmt: skip
    sheet.append(["New Gold Co", "Alpha", "Chile", "Au", "PEA", date(2024, 5, 1), 100, 5])
    sheet.append(["Other Co", "Beta", "Peru", "Cu", "PFS", date(2023, 1, 2), 300, 8])
    # The demo's Davidson 2025 PEA (C$1,034 M) gets a new NPV; W, Mo puts W first (its
    # commodities Mo, Cu, W are written again, ranked anew).
    sheet.append(["Moon River Moly Ltd.", "Davidson", "Canada", "W, Mo", "PEA", date(2025, 12, 23),
                  1100, 8])  # fmt: skip
    book.save(path)
    return path


@pytest.fixture
def imported(
    demo: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, Tables]:
    """The demo with an earlier log entry, then the watchlist imported from the command line:
    the log's mark before the import, and every table before it."""
    with transaction(demo) as session:
        log_created(session, "project", 1, "an earlier edit")
    mark = _mark(demo)
    before = tables(demo, mark)
    assert run(["--db", str(db_path), "import", str(watchlist(tmp_path / "w.xlsx"))]) == EXIT_OK
    out = capsys.readouterr().out
    assert "2 companies, 2 projects and 2 studies created" in out and "1 row updated" in out
    assert out.rstrip().endswith("Undo it with: mining-tracker undo-import")
    return mark, before


def _alpha(engine: Engine) -> Project | None:
    with Session(engine) as session:
        return session.exec(select(Project).where(Project.name == "Alpha")).first()


def test_undo_import_puts_every_table_back_and_redo_writes_it_again(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    mark, before = imported
    import_mark = _mark(demo)
    after = tables(demo, import_mark)
    assert after != before and _alpha(demo) is not None

    assert run(["--db", str(db_path), "undo-import"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Undid the import of w.xlsx (imported ")
    assert "Write it again with: mining-tracker redo-import" in out
    assert tables(demo, mark) == before
    assert _alpha(demo) is None
    assert len(list(db_path.parent.glob("*.undo-*.bak"))) == 1, "a backup before it writes"

    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "is undone already; use 'mining-tracker redo-import'. Nothing was written." in err

    assert run(["--db", str(db_path), "redo-import"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Imported w.xlsx (imported ")
    assert tables(demo, import_mark) == after
    assert run(["--db", str(db_path), "redo-import"]) == EXIT_REFUSED
    assert "is not undone; use 'mining-tracker undo-import'" in capsys.readouterr().err


def test_undo_import_without_one_is_refused(
    engine: Engine, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    assert "no import from the command line to undo or redo" in capsys.readouterr().err


def test_an_edit_since_the_import_is_not_thrown_away(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with transaction(demo) as session:
        alpha = update(Project).where(col(Project.name) == "Alpha")
        session.execute(alpha.values(name="Alpha Two"))
    mark = _mark(demo)
    edited = tables(demo, mark)
    capsys.readouterr()

    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "the database changed since the import of w.xlsx" in err
    assert "nothing was written" in err
    assert "project 'Alpha' (added by the import) was changed since: name" in err
    assert tables(demo, mark) == edited and _mark(demo) == mark
    assert not list(db_path.parent.glob("*.undo-*.bak")), "no backup when nothing is written"


def test_a_study_the_import_updated_and_edited_since_is_kept(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with transaction(demo) as session:
        session.execute(
            update(Study)
            .where(col(Study.title) == "Davidson updated PEA (2025)")
            .values(after_tax_npv=Decimal("1200000000"))
        )
    mark = _mark(demo)
    edited = tables(demo, mark)
    capsys.readouterr()

    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "was changed since the import: after tax npv" in err
    assert tables(demo, mark) == edited


def test_a_study_added_since_to_an_imported_project_is_not_deleted(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    alpha = _alpha(demo)
    assert alpha is not None and alpha.id is not None
    with transaction(demo) as session:
        create_study(
            session,
            Study(project_id=alpha.id, study_type="FS", title="Alpha FS", currency="USD",
                  publication_date=date(2025, 2, 1), discount_rate_pct=Decimal(5)),
        )  # fmt: skip
    mark = _mark(demo)
    added = tables(demo, mark)
    capsys.readouterr()

    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "was added since, to a project the import added" in err
    assert tables(demo, mark) == added


def test_redo_is_refused_once_its_ids_are_taken(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--db", str(db_path), "undo-import"]) == EXIT_OK
    with transaction(demo) as session:
        session.add(Project(name="Gamma", country="Chile"))
    mark = _mark(demo)
    now = tables(demo, mark)
    capsys.readouterr()

    assert run(["--db", str(db_path), "redo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "the database changed since the undo of w.xlsx" in err
    assert "project 'Alpha' (the import adds) is in the database again" not in err
    assert "(the import adds) is in the database again" in err
    assert tables(demo, mark) == now


def test_a_damaged_journal_is_refused_and_nothing_is_written(
    demo: Engine,
    db_path: Path,
    imported: tuple[int, Tables],
    capsys: pytest.CaptureFixture[str],
) -> None:
    journal = db_path.with_name(db_path.name + ".last-import.json.gz")
    assert journal.exists()
    journal.write_bytes(b"not gzip at all")
    mark = _mark(demo)
    now = tables(demo, mark)
    assert run(["--db", str(db_path), "undo-import"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "the import journal tracker.sqlite3.last-import.json.gz cannot be read" in err
    assert tables(demo, mark) == now
