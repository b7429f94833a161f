"""Validation rules, and a checker that collects every problem of an input before anything is
written.

Each rule is written once, as a function from values to a ``Failure`` (the value as shown, and
the reason). ``Checker`` applies them to one record as the services do; ``Rules`` lists the rules
of an entity so that the same list checks a record (``check``) or, for bulk imports, whole
columns of values at a time (``column_failures``) and then what needs the whole record
(``record_failures``).
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext
from enum import StrEnum
from functools import cache

from tracker.currencies import is_currency
from tracker.errors import FieldProblem, ValidationError
from tracker.units import DECIMAL_PLACES, MAX_DECIMAL

#: A refused value as the user should see it, and why it is refused.
Failure = tuple[object, str]
REQUIRED = "is required"
#: The smallest step a stored decimal can take (within ``MAX_DECIMAL`` quantizing is exact).
_PLACES = Decimal(1).scaleb(-DECIMAL_PLACES)
#: Digits that hold any sum of storable values exactly (far more rows than a sheet can have).
_SUM_DIGITS = 80


@cache
def _values_of(vocabulary: type[StrEnum]) -> frozenset[str]:
    """A vocabulary's values; cached because imports check them for every row."""
    return frozenset(member.value for member in vocabulary)


def _listed(vocabulary: type[StrEnum]) -> str:
    return ", ".join(member.value for member in vocabulary)


def text_failure(value: str | None, max_length: int, required: bool) -> Failure | None:
    """A text field: present when required, and not longer than the column."""
    if value is None or not value.strip():
        return (value, REQUIRED) if required else None
    if len(value) > max_length:
        return value[:40] + "…", f"is longer than {max_length} characters"
    return None


def texts_pass(values: Sequence[object], max_length: int, required: bool) -> bool:
    """True when ``text_failure`` would refuse none of the given ``values`` (None skipped): a
    pass over a whole column in C loops (a names column holds 100,000 different values)."""
    given = [value for value in values if value is not None]
    if not given:
        return True
    if not set(map(type, given)) <= {str}:
        return False  # something that is not text: judged value by value
    strings: list[str] = given  # type: ignore[assignment]
    if max(map(len, strings)) > max_length:
        return False
    return not required or min(map(len, map(str.strip, strings))) > 0


def choice_failure(value: str | None, vocabulary: type[StrEnum], required: bool) -> Failure | None:
    """A value from one of the trade's vocabularies."""
    if value is None or value == "":
        return (value, REQUIRED) if required else None
    if value not in _values_of(vocabulary):
        return value, "must be one of " + _listed(vocabulary)
    return None


def currency_failure(value: str | None, required: bool) -> Failure | None:
    """An ISO 4217 code such as USD or CAD."""
    if value is None or value == "":
        return (value, REQUIRED) if required else None
    if not is_currency(value):
        return value, "is not an ISO 4217 currency code (e.g. USD, CAD, AUD)"
    return None


def number_failure(
    value: Decimal | None,
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
    unit: str = "",
    required: bool = False,
) -> Failure | None:
    """An exact decimal within a plausible range."""
    if value is None:
        return (value, REQUIRED) if required else None
    if not isinstance(value, Decimal) or not value.is_finite():
        return value, "is not a number"
    suffix = f" {unit}" if unit else ""
    if minimum is not None and value < minimum:
        return value, f"must be at least {minimum}{suffix}"
    if maximum is not None and value > maximum:
        return value, f"must be at most {maximum}{suffix}"
    if abs(value) > MAX_DECIMAL:
        return value, "is too large to store"
    if value.quantize(_PLACES) != value:
        return value, f"has more than {DECIMAL_PLACES} decimal places"
    return None


def numbers_pass(
    values: Sequence[object],
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
) -> bool:
    """True when ``number_failure`` would refuse none of the given ``values`` (None skipped):
    a quick pass over a whole column that, where it cannot tell, says False.

    Range: the column's least and greatest values. Places: an exact sum keeps the smallest
    exponent of its terms, so the sum's exponent tells whether any value has more places than
    are stored (one sum instead of a quantize of each value).
    """
    # Empties are left out by identity (``values.count(None)`` asks each Decimal whether it
    # equals None, an abstract-class check per value).
    given = [value for value in values if value is not None]
    numbers = [value for value in given if isinstance(value, Decimal)]
    if len(numbers) != len(given):
        return False  # something that is not a number: judged value by value
    if not numbers:
        return True
    exact = Context(prec=_SUM_DIGITS, traps=[Inexact, InvalidOperation, Overflow])
    try:
        with localcontext(exact):
            total = sum(numbers, Decimal(0))
            if not total.is_finite():
                return False  # a NaN or an infinity among them: judged value by value
            low, high = min(numbers), max(numbers)
    except ArithmeticError:
        return False  # a signalling NaN, or a sum too long to be exact: value by value
    if minimum is not None and low < minimum:
        return False
    if maximum is not None and high > maximum:
        return False
    if max(abs(low), abs(high)) > MAX_DECIMAL:
        return False
    exponent = total.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -DECIMAL_PLACES


def before_failure(later: date | None, earlier: date | None, earlier_label: str) -> Failure | None:
    """Two dates in order: ``later`` may not come before ``earlier``."""
    if later is not None and earlier is not None and later < earlier:
        return later, f"is before the {earlier_label} ({earlier.isoformat()})"
    return None


def _empty(value: object) -> bool:
    """None or an empty text (compared without asking a Decimal to compare with text)."""
    return value is None or (value.__class__ is str and value == "")


class Checker:
    """Collects ``FieldProblem``s; ``raise_if_any`` turns them into one ``ValidationError``."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problems: list[FieldProblem] = []

    def fail(self, field: str, value: object, reason: str) -> None:
        self.problems.append(FieldProblem(self.prefix + field, value, reason))

    def add(self, field: str, failure: Failure | None) -> None:
        """Record ``failure`` (if any) against ``field``."""
        if failure is not None:
            self.fail(field, *failure)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def text(self, field: str, value: str | None, max_length: int, *, required: bool) -> None:
        self.add(field, text_failure(value, max_length, required=required))

    def choice(
        self, field: str, value: str | None, vocabulary: type[StrEnum], *, required: bool
    ) -> None:
        self.add(field, choice_failure(value, vocabulary, required=required))

    def currency(self, field: str, value: str | None, *, required: bool) -> None:
        self.add(field, currency_failure(value, required=required))

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
        failure = number_failure(
            value, minimum=minimum, maximum=maximum, unit=unit, required=required
        )
        self.add(field, failure)

    def not_before(
        self, later_field: str, later: date | None, earlier_field: str, earlier: date | None
    ) -> None:
        self.add(later_field, before_failure(later, earlier, earlier_field))

    def absorb(self, problems: Sequence[FieldProblem] | Iterator[FieldProblem]) -> None:
        self.problems.extend(problems)


# Declarative rules -------------------------------------------------------------------------


class Rule:
    """A check reported against ``field`` (named ``label`` in messages) that reads ``fields``
    (``field`` first): ``test(*values)`` gives a ``Failure`` or None."""

    __slots__ = ("column_pass", "field", "fields", "label", "required", "test")

    def __init__(
        self,
        fields: tuple[str, ...],
        test: Callable[..., Failure | None],
        *,
        label: str | None = None,
        required: bool = False,
    ) -> None:
        self.field = fields[0]
        self.fields = fields
        self.label = label or fields[0]
        self.required = required
        self.test = test
        #: Optional quick judgement of a whole column: True when ``test`` refuses no value.
        self.column_pass: Callable[[Sequence[object]], bool] | None = None


class Text(Rule):
    __slots__ = ()

    def __init__(
        self, field: str, max_length: int, *, required: bool = False, label: str | None = None
    ) -> None:
        def test(value: str | None) -> Failure | None:
            return text_failure(value, max_length, required)

        super().__init__((field,), test, label=label, required=required)
        self.column_pass = lambda values: texts_pass(values, max_length, required)


class Choice(Rule):
    __slots__ = ()

    def __init__(
        self,
        field: str,
        vocabulary: type[StrEnum],
        *,
        required: bool = False,
        label: str | None = None,
    ) -> None:
        def test(value: str | None) -> Failure | None:
            return choice_failure(value, vocabulary, required)

        super().__init__((field,), test, label=label, required=required)


class Currency(Rule):
    __slots__ = ()

    def __init__(self, field: str, *, required: bool = False, label: str | None = None) -> None:
        def test(value: str | None) -> Failure | None:
            return currency_failure(value, required)

        super().__init__((field,), test, label=label, required=required)


class Number(Rule):
    __slots__ = ()

    def __init__(
        self,
        field: str,
        *,
        minimum: Decimal | int | None = None,
        maximum: Decimal | int | None = None,
        unit: str = "",
        required: bool = False,
        label: str | None = None,
    ) -> None:
        def test(value: Decimal | None) -> Failure | None:
            return number_failure(value, minimum, maximum, unit, required)

        super().__init__((field,), test, label=label, required=required)
        self.column_pass = lambda values: numbers_pass(values, minimum, maximum)


class IsDate(Rule):
    """A date that must be given."""

    __slots__ = ()

    def __init__(self, field: str, reason: str = REQUIRED, *, label: str | None = None) -> None:
        def test(value: object) -> Failure | None:
            return None if isinstance(value, date) else (value, reason)

        super().__init__((field,), test, label=label, required=True)


class NotBefore(Rule):
    __slots__ = ()

    def __init__(self, later: str, earlier: str, earlier_label: str) -> None:
        def test(first: date | None, second: date | None) -> Failure | None:
            return before_failure(first, second, earlier_label)

        super().__init__((later, earlier), test)


class RequiredWith(Rule):
    """``field`` must be filled in when any of the ``given`` fields is."""

    __slots__ = ()

    def __init__(self, field: str, given: tuple[str, ...], reason: str) -> None:
        def test(value: object, *others: object) -> Failure | None:
            if not _empty(value) or all(other is None for other in others):
                return None
            return value, reason

        super().__init__((field, *given), test)


class Rules:
    """An entity's rules, in the order their problems are reported."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules
        self._single = tuple(rule for rule in rules if len(rule.fields) == 1)
        #: What a column pass cannot judge: a required value left empty, and rules that read
        #: several fields (whose values may come from the stored record).
        self._required = tuple(rule for rule in self._single if rule.required)
        self._across = tuple(rule for rule in rules if len(rule.fields) > 1)

    def check(self, checker: Checker, record: object) -> None:
        """Check one record (read by attribute), as the services do before writing."""
        for rule in self.rules:
            values = (getattr(record, name) for name in rule.fields)
            checker.add(rule.label, rule.test(*values))

    def column_failures(
        self, columns: Mapping[str, Sequence[object]]
    ) -> Iterator[tuple[int, str, Failure]]:
        """(row index, field, failure) for every given value of the ``columns`` that a
        one-field rule refuses. Empty values are left to ``record_failures``."""
        for rule in self._single:
            values = columns.get(rule.field)
            if values is None:
                continue
            if rule.column_pass is not None and rule.column_pass(values):
                continue
            test = rule.test
            # Each distinct value is judged once (a column repeats its currencies, types and
            # units); a column holds values of one type, so equal values get equal verdicts.
            distinct = set(values)
            distinct.discard(None)
            refused = {value: failure for value in distinct if (failure := test(value))}
            if refused:
                for index, value in enumerate(values):
                    if value in refused:
                        yield index, rule.field, refused[value]

    def rows_failures(
        self, columns: Mapping[str, Sequence[object]], rows: Sequence[int]
    ) -> list[tuple[int, str, Failure]]:
        """``record_failures`` of many records given as ``columns``, for the positions
        ``rows``: (position, field, failure), by position."""
        found: list[tuple[int, str, Failure]] = []
        for rule in self._required:
            column = columns.get(rule.field)
            for k in rows:
                value = None if column is None else column[k]
                if value is None or (value.__class__ is str and value == ""):
                    failure = rule.test(value)
                    if failure is not None:
                        found.append((k, rule.field, failure))
        for rule in self._across:
            given = [columns.get(name) for name in rule.fields]
            for k in rows:
                failure = rule.test(*[None if c is None else c[k] for c in given])
                if failure is not None:
                    found.append((k, rule.field, failure))
        found.sort(key=lambda item: item[0])
        return found

    def record_failures(self, values: Mapping[str, object]) -> list[tuple[str, Failure]]:
        """(field, failure) for what needs the whole record: required values left empty, and
        rules across fields. Together with ``column_failures`` this is ``check``."""
        found: list[tuple[str, Failure]] = []
        for rule in self._required:
            value = values.get(rule.field)
            if _empty(value):
                failure = rule.test(value)
                if failure is not None:
                    found.append((rule.field, failure))
        for rule in self._across:
            failure = rule.test(*[values.get(name) for name in rule.fields])
            if failure is not None:
                found.append((rule.field, failure))
        return found


#: Percent points allowed for an ownership or earned interest.
PERCENT_MIN = Decimal(0)
PERCENT_MAX = Decimal(100)
#: IRRs outside this band are typing errors, not projects (an IRR of 5,000 % is refused).
IRR_MIN = Decimal(-100)
IRR_MAX = Decimal(1000)
DISCOUNT_RATE_MAX = Decimal(30)
