"""Light, dark, or whatever the system uses; colours the detail pane's HTML takes from it.

By default the app follows the system (Qt picks the platform's palette and follows its
light/dark switch). A person may force light or dark from the View menu; that sets the Fusion
style with a palette of its own, which looks the same on every platform.
"""

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


class Scheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_SYSTEM_STYLE: list[str] = []


def apply_scheme(app: QApplication, scheme: Scheme) -> None:
    """Use the system's look, or a forced light or dark one."""
    style = app.style()
    if not _SYSTEM_STYLE and style is not None:
        _SYSTEM_STYLE.append(style.name())
    if scheme is Scheme.SYSTEM:
        app.styleHints().unsetColorScheme()
        app.setStyle(QStyleFactory.create(_SYSTEM_STYLE[0] if _SYSTEM_STYLE else "Fusion"))
        app.setPalette(QPalette())
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.styleHints().setColorScheme(
            Qt.ColorScheme.Dark if scheme is Scheme.DARK else Qt.ColorScheme.Light
        )
        app.setPalette(dark_palette() if scheme is Scheme.DARK else light_palette())
    # Widgets polished under an application style sheet keep their old palette until the
    # sheet is applied again.
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)


def light_palette() -> QPalette:
    return _palette(
        window="#f3f4f6",
        base="#ffffff",
        alternate="#f6f7f9",
        text="#1d2125",
        button="#eceef1",
        highlight="#2f6f5e",
        link="#1f5fa8",
        mid="#c5c9cf",
        disabled="#8a9097",
    )


def dark_palette() -> QPalette:
    return _palette(
        window="#202326",
        base="#17191c",
        alternate="#1d2023",
        text="#e3e6e8",
        button="#2a2e32",
        highlight="#3c8c76",
        link="#7fb4f0",
        mid="#3d4349",
        disabled="#7b8187",
    )


def _palette(**colors: str) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    values = {
        role.Window: colors["window"],
        role.WindowText: colors["text"],
        role.Base: colors["base"],
        role.AlternateBase: colors["alternate"],
        role.Text: colors["text"],
        role.Button: colors["button"],
        role.ButtonText: colors["text"],
        role.ToolTipBase: colors["base"],
        role.ToolTipText: colors["text"],
        role.PlaceholderText: colors["disabled"],
        role.Highlight: colors["highlight"],
        role.HighlightedText: "#ffffff",
        role.Link: colors["link"],
        role.LinkVisited: colors["link"],
        role.Mid: colors["mid"],
        role.Midlight: colors["mid"],
        role.Dark: colors["mid"],
        role.Light: colors["button"],
        role.BrightText: "#ff6b6b",
    }
    for which, value in values.items():
        palette.setColor(which, QColor(value))
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, QColor(colors["disabled"]))
    return palette


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette in use is a dark one (its window darker than its text)."""
    used = palette or QGuiApplication.palette()
    return (
        used.color(QPalette.ColorRole.Window).lightness()
        < used.color(QPalette.ColorRole.WindowText).lightness()
    )


def html_colors(palette: QPalette | None = None) -> dict[str, str]:
    """Colours for the detail pane: text, muted text, lines, good and bad changes, links."""
    used = palette or QGuiApplication.palette()
    dark = is_dark(used)
    return {
        "text": used.color(QPalette.ColorRole.Text).name(),
        "muted": used.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name(),
        "line": used.color(QPalette.ColorRole.Mid).name(),
        "header": used.color(QPalette.ColorRole.AlternateBase).name(),
        "link": used.color(QPalette.ColorRole.Link).name(),
        "up": "#5cc28a" if dark else "#1b7f46",
        "down": "#f07f7f" if dark else "#b3261e",
        "accent": "#d9b45a" if dark else "#8a6a12",
    }
