"""Studies with their price decks, and resource lines."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.domain_factories import add_project, assert_refused, problem_for
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Commodity, ResourceLine, Study, StudyPrice
from tracker.services.studies import (
    PriceAssumption,
    add_resource,
    create_study,
    delete_study,
    resources_of,
    studies_of,
    update_study,
)


def pfs(project_id: int, **fields: object) -> Study:
    values: dict[str, object] = {
        "project_id": project_id,
        "study_type": "PFS",
        "title": "Moly Hill PFS",
        "currency": "usd",
        "effective_date": None,
        "publication_date": date(2024, 3, 1),
        "after_tax_npv": Decimal("412000000"),
        "pre_tax_npv": Decimal("655500000.5"),
        "discount_rate_pct": Decimal("8"),
        "after_tax_irr_pct": Decimal("24.5"),
        "initial_capex": Decimal("1250000000"),
        "recovery_pct": Decimal("88.25"),
        "head_grade": Decimal("0.081"),
        "head_grade_unit": "% Mo",
    }
    values.update(fields)
    return Study.model_validate(values)


def symbols_of_prices(session: Session, study_id: int) -> list[tuple[str, Decimal, str, str]]:
    rows = session.exec(
        select(
            col(Commodity.symbol),
            col(StudyPrice.price),
            col(StudyPrice.currency),
            col(StudyPrice.unit),
        )
        .select_from(StudyPrice)
        .join(Commodity, col(Commodity.id) == col(StudyPrice.commodity_id))
        .where(col(StudyPrice.study_id) == study_id)
        .order_by(col(StudyPrice.id))
    ).all()
    return [(symbol, price, currency, unit) for symbol, price, currency, unit in rows]


def test_create_and_read_back(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = create_study(
        session,
        pfs(project.id or 0),
        [
            PriceAssumption("Mo", Decimal("20"), "usd", "lb"),
            PriceAssumption("copper", Decimal("4.15"), "USD", "lb"),
        ],
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Study, study.id)
        assert stored is not None
        assert stored.currency == "USD"
        assert stored.after_tax_npv == Decimal("412000000")
        assert stored.pre_tax_npv == Decimal("655500000.5")
        assert stored.discount_rate_pct == Decimal("8")
        assert stored.after_tax_irr_pct == Decimal("24.5")
        assert stored.head_grade == Decimal("0.081")
        assert stored.publication_date == date(2024, 3, 1)
        assert symbols_of_prices(fresh, stored.id or 0) == [
            ("Mo", Decimal("20"), "USD", "lb"),
            ("Cu", Decimal("4.15"), "USD", "lb"),
        ]


def test_update_replaces_fields_and_prices(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = create_study(
        session, pfs(project.id or 0), [PriceAssumption("Mo", Decimal(20), "USD", "lb")]
    )
    other = add_project(session, "Elsewhere")
    update_study(
        session,
        study.id or 0,
        pfs(other.id or 0, study_type="FS", after_tax_npv=Decimal("500000000")),
        [PriceAssumption("Mo", Decimal("22.5"), "USD", "lb")],
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Study, study.id)
        assert stored is not None
        assert (stored.study_type, stored.after_tax_npv) == ("FS", Decimal("500000000"))
        assert stored.project_id == project.id  # a study does not move between projects
        assert symbols_of_prices(fresh, stored.id or 0) == [("Mo", Decimal("22.5"), "USD", "lb")]


def test_update_without_prices_keeps_the_deck(session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = create_study(
        session, pfs(project.id or 0), [PriceAssumption("Mo", Decimal(20), "USD", "lb")]
    )
    update_study(session, study.id or 0, pfs(project.id or 0, title="Renamed"))
    assert symbols_of_prices(session, study.id or 0) == [("Mo", Decimal(20), "USD", "lb")]


def test_studies_of_lists_oldest_first(session: Session) -> None:
    project = add_project(session, "Moly Hill")
    later = create_study(
        session, pfs(project.id or 0, title="FS", publication_date=date(2025, 1, 1))
    )
    earlier = create_study(
        session, pfs(project.id or 0, title="PEA", publication_date=date(2021, 1, 1))
    )
    assert [s.id for s in studies_of(session, project.id or 0)] == [earlier.id, later.id]


def test_delete_study_takes_prices_and_resource_lines(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = create_study(
        session, pfs(project.id or 0), [PriceAssumption("Mo", Decimal(20), "USD", "lb")]
    )
    add_resource(
        session,
        ResourceLine(
            project_id=project.id or 0, study_id=study.id, category="probable", tonnes=Decimal(5)
        ),
    )
    kept = add_resource(
        session, ResourceLine(project_id=project.id or 0, category="inferred", tonnes=Decimal(7))
    )
    delete_study(session, study.id or 0)
    session.commit()
    with Session(engine) as fresh:
        assert fresh.exec(select(Study)).all() == []
        assert fresh.exec(select(StudyPrice)).all() == []
        assert [line.id for line in resources_of(fresh, project.id or 0)] == [kept.id]
    with pytest.raises(NotFoundError):
        delete_study(session, study.id or 0)


def test_resource_line_round_trip(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    line = add_resource(
        session,
        ResourceLine(
            project_id=project.id or 0,
            category="measured",
            tonnes=Decimal("125400000"),
            grade=Decimal("0.065"),
            grade_unit="%",
            contained=Decimal("179700000"),
            contained_unit="lb",
        ),
        commodity="Mo",
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(ResourceLine, line.id)
        assert stored is not None
        assert (stored.tonnes, stored.grade) == (Decimal("125400000"), Decimal("0.065"))
        molybdenum = fresh.exec(select(Commodity).where(Commodity.symbol == "Mo")).one()
        assert stored.commodity_id == molybdenum.id


def test_npv_needs_a_discount_rate(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    error = assert_refused(
        engine,
        session,
        lambda: create_study(session, pfs(project.id or 0, discount_rate_pct=None)),
        ValidationError,
    )
    assert str(problem_for(error, "discount_rate_pct")) == (
        "discount_rate_pct (empty): is required when an NPV is given"
    )


def test_study_of_a_missing_project(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine, session, lambda: create_study(session, pfs(777)), ValidationError
    )
    assert str(problem_for(error, "project")) == "project 777: is not a known project"


def test_bad_price_deck(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    error = assert_refused(
        engine,
        session,
        lambda: create_study(
            session,
            pfs(project.id or 0),
            [
                PriceAssumption("Mo", Decimal("-1"), "USD", "lb"),
                PriceAssumption("Kryptonite", Decimal(1), "USD", "oz"),
            ],
        ),
        ValidationError,
    )
    assert str(problem_for(error, "Mo price")) == "Mo price -1: must be at least 0"
    assert str(problem_for(error, "price commodity")) == (
        "price commodity 'Kryptonite': is not a known commodity"
    )


def test_resource_line_needs_a_study_of_the_same_project(engine: Engine, session: Session) -> None:
    mine = add_project(session, "Mine")
    other = add_project(session, "Other")
    their_study = create_study(session, pfs(other.id or 0))
    error = assert_refused(
        engine,
        session,
        lambda: add_resource(
            session,
            ResourceLine(
                project_id=mine.id or 0,
                study_id=their_study.id,
                category="inferred",
                tonnes=Decimal(1),
            ),
        ),
        ValidationError,
    )
    assert str(error) == f"study {their_study.id}: is not a study of this project"


def test_grade_in_percent_above_100(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    error = assert_refused(
        engine,
        session,
        lambda: add_resource(
            session,
            ResourceLine(
                project_id=project.id or 0,
                category="indicated",
                tonnes=Decimal(1),
                grade=Decimal(120),
                grade_unit="%",
            ),
        ),
        ValidationError,
    )
    assert str(error) == "grade 120: must be at most 100 %"


# Editing and deleting resource lines, and reading a price deck back.


def gold_line(project_id: int, **fields: object) -> ResourceLine:
    values: dict[str, object] = {
        "project_id": project_id,
        "category": "indicated",
        "tonnes": Decimal("12500000"),
        "grade": Decimal("1.25"),
        "grade_unit": "g/t",
    }
    values.update(fields)
    return ResourceLine.model_validate(values)


def test_update_resource_replaces_fields_and_commodity(engine: Engine, session: Session) -> None:
    from tracker.services.studies import update_resource

    project = add_project(session, "Hill Gold")
    study = create_study(session, pfs(project.id or 0))
    line = add_resource(session, gold_line(project.id or 0), "Au")
    changes = gold_line(
        0,
        study_id=study.id,
        category="measured",
        tonnes=Decimal("9000000"),
        contained=Decimal("362000"),
        contained_unit=" oz ",
        cutoff=" ",
    )
    update_resource(session, line.id or 0, changes, "silver")
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(ResourceLine, line.id)
        silver = fresh.exec(select(Commodity).where(Commodity.symbol == "Ag")).one()
        assert stored is not None
        assert stored.project_id == project.id, "a line stays on its project"
        assert (stored.category, stored.tonnes, stored.study_id) == (
            "measured",
            Decimal("9000000"),
            study.id,
        )
        assert (stored.contained, stored.contained_unit, stored.cutoff) == (
            Decimal("362000"),
            "oz",
            None,
        )
        assert stored.commodity_id == silver.id


def test_update_resource_refuses_like_add_and_writes_nothing(
    engine: Engine, session: Session
) -> None:
    from tracker.services.studies import update_resource

    project = add_project(session, "Hill Gold")
    other = add_project(session, "Elsewhere")
    their_study = create_study(session, pfs(other.id or 0))
    line = add_resource(session, gold_line(project.id or 0), "Au")
    changes = gold_line(
        project.id or 0,
        tonnes=Decimal("-5"),
        grade_unit=None,
        study_id=their_study.id,
    )
    error = assert_refused(
        engine,
        session,
        lambda: update_resource(session, line.id or 0, changes, "Unobtainium"),
        ValidationError,
    )
    assert str(problem_for(error, "tonnes")) == "tonnes -5: must be at least 0 t"
    assert problem_for(error, "grade_unit").reason.startswith("is required with a grade")
    assert str(problem_for(error, "study")).endswith("is not a study of this project")
    assert str(problem_for(error, "resource commodity")) == (
        "resource commodity 'Unobtainium': is not a known commodity"
    )
    stored = session.get(ResourceLine, line.id)
    assert stored is not None and stored.tonnes == Decimal("12500000")


def test_update_or_delete_a_missing_resource_line(session: Session) -> None:
    from tracker.services.studies import delete_resource, update_resource

    with pytest.raises(NotFoundError):
        update_resource(session, 404, gold_line(0))
    with pytest.raises(NotFoundError):
        delete_resource(session, 404)


def test_delete_resource_takes_only_that_line(engine: Engine, session: Session) -> None:
    from tracker.services.studies import delete_resource

    project = add_project(session, "Hill Gold")
    kept = add_resource(session, gold_line(project.id or 0), "Au")
    gone = add_resource(session, gold_line(project.id or 0, category="inferred"), "Au")
    delete_resource(session, gone.id or 0)
    session.commit()
    with Session(engine) as fresh:
        assert [line.id for line in resources_of(fresh, project.id or 0)] == [kept.id]


def test_prices_of_reads_the_deck_back_in_order(session: Session) -> None:
    from tracker.services.studies import prices_of

    project = add_project(session, "Moly Hill")
    deck = [
        PriceAssumption("Mo", Decimal("20"), "USD", "lb"),
        PriceAssumption("Cu", Decimal("4.1"), "USD", "lb"),
    ]
    study = create_study(session, pfs(project.id or 0), deck)
    assert prices_of(session, study.id or 0) == deck
    update_study(session, study.id or 0, pfs(project.id or 0), [])
    assert prices_of(session, study.id or 0) == []
