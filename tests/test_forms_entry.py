"""A new user's first day with the record forms: typing, Enter, Escape, focus and sizes."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.test_ui_editing import (
    add_company,
    add_project,
    names,
    open_form,
    press,
    save_and_wait,
)
from tracker.models import Deal, Project, Study
from tracker.portfolio.positions import holding_rows
from ui.forms.base import RecordForm
from ui.forms.company_form import CompanyForm
from ui.forms.deal_form import DealForm
from ui.forms.holding_form import HoldingForm
from ui.forms.project_form import ProjectForm
from ui.forms.study_form import StudyForm
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    # The offscreen platform cannot raise a picker's list of matches or grab the keyboard for it.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


def key(qtbot: QtBot, window: QWidget, pressed: Qt.Key) -> None:
    """A key pressed by a person: it goes to the open list of matches when there is one (which
    has the keyboard), else to the widget with the focus."""
    target = QApplication.activePopupWidget()
    if target is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, pressed)


def type_until_listed(qtbot: QtBot, line: QWidget, text: str) -> None:
    """Type ``text`` and wait for the list of matches to open, as a person sees it."""
    QTest.keyClicks(line, text)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)


def test_enter_on_a_listed_match_adds_the_commodity_and_chooses_the_owner(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals")
    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.name, "Hill Copper")
    owner = form.owners.lines[0].company
    type_until_listed(qtbot, owner.line, "Alpha")
    key(qtbot, form, Qt.Key.Key_Return)
    assert owner.text() == "Alpha Metals"
    assert owner.value() is not None
    assert not owner.create_button.isVisible(), "a known company is offered no creation"

    adder = form.commodities.adder
    # "U" is in many names ("Au - Gold" comes first); Enter takes the one it is the symbol of.
    added = (("Cu", ["Cu"]), ("gold", ["Cu", "Au"]), ("Mo", ["Cu", "Au", "Mo"]))
    for typed, expected in (*added, ("U", ["Cu", "Au", "Mo", "U"])):
        adder.line.setFocus()
        type_until_listed(qtbot, adder.line, typed)
        key(qtbot, form, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: form.commodities.symbols() == expected)  # noqa: B023
        assert adder.text() == "", "the box is emptied for the next commodity"
        assert form.isVisible(), "Enter on a match adds it; it does not save"
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: names(window, "projects") == ["Hill Copper"])
    row = window.sections["projects"].model.row_at(0)
    assert row.commodities == ("Cu", "Au", "Mo", "U")
    assert row.company == "Alpha Metals"


def visible_discard_box(form: QWidget) -> QMessageBox | None:
    shown = [box for box in form.findChildren(QMessageBox) if box.isVisible()]
    return shown[0] if shown else None


def click_box_button(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_escape_closes_an_untouched_form_at_once_and_asks_before_discarding_typing(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    window.commands.new_record["company"].trigger()
    form = open_form(qtbot, window, CompanyForm)
    key(qtbot, form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [box for box in boxes if box.isVisible()], "nothing to ask about"

    window.commands.new_record["company"].trigger()
    form = open_form(qtbot, window, CompanyForm)
    QTest.keyClicks(form.name, "Alpha Metals")
    key(qtbot, form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible_discard_box(form) is not None)
    box = visible_discard_box(form)
    assert box is not None
    assert box.text() == "Discard changes?"
    assert form.isVisible(), "nothing is thrown away before the answer"
    click_box_button(box, "Keep editing")
    qtbot.waitUntil(lambda: visible_discard_box(form) is None)
    assert form.isVisible()
    assert form.name.text() == "Alpha Metals"

    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: visible_discard_box(form) is not None)
    box = visible_discard_box(form)
    assert box is not None
    click_box_button(box, "Discard")
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())
    assert window.sections["companies"].model.total_count == 0, "nothing was saved"


def test_an_edit_form_left_as_loaded_closes_without_asking(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals", "TSXV: ALP")
    add_project(qtbot, window, "Hill Copper", "Alpha Metals", ["Cu", "Au"])
    section = window.sections["projects"]
    section.select_id(section.model.id_at(0))
    asked: list[QWidget] = []
    window.commands.open.trigger()
    form = open_form(qtbot, window, ProjectForm)
    form.ask_discard = lambda shown, _on_yes: asked.append(shown)
    key(qtbot, form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())
    assert asked == []

    window.commands.open.trigger()
    form = open_form(qtbot, window, ProjectForm)
    form.ask_discard = lambda shown, _on_yes: asked.append(shown)
    QTest.mouseClick(form.commodities.remove_button, Qt.MouseButton.LeftButton)
    form.commodities.list.setCurrentRow(1)
    QTest.mouseClick(form.commodities.remove_button, Qt.MouseButton.LeftButton)
    assert form.commodities.symbols() == ["Cu"]
    key(qtbot, form, Qt.Key.Key_Escape)
    assert asked == [form], "a removed commodity is a change"
    assert form.isVisible()
    form.ask_discard = lambda _shown, on_yes: on_yes()
    key(qtbot, form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())
    assert section.model.row_at(0).commodities == ("Cu", "Au"), "nothing was saved"


FIRST_FIELDS: dict[str, Callable[[Any], QWidget]] = {
    "project": lambda form: form.name,
    "company": lambda form: form.name,
    "study": lambda form: form.project.box,
    "deal": lambda form: form.title,
    "event": lambda form: form.day.line,
    "holding": lambda form: form.company.box,
    "resource": lambda form: form.category,
}


def test_every_new_form_opens_with_the_cursor_in_its_first_field(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals")
    add_project(qtbot, window, "Hill Copper", "Alpha Metals", ["Cu"])
    section = window.sections["projects"]
    section.select_id(section.model.id_at(0))
    assert set(FIRST_FIELDS) == set(window.commands.new_record)
    for kind, first in FIRST_FIELDS.items():
        window.commands.new_record[kind].trigger()
        form = open_form(qtbot, window, RecordForm)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)  # noqa: B023
        assert QApplication.focusWidget() is first(form), kind
        form.ask_discard = lambda _shown, on_yes: on_yes()
        form.reject()
        qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())  # noqa: B023

    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, "Typed at once")
    assert form.name.text() == "Typed at once"
    form.ask_discard = lambda _shown, on_yes: on_yes()
    form.reject()


def fields_width(scroll: QScrollArea) -> int:
    body = scroll.widget()
    assert body is not None
    return body.width()


def fully_shown_across(widget: QWidget, form: RecordForm) -> bool:
    """No part of ``widget`` is cut off at the right or left of the form's fields."""
    scroll = form.findChild(QScrollArea)
    assert scroll is not None
    viewport = scroll.viewport()
    left = widget.mapTo(viewport, QPoint(0, 0)).x()
    right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
    return left >= 0 and right <= viewport.width()


def test_an_unknown_owner_or_commodity_never_widens_the_project_form_past_its_window(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    owner = form.owners.lines[0]
    QTest.keyClicks(owner.company.line, "Nobody Incorporated Mining and Exploration")
    QTest.keyClicks(form.commodities.adder.line, "Unobtainium")
    key(qtbot, form, Qt.Key.Key_Escape)  # closes the list of matches
    qtbot.waitUntil(lambda: owner.company.create_button.isVisible())
    qtbot.waitUntil(lambda: form.commodities.adder.create_button.isVisible())
    scroll = form.findChild(QScrollArea)
    assert isinstance(scroll, QScrollArea)
    qtbot.waitUntil(lambda: fields_width(scroll) <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()
    commodities = form.commodities
    for shown in (
        owner.operator,
        owner.interest,
        owner.company.create_button,
        form.owners.add_button,
        commodities.add_button,
        commodities.primary_button,
        commodities.remove_button,
        commodities.adder.create_button,
    ):
        assert fully_shown_across(shown, form), shown.text() if hasattr(shown, "text") else shown
    assert form.frameGeometry().width() <= window.screen().availableGeometry().width()
    form.ask_discard = lambda _shown, on_yes: on_yes()
    form.reject()


def test_every_form_fits_a_screen_1000_pixels_tall(qtbot: QtBot, main_window: MainWindow) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals")
    add_project(qtbot, window, "Hill Copper", "Alpha Metals", ["Cu"])
    section = window.sections["projects"]
    section.select_id(section.model.id_at(0))
    for kind in window.commands.new_record:
        window.commands.new_record[kind].trigger()
        form = open_form(qtbot, window, RecordForm)
        if isinstance(form, DealForm):
            for _ in range(3):
                QTest.mouseClick(form.obligations.add_button, Qt.MouseButton.LeftButton)
                QTest.mouseClick(form.steps.add_button, Qt.MouseButton.LeftButton)
        scroll = form.findChild(QScrollArea)
        assert isinstance(scroll, QScrollArea)
        qtbot.waitUntil(lambda: fields_width(scroll) <= scroll.viewport().width())  # noqa: B023
        assert form.frameGeometry().height() <= 1000, kind
        assert form.minimumSizeHint().height() <= 1000, kind
        assert form.minimumSize().height() <= 1000, kind
        assert form.minimumSizeHint().width() <= 1000, kind
        assert not scroll.horizontalScrollBar().isVisible(), kind
        form.ask_discard = lambda _shown, on_yes: on_yes()
        form.reject()
        qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible())  # noqa: B023


def new_study_of_bright_hill(qtbot: QtBot, window: MainWindow) -> StudyForm:
    """The study form opened on a new gold project, Bright Hill of Beta Gold."""
    add_company(qtbot, window, "Beta Gold")
    add_project(qtbot, window, "Bright Hill", "Beta Gold", ["Au"])
    section = window.sections["projects"]
    section.select_id(section.model.id_at(0))
    window.commands.new_record["study"].trigger()
    return open_form(qtbot, window, StudyForm)


def test_a_study_takes_its_throughput_production_grade_strip_ratio_and_costs(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    form = new_study_of_bright_hill(qtbot, window)
    form.study_type.setCurrentIndex(form.study_type.findData("PFS"))
    QTest.keyClicks(form.title, "Bright Hill PFS")
    QTest.keyClicks(form.published.line, "2024-06-15")
    for name, amount, unit in (
        ("throughput", "25,000", "t/d"),
        ("annual_production", "180k", "koz/a"),
        ("head_grade", "1.25", "g/t"),
    ):
        field = form.with_units[name]
        QTest.keyClicks(field.amount, amount)
        line = field.unit.lineEdit()
        assert line is not None
        QTest.keyClicks(line, unit)
        key(qtbot, form, Qt.Key.Key_Escape)  # closes the unit's list of matches, if open
        assert form.isVisible()
    QTest.keyClicks(form.percents["recovery_pct"], "92.5")
    QTest.keyClicks(form.numbers["strip_ratio"], "3.2")
    QTest.keyClicks(form.numbers["cash_cost"], "850")
    QTest.keyClicks(form.numbers["aisc"], "1,150")
    QTest.keyClicks(form.cost_unit, "USD/oz")
    save_and_wait(qtbot, form)
    with Session(engine) as session:
        (study,) = session.exec(select(Study)).all()
    assert (study.throughput, study.throughput_unit) == (Decimal("25000"), "t/d")
    assert (study.annual_production, study.production_unit) == (Decimal("180000"), "koz/a")
    assert (study.head_grade, study.head_grade_unit) == (Decimal("1.25"), "g/t")
    assert study.recovery_pct == Decimal("92.5")
    assert study.strip_ratio == Decimal("3.2")
    assert (study.cash_cost, study.aisc, study.cost_unit) == (
        Decimal("850"),
        Decimal("1150"),
        "USD/oz",
    )

    assert study.id is not None
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("study", study.id)
    assert opened.args is not None
    edit = opened.args[0]
    assert isinstance(edit, StudyForm)
    assert edit.with_units["head_grade"].amount.text() == "1.25"
    assert edit.with_units["head_grade"].unit_text() == "g/t"
    assert edit.numbers["cash_cost"].text() == "850"
    assert not edit.is_changed(), "loading is no change"
    edit.reject()


def test_a_refused_study_figure_is_shown_at_its_field_and_nothing_is_saved(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    form = new_study_of_bright_hill(qtbot, window)
    QTest.keyClicks(form.title, "Bright Hill PEA")
    QTest.keyClicks(form.numbers["strip_ratio"], "-1")
    QTest.keyClicks(form.with_units["head_grade"].amount, "lots")
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert "not a number" in form.problem_text("head_grade")
    form.with_units["head_grade"].amount.clear()
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: form.problem_text("strip_ratio") != "")
    assert "must be at least 0" in form.problem_text("strip_ratio")
    with Session(engine) as session:
        assert session.exec(select(Study)).all() == []
    form.ask_discard = lambda _shown, on_yes: on_yes()
    form.reject()


def test_an_obligation_has_room_to_say_what_it_is_for(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    window.commands.new_record["deal"].trigger()
    form = open_form(qtbot, window, DealForm)
    QTest.mouseClick(form.obligations.add_button, Qt.MouseButton.LeftButton)
    line = form.obligations.lines[0]
    QTest.keyClicks(line.description, "option payment on signing")
    needed = line.description.fontMetrics().horizontalAdvance("payment on signing")
    qtbot.waitUntil(lambda: line.description.isVisible())
    assert line.description.width() >= needed
    assert line.description.width() > line.kind.width(), "the room goes to what it is for"
    form.ask_discard = lambda _shown, on_yes: on_yes()
    form.reject()


def test_a_holding_cost_per_share_is_not_suggested_in_millions(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    add_company(qtbot, window, "Alpha Metals")
    window.commands.new_record["holding"].trigger()
    form = open_form(qtbot, window, HoldingForm)
    assert form.cost.amount.placeholderText() == "e.g. 0.45"
    QTest.keyClicks(form.company.line, "Alpha Metals")
    QTest.keyClicks(form.shares, "25,000")
    QTest.keyClicks(form.cost.amount, "0.45")
    save_and_wait(qtbot, form)
    with Session(engine) as session:
        (holding,) = holding_rows(session)
    # The form opens the holding with a buy on the day it is entered (today by default).
    assert (holding.shares, holding.average_cost, holding.currency, holding.opened_date) == (
        Decimal("25000"),
        Decimal("0.45"),
        "CAD",
        date.today(),
    )


def test_a_deal_takes_its_consideration_and_shows_it_on_its_page(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    window.commands.new_record["deal"].trigger()
    form = open_form(qtbot, window, DealForm)
    QTest.keyClicks(form.title, "Big Miner buys Moly Hill")
    form.deal_type.setCurrentIndex(form.deal_type.findData("acquisition"))
    QTest.keyClicks(form.consideration.amount, "4.5 M")
    QTest.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: form.problem_text("consideration_currency") != "")
    assert form.problem_text("consideration_currency") == "is required with a consideration"
    with Session(engine) as session:
        assert session.exec(select(Deal)).all() == []
    line = form.consideration.currency_box.lineEdit()
    assert line is not None
    QTest.keyClicks(line, "cad")
    key(qtbot, form, Qt.Key.Key_Escape)  # closes the currency's list of matches, if open
    save_and_wait(qtbot, form)
    with Session(engine) as session:
        (stored,) = session.exec(select(Deal)).all()
    assert (stored.consideration, stored.consideration_currency) == (Decimal("4500000"), "CAD")

    deals = window.show_section("deals")
    qtbot.waitUntil(lambda: deals.model.rowCount() == 1)
    deals.select_id(deals.model.id_at(0))
    qtbot.waitUntil(lambda: "Consideration" in deals.detail.toPlainText())
    assert "Consideration\nCAD 4,500,000" in deals.detail.toPlainText()
    assert stored.id is not None
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("deal", stored.id)
    assert opened.args is not None
    edit = opened.args[0]
    assert isinstance(edit, DealForm)
    assert edit.consideration.amount.text() == "4,500,000"
    assert edit.consideration.currency() == "CAD"
    edit.reject()


def project_stage(engine: Engine) -> str | None:
    with Session(engine) as session:
        (project,) = session.exec(select(Project)).all()
        return project.stage


def add_study(qtbot: QtBot, window: MainWindow, kind: str, title: str, day: str) -> None:
    window.show_section("projects")
    window.commands.new_record["study"].trigger()
    form = open_form(qtbot, window, StudyForm)
    form.study_type.setCurrentIndex(form.study_type.findData(kind))
    QTest.keyClicks(form.title, title)
    QTest.keyClicks(form.published.line, day)
    assert form.project.text() == "Bright Hill (Beta Gold)", "the selected project is preset"
    save_and_wait(qtbot, form)


def test_an_fs_on_a_project_at_pea_offers_to_move_its_stage_as_its_own_undo_step(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    add_company(qtbot, window, "Beta Gold")
    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.name, "Bright Hill")
    QTest.keyClicks(form.owners.lines[0].company.line, "Beta Gold")
    form.stage.setCurrentIndex(form.stage.findData("PEA/scoping"))
    form.stage_date.line.clear()
    QTest.keyClicks(form.stage_date.line, "2022-03-01")
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: project_stage(engine) == "PEA/scoping")
    section = window.sections["projects"]
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    section.select_id(section.model.id_at(0))
    qtbot.waitUntil(lambda: "Bright Hill" in section.detail.toPlainText())

    add_study(qtbot, window, "FS", "Bright Hill FS", "2024-06-15")

    def offer() -> QMessageBox | None:
        shown = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: offer() is not None)
    box = offer()
    assert box is not None
    assert box.text() == "Move “Bright Hill” to feasibility?"
    assert "at PEA/scoping" in box.informativeText()
    assert "2024-06-15" in box.informativeText()
    click_box_button(box, "Move stage")
    qtbot.waitUntil(lambda: project_stage(engine) == "feasibility")
    with Session(engine) as session:
        assert [s.title for s in session.exec(select(Study))] == ["Bright Hill FS"]

    # The undo step is pushed when the write is back on the GUI thread, just after the commit.
    moved = "Move project “Bright Hill” to feasibility"
    qtbot.waitUntil(lambda: window.undo_stack.undoText() == moved)
    view = window.show_section("projects").view
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: project_stage(engine) == "PEA/scoping")
    with Session(engine) as session:
        assert len(session.exec(select(Study)).all()) == 1, "the study is kept"
    assert window.undo_stack.undoText() == "Add study “Bright Hill FS”"
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, view, Qt.Key.Key_Z, redo)
    qtbot.waitUntil(lambda: project_stage(engine) == "feasibility")


def test_no_offer_when_the_project_is_already_at_or_past_the_studys_stage(
    qtbot: QtBot, main_window: MainWindow, engine: Engine
) -> None:
    window = main_window
    add_company(qtbot, window, "Beta Gold")
    window.commands.new_record["project"].trigger()
    form = open_form(qtbot, window, ProjectForm)
    QTest.keyClicks(form.name, "Bright Hill")
    type_until_listed(qtbot, form.owners.lines[0].company.line, "Beta Gold")
    key(qtbot, form, Qt.Key.Key_Return)
    form.stage.setCurrentIndex(form.stage.findData("pre-feasibility"))
    save_and_wait(qtbot, form)
    section = window.sections["projects"]
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    section.select_id(section.model.id_at(0))
    qtbot.waitUntil(lambda: "Bright Hill" in section.detail.toPlainText())
    offers: list[str] = []
    window.editor.offer_stage = lambda _title, question, _details, _yes: offers.append(question)
    add_study(qtbot, window, "PEA/scoping", "Bright Hill PEA", "2021-01-10")
    add_study(qtbot, window, "FS", "Bright Hill FS", "2024-06-15")
    qtbot.waitUntil(lambda: len(offers) == 1)
    assert offers == ["Move “Bright Hill” to feasibility?"], "none for the earlier PEA"
    assert project_stage(engine) == "pre-feasibility", "nothing moves before yes"
