"""A bad file gets one clear message: never a traceback, never a partial write."""

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tracker.excel.errors import WorkbookError
from tracker.excel.guard import Limits, inspect_file
from tracker.excel.importer import read_source
from tracker.excel.reader import has_calamine, open_spreadsheet
from tracker.models import Company

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spreadsheets-in-the-wild"


def refused(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_source(path, limits) if limits else read_source(path)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def workbook(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("just some words", encoding="utf-8")
    assert "not a spreadsheet" in refused(text)
    binary = tmp_path / "data.csv"
    binary.write_bytes(b"\x00\x01\x02 not text at all")
    assert "not a spreadsheet" in refused(binary)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    assert "PDF" in refused(pdf)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("a.txt", "hello")
    assert "zip archive" in refused(archive)
    word = tmp_path / "letter.docx"
    with zipfile.ZipFile(word, "w") as out:
        out.writestr("word/document.xml", "<w/>")
    assert "Word document" in refused(word)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    assert "does not exist" in refused(tmp_path / "nowhere.xlsx")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "empty" in refused(empty)
    assert "folder" in refused(tmp_path)


def test_corrupt_workbooks(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", [["Project"], ["A"]])
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[:600])
    assert "damaged" in refused(truncated)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data[: len(data) // 2]
            out.writestr(item, data)
    assert "damaged" in refused(broken)


def test_password_protected(tmp_path: Path) -> None:
    fake = tmp_path / "secret.xlsx"
    fake.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    assert "password-protected" in refused(fake)
    ods = tmp_path / "secret.ods"
    with zipfile.ZipFile(ods, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("META-INF/manifest.xml", "<manifest><encryption-data/></manifest>")
    assert "password-protected" in refused(ods)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}")
@pytest.mark.parametrize("name", ["pass_protected.xlsx", "pass_protected.xlsb", "issue_385.xls"])
def test_real_password_protected_files(name: str) -> None:
    assert "password-protected" in refused(CORPUS / name)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}")
@pytest.mark.parametrize("name", ["date.xls", "date.ods", "date.xlsb", "date_1904.xls"])
def test_xls_ods_and_xlsb_are_read_with_their_dates(name: str) -> None:
    if not has_calamine():
        assert "python-calamine" in refused(CORPUS / name)
        return
    book = open_spreadsheet(CORPUS / name)
    first = book.read(book.sheet_names[0])[0]
    book.close()
    assert first[0] == date(2021, 1, 1)


def test_empty_sheets_and_sheets_without_headers(tmp_path: Path) -> None:
    blank = workbook(tmp_path / "blank.xlsx", [])
    assert "the sheet is empty" in refused(blank)
    numbers = workbook(tmp_path / "numbers.xlsx", [[1, 2, 3], [4, 5, 6]])
    assert "no header row" in refused(numbers)
    unknown = workbook(tmp_path / "unknown.xlsx", [["Colour", "Flavour"], ["red", "sweet"]])
    assert "no column matches" in refused(unknown)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("xl/workbook.xml", "<workbook/>")
        out.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 2**20))
    assert "zip bomb" in refused(bomb)
    limits = Limits(max_uncompressed_bytes=2**20, max_ratio=10**6)
    assert "unpacks to" in refused(bomb, limits)


def test_millions_of_rows_are_refused_before_parsing(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Project"]]
    rows.extend([f"P{i}"] for i in range(3000))
    path = workbook(tmp_path / "many.xlsx", rows)
    message = refused(path, Limits(max_rows=1000))
    assert "3,001 rows" in message and "up to 1,000 rows" in message
    assert inspect_file(path, Limits(max_rows=5000)).value == "xlsx"


def test_a_stale_dimension_does_not_refuse_a_small_sheet(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", [["Project"], ["A"]])
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(stale, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(
                    b'<dimension ref="A1:A2" />', b'<dimension ref="A1:XFD1048576" />'
                )
            out.writestr(item, data)
    assert [s.name for s in read_source(stale).sheets] == ["Sheet1"]


def test_row_limit_holds_for_every_reader(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Project"]]
    rows.extend([f"P{i}"] for i in range(30))
    path = workbook(tmp_path / "long.xlsx", rows)
    assert "rows" in refused(path, Limits(max_rows=10))


def test_guard_names_the_format(tmp_path: Path) -> None:
    path = workbook(tmp_path / "ok.xlsx", [["Project"], ["A"]])
    assert inspect_file(path).value == "xlsx"


def test_a_refused_file_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope", encoding="utf-8")
    with pytest.raises(WorkbookError):
        read_source(bad)
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Company)).scalar_one() == 0


def test_values_far_apart_are_read_cell_by_cell(tmp_path: Path) -> None:
    """Two cells at A1 and XFD1048576 once made calamine allocate 512 GB and abort. Such a
    sheet is read cell by cell: its data comes through, and the far value is named."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Project"
    sheet["A2"] = "Alpha"
    sheet["XFD1048576"] = "stray"
    book.save(tmp_path / "far.xlsx")
    source = read_source(tmp_path / "far.xlsx")
    assert [list(row) for row in source.sheets[0].grid] == [["Project"], ["Alpha"]]
    assert [str(problem) for problem in source.read_problems] == [
        "Sheet!1048576 'stray': the value at XFD1048576 lies far outside the sheet's data "
        "(A1:A2), so it was not imported. Fix: move it next to the data (or delete it) and "
        "import again"
    ]
    sheet["XFD1048576"] = None
    sheet["BXX399000"] = "stray"
    book.save(tmp_path / "sparse.xlsx")
    source = read_source(tmp_path / "sparse.xlsx")
    assert [list(row) for row in source.sheets[0].grid] == [["Project"], ["Alpha"]]
    assert [(p.row, p.value) for p in source.read_problems] == [(399000, "stray")]
    assert "BXX399000" in source.read_problems[0].reason


def test_a_dense_sheet_over_the_cell_limit_is_refused(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Project", "Country", "Stage"]]
    rows.extend([f"P{i}", "Peru", "PEA"] for i in range(40))
    path = workbook(tmp_path / "wide.xlsx", rows)
    assert refused(path, Limits(max_cells=100)) == (
        "wide.xlsx has a sheet of 123 cells (its last value is at C41); the import reads up "
        "to 100 cells a sheet"
    )


def test_styled_empty_cells_far_away_do_not_refuse_a_sheet(tmp_path: Path) -> None:
    """Formatting a whole row or column writes empty styled cells; they hold no value."""
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Project"])
    sheet.append(["Alpha"])
    sheet["XFD1"].font = Font(bold=True)
    sheet["A300000"].font = Font(bold=True)
    book.save(tmp_path / "styled.xlsx")
    assert [s.name for s in read_source(tmp_path / "styled.xlsx").sheets] == ["Sheet"]


def test_a_corrupt_part_gets_one_line(tmp_path: Path) -> None:
    """Damaged deflate data once surfaced as "unexpected error (Error -3 while decompressing)"."""
    rows: list[list[object]] = [["Project", "Country"]]
    rows.extend([f"Project {i}", "Peru"] for i in range(2000))
    path = workbook(tmp_path / "broken.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra)
    data = bytearray(path.read_bytes())
    for offset in range(start + 40, start + 60):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    assert refused(path).startswith("broken.xlsx is damaged")


def test_a_pipe_is_not_called_a_folder(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "feed.xlsx"
    os.mkfifo(fifo)
    assert refused(fifo) == "feed.xlsx is not a regular file (a pipe or a device)"
    assert refused(tmp_path) == f"{tmp_path.name} is a folder, not a spreadsheet"


def test_a_reader_panic_is_a_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine reports a Rust panic as a BaseException; it once ended in a traceback."""
    if not has_calamine():
        pytest.skip("python-calamine is not installed")
    import python_calamine

    class PanicException(BaseException):
        """Named as pyo3 names the exception it raises for a panic."""

    def panic(*_args: object, **_kwargs: object) -> object:
        raise PanicException("called `Option::unwrap()` on a `None` value")

    path = workbook(tmp_path / "Simple.xlsx", [["Project"], ["A"]])
    book = open_spreadsheet(path)
    monkeypatch.setattr(book, "_book", type("Book", (), {"get_sheet_by_name": panic})())
    with pytest.raises(WorkbookError) as caught:
        book.read("Sheet1")
    assert str(caught.value) == (
        "Simple.xlsx is damaged and cannot be read (called `Option::unwrap()` on a `None` value)"
    )
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    with pytest.raises(WorkbookError, match=r"Simple\.xlsx is damaged and cannot be read"):
        open_spreadsheet(path)
