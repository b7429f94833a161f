"""Put Excel export and import on a main window: File menu actions, shortcuts, dropped files.

``install_excel_actions(window)`` needs only ``window.engine``. It also uses, when present:
``window.refresh()`` after an import; ``window.current_selection()`` (returning a
``tracker.excel.export_rows.Selection``) for "only what the current filter shows";
``window.import_requested`` (a signal, optionally carrying a path) or ``window.request_import``
(replaced by a method that opens the wizard) as the window's own way to ask for an import.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from tracker.excel.errors import WorkbookError
from tracker.excel.report import Preview
from tracker.excel.template import write_template
from ui.busy import DelayedBusyDialog
from ui.excel.choosers import SPREADSHEET_SUFFIXES, Chooser, choose_open, choose_save
from ui.excel.export_dialog import ConfirmOverwrite, ExportDialog, ask_overwrite
from ui.excel.import_wizard import ImportWizard
from ui.undo import ImportCommand, Job

EXPORT_TEXT = "&Export to Excel…"
IMPORT_TEXT = "&Import from Excel…"
TEMPLATE_TEXT = "Save Import &Template…"


def _plain(text: str) -> str:
    return text.replace("&", "").strip().lower()


def spreadsheet_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    data = event.mimeData()
    if data is None or not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in SPREADSHEET_SUFFIXES]


class ExcelActions(QObject):
    """The actions, the open dialogs, and the drop filter of one window."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        choose_open_file: Chooser = choose_open,
        choose_save_file: Chooser = choose_save,
        confirm_overwrite: ConfirmOverwrite = ask_overwrite,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.choose_open_file = choose_open_file
        self.choose_save_file = choose_save_file
        self.confirm_overwrite = confirm_overwrite
        self.wizard: ImportWizard | None = None
        self.export_dialog: ExportDialog | None = None
        menu = self._file_menu()
        self.export_action = self._action(menu, EXPORT_TEXT, "Ctrl+E", self.open_export)
        self.import_action = self._action(menu, IMPORT_TEXT, "Ctrl+I", self.open_import)
        self.template_action = self._action(menu, TEMPLATE_TEXT, None, self.save_template)
        self.template_path: Path | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._hook_window_request()

    def _file_menu(self) -> QMenu:
        bar = self.window.menuBar()
        for action in bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and _plain(action.text()) == "file":
                return menu
        return bar.addMenu("&File")

    def _action(
        self, menu: QMenu, text: str, shortcut: str | None, slot: Callable[[], object]
    ) -> QAction:
        """Reuse the window's own action of that name (and keep its wiring), else add one."""
        for existing in menu.actions():
            if _plain(existing.text()) == _plain(text):
                if shortcut and existing.shortcut().isEmpty():
                    existing.setShortcut(QKeySequence(shortcut))
                if _plain(text) != _plain(IMPORT_TEXT) or not self._window_requests():
                    existing.triggered.connect(lambda _checked=False: slot())
                return existing
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        before = self._insertion_point(menu)
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        return action

    @staticmethod
    def _insertion_point(menu: QMenu) -> QAction | None:
        """Next to the window's own Excel import if it has one, else before Quit."""
        actions = menu.actions()
        ours = {_plain(text) for text in (EXPORT_TEXT, IMPORT_TEXT, TEMPLATE_TEXT)}
        last = max((i for i, a in enumerate(actions) if _plain(a.text()) in ours), default=None)
        if last is not None and last + 1 < len(actions):
            return actions[last + 1]
        quit_key = QKeySequence(QKeySequence.StandardKey.Quit)
        return next(
            (a for a in actions if a.shortcut() == quit_key or _plain(a.text()) == "quit"), None
        )

    def _window_requests(self) -> bool:
        return isinstance(getattr(self.window, "import_requested", None), SignalInstance)

    def _hook_window_request(self) -> None:
        signal = getattr(self.window, "import_requested", None)
        if isinstance(signal, SignalInstance):
            signal.connect(self._requested)
        elif not isinstance(getattr(self.window, "request_import", None), SignalInstance):
            self.window.request_import = self._requested  # type: ignore[attr-defined]
        else:
            self.window.request_import.connect(self._requested)  # type: ignore[attr-defined]

    def _requested(self, path: object = None) -> None:
        self.open_import(Path(path) if isinstance(path, (str, Path)) else None)

    # Dialogs -----------------------------------------------------------------------------

    @property
    def engine(self) -> Any:
        return self.window.engine  # type: ignore[attr-defined]

    def open_export(self) -> ExportDialog:
        selection = getattr(self.window, "current_selection", None)
        dialog = ExportDialog(
            self.engine,
            self.window,
            selection=selection if callable(selection) else None,
            choose=self.choose_save_file,
            confirm_overwrite=self.confirm_overwrite,
        )
        dialog.exported.connect(self._exported)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def open_import(self, path: Path | None = None) -> ImportWizard:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
        else:
            self.wizard = ImportWizard(self.engine, self.window, choose=self.choose_open_file)
            self.wizard.imported.connect(self._imported)
            self.wizard.finished.connect(self.wizard.deleteLater)
            self.wizard.destroyed.connect(self._forget_wizard)
            self.wizard.open()
        if path is not None:
            self.wizard.open_path(path)
        return self.wizard

    def _forget_wizard(self) -> None:
        self.wizard = None

    def save_template(self) -> Path | None:
        chosen = self.choose_save_file(self.window, Path.home() / "mining-tracker-import.xlsx")
        if chosen is None:
            return None
        if chosen.exists() and not self.confirm_overwrite(self.window, chosen):
            self._status(f"Template not saved: {chosen.name} already exists.")
            return None
        try:
            write_template(chosen)
        except WorkbookError as exc:
            self._status(str(exc))
            return None
        self.template_path = chosen
        self._status(f"Import template saved to {chosen}")
        return chosen

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _exported(self, result: Any) -> None:
        self._status(f"Exported to {result.path}")

    def _imported(self, preview: object) -> None:
        self._refresh()
        stack = getattr(self.window, "undo_stack", None)
        written = preview.written if isinstance(preview, Preview) else None
        if isinstance(stack, QUndoStack) and written is not None and written.rows:
            source = self.wizard.source if self.wizard is not None else None
            name = source.name if source is not None else "the spreadsheet"
            stack.push(ImportCommand(name, written, self._run_undo_step))
            self._status(f"Imported {name}. Edit ▸ Undo (Ctrl+Z) takes the whole import back.")

    def _refresh(self) -> None:
        refresh = getattr(self.window, "refresh", None)
        if callable(refresh):
            refresh()

    def _run_undo_step(self, job: Job, text: str, done_text: str, command: ImportCommand) -> None:
        """Undo or redo an import on the window's write thread, with a busy dialog when it
        takes more than a moment; the window shows the result after. A step refused because
        the database changed since is explained, and the undo stack put back."""
        writes = getattr(self.window, "gateway", None)
        if writes is None:
            return
        busy = DelayedBusyDialog(self.window, "Import", text)
        self._status(text)

        def done(_result: object) -> None:
            busy.finish()
            self._status(done_text)
            self._refresh()

        def failed(error: BaseException) -> None:
            busy.finish()
            if getattr(error, "conflicts", None) is not None:
                self._refused(error, command)
                return
            report = getattr(self.window, "report_error", None)
            if callable(report):
                report(error)

        writes.submit(job, done, failed, write=True)

    def _refused(self, error: BaseException, command: ImportCommand) -> None:
        """An import's undo or redo that the database no longer fits: nothing was written."""
        stack = getattr(self.window, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            command.refused(stack)
        self._status("Nothing was changed: the database changed since.")
        inform = getattr(self.window, "inform", None)
        if callable(inform):
            inform("Import", f"Nothing was changed: {error}.")

    # Drops -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() in {QEvent.Type.DragEnter, QEvent.Type.DragMove}:
                assert isinstance(event, QDragEnterEvent | QDropEvent)
                if spreadsheet_paths(event):
                    event.acceptProposedAction()
                    return True
            elif event.type() == QEvent.Type.Drop:
                assert isinstance(event, QDropEvent)
                paths = spreadsheet_paths(event)
                if paths:
                    event.acceptProposedAction()
                    self.open_import(paths[0])
                    return True
        return super().eventFilter(watched, event)


def install_excel_actions(window: QMainWindow, **choosers: Any) -> None:
    """Add the Excel actions to ``window``'s File menu and accept dropped spreadsheets.

    ``choosers`` replace the file dialogs and the overwrite question (tests answer them)."""
    window.excel_actions = ExcelActions(window, **choosers)  # type: ignore[attr-defined]


def excel_actions_of(window: QWidget) -> ExcelActions | None:
    found = getattr(window, "excel_actions", None)
    return found if isinstance(found, ExcelActions) else None
