"""Positions, exposure and look-through on the hand-checked world of ``test_portfolio_world``."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tests.test_portfolio_world import ON, add_study, build_world
from tracker.models import Company, FxRate, Holding, SharePrice, Study
from tracker.portfolio.exposure import (
    NO_PROJECT,
    Basis,
    Dimension,
    ExposureRow,
    portfolio_exposure,
)
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.latest_studies import latest_studies
from tracker.portfolio.lookthrough import STUDY_FIGURE, look_through
from tracker.portfolio.positions import position_rows
from tracker.portfolio.prices import record_share_price
from tracker.services.holdings import create_holding
from tracker.services.studies import create_study

D = Decimal


def test_positions_in_mixed_currencies(session: Session) -> None:
    build_world(session)
    rows = {row.company: row for row in position_rows(session, ON)}
    larkspur = rows["Larkspur Metals"]
    assert (larkspur.price, larkspur.price_date) == (D("0.8"), date(2026, 11, 20))
    assert (larkspur.cost, larkspur.value, larkspur.gain, larkspur.gain_pct) == (
        D(50000),
        D(80000),
        D(30000),
        D(60),
    )
    argentum = rows["Argentum Ridge"]
    assert (argentum.currency, argentum.price, argentum.value) == ("USD", D("2.4"), D(24000))
    assert (argentum.gain, argentum.gain_pct) == (D(4000), D(20))
    southern = rows["Southern Gold"]
    assert (southern.value, southern.cost, southern.gain, southern.note) == (
        D(4050),
        None,
        None,
        "",
    )


def test_a_position_without_price_or_rate_says_why(session: Session) -> None:
    build_world(session)
    rows = {row.company: row for row in position_rows(session, date(2026, 10, 31))}
    assert rows["Argentum Ridge"].value is None
    assert rows["Argentum Ridge"].note == "no share price entered"
    assert rows["Larkspur Metals"].value == D(60000)
    shell = add_company(session, "Shell Co")
    create_holding(
        session, Holding(company_id=shell.id or 0, currency="EUR"), D(10), None, date(2020, 1, 2)
    )
    record_share_price(
        session,
        SharePrice(company_id=shell.id or 0, price_date=ON, price=D(1), currency="CAD"),
    )
    shell_row = next(r for r in position_rows(session, ON) if r.company == "Shell Co")
    assert shell_row.value is None
    assert shell_row.note.startswith("no CAD/EUR exchange rate on or before 2026-11-28")


def values(rows: list[ExposureRow]) -> dict[str, Decimal]:
    return {row.bucket: row.value for row in rows}


def test_exposure_spreads_value_by_interest_and_primary_commodity(session: Session) -> None:
    build_world(session)
    exposure = portfolio_exposure(session, ON, "CAD")
    assert exposure.total == D(114050)
    assert values(exposure.rows[Dimension.COMMODITY]) == {
        "Silver": D(55000),
        "Copper": D(55000),
        "Gold": D(4050),
    }
    assert values(exposure.rows[Dimension.COUNTRY]) == {
        "United States": D(55000),
        "Canada": D(55000),
        "Australia": D(4050),
    }
    stages = exposure.rows[Dimension.STAGE]
    assert [row.bucket for row in stages] == [
        "resource definition",
        "pre-feasibility",
        "feasibility",
    ]
    assert sum(row.share_pct for row in stages) == D(100)
    assert exposure.left_out == []


def test_exposure_if_fully_earned_and_in_another_currency(session: Session) -> None:
    build_world(session)
    full = portfolio_exposure(session, ON, "CAD", Basis.FULLY_EARNED)
    assert values(full.rows[Dimension.COMMODITY]) == {
        "Silver": D(70000),
        "Copper": D(40000),
        "Gold": D(4050),
    }
    usd = portfolio_exposure(session, ON, "USD")
    assert usd.total == D("91240")
    assert values(usd.rows[Dimension.COUNTRY])["Canada"] == D(44000)


def test_exposure_leaves_out_unvalued_positions_and_buckets_shells(session: Session) -> None:
    build_world(session)
    shell = add_company(session, "Shell Co")
    unpriced = add_company(session, "Unpriced Co")
    for company in (shell, unpriced):
        create_holding(
            session,
            Holding(company_id=company.id or 0, currency="CAD"),
            D(1000),
            None,
            date(2020, 1, 2),
        )
    record_share_price(
        session, SharePrice(company_id=shell.id or 0, price_date=ON, price=D(1), currency="CAD")
    )
    exposure = portfolio_exposure(session, ON, "CAD")
    assert values(exposure.rows[Dimension.COMMODITY])[NO_PROJECT] == D(1000)
    assert exposure.left_out == ["Unpriced Co: no share price entered"]
    assert exposure.total == D(115050)


def test_look_through_with_a_study_without_npv_and_mixed_currencies(session: Session) -> None:
    world = build_world(session)
    result = look_through(session, ON)
    rows = {row.company: row for row in result.rows}
    larkspur = rows["Larkspur Metals"]
    assert (larkspur.attributable_npv, larkspur.attributable_npv_full) == (
        D(100000000),
        D(100000000),
    )
    assert (larkspur.npv_per_share, larkspur.p_nav) == (D("3.2"), D("0.25"))
    assert (larkspur.projects_with_npv, larkspur.projects) == (1, 2)
    assert larkspur.note == "no study NPV for Silver Spur"
    assert larkspur.basis == STUDY_FIGURE
    argentum = rows["Argentum Ridge"]
    assert (argentum.currency, argentum.attributable_npv, argentum.npv_per_share) == (
        "USD",
        D(320000000),
        D("2.5"),
    )
    assert argentum.p_nav == D("0.96")
    assert argentum.discount_rates == "8.0 %"
    spur = next(
        p for p in result.projects if p.company == "Larkspur Metals" and p.project == "Silver Spur"
    )
    assert (spur.study_type, spur.after_tax_npv, spur.attributable_npv_held) == (
        "resource estimate",
        None,
        None,
    )
    assert spur.note == "latest study (resource estimate, 2025-02-18) has no after-tax NPV"
    assert (spur.current_pct, spur.fully_earned_pct) == (D(20), D(60))
    assert world.silver_spur == spur.project_id


def test_a_missing_rate_blanks_the_total_and_names_the_pair(session: Session) -> None:
    build_world(session)
    southern = next(r for r in look_through(session, ON).rows if r.company == "Southern Gold")
    assert southern.attributable_npv is None
    assert southern.note == (
        "no AUD/CAD exchange rate on or before 2026-11-28: enter a rate for AUD/CAD or CAD/AUD, "
        "or AUD/USD and USD/CAD"
    )
    record_fx_rate(
        session, FxRate(base="CAD", quote="AUD", rate_date=date(2026, 11, 2), rate=D("1.25"))
    )
    southern = next(r for r in look_through(session, ON).rows if r.company == "Southern Gold")
    assert (southern.attributable_npv, southern.npv_per_share, southern.p_nav) == (
        D(72000000),
        D("7.2"),
        D("0.5625"),
    )


def test_different_discount_rates_and_no_share_count_are_noted(session: Session) -> None:
    world = build_world(session)
    southern = session.get(Company, world.southern)
    assert southern is not None
    second = add_project(session, "Second Mine", [(southern, "50", True)], ["Au"])
    add_study(session, second.id, "PEA/scoping", date(2025, 1, 1), "CAD", D("10000000"), D("10"))
    southern.shares_outstanding = None
    session.add(southern)
    record_fx_rate(
        session, FxRate(base="AUD", quote="CAD", rate_date=date(2026, 11, 2), rate=D("0.8"))
    )
    row = next(r for r in look_through(session, ON).rows if r.company == "Southern Gold")
    assert row.attributable_npv == D(72000000) + D(5000000)
    assert row.discount_rates == "5.0 %, 10.0 %"
    assert row.npv_per_share is None
    assert row.note == (
        "NPVs at different discount rates are added as published; "
        "enter the shares outstanding for NPV per share"
    )


def test_latest_study_is_chosen_by_publication_then_effective_date(session: Session) -> None:
    company = add_company(session, "Co")
    project = add_project(session, "P", [(company, "100", True)], ["Cu"])
    for title, published, effective in (
        ("old", date(2020, 1, 1), None),
        ("undated", None, date(2030, 1, 1)),
        ("same day, earlier effective", date(2024, 5, 1), date(2024, 1, 1)),
        ("same day, later effective", date(2024, 5, 1), date(2024, 3, 1)),
    ):
        create_study(
            session,
            Study(
                project_id=project.id or 0,
                study_type="PEA/scoping",
                title=title,
                publication_date=published,
                effective_date=effective,
            ),
        )
    latest = latest_studies(session)
    assert latest[project.id or 0].title == "same day, later effective"
    assert latest_studies(session, [project.id or 0]) == latest
    assert latest_studies(session, [999]) == {}
