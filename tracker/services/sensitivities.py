"""A study's after-tax NPV sensitivity to commodity prices: the table its form takes.

Each point moves one commodity's price, either to a ``price`` (``currency`` per ``unit``) or by
``change_pct`` % of the study's own deck price, and gives the after-tax NPV there, in the
study's currency at its discount rate.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from tracker.models import Commodity, StudySensitivity
from tracker.services.commodities import resolve_commodities, unit_failure
from tracker.services.common import clean_text
from tracker.validation import Checker, Currency, Failure, Number, Rule, Rules, Text


@dataclass(frozen=True)
class Sensitivity:
    """``Sensitivity("Au", Decimal(1.1e9), price=Decimal(3500), currency="USD", unit="oz")``."""

    commodity: str
    after_tax_npv: Decimal | None
    price: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    change_pct: Decimal | None = None
    source: str | None = None


def _one_basis(price: Decimal | None, change_pct: Decimal | None) -> Failure | None:
    if price is None and change_pct is None:
        return None, "is required: a price, or a % change of the study's deck price"
    if price is not None and change_pct is not None:
        return price, "give a price or a % change, not both"
    if price is not None and price <= 0:
        return price, "must be more than 0"
    return None


def _price_unit(unit: str | None, price: Decimal | None) -> Failure | None:
    return None if price is None else unit_failure(unit)


def _price_currency(currency: str | None, price: Decimal | None) -> Failure | None:
    if price is not None and not currency:
        return currency, "is required with a price"
    return None


SENSITIVITY_RULES = Rules(
    Rule(("price", "change_pct"), _one_basis, label="price"),
    Rule(("currency", "price"), _price_currency, label="currency"),
    Currency("currency"),
    Rule(("unit", "price"), _price_unit, label="unit"),
    Number("change_pct", minimum=-100, maximum=1000, unit="%"),
    Number("after_tax_npv", required=True, label="NPV"),
    Text("source", 1000),
)


def sensitivity_rows(
    session: Session, points: Sequence[Sensitivity], checker: Checker
) -> list[StudySensitivity]:
    """Check the points (problems go to ``checker``, named ``sensitivity line N``) and make
    their rows, not yet tied to a study."""
    known: dict[str, int] = {}
    for name in dict.fromkeys(p.commodity.strip() for p in points):
        ids, _problems = resolve_commodities(session, [name], "commodity")
        if ids:
            known[name] = ids[0]
    rows = []
    for number, point in enumerate(points, start=1):
        line = Checker(prefix=f"sensitivity line {number} ")
        if point.commodity.strip() not in known:
            line.fail("commodity", point.commodity, "is not a known commodity")
        cleaned = Sensitivity(
            point.commodity,
            point.after_tax_npv,
            point.price,
            (point.currency or "").strip().upper() or None,
            (point.unit or "").strip() or None,
            point.change_pct,
            clean_text(point.source),
        )
        SENSITIVITY_RULES.check(line, cleaned)
        checker.absorb(line.problems)
        if not line.problems and point.after_tax_npv is not None:
            rows.append(
                StudySensitivity(
                    study_id=0,
                    commodity_id=known[point.commodity.strip()],
                    price=cleaned.price,
                    currency=cleaned.currency if cleaned.price is not None else None,
                    unit=cleaned.unit if cleaned.price is not None else None,
                    change_pct=cleaned.change_pct,
                    after_tax_npv=point.after_tax_npv,
                    source=cleaned.source,
                )
            )
    return rows


def replace_sensitivities(
    session: Session, study_id: int, rows: Sequence[StudySensitivity]
) -> None:
    session.exec(delete(StudySensitivity).where(col(StudySensitivity.study_id) == study_id))
    for row in rows:
        row.study_id = study_id
        session.add(row)
    session.flush()


def sensitivities_of(session: Session, study_id: int) -> list[Sensitivity]:
    """A study's sensitivity table in the order it was entered, for its form and workbook."""
    rows = session.exec(
        select(StudySensitivity, Commodity.symbol)
        .join(Commodity, col(Commodity.id) == StudySensitivity.commodity_id)
        .where(StudySensitivity.study_id == study_id)
        .order_by(col(StudySensitivity.id))
    ).all()
    return [
        Sensitivity(
            symbol, row.after_tax_npv, row.price, row.currency, row.unit, row.change_pct, row.source
        )
        for row, symbol in rows
    ]
