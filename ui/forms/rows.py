"""Editors for repeated parts of a record: a project's owners, a deal's obligations and steps."""

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import ObligationKind
from tracker.errors import FieldProblem
from tracker.services.deals import ObligationSpec, StepSpec
from tracker.services.projects import OwnerShare
from ui.forms.base import Reader
from ui.forms.fields import ChoiceBox, CurrencyBox, DateField, DecimalField
from ui.forms.pickers import RecordPicker
from ui.icons import icon

Line = TypeVar("Line", bound=QWidget)


class RowsEditor(QWidget, Generic[Line]):
    """A column of similar lines, each with a remove button, and an "Add" button below."""

    changed = Signal()

    def __init__(self, add_text: str, headers: Sequence[str]) -> None:
        super().__init__()
        self.lines: list[Line] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._headers = [QLabel(text) for text in headers]
        for column, label in enumerate(self._headers):
            label.setProperty("hint", True)
            self._grid.addWidget(label, 0, column)
        self.add_button = QPushButton(add_text)
        self.add_button.setIcon(icon("add"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line())
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(bottom)
        self._show_headers()

    def make_line(self) -> Line:
        raise NotImplementedError

    def cells(self, line: Line) -> list[QWidget]:
        """The widgets of a line, one per column."""
        raise NotImplementedError

    def add_line(self) -> Line:
        line = self.make_line()
        row = len(self.lines) + 1
        for column, cell in enumerate(self.cells(line)):
            self._grid.addWidget(cell, row, column)
        remove = QToolButton()
        remove.setIcon(icon("delete"))
        remove.setToolTip("Remove this line")
        remove.setAccessibleName("Remove line")
        remove.clicked.connect(lambda: self.remove_line(line))
        self._grid.addWidget(remove, row, len(self._headers))
        line.setProperty("remove_button", remove)
        self.lines.append(line)
        self._show_headers()
        self.changed.emit()
        return line

    def remove_line(self, line: Line) -> None:
        index = self.lines.index(line)
        widgets = [*self.cells(line), line.property("remove_button")]
        for widget in widgets:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        line.deleteLater()
        del self.lines[index]
        for row, later in enumerate(self.lines[index:], start=index + 1):
            for column, cell in enumerate([*self.cells(later), later.property("remove_button")]):
                self._grid.addWidget(cell, row, column)
        self._show_headers()
        self.changed.emit()

    def clear(self) -> None:
        for line in list(self.lines):
            self.remove_line(line)

    def _show_headers(self) -> None:
        for label in self._headers:
            label.setVisible(bool(self.lines))


class OwnerLine(QWidget):
    """A company, its interest, and whether it operates."""

    def __init__(self, companies: Sequence[tuple[int, str]], group: QButtonGroup) -> None:
        super().__init__()
        self.company = RecordPicker("company", companies, creatable=True)
        self.interest = DecimalField(percent=True, placeholder="%")
        self.interest.setMaximumWidth(
            self.interest.fontMetrics().horizontalAdvance("000.000 %") * 2
        )
        self.operator = QRadioButton("Operator")
        group.addButton(self.operator)


class OwnersEditor(RowsEditor[OwnerLine]):
    """A project's owners with their interests; exactly one operates."""

    create_company = Signal(object, str)

    def __init__(self, companies: Sequence[tuple[int, str]]) -> None:
        self._companies = list(companies)
        self._group = QButtonGroup()
        super().__init__("Add owner", ["Company", "Interest", ""])

    def make_line(self) -> OwnerLine:
        line = OwnerLine(self._companies, self._group)
        line.company.create_requested.connect(
            lambda text: self.create_company.emit(line.company, text)
        )
        if not self.lines:
            line.interest.setText("100")
            line.operator.setChecked(True)
        return line

    def cells(self, line: OwnerLine) -> list[QWidget]:
        return [line.company, line.interest, line.operator]

    def read(self, reader: Reader) -> list[OwnerShare]:
        """The owners named; a line left without a company is no owner."""
        owners = []
        for line in self.lines:
            if not line.company.text():
                continue
            interest = reader.read("owner interest", line.interest.value, None)
            company_id = line.company.value()
            if company_id is None:
                reason = "is not a known company; create it first"
                reader.problems.append(FieldProblem("owner", line.company.text(), reason))
                continue
            if interest is None:
                continue
            owners.append(OwnerShare(company_id, interest, line.operator.isChecked()))
        return owners

    def set_owners(self, owners: Sequence[OwnerShare]) -> None:
        self.clear()
        for owner in owners:
            line = self.add_line()
            line.company.set_value(owner.company_id)
            line.interest.set_value(owner.interest_pct)
            line.operator.setChecked(owner.is_operator)


class ObligationLine(QWidget):
    """Cash, shares or work owed: amount, currency, due date, and whether it was met."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = ChoiceBox(ObligationKind)
        # Narrower than "work commitment": the room goes to what the obligation is for.
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(7)
        self.amount = DecimalField(scaled=True, placeholder="amount")
        self.amount.setMinimumWidth(self.amount.fontMetrics().horizontalAdvance("000,000.00"))
        self.currency = CurrencyBox(allow_blank=True)
        self.currency.set_currency("CAD")
        self.due = DateField()
        self.met = QCheckBox("Met")
        self.description = QLineEdit()
        self.description.setPlaceholderText("what for")
        self.description.setMinimumWidth(
            self.description.fontMetrics().horizontalAdvance("payment on signing")
        )
        self.step = QComboBox()
        self.step.addItem("—", 0)
        self.kind.currentTextChanged.connect(self._kind_changed)

    def _kind_changed(self, kind: str) -> None:
        shares = kind == ObligationKind.SHARES.value
        self.currency.setEnabled(not shares)
        if shares:
            self.currency.set_currency(None)


class ObligationsEditor(RowsEditor[ObligationLine]):
    """A deal's obligations; each may belong to an earn-in step."""

    def __init__(self) -> None:
        self._steps = 0
        super().__init__(
            "Add obligation", ["Kind", "Amount", "Currency", "Due", "", "What", "Step"]
        )
        # Room left over goes to what the obligation is for, not to the kind or the date.
        self._grid.setColumnStretch(5, 1)

    def make_line(self) -> ObligationLine:
        line = ObligationLine()
        self._fill_steps(line)
        return line

    def cells(self, line: ObligationLine) -> list[QWidget]:
        return [
            line.kind,
            line.amount,
            line.currency,
            line.due,
            line.met,
            line.description,
            line.step,
        ]

    def set_step_count(self, count: int) -> None:
        self._steps = count
        for line in self.lines:
            self._fill_steps(line)

    def _fill_steps(self, line: ObligationLine) -> None:
        chosen = line.step.currentData() or 0
        line.step.clear()
        line.step.addItem("—", 0)
        for number in range(1, self._steps + 1):
            line.step.addItem(f"Step {number}", number)
        line.step.setCurrentIndex(chosen if chosen <= self._steps else 0)

    def read(self, reader: Reader) -> list[tuple[int, ObligationSpec]]:
        """Each obligation with the number of its step (0 for none)."""
        found = []
        for number, line in enumerate(self.lines, start=1):
            label = f"obligation {number}"
            amount = reader.read(f"{label} amount", line.amount.value, None)
            due = reader.read(f"{label} due date", line.due.value, None)
            if amount is None:
                if not line.amount.text().strip():
                    reader.problems.append(FieldProblem(f"{label} amount", None, "is required"))
                continue
            found.append(
                (
                    int(line.step.currentData() or 0),
                    ObligationSpec(
                        kind=line.kind.value() or "",
                        amount=amount,
                        currency=line.currency.currency(),
                        due_date=due,
                        met=line.met.isChecked(),
                        description=line.description.text() or None,
                    ),
                )
            )
        return found

    def set_obligations(self, obligations: Sequence[tuple[int, ObligationSpec]]) -> None:
        self.clear()
        for step, spec in obligations:
            line = self.add_line()
            line.kind.set_value(spec.kind)
            line.amount.set_value(spec.amount)
            line.currency.set_currency(spec.currency)
            line.due.set_value(spec.due_date)
            line.met.setChecked(spec.met)
            line.description.setText(spec.description or "")
            line.description.setCursorPosition(0)
            line.step.setCurrentIndex(step if step <= self._steps else 0)


class StepLine(QWidget):
    """One earn-in stage: the interest it earns, by when, and whether it is earned."""

    def __init__(self) -> None:
        super().__init__()
        self.interest = DecimalField(percent=True, placeholder="%")
        self.due = DateField()
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. spend CAD 2 M on exploration")
        self.earned = QCheckBox("Earned")


class StepsEditor(RowsEditor[StepLine]):
    def __init__(self) -> None:
        super().__init__("Add earn-in step", ["Interest", "Due", "What", ""])

    def make_line(self) -> StepLine:
        return StepLine()

    def cells(self, line: StepLine) -> list[QWidget]:
        return [line.interest, line.due, line.description, line.earned]

    def read(
        self, reader: Reader, obligations: Sequence[tuple[int, ObligationSpec]]
    ) -> list[StepSpec]:
        steps = []
        for number, line in enumerate(self.lines, start=1):
            interest = reader.read(f"step {number} interest", line.interest.value, None)
            due = reader.read(f"step {number} due date", line.due.value, None)
            if interest is None:
                if not line.interest.text().strip():
                    reader.problems.append(
                        FieldProblem(f"step {number} interest", None, "is required")
                    )
                continue
            steps.append(
                StepSpec(
                    interest_pct=interest,
                    due_date=due,
                    description=line.description.text() or None,
                    earned=line.earned.isChecked(),
                    obligations=tuple(spec for step, spec in obligations if step == number),
                )
            )
        return steps

    def set_steps(self, steps: Sequence[StepSpec]) -> None:
        self.clear()
        for step in steps:
            line = self.add_line()
            line.interest.set_value(step.interest_pct)
            line.due.set_value(step.due_date)
            line.description.setText(step.description or "")
            line.earned.setChecked(step.earned)
