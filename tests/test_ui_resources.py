"""A person adds, edits, deletes and undoes resource lines, and edits a study's price deck."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.test_ui_editing import CTRL, open_form, press, save, save_and_wait
from tracker.models import Project, ResourceLine, Study, StudyPrice
from tracker.services.studies import PriceAssumption, prices_of
from ui.forms.resource_form import ResourceForm
from ui.forms.study_form import StudyForm
from ui.main_window import MainWindow
from ui.sections.section import Section

pytestmark = [
    pytest.mark.gui,
    # Typing in a picker pops up its list of matches; the offscreen platform cannot raise it.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


@pytest.fixture
def window(demo: Engine, main_window: MainWindow) -> MainWindow:
    """The main window on the demo portfolio (loaded before the window opens)."""
    return main_window


def lines_of(engine: Engine, project_id: int) -> list[ResourceLine]:
    with Session(engine) as session:
        query = select(ResourceLine).where(ResourceLine.project_id == project_id)
        return list(session.exec(query.order_by(col(ResourceLine.id))))


def show_project(qtbot: QtBot, window: MainWindow, name: str) -> tuple[Section, int]:
    assert window.engine is not None
    with Session(window.engine) as session:
        project_id = session.exec(select(Project.id).where(Project.name == name)).one()
    assert project_id is not None
    section = window.show_section("projects")
    # Give the details the room a person would drag them to: the lines' edit and delete links
    # stand in a table wider than half of the test screen's window.
    section.splitter.setSizes([200, max(600, section.splitter.width() - 200)])
    qtbot.waitUntil(lambda: section.model.row_of_id(project_id) is not None, timeout=5000)
    section.select_id(project_id)
    qtbot.waitUntil(lambda: name in section.detail.toPlainText())
    return section, project_id


def click_link(qtbot: QtBot, browser: QTextBrowser, href: str) -> None:
    """Click the link to ``href`` in a detail page, where it is drawn."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                # Just left of the cursor after each of the link's characters in turn, until
                # the point is on the link as drawn (a link may start a wrapped line).
                cursor = QTextCursor(document)
                for offset in range(1, fragment.length() + 1):
                    cursor.setPosition(fragment.position() + offset)
                    browser.setTextCursor(cursor)
                    browser.ensureCursorVisible()
                    rect = browser.cursorRect(cursor)
                    point = QPoint(rect.left() - 2, rect.center().y())
                    if browser.anchorAt(point) == href:
                        QTest.mouseClick(
                            browser.viewport(),
                            Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier(0),
                            point,
                        )
                        return
                raise AssertionError(f"the link to {href} is not drawn where it can be clicked")
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in {browser.toPlainText()}")


def test_add_refuse_edit_delete_and_undo_a_resource_line(
    qtbot: QtBot, window: MainWindow, demo: Engine
) -> None:
    section, project_id = show_project(qtbot, window, "DeLamar")
    before = lines_of(demo, project_id)

    window.commands.new_record["resource"].trigger()
    form = open_form(qtbot, window, ResourceForm)
    assert form.project.text() == "DeLamar"
    assert form.commodity.symbol() == "Au", "a new line starts on the primary commodity"
    form.category.setCurrentIndex(form.category.findData("inferred"))
    QTest.keyClicks(form.tonnes, "-5")
    QTest.keyClicks(form.grade.amount, "0.45")
    form.grade.unit.setCurrentText("g/t")
    QTest.keyClicks(form.effective.line, "2024-05-01")
    form.study.setCurrentIndex(form.study.findText("PFS", Qt.MatchFlag.MatchStartsWith))
    save(qtbot, form)
    qtbot.waitUntil(lambda: form.problem_text("tonnes") != "")
    assert form.problem_text("tonnes") == "-5: must be at least 0 t"
    assert form.isVisible()
    assert lines_of(demo, project_id) == before, "nothing is written"

    form.tonnes.clear()
    QTest.keyClicks(form.tonnes, "3.2 M")
    save_and_wait(qtbot, form)
    qtbot.waitUntil(lambda: len(lines_of(demo, project_id)) == len(before) + 1)
    added = lines_of(demo, project_id)[-1]
    assert (added.category, added.tonnes, added.grade, added.grade_unit) == (
        "inferred",
        Decimal("3200000"),
        Decimal("0.45"),
        "g/t",
    )
    qtbot.waitUntil(lambda: "3,200,000" in section.detail.toPlainText())
    assert section.current_id() == project_id, "the project stays shown"

    click_link(qtbot, section.detail, f"edit-resource:{added.id}")
    edit = open_form(qtbot, window, ResourceForm)
    assert edit.tonnes.text() == "3,200,000"
    assert edit.study.currentText().startswith("PFS")
    edit.tonnes.clear()
    QTest.keyClicks(edit.tonnes, "4 M")
    QTest.keyClicks(edit.cutoff, "0.2 g/t Au")
    save_and_wait(qtbot, edit)
    qtbot.waitUntil(lambda: "4,000,000" in section.detail.toPlainText())
    edited = lines_of(demo, project_id)[-1]
    assert (edited.id, edited.tonnes, edited.cutoff) == (added.id, Decimal(4_000_000), "0.2 g/t Au")

    click_link(qtbot, section.detail, f"delete-resource:{added.id}")
    # The confirmation names what goes with the record: it opens once that is read.
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirm_delete") is not None)
    box = window.findChild(QMessageBox, "confirm_delete")
    assert box is not None and box.isVisible()
    assert "resource line" in box.text() and "4,000,000 t" in box.text()
    QTest.mouseClick(
        next(b for b in box.buttons() if b.text() == "Delete"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: "4,000,000" not in section.detail.toPlainText())
    assert lines_of(demo, project_id) == before

    press(qtbot, section.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "4,000,000" in section.detail.toPlainText())
    restored = lines_of(demo, project_id)[-1]
    assert restored.model_dump(exclude={"version"}) == edited.model_dump(exclude={"version"}), (
        "it comes back with the same values (its version moves on: restoring it is a write)"
    )


def test_a_price_deck_line_is_saved_shown_again_and_undone(
    qtbot: QtBot, window: MainWindow, demo: Engine
) -> None:
    with Session(demo) as session:
        study_id = session.exec(
            select(Study.id)
            .join(Project, col(Project.id) == Study.project_id)
            .join(StudyPrice, col(StudyPrice.study_id) == Study.id)
            .where(Project.name == "DeLamar")
            .order_by(col(Study.id))
        ).first()
        assert study_id is not None
        old_deck = prices_of(session, study_id)
    assert old_deck, "the demo study has a deck to begin with"
    studies = window.show_section("studies")
    qtbot.waitUntil(lambda: studies.model.row_of_id(study_id) is not None, timeout=5000)
    studies.select_id(study_id)
    studies.view.setFocus()
    press(qtbot, studies.view, Qt.Key.Key_Return)
    form = open_form(qtbot, window, StudyForm)
    assert [line.commodity.symbol() for line in form.prices.lines] == [
        p.commodity for p in old_deck
    ]

    QTest.mouseClick(form.prices.add_button, Qt.MouseButton.LeftButton)
    line = form.prices.lines[-1]
    QTest.keyClicks(line.commodity.line, "Zn")
    QTest.keyClicks(line.price, "-1")
    assert line.unit.text() == "lb", "the unit follows the commodity"
    assert line.currency.currency() == form.currency.currency()
    save(qtbot, form)
    qtbot.waitUntil(lambda: form.problem_text("price deck") != "")
    assert form.problem_text("price deck") == "Zn price -1: must be at least 0"
    line.price.clear()
    QTest.keyClicks(line.price, "1.35")
    added = PriceAssumption("Zn", Decimal("1.35"), form.currency.currency() or "", "lb")
    save_and_wait(qtbot, form)
    with Session(demo) as session:
        assert prices_of(session, study_id) == [*old_deck, added]

    press(qtbot, studies.view, Qt.Key.Key_Return)
    again = open_form(qtbot, window, StudyForm)
    shown = again.prices.lines[-1]
    assert (shown.commodity.symbol(), shown.price.text(), shown.unit.text()) == (
        "Zn",
        "1.35",
        "lb",
    )
    again.reject()

    press(qtbot, studies.view, Qt.Key.Key_Z, CTRL)

    def deck() -> list[PriceAssumption]:
        with Session(demo) as session:
            return prices_of(session, study_id)

    qtbot.waitUntil(lambda: deck() == old_deck)
