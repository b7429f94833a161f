"""Read a workbook's sheets on a worker thread, in order, while the import plans the ones
already read.

python-calamine parses a sheet's XML without holding the GIL, so on a machine with two cores
reading the next sheet costs the import almost nothing. ``LazyGrid`` stands for a sheet's cells
until they are first needed; a sheet the worker did not reach (stopped, or failed) is read by
whoever needs it, so the cells are the same either way.
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from tracker.excel.reader import Grid, Spreadsheet

Row = list[object]


class BackgroundGrids:
    """Reads sheets ``names`` one after another from a workbook ``open_book`` opens (its own:
    a workbook object must not be shared across threads)."""

    def __init__(self, names: Sequence[str], open_book: Callable[[], Spreadsheet]) -> None:
        self._open = open_book
        self._names = list(names)
        self._done: dict[str, Grid | BaseException] = {}
        self._ready = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="excel-sheets", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        book: Spreadsheet | None = None
        try:
            for name in self._names:
                if self._stop.is_set():
                    break
                try:
                    book = book or self._open()
                    outcome: Grid | BaseException = book.read(name)
                except BaseException as exc:  # handed to whoever needs the sheet
                    outcome = exc
                with self._ready:
                    self._done[name] = outcome
                    self._ready.notify_all()
        finally:
            if book is not None:
                book.close()
            with self._ready:
                self._stop.set()
                self._ready.notify_all()

    def _read(self, name: str) -> Grid:
        book = self._open()
        try:
            return book.read(name)
        finally:
            book.close()

    def grid(self, name: str) -> Grid:
        """The cells of sheet ``name``, once read (by the worker, or here if it stopped)."""
        with self._ready:
            self._ready.wait_for(lambda: name in self._done or self._stop.is_set())
            outcome = self._done.get(name)
        if outcome is None:
            outcome = self._read(name)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def close(self) -> None:
        """Stop after the sheet being read, and wait for the worker."""
        self._stop.set()
        self._thread.join()


class LazyGrid(Sequence[Row]):
    """A sheet's cells, read on first use."""

    def __init__(self, load: Callable[[], Grid], rows: int | None = None) -> None:
        self._load = load
        self._grid: Grid | None = None
        #: How many rows the sheet has, when known without reading it.
        self.known_rows = rows

    @property
    def cells(self) -> Grid:
        if self._grid is None:
            self._grid = self._load()
        return self._grid

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self.cells[index]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.cells)
