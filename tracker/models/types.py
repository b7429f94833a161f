"""Column types that keep figures exact on every database."""

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from tracker.units import DECIMAL_PLACES, SCALE


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` with ``DECIMAL_PLACES`` places.

    SQLite has no decimal type (SQLAlchemy's ``Numeric`` goes through float there), so on SQLite
    the value is stored as an integer count of millionths: exact, and SQL comparisons and
    ``ORDER BY`` still work. Other databases get a native ``NUMERIC(24, 6)``.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(24, DECIMAL_PLACES, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
        if dialect.name == "sqlite":
            return int((amount * SCALE).to_integral_value())
        return amount

    def bind_many(self, values: list[Any], dialect: Dialect) -> list[Any]:
        """``process_bind_param`` over a column of values, in one pass (bulk inserts)."""
        if dialect.name != "sqlite":
            return [
                None if value is None else self.process_bind_param(value, dialect)
                for value in values
            ]
        scale = SCALE
        return [
            None
            if value is None
            else int(
                (
                    (value if value.__class__ is Decimal else Decimal(str(value))) * scale
                ).to_integral_value()
            )
            for value in values
        ]

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return from_millionths(value) if dialect.name == "sqlite" else plain(Decimal(value))

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """On SQLite, ``from_millionths`` itself: lists read 100,000 rows of these, and the
        decorator's wrapper around ``process_result_value`` cost more than the conversion."""
        if dialect.name == "sqlite":
            return from_millionths
        return super().result_processor(dialect, coltype)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


def from_millionths(value: Any) -> Decimal | None:
    """A stored count of millionths as the plain ``Decimal`` it stands for (``plain`` of it),
    with a shortcut for whole numbers, the commonest case."""
    if value is None:
        return None
    if value.__class__ is not int:
        value = int(value)
    whole, part = divmod(value, SCALE)
    if not part:
        return Decimal(whole)
    return Decimal(value).scaleb(-DECIMAL_PLACES).normalize()


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros but never use exponents: 8.000000 -> 8, 4E+8 -> 400000000."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]
