"""The main window: the sections, their commands, the welcome view and the status bar.

The window owns the data gateway (``ui.data``): its reader loads lists, pages and counts, its
one writer runs every change in order. Widgets never see SQL; they get plain rows and call the
services through the gateway, which announces what each write changed: every view decides for
itself whether to read again.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaMethod, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from db.errors import DatabaseOpenError
from tracker.errors import TrackerError
from ui import settings, window_state
from ui.actions import Actions
from ui.busy import DelayedBusyDialog
from ui.capture.actions import CaptureActions
from ui.charts import ChartKind, LazyChart
from ui.command_keys import CommandKeys
from ui.data import Changes, Gateway
from ui.editor import Editor
from ui.errors import show_error
from ui.file_dialogs import PathChooser, choose_database_to_create, choose_database_to_open
from ui.icons import icon
from ui.portfolio_page import PortfolioPage
from ui.reporting_currency import ReportingCurrencyBox
from ui.sections.section import Section
from ui.sections.specs import SECTIONS
from ui.theme import Scheme, apply_scheme
from ui.timeline_page import TimelinePage
from ui.watcher import ChangeWatcher
from ui.welcome import WelcomeView

# SQLAlchemy, SQLModel and the models load on the database thread, while the window shows.
if TYPE_CHECKING:
    from tracker.changelog import Author, Change
    from tracker.demo import DemoCounts
    from tracker.excel.export_rows import Selection
    from tracker.lists.counts import Counts
    from ui.backup_dialog import RestoreDialog
    from ui.data.gateway import Engine, Session
    from ui.log_dialog import LogDialog
    from ui.preferences import PreferencesDialog

APP_TITLE = "Mining Project Tracker"
PORTFOLIO = "portfolio"
TIMELINE = "timeline"
#: The sidebar's pages: the five lists, the portfolio, then the portfolio-wide charts.
PAGES = [*(spec.key for spec in SECTIONS), PORTFOLIO, TIMELINE]


class MainWindow(QMainWindow):
    """Shows one database; the engine is handed in by whoever opened it."""

    #: "Import from Excel" was asked for; the Excel import connects here.
    import_requested = Signal()
    #: Another database is now shown (its URL).
    database_changed = Signal(str)

    def __init__(
        self, engine: "Engine | None", db_label: str = "", *, owns_engine: bool = False
    ) -> None:
        """With no engine the window shows at once, empty; ``open_in_background`` fills it."""
        super().__init__()
        self.db_label = db_label or (str(engine.url) if engine is not None else "")
        self._owns_engine = owns_engine
        self.setObjectName("main_window")
        self.setWindowIcon(icon("app"))
        #: The one way to the database: reads, the writer, what changed, what failed.
        self.gateway = Gateway(None, self.report_error, self)
        self.gateway.changed.connect(self._data_changed)
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(
            self, self.gateway, self.undo_stack, self._project_rows, self.report_error
        )
        self.editor.changed.connect(self._reveal)
        self.editor.writable = lambda: not self.read_only
        #: This window's name and origin in the change log (set when a database is attached).
        self.author: Author | None = None
        self.editor.origin = lambda: self.author.origin if self.author is not None else ""
        self.watcher = ChangeWatcher(self, self.editor.origin, self.report_error)
        self.watcher.others_changed.connect(self._others_changed)
        #: Asks before a backup replaces the database; tests answer it (None: a message box).
        self.confirm_restore: Callable[[str], bool] | None = None
        #: Opens a web link; tests replace it.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        #: Installs the Excel import on demand (set by ``ui.app``; None when there is none).
        self.install_excel: Callable[[], None] | None = None
        self.choose_open_path: PathChooser = lambda chosen: choose_database_to_open(self, chosen)
        self.choose_new_path: PathChooser = lambda chosen: choose_database_to_create(self, chosen)
        self.counts: Counts | None = None
        #: Adds the demo portfolio in a session (on the write thread); tests slow it down.
        self.demo_loader: Callable[[Session], DemoCounts] = _load_demo
        self._build_body()
        pages = [(spec.key, spec.title) for spec in SECTIONS]
        pages += [(PORTFOLIO, "Portfolio"), (TIMELINE, "Timeline")]
        self.commands = Actions(self, self.undo_stack, pages)
        tools = self.commands.build_menus(self)
        self.reporting = ReportingCurrencyBox(self.gateway, self.gateway, self.undo_stack, self)
        tools.addSeparator()
        tools.addWidget(self.reporting)
        self.reporting.changed.connect(lambda _code: self.refresh())
        self.command_keys = CommandKeys(self)
        self._connect_actions()
        self.capture = CaptureActions(self, self.commands.capture_release)
        self._build_status_bar()
        shown = window_state.restore(self)
        self._fitted_to_screen = False
        self._show_title()
        self.show_section(shown or SECTIONS[0].key)
        if engine is not None:
            self._attach(engine)

    # Building.

    def _build_body(self) -> None:
        self.sections: dict[str, Section] = {}
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.section_stack = QStackedWidget()
        for spec in SECTIONS:
            section = Section(spec, self.gateway)
            section.open_requested.connect(self.editor.edit)
            section.navigate.connect(self.select)
            section.detail.external.connect(lambda url: self.open_url(url))
            section.detail.command.connect(self._detail_command)
            section.current_changed.connect(self._update_actions)
            section.rows_changed.connect(self._update_actions)
            self.sections[spec.key] = section
            self.section_stack.addWidget(section)
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
        self.portfolio = PortfolioPage(self.gateway, self.undo_stack)
        self.section_stack.addWidget(self.portfolio)
        item = QListWidgetItem(icon("portfolio"), "Portfolio")
        item.setData(Qt.ItemDataRole.UserRole, PORTFOLIO)
        self.sidebar.addItem(item)
        self._build_charts()
        width = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 24
        self.sidebar.setMinimumWidth(width)
        self.sidebar.setMaximumWidth(width * 2)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.currentRowChanged.connect(self._section_chosen)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setObjectName("body")
        self.body.addWidget(self.sidebar)
        self.body.addWidget(self.section_stack)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([width, 1000])
        self.welcome = WelcomeView()
        self.welcome.load_demo.connect(self.load_demo)
        self.welcome.import_excel.connect(self.request_import)
        self.welcome.add_project.connect(lambda: self.editor.new("project"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.body)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self._welcome_dismissed = False

    def _build_charts(self) -> None:
        """The Timeline page, and Timeline and Economics tabs beside a project's details.

        They are placeholders until first shown, so pyqtgraph stays out of start-up.
        """
        self.timeline_page = TimelinePage(self.gateway)
        self.timeline_page.item_selected.connect(self.select_chart_item)
        self.section_stack.addWidget(self.timeline_page)
        item = QListWidgetItem(icon("timeline"), "Timeline")
        item.setData(Qt.ItemDataRole.UserRole, TIMELINE)
        self.sidebar.addItem(item)
        projects = self.sections["projects"]
        self.project_charts = (
            LazyChart(ChartKind.PROJECT_TIMELINE, self.gateway),
            LazyChart(ChartKind.STUDY_ECONOMICS, self.gateway),
        )
        for chart, title in zip(self.project_charts, ("Timeline", "Economics"), strict=True):
            projects.add_detail_tab(chart, title)
            chart.item_selected.connect(self.select_chart_item)
        projects.current_changed.connect(self._project_shown)
        projects.rows_changed.connect(
            lambda: self.timeline_page.set_project_ids(projects.visible_ids())
        )

    def _project_shown(self, _kind: str, project_id: int) -> None:
        for chart in self.project_charts:
            chart.set_project(project_id if project_id >= 0 else None)

    def select_chart_item(self, kind: str, record_id: int) -> None:
        """A click on a chart: show the record (a stage shows its project, an obligation its
        deal)."""
        from tracker.timeline.selection import record_of_chart_item

        self.gateway.read(
            lambda session: record_of_chart_item(session, kind, record_id), self._chart_record
        )

    def _chart_record(self, found: tuple[str, int] | None) -> None:
        if found is not None:
            self._show_body()
            self.select(*found)

    def _connect_actions(self) -> None:
        actions = self.commands
        actions.new_database.triggered.connect(lambda: self.choose_new_path(self.new_database))
        actions.open_database.triggered.connect(lambda: self.choose_open_path(self.open_path))
        actions.recent_menu.aboutToShow.connect(self._fill_recent)
        actions.load_demo.triggered.connect(self.load_demo)
        actions.import_excel.triggered.connect(self.request_import)
        actions.restore_backup.triggered.connect(self.open_restore)
        actions.quit.triggered.connect(self.close)
        actions.new.triggered.connect(self.new_record)
        actions.open.triggered.connect(self.open_selected)
        actions.delete.triggered.connect(self.delete_selected)
        actions.find.triggered.connect(self.focus_search)
        actions.clear_filters.triggered.connect(self.clear_filters)
        actions.preferences.triggered.connect(self.open_preferences)
        for kind, action in actions.new_record.items():
            action.triggered.connect(lambda _checked=False, k=kind: self.new_record(k))
        for key, action in actions.show_section.items():
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        actions.reload.triggered.connect(self.refresh)
        actions.reporting_currency.triggered.connect(self.reporting.focus)
        actions.toggle_detail.toggled.connect(self._toggle_detail)
        for scheme, action in actions.scheme.items():
            action.triggered.connect(lambda _checked=False, s=scheme: self.set_scheme(s))
        actions.about.triggered.connect(self._about)
        actions.show_log.triggered.connect(self.show_log)
        for section in self.sections.values():
            section.view.addAction(actions.open)
            section.view.addAction(actions.delete)
            section.row_actions = [actions.open, actions.delete]
        self.show_timeline = QAction(icon("timeline"), "Show on &Timeline", self)
        self.show_timeline.triggered.connect(self.show_project_timeline)
        self.sections["projects"].row_actions += [None, self.show_timeline]
        QWidget.setTabOrder(self.sidebar, self.sections[SECTIONS[0].key].filters)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setObjectName("status_counts")
        self.database_label = QLabel()
        self.database_label.setObjectName("status_database")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = self.statusBar()
        status.addWidget(self.count_label, 1)
        status.addPermanentWidget(self.database_label)

    @property
    def read_only(self) -> bool:
        """Whether the database shown may not be written (its file or folder is read-only)."""
        from db.engine import is_read_only

        return self.engine is not None and is_read_only(self.engine)

    def _show_title(self) -> None:
        path = settings.database_path(self.db_label)
        name = Path(path).name if path else self.db_label
        locked = " (read-only)" if self.read_only else ""
        self.setWindowTitle(f"{name}{locked} — {APP_TITLE}")
        self.database_label.setText(f"Database: {path or self.db_label}{locked}")
        tip = path or self.db_label
        if self.read_only and self.engine is not None:
            from db.engine import read_only_label

            tip = f"{tip}\n{read_only_label(self.engine)}: lists and exports work; edits do not."
        self.database_label.setToolTip(tip)
        self._update_actions()

    def _writing_actions(self) -> list[QAction]:
        """The commands that change the database: disabled while it is read-only."""
        commands = self.commands
        return [
            commands.new,
            commands.delete,
            commands.load_demo,
            commands.import_excel,
            commands.restore_backup,
            commands.capture_release,
            *commands.new_record.values(),
        ]

    # Sections.

    @property
    def current_section(self) -> Section | None:
        """The list shown, or None when the portfolio is."""
        widget = self.section_stack.currentWidget()
        return widget if isinstance(widget, Section) else None

    def show_section(self, key: str) -> Section:
        """Show one of the lists (loading it the first time)."""
        self.show_page(key)
        return self.sections[key]

    def show_page(self, key: str) -> None:
        row = PAGES.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        self._load_page(key)

    def _load_page(self, key: str) -> None:
        if self.engine is None:
            return
        if key == PORTFOLIO:
            self.portfolio.ensure_loaded()
        elif key in self.sections:
            self.sections[key].ensure_loaded()

    def _section_chosen(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row]
        page = self._page(key)
        self.section_stack.setCurrentWidget(page)
        self.commands.show_section[key].setChecked(True)
        if isinstance(page, Section) and page.started:
            page.refresh_detail()
        self._load_page(key)
        if isinstance(page, Section):
            QWidget.setTabOrder(self.sidebar, page.filters)
        self._update_actions()

    def _page(self, key: str) -> QWidget:
        if key == PORTFOLIO:
            return self.portfolio
        if key == TIMELINE:
            return self.timeline_page
        return self.sections[key]

    def select(self, kind: str, record_id: int) -> None:
        """Show a record in its section (from a link in a detail pane, or after a change)."""
        key = next((spec.key for spec in SECTIONS if spec.kind == kind), None)
        if key is None:
            self.show_page(PORTFOLIO)
            return
        self.show_section(key).reveal(record_id)

    def _update_actions(self) -> None:
        section = self.current_section
        self.commands.new.setText(self.commands.new_record[self._default_kind()].text())
        has_current = section is not None and section.current_id() is not None
        self.commands.open.setEnabled(has_current)
        self.commands.delete.setEnabled(has_current)
        on_project = has_current and section is not None and section.spec.kind == "project"
        self.commands.new_record["resource"].setEnabled(on_project)
        for action in (self.commands.find, self.commands.clear_filters):
            action.setEnabled(section is not None)
        self.reporting.setEnabled(not self.read_only)
        self.commands.reporting_currency.setEnabled(not self.read_only)
        if self.read_only:
            for action in self._writing_actions():
                action.setEnabled(False)
            self.commands.open.setEnabled(False)

    def _default_kind(self) -> str:
        """What "New…" adds here: the list's kind, a holding on the portfolio, a project on the
        timeline."""
        section = self.current_section
        if section is not None:
            return section.spec.kind
        return "project" if self.section_stack.currentWidget() is self.timeline_page else "holding"

    def _toggle_detail(self, shown: bool) -> None:
        for section in self.sections.values():
            section.detail_area.setVisible(shown)

    # Commands.

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.welcome:
            self._show_body()
        section = self.current_section
        if section is not None:
            section.filters.focus_search()

    def clear_filters(self) -> None:
        section = self.current_section
        if section is not None:
            section.filters.clear()

    def new_record(self, kind: str | None = None) -> None:
        """Open the form for a new record (of the current section's kind by default); a study,
        deal or event starts on the selected project, a holding on the selected company."""
        if self.engine is None:
            return
        section = self.current_section
        chosen = kind or self._default_kind()
        preset: dict[str, int | None] = {}
        current = section.current_id() if section is not None else None
        if current is not None and section is not None:
            if section.spec.kind == "project" and chosen in ("study", "deal", "event", "resource"):
                preset["project_id"] = current
            if section.spec.kind == "company" and chosen in ("event", "holding"):
                preset["company_id"] = current
        if chosen == "resource" and "project_id" not in preset:
            self.inform("New resource line", "Select a project first: a line belongs to one.")
            return
        self.editor.new(chosen, **preset)

    def _detail_command(self, verb: str, kind: str, record_id: int) -> None:
        """A command link in a detail page; "add" gets the id of the project shown."""
        if self.engine is None:
            return
        if verb == "add":
            self.editor.new(kind, project_id=record_id)
        elif verb == "edit":
            self.editor.edit(kind, record_id)
        elif verb == "delete":
            self.editor.delete(kind, record_id)

    def open_selected(self) -> None:
        section = self.current_section
        record_id = section.current_id() if section is not None else None
        if section is not None and record_id is not None:
            self.editor.edit(section.spec.kind, record_id)

    def show_project_timeline(self) -> None:
        """The selected project's timeline, in the tab beside its details."""
        projects = self.sections["projects"]
        if projects.detail_tabs is not None:
            self.commands.toggle_detail.setChecked(True)
            projects.detail_tabs.setCurrentWidget(self.project_charts[0])

    def delete_selected(self) -> None:
        section = self.current_section
        record_id = section.current_id() if section is not None else None
        if section is not None and record_id is not None:
            self.editor.delete(section.spec.kind, record_id)

    def request_import(self) -> None:
        """Start the Excel import when it is installed; otherwise say it is not there yet."""
        signal = QMetaMethod.fromSignal(self.import_requested)
        if not self.isSignalConnected(signal) and self.install_excel is not None:
            self.install_excel()
        if self.isSignalConnected(signal):
            self.import_requested.emit()
            return
        self.inform("Import from Excel", "Excel import is not available yet.")

    def current_selection(self) -> "Selection":
        """The records the current list shows when it is filtered (every record otherwise),
        for "export only what the filter shows"."""
        from tracker.excel.export_rows import Selection

        section = self.current_section
        if section is None or section.model.criteria.is_empty():
            return Selection()
        model = section.model
        shown = frozenset(model.id_at(row) for row in range(model.rowCount()))
        return Selection(**{section.spec.key: shown})

    def show_log(self) -> "LogDialog":
        """Help ▸ Show Log."""
        from ui.log_dialog import LogDialog

        dialog = LogDialog(self)
        dialog.open()
        return dialog

    def open_restore(self) -> "RestoreDialog":
        """File ▸ Restore from Backup…; after a restore every view reads the database again."""
        from ui.backup_dialog import RestoreDialog

        dialog = RestoreDialog(self.gateway, confirm=self.confirm_restore, parent=self)
        dialog.restored.connect(self._restored)
        dialog.open()
        dialog.load()
        return dialog

    def _restored(self, message: str) -> None:
        self.undo_stack.clear()
        self.gateway.announce(Changes.all())
        self.statusBar().showMessage(message, 15000)

    def inform(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setObjectName("information")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def load_demo(self) -> None:
        """Add the demo portfolio on the write thread; a progress dialog shows if it takes
        longer than half a second."""
        progress = DelayedBusyDialog(self, "Demo portfolio", "Loading the demo portfolio…")

        def done(counts: "DemoCounts") -> None:
            progress.finish()
            self.statusBar().showMessage(
                f"Loaded the demo portfolio: {counts.companies} companies, {counts.projects} "
                f"projects, {counts.studies} studies, {counts.deals} deals.",
                8000,
            )
            self._welcome_dismissed = True
            self.show_section("projects")

        def refused(error: BaseException) -> None:
            progress.finish()
            if isinstance(error, TrackerError):
                self.inform("Demo portfolio", str(error))
            elif isinstance(error, FileNotFoundError):
                self.inform("Demo portfolio", "The demo portfolio is missing from this copy.")
            else:
                self.report_error(error)

        self.gateway.write(self.demo_loader, done, refused, changes=Changes.all())

    def _about(self) -> None:
        from PySide6 import __version__ as pyside_version

        from tracker.version import app_version

        python = ".".join(str(part) for part in sys.version_info[:3])
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            f"About {APP_TITLE}",
            f"<b>{APP_TITLE}</b><p>Version {app_version()}</p><p>Track mining projects "
            "through their studies, log the deals around them, and follow your portfolio.</p>"
            f"<p><small>Python {python} · PySide6 {pyside_version}</small></p>",
            parent=self,
        )
        box.setObjectName("about")
        box.setIconPixmap(icon("app").pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def set_scheme(self, scheme: Scheme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scheme(app, scheme)
        QSettings().setValue("appearance", scheme.value)
        self.commands.scheme[scheme].setChecked(True)

    # Data.

    @property
    def engine(self) -> "Engine | None":
        """The database shown (the gateway holds it)."""
        return self.gateway.engine

    def _project_rows(self) -> list[object] | None:
        """The projects list's rows when loaded, for the forms' project pickers."""
        projects = self.sections["projects"]
        return list(projects.model.rowset.rows) if projects.complete else None

    def refresh(self) -> None:
        """Load every open list and the counts again (after a change or on F5)."""
        if self.engine is not None:
            self.gateway.announce(Changes.all())

    def refresh_counts(self) -> None:
        if self.engine is not None:
            # Counting every table is a whole-list read: it queues behind the lists, as it
            # always did, instead of competing with the first screenful for the interpreter.
            self.gateway.read(_counts, self._show_counts, long=True)

    def _show_counts(self, counts: "Counts") -> None:
        self.counts = counts
        self.count_label.setText(
            f"{counts.projects:,} projects · {counts.companies:,} companies · "
            f"{counts.studies:,} studies · {counts.deals:,} deals · {counts.events:,} events · "
            f"{counts.holdings:,} holdings"
        )
        for row, spec in enumerate(SECTIONS):
            number = getattr(counts, spec.noun, None)
            item = self.sidebar.item(row)
            item.setToolTip(f"{number:,} {spec.noun}" if isinstance(number, int) else spec.title)
        self.sidebar.item(len(SECTIONS)).setToolTip(f"{counts.holdings:,} holdings")
        if counts.empty and not self._welcome_dismissed:
            self.pages.setCurrentWidget(self.welcome)
        else:
            self._show_body()

    def _show_body(self) -> None:
        self._welcome_dismissed = True
        self.pages.setCurrentWidget(self.body)

    def _data_changed(self, changes: Changes) -> None:
        """A write landed: the lists, charts and portfolio decide for themselves (they listen
        to the gateway); the counts and the reporting currency are the window's."""
        self.refresh_counts()
        if changes.everything:
            self.reporting.load()  # an import, the demo or a restore may have set it

    def _reveal(self, kind: str, record_id: int) -> None:
        """This window's edit landed: show the record it wrote (none once it is gone)."""
        if record_id >= 0:
            self._show_body()
            self.select(kind, record_id)

    def _others_changed(self, entries: list["Change"], everything: bool) -> None:
        """Someone else wrote: reload what shows their records (keeping the selection, as
        every reload does), and tell an open form of a changed record."""
        if everything:
            changes = Changes.all()
        else:
            changes = Changes()
            for entry in entries:
                changes = changes | Changes.of(entry.kind, entry.record_id)
        self.gateway.announce(changes)
        self.editor.notice_others(entries)
        from tracker.changelog import shown_time

        last = entries[-1]
        noun = "change" if len(entries) == 1 else "changes"
        self.statusBar().showMessage(
            f"{len(entries):,} {noun} by others, the last by {last.who} at "
            f"{shown_time(last.at)}: the lists show them.",
            8000,
        )

    def report_error(self, error: BaseException) -> None:
        """An error no form handled: a message for the environment's, details for ours."""
        show_error(self, error)

    # Databases.

    def new_database(self, path: str) -> None:
        if Path(path).exists():
            self.inform("New Database", f"{path} already exists; open it instead.")
            return
        self.open_path(path)

    def open_path(self, path: str) -> None:
        """Open (or create) the database file at ``path`` and show it; remember it."""
        self.open_in_background(settings.sqlite_url(path), remember=path)

    def open_in_background(self, url: str, remember: str | None = None) -> None:
        """Open (and if need be upgrade) a database on the write thread, then show it.

        The window stays usable meanwhile: opening imports the migration machinery and may copy
        and upgrade the file. A database that cannot be opened leaves the current one shown.
        """
        if self.engine is None:
            self.db_label = url
            self._show_title()
        self.statusBar().showMessage("Opening the database…")

        def opened(engine: "Engine") -> None:
            self.statusBar().clearMessage()
            if remember is not None:
                settings.remember_database(remember)
            self.switch_database(engine, url)

        def failed(error: BaseException) -> None:
            self.statusBar().clearMessage()
            if isinstance(error, DatabaseOpenError):
                box = self.inform("Cannot open the database", str(error))
                box.setIcon(QMessageBox.Icon.Warning)
            else:
                self.report_error(error)

        self.gateway.open(url, opened, failed)

    def switch_database(self, engine: "Engine", label: str) -> None:
        """Show another database; the undo history of the previous one is dropped."""
        old, owned = self.engine, self._owns_engine
        self.db_label, self._owns_engine = label, True
        self.undo_stack.clear()
        self.counts = None
        self._welcome_dismissed = False
        for section in self.sections.values():
            section.reset()
        if old is not None and owned:
            old.dispose()
        self._attach(engine)
        self.database_changed.emit(label)

    def _attach(self, engine: "Engine") -> None:
        from tracker.changelog import sign

        self.gateway.attach(engine)
        self.author = sign(engine, settings.user_name())
        self.watcher.watch(engine)
        self.portfolio.reset(True)
        self.timeline_page.reset()
        for chart in self.project_charts:
            chart.reset()
        self._show_title()
        self.sections["projects"].ensure_loaded()  # forms pick projects from this list
        self.reporting.load()
        key = PAGES[max(self.sidebar.currentRow(), 0)]
        self._load_page(key)
        self.refresh_counts()

    def open_preferences(self) -> "PreferencesDialog":
        from ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self, settings.user_name(), self.set_user_name)
        dialog.open()
        return dialog

    def set_user_name(self, name: str) -> None:
        """Keep the name for later runs, and write this window's changes under it from now on
        (from the same origin: they stay this window's own)."""
        from tracker.changelog import rename

        kept = settings.set_user_name(name)
        if self.engine is not None:
            self.author = rename(self.engine, kept)
        self.statusBar().showMessage(f"Your changes are logged as “{kept}”.", 5000)

    def _fill_recent(self) -> None:
        menu = self.commands.recent_menu
        menu.clear()
        paths = settings.recent_databases()
        for path in paths:
            action = QAction(path, menu)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
            menu.addAction(action)
        if not paths:
            empty = menu.addAction("No recent databases")
            empty.setEnabled(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_to_screen:
            self._fitted_to_screen = True
            window_state.fit_to_screen(self)  # again, now that the window frame is known

    def closeEvent(self, event: QCloseEvent) -> None:
        window_state.save(self)
        self.watcher.stop()
        self.gateway.stop()
        if self.portfolio.panel is not None:
            self.portfolio.panel.shutdown()
        if self._owns_engine and self.engine is not None:
            self.engine.dispose()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour_icons()

    def _recolour_icons(self) -> None:
        for action in self.commands.all():
            name = action.property("icon_name")
            if isinstance(name, str):
                action.setIcon(icon(name))
        for row, spec in enumerate(SECTIONS):
            self.sidebar.item(row).setIcon(icon(spec.icon))
        self.sidebar.item(len(SECTIONS)).setIcon(icon("portfolio"))


def _load_demo(session: "Session") -> "DemoCounts":
    from tracker.demo import load_demo

    return load_demo(session)


def _counts(session: "Session") -> "Counts":
    from tracker.lists.counts import counts

    return counts(session)
