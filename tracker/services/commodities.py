"""The commodity list and the ordered commodities of each project."""

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from tracker.errors import ConflictError, FieldProblem
from tracker.models import Commodity, ProjectCommodity
from tracker.validation import Checker, Failure

PRICE_UNITS = ("oz", "lb", "t", "kg", "mtu", "dmtu")


def unit_failure(unit: str | None) -> Failure | None:
    """A price's unit, one of ``PRICE_UNITS``."""
    if not unit:
        return unit, "is required (" + ", ".join(PRICE_UNITS) + ")"
    if unit not in PRICE_UNITS:
        return unit, "must be one of " + ", ".join(PRICE_UNITS)
    return None


def all_commodities(session: Session) -> list[Commodity]:
    return list(session.exec(select(Commodity).order_by(col(Commodity.id))))


def symbols_by_id(session: Session) -> dict[int, str]:
    """Every commodity's symbol by id (a short list), to label rows that carry an id."""
    return {c.id: c.symbol for c in all_commodities(session) if c.id is not None}


def resolve_commodities(
    session: Session, names: Sequence[str], field: str = "commodities"
) -> tuple[list[int], list[FieldProblem]]:
    """Turn symbols or names (any case: ``Mo``, ``gold``) into ids, in order, with problems."""
    known = {c.symbol.lower(): c for c in all_commodities(session)}
    known.update({c.name.lower(): c for c in known.copy().values()})
    ids: list[int] = []
    problems: list[FieldProblem] = []
    for name in names:
        commodity = known.get(name.strip().lower())
        if commodity is None or commodity.id is None:
            problems.append(FieldProblem(field, name, "is not a known commodity"))
        elif commodity.id in ids:
            problems.append(FieldProblem(field, name, "is named twice"))
        else:
            ids.append(commodity.id)
    return ids, problems


def create_commodity(session: Session, symbol: str, name: str, price_unit: str) -> Commodity:
    """Add a commodity that the seeded list lacks."""
    checker = Checker()
    checker.text("symbol", symbol, 16, required=True)
    checker.text("name", name, 60, required=True)
    if price_unit not in PRICE_UNITS:
        checker.fail("price_unit", price_unit, "must be one of " + ", ".join(PRICE_UNITS))
    checker.raise_if_any()
    taken = session.exec(
        select(Commodity).where(
            (func.lower(Commodity.symbol) == symbol.strip().lower())
            | (func.lower(Commodity.name) == name.strip().lower())
        )
    ).first()
    if taken is not None:
        raise ConflictError(f"the commodity {taken.symbol} ({taken.name}) already exists")
    commodity = Commodity(symbol=symbol.strip(), name=name.strip(), price_unit=price_unit)
    session.add(commodity)
    session.flush()
    return commodity


def set_project_commodities(
    session: Session, project_id: int, commodity_ids: Sequence[int]
) -> None:
    """Replace a project's commodities; the first is the primary one."""
    session.exec(delete(ProjectCommodity).where(col(ProjectCommodity.project_id) == project_id))
    session.flush()
    for rank, commodity_id in enumerate(commodity_ids):
        session.add(ProjectCommodity(project_id=project_id, commodity_id=commodity_id, rank=rank))
    session.flush()


def project_commodity_symbols(session: Session, project_id: int) -> list[str]:
    """A project's commodity symbols, primary first."""
    return list(
        session.exec(
            select(Commodity.symbol)
            .join(ProjectCommodity, col(ProjectCommodity.commodity_id) == Commodity.id)
            .where(ProjectCommodity.project_id == project_id)
            .order_by(col(ProjectCommodity.rank))
        )
    )


def price_units(session: Session) -> dict[int, str]:
    """Each commodity's price unit by its id (a study's price deck offers them)."""
    return {
        commodity_id: unit
        for commodity_id, unit in session.exec(select(Commodity.id, Commodity.price_unit))
        if commodity_id is not None
    }
