"""Readings built by hand for the capture tests: each figure found by its words in the text.

The tests of saving and reviewing must not depend on the reader, which is built and tuned
elsewhere; these helpers make the ``Capture`` a reader would give for a text, with real spans.
"""

import re
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine

from db.session import transaction
from tracker.capture.model import Capture, Figure, Span, Value
from tracker.models import Company, FigureSource, Project, Study
from tracker.services.companies import ListingSpec, create_company
from tracker.services.projects import OwnerShare, create_project
from tracker.services.studies import create_study

M = Decimal(1_000_000)

Wanted = tuple[str, Value]


def sentence_around(text: str, start: int, end: int) -> Span:
    """The sentence holding characters ``start`` to ``end``: between full stops or lines."""
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    ends = [i + 1 for i in [text.find(". ", end)] if i >= 0]
    ends += [i for i in [text.find("\n", end)] if i >= 0]
    stop = min(ends) if ends else len(text)
    begin = before + 1 if before >= 0 else 0
    while begin < stop and text[begin].isspace():
        begin += 1
    return Span(begin, stop)


def figure(text: str, key: str, words: str, value: Value, occurrence: int = 0) -> Figure:
    """The figure ``key`` read from the ``occurrence``-th appearance of ``words``."""
    found = [m.start() for m in re.finditer(re.escape(words), text)]
    assert len(found) > occurrence, f"{words!r} is not in the text"
    start = found[occurrence]
    end = start + len(words)
    return Figure(key, value, Span(start, end), sentence_around(text, start, end))


def capture_of(
    text: str,
    kind: str,
    figures: dict[str, Wanted],
    *,
    source: str = "release.txt",
    title: str | None = None,
    released: date | None = None,
) -> Capture:
    """A reading of ``text`` with ``figures``: key -> (the words in the text, the value)."""
    return Capture(
        text=text,
        source=source,
        kind=kind,
        title=title,
        release_date=released,
        figures={key: figure(text, key, words, value) for key, (words, value) in figures.items()},
    )


STUDY_TEXT = """Hill Gold Corp. (TSXV: HGC) Announces Positive PEA for the Hill Gold Project

VANCOUVER, March 4, 2025 - Hill Gold Corp. is pleased to announce the results of a Preliminary \
Economic Assessment for its Hill Gold Project in Nevada. All amounts are in US$ unless \
otherwise stated.

Highlights
The after-tax NPV5% is US$412.5 million with an after-tax IRR of 23.4%.
Initial capital costs are estimated at US$285 million, with sustaining capital of US$96 million.
All-in sustaining costs average US$1,105/oz over a mine life of 11 years.
Payback of 2.8 years from the start of production.
The base case assumes a gold price of US$2,150/oz.
"""


def study_capture(source: str = "hill-gold-pea.txt") -> Capture:
    """A PEA release as a reader would give it."""
    capture = capture_of(
        STUDY_TEXT,
        "study",
        {
            "company": ("Hill Gold Corp.", "Hill Gold Corp."),
            "project": ("Hill Gold Project", "Hill Gold Project"),
            "study_type": ("Preliminary Economic Assessment", "PEA"),
            "npv": ("US$412.5 million", Decimal("412.5")),
            "npv_currency": ("US$412.5", "USD"),
            "npv_basis": ("after-tax NPV", "after-tax"),
            "discount_rate": ("NPV5%", Decimal("5")),
            "irr": ("23.4%", Decimal("23.4")),
            "initial_capex": ("US$285 million", Decimal("285")),
            "capex_currency": ("US$285", "USD"),
            "sustaining_capex": ("US$96 million", Decimal("96")),
            "aisc": ("US$1,105/oz", Decimal("1105")),
            "aisc_unit": ("/oz", "USD/oz"),
            "mine_life": ("11 years", Decimal("11")),
            "payback": ("2.8 years", Decimal("2.8")),
        },
        source=source,
        title="Hill Gold Project PEA",
        released=date(2025, 3, 4),
    )
    capture.prices = [
        {
            "commodity": figure(STUDY_TEXT, "commodity", "gold", "gold"),
            "price": figure(STUDY_TEXT, "price", "US$2,150/oz", Decimal(2150)),
            "unit": figure(STUDY_TEXT, "unit", "/oz", "USD/oz", occurrence=1),
        }
    ]
    return capture


def existing_pea(engine: Engine) -> tuple[int, int, int]:
    """A company, its project and that project's PEA of the same day, with an old NPV."""
    with transaction(engine) as session:
        company = create_company(
            session, Company(name="Hill Gold Corp"), [ListingSpec("TSXV", "HGC")]
        )
        assert company.id is not None
        project = create_project(
            session,
            Project(name="Hill Gold"),
            owners=[OwnerShare(company.id, Decimal(100), True)],
        )
        assert project.id is not None
        study = create_study(
            session,
            Study(
                project_id=project.id,
                study_type="PEA/scoping",
                title="Hill PEA",
                publication_date=date(2025, 3, 4),
                currency="USD",
                after_tax_npv=300 * M,
                discount_rate_pct=Decimal(5),
                qualified_person="J. Smith",
            ),
        )
        assert study.id is not None
        session.add(FigureSource(study_id=study.id, field="after_tax_npv", source="old.pdf"))
        return company.id, project.id, study.id
