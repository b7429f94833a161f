"""Technical studies with their price decks, and resource/reserve lines."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from tracker.enums import ReportingCode, ResourceCategory, StudyType
from tracker.models import Project, ResourceLine, Study, StudyPrice
from tracker.services.commodities import resolve_commodities
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import DISCOUNT_RATE_MAX, IRR_MAX, IRR_MIN, PERCENT_MAX, Checker


@dataclass(frozen=True)
class PriceAssumption:
    """One line of a price deck: ``PriceAssumption("Au", Decimal("2150"), "USD", "oz")``."""

    commodity: str
    price: Decimal
    currency: str
    unit: str


NON_NEGATIVE_FIELDS = (
    "initial_capex",
    "sustaining_capex",
    "payback_years",
    "mine_life_years",
    "throughput",
    "annual_production",
    "head_grade",
    "strip_ratio",
    "aisc",
    "cash_cost",
)


def check_study(study: Study) -> Checker:
    checker = Checker()
    checker.choice("study_type", study.study_type, StudyType, required=True)
    checker.text("title", study.title, 300, required=True)
    checker.choice("reporting_code", study.reporting_code, ReportingCode, required=False)
    checker.text("qualified_person", study.qualified_person, 300, required=False)
    checker.currency("currency", study.currency, required=True)
    checker.not_before(
        "publication_date", study.publication_date, "effective date", study.effective_date
    )
    checker.number("pre_tax_npv", study.pre_tax_npv)
    checker.number("after_tax_npv", study.after_tax_npv)
    checker.number(
        "discount_rate_pct", study.discount_rate_pct, minimum=0, maximum=DISCOUNT_RATE_MAX, unit="%"
    )
    for field in ("pre_tax_irr_pct", "after_tax_irr_pct"):
        checker.number(field, getattr(study, field), minimum=IRR_MIN, maximum=IRR_MAX, unit="%")
    for field in NON_NEGATIVE_FIELDS:
        checker.number(field, getattr(study, field), minimum=0)
    checker.number("recovery_pct", study.recovery_pct, minimum=0, maximum=PERCENT_MAX, unit="%")
    npv_given = study.pre_tax_npv is not None or study.after_tax_npv is not None
    if npv_given and study.discount_rate_pct is None:
        checker.fail("discount_rate_pct", None, "is required when an NPV is given")
    checker.text("source", study.source, 1000, required=False)
    return checker


def _normalise(study: Study) -> None:
    study.title = (clean_text(study.title) or "").strip()
    study.currency = (study.currency or "").strip().upper()
    for field in ("qualified_person", "source", "notes", "reporting_code"):
        setattr(study, field, clean_text(getattr(study, field)))


def create_study(session: Session, study: Study, prices: Sequence[PriceAssumption] = ()) -> Study:
    """Add a study to a project, with its price deck."""
    _normalise(study)
    checker = check_study(study)
    if session.get(Project, study.project_id) is None:
        checker.fail("project", study.project_id, "is not a known project")
    price_rows = _price_rows(session, prices, checker)
    checker.raise_if_any()
    session.add(study)
    session.flush()
    assert study.id is not None
    _replace_prices(session, study.id, price_rows)
    return study


def update_study(
    session: Session,
    study_id: int,
    changes: Study,
    prices: Sequence[PriceAssumption] | None = None,
) -> Study:
    """Replace a study's fields (and its price deck when given)."""
    stored = get_or_raise(session, Study, study_id)
    _normalise(changes)
    changes.project_id = stored.project_id
    checker = check_study(changes)
    price_rows = _price_rows(session, prices or (), checker)
    checker.raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id", "project_id"}))
    session.add(stored)
    if prices is not None:
        _replace_prices(session, study_id, price_rows)
    session.flush()
    return stored


def _price_rows(
    session: Session, prices: Sequence[PriceAssumption], checker: Checker
) -> list[StudyPrice]:
    ids, problems = resolve_commodities(session, [p.commodity for p in prices], "price commodity")
    checker.absorb(problems)
    rows = []
    for price, commodity_id in zip(prices, ids, strict=False):
        currency = (price.currency or "").strip().upper()
        checker.number(f"{price.commodity} price", price.price, minimum=0, required=True)
        checker.currency(f"{price.commodity} price currency", currency, required=True)
        checker.text(f"{price.commodity} price unit", price.unit, 16, required=True)
        rows.append(
            StudyPrice(
                study_id=0,
                commodity_id=commodity_id,
                price=price.price,
                currency=currency,
                unit=price.unit,
            )
        )
    return rows


def _replace_prices(session: Session, study_id: int, rows: Sequence[StudyPrice]) -> None:
    session.exec(delete(StudyPrice).where(col(StudyPrice.study_id) == study_id))
    for row in rows:
        row.study_id = study_id
        session.add(row)
    session.flush()


def delete_study(session: Session, study_id: int) -> None:
    """Delete a study with its price deck and the resource lines it reported."""
    session.delete(get_or_raise(session, Study, study_id))
    session.flush()


def studies_of(session: Session, project_id: int) -> list[Study]:
    """A project's studies, oldest first (by publication, then effective date)."""
    return list(
        session.exec(
            select(Study)
            .where(Study.project_id == project_id)
            .order_by(col(Study.publication_date), col(Study.effective_date), col(Study.id))
        )
    )


def check_resource(line: ResourceLine) -> Checker:
    checker = Checker()
    checker.choice("category", line.category, ResourceCategory, required=True)
    checker.number("tonnes", line.tonnes, minimum=0, unit="t", required=True)
    checker.number("grade", line.grade, minimum=0)
    checker.number("contained", line.contained, minimum=0)
    if line.grade is not None and not line.grade_unit:
        checker.fail("grade_unit", line.grade_unit, "is required with a grade (e.g. g/t or %)")
    if line.grade_unit == "%" and line.grade is not None and line.grade > 100:
        checker.fail("grade", line.grade, "must be at most 100 %")
    if line.contained is not None and not line.contained_unit:
        checker.fail("contained_unit", line.contained_unit, "is required with contained metal")
    return checker


def add_resource(
    session: Session, line: ResourceLine, commodity: str | None = None
) -> ResourceLine:
    """Add a resource or reserve line to a project (optionally reported by one of its studies)."""
    checker = check_resource(line)
    if session.get(Project, line.project_id) is None:
        checker.fail("project", line.project_id, "is not a known project")
    if line.study_id is not None:
        study = session.get(Study, line.study_id)
        if study is None or study.project_id != line.project_id:
            checker.fail("study", line.study_id, "is not a study of this project")
    if commodity:
        ids, problems = resolve_commodities(session, [commodity], "resource commodity")
        checker.absorb(problems)
        line.commodity_id = ids[0] if ids else None
    checker.raise_if_any()
    session.add(line)
    session.flush()
    return line


def resources_of(session: Session, project_id: int) -> list[ResourceLine]:
    return list(
        session.exec(
            select(ResourceLine)
            .where(ResourceLine.project_id == project_id)
            .order_by(col(ResourceLine.effective_date), col(ResourceLine.id))
        )
    )
