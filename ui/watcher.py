"""Noticing changes others make to the database shown: a cheap poll of the change log.

Every few seconds, on a thread of its own (a read can wait on a busy PostgreSQL server or a
locked SQLite file), the newest change-log id is read; only when it moved are the new entries
read, and those written by another window or person are handed on. The first poll of a
database only notes where the log stands.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.data.threads import DatabaseWorker

if TYPE_CHECKING:
    from tracker.changelog import Change
    from ui.data.gateway import Engine, Session

#: How often the log is looked at, in milliseconds.
INTERVAL_MS = 2000
#: As in ``tracker.changelog`` (not imported here: it loads SQLAlchemy).
OVERLAP = 200
POLL_LIMIT = 5_000


class ChangeWatcher(QObject):
    """Emits ``others_changed`` with the new entries of other origins, oldest first, and
    whether there were more than one poll reads (a big import: refresh everything)."""

    others_changed = Signal(list, bool)

    def __init__(
        self,
        parent: QObject,
        own_origin: Callable[[], str],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._own_origin = own_origin
        self._worker = DatabaseWorker(None, on_error, "watch")
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.poll)
        self._seen: int | None = None
        self._handled: set[int] = set()
        self._busy = False
        self._generation = 0

    @property
    def seen(self) -> int:
        """The newest change-log id looked at (0 before the first poll)."""
        return self._seen or 0

    def set_interval(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)

    def watch(self, engine: "Engine") -> None:
        """Watch another database, from where its log stands now."""
        self._generation += 1
        self._worker.engine = engine
        self._seen = None
        self._handled.clear()
        self._busy = False
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._worker.stop()

    def poll(self) -> None:
        """Look at the log once (the timer calls this; a poll still running is not doubled)."""
        if self._busy or self._worker.engine is None:
            return
        self._busy = True
        seen, generation = self._seen, self._generation

        def job(session: "Session") -> tuple[int, list["Change"]]:
            from tracker.changelog import latest_id, poll

            if seen is None:
                return latest_id(session), []
            return poll(session, seen)

        self._worker.submit(
            job,
            lambda result: self._landed(result, generation),
            lambda _error: self._failed(generation),
        )

    def _failed(self, generation: int) -> None:
        """A poll that failed (the server away for a moment) is simply tried again later."""
        if generation == self._generation:
            self._busy = False

    def _landed(self, result: tuple[int, list["Change"]], generation: int) -> None:
        if generation != self._generation:
            return
        self._busy = False
        newest, entries = result
        fresh = [entry for entry in entries if entry.id not in self._handled]
        self._handled.update(entry.id for entry in fresh)
        self._handled = {number for number in self._handled if number > newest - OVERLAP}
        self._seen = max(newest, self._seen or 0)
        own = self._own_origin()
        others = [entry for entry in fresh if entry.origin != own]
        if others:
            self.others_changed.emit(others, len(entries) >= POLL_LIMIT)
