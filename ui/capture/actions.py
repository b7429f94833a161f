"""The ways in to a capture: the Records menu command, pasting, and dropping on the window.

What arrives (text, HTML, a .txt/.html/.htm/.pdf file) is read on the database thread together
with the matches for the names it states, then the review dialog opens; its Save runs on the
writer thread and goes on the undo stack like any edit. A dropped spreadsheet is left to the
Excel import, which watches the same window.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from tracker.capture.sources import RELEASE_SUFFIXES
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.capture.model import Capture
    from tracker.capture.save import Saved
    from tracker.snapshots import Snapshot
    from ui.capture.paste_dialog import PasteDialog
    from ui.capture.review_dialog import Matches, ReviewDialog
    from ui.data.gateway import Session
    from ui.main_window import MainWindow

#: Reads a release's plain text (and its source's name) into a capture.
ReleaseReader = Callable[[str, str], "Capture"]
TITLE = "Capture from News Release"


@dataclass(frozen=True)
class Release:
    """What was pasted or dropped: a file, HTML or plain text, and the name of its source."""

    source: str
    text: str = ""
    html: str = ""
    path: Path | None = None


def release_in(data: QMimeData | None) -> Release | None:
    """The release a clipboard or a drop carries; None for anything else (a spreadsheet)."""
    if data is None:
        return None
    if data.hasUrls():
        urls = data.urls()
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        releases = [path for path in files if path.suffix.lower() in RELEASE_SUFFIXES]
        if releases:
            return Release(releases[0].name, path=releases[0])
        if files:
            return None
        web = [url.toString() for url in urls if url.scheme() in ("http", "https")]
        if web and not data.hasHtml() and not data.hasText():
            return None
    if data.hasHtml() and data.html().strip():
        return Release("pasted HTML", html=data.html())
    if data.hasText() and data.text().strip():
        return Release("pasted text", text=data.text())
    return None


def _default_reader(text: str, source: str) -> "Capture":
    from tracker.capture.reader import read_release

    return read_release(text, source)


class CaptureActions(QObject):
    """Connects the menu command, Ctrl+V and drops of one window to the review dialog."""

    def __init__(self, window: "MainWindow", action: QAction) -> None:
        super().__init__(window)
        self.window = window
        #: Reads the release; tests inject one.
        self.reader: ReleaseReader = _default_reader
        #: Asks before a review with edits is cancelled; tests replace it.
        self.confirm_discard: Callable[[Callable[[], None]], None] = self._ask_discard
        self.dialog: ReviewDialog | None = None
        self.paste_dialog: PasteDialog | None = None
        action.triggered.connect(self.capture_clipboard)
        self.paste_action = QAction("Paste News Release", window)
        self.paste_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.paste_action.triggered.connect(self.paste)
        window.addAction(self.paste_action)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # Ways in.

    def capture_clipboard(self) -> None:
        """The menu command: the clipboard's release, or a box to paste one into."""
        found = release_in(QGuiApplication.clipboard().mimeData())
        if found is not None:
            self.capture(found)
            return
        from ui.capture.paste_dialog import PasteDialog

        self.paste_dialog = PasteDialog(self.window)
        self.paste_dialog.read_requested.connect(
            lambda text: self.capture(Release("pasted text", text=text))
        )
        self.paste_dialog.open()

    def paste(self) -> None:
        """Ctrl+V on the window (outside any text field): capture what the clipboard holds."""
        found = release_in(QGuiApplication.clipboard().mimeData())
        if found is not None:
            self.capture(found)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                assert isinstance(event, QDragEnterEvent | QDropEvent)
                if release_in(event.mimeData()) is not None:
                    event.acceptProposedAction()
                    return True
            elif event.type() == QEvent.Type.Drop:
                assert isinstance(event, QDropEvent)
                found = release_in(event.mimeData())
                if found is not None:
                    event.acceptProposedAction()
                    self.capture(found)
                    return True
        return super().eventFilter(watched, event)

    # Reading, off the GUI thread.

    def capture(self, release: Release) -> None:
        """Read the release and find its records, then open the review."""
        if self.window.engine is None:
            self.window.inform(TITLE, "Open a database first.")
            return
        reader = self.reader
        self.window.statusBar().showMessage(f"Reading {release.source}…")

        def read(session: "Session") -> tuple["Capture", "Matches"]:
            capture = reader(_plain_text(release), release.source)
            return capture, find_matches(session, capture)

        self.window.gateway.read(read, self._review, self._unreadable)

    def _unreadable(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        if isinstance(error, TrackerError):
            self.window.inform(TITLE, str(error))
        else:
            self.window.report_error(error)

    def _review(self, result: tuple["Capture", "Matches"]) -> None:
        from ui.capture.review_dialog import ReviewDialog

        self.window.statusBar().clearMessage()
        capture, matches = result
        dialog = ReviewDialog(self.window, capture, matches, self.confirm_discard)
        dialog.save_requested.connect(self._save)
        self.dialog = dialog
        dialog.open()

    # Saving, undoably.

    def _save(self, dialog: "ReviewDialog") -> None:
        from tracker.capture.save import save_reviewed

        reviewed = dialog.reviewed
        assert reviewed is not None

        def done(saved: "Saved") -> None:
            self.window.undo_stack.push(self._command(saved))
            dialog.saved(saved.record_id)
            self._announce(saved, saved.record_id)

        def refused(error: BaseException) -> None:
            if isinstance(error, TrackerError):
                dialog.failed(error)
            else:
                dialog.failed(TrackerError("Nothing was saved: an unexpected error occurred."))
                self.window.report_error(error)

        self.window.gateway.write(lambda s: save_reviewed(s, reviewed), done, refused)

    def _command(self, saved: "Saved") -> Any:
        from tracker.capture.save import redo_save, undo_save
        from ui.undo import DatabaseCommand, Job

        removed: list[Snapshot] = []

        def undo(session: "Session") -> None:
            removed[:] = undo_save(session, saved)

        def redo(session: "Session") -> None:
            redo_save(session, saved, removed)

        def run(job: Job, _kind: str, record_id: int | None) -> None:
            self.window.gateway.write(
                job, lambda _result: self._announce(saved, record_id), self.window.report_error
            )

        noun = {"study": "study", "deal": "deal"}.get(saved.record_kind, "event")
        return DatabaseCommand(
            f"Capture {noun} “{saved.label}”",
            run,
            saved.record_kind,
            saved.record_id,
            undo,
            redo,
            gone_after_undo=any(kind == saved.record_kind for kind, _ in saved.created),
        )

    def _announce(self, saved: "Saved", record_id: int | None) -> None:
        """Announce what the save touched (the records it created, the record itself), and
        show the record."""
        from ui.data import Changes

        changes = Changes.of(saved.record_kind, record_id if record_id is not None else -1)
        for kind, created_id in saved.created:
            changes = changes | Changes.of(kind, created_id)
        self.window.gateway.announce(changes)
        self.window.editor.changed.emit(
            saved.record_kind, record_id if record_id is not None else -1
        )

    def _ask_discard(self, on_yes: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            TITLE,
            "Discard the corrections made to this release?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self.dialog or self.window,
        )
        box.setObjectName("confirm_discard")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Discard:  # type: ignore[arg-type]
                on_yes()

        box.buttonClicked.connect(clicked)
        box.open()


def _plain_text(release: Release) -> str:
    """The release's text; runs on the database thread (a PDF can take a moment)."""
    from tracker.capture.sources import html_to_text, release_text

    if release.path is not None:
        return release_text(release.path)
    if release.html:
        return html_to_text(release.html)
    return release.text


def find_matches(session: "Session", capture: "Capture") -> "Matches":
    """The ranked candidates for the names the release states, and every known name."""
    from tracker.capture.matching import (
        SURE,
        company_candidates,
        known_names,
        project_candidates,
        tickers_in,
    )
    from tracker.capture.review import name_of
    from ui.capture.review_dialog import Matches

    names = known_names(session)
    companies = company_candidates(session, name_of(capture, "company"), tickers_in(capture.text))
    owner = companies[0].record_id if companies and companies[0].score >= SURE else None
    return Matches(
        companies=companies,
        projects=project_candidates(session, name_of(capture, "project"), owner),
        counterparties=company_candidates(session, name_of(capture, "counterparty")),
        company_names=names.companies,
        project_names=names.projects,
        commodities=names.commodities,
    )
