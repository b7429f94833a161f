"""A default fills a field's empty cells, in the rows that give its record something: a given
value is kept, and a row without a study gets no study from a default rate."""

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.session import Transactions
from tracker.excel.importer import read_source, run_import
from tracker.excel.presets import Preset, load_presets, save_preset
from tracker.excel.sheet_rows import SheetChoice
from tracker.models import Project, Study


def test_a_default_fills_only_empty_cells_of_rows_with_a_study(
    engine: Engine, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(["Project", "Study type", "After-tax NPV (M)", "Discount rate (%)"])
    sheet.append(["Davidson", "PFS", 412.5, 5])
    sheet.append(["Silver Spur", "PEA", 120, None])
    sheet.append(["El Alto", None, None, None])
    path = tmp_path / "watch.xlsx"
    book.save(path)
    source = read_source(path)
    (chosen,) = source.sheets
    defaults = {"study.discount_rate_pct": "8", "study.currency": "CAD"}
    mapped = SheetChoice(
        chosen.name, chosen.grid, chosen.header_row, chosen.mapping.with_defaults(defaults)
    )
    preview = run_import(Transactions(engine), source, [mapped])
    assert preview.problems == [] and preview.complete
    with Session(engine) as session:
        names = {p.id: p.name for p in session.exec(select(Project))}
        rows = [
            (names[s.project_id], s.discount_rate_pct, s.currency)
            for s in session.exec(select(Study))
        ]
        assert sorted(rows) == [
            ("Davidson", Decimal(5), "CAD"),
            ("Silver Spur", Decimal(8), "CAD"),
        ]
        assert len(names) == 3


def test_a_preset_keeps_its_defaults_and_an_old_preset_has_none(tmp_path: Path) -> None:
    folder = tmp_path / "presets"
    save_preset(
        Preset("With rate", {"Latest": "study.study_type"}, 2, {"study.discount_rate_pct": "8"}),
        folder,
    )
    (folder / "Old.json").write_text(
        '{"version": 1, "name": "Old", "header_row": 0, "columns": {"Type": "study.study_type"}}',
        encoding="utf-8",
    )
    presets = {p.name: p for p in load_presets(folder)}
    assert presets["With rate"].defaults == {"study.discount_rate_pct": "8"}
    assert presets["With rate"].header_row == 2
    assert presets["Old"].defaults == {}
    assert presets["Old"].columns == {"Type": "study.study_type"}
