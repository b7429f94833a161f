"""A checker that collects every problem of an input before anything is written."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache

from tracker.currencies import is_currency
from tracker.errors import FieldProblem, ValidationError
from tracker.units import DECIMAL_PLACES, MAX_DECIMAL


@cache
def _values_of(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """A vocabulary's values, in order; cached because imports check them for every row."""
    return tuple(member.value for member in vocabulary)


class Checker:
    """Collects ``FieldProblem``s; ``raise_if_any`` turns them into one ``ValidationError``."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problems: list[FieldProblem] = []

    def fail(self, field: str, value: object, reason: str) -> None:
        self.problems.append(FieldProblem(self.prefix + field, value, reason))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def text(self, field: str, value: str | None, max_length: int, *, required: bool) -> None:
        """A text field: present when required, and not longer than the column."""
        if value is None or not value.strip():
            if required:
                self.fail(field, value, "is required")
            return
        if len(value) > max_length:
            self.fail(field, value[:40] + "…", f"is longer than {max_length} characters")

    def choice(
        self, field: str, value: str | None, vocabulary: type[StrEnum], *, required: bool
    ) -> None:
        """A value from one of the trade's vocabularies."""
        if value is None or value == "":
            if required:
                self.fail(field, value, "is required")
            return
        allowed = _values_of(vocabulary)
        if value not in allowed:
            self.fail(field, value, "must be one of " + ", ".join(allowed))

    def currency(self, field: str, value: str | None, *, required: bool) -> None:
        """An ISO 4217 code such as USD or CAD."""
        if value is None or value == "":
            if required:
                self.fail(field, value, "is required")
            return
        if not is_currency(value):
            self.fail(field, value, "is not an ISO 4217 currency code (e.g. USD, CAD, AUD)")

    def number(
        self,
        field: str,
        value: Decimal | None,
        *,
        minimum: Decimal | int | None = None,
        maximum: Decimal | int | None = None,
        unit: str = "",
        required: bool = False,
    ) -> None:
        """An exact decimal within a plausible range."""
        if value is None:
            if required:
                self.fail(field, value, "is required")
            return
        if not isinstance(value, Decimal) or not value.is_finite():
            self.fail(field, value, "is not a number")
            return
        suffix = f" {unit}" if unit else ""
        if minimum is not None and value < minimum:
            self.fail(field, value, f"must be at least {minimum}{suffix}")
        elif maximum is not None and value > maximum:
            self.fail(field, value, f"must be at most {maximum}{suffix}")
        elif abs(value) > MAX_DECIMAL:
            self.fail(field, value, "is too large to store")
        elif -value.as_tuple().exponent > DECIMAL_PLACES:  # type: ignore[operator]
            self.fail(field, value, f"has more than {DECIMAL_PLACES} decimal places")

    def not_before(
        self, later_field: str, later: date | None, earlier_field: str, earlier: date | None
    ) -> None:
        """Two dates in order: ``later`` may not come before ``earlier``."""
        if later is not None and earlier is not None and later < earlier:
            self.fail(later_field, later, f"is before the {earlier_field} ({earlier.isoformat()})")

    def absorb(self, problems: Iterable[FieldProblem]) -> None:
        self.problems.extend(problems)


#: Percent points allowed for an ownership or earned interest.
PERCENT_MIN = Decimal(0)
PERCENT_MAX = Decimal(100)
#: IRRs outside this band are typing errors, not projects (an IRR of 5,000 % is refused).
IRR_MIN = Decimal(-100)
IRR_MAX = Decimal(1000)
DISCOUNT_RATE_MAX = Decimal(30)
