"""What every portfolio view shares: the data gateway, the day figures are for, how to ask
before deleting, and how a refused write is shown."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QUndoStack

from tracker.errors import TrackerError, ValidationError
from ui.data import Gateway
from ui.portfolio.fields import FormErrors

if TYPE_CHECKING:
    from ui.data.gateway import Session

T = TypeVar("T")


@dataclass(frozen=True)
class PortfolioContext:
    """Reads go to ``reads`` and writes to ``writes`` (the window's gateway, both);
    ``today`` is called each time figures are loaded, so a test or screenshot can fix it;
    ``confirm`` asks before a deletion (tests answer it without a dialog); ``wrote`` is told
    after every successful write."""

    reads: Gateway
    writes: Gateway
    today: Callable[[], date]
    confirm: Callable[[str], bool]
    wrote: Callable[[], None]
    #: Where undoable portfolio writes (commodity prices, the deck) are recorded: the window's
    #: stack, so Ctrl+Z undoes them with every other edit; the panel's own without a window.
    undo: QUndoStack | None = None

    def read(self, job: Callable[["Session"], T], on_done: Callable[[T], None]) -> None:
        self.reads.submit(job, on_done)

    def write(
        self, job: Callable[["Session"], Any], on_done: Callable[[Any], None], errors: FormErrors
    ) -> None:
        """Run ``job`` in a transaction; a refusal is shown on the form, a bug is raised."""

        def done(result: Any) -> None:
            on_done(result)
            self.wrote()

        self.writes.submit(job, done, lambda exc: show_refusal(exc, errors), write=True)


def show_refusal(exc: BaseException, errors: FormErrors) -> None:
    """Input errors go next to the fields; anything else is a bug and goes up as one."""
    if isinstance(exc, ValidationError):
        errors.show(exc.problems)
    elif isinstance(exc, TrackerError):
        errors.show_message(str(exc))
    else:
        raise exc
