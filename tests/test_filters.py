"""Filtering and sorting the lists' rows without Qt, and the rows the lists are loaded with."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pytest
from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker import tables
from tracker.filters import (
    Criteria,
    Facets,
    RowSet,
    Sorter,
    build_rowset,
    facet_values,
    matching,
    search_text,
    sort_key,
)
from tracker.lists import rowsets
from tracker.lists.counts import counts
from tracker.lists.items import CompanyItem, ProjectItem
from tracker.models import Study
from tracker.services.studies import create_study


class Item(NamedTuple):
    id: int
    name: str
    country: str | None
    npv: Decimal | None
    day: date | None
    commodities: tuple[str, ...]


ITEMS = [
    Item(1, "Gold Hill", "Canada", Decimal("120.5"), date(2021, 1, 5), ("Au", "Ag")),
    Item(2, "copper ridge", "Chile", None, date(2023, 7, 1), ("Cu", "Mo", "Au")),
    Item(3, "Silver Lake", "Mexico", Decimal("-4"), None, ("Ag",)),
    Item(4, "Old Gold Mine", "Canada", Decimal("120.5"), date(2022, 2, 2), ("Au",)),
]


def item_rowset(items: list[Item] = ITEMS) -> RowSet[Item]:
    return build_rowset(
        items,
        lambda r: r.id,
        lambda r: search_text(r.name, r.country, r.commodities),
        lambda r: Facets(
            commodities=frozenset(r.commodities),
            countries=frozenset({r.country}) if r.country else frozenset(),
        ),
        day=lambda r: r.day,
    )


def names(rowset: RowSet[Item], indices: list[int]) -> list[str]:
    return [rowset.rows[i].name for i in indices]


def test_search_matches_every_word_in_any_column_ignoring_case() -> None:
    rowset = item_rowset()
    assert names(rowset, matching(rowset, Criteria(text="GOLD"))) == ["Gold Hill", "Old Gold Mine"]
    assert names(rowset, matching(rowset, Criteria(text="gold  canada mine"))) == ["Old Gold Mine"]
    assert names(rowset, matching(rowset, Criteria(text="mo"))) == ["copper ridge"]
    assert matching(rowset, Criteria(text="nothing like it")) == []


def test_search_does_not_join_words_across_columns() -> None:
    rowset = item_rowset()
    assert matching(rowset, Criteria(text="hillcanada")) == []


def test_filters_combine_with_the_search() -> None:
    rowset = item_rowset()
    assert names(rowset, matching(rowset, Criteria(commodity="Ag"))) == [
        "Gold Hill",
        "Silver Lake",
    ]
    assert names(rowset, matching(rowset, Criteria(commodity="Au", country="Canada"))) == [
        "Gold Hill",
        "Old Gold Mine",
    ]
    assert names(rowset, matching(rowset, Criteria(text="old", commodity="Ag"))) == ["Gold Hill"]


def test_a_date_range_keeps_dated_rows_inside_it() -> None:
    rowset = item_rowset()
    since_2022 = Criteria(date_from=date(2022, 1, 1))
    assert names(rowset, matching(rowset, since_2022)) == ["copper ridge", "Old Gold Mine"]
    until_2022 = Criteria(date_to=date(2022, 12, 31))
    assert names(rowset, matching(rowset, until_2022)) == ["Gold Hill", "Old Gold Mine"]


def test_matching_among_keeps_the_given_order() -> None:
    rowset = item_rowset()
    assert matching(rowset, Criteria(commodity="Au"), among=[3, 1, 0]) == [3, 1, 0]


def test_typing_more_narrows_the_previous_result() -> None:
    assert Criteria(text="gol").narrows(Criteria(text="go"))
    assert Criteria(text="gold hi").narrows(Criteria(text="gold"))
    assert not Criteria(text="go").narrows(Criteria(text="gol"))
    assert not Criteria(text="gold", commodity="Au").narrows(Criteria(text="go"))
    assert Criteria().is_empty()


def test_facet_values_list_what_the_filters_offer() -> None:
    rowset = item_rowset()
    assert facet_values(rowset, "commodities") == ["Ag", "Au", "Cu", "Mo"]
    assert facet_values(rowset, "countries") == ["Canada", "Chile", "Mexico"]


def test_rowsets_check_alignment_and_find_rows_by_id() -> None:
    rowset = item_rowset()
    assert rowset.index_of(3) == 2
    assert rowset.index_of(99) is None
    with pytest.raises(ValueError, match="aligned"):
        RowSet(ITEMS, [], [], lambda r: r.id)


def sorter() -> Sorter[Item]:
    return Sorter(item_rowset(), [lambda r: r.name, lambda r: r.npv, lambda r: r.day])


def test_text_sorts_ignoring_case() -> None:
    order = sorter().order(0)
    assert names(item_rowset(), order) == [
        "copper ridge",
        "Gold Hill",
        "Old Gold Mine",
        "Silver Lake",
    ]


def test_numbers_sort_by_value_and_missing_values_come_last_both_ways() -> None:
    ascending = sorter().order(1)
    assert [ITEMS[i].npv for i in ascending] == [
        Decimal(-4),
        Decimal("120.5"),
        Decimal("120.5"),
        None,
    ]
    descending = sorter().order(1, descending=True)
    assert [ITEMS[i].id for i in descending] == [1, 4, 3, 2], "ties keep their order"


def test_dates_sort_as_dates_among_a_subset() -> None:
    assert sorter().order(2, among=[3, 2, 1, 0]) == [0, 3, 1, 2]


def test_sort_keys() -> None:
    assert sort_key("Abc") == "abc"
    assert sort_key(("Cu", "Au")) == "cu-au"
    assert sort_key(True) == 1
    assert sort_key(Decimal(2)) == Decimal(2)


def test_project_rowset_loads_lead_owner_commodities_and_facets(session: Session) -> None:
    alpha = add_company(session, "Alpha")
    beta = add_company(session, "Beta")
    add_project(
        session,
        "Bravo",
        owners=[(alpha, "70", False), (beta, "30", True)],
        commodities=["Cu", "Au", "Mo"],
        stage=("PEA/scoping", date(2021, 1, 1)),
        country="Peru",
    )
    add_project(session, "Alpha One", owners=[(alpha, "100", True)], commodities=["Au"])
    session.commit()

    rowset = rowsets.project_rowset(session)
    by_name = {row.name: row for row in rowset.rows}
    assert by_name["Bravo"].company == "Beta", "the operator leads, not the largest owner"
    assert by_name["Bravo"].commodities == ("Cu", "Au", "Mo")
    assert by_name["Bravo"].stage == "PEA/scoping"
    assert names_of(rowset, matching(rowset, Criteria(commodity="Mo"))) == ["Bravo"]
    assert names_of(rowset, matching(rowset, Criteria(country="Peru"))) == ["Bravo"]
    assert rowset.complete

    first = rowsets.project_rowset(session, limit=1)
    assert [row.name for row in first.rows] == ["Alpha One"]
    assert not first.complete

    companies = rowsets.company_rowset(session)
    alpha_row = next(row for row in companies.rows if row.name == "Alpha")
    assert alpha_row.project_count == 2
    assert alpha_row.countries == ("Peru",)
    assert names_of(companies, matching(companies, Criteria(commodity="Mo"))) == [
        "Alpha",
        "Beta",
    ]
    assert counts(session).projects == 2


def test_study_rows_inherit_their_projects_commodities(session: Session) -> None:
    alpha = add_company(session, "Alpha")
    project = add_project(session, "Hill", owners=[(alpha, "100", True)], commodities=["Li"])
    create_study(
        session,
        Study(
            project_id=project.id or 0,
            study_type="PFS",
            title="Hill PFS",
            publication_date=date(2024, 1, 1),
            currency="USD",
            after_tax_npv=Decimal(412_300_000),
            discount_rate_pct=Decimal(8),
        ),
    )
    session.commit()
    studies = rowsets.study_rowset(session)
    assert matching(studies, Criteria(commodity="Li", kind="PFS")) == [0]
    assert matching(studies, Criteria(commodity="Au")) == []
    row = studies.rows[0]
    npv_column = tables.STUDIES.headers.index("After-tax NPV")
    assert tables.STUDIES.columns[npv_column].display(row) == "USD 412.3 M"
    assert tables.STUDIES.columns[0].display(row) == "2024-01-01"


def names_of(rowset: RowSet[ProjectItem] | RowSet[CompanyItem], found: list[int]) -> list[str]:
    return sorted(rowset.rows[i].name for i in found)


def test_cells_read_naturally() -> None:
    assert tables.text_of(None) == ""
    assert tables.text_of(("TSXV: A", "ASX: B")) == "TSXV: A, ASX: B"
    assert tables.text_of(Decimal("1234.5")) == "1,234.5"
