"""The investor corpus: each source imported, every value it states found right, and found
right again after the app exports the portfolio and imports its own workbook (also once
LibreOffice has opened and saved that workbook).

The sources are written afresh by ``tests/investor_corpus/build.py`` (the committed copies in
``tests/investor_corpus/files`` are for reading); those LibreOffice writes are skipped only when
LibreOffice is not installed.
"""

import filecmp
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db.session import Transactions
from tests.investor_corpus.build import FILES, build, convert, soffice
from tests.investor_corpus.check import Tally, compare, read_expected
from tests.investor_corpus.layout import Source, facts_of
from tests.investor_corpus.sources import SOURCES
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import

TODAY = date(2026, 12, 2)
NEEDS_OFFICE = {s.name for s in SOURCES if s.writer.startswith("libreoffice")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("investor_corpus")
    build(folder)
    return folder


def _import(engine: Engine, path: Path) -> None:
    preview = run_import(Transactions(engine), read_source(path), today=TODAY)
    assert preview.problems == [], [str(p) for p in preview.problems]


def _checked(source: Source, folder: Path, engine: Engine, again: Engine, tmp: Path) -> Tally:
    path = folder / (source.name + source.suffix)
    expected = read_expected(folder / f"{source.name}.expected.csv")
    assert expected == facts_of(source)
    _import(engine, path)
    tally = compare(expected, engine, f"{path.name} imported")
    exported = tmp / "export.xlsx"
    export_workbook(engine, exported, today=TODAY)
    _import(again, exported)
    tally.add(compare(expected, again, f"{path.name} exported and imported again"))
    return tally


def test_the_corpus_has_thirty_sources_of_every_kind() -> None:
    writers = {source.writer for source in SOURCES}
    assert len(SOURCES) >= 30
    assert {"openpyxl", "xlsxwriter", "libreoffice-ods", "libreoffice-xlsx"} <= writers
    assert {"csv-us", "csv-eu", "tsv-eu", "csv-bom"} <= writers
    assert all(facts_of(source) for source in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_every_value_of_a_source_comes_in_and_survives_an_export(
    source: Source, corpus: Path, engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    if source.name in NEEDS_OFFICE and soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    tally = _checked(source, corpus, engine, second_engine, tmp_path)
    assert tally.wrong == []
    assert tally.right == tally.expected == 2 * len(facts_of(source))


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_apps_export_saved_again_by_libreoffice_keeps_every_value(
    corpus: Path, engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    office = soffice()
    assert office is not None
    chosen = [s for s in SOURCES if s.name in {"openpyxl_two_sheets", "openpyxl_deal_log"}]
    expected = []
    for source in chosen:
        _import(engine, corpus / (source.name + source.suffix))
        expected += read_expected(corpus / f"{source.name}.expected.csv")
    exported = tmp_path / "portfolio.xlsx"
    export_workbook(engine, exported, today=TODAY)
    resaved = tmp_path / "libreoffice"
    convert(office, [exported], "xlsx:Calc MS Excel 2007 XML", resaved)
    _import(second_engine, resaved / "portfolio.xlsx")
    tally = compare(expected, second_engine, "export saved by LibreOffice")
    assert tally.wrong == [] and tally.right == len(expected) > 100


def test_the_committed_corpus_is_what_the_script_writes(corpus: Path) -> None:
    """The expected tables beside the committed sources are the script's: review one, trust
    the other (the spreadsheets themselves carry the time they were written)."""
    for source in SOURCES:
        table = f"{source.name}.expected.csv"
        assert (FILES / (source.name + source.suffix)).is_file(), source.name
        if (corpus / table).exists():
            assert filecmp.cmp(FILES / table, corpus / table, shallow=False), table
        if source.suffix in {".csv", ".tsv"}:
            name = source.name + source.suffix
            assert filecmp.cmp(FILES / name, corpus / name, shallow=False), name
