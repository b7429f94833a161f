"""Input widgets that read numbers, money, dates and choices the way people type them."""

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from tracker.currencies import ISO_4217
from tracker.entry import date_text, decimal_text, parse_date, parse_decimal, parse_percent

#: Currencies offered first; any ISO 4217 code may be typed.
COMMON_CURRENCIES = ("USD", "CAD", "AUD", "EUR", "GBP", "ZAR", "CHF", "SEK", "NOK", "CLP", "PEN")


class DecimalField(QLineEdit):
    """A number; ``percent`` accepts a trailing %, ``scaled`` accepts k, M and B (412.5 M)."""

    def __init__(
        self, *, percent: bool = False, scaled: bool = False, placeholder: str = ""
    ) -> None:
        super().__init__()
        self._percent = percent
        self._scaled = scaled
        self.setPlaceholderText(placeholder or ("e.g. 412.5 M" if scaled else ""))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> Decimal | None:
        """The number typed, or None when blank; ``ValueError`` says what is wrong."""
        if self._percent:
            return parse_percent(self.text())
        return parse_decimal(self.text(), scaled=self._scaled)

    def set_value(self, value: Decimal | None) -> None:
        self.setText(decimal_text(value))


class CurrencyBox(QComboBox):
    """An ISO 4217 currency: common ones listed first, any code may be typed."""

    def __init__(self, *, allow_blank: bool = False) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        others = sorted(ISO_4217 - set(COMMON_CURRENCIES))
        self.addItems(([""] if allow_blank else []) + list(COMMON_CURRENCIES) + others)
        completer = self.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMinimumContentsLength(4)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def currency(self) -> str | None:
        code = self.currentText().strip().upper()
        return code or None

    def set_currency(self, code: str | None) -> None:
        self.setCurrentText(code or "")


class MoneyField(QWidget):
    """An amount with its currency: ``412.5 M`` ``USD``; without ``scaled`` a plain amount
    such as a price per share (no k, M or B, and no "e.g. 412.5 M").

    With ``shared`` the currency comes from another box (a study states one currency for all
    its figures) and is shown as a label that follows it.
    """

    def __init__(
        self,
        shared: CurrencyBox | None = None,
        *,
        allow_blank: bool = False,
        scaled: bool = True,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.amount = DecimalField(scaled=scaled, placeholder=placeholder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        self._shared = shared
        if shared is None:
            self.currency_box = CurrencyBox(allow_blank=allow_blank)
            layout.addWidget(self.currency_box)
            self.setFocusProxy(self.amount)
        else:
            self.currency_box = shared
            label = QLabel(shared.currentText())
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("MMMM"))
            shared.currentTextChanged.connect(lambda text: label.setText(text.upper()))
            layout.addWidget(label)
            self.setFocusProxy(self.amount)

    def value(self) -> Decimal | None:
        return self.amount.value()

    def currency(self) -> str | None:
        return self.currency_box.currency()

    def set_value(self, value: Decimal | None, currency: str | None = None) -> None:
        self.amount.set_value(value)
        if currency is not None and self._shared is None:
            self.currency_box.set_currency(currency)


class DateField(QWidget):
    """A date typed as YYYY-MM-DD, or picked from a calendar; blank means no date."""

    changed = Signal()

    def __init__(self, placeholder: str = "YYYY-MM-DD") -> None:
        super().__init__()
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        self.line.setMaxLength(10)
        self.line.textChanged.connect(self.changed)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pick a date")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._show_current)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.line)
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("0000-00-00") + 24)

    def value(self) -> date | None:
        return parse_date(self.line.text())

    def set_value(self, value: date | None) -> None:
        self.line.setText(date_text(value))

    def _show_current(self) -> None:
        try:
            current = self.value()
        except ValueError:
            current = None
        day = current or date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        menu = self.button.menu()
        if menu is not None:
            menu.hide()


class ChoiceBox(QComboBox):
    """One value of a vocabulary (stage, deal type, ...), optionally blank."""

    def __init__(self, values: Iterable[str] | type[StrEnum], *, blank: str | None = None) -> None:
        super().__init__()
        self._blank = blank
        if blank is not None:
            self.addItem(blank, None)
        for value in values:
            text = value.value if isinstance(value, StrEnum) else str(value)
            self.addItem(text, text)

    def value(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value is not None else 0
        if index < 0 and value is not None:
            self.addItem(value, value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class Finder(QCompleter):
    """Finds a name by any part of it; Enter in its list takes a match even when none is
    highlighted: the one ``preferred`` names (the typed text's own record), else the first.
    Without that, Enter only closed the list and the half-typed text stayed."""

    def __init__(self, names: list[str], preferred: Callable[[], str | None] | None) -> None:
        super().__init__(names)
        self._preferred = preferred

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.popup()
        if (
            popup is not None
            and watched is popup
            and popup.isVisible()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not popup.currentIndex().isValid()
        ):
            best = self._best_match()
            if best.isValid():
                popup.setCurrentIndex(best)
        return super().eventFilter(watched, event)

    def _best_match(self) -> QModelIndex:
        matches = self.completionModel()
        wanted = self._preferred() if self._preferred is not None else None
        for row in range(matches.rowCount()):
            index = matches.index(row, 0)
            if wanted is not None and index.data() == wanted:
                return index
        return matches.index(0, 0)


def finder(names: list[str], preferred: Callable[[], str | None] | None = None) -> QCompleter:
    """A completer that finds a name by any part of it, ignoring case."""
    completer = Finder(names, preferred)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer
