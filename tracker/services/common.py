"""Small helpers shared by the services."""

from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from tracker.errors import NotFoundError

Model = TypeVar("Model", bound=SQLModel)


def get_or_raise(session: Session, model: type[Model], record_id: int) -> Model:
    """Load one record or say clearly which one is missing."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"{model.__name__.lower()} #{record_id} does not exist")
    return record


def copy_fields(target: SQLModel, source: SQLModel, *, exclude: frozenset[str]) -> None:
    """Copy every column value of ``source`` onto ``target`` except the excluded ones (and the
    version, which only the record's own writes move on)."""
    values: dict[str, Any] = source.model_dump(exclude=set(exclude) | {"version"})
    for name, value in values.items():
        setattr(target, name, value)


def clean_text(value: str | None) -> str | None:
    """Trim text and store empty as missing."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
