"""The frame every record form shares: labelled fields, problems shown at their field.

A form never writes. On Save it reads its fields into plain values (a typing slip such as
"12 apples" is reported at once, at the field) and offers a *job*: a function of a session that
calls the services. The window runs the job on the database thread; a ``ValidationError``
comes back here and each ``FieldProblem`` is shown under the field it names.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import (
    ConflictError,
    FieldProblem,
    TrackerError,
    ValidationError,
    repr_value,
)
from ui.forms.discard import AskDiscard, ask_discard_with_box, field_state
from ui.forms.form_rows import FormRow, form_rows, row_state

if TYPE_CHECKING:
    from ui.data.gateway import Session

#: A form's write: returns the id of the record it created or changed.
SaveJob = Callable[["Session"], int]
T = TypeVar("T")


class UnreadableFieldsError(Exception):
    """Values the form could not even read (not a number, not a date)."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


class Reader:
    """Reads fields one by one, collecting every slip instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def read(self, field: str, reader: Callable[[], T], fallback: T) -> T:
        """``reader()``, or ``fallback`` with the reason noted when it raises ``ValueError``."""
        try:
            return reader()
        except ValueError as exc:
            self.problems.append(FieldProblem(field, None, str(exc)))
            return fallback

    def check(self) -> None:
        if self.problems:
            raise UnreadableFieldsError(self.problems)


class _Slot:
    """Where a field's problems are shown: the label under it, and the widget to mark."""

    def __init__(self, widget: QWidget, label: QLabel) -> None:
        self.widget = widget
        self.label = label


class _VerticalScroll(QScrollArea):
    """Scrolls its fields up and down only: the form is never narrower than its fields (no
    horizontal scroll bar, nothing clipped at the right), and it can be shorter than them."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        body = self.widget()
        bar = self.verticalScrollBar()
        width = body.minimumSizeHint().width() if body is not None else 0
        extra = bar.sizeHint().width() if bar is not None else 0
        return QSize(width + extra, super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A field grew (a line added, an offer shown): the form widens if it must."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)


class RecordForm(QDialog):
    """A dialog of labelled fields with a message area; subclasses add fields and a job."""

    #: Emitted with the form when Save is pressed and the fields read well.
    save_requested = Signal(object)
    #: A picker asks for a record it does not know: kind, the text typed, and the picker.
    create_requested = Signal(str, str, object)

    kind = ""

    def __init__(self, parent: QWidget | None, title: str, record_id: int | None = None) -> None:
        super().__init__(parent)
        self.record_id = record_id
        self.setWindowTitle(title)
        self.setObjectName(f"{self.kind}_form")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._slots: dict[str, _Slot] = {}
        self.message = QLabel()
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setProperty("problem", True)
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        scroll = _VerticalScroll(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.request_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.request_save)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        #: Asks before Escape, Cancel or closing throws away what was typed; tests replace it.
        self.ask_discard: AskDiscard = ask_discard_with_box
        self._opened_state: tuple[object, ...] | None = None
        self._discarding = False
        #: The stored version of the record as loaded (None for a new record): a save is
        #: refused when someone else saved it since (``tracker.versions``).
        self.version: int | None = None
        #: Each row's values as the form opened, by label: a field typed in since then keeps
        #: the person's value by default when a save conflicts.
        self.opened_rows: dict[str, object] = {}

    # Opening and closing.

    def showEvent(self, event: QShowEvent) -> None:
        """On first showing: note the fields as loaded, and put the cursor in the first one."""
        super().showEvent(event)
        if self._opened_state is None:
            self._opened_state = field_state(self)
            self.opened_rows = {row.label: row_state(row.holder) for row in self.rows()}
            self._fit_screen()
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_screen(self) -> None:
        """No taller or wider than the screen's free area: the fields scroll instead."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.size()
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - frame.height())
        self.resize(max(width, self.minimumWidth()), height)

    def first_field(self) -> QWidget | None:
        """The first field that can be typed in (a preset, locked project is skipped)."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            holder = item.widget() if item is not None else None
            if holder is None:
                continue
            target = holder
            while (proxy := target.focusProxy()) is not None:
                target = proxy
            if target.isEnabled() and target.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return target
        return None

    def rows(self) -> list[FormRow]:
        """The form's labelled rows, in order."""
        return form_rows(self.form)

    def is_changed(self) -> bool:
        """Something was typed or chosen since the form opened."""
        return self._opened_state is not None and field_state(self) != self._opened_state

    def reject(self) -> None:
        """Escape, Cancel or closing: at once when nothing changed, else after asking."""
        if self._discarding or not self.is_changed():
            super().reject()
            return
        self.ask_discard(self, self._discard)

    def _discard(self) -> None:
        self._discarding = True
        super().reject()

    # Building.

    def add_field(
        self, label: str, widget: QWidget, keys: Sequence[str] = (), hint: str = ""
    ) -> QWidget:
        """Add a labelled field; problems whose field is one of ``keys`` show under it."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        problem = QLabel()
        problem.setWordWrap(True)
        problem.setVisible(False)
        problem.setProperty("problem", True)
        column.addWidget(problem)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setProperty("hint", True)
            column.addWidget(note)
        holder.setFocusProxy(widget)
        self.form.addRow(label, holder)
        slot = _Slot(widget, problem)
        for key in keys:
            self._slots[key] = slot
        return widget

    def route(self, keys: Sequence[str], to: str) -> None:
        """Show problems of ``keys`` at the field registered as ``to``: for names known only
        when saving, such as the commodities of a price deck (``Au price``)."""
        slot = self._slots[to]
        for key in keys:
            self._slots.setdefault(key, slot)

    # Saving.

    def request_save(self) -> None:
        """Read the fields; show what cannot be read, else ask the window to run the job."""
        self.clear_problems()
        try:
            self.prepare()
        except UnreadableFieldsError as problems:
            self.show_problems(problems.problems)
            return
        self.buttons.setEnabled(False)
        self.save_requested.emit(self)

    def prepare(self) -> None:
        """Read the fields into plain values, raising ``UnreadableFieldsError``; forms override."""

    def job(self) -> SaveJob:
        """The write to run, built from the values ``prepare`` read."""
        raise NotImplementedError

    def saved(self, record_id: int) -> None:
        """The job succeeded: close."""
        self.record_id = record_id
        self.accept()

    def failed(self, error: TrackerError) -> None:
        """The services refused: show why, at the fields they name."""
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        elif isinstance(error, ConflictError):
            self.show_conflict(str(error))
        else:
            self.show_message(str(error))

    def show_conflict(self, text: str) -> None:
        """A duplicate or a rule about other records; forms route it to a field if they can."""
        self.show_message(text)

    # Problems.

    def clear_problems(self) -> None:
        self.message.setVisible(False)
        for slot in self._slots.values():
            slot.label.setVisible(False)
            slot.label.clear()
            _mark(slot.widget, False)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def problem_text(self, key: str) -> str:
        """The problem shown at the field registered as ``key`` (empty when none)."""
        slot = self._slots.get(key)
        return slot.label.text() if slot and slot.label.isVisible() else ""

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        self.clear_problems()
        unplaced: list[str] = []
        first: QWidget | None = None
        shown: dict[int, list[str]] = {}
        for problem in problems:
            found = self._slot_for(problem.field)
            if found is None:
                unplaced.append(str(problem))
                continue
            key, slot = found
            shown.setdefault(id(slot), []).append(_reason(problem, key))
            slot.label.setText("; ".join(shown[id(slot)]))
            slot.label.setVisible(True)
            _mark(slot.widget, True)
            first = first or slot.widget
        if unplaced:
            self.show_message("\n".join(unplaced))
        if first is not None:
            first.setFocus()

    def _slot_for(self, field: str) -> tuple[str, _Slot] | None:
        """The slot registered for ``field``, or for the longest key it starts with."""
        if field in self._slots:
            return field, self._slots[field]
        matches = [key for key in self._slots if field.startswith(key + " ")]
        if not matches:
            return None
        key = max(matches, key=len)
        return key, self._slots[key]


def _reason(problem: FieldProblem, key: str) -> str:
    """A problem as shown under its field: the reason, with the value when one was given, and
    the full field name when the slot gathers several (``obligation 2 amount``)."""
    if problem.field != key:
        return str(problem)
    if problem.value is None or problem.value == "":
        return problem.reason
    return f"{repr_value(problem.value)}: {problem.reason}"


def _mark(widget: QWidget, invalid: bool) -> None:
    targets = [widget, *widget.findChildren(QLineEdit)]
    for target in targets:
        target.setProperty("invalid", invalid)
        style = target.style()
        if style is not None:
            style.unpolish(target)
            style.polish(target)
