"""The window's commands keep their keys while a text box has focus.

On Linux a line edit claims Ctrl+E, Ctrl+K, Ctrl+U and others for emacs-style moves before the
window sees them, so Export (Ctrl+E) did nothing while the search box had focus. A text box
keeps the keys that edit text (undo, copy, paste, select all…); any other key that is a command
of its window goes to the command.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

Standard = QKeySequence.StandardKey
#: Keys a text box needs for its text, whatever the window binds them to.
TEXT_KEYS = (
    Standard.Undo,
    Standard.Redo,
    Standard.Cut,
    Standard.Copy,
    Standard.Paste,
    Standard.SelectAll,
    Standard.Delete,
    Standard.Backspace,
)
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
WINDOW_CONTEXTS = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


class CommandKeys(QObject):
    """Watches the key presses of one window and lets its commands' keys through."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        if app is not None:
            # Application-wide, so it runs before the text box's own claim on the key.
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.window() == self.window
            and self.is_command(event)
        ):
            event.ignore()  # not wanted by the text box: the shortcut runs
            return True
        return False

    def is_command(self, event: QKeyEvent) -> bool:
        if not event.modifiers() & COMMAND_MODIFIERS:
            return False
        if any(event.matches(key) for key in TEXT_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(
            pressed in action.shortcuts()
            for action in self.window.findChildren(QAction)
            if action.shortcutContext() in WINDOW_CONTEXTS
        )
