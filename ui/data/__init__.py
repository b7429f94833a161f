"""The data gateway: the window's one way to the database (``Gateway``), what a write changed
(``Changes``), long work (``Job``) and the one rule that sorts failures (``failures``)."""

from ui.data.changes import Changes
from ui.data.gateway import Gateway, Ticket
from ui.data.jobs import Job

__all__ = ["Changes", "Gateway", "Job", "Ticket"]
