"""Write the investor corpus: every source of ``sources.SOURCES`` with the table of the values
it states beside it (``NAME.expected.csv``: entity, key, field, value).

    python -m tests.investor_corpus.build [FOLDER]

FOLDER defaults to ``tests/investor_corpus/files``. Sources written by LibreOffice are an
openpyxl file converted with ``soffice --headless --convert-to``; without LibreOffice they are
left out (and named on standard error).
"""

import csv
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook

from tests.investor_corpus.layout import Source, data_start, facts_of, grid_of
from tests.investor_corpus.sources import SOURCES

HERE = Path(__file__).parent
FILES = HERE / "files"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
_LIBREOFFICE_FILTERS = {"libreoffice-ods": "ods", "libreoffice-xlsx": "xlsx:Calc MS Excel 2007 XML"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _write_openpyxl(source: Source, path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    for number, sheet in enumerate(source.sheets):
        target = first if number == 0 else book.create_sheet()
        target.title = sheet.name or "Sheet1"
        rows, percent = grid_of(sheet)
        start = data_start(sheet)
        for index, row in enumerate(rows):
            target.append(row)
            for column in percent if index >= start else ():
                cell = target.cell(index + 1, column + 1)
                if isinstance(cell.value, float):
                    cell.number_format = PERCENT_FORMAT
    book.save(path)


def _write_xlsxwriter(source: Source, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    percent_format = book.add_format({"num_format": PERCENT_FORMAT})
    date_format = book.add_format({"num_format": DATE_FORMAT})
    try:
        for sheet in source.sheets:
            target = book.add_worksheet(sheet.name or "Sheet1")
            rows, percent = grid_of(sheet)
            start = data_start(sheet)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, date):
                        target.write_datetime(r, c, value, date_format)
                    elif isinstance(value, float):
                        shown = percent_format if c in percent and r >= start else None
                        target.write_number(r, c, value, shown)
                    else:
                        target.write_string(r, c, str(value))
    finally:
        book.close()


def _number_text(value: float, percent: bool, european: bool) -> str:
    amount = Decimal(repr(value))
    if percent:
        amount *= 100
    negative = amount < 0
    text = format(abs(amount).normalize(), "f") if amount else "0"
    whole, _point, fraction = text.partition(".")
    if european:
        if fraction and len(whole) > 3:
            whole = f"{int(whole):,}".replace(",", ".")
        text = whole + ("," + fraction if fraction else "")
        text = "-" + text if negative else text
    else:
        if len(whole) > 3:
            whole = f"{int(whole):,}"
        text = whole + ("." + fraction if fraction else "")
        text = f"({text})" if negative else text
    return text + ("%" if percent else "")


def _csv_rows(source: Source, european: bool) -> list[list[str]]:
    (sheet,) = source.sheets
    rows, percent = grid_of(sheet)
    start = data_start(sheet)
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        cells: list[str] = []
        for c, value in enumerate(row):
            if value is None:
                cells.append("")
            elif isinstance(value, date):
                cells.append(value.strftime("%d.%m.%Y") if european else value.isoformat())
            elif isinstance(value, float):
                cells.append(_number_text(value, c in percent and r >= start, european))
            else:
                cells.append(str(value))
        out.append(cells)
    return out


def _write_csv(source: Source, path: Path) -> None:
    european = source.writer in {"csv-eu", "tsv-eu"}
    delimiter = {"csv-eu": ";", "tsv-eu": "\t"}.get(source.writer, ",")
    encoding = {"csv-eu": "cp1252", "csv-bom": "utf-8-sig"}.get(source.writer, "utf-8")
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(_csv_rows(source, european))


def _write_expected(source: Source, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["entity", "key", "field", "value"])
        writer.writerows(facts_of(source))


def convert(office: str, files: Sequence[Path], target: str, folder: Path) -> None:
    """Open ``files`` in LibreOffice and save them into ``folder`` with the ``target`` filter."""
    with tempfile.TemporaryDirectory() as profile:
        completed = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                *(str(file) for file in files),
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    missing = [f for f in files if not any(folder.glob(f.stem + ".*"))]
    if missing:
        raise RuntimeError(
            f"LibreOffice did not convert {missing[0].name}: "
            + completed.stderr.decode(errors="replace")
        )


def build(folder: Path, sources: Sequence[Source] = SOURCES) -> list[Source]:
    """Write ``sources`` and their expected tables into ``folder``; the sources written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Source] = []
    later: dict[str, list[Source]] = {}
    for source in sources:
        path = folder / (source.name + source.suffix)
        if source.writer == "openpyxl":
            _write_openpyxl(source, path)
        elif source.writer == "xlsxwriter":
            _write_xlsxwriter(source, path)
        elif source.writer.startswith("libreoffice"):
            later.setdefault(source.writer, []).append(source)
            continue
        else:
            _write_csv(source, path)
        _write_expected(source, folder / f"{source.name}.expected.csv")
        written.append(source)
    office = soffice()
    if later and office is None:
        names = ", ".join(s.name for group in later.values() for s in group)
        print(f"LibreOffice is not installed: left out {names}", file=sys.stderr)
        return written
    for writer, group in later.items():
        assert office is not None
        with tempfile.TemporaryDirectory() as scratch:
            drafts = []
            for source in group:
                draft = Path(scratch) / f"{source.name}.xlsx"
                _write_openpyxl(source, draft)
                drafts.append(draft)
            convert(office, drafts, _LIBREOFFICE_FILTERS[writer], folder)
        for source in group:
            _write_expected(source, folder / f"{source.name}.expected.csv")
            written.append(source)
    return written


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[0]) if argv else FILES
    written = build(folder)
    print(f"wrote {len(written)} sources to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
