"""A person captures a news release: pastes or drops it, corrects a field, saves, undoes."""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from tests.capture_factories import STUDY_TEXT, existing_pea, study_capture
from tracker.capture import sources
from tracker.capture.model import Capture
from tracker.capture.save import Pick
from tracker.models import Company, Event, FigureSource, Project, Study
from ui.capture.paste_dialog import PasteDialog
from ui.capture.review_dialog import ReviewDialog
from ui.forms.fields import MoneyField
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NPV_SENTENCE = "The after-tax NPV5% is US$412.5 million with an after-tax IRR of 23.4%."


class FakeReader:
    """Stands for the reader: the capture of the study release, for exactly that text."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, text: str, source: str) -> Capture:
        self.calls.append((text, source))
        assert text.strip() == STUDY_TEXT.strip(), "the reader got other text"
        return study_capture(source)


@pytest.fixture
def reader(main_window: MainWindow) -> FakeReader:
    fake = FakeReader()
    main_window.capture.reader = fake
    return fake


def count(engine: Engine, model: type[object]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def closed(dialog: QWidget) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def review_dialog(qtbot: QtBot, window: MainWindow) -> ReviewDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReviewDialog)))
    return next(d for d in window.findChildren(ReviewDialog) if d.isVisible())


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A key pressed in the list the window shows, as a person would with the window active."""
    section = window.current_section
    assert section is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    section.view.setFocus()
    qtbot.waitUntil(section.view.hasFocus)
    QTest.keyClick(section.view, key, modifier)


def paste_on_window(qtbot: QtBot, window: MainWindow, text: str) -> ReviewDialog:
    QGuiApplication.clipboard().setText(text)
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    return review_dialog(qtbot, window)


def test_paste_correct_save_undo_and_redo_a_study_release(
    qtbot: QtBot, main_window: MainWindow, engine: Engine, reader: FakeReader
) -> None:
    window = main_window
    dialog = paste_on_window(qtbot, window, STUDY_TEXT)
    assert reader.calls == [(STUDY_TEXT, "pasted text")]
    qtbot.waitUntil(lambda: dialog.company.box.hasFocus())
    assert dialog.height() <= 1000 and dialog.minimumSizeHint().height() <= 1000

    npv = dialog.inputs["after_tax_npv"]
    assert isinstance(npv, MoneyField)
    assert npv.amount.text() == "412,500,000"
    QTest.mouseClick(npv.amount, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.view.selected_text() == NPV_SENTENCE)
    npv.amount.selectAll()
    QTest.keyClicks(npv.amount, "415.2 M")
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)

    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert study.after_tax_npv == Decimal("415200000")
        assert study.initial_capex == Decimal("285000000")
        assert (study.study_type, study.source) == ("PEA/scoping", "pasted text")
        project = session.get(Project, study.project_id)
        assert project is not None and project.name == "Hill Gold Project"
        sources_by_field = {
            row.field: row
            for row in session.exec(select(FigureSource).where(FigureSource.study_id == study.id))
        }
        assert len(sources_by_field) == 12
        assert sources_by_field["after_tax_npv"].quote == NPV_SENTENCE
        assert sources_by_field["after_tax_npv"].source == "pasted text"
        event = session.exec(select(Event)).one()
        assert (event.kind, event.project_id, event.source) == (
            "study",
            project.id,
            "pasted text",
        )
    qtbot.waitUntil(lambda: window.sections["studies"].model.rowCount() == 1)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: count(engine, Study) == 0)
    qtbot.waitUntil(lambda: window.gateway.pending == 0)
    for model in (Study, FigureSource, Event, Project, Company):
        assert count(engine, model) == 0, model.__name__

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: count(engine, Study) == 1)
    qtbot.waitUntil(lambda: window.gateway.pending == 0)
    with Session(engine) as session:
        assert session.exec(select(Study)).one().after_tax_npv == Decimal("415200000")
    assert count(engine, FigureSource) == 12
    assert count(engine, Event) == count(engine, Project) == count(engine, Company) == 1


def test_a_refused_save_shows_the_problem_at_its_field_and_writes_nothing(
    qtbot: QtBot, main_window: MainWindow, engine: Engine, reader: FakeReader
) -> None:
    dialog = paste_on_window(qtbot, main_window, STUDY_TEXT)
    rate = dialog.inputs["discount_rate_pct"]
    assert isinstance(rate, QLineEdit)
    QTest.mouseClick(rate, Qt.MouseButton.LeftButton)
    rate.selectAll()
    QTest.keyClick(rate, Qt.Key.Key_Delete)
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.problem_text("discount_rate_pct") != "")
    assert dialog.problem_text("discount_rate_pct") == "is required when an NPV is given"
    assert dialog.isVisible()
    for model in (Study, FigureSource, Event, Project, Company):
        assert count(engine, model) == 0, model.__name__
    assert main_window.undo_stack.count() == 0


def test_the_menu_command_offers_a_box_to_paste_into_when_the_clipboard_is_empty(
    qtbot: QtBot, main_window: MainWindow, reader: FakeReader
) -> None:
    QGuiApplication.clipboard().clear()
    press(qtbot, main_window, Qt.Key.Key_V, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in main_window.findChildren(PasteDialog)))
    paste = next(d for d in main_window.findChildren(PasteDialog) if d.isVisible())
    assert not paste.read_button.isEnabled()
    paste.text.setFocus()
    QTest.keyClicks(paste.text, STUDY_TEXT.splitlines()[0])
    paste.text.setPlainText(STUDY_TEXT)
    QTest.mouseClick(paste.read_button, Qt.MouseButton.LeftButton)
    dialog = review_dialog(qtbot, main_window)
    assert dialog.view.toPlainText() == STUDY_TEXT
    assert reader.calls == [(STUDY_TEXT, "pasted text")]


def drop(window: MainWindow, data: QMimeData) -> bool:
    """Drag ``data`` onto the window and drop it; whether the window took the drag."""
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    event = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return enter.isAccepted()


def test_dropping_a_text_file_or_html_opens_the_review_and_a_spreadsheet_does_not(
    qtbot: QtBot,
    main_window: MainWindow,
    reader: FakeReader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The file and HTML readers are built on another branch; these stand-ins keep to their
    # contract (a file's text; the visible text of HTML).
    monkeypatch.setattr(sources, "release_text", lambda path: path.read_text("utf-8"))
    monkeypatch.setattr(sources, "html_to_text", lambda html: STUDY_TEXT)
    release = tmp_path / "hill-gold-pea.txt"
    release.write_text(STUDY_TEXT, "utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(release))])
    assert drop(main_window, data)
    dialog = review_dialog(qtbot, main_window)
    assert reader.calls == [(STUDY_TEXT, "hill-gold-pea.txt")]
    dialog.reject()
    qtbot.waitUntil(lambda: closed(dialog))

    html = QMimeData()
    html.setHtml("<p>Hill Gold</p>")
    assert drop(main_window, html)
    dialog = review_dialog(qtbot, main_window)
    assert reader.calls[-1] == (STUDY_TEXT, "pasted HTML")
    dialog.reject()
    qtbot.waitUntil(lambda: closed(dialog))

    sheet = tmp_path / "portfolio.xlsx"
    sheet.write_bytes(b"")
    workbook = QMimeData()
    workbook.setUrls([QUrl.fromLocalFile(str(sheet))])
    assert not drop(main_window, workbook)
    qtbot.waitUntil(lambda: main_window.gateway.pending == 0)
    assert len(reader.calls) == 2
    assert not any(d.isVisible() for d in main_window.findChildren(ReviewDialog))


def test_cancel_asks_before_throwing_corrections_away(
    qtbot: QtBot, main_window: MainWindow, reader: FakeReader
) -> None:
    asked: list[object] = []
    main_window.capture.confirm_discard = asked.append
    dialog = paste_on_window(qtbot, main_window, STUDY_TEXT)
    QTest.keyClick(dialog.company.box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: closed(dialog))
    assert asked == []

    dialog = paste_on_window(qtbot, main_window, STUDY_TEXT)
    title = dialog.inputs["title"]
    assert isinstance(title, QLineEdit)
    title.setFocus()
    QTest.keyClicks(title, " update")
    QTest.keyClick(title, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()
    discard = asked[0]
    assert callable(discard)
    discard()
    qtbot.waitUntil(lambda: closed(dialog))


def test_ctrl_v_in_a_text_field_pastes_there_and_opens_no_review(
    qtbot: QtBot, main_window: MainWindow, reader: FakeReader
) -> None:
    QGuiApplication.clipboard().setText("Hill")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    main_window.focus_search()
    search = QApplication.focusWidget()
    assert isinstance(search, QLineEdit)
    QTest.keyClick(search, Qt.Key.Key_V, CTRL)
    assert search.text() == "Hill"
    qtbot.waitUntil(lambda: main_window.gateway.pending == 0)
    assert reader.calls == []
    assert not any(d.isVisible() for d in main_window.findChildren(ReviewDialog))


def test_a_release_of_a_known_project_updates_its_study_and_undo_puts_it_back(
    qtbot: QtBot, main_window: MainWindow, engine: Engine, reader: FakeReader
) -> None:
    company_id, project_id, study_id = existing_pea(engine)
    main_window.refresh()
    dialog = paste_on_window(qtbot, main_window, STUDY_TEXT)
    assert dialog.company.value() == Pick(company_id, "Hill Gold Corp")
    assert dialog.company.status.text() == "Existing company (100 % match)"
    assert dialog.project.value() == Pick(project_id, "Hill Gold")
    QTest.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert (study.id, study.after_tax_npv) == (study_id, Decimal("412500000"))
        assert study.qualified_person == "J. Smith"
    assert count(engine, Project) == count(engine, Company) == 1

    press(qtbot, main_window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: count(engine, Event) == 0)
    qtbot.waitUntil(lambda: main_window.gateway.pending == 0)
    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert study.after_tax_npv == 300 * Decimal(1_000_000)
        assert [row.source for row in session.exec(select(FigureSource))] == ["old.pdf"]
