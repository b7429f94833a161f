"""Two people on one database, seen from the window: a save someone overtook asks field by
field, others' changes show without losing the selection or what a form holds, deletes of a
changed record ask again, and each record's page ends with its history."""

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import make_engine
from db.session import transaction
from tests.domain_factories import add_company, add_project
from tests.test_ui_editing import open_form
from tracker import changelog, edits, records, snapshots, versions
from tracker.models import Company, Project
from tracker.services.commodities import project_commodity_symbols
from tracker.services.companies import ListingSpec, update_company
from tracker.services.projects import OwnerShare, owners_of, update_project
from ui.forms.base import RecordForm
from ui.forms.company_form import CompanyForm
from ui.forms.conflict_dialog import ConflictDialog
from ui.forms.form_rows import row_text
from ui.forms.project_form import ProjectForm
from ui.main_window import MainWindow
from ui.overtaken_dialog import OvertakenDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def other_engine(engine: Engine) -> Iterator[Engine]:
    """Bob's copy of the app on the same database file."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    changelog.sign(other, "bob")
    yield other
    other.dispose()


@pytest.fixture
def window(main_window: MainWindow, engine: Engine, qtbot: QtBot) -> MainWindow:
    """The window on two companies, Moon River Moly (a website and a note) and Argentum."""

    def moon_river(session: Session) -> int:
        company = add_company(
            session,
            "Moon River Moly",
            [ListingSpec("TSXV", "MOO")],
            website="https://moonriver.example",
            notes="Drilling in spring.",
        )
        return company.id or 0

    with transaction(engine) as session:
        edits.save_new(session, "company", moon_river)
        add_company(session, "Argentum Ridge")
    main_window.watcher.set_interval(50)
    main_window.refresh()
    section = main_window.show_section("companies")
    qtbot.waitUntil(lambda: section.model.rowCount() == 2)
    return main_window


def bob_saves(engine: Engine, loaded: int, **fields: str) -> None:
    """Bob changes Moon River Moly (id 1) from his own window, as its form would."""

    def job(session: Session) -> object:
        stored = session.get(Company, 1)
        assert stored is not None
        changed = Company(
            name=stored.name,
            website=fields.get("website", stored.website),
            notes=fields.get("notes", stored.notes),
        )
        return update_company(session, 1, changed, [ListingSpec("TSXV", "MOO")])

    with transaction(engine) as session:
        edits.save_edit(session, "company", 1, loaded, job)


def stored(engine: Engine) -> tuple[str | None, str | None, int]:
    with Session(engine) as session:
        company = session.get(Company, 1)
        assert company is not None
        return company.website, company.notes, company.version


def edit_website(qtbot: QtBot, window: MainWindow, typed: str) -> CompanyForm:
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("company", 1)
    assert opened.args is not None
    form = opened.args[0]
    assert isinstance(form, CompanyForm)
    qtbot.waitExposed(form)
    form.website.selectAll()
    QTest.keyClicks(form.website, typed)
    return form


def closed(form: QWidget) -> bool:
    return not isValid(form) or not form.isVisible()


def click(button: QWidget | None) -> None:
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(form: RecordForm) -> QWidget:
    return form.buttons.button(QDialogButtonBox.StandardButton.Save)


def conflict_shown(window: MainWindow, qtbot: QtBot) -> ConflictDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(window.editor.conflict, ConflictDialog)
            and window.editor.conflict.isVisible()
        )
    )
    dialog = window.editor.conflict
    assert isinstance(dialog, ConflictDialog)
    return dialog


def texts(dialog: QWidget) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_the_second_save_is_refused_and_the_choice_per_field_is_saved(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    form = edit_website(qtbot, window, "https://alice.example")
    bob_saves(other_engine, 1, website="https://bob.example", notes="Drilling in May.")
    click(save_button(form))

    dialog = conflict_shown(window, qtbot)
    assert form.isVisible(), "the form stays open under the question"
    assert stored(engine) == ("https://bob.example", "Drilling in May.", 2), "nothing written"
    assert "changed by bob" in texts(dialog)[0]
    shown = {
        d.mine.label: (row_text(d.mine.holder), row_text(d.stored.holder)) for d in dialog.found
    }
    assert shown == {
        "Website": ("https://alice.example", "https://bob.example"),
        "Notes": ("Drilling in spring.", "Drilling in May."),
    }
    on_screen = texts(dialog)
    for value in ("https://alice.example", "https://bob.example", "Drilling in May."):
        assert value in on_screen
    # What Alice typed keeps hers; what she did not touch takes Bob's.
    assert [b.isChecked() for b in dialog.keep_mine] == [True, False]
    assert [b.isChecked() for b in dialog.take_stored] == [False, True]

    click(dialog.save_button)
    qtbot.waitUntil(lambda: closed(form))
    assert stored(engine) == ("https://alice.example", "Drilling in May.", 3)
    with Session(engine) as session:
        newest = changelog.history(session, "company", 1)[0]
    assert (newest.field, newest.old, newest.new) == (
        "website",
        "https://bob.example",
        "https://alice.example",
    )


def test_keep_all_mine_and_take_all_stored(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    form = edit_website(qtbot, window, "https://alice.example")
    bob_saves(other_engine, 1, website="https://bob.example", notes="Drilling in May.")
    click(save_button(form))
    dialog = conflict_shown(window, qtbot)
    click(dialog.all_mine)
    assert all(b.isChecked() for b in dialog.keep_mine)
    click(dialog.save_button)
    qtbot.waitUntil(lambda: closed(form))
    assert stored(engine) == ("https://alice.example", "Drilling in spring.", 3)

    form = edit_website(qtbot, window, "https://carol.example")
    bob_saves(other_engine, 3, website="https://bob.example")
    click(save_button(form))
    dialog = conflict_shown(window, qtbot)
    click(dialog.all_stored)
    click(dialog.save_button)
    qtbot.waitUntil(lambda: closed(form))
    assert stored(engine) == ("https://bob.example", "Drilling in spring.", 5)


def test_cancelling_the_choice_keeps_what_was_typed_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    form = edit_website(qtbot, window, "https://alice.example")
    bob_saves(other_engine, 1, notes="Drilling in May.")
    click(save_button(form))
    dialog = conflict_shown(window, qtbot)
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert form.isVisible() and form.website.text() == "https://alice.example"
    assert "changed by bob" in form.message.text()
    assert save_button(form).isEnabled()
    assert stored(engine) == ("https://moonriver.example", "Drilling in May.", 2)


def test_the_window_shows_others_changes_and_keeps_selection_and_typing(
    qtbot: QtBot, window: MainWindow, other_engine: Engine
) -> None:
    section = window.sections["companies"]
    section.select_id(2)
    form = edit_website(qtbot, window, "https://alice.example")
    with transaction(other_engine) as session:
        edits.save_edit(
            session,
            "company",
            1,
            1,
            lambda s: update_company(s, 1, Company(name="Moon River Moly Corp")),
        )

    def shows(name: str) -> bool:
        model = section.model
        return name in [model.index(row, 0).data() for row in range(model.rowCount())]

    qtbot.waitUntil(lambda: shows("Moon River Moly Corp"))
    assert section.current_id() == 2, "the selection stays"
    qtbot.waitUntil(lambda: "bob changed this company" in form.message.text())
    assert form.isVisible() and form.website.text() == "https://alice.example"
    assert "bob" in window.statusBar().currentMessage()


def test_own_changes_are_not_taken_for_others(
    qtbot: QtBot, window: MainWindow, engine: Engine
) -> None:
    seen: list[object] = []
    window.watcher.others_changed.connect(lambda entries, _all: seen.append(entries))
    form = edit_website(qtbot, window, "https://alice.example")
    click(save_button(form))
    qtbot.waitUntil(lambda: closed(form))
    with Session(engine) as session:
        newest = changelog.latest_id(session)
        assert changelog.history(session, "company", 1)[0].new == "https://alice.example"
    qtbot.waitUntil(lambda: window.watcher.seen >= newest)
    assert seen == []


def test_deleting_a_record_someone_changed_asks_again(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    asked: list[tuple[str, str, Callable[[], None]]] = []
    window.editor.confirm = lambda _title, question, details, yes: asked.append(
        (question, details, yes)
    )
    window.editor.delete("company", 1)
    qtbot.waitUntil(lambda: len(asked) == 1)  # asked once what goes with it is read
    assert asked[0][0] == "Delete the company “Moon River Moly”?"
    bob_saves(other_engine, 1, notes="Drilling in May.")
    asked[0][2]()
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert "changed by bob" in asked[1][0]
    assert stored(engine)[2] == 2, "not deleted yet"
    asked[1][2]()
    qtbot.waitUntil(lambda: window.sections["companies"].model.rowCount() == 1)
    with Session(engine) as session:
        assert session.get(Company, 1) is None
        assert changelog.history(session, "company", 1)[0].action == "deleted"


def test_the_detail_pane_shows_the_history_newest_first_a_keypress_away(
    qtbot: QtBot, window: MainWindow, other_engine: Engine
) -> None:
    for number in range(1, 31):
        bob_saves(other_engine, number, notes=f"Note {number}.")
    section = window.sections["companies"]
    section.select_id(1)
    qtbot.waitUntil(lambda: "Note 30." in section.detail.toPlainText())
    text = section.detail.toPlainText()
    assert "History (31 entries)" in text
    history = text[text.rindex("History\n") :]
    assert history.index("notes: Note 29. → Note 30.") < history.index("notes: Note 28. → Note 29.")
    assert "Added" in history.splitlines()[-1]
    assert "bob" in history

    detail = section.detail
    detail.setFocus()
    scroll = detail.verticalScrollBar()
    assert scroll is not None and scroll.value() == 0
    QTest.keyClick(detail, Qt.Key.Key_Tab)
    assert detail.textCursor().selectedText() == "History"
    QTest.keyClick(detail, Qt.Key.Key_Return)
    assert scroll.value() > 0


def test_owners_and_commodities_someone_changed_are_taken_line_by_line(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    with transaction(engine) as session:
        moon = session.get(Company, 1)
        assert moon is not None
        add_project(session, "Davidson", [(moon, "100", True)], ["Mo"])
    window.refresh()
    with qtbot.waitSignal(window.editor.form_opened) as opened:  # read, then opened
        window.editor.edit("project", 1)
    assert opened.args is not None
    form = opened.args[0]
    assert isinstance(form, ProjectForm)
    qtbot.waitExposed(form)
    form.name.selectAll()
    QTest.keyClicks(form.name, "Davidson North")

    def bob(session: Session) -> object:
        owners = [OwnerShare(1, Decimal(70), True), OwnerShare(2, Decimal(30))]
        changed = Project(name="Davidson", country="Canada")
        return update_project(session, 1, changed, owners=owners, commodities=["Mo", "W"])

    with transaction(other_engine) as session:
        edits.save_edit(session, "project", 1, 1, bob)
    click(save_button(form))
    dialog = conflict_shown(window, qtbot)
    shown = {
        d.mine.label: (row_text(d.mine.holder), row_text(d.stored.holder)) for d in dialog.found
    }
    assert shown["Name"] == ("Davidson North", "Davidson")
    assert shown["Country"] == ("(empty)", "Canada")
    assert "Argentum Ridge" in shown["Owners"][1] and "Argentum Ridge" not in shown["Owners"][0]
    assert shown["Commodities"][1].startswith("Mo   (primary), W")
    click(dialog.save_button)  # defaults: her name, the rest as Bob stored it
    qtbot.waitUntil(lambda: closed(form))
    with Session(engine) as session:
        project = session.get(Project, 1)
        assert project is not None
        assert (project.name, project.country, project.version) == ("Davidson North", "Canada", 3)
        assert owners_of(session, 1) == [
            OwnerShare(1, Decimal(70), True),
            OwnerShare(2, Decimal(30), False),
        ]
        assert project_commodity_symbols(session, 1) == ["Mo", "W"]


# Undo and redo when someone changed the record since the step.


def alice_saves_website(qtbot: QtBot, window: MainWindow, typed: str) -> None:
    form = edit_website(qtbot, window, typed)
    click(save_button(form))
    qtbot.waitUntil(lambda: closed(form))
    qtbot.waitUntil(lambda: window.undo_stack.index() == window.undo_stack.count())


def overtaken_shown(window: MainWindow, qtbot: QtBot) -> OvertakenDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(window.editor.overtaken, OvertakenDialog)
            and window.editor.overtaken.isVisible()
        )
    )
    dialog = window.editor.overtaken
    assert isinstance(dialog, OvertakenDialog)
    return dialog


def test_undo_over_a_later_change_by_someone_else_asks_and_keeps_the_stack(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    stack = window.undo_stack
    alice_saves_website(qtbot, window, "https://alice.example")
    assert (stack.count(), stack.index()) == (1, 1)
    bob_saves(other_engine, 2, notes="Drilling in May.")

    window.commands.undo.trigger()
    dialog = overtaken_shown(window, qtbot)
    assert stored(engine) == ("https://alice.example", "Drilling in May.", 3), "nothing written"
    assert (stack.index(), stack.canUndo()) == (1, True), "the edit is still the one to undo"
    assert stack.undoText() == "Edit company “Moon River Moly”"
    message = dialog.findChild(QLabel, "overtaken_message")
    assert message is not None and message.text().startswith(
        "Edit company “Moon River Moly” was not undone: bob changed this company at "
    )
    assert dialog.rows() == [
        ("notes", "Drilling in spring.", "Drilling in May.", "Drilling in spring.")
    ]
    assert "<b>Now (by bob)</b>" in texts(dialog)

    # Keeping Bob's change writes nothing; the step can be tried again.
    click(dialog.keep)
    qtbot.waitUntil(lambda: closed(dialog))
    assert stored(engine)[:2] == ("https://alice.example", "Drilling in May.")
    assert stack.index() == 1

    window.commands.undo.trigger()
    dialog = overtaken_shown(window, qtbot)
    assert dialog.anyway is not None and dialog.anyway.text() == "Undo &Anyway"
    click(dialog.anyway)
    qtbot.waitUntil(lambda: stored(engine)[0] == "https://moonriver.example")
    assert stored(engine) == ("https://moonriver.example", "Drilling in spring.", 4)
    assert (stack.index(), stack.canRedo()) == (0, True)
    with Session(engine) as session:
        shown = [(c.field, c.old, c.new) for c in changelog.history(session, "company", 1)[:2]]
    assert shown == [
        ("notes", "Drilling in May.", "Drilling in spring."),
        ("website", "https://alice.example", "https://moonriver.example"),
    ]

    # Redo checks the same way: nobody changed it since the undo, so it simply goes through.
    window.commands.redo.trigger()
    qtbot.waitUntil(lambda: stored(engine)[0] == "https://alice.example")
    assert stack.index() == 1 and window.editor.overtaken is None


def test_undo_into_a_record_someone_deleted_is_refused_with_the_stack_unchanged(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    stack = window.undo_stack
    alice_saves_website(qtbot, window, "https://alice.example")
    with transaction(other_engine) as session:
        records.delete_record(session, "company", 1)
    window.commands.undo.trigger()
    dialog = overtaken_shown(window, qtbot)
    assert dialog.anyway is None and dialog.rows() == []
    message = dialog.findChild(QLabel, "overtaken_message")
    assert message is not None and "bob deleted this company" in message.text()
    assert stack.index() == 1
    click(dialog.keep)
    qtbot.waitUntil(lambda: closed(dialog))
    with Session(engine) as session:
        assert session.get(Company, 1) is None


def test_undoing_own_steps_in_turn_never_asks(
    qtbot: QtBot, window: MainWindow, engine: Engine
) -> None:
    stack = window.undo_stack
    alice_saves_website(qtbot, window, "https://one.example")
    alice_saves_website(qtbot, window, "https://two.example")
    window.commands.undo.trigger()
    window.commands.undo.trigger()  # both queued at once, as fast typing does
    qtbot.waitUntil(lambda: stored(engine)[0] == "https://moonriver.example")
    window.commands.redo.trigger()
    window.commands.redo.trigger()
    qtbot.waitUntil(lambda: stored(engine)[0] == "https://two.example")
    assert stack.index() == 2 and window.editor.overtaken is None


def test_the_window_notices_someone_elses_undo_and_shows_it_in_the_history(
    qtbot: QtBot, window: MainWindow, other_engine: Engine
) -> None:
    section = window.sections["companies"]
    section.select_id(1)
    with transaction(other_engine) as session:  # Bob edits, then undoes it from his window
        before, _after, _label = edits.save_edit(
            session,
            "company",
            1,
            1,
            lambda s: update_company(s, 1, Company(name="Moon River Moly Corp")),
        )
    with transaction(other_engine) as session:
        snapshots.replace(session, before)
    undone = "name: Moon River Moly Corp → Moon River Moly"
    qtbot.waitUntil(lambda: undone in section.detail.toPlainText())
    history = section.detail.toPlainText()
    assert history.index(undone) < history.index("name: Moon River Moly → Moon River Moly Corp"), (
        "newest first"
    )
    assert "bob" in window.statusBar().currentMessage()


def version_of(engine: Engine, company_id: int) -> int | None:
    with Session(engine) as session:
        return versions.current(session, "company", company_id)


def test_redo_of_a_delete_after_someone_changed_the_record_asks(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    stack = window.undo_stack
    window.editor.confirm = lambda _title, _question, _details, yes: yes()
    window.editor.delete("company", 2)
    qtbot.waitUntil(lambda: stack.count() == 1)
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: version_of(engine, 2) is not None)
    assert stack.index() == 0
    with transaction(other_engine) as session:
        edits.save_edit(
            session,
            "company",
            2,
            version_of(engine, 2),
            lambda s: update_company(
                s, 2, Company(name="Argentum Ridge", website="https://ar.example")
            ),
        )
    window.commands.redo.trigger()
    dialog = overtaken_shown(window, qtbot)
    assert dialog.rows() == [("website", "(empty)", "https://ar.example", "(deleted)")]
    assert "<b>After your undo</b>" in texts(dialog) and "<b>Redo writes</b>" in texts(dialog)
    assert (stack.index(), stack.redoText()) == (0, "Delete company “Argentum Ridge”")
    with Session(engine) as session:
        assert session.get(Company, 2) is not None, "not deleted"
    assert dialog.anyway is not None and dialog.anyway.text() == "Redo &Anyway"
    click(dialog.anyway)
    qtbot.waitUntil(lambda: version_of(engine, 2) is None)
    assert stack.index() == 1 and stack.undoText() == "Delete company “Argentum Ridge”"


def test_undo_of_a_delete_that_cannot_be_restored_says_why_and_keeps_the_stack(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    with transaction(engine) as session:
        argentum = session.get(Company, 2)
        assert argentum is not None
        add_project(session, "Silver Spur", [(argentum, "100", True)], ["Ag"])
    stack = window.undo_stack
    window.editor.confirm = lambda _title, _question, _details, yes: yes()
    window.editor.delete("project", 1)
    qtbot.waitUntil(lambda: stack.count() == 1)
    with transaction(other_engine) as session:
        records.delete_record(session, "company", 2)
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)))
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert box.windowTitle() == "Not undone"
    assert box.text().startswith("Delete project “Silver Spur” was not undone: a record it refers")
    assert (stack.index(), stack.undoText()) == (1, "Delete project “Silver Spur”")
    box.close()
    with Session(engine) as session:
        assert session.get(Project, 1) is None


def test_a_second_undo_queued_behind_a_refused_one_writes_nothing(
    qtbot: QtBot, window: MainWindow, engine: Engine, other_engine: Engine
) -> None:
    stack = window.undo_stack
    window.editor.edit("company", 2)
    form = open_form(qtbot, window, CompanyForm)
    qtbot.waitExposed(form)
    QTest.keyClicks(form.website, "https://argentum.example")
    click(save_button(form))
    qtbot.waitUntil(lambda: stack.count() == 1)
    alice_saves_website(qtbot, window, "https://alice.example")
    bob_saves(other_engine, 2, notes="Drilling in May.")

    window.commands.undo.trigger()  # Moon River: Bob changed it since
    window.commands.undo.trigger()  # Argentum: queued behind it, before the refusal is back
    dialog = overtaken_shown(window, qtbot)
    assert (stack.index(), stack.undoText()) == (2, "Edit company “Moon River Moly”")
    with Session(engine) as session:
        argentum = session.get(Company, 2)
        assert argentum is not None and argentum.website == "https://argentum.example"
    assert version_of(engine, 2) == 2, "nothing written to Argentum: not undone, not redone"
    assert stored(engine)[:2] == ("https://alice.example", "Drilling in May.")
    click(dialog.keep)
    qtbot.waitUntil(lambda: closed(dialog))

    # The gate is open again: undoing anyway, then the Argentum edit, goes through.
    window.commands.undo.trigger()
    click(overtaken_shown(window, qtbot).anyway)
    qtbot.waitUntil(lambda: stack.index() == 1 and stored(engine)[1] == "Drilling in spring.")
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: version_of(engine, 2) == 3)
    with Session(engine) as session:
        argentum = session.get(Company, 2)
        assert argentum is not None and argentum.website is None
    assert stack.index() == 0
