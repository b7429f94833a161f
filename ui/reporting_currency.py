"""The tool bar's "Report in" box: the reporting currency, chosen from the keyboard, undoable.

The setting lives in the database (``tracker.services.settings``), so the command line and the
workbook report in the same currency. Choosing one writes it on the write thread, pushes an undo
step and tells the window, which reloads every list and the portfolio.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from tracker.currencies import is_currency
from tracker.errors import ValidationError
from ui.data import Gateway

if TYPE_CHECKING:  # the models load on the database thread, not at the window's startup
    from ui.data.gateway import Session

#: Offered even before any rate is entered: the currencies mining companies report in most.
COMMON = ("AUD", "CAD", "CHF", "EUR", "GBP", "USD", "ZAR")
TIP = (
    "The currency money is converted to and added up in: the lists' reporting columns, the "
    "portfolio and the workbook. Each figure is converted at the latest rate entered on or "
    "before today (Holdings & prices ▸ Exchange rates); a figure without one says so. Type an "
    "ISO 4217 code and press Enter, or pick one."
)


def store_currency(session: "Session", code: str) -> str:
    """Write the reporting currency; returns the one it replaces."""
    from tracker.services.settings import set_reporting_currency

    return set_reporting_currency(session, code)


@dataclass(frozen=True)
class CurrencyChoices:
    current: str
    codes: list[str]


def load_choices(session: "Session") -> CurrencyChoices:
    """The reporting currency, and the codes worth offering: common ones and those in use."""
    from tracker.portfolio.fx_rates import currencies_in_use
    from tracker.services.settings import reporting_currency

    current = reporting_currency(session)
    codes = sorted({*COMMON, *currencies_in_use(session), current})
    return CurrencyChoices(current, codes)


class ReportingCurrencyBox(QWidget):
    """A label and an editable combo box; ``changed`` says the currency is now another."""

    changed = Signal(str)

    def __init__(
        self,
        reads: Gateway,
        writes: Gateway,
        stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reads, self.writes, self.stack = reads, writes, stack
        self.current = ""
        self.label = QLabel("Report &in", self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("reporting_currency")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setToolTip(TIP)
        self.combo.setAccessibleName("Reporting currency")
        self.combo.setMinimumContentsLength(4)
        line = self.combo.lineEdit()
        assert line is not None
        line.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), self))
        self.label.setBuddy(self.combo)
        self.problem = QLabel(self)
        self.problem.setObjectName("reporting_currency_problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.problem)
        # A code picked from the list, or typed and entered (the combo box itself ignores
        # Enter on a code it does not list yet); both fire for a listed one, chosen once.
        self.combo.textActivated.connect(self.choose)
        line.returnPressed.connect(lambda: self.choose(self.combo.currentText()))
        self._pending: str | None = None

    def load(self) -> None:
        """Read the currency and the choices again (another database, an import)."""
        if self.reads.engine is not None:
            self.reads.submit(load_choices, self._show)

    def _show(self, choices: CurrencyChoices) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(choices.codes)
        self.combo.setCurrentText(choices.current)
        self.combo.blockSignals(False)
        self.current = choices.current
        self.problem.hide()

    def focus(self) -> None:
        """Put the keyboard in the box, its text selected, ready to type a code."""
        self.combo.setFocus()
        line = self.combo.lineEdit()
        if line is not None:
            line.selectAll()

    def choose(self, text: str) -> None:
        """Make ``text`` the reporting currency: written, undoable, and announced."""
        code = text.strip().upper()
        if code in (self.current, self._pending):
            self.problem.hide()
            return
        if not is_currency(code):
            self._refuse(f"{code or '(empty)'} is not an ISO 4217 currency code (e.g. USD, CAD)")
            return
        self._pending = code
        self.writes.submit(
            lambda session: store_currency(session, code),
            lambda before: self._chosen(before, code),
            self._failed,
            write=True,
        )

    def _refuse(self, reason: str) -> None:
        """Say why at the box, keeping what was typed so it can be corrected."""
        self.problem.setText(reason)
        self.problem.show()

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        if isinstance(error, ValidationError):
            self._refuse("; ".join(problem.reason for problem in error.problems))
        else:
            self.writes.report(error)

    def _chosen(self, before: str, after: str) -> None:
        self._pending = None
        self.stack.push(CurrencyCommand(self, before, after))
        self.show_currency(after)

    def show_currency(self, code: str) -> None:
        """Show ``code`` as the reporting currency (after a choice, an undo or a redo)."""
        self.current = code
        self.problem.hide()
        self.combo.blockSignals(True)
        if self.combo.findText(code) < 0:
            self.combo.addItem(code)
        self.combo.setCurrentText(code)
        self.combo.blockSignals(False)
        self.changed.emit(code)


class CurrencyCommand(QUndoCommand):
    """Undo puts the previous reporting currency back; pushed after the change is written."""

    def __init__(self, box: ReportingCurrencyBox, before: str, after: str) -> None:
        super().__init__(f"Report in {after} (was {before})")
        self.box, self.before, self.after = box, before, after
        self._done = True

    def _set(self, code: str) -> None:
        self.box.writes.submit(
            lambda session: store_currency(session, code),
            lambda _before: self.box.show_currency(code),
            write=True,
        )

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._set(self.after)

    def undo(self) -> None:
        self._done = False
        self._set(self.before)
