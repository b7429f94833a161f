"""What the main window remembers between runs: size, splitters, columns, section, theme."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings
from PySide6.QtWidgets import QWidget

from ui.theme import Scheme

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DEFAULT_SIZE = (1280, 780)


def restore(window: "MainWindow") -> str | None:
    """Put the window back as it was left; returns the key of the section that was shown."""
    store = QSettings()
    geometry = store.value("main_window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty() and same_scale(window, store):
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    fit_to_screen(window)
    state = store.value("main_window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    body = store.value("main_window/body")
    if isinstance(body, QByteArray):
        window.body.restoreState(body)
    for key, section in window.sections.items():
        section.restore_state(
            store.value(f"sections/{key}/header"), store.value(f"sections/{key}/splitter")
        )
    detail = store.value("main_window/detail", True)
    window.commands.toggle_detail.setChecked(detail not in (False, "false"))
    scheme = store.value("appearance", Scheme.SYSTEM.value)
    chosen = Scheme(scheme) if scheme in {s.value for s in Scheme} else Scheme.SYSTEM
    window.commands.scheme[chosen].setChecked(True)
    shown = store.value("main_window/section")
    return shown if isinstance(shown, str) and shown in window.sections else None


def same_scale(window: QWidget, store: QSettings) -> bool:
    """Whether the saved size was chosen at the scale the screen has now.

    A size chosen at 200 % is half as big at 100 % (784 x 409), and one chosen at 100 % does
    not fit at 200 %; at another scale the default size is used instead.
    """
    saved = store.value("main_window/scale")
    try:
        return saved is None or float(str(saved)) == _scale(window)
    except (TypeError, ValueError):
        return False


def _scale(window: QWidget) -> float:
    screen = window.screen()
    return float(screen.devicePixelRatio()) if screen is not None else 1.0


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move the window so that all of it is on the screen it opens on."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_width = frame.width() - window.width()
    extra_height = frame.height() - window.height()
    width = max(min(window.width(), room.width() - extra_width), window.minimumWidth())
    height = max(min(window.height(), room.height() - extra_height), window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    outer_width, outer_height = width + extra_width, height + extra_height
    x = min(max(frame.x(), room.left()), room.left() + max(room.width() - outer_width, 0))
    y = min(max(frame.y(), room.top()), room.top() + max(room.height() - outer_height, 0))
    if (x, y) != (frame.x(), frame.y()):
        window.move(QPoint(x, y))


def save(window: "MainWindow") -> None:
    store = QSettings()
    store.setValue("main_window/geometry", window.saveGeometry())
    store.setValue("main_window/scale", _scale(window))
    store.setValue("main_window/state", window.saveState())
    store.setValue("main_window/body", window.body.saveState())
    section = window.current_section
    if section is not None:
        store.setValue("main_window/section", section.spec.key)
    store.setValue("main_window/detail", window.commands.toggle_detail.isChecked())
    for key, shown in window.sections.items():
        for name, value in shown.save_state().items():
            store.setValue(f"sections/{key}/{name}", value)
