"""Each section's rows and detail page, as the window calls them (``ui.sections.specs``)."""

import html
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from ui.sections.specs import SECTIONS

pytestmark = pytest.mark.gui

#: What names a row of each section on its detail page.
NAMED_BY = {
    "projects": "name",
    "companies": "name",
    "deals": "title",
    "studies": "title",
    "events": "title",
}


def test_every_section_loads_its_rows_and_shows_a_rows_detail(demo: Engine) -> None:
    assert {spec.key for spec in SECTIONS} == set(NAMED_BY)
    with Session(demo) as session:
        for spec in SECTIONS:
            rows = spec.load(session, None)
            first = spec.load(session, 3)
            assert len(rows) > 3 and rows.complete, spec.key
            assert len(first) == 3 and not first.complete, spec.key
            assert set(first.ids) <= set(rows.ids), spec.key
            row = first.rows[0]
            page = spec.detail(session, first.id_of(row), date(2026, 1, 15))
            assert html.escape(getattr(row, NAMED_BY[spec.key])) in page, spec.key
