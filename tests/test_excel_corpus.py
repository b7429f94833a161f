"""Every file of the spreadsheets-in-the-wild corpus imports or is refused with one clear
message, within bounded time and memory, and a refused file writes nothing.

The corpus lives beside the repository (``../shared/corpus``), as it does for a clean clone
placed next to ``shared/``.
"""

import resource
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import Transactions
from tracker.excel.errors import WorkbookError
from tracker.excel.importer import read_source, run_import
from tracker.models import Company, Project

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spreadsheets-in-the-wild"
FILES = sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []
#: Per file: the slowest takes a few hundredths of a second here; CI machines are shared.
SECONDS_PER_FILE = 10.0
#: Growth of the process's peak memory over the whole corpus.
MEMORY_GROWTH_MB = 400

pytestmark = pytest.mark.skipif(
    not FILES, reason=f"the corpus is not at {CORPUS} (clone the repo beside shared/)"
)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "blank.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, backup=False)
    engine.dispose()
    return path


@pytest.fixture
def fresh(blank: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "db.sqlite3"
    shutil.copy(blank, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        companies = session.execute(select(func.count()).select_from(Company)).scalar_one()
        projects = session.execute(select(func.count()).select_from(Project)).scalar_one()
    return companies, projects


def import_or_refuse(path: Path, engine: Engine) -> str:
    """'imported', or the refusal message; anything else (a crash) fails the test."""
    try:
        source = read_source(path)
    except WorkbookError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        assert _counts(engine) == (0, 0)
        return message
    preview = run_import(Transactions(engine), source)
    for problem in preview.problems:
        assert problem.sheet and problem.reason
    return "imported"


def test_the_corpus_is_complete() -> None:
    assert len(FILES) == 132


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_corpus_file(path: Path, fresh: Engine) -> None:
    started = time.perf_counter()
    outcome = import_or_refuse(path, fresh)
    assert time.perf_counter() - started < SECONDS_PER_FILE, outcome


def test_memory_stays_bounded_over_the_corpus(blank: Path, tmp_path: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcomes: dict[str, str] = {}
    for path in FILES:
        copy = tmp_path / f"{path.name}.sqlite3"
        shutil.copy(blank, copy)
        engine = make_engine(f"sqlite:///{copy}")
        try:
            outcomes[path.name] = import_or_refuse(path, engine)
        finally:
            engine.dispose()
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < MEMORY_GROWTH_MB
    imported = sum(1 for outcome in outcomes.values() if outcome == "imported")
    assert imported >= 10
    for name in ("pass_protected.xlsx", "pass_protected.ods", "pass_protected.xlsb"):
        assert "password-protected" in outcomes[name]
    assert (
        "damaged" in outcomes["too_small.xls"] or "not a spreadsheet" in outcomes["too_small.xls"]
    )
