"""An export frees its workbook's cells when it returns, not at the cyclic collector's next pass
(which at 100,000 projects takes seconds and, in the app, freezes the window)."""

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from sqlalchemy import Engine

from tracker.excel.export import export_workbook


def test_the_written_workbook_is_freed_without_the_cyclic_collector(
    demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[weakref.ref[Any]] = []

    class Watched(xlsxwriter.Workbook):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(xlsxwriter, "Workbook", Watched)
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        result = export_workbook(demo, tmp_path / "portfolio.xlsx")
        assert result.path.exists()
        assert len(made) == 1
        assert made[0]() is None, "the workbook outlived the export"
    finally:
        if enabled:
            gc.enable()
