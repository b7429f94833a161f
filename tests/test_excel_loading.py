"""Sheets are read on worker threads, in order, each worker with its own workbook; whoever
needs a sheet gets the same cells (or the same error) as a direct read."""

import threading
from collections.abc import Callable

import pytest

from tracker.excel.errors import WorkbookError
from tracker.excel.guard import Format
from tracker.excel.loading import BackgroundGrids, LazyGrid
from tracker.excel.reader import Grid

WAIT = 30.0  # seconds: only reached when the code under test hangs


class FakeBook:
    """A workbook whose sheet ``n`` holds [[name, n]]; reads can be held or made to fail."""

    format = Format.XLSX
    percent_formats = False

    def __init__(self, shelf: "Shelf") -> None:
        self.shelf = shelf
        self.name = "book.xlsx"
        self.sheet_names = list(shelf.names)
        self.closed = False

    def read(self, sheet: str) -> Grid:
        shelf = self.shelf
        with shelf.lock:
            shelf.readers[sheet] = threading.current_thread().name
            shelf.reads.append(sheet)
            shelf.started.setdefault(sheet, threading.Event()).set()
        hold = shelf.holds.get(sheet)
        if hold is not None:
            assert hold.wait(WAIT), "the test never released the sheet"
        if sheet in shelf.broken:
            raise WorkbookError(f"sheet '{sheet}' is damaged")
        return [[sheet, shelf.names.index(sheet)]]

    def close(self) -> None:
        self.closed = True


class Shelf:
    """What the fake books share: the sheets, and a record of who read what."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.lock = threading.Lock()
        self.books: list[FakeBook] = []
        self.reads: list[str] = []
        self.readers: dict[str, str] = {}
        self.holds: dict[str, threading.Event] = {}
        self.broken: set[str] = set()
        self.started: dict[str, threading.Event] = {}

    def wait_started(self, sheet: str) -> None:
        with self.lock:
            started = self.started.setdefault(sheet, threading.Event())
        assert started.wait(WAIT), f"nobody started reading {sheet}"

    def opener(self) -> Callable[[], FakeBook]:
        def open_book() -> FakeBook:
            book = FakeBook(self)
            with self.lock:
                self.books.append(book)
            return book

        return open_book


NAMES = ["Companies", "Projects", "Stage history", "Studies", "Holdings"]


def test_every_sheet_comes_back_with_its_own_cells() -> None:
    shelf = Shelf(NAMES)
    grids = BackgroundGrids(NAMES, shelf.opener())
    try:
        for n, name in enumerate(NAMES):
            assert grids.grid(name) == [[name, n]]
    finally:
        grids.close()
    assert sorted(shelf.reads) == sorted(NAMES)  # each sheet read once
    assert len(shelf.books) <= 2
    assert all(book.closed for book in shelf.books)


def test_two_workers_read_at_once_each_with_its_own_workbook() -> None:
    shelf = Shelf(NAMES)
    shelf.holds["Companies"] = threading.Event()
    grids = BackgroundGrids(NAMES, shelf.opener(), workers=2)
    try:
        # The first sheet is held mid-read, yet the next one is read by the other worker.
        assert grids.grid("Projects") == [["Projects", 1]]
        assert shelf.readers["Companies"] != shelf.readers["Projects"]
        shelf.holds["Companies"].set()
        assert grids.grid("Companies") == [["Companies", 0]]
    finally:
        shelf.holds["Companies"].set()
        grids.close()
    assert len({id(book) for book in shelf.books}) == len(shelf.books) == 2


def test_sheets_are_taken_in_workbook_order() -> None:
    shelf = Shelf(NAMES)
    grids = BackgroundGrids(NAMES, shelf.opener(), workers=1)
    try:
        assert grids.grid("Holdings") == [["Holdings", 4]]
    finally:
        grids.close()
    assert shelf.reads == NAMES


def test_a_damaged_sheet_fails_where_it_is_needed_and_the_others_still_load() -> None:
    shelf = Shelf(NAMES)
    shelf.broken.add("Projects")
    grids = BackgroundGrids(NAMES, shelf.opener())
    try:
        with pytest.raises(WorkbookError, match="sheet 'Projects' is damaged"):
            grids.grid("Projects")
        assert grids.grid("Studies") == [["Studies", 3]]
    finally:
        grids.close()


def test_a_sheet_left_unread_after_close_is_read_by_whoever_needs_it() -> None:
    shelf = Shelf(NAMES)
    shelf.holds["Companies"] = threading.Event()
    shelf.holds["Projects"] = threading.Event()
    grids = BackgroundGrids(NAMES, shelf.opener(), workers=2)
    shelf.wait_started("Companies")
    shelf.wait_started("Projects")
    grids.stop()
    shelf.holds["Companies"].set()
    shelf.holds["Projects"].set()
    grids.close()
    assert "Studies" not in shelf.reads  # the workers stopped after the sheets they held
    assert grids.grid("Studies") == [["Studies", 3]]
    assert grids.grid("Companies") == [["Companies", 0]]
    assert shelf.reads.count("Companies") == 1
    assert all(book.closed for book in shelf.books)


def test_a_lazy_grid_reads_once_on_first_use() -> None:
    loads: list[int] = []

    def load() -> Grid:
        loads.append(1)
        return [["a"], ["b"]]

    grid = LazyGrid(load, rows=2)
    assert grid.known_rows == 2
    assert loads == []
    assert len(grid) == 2
    assert grid[1] == ["b"]
    assert list(grid) == [["a"], ["b"]]
    assert loads == [1]


def test_a_released_grid_reads_its_cells_again_when_used() -> None:
    loads: list[int] = []
    forgotten: list[int] = []

    def load() -> Grid:
        loads.append(1)
        return [["a"]]

    grid = LazyGrid(load, rows=1, forget=lambda: forgotten.append(1))
    assert grid[0] == ["a"] and grid.loaded
    grid.release()
    assert not grid.loaded and forgotten == [1]
    assert grid[0] == ["a"]
    assert loads == [1, 1]


def test_a_released_sheet_is_read_anew_by_whoever_needs_it() -> None:
    shelf = Shelf(NAMES)
    grids = BackgroundGrids(NAMES, shelf.opener())
    try:
        assert grids.grid("Projects") == [["Projects", 1]]
        grids.release("Projects")
        assert grids.grid("Projects") == [["Projects", 1]]
    finally:
        grids.close()
    assert shelf.reads.count("Projects") == 2


def test_a_sheet_released_before_it_was_read_is_not_read_by_the_workers() -> None:
    shelf = Shelf(NAMES)
    shelf.holds["Companies"] = threading.Event()
    grids = BackgroundGrids(NAMES, shelf.opener(), workers=1)
    try:
        grids.release("Stage history")
        shelf.holds["Companies"].set()
        assert grids.grid("Holdings") == [["Holdings", 4]]
    finally:
        grids.close()
    assert "Stage history" not in shelf.reads
