"""The switch between NPVs at each study's own price deck and at today's deck.

Every switch in the window (screening, look-through, the economics chart) shows one choice:
flipping one flips them all, and the choice is kept in the settings for the next run.
"""

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from tracker.portfolio.npv_today import ESTIMATE_METHOD

SETTING = "portfolio/npv_at_todays_deck"
STUDY_DECK_TEXT = "at study deck"
TODAYS_DECK_TEXT = "at today's deck"


def stored_choice() -> bool:
    """Whether NPVs are shown at today's deck (the study's own deck by default)."""
    return QSettings().value(SETTING, False, type=bool) is True


class _Choice(QObject):
    """The one choice all switches follow."""

    changed = Signal(bool)


_CHOICE: _Choice | None = None


def _choice() -> _Choice:
    global _CHOICE
    if _CHOICE is None:
        _CHOICE = _Choice()
    return _CHOICE


class DeckSwitch(QComboBox):
    """``NPV at study deck`` / ``NPV at today's deck``; ``toggled`` tells the view."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deck_switch")
        self.addItem(f"NPV {STUDY_DECK_TEXT}", False)
        self.addItem(f"NPV {TODAYS_DECK_TEXT}", True)
        self.setToolTip(
            "Study deck: each study's NPV as published, at its own prices.\n"
            "Today's deck: moved to today's commodity prices (Portfolio ▸ Commodity prices), "
            "from the study's sensitivity table where it gives one, else estimated.\n\n"
            + ESTIMATE_METHOD
        )
        self.setCurrentIndex(1 if stored_choice() else 0)
        self.currentIndexChanged.connect(self._flipped)
        _choice().changed.connect(self._follow)

    @property
    def todays_deck(self) -> bool:
        return self.currentData() is True

    def set_todays_deck(self, todays: bool) -> None:
        self.setCurrentIndex(1 if todays else 0)

    def _flipped(self) -> None:
        todays = self.todays_deck
        QSettings().setValue(SETTING, todays)
        _choice().changed.emit(todays)
        self.toggled.emit(todays)

    def _follow(self, todays: bool) -> None:
        if todays != self.todays_deck:
            self.blockSignals(True)
            self.set_todays_deck(todays)
            self.blockSignals(False)
            self.toggled.emit(todays)
