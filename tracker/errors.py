"""Errors the services raise for input they refuse. Each says what, which value, and why."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FieldProblem:
    """One refused value: the field it was for, the value, and the reason."""

    field: str
    value: object
    reason: str

    def __str__(self) -> str:
        shown = "(empty)" if self.value is None or self.value == "" else repr_value(self.value)
        return f"{self.field} {shown}: {self.reason}"


def repr_value(value: object) -> str:
    """Show a value as a user typed it (no Decimal('...') wrappers, no 1E-7 exponents)."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return f"'{value}'" if isinstance(value, str) else str(value)


class TrackerError(Exception):
    """Base of the errors a user can act on; the message is meant to be shown as it is."""


class ValidationError(TrackerError):
    """Input refused; nothing was written."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


class NotFoundError(TrackerError):
    """A record the caller named does not exist."""


class ConflictError(TrackerError):
    """The change would break a rule about other records (a duplicate, or dependants)."""
