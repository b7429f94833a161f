"""Refused input: each message names the field, the value and why, and nothing is written."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import (
    add_company,
    add_project,
    assert_refused,
    only_problem,
    problem_for,
)
from tracker.enums import StudyType
from tracker.errors import ConflictError, FieldProblem, ValidationError
from tracker.models import Deal, Project, ResourceLine, Study
from tracker.services.companies import ListingSpec
from tracker.services.deals import create_deal
from tracker.services.projects import OwnerShare, create_project, update_project
from tracker.services.studies import add_resource, create_study
from tracker.validation import Checker

# --- the Checker on its own ----------------------------------------------------------------


def test_checker_collects_every_problem_then_raises_once() -> None:
    checker = Checker(prefix="step 1 ")
    checker.text("title", "  ", 10, required=True)
    checker.text("note", "x" * 50, 10, required=False)
    checker.number("interest", Decimal("101"), minimum=0, maximum=100, unit="%")
    checker.number("amount", Decimal("1.0000001"))
    checker.number("nan", Decimal("NaN"))
    checker.currency("currency", "usx", required=True)
    checker.not_before("end", date(2024, 1, 1), "start", date(2024, 1, 2))
    with pytest.raises(ValidationError) as caught:
        checker.raise_if_any()
    assert [str(problem) for problem in caught.value.problems] == [
        "step 1 title '  ': is required",
        "step 1 note '" + "x" * 40 + "…': is longer than 10 characters",
        "step 1 interest 101: must be at most 100 %",
        "step 1 amount 1.0000001: has more than 6 decimal places",
        "step 1 nan NaN: is not a number",
        "step 1 currency 'usx': is not an ISO 4217 currency code (e.g. USD, CAD, AUD)",
        "step 1 end 2024-01-01: is before the start (2024-01-02)",
    ]
    assert str(caught.value) == "; ".join(str(p) for p in caught.value.problems)


def test_checker_accepts_good_values() -> None:
    checker = Checker()
    checker.text("title", "ok", 10, required=True)
    checker.text("note", None, 10, required=False)
    checker.number("interest", Decimal("100"), minimum=0, maximum=100)
    checker.number("amount", Decimal("-9000000000000.000001"))
    checker.number("optional", None)
    checker.currency("currency", "CAD", required=True)
    checker.choice("type", "PFS", StudyType, required=True)
    checker.not_before("end", date(2024, 1, 2), "start", date(2024, 1, 2))
    checker.raise_if_any()
    assert checker.problems == []


def test_checker_refuses_what_cannot_be_stored() -> None:
    checker = Checker()
    checker.number("huge", Decimal("9223372036854.775808"))
    checker.number("float", 0.5)  # type: ignore[arg-type]
    checker.number("missing", None, required=True)
    assert [str(p) for p in checker.problems] == [
        "huge 9223372036854.775808: is too large to store",
        "float 0.5: is not a number",
        "missing (empty): is required",
    ]


def test_field_problem_shows_values_as_typed() -> None:
    assert str(FieldProblem("latitude", Decimal("200"), "r")) == "latitude 200: r"
    assert str(FieldProblem("npv", Decimal("4.12E+8"), "r")) == "npv 412000000: r"
    assert str(FieldProblem("currency", "USX", "r")) == "currency 'USX': r"
    assert str(FieldProblem("title", "", "r")) == "title (empty): r"
    assert str(FieldProblem("date", date(2024, 1, 2), "r")) == "date 2024-01-02: r"


# --- refusals through the services ---------------------------------------------------------


def test_negative_tonnes(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    line = ResourceLine(project_id=project.id or 0, category="indicated", tonnes=Decimal("-5000"))
    error = assert_refused(engine, session, lambda: add_resource(session, line), ValidationError)
    problem = only_problem(error)
    assert (problem.field, problem.value) == ("tonnes", Decimal("-5000"))
    assert str(error) == "tonnes -5000: must be at least 0 t"


def test_irr_of_5000_percent(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = Study(
        project_id=project.id or 0, study_type="PFS", title="PFS", after_tax_irr_pct=Decimal(5000)
    )
    error = assert_refused(engine, session, lambda: create_study(session, study), ValidationError)
    problem = only_problem(error)
    assert (problem.field, problem.value) == ("after_tax_irr_pct", Decimal(5000))
    assert str(error) == "after_tax_irr_pct 5000: must be at most 1000 %"


def test_latitude_200(engine: Engine, session: Session) -> None:
    project = Project(name="Off the Globe", latitude=Decimal(200), longitude=Decimal("-181"))
    error = assert_refused(
        engine, session, lambda: create_project(session, project), ValidationError
    )
    assert str(problem_for(error, "latitude")) == "latitude 200: must be at most 90 °"
    assert str(problem_for(error, "longitude")) == "longitude -181: must be at least -180 °"


def test_close_date_before_the_announcement(engine: Engine, session: Session) -> None:
    deal = Deal(
        title="Backwards",
        deal_type="acquisition",
        status="closed",
        announced_date=date(2024, 3, 1),
        expected_close_date=date(2024, 2, 1),
        closed_date=date(2024, 2, 15),
    )
    error = assert_refused(engine, session, lambda: create_deal(session, deal), ValidationError)
    assert str(problem_for(error, "closed_date")) == (
        "closed_date 2024-02-15: is before the announcement (2024-03-01)"
    )
    assert str(problem_for(error, "expected_close_date")) == (
        "expected_close_date 2024-02-01: is before the announcement (2024-03-01)"
    )


def test_closed_date_on_an_open_deal(engine: Engine, session: Session) -> None:
    deal = Deal(
        title="Not yet",
        deal_type="LOI",
        status="proposed",
        announced_date=date(2024, 3, 1),
        closed_date=date(2024, 4, 1),
    )
    error = assert_refused(engine, session, lambda: create_deal(session, deal), ValidationError)
    assert str(error) == "closed_date 2024-04-01: is only set once a deal is closed or terminated"


def test_unknown_currency_usx(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    study = Study(project_id=project.id or 0, study_type="FS", title="FS", currency="usx")
    error = assert_refused(engine, session, lambda: create_study(session, study), ValidationError)
    problem = only_problem(error)
    assert (problem.field, problem.value) == ("currency", "USX")
    assert str(error) == ("currency 'USX': is not an ISO 4217 currency code (e.g. USD, CAD, AUD)")


def test_owners_adding_up_over_100_percent(engine: Engine, session: Session) -> None:
    first = add_company(session, "First")
    second = add_company(session, "Second")
    owners = [
        OwnerShare(first.id or 0, Decimal("70"), True),
        OwnerShare(second.id or 0, Decimal("30.5")),
    ]
    error = assert_refused(
        engine,
        session,
        lambda: create_project(session, Project(name="Overowned"), owners=owners),
        ValidationError,
    )
    assert str(only_problem(error)) == "owner interests '100.5 %': add up to more than 100 %"


def test_two_operators(engine: Engine, session: Session) -> None:
    first = add_company(session, "First")
    second = add_company(session, "Second")
    project = add_project(session, "Shared", [(first, "50", True), (second, "50", False)])
    owners = [
        OwnerShare(first.id or 0, Decimal("50"), True),
        OwnerShare(second.id or 0, Decimal("50"), True),
    ]
    error = assert_refused(
        engine,
        session,
        lambda: update_project(session, project.id or 0, Project(name="Shared"), owners=owners),
        ValidationError,
    )
    assert str(only_problem(error)) == "operator 2: exactly one owner must be the operator"


def test_owners_without_an_operator(session: Session) -> None:
    company = add_company(session, "Passive")
    with pytest.raises(ValidationError, match="operator 0: exactly one owner must be the operator"):
        add_project(session, "Nobody Runs It", [(company, "40", False)])


def test_owner_problems(engine: Engine, session: Session) -> None:
    company = add_company(session, "Twice")
    owners = [
        OwnerShare(company.id or 0, Decimal("-1"), True),
        OwnerShare(company.id or 0, Decimal("10")),
        OwnerShare(999, Decimal("10")),
    ]
    error = assert_refused(
        engine,
        session,
        lambda: create_project(session, Project(name="Messy"), owners=owners),
        ValidationError,
    )
    assert [str(p) for p in error.problems] == [
        "owner interest -1: must be at least 0 %",
        "owner 1: is named twice",
        "owner 999: is not a known company",
    ]


def test_unknown_commodity(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_project(session, Project(name="Mystery"), commodities=["Mo", "Unobtainium"]),
        ValidationError,
    )
    assert str(only_problem(error)) == "commodities 'Unobtainium': is not a known commodity"


def test_unknown_project_status_and_long_name(engine: Engine, session: Session) -> None:
    project = Project(name="N" * 201, status="dormant")
    error = assert_refused(
        engine, session, lambda: create_project(session, project), ValidationError
    )
    assert [p.field for p in error.problems] == ["name", "status"]
    assert str(problem_for(error, "status")) == (
        "status 'dormant': must be one of active, watchlist, archived"
    )


def test_duplicate_company_name(engine: Engine, session: Session) -> None:
    add_company(session, "Moly Mines")
    error = assert_refused(
        engine, session, lambda: add_company(session, "moly mines"), ConflictError
    )
    assert "moly mines" in str(error) and "already exists" in str(error)


def test_duplicate_ticker(engine: Engine, session: Session) -> None:
    add_company(session, "Moly Mines", [ListingSpec("TSXV", "MOO")])
    error = assert_refused(
        engine,
        session,
        lambda: add_company(session, "Cow Co", [ListingSpec("tsxv", "moo")]),
        ConflictError,
    )
    assert str(error) == "the listing TSXV: MOO already belongs to Moly Mines"
