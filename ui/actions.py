"""Every command of the window as a QAction, and the menus and tool bar that hold them.

Keeping them in one place makes sure each command is in the menu bar with its shortcut, and
lets the window connect them to what they do.
"""

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ui.icons import icon
from ui.theme import Scheme

#: Kind of record -> the "New …" command that adds one.
NEW_TEXTS = {
    "project": "New &Project…",
    "company": "New &Company…",
    "study": "New &Study…",
    "deal": "&Log Deal…",
    "event": "New &Event…",
    "holding": "New &Holding…",
    "resource": "New &Resource Line…",
}


#: The platform's key sequences of a standard command. Tests put in another platform's (the
#: offscreen test platform has Windows' keys; Linux desktops bind more, such as Quit to Ctrl+Q).
standard_keys: Callable[[QKeySequence.StandardKey], list[QKeySequence]] = QKeySequence.keyBindings

Key = QKeySequence.StandardKey | str


def key_list(*keys: Key) -> list[QKeySequence]:
    """The sequences of ``keys`` in order, each once and none empty.

    A standard key may already be one of the others on this platform, and an action that lists
    a sequence twice makes Qt refuse the key as "ambiguous" instead of running the action.
    """
    found: list[QKeySequence] = []
    for key in keys:
        sequences = standard_keys(key) if isinstance(key, QKeySequence.StandardKey) else [key]
        for sequence in map(QKeySequence, sequences):
            if not sequence.isEmpty() and sequence not in found:
                found.append(sequence)
    return found


def set_keys(action: QAction, *keys: Key) -> None:
    action.setShortcuts(key_list(*keys))


def shortcut_clashes(actions: Iterable[QAction]) -> list[str]:
    """Sequences that would reach two commands at once, or one command twice.

    Widget shortcuts (Return, Delete on a list) only clash with another command on the same
    widget or with a command of the whole window.
    """
    clashes: list[str] = []
    seen: dict[str, list[QAction]] = {}
    for action in dict.fromkeys(actions):
        texts = [sequence.toString() for sequence in action.shortcuts()]
        clashes += [
            f"{action.text()!r} lists {text} twice" for text in set(texts) if texts.count(text) > 1
        ]
        for text in dict.fromkeys(texts):
            for other in seen.get(text, []):
                if _overlap(action, other):
                    clashes.append(f"{text} is both {other.text()!r} and {action.text()!r}")
            seen.setdefault(text, []).append(action)
    return clashes


def _overlap(one: QAction, other: QAction) -> bool:
    local = Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut
    if one.shortcutContext() not in local or other.shortcutContext() not in local:
        return True
    return bool(set(one.associatedObjects()) & set(other.associatedObjects()))


def _action(
    parent: QObject, text: str, icon_name: str | None = None, shortcut: str | None = None
) -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
        action.setProperty("icon_name", icon_name)
    if shortcut:
        set_keys(action, shortcut)
    return action


class Actions:
    """The window's commands; ``build_menus`` puts them in the menu bar and tool bar."""

    def __init__(self, window: QMainWindow, stack: QUndoStack, sections: list[tuple[str, str]]):
        self.new_database = _action(window, "&New Database…", "database-new", "Ctrl+Shift+N")
        self.open_database = _action(window, "&Open Database…", "database-open")
        set_keys(self.open_database, QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("&Recent Databases", window)
        self.load_demo = _action(window, "Load &Demo Portfolio", "demo")
        self.import_excel = _action(window, "&Import from Excel…", "import")
        self.restore_backup = _action(window, "&Restore from Backup…")
        self.quit = _action(window, "&Quit")
        set_keys(self.quit, QKeySequence.StandardKey.Quit, "Ctrl+Q")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = stack.createUndoAction(window, "&Undo")
        self.undo.setIcon(icon("undo"))
        self.undo.setProperty("icon_name", "undo")
        set_keys(self.undo, "Ctrl+Z")
        self.redo = stack.createRedoAction(window, "&Redo")
        self.redo.setIcon(icon("redo"))
        self.redo.setProperty("icon_name", "redo")
        set_keys(self.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        self.new = _action(window, "&New…", "add", "Ctrl+N")
        self.open = _action(window, "&Open Selected…", "edit", "Return")
        set_keys(self.open, "Return", "Enter")
        self.open.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete = _action(window, "&Delete Selected…", "delete")
        # The Delete key alone: the standard Delete also lists Ctrl+D on Linux, Show Details' key.
        set_keys(self.delete, "Del")
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find = _action(window, "&Find…", "search")
        set_keys(self.find, QKeySequence.StandardKey.Find)
        self.clear_filters = _action(
            window, "&Clear Search and Filters", "clear-filters", "Ctrl+Shift+F"
        )
        self.preferences = _action(window, "&Preferences…")
        set_keys(self.preferences, QKeySequence.StandardKey.Preferences)
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.new_record = {kind: _action(window, text) for kind, text in NEW_TEXTS.items()}
        self.capture_release = _action(window, "Capture from &News Release…", None, "Ctrl+Shift+V")

        self.show_section: dict[str, QAction] = {}
        for number, (key, title) in enumerate(sections, start=1):
            action = _action(window, f"&{title}", key, f"Ctrl+{number}")
            action.setCheckable(True)
            self.show_section[key] = action
        self.section_group = QActionGroup(window)
        for action in self.show_section.values():
            self.section_group.addAction(action)
        self.reload = _action(window, "Re&load", "refresh")
        set_keys(self.reload, QKeySequence.StandardKey.Refresh)
        self.reporting_currency = _action(window, "Reporting &Currency…", None, "Ctrl+Shift+U")
        self.toggle_detail = _action(window, "Show &Details", None, "Ctrl+D")
        self.toggle_detail.setCheckable(True)
        self.toggle_detail.setChecked(True)
        self.scheme_group = QActionGroup(window)
        self.scheme: dict[Scheme, QAction] = {}
        for scheme, text in (
            (Scheme.SYSTEM, "Follow the &System"),
            (Scheme.LIGHT, "&Light"),
            (Scheme.DARK, "&Dark"),
        ):
            action = _action(window, text)
            action.setCheckable(True)
            self.scheme_group.addAction(action)
            self.scheme[scheme] = action
        self.show_log = _action(window, "Show &Log")
        self.about = _action(window, "&About Mining Project Tracker", "info")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def build_menus(self, window: QMainWindow) -> QToolBar:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_database, self.open_database])
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.load_demo, self.import_excel])
        file_menu.addSeparator()
        file_menu.addAction(self.restore_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.new, self.open, self.delete])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find, self.clear_filters])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        records = bar.addMenu("&Records")
        records.addActions(list(self.new_record.values()))
        records.addSeparator()
        records.addAction(self.capture_release)

        view_menu = bar.addMenu("&View")
        view_menu.addActions(list(self.show_section.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.toggle_detail, self.reload])
        view_menu.addSeparator()
        view_menu.addAction(self.reporting_currency)
        appearance = view_menu.addMenu("&Appearance")
        appearance.addActions(list(self.scheme.values()))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.show_log)
        help_menu.addAction(self.about)

        tools = QToolBar("Tools", window)
        tools.setObjectName("tools")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.new, self.open, self.delete])
        tools.addSeparator()
        tools.addActions([self.undo, self.redo])
        window.addToolBar(tools)
        return tools

    def all(self) -> list[QAction]:
        found = [value for value in vars(self).values() if isinstance(value, QAction)]
        found.extend(self.new_record.values())
        found.extend(self.show_section.values())
        found.extend(self.scheme.values())
        return found
