"""Small builders and assertions shared by the domain and database tests."""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session, SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.errors import FieldProblem, TrackerError, ValidationError
from tracker.models import Company, Project
from tracker.services.companies import ListingSpec, create_company
from tracker.services.projects import OwnerShare, StageEntry, create_project


def row_counts(engine: Engine) -> dict[str, int]:
    """How many rows every table holds, read on a connection of its own."""
    with engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


E = TypeVar("E", bound=TrackerError)


def assert_refused(
    engine: Engine, session: Session, action: Callable[[], object], error: type[E]
) -> E:
    """Run ``action``, expect ``error``, then commit the session and check no row changed.

    Committing after the refusal is what makes the check bite: anything the service added to
    the session before raising would be written by that commit.
    """
    session.commit()
    before = row_counts(engine)
    with pytest.raises(error) as caught:
        action()
    session.commit()
    assert row_counts(engine) == before
    return caught.value


def only_problem(error: ValidationError) -> FieldProblem:
    """The single problem of a refusal (tests build inputs with exactly one fault)."""
    assert len(error.problems) == 1, error.problems
    return error.problems[0]


def problem_for(error: ValidationError, field: str) -> FieldProblem:
    """The problem reported for ``field``."""
    matches = [problem for problem in error.problems if problem.field == field]
    assert len(matches) == 1, error.problems
    return matches[0]


def add_company(
    session: Session, name: str, listings: Sequence[ListingSpec] = (), **fields: Any
) -> Company:
    company = create_company(session, Company(name=name, **fields), listings)
    assert company.id is not None
    return company


def add_project(
    session: Session,
    name: str,
    owners: Sequence[tuple[Company, str, bool]] = (),
    commodities: Sequence[str] = (),
    stage: tuple[str, date] | None = None,
    **fields: Any,
) -> Project:
    """A project owned by ``(company, interest, is_operator)`` triples."""
    shares = [
        OwnerShare(company.id or 0, Decimal(interest), operator)
        for company, interest, operator in owners
    ]
    entry = StageEntry(stage[0], stage[1]) if stage else None
    project = create_project(
        session, Project(name=name, **fields), owners=shares, commodities=commodities, stage=entry
    )
    assert project.id is not None
    return project
