"""A study imported without its discount rate is kept with the rate "not stated": the study
comparison and the screening table say so (not a blank, not 0 %), and the study can still be
edited without inventing a rate."""

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QTableView
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.session import Transactions
from tests.test_due import show_row
from tests.test_ui_editing import open_form
from tracker.excel.importer import read_source, run_import
from tracker.models import Company, Holding, Project, Study
from tracker.portfolio.lookthrough import look_through
from tracker.services.holdings import create_holding
from tracker.services.studies import update_study
from ui.forms.study_form import StudyForm
from ui.main_window import MainWindow
from ui.portfolio.panel import PortfolioPanel

ON = date(2025, 1, 1)


@pytest.fixture
def imported(engine: Engine, tmp_path: Path) -> Engine:
    """Davidson: a PEA at 8 % and a PFS whose rate the sheet leaves out; Silver Spur: a PEA
    at 5 %; El Alto: a resource estimate without an NPV."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Studies"
    sheet.append(["Company", "Project", "Commodities", "Type", "Published", "After-tax NPV (M)",
                  "Discount rate (%)", "After-tax IRR (%)"])  # fmt: skip
    sheet.append(["Moon River", "Davidson", "Mo", "PEA", datetime(2022, 5, 1), 300, 8, 20])
    sheet.append(["Moon River", "Davidson", "Mo", "PFS", datetime(2024, 3, 5), 412.5, None, 25])
    sheet.append(["Argentum", "Silver Spur", "Ag", "PEA", datetime(2023, 6, 1), 120, 5, 30])
    sheet.append(["Cobre", "El Alto", "Cu", "resource estimate", datetime(2024, 1, 1), None,
                  None, None])  # fmt: skip
    path = tmp_path / "studies.xlsx"
    book.save(path)
    preview = run_import(Transactions(engine), read_source(path))
    assert preview.problems == [] and preview.complete
    return engine


def cell_texts(view: QTableView, header: str) -> dict[str, str]:
    """First column's text -> the text of column ``header``, as the table shows them."""
    model = view.model()
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = columns.index(header)
    return {
        model.index(row, 0).data(): model.index(row, column).data()
        for row in range(model.rowCount())
    }


@pytest.fixture
def panel(qtbot: QtBot, imported: Engine, no_leaks: None) -> Iterator[PortfolioPanel]:
    shown = PortfolioPanel(imported, today=lambda: ON, confirm=lambda _question: True)
    qtbot.addWidget(shown)
    shown.resize(1400, 850)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.pending == 0, timeout=10000)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.gui
def test_screening_says_the_rate_is_not_stated(qtbot: QtBot, panel: PortfolioPanel) -> None:
    view = panel.screening
    bar = panel.tabs.tabBar()
    rect = bar.tabRect(panel.tabs.indexOf(view))
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.pending == 0 and view.table.model().rowCount() == 3)
    assert cell_texts(view.table, "Disc.") == {
        "Davidson": "not stated",  # its latest study, the PFS
        "Silver Spur": "5.0 %",
        "El Alto": "",  # no NPV, so no rate to state
    }


@pytest.mark.gui
def test_the_study_comparison_says_the_rate_is_not_stated(
    qtbot: QtBot, imported: Engine, main_window: MainWindow
) -> None:
    show_row(qtbot, main_window, "projects", 0, "Davidson")
    text = main_window.sections["projects"].detail.toPlainText().replace("\xa0", " ")
    assert "Discount rate\n8.0 %\n\nnot stated\n" in text, "PEA at 8 %, no change, PFS"
    assert "NPV at 8.0 % vs an unstated rate: not comparable." in text


def test_a_study_whose_rate_was_not_stated_can_be_edited_without_one(imported: Engine) -> None:
    with Session(imported) as session:
        study = session.exec(select(Study).where(Study.study_type == "PFS")).one()
        changes = Study.model_validate(study.model_dump())
        changes.title = "Davidson PFS (2024)"
        update_study(session, study.id or 0, changes)
        session.commit()
    with Session(imported) as session:
        stored = session.exec(select(Study).where(Study.study_type == "PFS")).one()
        assert (stored.title, stored.discount_rate_pct) == ("Davidson PFS (2024)", None)
        assert stored.after_tax_npv == Decimal("412500000")
        assert session.exec(select(Project).where(Project.id == stored.project_id)).one()


def test_look_through_names_a_rate_not_stated_beside_the_stated_ones(imported: Engine) -> None:
    """Moon River holds one project (its latest study the PFS, rate not stated); a holding in
    it and in a company whose only NPV is at 5 % read so in the look-through."""
    with Session(imported) as session:
        for name in ("Moon River", "Argentum"):
            company = session.exec(select(Company).where(Company.name == name)).one()
            holding = Holding(company_id=company.id or 0, currency="USD")
            create_holding(session, holding, Decimal(1000), None, date(2024, 1, 2))
        rows = {row.company: row for row in look_through(session, ON).rows}
    assert rows["Moon River"].discount_rates == "not stated"
    assert rows["Moon River"].attributable_npv == Decimal("412500000")
    assert rows["Argentum"].discount_rates == "5.0 %"


@pytest.mark.gui
def test_the_study_form_says_not_stated_and_saves_an_edit_without_a_rate(
    qtbot: QtBot, imported: Engine, main_window: MainWindow
) -> None:
    section = main_window.show_section("studies")
    qtbot.waitUntil(lambda: section.complete, timeout=10000)
    model = section.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).study_type == "PFS")
    assert model.index(row, 6).data() == "not stated", "the Rate column of the list"
    section.view.setFocus()
    section.select_id(model.id_at(row))
    QTest.keyClick(section.view, Qt.Key.Key_Return)
    form = open_form(qtbot, main_window, StudyForm)
    rate = form.percents["discount_rate_pct"]
    assert (rate.text(), rate.placeholderText()) == ("", "not stated")
    form.title.selectAll()
    QTest.keyClicks(form.title, "Davidson PFS (2024)")
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5000)
    with Session(imported) as session:
        stored = session.exec(select(Study).where(Study.study_type == "PFS")).one()
        assert (stored.title, stored.discount_rate_pct) == ("Davidson PFS (2024)", None)
