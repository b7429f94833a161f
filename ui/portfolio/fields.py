"""Form fields with inline validation: a field shows what is wrong with it as soon as it can.

Numbers are checked while typed; everything else when the service refuses the input, whose
``FieldProblem``s are put next to the fields they name (and listed under the form).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLabel, QLineEdit, QWidget

from tracker.entry import parse_decimal
from tracker.errors import FieldProblem

INVALID_STYLE = "border: 1px solid #c0392b; background: #fdecea; color: #1d2125;"
NO_DATE = QDate(1900, 1, 1)


def mark(widget: QWidget, reason: str | None) -> None:
    """Show (or clear, with None) that ``widget`` holds a refused value, and why."""
    widget.setProperty("invalid", reason is not None)
    widget.setStyleSheet(INVALID_STYLE if reason is not None else "")
    widget.setToolTip(reason or "")


class DecimalField(QLineEdit):
    """A number typed as text, exact; marked at once when it does not read as a number."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textChanged.connect(self._check)

    def _check(self, text: str) -> None:
        try:
            parse_decimal(text)
        except ValueError:
            mark(self, "is not a number")
        else:
            mark(self, None)

    def value(self) -> Decimal | None:
        """The number, or None when empty; raises ``ValueError`` when it is not a number."""
        return parse_decimal(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else f"{value.normalize():f}")


class CodeField(QLineEdit):
    """A three-letter currency code, upper-cased as typed."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setMaxLength(3)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("WWWW") + 12)
        self.setPlaceholderText("CAD")
        self.textEdited.connect(self._upper)

    def _upper(self, text: str) -> None:
        if text != text.upper():
            position = self.cursorPosition()
            self.setText(text.upper())
            self.setCursorPosition(position)


class DateField(QDateEdit):
    """A date with a calendar; ``optional`` fields can be set back to "none"."""

    def __init__(
        self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("none")
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date | None:
        """The date, or None when an optional field is at "none"."""
        if self.optional and self.date() == NO_DATE:
            return None
        return self.day()

    def day(self) -> date:
        """The date shown (for fields that always have one)."""
        chosen = self.date()
        return date(chosen.year(), chosen.month(), chosen.day())


class ChoiceBox(QComboBox):
    """Choices shown by name, carrying an id or code; typing narrows the list (any part)."""

    def __init__(self, parent: QWidget | None = None, *, any_text: str | None = None) -> None:
        super().__init__(parent)
        self.any_text = any_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_choices(self, choices: Sequence[tuple[str, object]]) -> None:
        """Replace the choices, keeping the current one when it is still offered."""
        current = self.current_value()
        self.blockSignals(True)
        self.clear()
        if self.any_text is not None:
            self.addItem(self.any_text, None)
        for label, value in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.select_value(current)

    def current_value(self) -> object:
        """The chosen value; typed text that names no choice counts as no choice."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None

    def select_value(self, value: object) -> None:
        """Choose the item carrying ``value``; else "any" when offered, else nothing."""
        index = self.findData(value) if value is not None else -1
        if index < 0 and self.any_text is not None:
            index = 0
        self.setCurrentIndex(index)


class ProblemLabel(QLabel):
    """Under a form: what the last attempt was refused for, or what it did."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problems(self, problems: Sequence[FieldProblem | str]) -> None:
        self.setStyleSheet("color: #c0392b;")
        self.setText("\n".join(str(problem) for problem in problems))
        self.setVisible(bool(problems))

    def show_done(self, text: str) -> None:
        self.setStyleSheet("color: #2f6f5e;")
        self.setText(text)
        self.setVisible(bool(text))


class FormErrors:
    """Puts a service's ``FieldProblem``s on the fields they name and lists them all."""

    def __init__(self, fields: Mapping[str, QWidget], label: ProblemLabel) -> None:
        self.fields = dict(fields)
        self.label = label

    def clear(self) -> None:
        for widget in self.fields.values():
            if widget.property("invalid"):
                mark(widget, None)
        self.label.show_problems([])

    def show_message(self, text: str) -> None:
        self.clear()
        self.label.show_problems([text])

    def show(self, problems: Sequence[FieldProblem]) -> None:
        self.clear()
        for problem in problems:
            widget = self.fields.get(problem.field)
            if widget is not None:
                mark(widget, problem.reason)
        self.label.show_problems(problems)


def read_number(field: DecimalField, name: str, problems: list[FieldProblem]) -> Decimal | None:
    """The field's number; a problem is added (and None returned) when it is not a number."""
    try:
        return field.value()
    except ValueError:
        problems.append(FieldProblem(name, field.text(), "is not a number"))
        return None
