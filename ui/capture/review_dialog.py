"""Review a reading before it is saved: the release beside a form pre-filled with its figures.

Every figure found is marked in the text; focusing a field selects the sentence its figure
came from. The project and companies are chosen among ranked matches or typed as new names.
What the text left open (two readings of a sentence, a basis not stated) is listed with the
reason. Save hands the reviewed values to the window, which writes them undoably; a refusal
comes back to the fields it names, as in every form.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracker.capture.matching import SURE, Candidate
from tracker.capture.model import Capture, Span, Value
from tracker.capture.review import (
    CHOICE,
    CURRENCY,
    DATE,
    MONEY,
    NUMBER,
    PERCENT,
    ReviewField,
    fields_of,
    name_of,
    prefill,
    quote,
)
from tracker.capture.save import Pick, Reviewed, reviewed_from
from tracker.errors import FieldProblem
from tracker.formatting import money, percent, unit_price
from tracker.services.studies import PriceAssumption
from ui.capture.release_view import ReleaseView
from ui.forms.base import Reader, RecordForm, UnreadableFieldsError
from ui.forms.fields import ChoiceBox, CurrencyBox, DateField, DecimalField, MoneyField, finder

#: Asks before edits are thrown away; calls its argument when the person agrees.
ConfirmDiscard = Callable[[Callable[[], None]], None]


@dataclass
class Matches:
    """Ranked candidates for the records a release names, and every known name by id."""

    companies: list[Candidate] = field(default_factory=list)
    projects: list[Candidate] = field(default_factory=list)
    counterparties: list[Candidate] = field(default_factory=list)
    company_names: list[tuple[int, str]] = field(default_factory=list)
    project_names: list[tuple[int, str]] = field(default_factory=list)
    #: Known commodities: each symbol and name, in lower case (casefolded), to its symbol.
    commodities: dict[str, str] = field(default_factory=dict)


class CandidateBox(QWidget):
    """A record named by the release: one of the ranked matches, any known name, or new."""

    def __init__(
        self,
        noun: str,
        read: str | None,
        candidates: Sequence[Candidate],
        known: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__()
        self._noun = noun
        self._ids = {name.casefold(): record_id for record_id, name in known}
        self._scores: dict[str, float] = {}
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setMinimumContentsLength(24)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for candidate in candidates:
            self._ids[candidate.name.casefold()] = candidate.record_id
            self._scores[candidate.name.casefold()] = candidate.score
            self.box.addItem(candidate.name, candidate.record_id)
            self.box.setItemData(
                self.box.count() - 1,
                f"{round(candidate.score * 100)} % match",
                Qt.ItemDataRole.ToolTipRole,
            )
        if read and read.casefold() not in self._ids:
            self.box.addItem(read, None)
            self.box.setItemData(self.box.count() - 1, f"a new {noun}", Qt.ItemDataRole.ToolTipRole)
        self.box.setCompleter(finder([name for _, name in known]))
        line = self.box.lineEdit()
        if line is not None:
            line.setPlaceholderText(f"Type to find a {noun}, or a new name")
        sure = candidates[0] if candidates and candidates[0].score >= SURE else None
        self.box.setEditText(sure.name if sure else (read or ""))
        self.status = QLabel()
        self.status.setProperty("hint", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        self.setFocusProxy(self.box)
        self.box.editTextChanged.connect(self._show_status)
        self._show_status()

    def text(self) -> str:
        return self.box.currentText().strip()

    def value(self) -> Pick | None:
        """The record chosen, a new one to create with the name typed, or none."""
        text = self.text()
        if not text:
            return None
        return Pick(self._ids.get(text.casefold()), text)

    def _show_status(self) -> None:
        pick = self.value()
        if pick is None:
            self.status.setText(f"No {self._noun}")
        elif pick.record_id is None:
            self.status.setText(f"New {self._noun}, created when saved")
        else:
            score = self._scores.get(pick.name.casefold())
            match = f" ({round(score * 100)} % match)" if score is not None else ""
            self.status.setText(f"Existing {self._noun}{match}")


class ReviewDialog(RecordForm):
    """The release on the left, the pre-filled form on the right; ``reviewed`` once Save reads."""

    kind = "capture"

    def __init__(
        self,
        parent: QWidget | None,
        capture: Capture,
        matches: Matches,
        confirm_discard: ConfirmDiscard | None = None,
    ) -> None:
        super().__init__(parent, "Capture from News Release")
        self.capture = capture
        self.filled = prefill(capture)
        self.confirm_discard = confirm_discard
        self.reviewed: Reviewed | None = None
        self.inputs: dict[str, QWidget] = {}
        self._sentences: dict[QObject, Span] = {}
        self._discarding = False
        self._commodities = matches.commodities
        self.view = ReleaseView(capture.text)
        self.view.highlight(_figure_spans(capture))
        self.company = CandidateBox(
            "company", name_of(capture, "company"), matches.companies, matches.company_names
        )
        self.add_field("C&ompany", self.company, ["company", "acquirer"])
        self.project = CandidateBox(
            "project", name_of(capture, "project"), matches.projects, matches.project_names
        )
        self.add_field("Pro&ject", self.project, ["project", "name"])
        self._watch(self.company, "company")
        self._watch(self.project, "project")
        self.counterparty: CandidateBox | None = None
        if capture.kind == "deal":
            self.counterparty = CandidateBox(
                "company",
                name_of(capture, "counterparty"),
                matches.counterparties,
                matches.company_names,
            )
            self.add_field("Counterpart&y", self.counterparty, ["counterparty"])
            self._watch(self.counterparty, "counterparty")
        self._build_fields(fields_of(capture.kind))
        self._add_terms()
        self.checks = self._checks_list()
        self._layout_beside_text()
        self._start = self._values_now()
        self.resize(1180, 780)

    # Building.

    def _build_fields(self, specs: Sequence[ReviewField]) -> None:
        currency: CurrencyBox | None = None
        for spec in specs:
            widget: QWidget
            if spec.kind == CURRENCY:
                box = CurrencyBox(allow_blank=True)
                box.set_currency(_text(self.filled.values.get(spec.name)))
                currency = currency or box
                widget = box
            elif spec.kind == MONEY:
                money = MoneyField(currency)
                money.set_value(_decimal(self.filled.values.get(spec.name)))
                widget = money
            elif spec.kind in (PERCENT, NUMBER):
                percent = spec.kind == PERCENT
                number = DecimalField(percent=percent, placeholder="%" if percent else "")
                number.set_value(_decimal(self.filled.values.get(spec.name)))
                widget = number
            elif spec.kind == DATE:
                day = DateField()
                value = self.filled.values.get(spec.name)
                day.set_value(value if isinstance(value, date) else None)
                widget = day
            elif spec.kind == CHOICE:
                choice = ChoiceBox(spec.choices, blank="(not stated)")
                choice.set_value(_text(self.filled.values.get(spec.name)))
                widget = choice
            else:
                line = QLineEdit(_text(self.filled.values.get(spec.name)) or "")
                widget = line
            widget.setObjectName(f"field_{spec.name}")
            self.inputs[spec.name] = widget
            sentence = self.filled.sentences.get(spec.name)
            if sentence is not None:
                widget.setToolTip("From: " + quote(self.capture, sentence))
            self.add_field(spec.label, widget, [spec.name])
            self._watch(widget, spec.name)

    def _add_terms(self) -> None:
        """A deal's payments and stages, and drill intercepts, as they will be saved."""
        reviewed = reviewed_from(self.capture, None)
        lines = [
            f"{o.kind}: {money(o.amount, o.currency)} {o.description or ''}".strip()
            for o in reviewed.obligations
        ]
        lines += [f"stage {n}: {percent(s.interest_pct)}" for n, s in enumerate(reviewed.steps, 1)]
        lines += [
            f"{self._commodities[p.commodity.casefold()]} {unit_price(p.price, p.currency, p.unit)}"
            for p in self._known_prices(reviewed.prices)
        ]
        if reviewed.summary:
            lines.append(reviewed.summary)
        if lines:
            terms = QLabel("\n".join(lines))
            terms.setObjectName("capture_terms")
            terms.setWordWrap(True)
            terms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = {"drill": "Intercepts", "study": "Price deck"}.get(self.capture.kind, "Terms")
            self.add_field(label, terms, ["steps", "obligation"])

    def _checks_list(self) -> QListWidget:
        """What the person should look at: readings left open, with why, and other cases."""
        checks = QListWidget()
        checks.setObjectName("capture_checks")
        checks.setWordWrap(True)
        for note in self.filled.notes:
            checks.addItem(note)
        for price in reviewed_from(self.capture, None).prices:
            if price.commodity.casefold() not in self._commodities:
                checks.addItem(
                    f"price of {price.commodity} not saved: no such commodity in the database"
                )
        for ambiguity in self.capture.ambiguities:
            item = QListWidgetItem(f"{ambiguity.key}: not filled in — {ambiguity.reason}")
            item.setData(
                Qt.ItemDataRole.UserRole, (ambiguity.sentence.start, ambiguity.sentence.end)
            )
            checks.addItem(item)
        for case in self.capture.alt_cases:
            shown = ", ".join(f"{key} {figure.value}" for key, figure in case.figures.items())
            checks.addItem(f"{case.label} case (not saved): {shown}")
        checks.currentItemChanged.connect(self._check_chosen)
        checks.setVisible(checks.count() > 0)
        return checks

    def _layout_beside_text(self) -> None:
        """The base form is one column; put the release text to its left."""
        scroll = self.findChild(QScrollArea)
        assert scroll is not None
        layout = self.layout()
        assert layout is not None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout.replaceWidget(scroll, splitter)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(self.view)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("&Check before saving")
        heading.setBuddy(self.checks)
        column.addWidget(heading)
        column.addWidget(self.checks)
        holder.setVisible(self.checks.count() > 0)
        left.addWidget(holder)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        left.setSizes([600, self.checks.fontMetrics().height() * 7])
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        QWidget.setTabOrder(self.company.box, self.project.box)

    def _watch(self, widget: QWidget, name: str) -> None:
        """Focusing any part of the field shows its sentence."""
        span = self.filled.sentences.get(name)
        if name in ("company", "project", "counterparty"):
            figure = self.capture.figures.get(name)
            span = figure.sentence if figure is not None else None
        targets = [widget, *widget.findChildren(QWidget)]
        for target in targets:
            if target.focusPolicy() != Qt.FocusPolicy.NoFocus:
                target.installEventFilter(self)
                if span is not None:
                    self._sentences[target] = span
                else:
                    self._sentences.pop(target, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._sentences:
            self.view.show_sentence(self._sentences[watched])
        return super().eventFilter(watched, event)

    def _check_chosen(self, item: QListWidgetItem | None) -> None:
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(data, tuple):
            self.view.show_sentence(Span(*data))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.company.box.setFocus(Qt.FocusReason.OtherFocusReason)

    # Reading and saving.

    def prepare(self) -> None:
        reader = Reader()
        values: dict[str, Value | None] = {}
        for name, widget in self.inputs.items():
            values[name] = reader.read(name, _reader_of(widget), None)
        reader.check()
        project = self.project.value()
        if project is None and self.capture.kind == "study":
            raise UnreadableFieldsError(
                [FieldProblem("project", None, "is required: a study belongs to a project")]
            )
        self.reviewed = reviewed_from(
            self.capture,
            project,
            self.company.value(),
            self.counterparty.value() if self.counterparty is not None else None,
            values,
        )
        self.reviewed.prices = self._known_prices(self.reviewed.prices)

    def _known_prices(self, prices: Sequence[PriceAssumption]) -> list[PriceAssumption]:
        """Price lines of commodities the database knows (others cannot be saved)."""
        return [price for price in prices if price.commodity.casefold() in self._commodities]

    def _values_now(self) -> tuple[object, ...]:
        texts: list[object] = [self.company.text(), self.project.text()]
        if self.counterparty is not None:
            texts.append(self.counterparty.text())
        for widget in self.inputs.values():
            try:
                texts.append(_reader_of(widget)())
            except ValueError:
                texts.append(object())
        return tuple(texts)

    def is_edited(self) -> bool:
        return self._values_now() != self._start

    def reject(self) -> None:
        """Cancel, Escape or closing: ask first when something was changed."""
        if self._discarding or not self.is_edited() or self.confirm_discard is None:
            super().reject()
            return
        self.confirm_discard(self._discard)

    def _discard(self) -> None:
        self._discarding = True
        self.reject()


def _figure_spans(capture: Capture) -> list[Span]:
    groups = [capture.figures, *capture.prices, *capture.holes, *capture.obligations]
    groups += [*capture.steps, *(case.figures for case in capture.alt_cases)]
    return [figure.span for group in groups for figure in group.values()]


def _reader_of(widget: QWidget) -> Callable[[], Value | None]:
    if isinstance(widget, CurrencyBox):
        return widget.currency
    if isinstance(widget, MoneyField | DecimalField | DateField | ChoiceBox):
        return widget.value
    if isinstance(widget, QLineEdit):
        return lambda: widget.text().strip() or None
    raise TypeError(f"no reader for {type(widget).__name__}")


def _text(value: Value | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: Value | None) -> Decimal | None:
    return value if isinstance(value, Decimal) else None
