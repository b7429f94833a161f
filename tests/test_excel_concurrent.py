"""Two imports at once, as from two windows or two processes, each with its own engine.

Each once planned against the database as it was before the other wrote: one events file
imported twice at once gave 4,000 events instead of 2,000, and two files naming the same new
company failed with "UNIQUE constraint failed: company.name".
"""

import threading
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.engine import make_engine
from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.excel.report import Preview
from tracker.models import Company, Event, Project

TODAY = date(2026, 12, 1)


def _workbook(path: Path, title: str, header: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _at_once(engine_url: str, paths: list[Path]) -> list[Preview | BaseException]:
    """Import each file on its own thread and engine, all released by one barrier."""
    start = threading.Barrier(len(paths))
    outcomes: list[Preview | BaseException] = [RuntimeError("not run")] * len(paths)

    def one(index: int, path: Path) -> None:
        engine = make_engine(engine_url)
        try:
            source = read_source(path)
            start.wait()
            outcomes[index] = run_import(Transactions(engine), source, today=TODAY)
        except BaseException as exc:
            outcomes[index] = exc
        finally:
            engine.dispose()

    threads = [threading.Thread(target=one, args=(i, p)) for i, p in enumerate(paths)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_one_events_file_imported_twice_at_once_is_written_once(
    engine: Engine, tmp_path: Path
) -> None:
    first = date(2020, 1, 1)
    rows: list[list[object]] = [
        [first + timedelta(days=i), "news", f"Weekly note {i}"] for i in range(2000)
    ]
    path = _workbook(tmp_path / "events.xlsx", "Events", ["Date", "Kind", "Title"], rows)
    outcomes = _at_once(str(engine.url), [path, path])
    assert all(isinstance(outcome, Preview) for outcome in outcomes), outcomes
    assert _count(engine, Event) == 2000
    writes = sorted(outcome.writes for outcome in outcomes if isinstance(outcome, Preview))
    assert writes[0] == 0 and writes[1] > 0, "the second planned against the first's rows"


def test_two_files_naming_one_new_company_at_once(engine: Engine, tmp_path: Path) -> None:
    header = ["Company", "Project", "Country"]
    paths = [
        _workbook(tmp_path / "a.xlsx", "Projects", header, [["Vireo Metals", "Alder", "Peru"]]),
        _workbook(tmp_path / "b.xlsx", "Projects", header, [["Vireo Metals", "Birch", "Chile"]]),
    ]
    outcomes = _at_once(str(engine.url), paths)
    assert all(isinstance(outcome, Preview) for outcome in outcomes), outcomes
    with Session(engine) as session:
        assert session.exec(select(Company.name)).all() == ["Vireo Metals"]
        assert sorted(session.exec(select(Project.name)).all()) == ["Alder", "Birch"]
