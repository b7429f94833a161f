"""A small hand-checked portfolio shared by the portfolio tests, and checks of the world itself.

Companies, holdings and prices (everything priced on or before ``ON``):

- Larkspur: 100,000 shares at 0.50 CAD, price 0.80 CAD -> value 80,000 CAD, gain 30,000 (60 %);
  31,250,000 shares outstanding.
- Argentum: 10,000 shares at 2.00 USD, price 3.00 CAD; USD/CAD 1.25 -> 2.40 USD, value 24,000
  USD, gain 4,000 (20 %); 128,000,000 shares outstanding.
- Southern Gold: 1,000 shares, no cost, price 4.05 CAD -> value 4,050 CAD; 10,000,000 shares.

Projects:

- Silver Spur (US, Ag-Pb-Zn, resource definition): Argentum 100 % recorded. Larkspur's LOI earns
  60 % in three 20 % steps, the first earned: Larkspur 20 % now / 60 % if fully earned,
  Argentum 80 % / 40 %. Latest study: a resource estimate with no NPV (an older PEA had one).
- Twin Peaks (Canada, Cu-Au, pre-feasibility): Argentum 80 %, Larkspur 20 %, both held. Latest
  study: PFS, after-tax NPV 500 M CAD at 8 %, IRR 25 %, capex 250 M, AISC 2.10 USD/lb, 12 years.
- Kiwi Creek (Australia, Au, feasibility): Southern Gold 100 %. FS, NPV 90 M AUD at 5 %; no AUD
  rate is entered, so its conversion fails until a test adds one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker.models import Deal, FxRate, Holding, SharePrice, Study
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.prices import record_share_price
from tracker.services.deals import ObligationSpec, StepSpec, create_deal
from tracker.services.holdings import create_holding
from tracker.services.studies import create_study

ON = date(2026, 11, 28)
D = Decimal
EIGHT = Decimal(8)


@dataclass(frozen=True)
class World:
    larkspur: int
    argentum: int
    southern: int
    silver_spur: int
    twin_peaks: int
    kiwi_creek: int
    loi: int


def build_world(session: Session) -> World:
    larkspur = add_company(session, "Larkspur Metals", shares_outstanding=D("31250000"))
    argentum = add_company(session, "Argentum Ridge", shares_outstanding=D("128000000"))
    southern = add_company(session, "Southern Gold", shares_outstanding=D("10000000"))
    silver_spur = add_project(
        session,
        "Silver Spur",
        [(argentum, "100", True)],
        ["Ag", "Pb", "Zn"],
        ("resource definition", date(2025, 2, 18)),
        country="United States",
    )
    twin_peaks = add_project(
        session,
        "Twin Peaks",
        [(argentum, "80", True), (larkspur, "20", False)],
        ["Cu", "Au"],
        ("pre-feasibility", date(2025, 6, 1)),
        country="Canada",
    )
    kiwi_creek = add_project(
        session,
        "Kiwi Creek",
        [(southern, "100", True)],
        ["Au"],
        ("feasibility", date(2024, 1, 10)),
        country="Australia",
    )
    add_study(session, silver_spur.id, "PEA/scoping", date(2023, 3, 1), "USD", D("200000000"))
    add_study(session, silver_spur.id, "resource estimate", date(2025, 2, 18), "USD", None)
    add_study(session, twin_peaks.id, "PEA/scoping", date(2022, 1, 5), "CAD", D("300000000"))
    add_study(
        session,
        twin_peaks.id,
        "PFS",
        date(2025, 6, 1),
        "CAD",
        D("500000000"),
        after_tax_irr_pct=D("25"),
        initial_capex=D("250000000"),
        aisc=D("2.10"),
        cost_unit="USD/lb Cu",
        mine_life_years=D("12"),
    )
    add_study(
        session, kiwi_creek.id, "FS", date(2024, 1, 10), "AUD", D("90000000"), discount=D("5")
    )
    loi = add_loi(session, larkspur.id or 0, argentum.id or 0, silver_spur.id or 0)
    for company, shares, cost, currency in (
        (larkspur, "100000", "0.50", "CAD"),
        (argentum, "10000", "2.00", "USD"),
        (southern, "1000", None, "CAD"),
    ):
        create_holding(
            session,
            Holding(company_id=company.id or 0, currency=currency),
            D(shares),
            None if cost is None else D(cost),
            date(2025, 1, 2),
        )
    for company, day, price in (
        (larkspur, date(2026, 10, 1), "0.60"),
        (larkspur, date(2026, 11, 20), "0.80"),
        (larkspur, date(2026, 12, 1), "0.90"),
        (argentum, date(2026, 11, 21), "3.00"),
        (southern, date(2026, 11, 2), "4.05"),
    ):
        record_share_price(
            session,
            SharePrice(company_id=company.id or 0, price_date=day, price=D(price), currency="CAD"),
        )
    record_fx_rate(
        session, FxRate(base="USD", quote="CAD", rate_date=date(2026, 11, 1), rate=D("1.25"))
    )
    session.commit()
    return World(
        larkspur.id or 0,
        argentum.id or 0,
        southern.id or 0,
        silver_spur.id or 0,
        twin_peaks.id or 0,
        kiwi_creek.id or 0,
        loi,
    )


def add_study(
    session: Session,
    project_id: int | None,
    study_type: str,
    published: date,
    currency: str,
    npv: Decimal | None,
    discount: Decimal = EIGHT,
    **fields: Any,
) -> Study:
    return create_study(
        session,
        Study(
            project_id=project_id or 0,
            study_type=study_type,
            title=f"{study_type} {published.year}",
            publication_date=published,
            currency=currency,
            after_tax_npv=npv,
            discount_rate_pct=discount if npv is not None else None,
            **fields,
        ),
    )


def add_loi(session: Session, acquirer: int, vendor: int, project: int) -> int:
    """Larkspur's LOI to earn 60 % of Silver Spur in three 20 % steps, the first earned."""
    deal = create_deal(
        session,
        Deal(
            title="Larkspur LOI on Silver Spur",
            deal_type="option/earn-in",
            status="LOI signed",
            project_id=project,
            acquirer_id=acquirer,
            counterparty_id=vendor,
            interest_pct=D("60"),
            announced_date=date(2025, 10, 6),
            expected_close_date=date(2026, 12, 15),
        ),
        steps=[
            StepSpec(D("20"), date(2026, 4, 30), "Stage 1", earned=True),
            StepSpec(
                D("20"),
                date(2026, 10, 31),
                "Stage 2",
                obligations=[
                    ObligationSpec("cash", D("100000"), "CAD", date(2026, 9, 30), False, "Cash 2"),
                    ObligationSpec("shares", D("1500000"), None, date(2026, 10, 31), True),
                ],
            ),
            StepSpec(
                D("20"),
                date(2027, 10, 31),
                "Stage 3",
                obligations=[
                    ObligationSpec("cash", D("150000"), "CAD", date(2027, 4, 30), False, "Cash 3")
                ],
            ),
        ],
    )
    assert deal.id is not None
    return deal.id


def test_world_builds_and_commits(session: Session) -> None:
    world = build_world(session)
    assert len({world.larkspur, world.argentum, world.southern}) == 3
    assert session.get(Deal, world.loi) is not None
