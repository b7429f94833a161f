"""A person adds, edits, filters, deletes and undoes, through the window's forms and keys."""

from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from ui.forms.base import RecordForm
from ui.forms.company_form import CompanyForm
from ui.forms.deal_form import DealForm
from ui.forms.project_form import ProjectForm
from ui.forms.study_form import StudyForm
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    # Typing in a picker pops up its list of matches; the offscreen test platform has no window
    # manager to raise the popup or grab the keyboard for it, and says so.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]
F = TypeVar("F", bound=RecordForm)
CTRL = Qt.KeyboardModifier.ControlModifier


def names(window: MainWindow, key: str, column: int = 0) -> list[str]:
    model = window.sections[key].model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def open_form(qtbot: QtBot, window: MainWindow, kind: type[F]) -> F:
    """The one form of ``kind`` shown; a form opens once its values are read off the GUI
    thread, so this waits for it."""

    def shown() -> list[F]:
        return [form for form in window.findChildren(kind) if form.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
    found = shown()
    assert len(found) == 1, f"{len(found)} {kind.__name__} open"
    return found[0]


def save(qtbot: QtBot, form: RecordForm) -> None:
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def save_and_wait(qtbot: QtBot, form: RecordForm) -> None:
    save(qtbot, form)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=5000)


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed in ``widget``'s window, which is the active one (as it is for a person)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(widget, key, modifier)


def add_company(qtbot: QtBot, window: MainWindow, name: str, listings: str = "") -> None:
    window.commands.new_record["company"].trigger()
    form = open_form(qtbot, window, CompanyForm)
    QTest.keyClicks(form.name, name)
    QTest.keyClicks(form.listings, listings)
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: name in names(window, "companies"))


def add_project(
    qtbot: QtBot, window: MainWindow, name: str, company: str, commodities: list[str]
) -> None:
    window.show_section("projects")
    press(qtbot, window.sections["projects"].view, Qt.Key.Key_N, CTRL)
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.name, name)
    owner = form.owners.lines[0]
    QTest.keyClicks(owner.company.line, company)
    adder = form.commodities.adder.line
    for commodity in commodities:
        QTest.keyClicks(adder, commodity)
        press(qtbot, adder, Qt.Key.Key_Return)
    assert form.isVisible(), "Enter in the commodity box adds; it does not save"
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: name in names(window, "projects"))


def test_add_a_company_then_a_project_with_three_commodities_one_primary(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    add_company(qtbot, window, "Alpha Metals", "TSXV: ALP")
    assert window.pages.currentWidget() is window.body

    window.show_section("projects")
    press(qtbot, window.sections["projects"].view, Qt.Key.Key_N, CTRL)
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.name, "Hill Copper")
    QTest.keyClicks(form.owners.lines[0].company.line, "Alpha Metals")
    adder = form.commodities.adder.line
    for typed in ("Cu", "gold", "Mo"):
        QTest.keyClicks(adder, typed)
        press(qtbot, adder, Qt.Key.Key_Return)
    assert form.commodities.symbols() == ["Cu", "Au", "Mo"]
    gold = form.commodities.list.item(1)
    QTest.mouseClick(
        form.commodities.list.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        form.commodities.list.visualItemRect(gold).center(),
    )
    QTest.mouseClick(form.commodities.primary_button, Qt.MouseButton.LeftButton)
    assert form.commodities.symbols() == ["Au", "Cu", "Mo"]
    save_and_wait(qtbot, form)

    qtbot.waitUntil(lambda: names(window, "projects") == ["Hill Copper"])
    section = window.sections["projects"]
    row = section.model.row_at(0)
    assert row.company == "Alpha Metals"
    assert row.commodities == ("Au", "Cu", "Mo")
    qtbot.waitUntil(lambda: "Hill Copper" in section.detail.toPlainText())
    assert "Au (primary), Cu, Mo" in section.detail.toPlainText()


def test_a_problem_is_shown_at_its_field_and_nothing_is_saved(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.latitude, "95")
    owner = form.owners.lines[0]
    QTest.keyClicks(owner.company.line, "Nobody Inc")
    owner.interest.clear()
    QTest.keyClicks(owner.interest, "lots")
    save(qtbot, form)
    assert "not a number" in form.problem_text("owner interest")
    assert "not a known company" in form.problem_text("owner interest")
    owner.company.line.clear()
    save(qtbot, form)
    qtbot.waitUntil(lambda: form.problem_text("name") != "")
    assert form.problem_text("name") == "is required"
    assert "must be at most 90" in form.problem_text("latitude")
    assert form.isVisible()
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert window.sections["projects"].model.total_count == 0


def test_add_a_pea_then_an_fs_and_see_the_change(qtbot: QtBot, main_window: MainWindow) -> None:
    window = main_window
    add_company(qtbot, window, "Beta Gold")
    add_project(qtbot, window, "Bright Hill", "Beta Gold", ["Au"])
    section = window.sections["projects"]
    section.select_id(section.model.id_at(0))
    for kind, day, npv, irr, capex in (
        ("PEA/scoping", "2022-03-01", "200 M", "25", "150 M"),
        ("FS", "2024-06-15", "320 M", "22.5", "180 M"),
    ):
        window.commands.new_record["study"].trigger()
        form = open_form(qtbot, window, StudyForm)
        assert form.project.text() == "Bright Hill (Beta Gold)", "the selected project is preset"
        form.study_type.setCurrentIndex(form.study_type.findData(kind))
        QTest.keyClicks(form.title, f"Bright Hill {kind}")
        QTest.keyClicks(form.published.line, day)
        QTest.keyClicks(form.money["after_tax_npv"].amount, npv)
        QTest.keyClicks(form.percents["discount_rate_pct"], "5")
        QTest.keyClicks(form.percents["after_tax_irr_pct"], irr)
        QTest.keyClicks(form.money["initial_capex"].amount, capex)
        save_and_wait(qtbot, form)
        window.show_section("projects")

    qtbot.waitUntil(lambda: "FS" in section.detail.toPlainText())
    text = section.detail.toPlainText()
    assert "+120.0 M\n(+60.0 %)" in text, text
    assert "-2.5 pts" in text
    assert "+30.0 M\n(+20.0 %)" in text
    studies = window.show_section("studies")
    qtbot.waitUntil(lambda: studies.model.rowCount() == 2)
    assert [studies.model.row_at(r).study_type for r in range(2)] == ["FS", "PEA/scoping"]


def test_log_an_loi_with_a_payment_obligation(qtbot: QtBot, main_window: MainWindow) -> None:
    window = main_window
    add_company(qtbot, window, "Gamma Resources")
    add_project(qtbot, window, "Gamma Creek", "Gamma Resources", ["Cu"])
    window.show_section("deals")
    window.sections["deals"].today = lambda: date(2024, 3, 1)  # before the payment is due
    press(qtbot, window.sections["deals"].view, Qt.Key.Key_N, CTRL)
    form = open_form(qtbot, window, DealForm)
    QTest.keyClicks(form.title, "Delta options Gamma Creek")
    form.deal_type.setCurrentIndex(form.deal_type.findData("LOI"))
    form.status.setCurrentIndex(form.status.findData("LOI signed"))
    QTest.keyClicks(form.project.line, "Gamma Creek (Gamma Resources)")
    QTest.keyClicks(form.acquirer.line, "Delta Mining")
    assert form.acquirer.create_button.isVisible(), "an unknown company can be created here"
    QTest.mouseClick(form.acquirer.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.acquirer.value() is not None)
    form.announced.line.clear()
    QTest.keyClicks(form.announced.line, "2024-02-01")
    QTest.mouseClick(form.obligations.add_button, Qt.MouseButton.LeftButton)
    line = form.obligations.lines[0]
    QTest.keyClicks(line.amount, "250k")
    line.currency.setCurrentText("CAD")
    QTest.keyClicks(line.due.line, "2024-08-01")
    QTest.keyClicks(line.description, "option payment on signing")
    save_and_wait(qtbot, form)

    deals = window.sections["deals"]
    qtbot.waitUntil(lambda: names(window, "deals", 1) == ["Delta options Gamma Creek"])
    qtbot.waitUntil(lambda: "Next due 2024-08-01" in deals.detail.toPlainText())
    text = deals.detail.toPlainText()
    assert "CAD 250,000.00 cash" in text
    assert "Delta Mining" in text
    assert "Delta Mining" in names(window, "companies")

    deals.view.setFocus()
    press(qtbot, deals.view, Qt.Key.Key_Return)
    edit = open_form(qtbot, window, DealForm)
    edit.status.setCurrentIndex(edit.status.findData("closed"))
    QTest.keyClicks(edit.status_date.line, "2024-09-01")
    save_and_wait(qtbot, edit)
    qtbot.waitUntil(lambda: "Closed\n2024-09-01" in deals.detail.toPlainText())
    assert "2024-09-01\nclosed" in deals.detail.toPlainText(), "the status history grew"
    qtbot.waitUntil(lambda: deals.model.row_at(0).status == "closed")


def test_filter_by_commodity_edit_delete_and_undo_the_delete(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    add_company(qtbot, window, "Omega Corp")
    add_project(qtbot, window, "North Gold", "Omega Corp", ["Au"])
    add_project(qtbot, window, "South Copper", "Omega Corp", ["Cu", "Au"])
    add_project(qtbot, window, "East Lithium", "Omega Corp", ["Li"])
    section = window.show_section("projects")

    combo = section.filters.combos["commodity"]
    combo.setCurrentIndex(combo.findData("Cu"))
    assert names(window, "projects") == ["South Copper"]
    combo.setCurrentIndex(combo.findData("Au"))
    assert names(window, "projects") == ["North Gold", "South Copper"]

    section.view.setFocus()
    section.select_id(section.model.id_at(0))
    press(qtbot, section.view, Qt.Key.Key_Return)
    form = open_form(qtbot, window, ProjectForm)
    form.name.clear()
    QTest.keyClicks(form.name, "North Gold West")
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: "North Gold West" in names(window, "projects"))

    section.select_id(section.model.id_at(names(window, "projects").index("South Copper")))
    section.view.setFocus()
    press(qtbot, section.view, Qt.Key.Key_Delete)
    # The confirmation names what goes with the record: it opens once that is read.
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirm_delete") is not None)
    box = window.findChild(QMessageBox, "confirm_delete")
    assert box is not None and box.isVisible()
    assert "South Copper" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    QTest.mouseClick(delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(window, "projects") == ["North Gold West"])
    assert window.counts is not None

    press(qtbot, section.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: names(window, "projects") == ["North Gold West", "South Copper"])
    restored = section.model.row_at(1)
    assert restored.commodities == ("Cu", "Au"), "the project comes back with its commodities"
    assert section.current_id() == restored.id, "the restored project is selected"

    press(qtbot, section.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "North Gold" in names(window, "projects"))
    press(qtbot, section.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "North Gold West" in names(window, "projects"))
    assert QApplication.activeModalWidget() is None


def test_undo_and_redo_adding_a_company(qtbot: QtBot, main_window: MainWindow) -> None:
    window = main_window
    add_company(qtbot, window, "Fleeting Resources")
    companies = window.sections["companies"]
    added = companies.model.id_at(0)
    press(qtbot, companies.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: names(window, "companies") == [])
    press(qtbot, companies.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: names(window, "companies") == ["Fleeting Resources"])
    assert companies.model.id_at(0) == added, "redo brings the company back with its id"
