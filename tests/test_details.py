"""The detail pane's data: the change from study to study, and what a deal needs next."""

import html
import re
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker.details import (
    DealTerms,
    company_detail,
    compare_studies,
    next_due,
    project_detail,
)
from tracker.models import Deal, DealObligation, Holding, Study
from tracker.services import deals, holdings, studies


def study(kind: str, npv: str | None, irr: str | None, capex: str | None) -> Study:
    return Study(
        project_id=1,
        study_type=kind,
        title=kind,
        currency="USD",
        after_tax_npv=Decimal(npv) if npv else None,
        after_tax_irr_pct=Decimal(irr) if irr else None,
        initial_capex=Decimal(capex) if capex else None,
    )


def test_each_study_is_compared_with_the_one_before() -> None:
    pea, pfs, fs = (
        study("PEA", "200", "20", "300"),
        study("PFS", "250", "18.5", None),
        study("FS", "300", "21", "360"),
    )
    steps = compare_studies([pea, pfs, fs])
    assert [(s.from_study.study_type, s.to_study.study_type) for s in steps] == [
        ("PEA", "PFS"),
        ("PFS", "FS"),
    ]
    assert steps[0].after_tax_npv.difference == Decimal(50)
    assert steps[0].after_tax_npv.relative_pct == Decimal("25.0")
    assert steps[0].after_tax_irr_pct.difference == Decimal("-1.5")
    assert steps[0].initial_capex.difference is None, "a missing figure has no change"
    assert steps[1].after_tax_npv.relative_pct == Decimal("20.0")
    assert compare_studies([pea]) == []


def test_next_due_is_the_earliest_unmet_dated_obligation() -> None:
    obligations = [
        DealObligation(
            id=1, deal_id=1, kind="cash", amount=Decimal(1), due_date=date(2024, 1, 1), met=True
        ),
        DealObligation(id=2, deal_id=1, kind="cash", amount=Decimal(2), due_date=None),
        DealObligation(id=3, deal_id=1, kind="cash", amount=Decimal(3), due_date=date(2025, 6, 1)),
        DealObligation(id=4, deal_id=1, kind="cash", amount=Decimal(4), due_date=date(2024, 9, 1)),
    ]
    assert next_due(obligations, date(2024, 1, 1)) is obligations[3]
    assert next_due(obligations[:2], date(2024, 1, 1)) is None


def test_an_overdue_obligation_is_overdue_not_next() -> None:
    """The Larkspur case: a payment due 2026-09-30 is 62 days late on 2026-12-01."""
    obligations = [
        DealObligation(id=1, deal_id=1, kind="cash", amount=Decimal(1), due_date=date(2026, 9, 30)),
        DealObligation(id=2, deal_id=1, kind="cash", amount=Decimal(2), due_date=date(2027, 4, 30)),
        DealObligation(
            id=3, deal_id=1, kind="cash", amount=Decimal(3), due_date=date(2027, 10, 31)
        ),
    ]
    today = date(2026, 12, 1)
    assert next_due(obligations, today) is obligations[1]
    deal = Deal(title="LOI", deal_type="LOI", status="LOI signed")
    terms = DealTerms(deal, None, None, None, [], [], obligations, today)
    assert terms.overdue == [obligations[0]]
    assert [s.label for s in terms.statuses] == ["overdue 62 d", "next · in 150 d", "in 334 d"]


def test_project_and_company_details(session: Session) -> None:
    alpha = add_company(session, "Alpha", shares_outstanding=Decimal(1_000_000))
    beta = add_company(session, "Beta")
    project = add_project(
        session,
        "Hill",
        owners=[(alpha, "70", True), (beta, "30", False)],
        commodities=["Cu", "Au"],
        stage=("PEA/scoping", date(2021, 1, 1)),
    )
    assert project.id is not None and alpha.id is not None
    for kind, day, npv in (
        ("PEA/scoping", date(2021, 2, 1), "100"),
        ("FS", date(2024, 2, 1), "180"),
    ):
        studies.create_study(
            session,
            Study(
                project_id=project.id,
                study_type=kind,
                title=f"Hill {kind}",
                publication_date=day,
                after_tax_npv=Decimal(npv),
                discount_rate_pct=Decimal(8),
            ),
        )
    deals.create_deal(
        session,
        Deal(
            title="Beta LOI",
            deal_type="LOI",
            status="LOI signed",
            project_id=project.id,
            acquirer_id=beta.id,
            announced_date=date(2024, 3, 1),
        ),
        obligations=[deals.ObligationSpec("cash", Decimal(50_000), "CAD", date(2024, 6, 1))],
    )
    holdings.create_holding(
        session,
        Holding(company_id=alpha.id),
        Decimal(10_000),
        Decimal("0.5"),
        date(2020, 1, 2),
    )
    session.commit()

    detail = project_detail(session, project.id, date(2024, 5, 1))
    assert [owner.name for owner in detail.owners] == ["Alpha", "Beta"]
    assert detail.commodities == ["Cu", "Au"]
    assert detail.steps[0].after_tax_npv.difference == Decimal(80)
    assert detail.deals[0].acquirer == "Beta"
    assert detail.deals[0].next_due is not None
    assert detail.deals[0].next_due.amount == Decimal(50_000)

    company = company_detail(session, alpha.id, date(2024, 5, 1))
    assert company.interests[0].interest_pct == Decimal(70)
    assert company.shares_held == Decimal(10_000)
    assert company.held_pct == Decimal("1.000")
    assert company.holdings[0].cost_basis == Decimal(5000)


def test_resource_lines_name_their_commodity(session: Session) -> None:
    """A gold and a silver line of the same tonnage must not read as one line twice."""
    from tracker.models import ResourceLine
    from ui.detail.pages import project_page

    company = add_company(session, "Gamma")
    project = add_project(session, "Twin Veins", owners=[(company, "100", True)]).id
    assert project is not None
    for symbol, grade in (("Au", "0.32"), ("Ag", "18.1")):
        line = ResourceLine(
            project_id=project,
            category="indicated",
            tonnes=Decimal(247_800_000),
            grade=Decimal(grade),
            grade_unit="g/t",
        )
        studies.add_resource(session, line, symbol)
    detail = project_detail(session, project, date(2024, 5, 1))
    labelled = [
        (detail.symbols.get(line.commodity_id or 0), line.grade) for line in detail.resources
    ]
    assert labelled == [("Au", Decimal("0.32")), ("Ag", Decimal("18.1"))]
    cells = [re.sub(r"<[^>]+>", "|", "<tr" + row) for row in project_page(detail).split("<tr")]
    rows = [[html.unescape(c).strip() for c in row.split("|") if c.strip()] for row in cells]
    assert ["Category", "Commodity", "Tonnes", "Grade", "Contained", "Effective", "Study"] in rows
    assert next(r for r in rows if "Au" in r)[:4] == [
        "indicated",
        "Au",
        "247,800,000",
        "0.32\xa0g/t",
    ]
    assert next(r for r in rows if "Ag" in r)[:4] == [
        "indicated",
        "Ag",
        "247,800,000",
        "18.1\xa0g/t",
    ]
