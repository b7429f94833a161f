"""What the main window remembers between runs: size, splitters, columns, section, theme."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from ui.theme import Scheme

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DEFAULT_SIZE = (1280, 780)


def restore(window: "MainWindow") -> str | None:
    """Put the window back as it was left; returns the key of the section that was shown."""
    store = QSettings()
    geometry = store.value("main_window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
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


def save(window: "MainWindow") -> None:
    store = QSettings()
    store.setValue("main_window/geometry", window.saveGeometry())
    store.setValue("main_window/state", window.saveState())
    store.setValue("main_window/body", window.body.saveState())
    section = window.current_section
    if section is not None:
        store.setValue("main_window/section", section.spec.key)
    store.setValue("main_window/detail", window.commands.toggle_detail.isChecked())
    for key, shown in window.sections.items():
        for name, value in shown.save_state().items():
            store.setValue(f"sections/{key}/{name}", value)
