"""Upcoming: what is due next across the portfolio, overdue items in red; expected studies are
added here, and obligations can be marked met."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import StudyType
from tracker.errors import FieldProblem
from tracker.models import ExpectedStudy
from tracker.portfolio.columns import UPCOMING
from tracker.portfolio.expected_studies import create_expected_study, delete_expected_study
from tracker.portfolio.fx import FxBook
from tracker.portfolio.reporting import ReportingBook
from tracker.portfolio.upcoming import (
    UpcomingItem,
    UpcomingKind,
    portfolio_project_choices,
    upcoming,
    with_reporting,
)
from tracker.services.deals import set_obligation_met
from tracker.services.settings import reporting_currency
from ui.portfolio.context import PortfolioContext
from ui.portfolio.fields import ChoiceBox, DateField, FormErrors, ProblemLabel
from ui.portfolio.table import PortfolioTableModel, make_table, selected_row

if TYPE_CHECKING:
    from ui.data.gateway import Session

OVERDUE = QColor("#c0392b")
KIND_ORDER = list(UpcomingKind)


@dataclass(frozen=True)
class UpcomingData:
    today: date
    items: list[UpcomingItem]
    projects: list[tuple[str, int]]


def load_upcoming(session: "Session", today: date, portfolio_only: bool) -> UpcomingData:
    """The items due, cash and work amounts also in the reporting currency at today's rates."""
    reporting = ReportingBook(reporting_currency(session), FxBook.load(session, today))
    return UpcomingData(
        today,
        with_reporting(upcoming(session, today, portfolio_only=portfolio_only), reporting),
        portfolio_project_choices(session),
    )


def _key(item: UpcomingItem) -> int:
    """Unique per item: the record id within its kind."""
    return item.record_id * len(KIND_ORDER) + KIND_ORDER.index(UpcomingKind(item.kind))


class ExpectedStudyForm(QGroupBox):
    """Guidance such as "PFS expected by 2027-03-31", noted on a date."""

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__("Expect a study", parent)
        self.context = context
        self.project = ChoiceBox(self)
        self.project.setObjectName("expected_project")
        self.project.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.study_type = QComboBox(self)
        self.study_type.setObjectName("expected_type")
        for kind in StudyType:
            self.study_type.addItem(kind.value, kind.value)
        self.study_type.setCurrentIndex(self.study_type.findData(StudyType.PFS.value))
        self.expected = DateField(context.today(), parent=self)
        self.expected.setObjectName("expected_date")
        self.noted = DateField(context.today(), parent=self)
        self.noted.setObjectName("expected_noted")
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("source (news release, MD&A…)")
        self.add_button = QPushButton("Add", self)
        self.message = ProblemLabel(self)
        self.errors = FormErrors(
            {
                "project": self.project,
                "study_type": self.study_type,
                "expected_date": self.expected,
                "noted_on": self.noted,
                "source": self.source,
            },
            self.message,
        )
        row = QHBoxLayout()
        for label, widget in (
            ("Project", self.project),
            ("Study", self.study_type),
            ("Expected by", self.expected),
            ("Noted on", self.noted),
        ):
            row.addWidget(QLabel(label, self))
            row.addWidget(widget)
        row.addWidget(self.source, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add)

    def add(self) -> None:
        project_id = self.project.current_value()
        if not isinstance(project_id, int):
            self.errors.show(
                [
                    FieldProblem(
                        "project", self.project.currentText(), "choose a project from the list"
                    )
                ]
            )
            return
        entry = ExpectedStudy(
            project_id=project_id,
            study_type=str(self.study_type.currentData()),
            expected_date=self.expected.day(),
            noted_on=self.noted.day(),
            source=self.source.text(),
        )
        self.context.write(
            lambda session: create_expected_study(session, entry), self._added, self.errors
        )

    def _added(self, _result: object) -> None:
        self.errors.clear()
        self.message.show_done("Expected study added.")
        self.source.clear()


class UpcomingView(QWidget):
    loaded = Signal()

    def __init__(self, context: PortfolioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.portfolio_only = QCheckBox("Only the portfolio's companies and projects", self)
        self.portfolio_only.setObjectName("upcoming_portfolio_only")
        self.portfolio_only.setChecked(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("upcoming_summary")
        self.model: PortfolioTableModel[UpcomingItem] = PortfolioTableModel(
            UPCOMING, _key, colour=lambda item: OVERDUE if item.overdue else None
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("upcoming_table")
        self.met_button = QPushButton("Mark obligation met", self)
        self.met_button.setEnabled(False)
        self.forget_button = QPushButton("Remove expected study", self)
        self.forget_button.setEnabled(False)
        self.message = ProblemLabel(self)
        self.errors = FormErrors({}, self.message)
        self.form = ExpectedStudyForm(context, self)
        top = QHBoxLayout()
        top.addWidget(self.portfolio_only)
        top.addWidget(self.summary, 1)
        top.addWidget(self.met_button)
        top.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        self.portfolio_only.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.met_button.clicked.connect(self.mark_met)
        self.forget_button.clicked.connect(self.forget)

    def refresh(self) -> None:
        today = self.context.today()
        only = self.portfolio_only.isChecked()
        self.context.read(lambda session: load_upcoming(session, today, only), self._show)

    def _show(self, data: UpcomingData) -> None:
        self.model.set_rows(data.items)
        overdue = sum(1 for item in data.items if item.overdue)
        self.summary.setText(
            f"{len(data.items)} items as of {data.today.isoformat()}, {overdue} overdue"
        )
        font = QFont(self.summary.font())
        font.setBold(overdue > 0)
        self.summary.setFont(font)
        self.form.project.set_choices(data.projects)
        self._selected()
        self.loaded.emit()

    def _selected(self) -> None:
        item = selected_row(self.table)
        kind = item.kind if isinstance(item, UpcomingItem) else None
        self.met_button.setEnabled(kind == UpcomingKind.OBLIGATION)
        self.forget_button.setEnabled(kind == UpcomingKind.STUDY)

    def mark_met(self) -> None:
        item = selected_row(self.table)
        if isinstance(item, UpcomingItem) and item.kind == UpcomingKind.OBLIGATION:
            self.context.write(
                lambda session: set_obligation_met(session, item.record_id, True),
                self._done,
                self.errors,
            )

    def forget(self) -> None:
        item = selected_row(self.table)
        if (
            isinstance(item, UpcomingItem)
            and item.kind == UpcomingKind.STUDY
            and self.context.confirm(f"Remove the expected study of {item.project}?")
        ):
            self.context.write(
                lambda session: delete_expected_study(session, item.record_id),
                self._done,
                self.errors,
            )

    def _done(self, _result: object) -> None:
        self.errors.clear()
