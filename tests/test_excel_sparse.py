"""Sparse .xlsx sheets are read cell by cell: the same values and formats as the normal reader,
the data of a hostile file imported, its far-flung values named."""

import io
import random
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.session import Transactions
from tracker.excel.cell_refs import Extent
from tracker.excel.errors import WorkbookError
from tracker.excel.far_cells import NAMED
from tracker.excel.formats import PercentCell
from tracker.excel.guard import DEFAULT_LIMITS, Format, Limits
from tracker.excel.importer import read_source, run_import
from tracker.excel.number_formats import NumberKind, code_kind
from tracker.excel.reader import SparseAwareBook, _CalamineBook, has_calamine, open_spreadsheet
from tracker.excel.report import Action
from tracker.models import Project

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spreadsheets-in-the-wild"
#: Limits that send every sheet through the cell-by-cell reader.
ALWAYS_SPARSE = Limits(sparse_cells=0, sparse_density=0)
needs_calamine = pytest.mark.skipif(not has_calamine(), reason="python-calamine is not installed")


def both_readers(path: Path) -> tuple[dict[str, list[list[object]]], dict[str, list[list[object]]]]:
    """Every sheet as the normal (grid) reader and as the cell-by-cell reader give it."""
    normal = _CalamineBook(path, Format.XLSX, DEFAULT_LIMITS)
    sparse = open_spreadsheet(path, ALWAYS_SPARSE)
    assert isinstance(sparse, SparseAwareBook)
    try:
        return (
            {name: normal.read(name) for name in normal.sheet_names},
            {name: sparse.read(name) for name in sparse.sheet_names},
        )
    finally:
        normal.close()
        sparse.close()


def typed(grid: list[list[object]]) -> list[list[tuple[str, object]]]:
    """Each cell with its type's name, so 3.0 and 3, or a PercentCell and a float, differ."""
    return [[(type(value).__name__, value) for value in row] for row in grid]


def far_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Projects"
    sheet.append(["Project", "Country", "Stage"])
    sheet.append(["Alpha", "Peru", "PEA"])
    sheet.append(["Beta", "Chile", "PFS"])
    sheet["XFD1048576"] = "stray"
    book.save(path)
    return path


def test_the_far_cell_file_imports_its_rows_and_names_the_far_cell(
    engine: Engine, tmp_path: Path
) -> None:
    path = far_workbook(tmp_path / "far.xlsx")
    preview = run_import(Transactions(engine), read_source(path))
    assert preview.count(Action.CREATE) == 2
    assert preview.values_left_out == 1 and not preview.complete
    assert [str(problem) for problem in preview.problems] == [
        "Projects!1048576 'stray': the value at XFD1048576 lies far outside the sheet's data "
        "(A1:C3), so it was not imported. Fix: move it next to the data (or delete it) and "
        "import again"
    ]
    with Session(engine) as session:
        stored = session.exec(select(Project.name, Project.country).order_by(Project.name)).all()
    assert [tuple(row) for row in stored] == [("Alpha", "Peru"), ("Beta", "Chile")]


def test_a_dry_run_names_the_far_cell_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = far_workbook(tmp_path / "far.xlsx")
    preview = run_import(Transactions(engine), read_source(path), dry_run=True)
    assert [problem.row for problem in preview.problems] == [1048576]
    with Session(engine) as session:
        assert session.exec(select(Project)).all() == []


@needs_calamine
def test_an_ordinary_workbook_reads_the_same_cell_by_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mixed"
    sheet.append(["Project", "NPV", "IRR", "Start", "Updated", "Active", "Hours", "Note"])
    sheet.append(["Alpha", 412.5, 0.185, date(2024, 3, 5), datetime(2024, 3, 5, 13, 4), True])
    sheet.append(["Beta  ", 3, 0.25, date(1900, 1, 1), datetime(1899, 12, 31, 6, 0), False])
    sheet.append([" Gamma", -0.0, 1e-7, date(2099, 12, 31), time(13, 4, 5), None, 1.5, "x\ny"])
    sheet.append(["=A2&A3", "=1/0", None, None, None, None, None, "Ünïcode ½"])
    sheet.append([None, 1.23456789012345e19, 12, 45000.75])
    for row in range(2, 7):
        sheet.cell(row, 3).number_format = "0.0%"
        sheet.cell(row, 4).number_format = "yyyy-mm-dd"
        sheet.cell(row, 5).number_format = "d mmm yyyy h:mm"
        sheet.cell(row, 7).number_format = "[h]:mm"
    sheet["B6"].number_format = '0.00" %"'
    sheet["D6"].number_format = "h:mm AM/PM"
    other = book.create_sheet("Second")
    other["C5"] = "lonely"
    other["E9"] = 7
    other["E9"].number_format = "0%"
    book.save(tmp_path / "mixed.xlsx")
    normal, sparse = both_readers(tmp_path / "mixed.xlsx")
    assert sparse.keys() == normal.keys() == {"Mixed", "Second"}
    for name, grid in normal.items():
        assert typed(sparse[name]) == typed(grid), name
    assert isinstance(sparse["Mixed"][1][2], PercentCell)
    assert sparse["Second"][8][4] == PercentCell(7)


@needs_calamine
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}")
def test_real_workbooks_read_the_same_cell_by_cell() -> None:
    """Every sheet of the corpus's .xlsx files (Excel's, LibreOffice's and other writers'),
    cell by cell: the same values, types and % cells as the grid reader's."""
    compared = 0
    for path in sorted(CORPUS.glob("*.xls[xm]")):
        try:
            normal = _CalamineBook(path, Format.XLSX, DEFAULT_LIMITS)
        except WorkbookError:
            continue  # refused (password, damage) before any cell is read
        sparse = open_spreadsheet(path, ALWAYS_SPARSE)
        try:
            for name in normal.sheet_names:
                assert typed(sparse.read(name)) == typed(normal.read(name)), (path.name, name)
                compared += 1
        finally:
            normal.close()
            sparse.close()
    assert compared >= 100


def make_xlsx(
    path: Path, sheet_xml: str, strings: str = "", book_properties: str = "", strict: bool = False
) -> Path:
    """A workbook written by hand, with what openpyxl never writes (inline strings, rows
    and cells without references, ISO dates, the 1904 date system, Strict Open XML)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    if strict:
        main = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        kinds = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    styles = (
        '<numFmts><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd h:mm"/>'
        '<numFmt numFmtId="165" formatCode="[h]:mm"/>'
        '<numFmt numFmtId="166" formatCode="0.0&quot;%&quot;"/></numFmts>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
        '<xf numFmtId="10"/><xf numFmtId="166"/><xf numFmtId="21"/></cellXfs>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        out.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{kinds}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        out.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{kinds}">{book_properties}'
            '<sheets><sheet name="Hand" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        out.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{rels}">'
            f'<Relationship Id="rId1" Type="{kinds}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{kinds}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{kinds}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        out.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles}</styleSheet>')
        out.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>')
        out.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
    return path


HAND_SHEET = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line </t></r>'
    "<rPh><t>phonetic</t></rPh></is></c>"
    '<c r="D1" t="str"><f>A1</f><v>formula_x000D_text</v></c><c r="E1" t="e"><v>#N/A</v></c>'
    '<c r="F1" t="b"><v>1</v></c><c r="G1" t="d"><v>2021-03-04</v></c>'
    '<c r="H1" t="d"><v>2021-03-04T05:06:07.5</v></c><c r="I1"><v>abc</v></c></row>'
    '<row><c><v>1</v></c><c s="1"><v>45000</v></c><c s="2"><v>45000.25</v></c>'
    '<c s="3"><v>-1.5</v></c><c r="E2" s="4"><v>0.125</v></c><c s="5"><v>2</v></c>'
    '<c s="6"><v>0.5</v></c><c s="1"><v>59</v></c><c s="1"><v>2958466</v></c></row>'
    '<row r="5"><c r="C5"><v>1E3</v></c><c><f>1/0</f><v/></c><c r="F5" s="1"><v>0.25</v></c>'
    '<c r="H5" s="99"><v>7</v></c><c r="J5" t="s"><v/></c></row>'
    '<row r="4"><c r="B4" t="s"><v>2</v></c></row>'
)
HAND_STRINGS = (
    "<si><t>  trimmed  </t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>x</t></rPh></si>"
    '<si><t xml:space="preserve"> kept_x005F_x0041_ </t></si>'
)


@needs_calamine
@pytest.mark.parametrize("properties", ["", '<workbookPr date1904="1"/>'])
def test_hand_written_xml_reads_as_the_normal_reader_reads_it(
    tmp_path: Path, properties: str
) -> None:
    path = make_xlsx(tmp_path / "hand.xlsx", HAND_SHEET, HAND_STRINGS, properties)
    normal, sparse = both_readers(path)
    assert typed(sparse["Hand"]) == typed(normal["Hand"])
    first = sparse["Hand"][0]
    assert first[:5] == ["trimmed", "rich", "in line ", "formula\rtext", ""]
    assert sparse["Hand"][3][1] == " kept_x0041_ "


def test_hand_written_values_stated_outright(tmp_path: Path) -> None:
    """The same file's values stated outright (so a change of reader cannot hide a change)."""
    path = make_xlsx(tmp_path / "hand.xlsx", HAND_SHEET, HAND_STRINGS)
    book = open_spreadsheet(path, ALWAYS_SPARSE)
    grid = book.read("Hand")
    book.close()
    assert grid[0][5:] == [
        True,
        date(2021, 3, 4),
        datetime(2021, 3, 4, 5, 6, 7, 500000),
        "abc",
    ]
    assert grid[1] == [
        1.0,
        date(2023, 3, 15),
        datetime(2023, 3, 15, 6, 0),
        timedelta(days=-1.5),
        PercentCell(0.125),
        2.0,
        time(12, 0),
        date(1900, 2, 28),
        2958466.0,
    ]
    assert not isinstance(grid[1][5], PercentCell)  # a quoted "%" is no percent format
    assert grid[4][:8] == ["", "", 1000.0, "", "", time(6, 0), "", 7.0]


def test_far_values_are_named_one_by_one_then_counted(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Project"])
    sheet.append(["Alpha"])
    for k in range(NAMED + 5):
        sheet.cell(500_000 + k, 3, f"far {k}")
    book.save(tmp_path / "many.xlsx")
    problems = read_source(tmp_path / "many.xlsx").read_problems
    assert len(problems) == NAMED + 1
    assert [p.value for p in problems[:2]] == ["far 0", "far 1"]
    assert problems[0].reason.startswith("the value at C500000 lies far outside")
    assert problems[-1].reason == (
        "5 more values far outside the sheet's data (A1:A2) (from C500020 to C500024) "
        "were not imported"
    )


def test_a_far_column_is_left_out_and_near_gaps_are_kept(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Project", "Country"])
    sheet.append(["Alpha", "Peru"])
    sheet["A5000"] = "Beta"  # a gap of rows, but not far: kept
    sheet["XFD1"] = "stray"
    book.save(tmp_path / "wide.xlsx")
    source = read_source(tmp_path / "wide.xlsx")
    grid = source.sheets[0].grid
    assert len(grid) == 5000 and len(grid[0]) == 2 and grid[4999][0] == "Beta"
    assert [(p.row, p.value) for p in source.read_problems] == [(1, "stray")]


def test_cells_without_references_are_read_cell_by_cell(tmp_path: Path) -> None:
    """16,384 cells without references in row 1,048,576 would make a 17-billion-cell grid,
    and a scan for references cannot see them."""
    cells = "<c><v>1</v></c>" * 3
    sheet = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Project</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Alpha</t></is></c></row>'
        f'<row r="1048576"><c r="XFA1048576"><v>0</v></c>{cells}</row>'
    )
    path = make_xlsx(tmp_path / "unplaced.xlsx", sheet)
    book = open_spreadsheet(path)
    assert isinstance(book, SparseAwareBook)
    book.close()
    source = read_source(path)
    assert [list(row) for row in source.sheets[0].grid] == [["Project"], ["Alpha"]]
    assert [p.reason.split(" lies")[0] for p in source.read_problems] == [
        f"the value at {name}1048576" for name in ("XFA", "XFB", "XFC", "XFD")
    ]


def test_a_reference_after_other_attributes_is_seen(tmp_path: Path) -> None:
    sheet = (
        '<row r="1"><c t="inlineStr" r="A1"><is><t>Project</t></is></c></row>'
        '<row r="2"><c t="inlineStr" r="A2"><is><t>Alpha</t></is></c></row>'
        '<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>'
    )
    source = read_source(make_xlsx(tmp_path / "late.xlsx", sheet))
    assert [list(row) for row in source.sheets[0].grid] == [["Project"], ["Alpha"]]
    assert [p.row for p in source.read_problems] == [1048576]


def test_a_sheet_part_of_any_name_is_checked(tmp_path: Path) -> None:
    """The guard once looked only at parts named sheetN.xml; a workbook may name them freely."""
    far = far_workbook(tmp_path / "far.xlsx")
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(far) as original, zipfile.ZipFile(renamed, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            name = item.filename.replace("worksheets/sheet1.xml", "data/projects.xml")
            out.writestr(name, data.replace(b"worksheets/sheet1.xml", b"data/projects.xml"))
    source = read_source(renamed)
    assert len(source.sheets[0].grid) == 3
    assert [p.row for p in source.read_problems] == [1048576]


def test_strict_open_xml_is_read_cell_by_cell(tmp_path: Path) -> None:
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c></row>'
    path = make_xlsx(tmp_path / "strict.xlsx", sheet, "<si><t>Project</t></si>", strict=True)
    book = open_spreadsheet(path, ALWAYS_SPARSE)
    assert book.read("Hand") == [["Project", date(2023, 3, 15)]]
    book.close()


def test_a_sheet_whose_values_all_lie_far_says_so(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A500000"] = "Project"
    sheet["A500001"] = "Alpha"
    book.save(tmp_path / "low.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_source(tmp_path / "low.xlsx")
    assert str(caught.value) == (
        "low.xlsx has nothing to import (Sheet: the sheet is empty (2 values lie too far out "
        "to read, the first at A500000))"
    )


def test_a_damaged_sparse_sheet_is_one_message(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "bad.xlsx", '<row r="1"><c r="A1" t="s"><v>9</v></c></row>')
    book = open_spreadsheet(path, ALWAYS_SPARSE)
    with pytest.raises(WorkbookError) as caught:
        book.read("Hand")
    book.close()
    assert str(caught.value) == (
        "bad.xlsx is damaged and cannot be read (a cell refers to shared string '9', which is "
        "not there)"
    )
    wide = make_xlsx(tmp_path / "wide.xlsx", '<row r="1">' + "<c><v>1</v></c>" * 16_385 + "</row>")
    with pytest.raises(WorkbookError) as caught:
        read_source(wide)
    assert str(caught.value) == (
        "wide.xlsx is damaged and cannot be read (a row holds more than 16,384 cells)"
    )
    broken = make_xlsx(tmp_path / "broken.xlsx", '<row r="1"><c r="A1"><v>1</v></row>')
    book = open_spreadsheet(broken, ALWAYS_SPARSE)
    with pytest.raises(WorkbookError, match=r"^broken\.xlsx is damaged and cannot be read \("):
        book.read("Hand")
    book.close()


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("General", NumberKind.NUMBER),
        ("0.00%", NumberKind.NUMBER),
        ("DD/MM/YY", NumberKind.DATE),
        ("H:MM:SS;@", NumberKind.DATE),
        ("[h]:mm:ss", NumberKind.DURATION),
        ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm", NumberKind.DURATION),
        ("[ss].00", NumberKind.DURATION),
        ("[Red]0.00", NumberKind.NUMBER),
        ('"$"#,##0_);[Red]("$"#,##0)', NumberKind.NUMBER),
        ("#,##0\\ [$\\u20bd-46D]", NumberKind.NUMBER),
        ('#,##0.0####" YMD"', NumberKind.NUMBER),
        ("\\Y000000", NumberKind.NUMBER),
        ("#,##0*y", NumberKind.NUMBER),
        ("*-yyyy-mm-dd", NumberKind.DATE),
        ("h AM/PM", NumberKind.DATE),
        ("mm [h]", NumberKind.DATE),
    ],
)
def test_number_format_codes(code: str, kind: NumberKind) -> None:
    assert code_kind(code) is kind


def test_every_part_is_scanned_whatever_its_dimension_says(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dimension can lie: a part declaring A1:C3 that holds a value at XFD1048576 is read
    cell by cell, however big the part; a dense sheet is scanned and read as a grid."""
    from tracker.excel import guard
    from tracker.excel.spans import value_extent as real_scan

    path = far_workbook(tmp_path / "far.xlsx")
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lying, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:C3"/>', data)
                if b"<dimension" not in data:
                    data = data.replace(b"<sheetData", b'<dimension ref="A1:C3"/><sheetData', 1)
                noise = random.Random(1).randbytes(3 * 2**20).hex().encode()  # packs ~2x
                padding = b"<!--" + noise + b"-->"  # 6 MB: over the old 4 MB shortcut
                data = data.replace(b"<sheetData", padding + b"<sheetData", 1)
            target.writestr(item, data, zipfile.ZIP_DEFLATED)
    scanned: list[str] = []

    def counting_scan(stream: object) -> object:
        scanned.append("scan")
        return real_scan(stream)  # type: ignore[arg-type]

    monkeypatch.setattr(guard, "value_extent", counting_scan)
    assert guard.inspect(lying).sparse_parts == {"xl/worksheets/sheet1.xml"}
    preview = run_import(Transactions(engine), read_source(lying))
    assert preview.count(Action.CREATE) == 2 and preview.values_left_out == 1
    dense = tmp_path / "dense.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for i in range(50):
        sheet.append([f"P{i}", "Peru", "PEA"])
    book.save(dense)
    assert guard.inspect(dense).sparse_parts == frozenset()
    assert scanned.count("scan") == len(scanned) > 0


def test_the_position_scan_reads_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.excel import spans

    rows = b"".join(
        f'<row r="{i}"><c r="B{i}" s="1"><v>{i}</v></c><c r="C{i}" s="1"/></row>'.encode()
        for i in range(1, 200)
    )
    xml = b"<sheetData>" + rows + b'<row r="900"><c r="AB900"><v>1</v></c></row></sheetData>'
    whole = spans.value_extent(io.BytesIO(xml))
    monkeypatch.setattr(spans, "CHUNK_BYTES", 7)
    assert spans.value_extent(io.BytesIO(xml)) == whole == spans.Positions(Extent(900, 28), 200)
    unplaced = xml.replace(b'<c r="AB900">', b'<c s="2">')
    assert spans.value_extent(io.BytesIO(unplaced)) == spans.Positions(Extent(199, 2), 199, 1)


def test_the_command_line_exits_1_naming_the_far_value(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli import run as cli_run

    path = far_workbook(tmp_path / "far.xlsx")
    assert cli_run(["import", str(path), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "Projects!1048576 'stray': the value at XFD1048576 lies far outside" in err
    assert "Left out: 0 rows; imported in part: 0 rows; values too far out to read: 1." in err
    with Session(engine) as session:
        assert len(session.exec(select(Project)).all()) == 2


def test_column_letters_and_numbers_agree() -> None:
    from tracker.excel.cell_refs import LAST_COLUMN, column_name, column_number

    assert [column_number(n) for n in ("A", "Z", "AA", "BXX", "XFD", b"XFD")] == [
        1,
        26,
        27,
        2000,
        LAST_COLUMN,
        LAST_COLUMN,
    ]
    assert all(column_number(column_name(n)) == n for n in range(1, LAST_COLUMN + 1))
    assert Extent(1, 1).name == "A1" and Extent(3, 2).name == "A1:B3"


def test_how_far_is_far() -> None:
    from tracker.excel.cell_refs import cell_name
    from tracker.excel.far_cells import COLUMN_GAP, ROW_GAP, take_far_cells

    near_row = 1 + ROW_GAP + 1  # ROW_GAP empty rows after row index 1
    far_row = near_row + ROW_GAP + 2  # one more
    cells: dict[tuple[int, int], object] = {
        (0, 0): "Project",
        (1, 0): "Alpha",
        (near_row, 0): "a gap, but near",
        (far_row, 0): "far below",
        (0, 1 + COLUMN_GAP): "a gap of columns, but near",
        (1, 1 + COLUMN_GAP + COLUMN_GAP + 2): "far right",
    }
    far = take_far_cells(cells, max_rows=400_000, max_columns=2000)
    assert [(cell.name, cell.value) for cell in far] == [
        (cell_name(2, 2 + 2 * COLUMN_GAP + 2), "far right"),
        (f"A{far_row + 1}", "far below"),
    ]
    assert sorted(cells) == [(0, 0), (0, 1 + COLUMN_GAP), (1, 0), (near_row, 0)]
    limited: dict[tuple[int, int], object] = {(0, 0): "a", (9, 0): "b", (0, 9): "c"}
    assert [c.name for c in take_far_cells(limited, max_rows=5, max_columns=5)] == ["J1", "A10"]


def test_without_calamine_the_sparse_sheet_is_read_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.excel import reader

    monkeypatch.setattr(reader, "has_calamine", lambda: False)
    source = read_source(far_workbook(tmp_path / "far.xlsx"))
    assert [list(row) for row in source.sheets[0].grid] == [
        ["Project", "Country", "Stage"],
        ["Alpha", "Peru", "PEA"],
        ["Beta", "Chile", "PFS"],
    ]
    assert [p.row for p in source.read_problems] == [1048576]
