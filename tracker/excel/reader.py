"""Read a spreadsheet's cells: python-calamine for every format, openpyxl when it is missing.

Cells come back as Python values (str, float, int, bool, date, datetime, time, None); row ``i``
of a grid is the sheet's row ``i + 1``, so problems can name the row a person sees. An .xlsx
sheet the guard finds too sparse for a grid is read cell by cell (``sparse``) instead.
"""

import importlib.util
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from tracker.excel.errors import WorkbookError
from tracker.excel.far_cells import FarCell
from tracker.excel.formats import formats_known, mark_percent_cells, percent_cells
from tracker.excel.guard import DEFAULT_LIMITS, Format, Limits, inspect
from tracker.excel.sparse import read_sparse, sparse_sheets

Grid = list[list[object]]


class Spreadsheet(Protocol):
    """An opened file: its sheet names and each sheet's cells."""

    name: str
    format: Format
    sheet_names: list[str]
    #: True when the cells of a % number format come back as ``PercentCell`` values.
    percent_formats: bool

    def read(self, sheet: str) -> Grid: ...

    def close(self) -> None: ...


def has_calamine() -> bool:
    return importlib.util.find_spec("python_calamine") is not None


def open_spreadsheet(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, percent_formats: bool = True
) -> Spreadsheet:
    """Open ``path`` after the guard's checks; every failure is one ``WorkbookError``.

    ``percent_formats``: mark the cells of a % format (``formats.PercentCell``), where the file
    says; the portfolio workbook, whose every percent column is fractions, does without."""
    inspection = inspect(path, limits)
    kind = inspection.format
    book: Spreadsheet
    if kind is Format.CSV:
        from tracker.excel.csv_book import CsvBook

        return CsvBook(path, limits)
    if has_calamine():
        book = _CalamineBook(path, kind, limits)
    elif kind is Format.XLSX:
        book = _OpenpyxlBook(path, kind, limits)
    else:
        raise WorkbookError(
            f"{path.name} is an {kind.value} file; this installation reads only .xlsx "
            "(install python-calamine to read .xls, .xlsb and .ods, or save the file as .xlsx)"
        )
    sparse = sparse_sheets(path, book.sheet_names, inspection.sparse_parts)
    if sparse:
        book = SparseAwareBook(book, path, sparse, limits)
    book.percent_formats = percent_formats and book.percent_formats
    return book


def far_cells(book: Spreadsheet, sheet: str) -> list[FarCell]:
    """The values of ``sheet`` left out as far from its data (once it is read)."""
    return book.far.get(sheet, []) if isinstance(book, SparseAwareBook) else []


class SparseAwareBook:
    """A workbook whose sparse sheets are read cell by cell, the others by the grid reader."""

    def __init__(self, inner: Spreadsheet, path: Path, sparse: set[str], limits: Limits) -> None:
        self.inner = inner
        self.sparse = sparse
        self.name = inner.name
        self.format = inner.format
        self.sheet_names = inner.sheet_names
        self.percent_formats = inner.percent_formats
        #: Each sparse sheet's values left out as far from its data, once it is read.
        self.far: dict[str, list[FarCell]] = {}
        self._path = path
        self._limits = limits

    def read(self, sheet: str) -> Grid:
        if sheet not in self.sparse:
            self.inner.percent_formats = self.percent_formats
            return self.inner.read(sheet)
        found = read_sparse(self._path, sheet, self._limits)
        self.far[sheet] = found.far
        if self.percent_formats:
            mark_percent_cells(found.grid, found.percent)
        return found.grid

    def close(self) -> None:
        self.inner.close()


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic inside calamine: pyo3 raises it as a BaseException, not an Exception."""
    return type(exc).__name__ == "PanicException"


def _damaged(path: Path, exc: BaseException) -> WorkbookError:
    reason = str(exc).split("\n")[0][:160] or type(exc).__name__
    return WorkbookError(f"{path.name} is damaged and cannot be read ({reason})")


class _CalamineBook:
    def __init__(self, path: Path, kind: Format, limits: Limits) -> None:
        import python_calamine as calamine

        self.name = path.name
        self.format = kind
        self.percent_formats = formats_known(kind)
        self._limits = limits
        self._path = path
        self._errors = calamine
        try:
            self._book: Any = calamine.CalamineWorkbook.from_path(str(path))
            metadata = self._book.sheets_metadata
        except calamine.PasswordError as exc:
            raise WorkbookError(
                f"{path.name} is password-protected; save a copy without a password and import that"
            ) from exc
        except Exception as exc:
            raise _damaged(path, exc) from exc
        except BaseException as exc:
            if _is_panic(exc):
                raise _damaged(path, exc) from exc
            raise
        # Hidden sheets hold lookups (like the template's lists), not data to import.
        self.sheet_names = [
            meta.name
            for meta in metadata
            if str(meta.typ).endswith("WorkSheet") and str(meta.visible).endswith(".Visible")
        ]

    def read(self, sheet: str) -> Grid:
        try:
            loaded = self._book.get_sheet_by_name(sheet)
            if loaded.height > self._limits.max_rows:
                raise WorkbookError(
                    f"sheet '{sheet}' of {self.name} has {loaded.height:,} rows; the import reads "
                    f"up to {self._limits.max_rows:,} rows a sheet"
                )
            if loaded.width > self._limits.max_columns:
                raise WorkbookError(
                    f"sheet '{sheet}' of {self.name} has {loaded.width:,} columns; the import "
                    f"reads up to {self._limits.max_columns:,}"
                )
            rows: Grid = loaded.to_python(skip_empty_area=False)
        except WorkbookError:
            raise
        except self._errors.PasswordError as exc:
            raise WorkbookError(f"{self.name} is password-protected") from exc
        except Exception as exc:
            raise _damaged(self._path, exc) from exc
        except BaseException as exc:
            if _is_panic(exc):
                raise _damaged(self._path, exc) from exc
            raise
        if self.percent_formats:
            mark_percent_cells(rows, percent_cells(self._path, self.format, sheet))
        return rows

    def close(self) -> None:
        self._book.close()


class _OpenpyxlBook:
    """The fallback for .xlsx when python-calamine is not installed (slower, same cells)."""

    def __init__(self, path: Path, kind: Format, limits: Limits) -> None:
        from openpyxl import load_workbook

        self.name = path.name
        self.format = kind
        self.percent_formats = formats_known(kind)
        self._path = path
        self._limits = limits
        try:
            self._book: Any = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise _damaged(path, exc) from exc
        except Exception as exc:
            raise _damaged(path, exc) from exc
        self.sheet_names = [
            sheet.title for sheet in self._book.worksheets if sheet.sheet_state == "visible"
        ]

    def read(self, sheet: str) -> Grid:
        clean: Callable[[object], object] = _openpyxl_value
        rows: Grid = []
        try:
            for row in self._book[sheet].iter_rows(values_only=True):
                if len(rows) >= self._limits.max_rows:
                    raise WorkbookError(
                        f"sheet '{sheet}' of {self.name} has more than "
                        f"{self._limits.max_rows:,} rows"
                    )
                if len(row) > self._limits.max_columns:
                    raise WorkbookError(
                        f"sheet '{sheet}' of {self.name} has {len(row):,} columns; the import "
                        f"reads up to {self._limits.max_columns:,}"
                    )
                rows.append([clean(value) for value in row])
        except WorkbookError:
            raise
        except Exception as exc:
            raise _damaged(self._path, exc) from exc
        if self.percent_formats:
            mark_percent_cells(rows, percent_cells(self._path, self.format, sheet))
        return rows

    def close(self) -> None:
        self._book.close()


def _openpyxl_value(value: object) -> object:
    return "" if value is None else value
