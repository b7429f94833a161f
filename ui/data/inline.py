"""Reads for a chart drawn on its own, outside the window: run at once, on the calling thread.

In the window every chart reads through the gateway's reader and draws when the data lands. A
chart made for a screenshot, a benchmark or a test of its drawing has no window and often no
event loop to wait in: given a bare engine, it gets these ``InlineReads``, which answer before
``read`` returns. Both kinds have the same ``read`` (``Reads``), so a chart is written once.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from ui.data.gateway import Gateway

if TYPE_CHECKING:
    from ui.data.gateway import Engine, Session

T = TypeVar("T")


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Reads(Protocol):
    """Where a view's reads go: ``read(job, on_done, on_error)``, cancellable."""

    def read(
        self,
        job: "Callable[[Session], T]",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Cancellable: ...


class _Done:
    """A read that has already landed: nothing to cancel."""

    def cancel(self) -> None:
        return None


class InlineReads:
    """``read`` runs the job now, in a session of its own, and calls back before returning."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine

    def read(
        self,
        job: "Callable[[Session], T]",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Cancellable:
        from sqlmodel import Session

        try:
            with Session(self.engine, expire_on_commit=False) as session:
                result = job(session)
        except Exception as error:
            if on_error is None:
                raise
            on_error(error)
            return _Done()
        if on_done is not None:
            on_done(result)
        return _Done()


def reads_of(source: "Gateway | Engine | None") -> Reads | None:
    """The gateway itself, or inline reads on a bare engine, or None (nothing to read yet)."""
    if source is None or isinstance(source, Gateway):
        return source
    return InlineReads(source)
