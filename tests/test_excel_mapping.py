"""Column names to fields: case, spaces, punctuation and units ignored; synonyms known."""

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.excel.fields import SHEETS, Entity, all_fields
from tracker.excel.mapping import auto_map, find_header_row, split_header
from tracker.excel.presets import (
    CONFIG_ENV_VAR,
    Preset,
    best_preset,
    delete_preset,
    load_presets,
    presets_dir,
    save_preset,
)


@pytest.mark.parametrize(
    ("header", "qualified"),
    [
        ("After-tax NPV (M)", "study.after_tax_npv"),
        ("Post-tax NPV", "study.after_tax_npv"),
        ("NPV after tax (US$M)", "study.after_tax_npv"),
        ("npv_after_tax", "study.after_tax_npv"),
        ("NPV 5% (US$ M)", "study.after_tax_npv"),
        ("AFTER TAX NPV", "study.after_tax_npv"),
        ("IRR (%)", "study.after_tax_irr_pct"),
        ("Pre-tax IRR", "study.pre_tax_irr_pct"),
        ("Commodities", "project.commodities"),
        ("Ticker", "company.listings"),
        ("Company Name", "company.name"),
        ("Project", "project.name"),
        ("State/Province", "project.region"),
        ("Capex, US$M", "study.initial_capex"),
        ("AISC (US$/oz)", "study.aisc"),
        ("Mine life (yrs)", "study.mine_life_years"),
        ("Stage", "project.stage"),
    ],
)
def test_headers_map_to_fields(header: str, qualified: str) -> None:
    mapping = auto_map(["Project", header] if header != "Project" else [header], "Sheet1")
    found = mapping.columns[-1].field
    assert found is not None and found.qualified == qualified


def test_units_in_headers_are_kept_for_the_values() -> None:
    name, unit = split_header("NPV after tax (US$M)")
    assert name == "NPV after tax"
    assert (unit.scale, unit.currency) == (Decimal(10**6), "USD")
    assert split_header("IRR (%)")[1].percent
    assert split_header("AISC (US$/oz)")[1].scale is None
    assert split_header("Tonnes (Mt)")[1].scale == Decimal(10**6)
    assert split_header("NPV (after-tax)")[0] == "NPV after-tax"


def test_the_sheet_name_says_what_ambiguous_columns_mean() -> None:
    deals = auto_map(["Deal", "Type", "Status", "Interest (%)", "Source"], "Deals")
    assert deals.entity is Entity.DEAL
    assert [c.field.qualified for c in deals.columns if c.field] == [
        "deal.title",
        "deal.deal_type",
        "deal.status",
        "deal.interest_pct",
        "deal.source",
    ]
    projects = auto_map(["Project", "Interest (%)", "Source"], "Watchlist")
    assert [c.field.qualified for c in projects.columns if c.field] == [
        "project.name",
        "project.interest_pct",
        "project.source",
    ]


def test_a_field_fills_one_column_only() -> None:
    mapping = auto_map(["NPV", "Post-tax NPV"], "Sheet1")
    assert [c.field.qualified if c.field else None for c in mapping.columns] == [
        "study.after_tax_npv",
        None,
    ]
    moved = mapping.with_field(1, "study.after_tax_npv")
    assert [c.field.qualified if c.field else None for c in moved.columns] == [
        None,
        "study.after_tax_npv",
    ]


def test_every_header_of_the_workbook_maps_back_to_its_field() -> None:
    for spec in SHEETS:
        mapping = auto_map([f.header for f in spec.fields], spec.name)
        for column, fld in zip(mapping.columns, spec.fields, strict=True):
            assert column.field == (fld if fld.read else None), (spec.name, fld.header)


def test_field_names_are_unique_per_entity() -> None:
    names = [f.qualified for f in all_fields()]
    assert len(names) == len(set(names))


def test_header_row_is_found_below_titles() -> None:
    rows: list[list[object]] = [
        ["My mining watchlist", "", ""],
        ["updated weekly", "", ""],
        ["", "", ""],
        ["Project", "Country", "NPV (US$M)"],
        ["Alpha", "Peru", 120.0],
    ]
    assert find_header_row(rows) == 3
    assert find_header_row([[1.0, 2.0], [3.0, 4.0]]) is None


def test_presets_round_trip_in_an_overridable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV_VAR, str(tmp_path / "cfg"))
    assert presets_dir() == tmp_path / "cfg" / "import-presets"
    preset = Preset("Broker sheet", {"Name": "project.name", "Junk": None}, 2)
    path = save_preset(preset)
    assert path.parent == presets_dir()
    (presets_dir() / "broken.json").write_text("{not json", encoding="utf-8")
    assert load_presets() == [preset]
    assert best_preset(["Name", "Junk", "Other"], load_presets()) == preset
    assert best_preset(["Name"], load_presets()) is None
    preset_used = auto_map(["Name", "Junk"], "Sheet1", preset.columns)
    assert [c.field.qualified if c.field else None for c in preset_used.columns] == [
        "project.name",
        None,
    ]
    delete_preset("Broker sheet")
    assert load_presets() == []


def test_presets_default_to_the_user_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)
    assert presets_dir().name == "import-presets"
    assert "mining-tracker" in str(presets_dir())
