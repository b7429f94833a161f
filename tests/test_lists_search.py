"""Search speaks the trade, and the lists carry the figures investors sort by (no Qt)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from cli import EXIT_OK, run
from tests.domain_factories import add_company, add_project
from tracker import tables
from tracker.demo import demo_data
from tracker.filters import Criteria, Sorter, matching, narrows
from tracker.lists import rowsets
from tracker.lists.items import project_items
from tracker.lists.search import listed_rows
from tracker.models import Deal, ExpectedStudy, Study
from tracker.portfolio.expected_studies import create_expected_study
from tracker.services.deals import ObligationSpec, create_deal
from tracker.services.studies import create_study

TODAY = date(2026, 1, 15)


def found_projects(session: Session, text: str) -> list[str]:
    rowset = rowsets.project_rowset(session)
    return sorted(rowset.rows[i].name for i in matching(rowset, Criteria(text=text)))


def demo_projects_with(commodity: str) -> list[str]:
    return sorted(p["name"] for p in demo_data()["projects"] if commodity in p["commodities"])


def test_a_commodity_name_finds_the_projects_of_its_symbol(demo: Engine) -> None:
    gold = demo_projects_with("Au")
    assert len(gold) >= 5
    with Session(demo) as session:
        by_name = found_projects(session, "gold")
        by_symbol = found_projects(session, "au")
        uranium = found_projects(session, "Uranium")
    assert set(gold) <= set(by_name)
    # The rest are owned by a company with "Gold" in its name, which is what was typed.
    rows = {r.name: r for r in project_items(Session(demo))}
    assert all("gold" in (rows[name].company or "").lower() for name in set(by_name) - set(gold))
    assert by_symbol == gold  # a symbol matches whole: not "Australia", not "Gold Corp."
    assert uranium == demo_projects_with("U")


def test_a_symbol_matches_whole_values_and_typing_on_searches_everything_again(
    demo: Engine,
) -> None:
    with Session(demo) as session:
        rowset = rowsets.project_rowset(session)
    australia = [p["name"] for p in demo_data()["projects"] if p.get("country") == "Australia"]
    assert australia
    au, aus = Criteria(text="au"), Criteria(text="aus")
    assert not narrows(rowset, aus, au)  # "aus" may find rows that "au" (gold) left out
    assert narrows(rowset, Criteria(text="austr"), aus)
    assert sorted(rowset.rows[i].name for i in matching(rowset, aus)) == australia
    assert found_projects(Session(demo), "u") == demo_projects_with("U")


def test_a_study_type_a_country_and_a_ticker_find_what_they_name(demo: Engine) -> None:
    data = demo_data()
    with Session(demo) as session:
        pea = found_projects(session, "PEA")
        peru = found_projects(session, "peru")
        integra = found_projects(session, "ITRG")  # Integra's NYSE American ticker
        items = {r.name: r for r in project_items(session)}
    in_pea = sorted(
        name
        for name, r in items.items()
        if r.study_type == "PEA/scoping" or r.stage == "PEA/scoping"
    )
    assert in_pea and pea == in_pea
    assert peru == sorted(p["name"] for p in data["projects"] if p.get("country") == "Peru")
    owned = sorted(
        p["name"]
        for p in data["projects"]
        if any(o["company"] == "Integra Resources Corp." for o in p["owners"])
    )
    assert len(owned) >= 2 and integra == owned


def test_other_lists_find_rows_by_their_projects_commodity_and_country(demo: Engine) -> None:
    gold = set(demo_projects_with("Au"))
    with Session(demo) as session:
        studies = listed_rows(session, "studies", "gold")
        deals = listed_rows(session, "deals", "au")
        companies = listed_rows(session, "companies", "uranium")
    assert studies and {r.project for r in studies} <= gold | {"Endako"}
    assert deals and {r.project for r in deals} <= gold
    assert [r.name for r in companies] == ["NexGen Energy Ltd."]


def test_cli_search_prints_the_rows_the_window_search_finds(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    capsys.readouterr()
    assert run(["--db", str(db_path), "list", "projects", "--search", "gold"]) == EXIT_OK
    printed = [line.split("  ")[0] for line in capsys.readouterr().out.splitlines()[2:]]
    from db.engine import make_engine

    engine = make_engine(f"sqlite:///{db_path}")
    try:
        with Session(engine) as session:
            rowset = rowsets.project_rowset(session)
    finally:
        engine.dispose()
    # The window's order: the model sorts by the spec's first column, then filters.
    sorter = Sorter(rowset, [column.value for column in tables.PROJECTS.columns])
    order = sorter.order(tables.PROJECTS.sort_column, tables.PROJECTS.sort_descending)
    shown = [rowset.rows[i].name for i in matching(rowset, Criteria(text="gold"), order)]
    assert printed == shown
    assert set(demo_projects_with("Au")) <= set(printed)


def _study(session: Session, project_id: int, kind: str, day: date, npv: str) -> None:
    create_study(
        session,
        Study(
            project_id=project_id,
            study_type=kind,
            title=f"{kind} {day.year}",
            publication_date=day,
            currency="USD",
            after_tax_npv=Decimal(npv),
            discount_rate_pct=Decimal("7.5"),
            after_tax_irr_pct=Decimal("21.4"),
            initial_capex=Decimal(350_000_000),
        ),
    )


def test_projects_carry_their_latest_study_and_next_milestone(session: Session) -> None:
    owner = add_company(session, "Owner Co")
    hill = add_project(session, "Hill", owners=[(owner, "100", True)], commodities=["Au"])
    flat = add_project(session, "Flat", owners=[(owner, "100", True)], commodities=["Cu"])
    assert hill.id is not None and flat.id is not None
    _study(session, hill.id, "PEA/scoping", date(2022, 3, 1), "90000000")
    _study(session, hill.id, "PFS", date(2024, 6, 30), "412300000")
    _study(session, flat.id, "PEA/scoping", date(2023, 1, 1), "1500000000")
    create_deal(
        session,
        Deal(
            title="Option",
            deal_type="option/earn-in",
            status="LOI signed",
            project_id=hill.id,
            announced_date=date(2025, 1, 1),
        ),
        obligations=[
            ObligationSpec("cash", Decimal(100_000), "CAD", date(2025, 12, 1)),  # past: not next
            ObligationSpec("cash", Decimal(200_000), "CAD", date(2026, 9, 1)),
            ObligationSpec("shares", Decimal(50_000), None, date(2026, 3, 1), met=True),
        ],
    )
    create_expected_study(
        session,
        ExpectedStudy(
            project_id=hill.id,
            study_type="FS",
            expected_date=date(2026, 6, 30),
            noted_on=date(2025, 1, 1),
        ),
    )
    session.commit()
    rowset = rowsets.project_rowset(session, today=TODAY)
    hill_row = rowset.rows[rowset.ids[hill.id]]
    assert hill_row.study_type == "PFS"
    assert hill_row.study_date == date(2024, 6, 30)
    assert (hill_row.after_tax_npv, hill_row.after_tax_irr_pct) == (
        Decimal(412_300_000),
        Decimal("21.4"),
    )
    assert (hill_row.milestone_date, hill_row.milestone) == (date(2026, 6, 30), "FS expected")
    flat_row = rowset.rows[rowset.ids[flat.id]]
    assert flat_row.milestone_date is None
    headers = tables.PROJECTS.headers
    cells = {h: c.display(hill_row) for h, c in zip(headers, tables.PROJECTS.columns, strict=True)}
    assert cells["Latest study"] == "PFS"
    assert cells["Study date"] == "2024-06-30"
    assert cells["After-tax NPV"] == "USD 412.3 M"
    assert cells["IRR"] == "21.4 %"
    assert cells["Capex"] == "USD 350.0 M"
    assert cells["Next milestone"] == "2026-06-30 FS expected"
    # Sorted on the Decimal, not the text ("USD 1,500.0 M" < "USD 412.3 M" as text).
    npv = headers.index("After-tax NPV")
    sorter = Sorter(rowset, [column.value for column in tables.PROJECTS.columns])
    assert [rowset.rows[i].name for i in sorter.order(npv)] == ["Hill", "Flat"]


def test_deals_show_their_consideration_and_studies_their_discount_rate(
    session: Session,
) -> None:
    owner = add_company(session, "Buyer Co")
    hill = add_project(session, "Hill", owners=[(owner, "100", True)])
    assert hill.id is not None
    for title, amount in (("Small", "9500000"), ("Large", "120000000"), ("None", None)):
        create_deal(
            session,
            Deal(
                title=title,
                deal_type="acquisition",
                status="proposed",
                project_id=hill.id,
                announced_date=date(2025, 1, 1),
                consideration=Decimal(amount) if amount else None,
                consideration_currency="CAD" if amount else None,
            ),
        )
    _study(session, hill.id, "FS", date(2025, 1, 1), "10")
    session.commit()
    deals = rowsets.deal_rowset(session)
    column = tables.DEALS.headers.index("Consideration")
    by_title = {row.title: row for row in deals.rows}
    assert tables.DEALS.columns[column].display(by_title["Large"]) == "CAD 120.0 M"
    assert tables.DEALS.columns[column].display(by_title["None"]) == ""
    sorter = Sorter(deals, [c.value for c in tables.DEALS.columns])
    assert [deals.rows[i].title for i in sorter.order(column, descending=True)] == [
        "Large",
        "Small",
        "None",
    ]
    studies = rowsets.study_rowset(session)
    rate = tables.STUDIES.headers.index("Rate")
    assert studies.rows[0].discount_rate_pct == Decimal("7.5")
    assert tables.STUDIES.columns[rate].display(studies.rows[0]) == "7.5 %"


def test_the_latest_study_is_the_one_the_portfolio_calls_latest(session: Session) -> None:
    """Ties and missing dates ranked as ``latest_studies`` ranks them (one rule, two readers)."""
    from tracker.lists.project_figures import study_figures
    from tracker.portfolio.latest_studies import latest_studies

    owner = add_company(session, "Ranker Co")
    cases: dict[str, list[tuple[date | None, date | None]]] = {
        "undated loses": [(None, None), (date(2020, 1, 1), None)],
        "effective breaks a tie": [
            (date(2021, 5, 1), date(2021, 1, 1)),
            (date(2021, 5, 1), date(2021, 3, 1)),
            (date(2021, 5, 1), None),
        ],
        "entry breaks a full tie": [(date(2022, 1, 1), None), (date(2022, 1, 1), None)],
        "effective only": [(None, date(2019, 1, 1)), (None, date(2018, 1, 1)), (None, None)],
    }
    ids = {}
    for name, studies in cases.items():
        project = add_project(session, name, owners=[(owner, "100", True)])
        assert project.id is not None
        ids[name] = project.id
        for number, (published, effective) in enumerate(studies):
            create_study(
                session,
                Study(
                    project_id=project.id,
                    study_type="PFS",
                    title=f"{name} {number}",
                    publication_date=published,
                    effective_date=effective,
                    after_tax_npv=Decimal(number),
                    discount_rate_pct=Decimal(8),
                ),
            )
    session.commit()
    mine = study_figures(session)
    theirs = latest_studies(session)
    assert set(mine) == set(theirs) == set(ids.values())
    for project_id, study in theirs.items():
        assert (mine[project_id].after_tax_npv, mine[project_id].dated) == (
            study.after_tax_npv,
            study.dated,
        )
    assert mine[ids["effective breaks a tie"]].after_tax_npv == Decimal(1)
    assert mine[ids["entry breaks a full tie"]].after_tax_npv == Decimal(1)
    assert study_figures(session, [ids["undated loses"]]) == {
        ids["undated loses"]: mine[ids["undated loses"]]
    }
