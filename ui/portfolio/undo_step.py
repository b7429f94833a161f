"""Undo and redo of portfolio writes that return what they changed (commodity prices, the deck).

The write is done first, as any other; its result tells the step how to write the state before
back (undo) and the state after again (redo), each as a job on the write thread.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ui.portfolio.context import PortfolioContext

if TYPE_CHECKING:
    from ui.data.gateway import Session

Job = Callable[["Session"], Any]


class WriteStep(QUndoCommand):
    """A portfolio change already written when pushed: its first ``redo`` does nothing."""

    def __init__(self, text: str, context: PortfolioContext, undo_job: Job, redo_job: Job) -> None:
        super().__init__(text)
        self._context = context
        self._undo_job = undo_job
        self._redo_job = redo_job
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._run(self._redo_job)

    def undo(self) -> None:
        self._done = False
        self._run(self._undo_job)

    def _run(self, job: Job) -> None:
        context = self._context
        context.writes.submit(job, lambda _result: context.wrote(), write=True)


def record_step(context: PortfolioContext, text: str, undo_job: Job, redo_job: Job) -> None:
    """Put a done change on the undo stack (when there is one)."""
    if context.undo is not None:
        context.undo.push(WriteStep(text, context, undo_job, redo_job))
