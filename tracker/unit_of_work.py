"""How a long job of the domain gets its transactions without opening the database itself.

The domain layer never holds engines or takes locks: an import is handed something that opens
its transactions (``db.session.Transactions`` on an engine, or whatever the window's data
gateway provides), so how they begin and which lock they take stays in ``db/``.
"""

from contextlib import AbstractContextManager
from typing import Protocol

from sqlmodel import Session


class UnitsOfWork(Protocol):
    """Opens transactions: each session commits when its block ends well, else rolls back."""

    def transaction(self) -> AbstractContextManager[Session]:
        """A plain transaction, for work that only reads or that writes without reading first."""
        ...

    def write_transaction(self) -> AbstractContextManager[Session]:
        """A transaction holding the database's write lock from before its first read, for
        work that reads, decides and then writes (a second writer waits for it)."""
        ...
