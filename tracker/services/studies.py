"""Technical studies with their price decks, and resource/reserve lines."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from tracker.enums import ReportingCode, ResourceCategory, StudyType
from tracker.models import Commodity, Project, ResourceLine, Study, StudyPrice
from tracker.services.commodities import resolve_commodities
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.services.sensitivities import (
    Sensitivity,
    replace_sensitivities,
    sensitivity_rows,
)
from tracker.validation import (
    DISCOUNT_RATE_MAX,
    IRR_MAX,
    IRR_MIN,
    PERCENT_MAX,
    Checker,
    Choice,
    Currency,
    Failure,
    NotBefore,
    Number,
    RequiredWith,
    Rule,
    Rules,
    Text,
)


@dataclass(frozen=True)
class PriceAssumption:
    """One line of a price deck: ``PriceAssumption("Au", Decimal("2150"), "USD", "oz")``."""

    commodity: str
    price: Decimal
    currency: str
    unit: str


#: One line of a price deck; the field names are those of ``PriceAssumption``.
PRICE_RULES = Rules(
    Number("price", minimum=0, required=True),
    Currency("currency", required=True, label="price currency"),
    Text("unit", 16, required=True, label="price unit"),
)

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


#: A study whose NPV is given without its discount rate has its rate "not stated" (stored as
#: no rate). Many watchlists and some releases omit the rate, so an import keeps such a study
#: and the views say "not stated"; a person typing a new NPV is asked for its rate, and a
#: study whose rate was not stated can still be edited without giving one.
NPV_NEEDS_RATE = RequiredWith(
    "discount_rate_pct", ("pre_tax_npv", "after_tax_npv"), "is required when an NPV is given"
)
#: A study's rules, without ``NPV_NEEDS_RATE``: what the Excel import checks (whole columns).
STUDY_FIGURE_RULES = Rules(
    Choice("study_type", StudyType, required=True),
    Text("title", 300, required=True),
    Choice("reporting_code", ReportingCode),
    Text("qualified_person", 300),
    Currency("currency", required=True),
    NotBefore("publication_date", "effective_date", "effective date"),
    Number("pre_tax_npv"),
    Number("after_tax_npv"),
    Number("discount_rate_pct", minimum=0, maximum=DISCOUNT_RATE_MAX, unit="%"),
    Number("pre_tax_irr_pct", minimum=IRR_MIN, maximum=IRR_MAX, unit="%"),
    Number("after_tax_irr_pct", minimum=IRR_MIN, maximum=IRR_MAX, unit="%"),
    *(Number(field, minimum=0) for field in NON_NEGATIVE_FIELDS),
    Number("recovery_pct", minimum=0, maximum=PERCENT_MAX, unit="%"),
    *(
        Text(unit, 20)
        for unit in ("throughput_unit", "production_unit", "head_grade_unit", "cost_unit")
    ),
    Text("source", 1000),
)
#: A study's rules as the forms and the capture review apply them.
STUDY_RULES = Rules(*STUDY_FIGURE_RULES.rules, NPV_NEEDS_RATE)


def rate_not_stated(study: Study) -> bool:
    """Whether the study gives an NPV but not the discount rate it is at."""
    has_npv = study.after_tax_npv is not None or study.pre_tax_npv is not None
    return has_npv and study.discount_rate_pct is None


def check_study(study: Study, rate_may_be_unstated: bool = False) -> Checker:
    """The study's problems; ``rate_may_be_unstated`` for an edit of a study whose rate was
    not stated (it stays so until one is given)."""
    checker = Checker()
    (STUDY_FIGURE_RULES if rate_may_be_unstated else STUDY_RULES).check(checker, study)
    return checker


def _normalise(study: Study) -> None:
    study.title = (clean_text(study.title) or "").strip()
    study.currency = (study.currency or "").strip().upper()
    for field in ("qualified_person", "source", "notes", "reporting_code"):
        setattr(study, field, clean_text(getattr(study, field)))


def create_study(
    session: Session,
    study: Study,
    prices: Sequence[PriceAssumption] = (),
    sensitivities: Sequence[Sensitivity] = (),
) -> Study:
    """Add a study to a project, with its price deck and NPV sensitivity table."""
    _normalise(study)
    checker = check_study(study)
    if session.get(Project, study.project_id) is None:
        checker.fail("project", study.project_id, "is not a known project")
    price_rows = _price_rows(session, prices, checker)
    sensitivity_lines = sensitivity_rows(session, sensitivities, checker)
    checker.raise_if_any()
    session.add(study)
    session.flush()
    assert study.id is not None
    _replace_prices(session, study.id, price_rows)
    replace_sensitivities(session, study.id, sensitivity_lines)
    return study


def update_study(
    session: Session,
    study_id: int,
    changes: Study,
    prices: Sequence[PriceAssumption] | None = None,
    sensitivities: Sequence[Sensitivity] | None = None,
) -> Study:
    """Replace a study's fields (and its price deck and sensitivity table when given)."""
    stored = get_or_raise(session, Study, study_id)
    _normalise(changes)
    changes.project_id = stored.project_id
    checker = check_study(changes, rate_may_be_unstated=rate_not_stated(stored))
    price_rows = _price_rows(session, prices or (), checker)
    sensitivity_lines = sensitivity_rows(session, sensitivities or (), checker)
    checker.raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id", "project_id"}))
    session.add(stored)
    if prices is not None:
        _replace_prices(session, study_id, price_rows)
    if sensitivities is not None:
        replace_sensitivities(session, study_id, sensitivity_lines)
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
        line = PriceAssumption(price.commodity, price.price, currency, price.unit)
        line_checker = Checker(prefix=f"{price.commodity} ")
        PRICE_RULES.check(line_checker, line)
        checker.absorb(line_checker.problems)
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


def _grade_failure(grade: Decimal | None, unit: str | None) -> Failure | None:
    if unit == "%" and grade is not None and grade > 100:
        return grade, "must be at most 100 %"
    return None


RESOURCE_RULES = Rules(
    Choice("category", ResourceCategory, required=True),
    Number("tonnes", minimum=0, unit="t", required=True),
    Number("grade", minimum=0),
    Number("contained", minimum=0),
    RequiredWith("grade_unit", ("grade",), "is required with a grade (e.g. g/t or %)"),
    Rule(("grade", "grade_unit"), _grade_failure),
    RequiredWith("contained_unit", ("contained",), "is required with contained metal"),
)


def check_resource(line: ResourceLine) -> Checker:
    checker = Checker()
    RESOURCE_RULES.check(checker, line)
    return checker


def add_resource(
    session: Session, line: ResourceLine, commodity: str | None = None
) -> ResourceLine:
    """Add a resource or reserve line to a project (optionally reported by one of its studies)."""
    _checked_resource(session, line, commodity).raise_if_any()
    session.add(line)
    session.flush()
    return line


def _checked_resource(session: Session, line: ResourceLine, commodity: str | None) -> Checker:
    """The line's own rules, its links to a project and one of that project's studies, and its
    commodity (a symbol or name) resolved onto ``commodity_id`` when given."""
    for field in ("grade_unit", "contained_unit", "cutoff", "source"):
        setattr(line, field, clean_text(getattr(line, field)))
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
    return checker


def update_resource(
    session: Session, line_id: int, changes: ResourceLine, commodity: str | None = None
) -> ResourceLine:
    """Replace a resource line's fields; it stays on its project. Nothing is written when a
    value is refused. ``commodity`` (a symbol or name) replaces ``changes.commodity_id``."""
    stored = get_or_raise(session, ResourceLine, line_id)
    changes.project_id = stored.project_id
    _checked_resource(session, changes, commodity).raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id", "project_id"}))
    session.add(stored)
    session.flush()
    return stored


def delete_resource(session: Session, line_id: int) -> None:
    """Delete one resource or reserve line."""
    session.delete(get_or_raise(session, ResourceLine, line_id))
    session.flush()


def resources_of(session: Session, project_id: int) -> list[ResourceLine]:
    return list(
        session.exec(
            select(ResourceLine)
            .where(ResourceLine.project_id == project_id)
            .order_by(col(ResourceLine.effective_date), col(ResourceLine.id))
        )
    )


def prices_of(session: Session, study_id: int) -> list[PriceAssumption]:
    """A study's price deck, in the order it was entered, for its form."""
    rows = session.exec(
        select(StudyPrice, Commodity.symbol)
        .join(Commodity, col(Commodity.id) == StudyPrice.commodity_id)
        .where(StudyPrice.study_id == study_id)
        .order_by(col(StudyPrice.id))
    ).all()
    return [PriceAssumption(symbol, row.price, row.currency, row.unit) for row, symbol in rows]
