"""Adding, editing and deleting records: forms in, undoable writes out.

Forms and confirmations open with ``open()`` (never ``exec()``), so nothing blocks and tests
drive them like a person does. Writes run on the data gateway's writer; after each one the
editor announces what changed through the gateway (``Changes``), and every view decides whether
it shows it. A refusal from the services goes back to the form, and so does a failure of the
environment (a locked or full database), worded by the gateway's one rule; anything else is an
unexpected error for the window to report.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from tracker.errors import TrackerError
from ui.data import Changes, Gateway
from ui.data.failures import Kind, classify

# The forms, services and snapshots load with the first form opened, not at startup.
if TYPE_CHECKING:
    from tracker.changelog import Change
    from tracker.choices import Choices
    from tracker.overtaken import OvertakenError
    from tracker.services.study_stage import StageOffer
    from tracker.snapshots import Snapshot
    from tracker.versions import StaleRecordError
    from ui.data.gateway import Session
    from ui.forms.base import RecordForm
    from ui.forms.pickers import CommodityList, CommodityPicker, RecordPicker
    from ui.undo import DatabaseCommand, Gate

#: Asks "are you sure?": title, question, details, and what to do on yes.
Confirm = Callable[[str, str, str, Callable[[], None]], None]


class Editor(QObject):
    """Opens forms, runs their writes, and records each change on the undo stack."""

    #: This window's edit landed on a record: its kind and id, or -1 when it is gone (the
    #: window shows it; what to refresh is told to every view by the gateway).
    changed = Signal(str, int)
    #: A form opened (its values were read off the GUI thread first): the form.
    form_opened = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        data: Gateway,
        stack: QUndoStack,
        project_rows: Callable[[], list[Any] | None],
        on_unexpected: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._data = data
        self._stack = stack
        self._project_rows = project_rows
        self._on_unexpected = on_unexpected
        self.confirm: Confirm = self._confirm_with_box
        #: Offers to move a project's stage after a study that shows it moved on.
        self.offer_stage: Confirm = self._offer_stage_with_box
        #: False while the database is read-only: forms open to be read, and nothing is saved.
        self.writable: Callable[[], bool] = lambda: True
        #: The change-log origin of this window's writes (others' changes have another).
        self.origin: Callable[[], str] = lambda: ""
        #: The open "changed by someone else" dialog, if any.
        self.conflict: QDialog | None = None
        #: The open "changed since, undo anyway?" dialog, if any.
        self.overtaken: QDialog | None = None
        self._gate: Gate | None = None
        #: Undo and redo jobs submitted and not yet back.
        self._in_flight = 0
        #: The first undo or redo that wrote nothing, while jobs queued after it come back:
        #: where the stack's index goes back to, the step, and why.
        self._failed: tuple[int, DatabaseCommand, BaseException] | None = None

    @property
    def gate(self) -> "Gate":
        """Shared by this window's steps (``ui.undo.Gate``), made with the first one."""
        if self._gate is None:
            from ui.undo import Gate

            self._gate = Gate()
        return self._gate

    # Forms.

    def new(self, kind: str, **preset: int | None) -> None:
        """Open the form for a new record of ``kind`` (a project, a study of a project, ...)
        once what its pickers offer is read; ``form_opened`` says when."""
        self._read_form(kind, None, preset, self._open_built)

    def edit(self, kind: str, record_id: int) -> None:
        """Open the form of a record once its values are read; ``form_opened`` says when."""
        self._read_form(kind, record_id, {}, self._open_built)

    def _read_form(
        self,
        kind: str,
        record_id: int | None,
        preset: dict[str, int | None],
        then: Callable[["RecordForm"], None],
    ) -> None:
        """Read a form's values on the gateway's reader, then build it from them (with the
        version it was loaded at) and hand it to ``then``."""
        project_rows = self._project_rows()

        def read(session: "Session") -> FormValues:
            return read_form_values(session, kind, record_id, preset, project_rows)

        self._data.read(read, lambda values: then(self._build(values)), self._on_unexpected)

    def _open_built(self, form: "RecordForm") -> None:
        self._open(form)
        self.form_opened.emit(form)

    def _build(self, values: "FormValues") -> "RecordForm":
        """The form, from plain data only (no session: what it shows was read before)."""
        from ui.forms.company_form import CompanyForm
        from ui.forms.deal_form import DealForm
        from ui.forms.event_form import EventForm
        from ui.forms.holding_form import HoldingForm
        from ui.forms.project_form import ProjectForm
        from ui.forms.resource_form import ResourceForm
        from ui.forms.study_form import StudyForm

        kind, record_id, preset, choices = (
            values.kind,
            values.record_id,
            values.preset,
            values.choices,
        )
        stored: Any = values.stored
        form: RecordForm
        if kind == "company":
            form = CompanyForm(self._parent, stored, record_id)
        elif kind == "project":
            form = ProjectForm(self._parent, stored, choices, record_id)
        elif kind == "study":
            form = StudyForm(self._parent, stored, choices, record_id, preset.get("project_id"))
        elif kind == "deal":
            form = DealForm(self._parent, stored, choices, record_id, preset.get("project_id"))
        elif kind == "event":
            form = EventForm(
                self._parent,
                stored,
                choices,
                record_id,
                preset.get("project_id"),
                preset.get("company_id"),
            )
        elif kind == "holding":
            form = HoldingForm(self._parent, stored, choices, record_id, preset.get("company_id"))
        elif kind == "resource":
            form = ResourceForm(self._parent, stored, choices, record_id)
        else:
            raise ValueError(f"no form for a {kind}")
        form.version = values.version
        return form

    def _open(self, form: "RecordForm") -> "RecordForm":
        form.save_requested.connect(self._save)
        form.create_requested.connect(self._create_for)
        if not self.writable():
            save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setEnabled(False)
            save.setToolTip("The database is read-only: nothing can be saved to it.")
            form.setWindowTitle(f"{form.windowTitle()} (read-only)")
        form.open()
        return form

    def _save(self, form: "RecordForm", after: Callable[[int], None] | None = None) -> None:
        from tracker import edits
        from ui import undo

        if not self.writable():
            return

        job, kind, record_id, loaded = form.job(), form.kind, form.record_id, form.version
        if record_id is None:

            def create(session: "Session") -> tuple[int, str, "Snapshot | None"]:
                new_id, label = edits.save_new(session, kind, job)
                return new_id, label, edits.as_saved(session, kind, new_id)

            def created(result: tuple[int, str, "Snapshot | None"]) -> None:
                new_id, label, made = result
                self._stack.push(undo.created(self._run, kind, new_id, label, made, self.gate))
                form.saved(new_id)
                if after is not None:
                    after(new_id)
                self._announce(kind, new_id)
                if kind == "study":
                    self._after_study(new_id)

            self._data.write(create, created, lambda e: self._refused(form, e))
            return

        def change(session: "Session") -> tuple["Snapshot", "Snapshot", str]:
            return edits.save_edit(session, kind, record_id, loaded, job)

        def changed(result: tuple["Snapshot", "Snapshot", str]) -> None:
            before, after_change, label = result
            self._stack.push(undo.edited(self._run, before, after_change, label, self.gate))
            form.saved(record_id)
            self._announce(kind, record_id)
            if kind == "study":
                self._after_study(record_id)

        self._data.write(change, changed, lambda e: self._refused(form, e))

    def _refused(self, form: "RecordForm", error: BaseException) -> None:
        from tracker.versions import StaleRecordError

        failure = classify(error)
        if isinstance(error, StaleRecordError):
            self._resolve(form, error)
        elif isinstance(error, TrackerError):
            form.failed(error)
        elif failure.kind is Kind.ENVIRONMENT:  # worded as every other such failure is
            form.failed(TrackerError(failure.message))
        else:
            form.failed(TrackerError("Nothing was saved: an unexpected error occurred."))
            self._on_unexpected(error)

    def _resolve(self, form: "RecordForm", error: "StaleRecordError") -> None:
        """Someone saved the record since the form loaded it: show the fields that differ and
        save again with the values chosen, against the version now stored."""
        self._read_form(
            form.kind, error.record_id, {}, lambda stored: self._compare(form, error, stored)
        )

    def _compare(self, form: "RecordForm", error: "StaleRecordError", stored: "RecordForm") -> None:
        from ui.forms.conflict_dialog import ConflictDialog, Difference, differences
        from ui.forms.form_rows import copy_row

        found = differences(form.rows(), stored.rows(), form.opened_rows)

        def save(chosen: list["Difference"]) -> None:
            for difference in chosen:
                copy_row(difference.stored.holder, difference.mine.holder)
            form.version = stored.version
            stored.deleteLater()
            form.request_save()

        if not found:  # nothing the form shows differs: save on the stored version
            save([])
            return

        def cancelled() -> None:
            stored.deleteLater()
            form.buttons.setEnabled(True)
            form.show_message(f"{error} Save again to choose.")

        dialog = ConflictDialog(form, error, found, save)
        dialog.rejected.connect(cancelled)
        dialog.destroyed.connect(lambda: self._forget_conflict(dialog))
        self.conflict = dialog
        dialog.open()

    def _forget_conflict(self, dialog: QDialog) -> None:
        if self.conflict is dialog:
            self.conflict = None

    def notice_others(self, entries: "list[Change]") -> None:
        """Tell each open form whose record someone else changed: what is typed stays, and
        its save will ask which values to keep."""
        from tracker.changelog import shown_time
        from ui.forms.base import RecordForm

        changed = {(entry.kind, entry.record_id): entry for entry in entries}
        for form in self._parent.findChildren(RecordForm):
            entry = changed.get((form.kind, form.record_id or -1))
            if entry is None or not form.isVisible():
                continue
            if entry.action == "deleted":
                form.show_message(
                    f"{entry.who} deleted this {form.kind} at {shown_time(entry.at)}. "
                    "What you typed is still here; it cannot be saved over a deleted record."
                )
            else:
                form.show_message(
                    f"{entry.who} changed this {form.kind} at {shown_time(entry.at)}, after you "
                    "opened it. What you typed is kept; saving lets you choose which values "
                    "to keep."
                )

    # Moving a project's stage after a study.

    def _after_study(self, study_id: int) -> None:
        """A study whose type implies a later stage than its project's: offer to move it."""
        from datetime import date

        from tracker.services.study_stage import stage_offer

        def found(offer: "StageOffer | None") -> None:
            if offer is None:
                return
            entry = offer.entry
            question = f"Move “{offer.project}” to {entry.stage}?"
            details = (
                f"The project is at {offer.current or 'no stage yet'}; this study shows it has "
                f"reached {entry.stage}. It is recorded as of {entry.effective_date.isoformat()}."
                "\nYou can undo this with Ctrl+Z."
            )
            self.offer_stage("Move project stage", question, details, lambda: self._move(offer))

        self._data.read(
            lambda session: stage_offer(session, study_id, date.today()),
            found,
            self._on_unexpected,
        )

    def _move(self, offer: "StageOffer") -> None:
        """Record the stage as its own undo step, after the study's."""
        from tracker import snapshots
        from tracker.services.projects import record_stage
        from ui import undo

        project_id = offer.project_id

        def run(session: "Session") -> tuple["Snapshot", "Snapshot"]:
            from tracker.changelog import log_edit

            before = snapshots.capture_own(session, "project", project_id)
            record_stage(session, project_id, offer.entry)
            after = snapshots.capture_own(session, "project", project_id)
            log_edit(session, before, after)
            return before, after

        def done(result: tuple["Snapshot", "Snapshot"]) -> None:
            before, after = result
            text = f"Move project “{offer.project}” to {offer.entry.stage}"
            self._stack.push(undo.replaced(text, self._run, before, after, self.gate))
            self._announce("project", project_id)

        def refused(error: BaseException) -> None:
            if not isinstance(error, TrackerError):
                self._on_unexpected(error)
                return
            box = QMessageBox(
                QMessageBox.Icon.Information, "Stage not moved", str(error), parent=self._parent
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        self._data.write(run, done, refused)

    def _offer_stage_with_box(
        self, title: str, question: str, details: str, on_yes: Callable[[], None]
    ) -> None:
        from ui.question_box import ask

        ask(
            self._parent,
            name="offer_stage",
            title=title,
            question=question,
            details=details,
            answers=("Move stage", "Keep stage"),
            on_yes=on_yes,
        )

    # Creating a missing company or commodity from a picker.

    def _create_for(self, kind: str, text: str, picker: object) -> None:
        from ui.forms.commodity_form import CommodityForm
        from ui.forms.pickers import CommodityList, CommodityPicker, RecordPicker

        if kind == "commodity" and isinstance(picker, CommodityList | CommodityPicker):
            form = CommodityForm(self._parent, text)
            form.save_requested.connect(lambda f: self._save(f, lambda i: self._offer(i, picker)))
            form.open()
        elif kind == "company" and isinstance(picker, RecordPicker):
            self._create_company(text, picker)

    def _offer(self, commodity_id: int, picker: "CommodityList | CommodityPicker") -> None:
        from tracker.models import Commodity
        from ui.forms.pickers import CommodityList

        def read(session: "Session") -> tuple[str, str] | None:
            commodity = session.get(Commodity, commodity_id)
            return None if commodity is None else (commodity.symbol, commodity.name)

        def landed(found: tuple[str, str] | None) -> None:
            if found is None:
                return
            if isinstance(picker, CommodityList):
                picker.add_choice(commodity_id, *found)
            else:
                picker.add_commodity(commodity_id, *found)

        self._data.read(read, landed, self._on_unexpected)

    def _create_company(self, name: str, picker: "RecordPicker") -> None:
        from tracker.models import Company
        from tracker.services.companies import create_company
        from ui import undo

        def create(session: "Session") -> tuple[int, str]:
            company = create_company(session, Company(name=name))
            assert company.id is not None
            return company.id, company.name

        def created(result: tuple[int, str]) -> None:
            company_id, label = result
            self._stack.push(undo.created(self._run, "company", company_id, label, gate=self.gate))
            picker.add_choice(company_id, label)
            self._announce("company", company_id)

        def refused(error: BaseException) -> None:
            if not isinstance(error, TrackerError):
                self._on_unexpected(error)
                return
            box = QMessageBox(QMessageBox.Icon.Information, "New company", str(error))
            box.setParent(picker.window(), box.windowFlags())
            box.open()

        self._data.write(create, created, refused)

    # Deleting.

    def delete(self, kind: str, record_id: int) -> None:
        """Ask, naming what goes with the record; on yes, delete it undoably."""
        from tracker import records

        if not self.writable():
            return

        from tracker import changelog, versions

        def read(session: "Session") -> tuple[Any, ...]:
            return (
                versions.current(session, kind, record_id),
                records.label(session, kind, record_id),
                records.dependants(session, kind, record_id),
                changelog.last_change(session, kind, record_id),
            )

        self._data.read(read, lambda found: self._ask_delete(kind, record_id, *found))

    def _ask_delete(
        self,
        kind: str,
        record_id: int,
        version: int | None,
        label: str,
        found: dict[str, int],
        last: "Change | None",
    ) -> None:
        from tracker import changelog, records

        noun = records.noun(kind)
        question = f"Delete the {noun} “{label}”?"
        details = dependants_text(kind, found)
        if last is not None and last.origin != self.origin():
            details += f"Last changed by {last.who} at {changelog.shown_time(last.at)}.\n"
        details += "You can undo this with Ctrl+Z."
        self.confirm(
            f"Delete {noun}", question, details, lambda: self._delete(kind, record_id, version)
        )

    def _delete(self, kind: str, record_id: int, version: int | None = None) -> None:
        from tracker import records, versions
        from ui import undo

        def run(session: "Session") -> tuple["Snapshot", str]:
            if version is not None:  # changed since the person said yes: ask again
                versions.claim(session, kind, record_id, version)
            label = records.label(session, kind, record_id)
            return records.delete_record(session, kind, record_id), label

        def done(result: tuple["Snapshot", str]) -> None:
            snapshot, label = result
            self._stack.push(undo.deleted(self._run, snapshot, label, self.gate))
            self._announce(kind, -1)

        self._data.write(run, done, self._refused_delete)

    def _refused_delete(self, error: BaseException) -> None:
        from tracker import records
        from tracker.changelog import shown_time
        from tracker.versions import StaleRecordError

        if isinstance(error, StaleRecordError):
            kind, record_id, stored = error.kind, error.record_id, error.stored
            by = f"by {error.who} " if error.who else ""
            when = f"at {shown_time(error.at)} " if error.at else ""
            noun = records.noun(kind)
            self.confirm(
                f"Delete {noun}",
                f"This {noun} was changed {by}{when}after you chose to delete it.",
                "Delete it anyway, with the changes? You can undo this with Ctrl+Z.",
                lambda: self._delete(kind, record_id, stored),
            )
            return
        if not isinstance(error, TrackerError):
            self._on_unexpected(error)
            return
        box = QMessageBox(
            QMessageBox.Icon.Information, "Not deleted", str(error), parent=self._parent
        )
        box.open()

    def _confirm_with_box(
        self, title: str, question: str, details: str, on_yes: Callable[[], None]
    ) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=self._parent)
        box.setObjectName("confirm_delete")
        box.setInformativeText(details)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if button is delete:
                on_yes()

        box.buttonClicked.connect(clicked)
        box.open()

    # Undo and redo.

    def _run(self, job: Callable[["Session"], Any], kind: str, record_id: int | None) -> None:
        def done(_result: object) -> None:
            self._in_flight -= 1
            self._announce(kind, record_id if record_id is not None else -1)
            self._settle()

        self._in_flight += 1
        self._data.write(job, done, self._undo_failed)

    def _undo_failed(self, error: BaseException) -> None:
        """An undo or redo that wrote nothing: the step is as before it; once the jobs queued
        after it are back (they wrote nothing either), the stack is put back where it was."""
        from ui.undo import DatabaseCommand, StepHeldError

        self._in_flight -= 1
        found = None
        for index in range(self._stack.count()):
            command = self._stack.command(index)
            if isinstance(command, DatabaseCommand) and command.failure is error:
                found = index, command
        if found is None:
            self._on_unexpected(error)
        else:
            index, command = found
            command.taken_back()
            if self._failed is None and not isinstance(error, StepHeldError):
                self._failed = (index + 1 if command.done else index, command, error)
        self._settle()

    def _settle(self) -> None:
        """With every job back, put the stack's index back and say why the step failed
        (someone changed the record since: show the values and let the person choose)."""
        if self._in_flight > 0 or self._failed is None:
            return
        from tracker.overtaken import OvertakenError

        position, command, error = self._failed
        self._failed = None
        self.gate.closed = False
        self._stack.setIndex(position)
        if isinstance(error, OvertakenError):
            self._ask_overtaken(error, command, position)
        elif isinstance(error, TrackerError):
            title = "Not undone" if command.done else "Not redone"
            box = QMessageBox(QMessageBox.Icon.Information, title, str(error), parent=self._parent)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            self._on_unexpected(error)

    def _ask_overtaken(
        self, error: "OvertakenError", command: "DatabaseCommand", position: int
    ) -> None:
        from ui.overtaken_dialog import OvertakenDialog

        def anyway() -> None:
            if self._stack.index() != position or command.failure is not None:
                return  # the stack moved on meanwhile: the person asks again with Ctrl+Z
            command.force_next()
            if error.undoing:
                self._stack.undo()
            else:
                self._stack.redo()

        dialog = OvertakenDialog(self._parent, error, anyway)
        dialog.destroyed.connect(self._forget_overtaken)
        self.overtaken = dialog
        dialog.open()

    def _forget_overtaken(self) -> None:
        self.overtaken = None

    def _announce(self, kind: str, record_id: int) -> None:
        """Say what changed, through the gateway to every view, and to the window (to show
        it). A resource line has no list of its own: it is shown on its project's page, so its
        project is announced (or, once the line is gone, the page shown is refreshed)."""
        if kind == "resource":
            from tracker.models import ResourceLine

            def project_of(session: "Session") -> int:
                line = session.get(ResourceLine, record_id) if record_id >= 0 else None
                return line.project_id if line is not None else -1

            self._data.read(project_of, lambda project_id: self._announce("project", project_id))
            return
        self._data.announce(Changes.of(kind, record_id))
        self.changed.emit(kind, record_id)


@dataclass(frozen=True)
class FormValues:
    """Everything a form shows, read in one go (a gateway session): the record's values, the
    version they were read at, and the choices its pickers offer."""

    kind: str
    record_id: int | None
    preset: dict[str, int | None]
    version: int | None
    stored: object
    choices: "Choices"


def read_form_values(
    session: "Session",
    kind: str,
    record_id: int | None,
    preset: dict[str, int | None],
    project_rows: list[Any] | None,
) -> FormValues:
    """Read what a form of ``kind`` shows; the version first, so that a save made meanwhile
    shows as a conflict, never lost."""
    from tracker import versions
    from tracker.choices import Choices, load_choices
    from tracker.snapshots import ROOTS
    from ui.forms import (
        company_form,
        deal_form,
        event_form,
        holding_form,
        project_form,
        resource_form,
        study_form,
    )

    version = None
    if record_id is not None and kind in ROOTS:
        version = versions.current(session, kind, record_id)
    stored: object
    if kind == "resource":
        stored = resource_form.load_values(session, record_id, preset.get("project_id"))
    else:
        loaders = {
            "company": company_form.load_values,
            "project": project_form.load_values,
            "study": study_form.load_values,
            "deal": deal_form.load_values,
            "event": event_form.load_values,
            "holding": holding_form.load_values,
        }
        stored = loaders[kind](session, record_id)
    choices = Choices() if kind == "company" else load_choices(session, project_rows)
    return FormValues(kind, record_id, dict(preset), version, stored, choices)


def dependants_text(kind: str, found: dict[str, int]) -> str:
    """The confirmation's account of what goes with a record, in words."""
    if not found:
        return ""
    if kind == "company":
        parts = []
        if "projects" in found:
            parts.append(
                f"its interest in {_count(found['projects'], 'project')} (a project it alone "
                "owns is deleted with its studies and events)"
            )
        for what in ("deals", "holdings"):
            if what in found:
                parts.append(_count(found[what], what.removesuffix("s")))
        return "This also deletes " + _join(parts) + ".\n"
    kept = {what: n for what, n in found.items() if "kept" in what}
    gone = {what: n for what, n in found.items() if "kept" not in what}
    text = ""
    if gone:
        text += (
            "This also deletes " + _join([f"{n} {_noun(w, n)}" for w, n in gone.items()]) + ".\n"
        )
    for what, n in kept.items():
        text += f"{n} {_noun(what.split(' (')[0], n)} {'is' if n == 1 else 'are'} kept, unlinked.\n"
    return text


def _noun(plural: str, count: int) -> str:
    if count != 1:
        return plural
    return plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")


def _count(count: int, singular: str) -> str:
    return f"{count} {singular}" + ("" if count == 1 else "s")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
