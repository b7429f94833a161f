"""The detail pane: renders a record's page, follows its links, re-colours with the palette."""

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from ui.detail.html import style_sheet
from ui.theme import html_colors

INTERNAL = ("project", "company", "study", "deal", "event", "holding")
#: Links that act on a part of the record shown (``edit-resource:7``); adding takes the id of
#: the record shown (``add-resource:12`` adds a resource line to project 12).
COMMANDS = ("add-resource", "edit-resource", "delete-resource")


class DetailPane(QTextBrowser):
    """Links to other records emit ``navigate``; web links emit ``external`` (the window opens
    them in the browser, through a callable tests can replace); command links emit ``command``
    with the verb, the kind and the id."""

    navigate = Signal(str, int)
    external = Signal(QUrl)
    command = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self._body = ""
        self.show_placeholder("Select a row to see its details.")

    @property
    def body(self) -> str:
        return self._body

    def show_html(self, body: str) -> None:
        self._body = body
        self._render()

    def show_placeholder(self, text: str) -> None:
        self.show_html(f'<p class="muted">{text}</p>')

    def _render(self) -> None:
        scroll = self.verticalScrollBar()
        position = scroll.value() if scroll is not None else 0
        self.document().setDefaultStyleSheet(style_sheet(html_colors(self.palette())))
        self.setHtml(self._body)
        if scroll is not None:
            scroll.setValue(position)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()

    def _follow(self, url: QUrl) -> None:
        scheme = url.scheme()
        if not scheme and url.hasFragment():  # a place on the page: its history
            self.scrollToAnchor(url.fragment())
        elif scheme in INTERNAL and url.path().isdigit():
            self.navigate.emit(scheme, int(url.path()))
        elif scheme in COMMANDS and url.path().isdigit():
            verb, _, kind = scheme.partition("-")
            self.command.emit(verb, kind, int(url.path()))
        elif scheme in ("http", "https", "mailto", "file"):
            self.external.emit(url)
