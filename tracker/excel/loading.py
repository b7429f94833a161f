"""Read a workbook's sheets on worker threads, in order, while the import plans the ones
already read.

python-calamine parses a sheet's XML without holding the GIL (only building the Python rows
holds it), so the main thread plans while the workers read. Two workers read two sheets at
once: the import's own work is lighter than reading, so with one worker the main thread spent
most of the reading waiting for the next sheet. ``LazyGrid`` stands for a sheet's cells until
they are first needed; a sheet no worker reached (stopped, or failed) is read by whoever needs
it, so the cells are the same either way.
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from tracker.excel.reader import Grid, Spreadsheet

Row = list[object]
#: Sheets read at once. The reads use cores the planning leaves idle; more than two gains
#: nothing on a two-core machine and holds more sheets in memory before they are needed.
WORKERS = 2


class BackgroundGrids:
    """Reads sheets ``names`` in order on ``workers`` threads, each with its own workbook from
    ``open_book`` (a workbook object must not be shared across threads)."""

    def __init__(
        self,
        names: Sequence[str],
        open_book: Callable[[], Spreadsheet],
        workers: int = WORKERS,
    ) -> None:
        self._open = open_book
        self._names = list(names)
        self._next = 0
        #: Each sheet read, or why it could not be; None once released (read again if needed).
        self._done: dict[str, Grid | BaseException | None] = {}
        self._ready = threading.Condition()
        self._stop = threading.Event()
        self._running = max(1, min(workers, len(self._names)))
        self._threads = [
            threading.Thread(target=self._run, name=f"excel-sheets-{n}", daemon=True)
            for n in range(self._running)
        ]
        for thread in self._threads:
            thread.start()

    def _claim(self) -> str | None:
        """The next sheet nobody reads yet, or None when all are taken (or reading stopped)."""
        with self._ready:
            while self._next < len(self._names) and self._names[self._next] in self._done:
                self._next += 1  # released before anyone read it
            if self._stop.is_set() or self._next >= len(self._names):
                return None
            name = self._names[self._next]
            self._next += 1
            return name

    def _run(self) -> None:
        book: Spreadsheet | None = None
        try:
            while (name := self._claim()) is not None:
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
                self._running -= 1
                self._ready.notify_all()

    def _settled(self, name: str) -> bool:
        """Whether ``name`` is read, or will never be read by a worker."""
        if name in self._done:
            return True
        taken = name in self._names[: self._next]
        return self._running == 0 or (self._stop.is_set() and not taken)

    def _read(self, name: str) -> Grid:
        book = self._open()
        try:
            return book.read(name)
        finally:
            book.close()

    def grid(self, name: str) -> Grid:
        """The cells of sheet ``name``, once read (by a worker, or here if none will)."""
        with self._ready:
            self._ready.wait_for(lambda: self._settled(name))
            outcome = self._done.get(name)
        if outcome is None:
            outcome = self._read(name)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def release(self, name: str) -> None:
        """Let go of sheet ``name``'s cells: whoever needs them again reads the sheet anew."""
        with self._ready:
            self._done[name] = None
            self._ready.notify_all()

    def stop(self) -> None:
        """Read no further sheets once those being read are done (without waiting for them)."""
        self._stop.set()

    def close(self) -> None:
        """Stop after the sheets being read, and wait for the workers."""
        self.stop()
        for thread in self._threads:
            thread.join()


class LazyGrid(Sequence[Row]):
    """A sheet's cells, read on first use; ``release`` lets them go until they are used again
    (an import that is writing no longer needs a sheet's cells once it has typed them: at
    100,000 projects they are half a gigabyte)."""

    def __init__(
        self,
        load: Callable[[], Grid],
        rows: int | None = None,
        forget: Callable[[], None] | None = None,
    ) -> None:
        self._load = load
        self._forget = forget
        self._grid: Grid | None = None
        #: How many rows the sheet has, when known without reading it.
        self.known_rows = rows

    @property
    def loaded(self) -> bool:
        """Whether the cells are held now."""
        return self._grid is not None

    def release(self) -> None:
        """Drop the cells (and the reader's copy); the next use reads them again."""
        self._grid = None
        if self._forget is not None:
            self._forget()

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
