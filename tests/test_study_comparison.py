"""NPVs at different discount rates are not compared: the change is not computed, and the
project page says why (Casino: PEA at 8 %, FS at 5 %)."""

from decimal import Decimal

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_due import TODAY, show_row
from tracker.details import compare_studies
from tracker.models import Study
from ui.main_window import MainWindow


def study(kind: str, npv: str, rate: str | None, irr: str) -> Study:
    return Study(
        project_id=1,
        study_type=kind,
        title=kind,
        currency="CAD",
        after_tax_npv=Decimal(npv),
        discount_rate_pct=Decimal(rate) if rate else None,
        after_tax_irr_pct=Decimal(irr),
    )


def test_npv_change_is_computed_only_at_one_discount_rate() -> None:
    pea, fs, update = (
        study("PEA", "2300000000", "8", "19.5"),
        study("FS", "5770000000", "5", "18.1"),
        study("Updated FS", "6000000000", "5", "20"),
    )
    first, second = compare_studies([pea, fs, update])
    assert first.after_tax_npv.difference is None
    assert first.after_tax_npv.relative_pct is None
    assert first.npv_note == "NPV at 8.0 % vs 5.0 %: not comparable"
    assert first.after_tax_irr_pct.difference == Decimal("-1.4"), "IRRs still compare"
    assert second.npv_note == ""
    assert second.after_tax_npv.difference == Decimal(230_000_000)
    unstated = compare_studies([study("PEA", "1", None, "1"), fs])[0]
    assert unstated.npv_note == "NPV at an unstated rate vs 5.0 %: not comparable"


def test_casinos_project_page_says_the_npvs_are_not_comparable(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    main_window.sections["projects"].today = lambda: TODAY
    show_row(qtbot, main_window, "projects", 0, "Casino")
    text = main_window.sections["projects"].detail.toPlainText().replace("\xa0", " ")
    assert "NPV at 8.0 % vs 5.0 %: not comparable." in text
    assert text.count("not comparable") == 2, "in the change column and in the note"
    assert "+150.9 %" not in text
    assert "+3,470.0 M" not in text
    assert "-1.4 pts" in text, "the IRR change is still shown"
