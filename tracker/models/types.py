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
        exact = Decimal(int(value)) / SCALE if dialect.name == "sqlite" else Decimal(value)
        return plain(exact)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros but never use exponents: 8.000000 -> 8, 4E+8 -> 400000000."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]
