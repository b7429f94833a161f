"""How many records of each kind the database holds: one count per table."""

from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.lists.lookups import plain_rows
from tracker.models import Company, Deal, Event, Holding, Project, Study


class Counts(NamedTuple):
    """How many records of each kind the database holds, for the status bar and welcome view."""

    projects: int
    companies: int
    studies: int
    deals: int
    events: int
    holdings: int

    @property
    def empty(self) -> bool:
        return self.projects == 0 and self.companies == 0


def counts(session: Session) -> Counts:
    def count(model: type[object]) -> int:
        return int(plain_rows(session, select(func.count()).select_from(model))[0][0])

    return Counts(
        count(Project), count(Company), count(Study), count(Deal), count(Event), count(Holding)
    )
