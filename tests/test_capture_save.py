"""Saving a reviewed release: the records, each figure's source, the event, matching, undo."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from db.session import transaction
from tests.capture_factories import STUDY_TEXT, capture_of, existing_pea, figure, study_capture
from tracker.capture.matching import company_candidates, project_candidates, tickers_in
from tracker.capture.model import Capture
from tracker.capture.review import prefill
from tracker.capture.save import (
    Pick,
    Saved,
    redo_save,
    reviewed_from,
    save_reviewed,
    sources_for,
    undo_save,
)
from tracker.errors import ValidationError
from tracker.models import (
    Company,
    Deal,
    DealObligation,
    DealStep,
    Event,
    FigureSource,
    Project,
    Study,
)
from tracker.services.companies import create_company
from tracker.services.projects import create_project
from tracker.services.studies import PriceAssumption, prices_of

M = Decimal(1_000_000)


def count(engine: Engine, model: type[object]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def save(engine: Engine, capture: Capture, **picks: Pick | None) -> Saved:
    with transaction(engine) as session:
        return save_reviewed(session, reviewed_from(capture, **picks))  # type: ignore[arg-type]


def new_names(capture: Capture) -> dict[str, Pick]:
    return {
        "project": Pick(None, str(capture.figures["project"].value)),
        "company": Pick(None, str(capture.figures["company"].value)),
    }


def test_prefill_turns_millions_into_whole_units_on_the_stated_basis() -> None:
    filled = prefill(study_capture())
    assert filled.values["after_tax_npv"] == Decimal("412500000")
    assert filled.values["initial_capex"] == Decimal("285000000")
    assert filled.values["after_tax_irr_pct"] == Decimal("23.4")
    assert "pre_tax_npv" not in filled.values
    assert filled.values["study_type"] == "PEA/scoping"
    assert filled.values["currency"] == "USD"
    assert filled.values["cost_unit"] == "USD/oz"
    assert STUDY_TEXT[filled.spans["after_tax_npv"].start :].startswith("US$412.5 million")
    sentence = filled.sentences["after_tax_npv"]
    assert STUDY_TEXT[sentence.start : sentence.end] == (
        "The after-tax NPV5% is US$412.5 million with an after-tax IRR of 23.4%."
    )
    assert filled.notes == []


def test_prefill_puts_a_pre_tax_npv_in_its_column_and_flags_an_unstated_basis() -> None:
    text = "The pre-tax NPV8% is C$90 million and the IRR 19%."
    pre_tax = capture_of(
        text,
        "study",
        {"npv": ("C$90 million", Decimal(90)), "npv_basis": ("pre-tax", "pre-tax")},
    )
    assert prefill(pre_tax).values == {
        "pre_tax_npv": Decimal("90000000"),
        "publication_date": None,
        "title": "Release study",
    }
    unstated = capture_of(text, "study", {"irr": ("19%", Decimal(19))})
    filled = prefill(unstated)
    assert filled.values["after_tax_irr_pct"] == Decimal(19)
    assert "does not say whether the NPV and IRR are before or after tax" in filled.notes[0]


def test_a_new_study_is_saved_with_its_figures_their_sources_and_the_event(
    engine: Engine,
) -> None:
    capture = study_capture()
    saved = save(engine, capture, **new_names(capture))
    with Session(engine) as session:
        study = session.get(Study, saved.record_id)
        assert study is not None
        project = session.get(Project, study.project_id)
        assert project is not None and project.name == "Hill Gold Project"
        assert (study.study_type, study.title, study.currency) == (
            "PEA/scoping",
            "Hill Gold Project PEA",
            "USD",
        )
        assert study.after_tax_npv == Decimal("412.5") * M
        assert study.discount_rate_pct == Decimal(5)
        assert study.after_tax_irr_pct == Decimal("23.4")
        assert study.initial_capex == 285 * M and study.sustaining_capex == 96 * M
        assert (study.aisc, study.cost_unit) == (Decimal(1105), "USD/oz")
        assert (study.mine_life_years, study.payback_years) == (Decimal(11), Decimal("2.8"))
        assert study.publication_date == date(2025, 3, 4)
        assert study.source == "hill-gold-pea.txt"
        sources = {row.field: row for row in sources_for(session, "study", study.id or 0)}
        assert set(sources) == {
            "study_type",
            "currency",
            "after_tax_npv",
            "discount_rate_pct",
            "after_tax_irr_pct",
            "initial_capex",
            "sustaining_capex",
            "aisc",
            "cost_unit",
            "mine_life_years",
            "payback_years",
            "price Au",
        }
        assert sources["after_tax_npv"].source == "hill-gold-pea.txt"
        assert sources["after_tax_npv"].quote == (
            "The after-tax NPV5% is US$412.5 million with an after-tax IRR of 23.4%."
        )
        assert sources["mine_life_years"].quote == (
            "All-in sustaining costs average US$1,105/oz over a mine life of 11 years."
        )
        assert sources["price Au"].quote == "The base case assumes a gold price of US$2,150/oz."
        assert prices_of(session, study.id or 0) == [
            PriceAssumption("Au", Decimal(2150), "USD", "oz")
        ]
        event = session.get(Event, saved.event_id)
        assert event is not None
        assert (event.kind, event.title, event.event_date) == (
            "study",
            "Hill Gold Project PEA",
            date(2025, 3, 4),
        )
        assert event.project_id == project.id
        company = session.get(Company, event.company_id)
        assert company is not None and company.name == "Hill Gold Corp."
        assert event.source == "hill-gold-pea.txt"
        assert event.description is not None and "US$412.5 million" in event.description
    assert [kind for kind, _ in saved.created] == ["company", "project", "study", "event"]


def test_a_refused_save_says_why_and_writes_nothing(engine: Engine) -> None:
    capture = study_capture()
    del capture.figures["discount_rate"]
    with pytest.raises(ValidationError) as refused:
        save(engine, capture, **new_names(capture))
    assert str(refused.value) == "discount_rate_pct (empty): is required when an NPV is given"
    for model in (Company, Project, Study, Event, FigureSource):
        assert count(engine, model) == 0, model.__name__


def test_an_event_without_a_date_is_refused_and_nothing_is_written(engine: Engine) -> None:
    capture = study_capture()
    capture.release_date = None
    with pytest.raises(ValidationError, match="publication_date \\(empty\\): is required"):
        save(engine, capture, **new_names(capture))
    assert count(engine, Study) == count(engine, Project) == count(engine, FigureSource) == 0


def test_the_same_study_is_updated_and_the_update_undone_and_redone(engine: Engine) -> None:
    company_id, project_id, study_id = existing_pea(engine)
    capture = study_capture()
    saved = save(
        engine, capture, project=Pick(project_id, "Hill Gold"), company=Pick(company_id, "x")
    )
    assert saved.record_id == study_id and ("study", study_id) not in saved.created
    assert count(engine, Study) == 1
    with Session(engine) as session:
        study = session.get(Study, study_id)
        assert study is not None
        assert study.after_tax_npv == Decimal("412.5") * M
        assert study.qualified_person == "J. Smith"
        npv_sources = [
            r.source for r in sources_for(session, "study", study_id) if r.field == "after_tax_npv"
        ]
        assert npv_sources == ["hill-gold-pea.txt"]

    with transaction(engine) as session:
        removed = undo_save(session, saved)
    with Session(engine) as session:
        study = session.get(Study, study_id)
        assert study is not None and study.after_tax_npv == 300 * M
        assert study.initial_capex is None
        assert [(r.field, r.source) for r in sources_for(session, "study", study_id)] == [
            ("after_tax_npv", "old.pdf")
        ]
    assert count(engine, Event) == 0

    with transaction(engine) as session:
        redo_save(session, saved, removed)
    with Session(engine) as session:
        study = session.get(Study, study_id)
        assert study is not None and study.after_tax_npv == Decimal("412.5") * M
        fields = sorted(r.field for r in sources_for(session, "study", study_id))
        assert len(fields) == 12 and "old.pdf" not in {
            r.source for r in sources_for(session, "study", study_id)
        }
        assert session.get(Event, saved.event_id) is not None


def test_undo_removes_the_new_study_its_sources_event_project_and_company(engine: Engine) -> None:
    capture = study_capture()
    saved = save(engine, capture, **new_names(capture))
    with transaction(engine) as session:
        removed = undo_save(session, saved)
    for model in (Company, Project, Study, Event, FigureSource):
        assert count(engine, model) == 0, model.__name__
    with transaction(engine) as session:
        redo_save(session, saved, removed)
    with Session(engine) as session:
        study = session.get(Study, saved.record_id)
        assert study is not None and study.after_tax_npv == Decimal("412.5") * M
        assert len(sources_for(session, "study", saved.record_id)) == 12
        assert session.get(Event, saved.event_id) is not None
    assert count(engine, Company) == count(engine, Project) == 1


DEAL_TEXT = (
    "Rock Ridge Metals Inc. has signed an option agreement with Copper Crest Ltd. to earn up to "
    "75% of the Dome copper project in three stages. Rock Ridge will pay C$250,000 in cash on "
    "signing. The first stage earns 51%. A second stage earns a further 19%. A third stage "
    "earns a further 5%."
)


def deal_capture() -> Capture:
    capture = capture_of(
        DEAL_TEXT,
        "deal",
        {
            "company": ("Rock Ridge Metals Inc.", "Rock Ridge Metals Inc."),
            "counterparty": ("Copper Crest Ltd.", "Copper Crest Ltd."),
            "project": ("Dome copper project", "Dome"),
            "deal_type": ("option agreement", "option"),
            "interest_pct": ("75%", Decimal(75)),
            "cash": ("C$250,000", Decimal(250000)),
            "cash_currency": ("C$", "CAD"),
        },
        source="https://example.com/rock-ridge",
        released=date(2025, 6, 2),
    )
    capture.obligations = [
        {
            "kind": figure(DEAL_TEXT, "kind", "in cash", "cash"),
            "amount": figure(DEAL_TEXT, "amount", "C$250,000", Decimal(250000)),
            "currency": figure(DEAL_TEXT, "currency", "C$", "CAD"),
            "due_text": figure(DEAL_TEXT, "due_text", "on signing", "on signing"),
        }
    ]
    capture.steps = [
        {"interest_pct": figure(DEAL_TEXT, "interest_pct", words, Decimal(pct))}
        for words, pct in (("earns 51%", 51), ("further 19%", 19), ("further 5%", 5))
    ]
    return capture


def test_a_deal_is_saved_with_its_terms_sources_and_a_deal_event(engine: Engine) -> None:
    capture = deal_capture()
    saved = save(
        engine,
        capture,
        project=Pick(None, "Dome"),
        company=Pick(None, "Rock Ridge Metals Inc."),
        counterparty=Pick(None, "Copper Crest Ltd."),
    )
    with Session(engine) as session:
        deal = session.get(Deal, saved.record_id)
        assert deal is not None
        assert (deal.deal_type, deal.status, deal.interest_pct) == (
            "option/earn-in",
            "definitive agreement",
            Decimal(75),
        )
        assert (deal.consideration, deal.consideration_currency) == (Decimal(250000), "CAD")
        acquirer = session.get(Company, deal.acquirer_id)
        other = session.get(Company, deal.counterparty_id)
        assert acquirer is not None and acquirer.name == "Rock Ridge Metals Inc."
        assert other is not None and other.name == "Copper Crest Ltd."
        steps = session.exec(select(DealStep).where(DealStep.deal_id == deal.id)).all()
        assert [step.interest_pct for step in steps] == [51, 19, 5]
        obligations = session.exec(
            select(DealObligation).where(DealObligation.deal_id == deal.id)
        ).all()
        assert [(o.kind, o.amount, o.currency, o.description) for o in obligations] == [
            ("cash", Decimal(250000), "CAD", "on signing")
        ]
        sources = {row.field: row.quote for row in sources_for(session, "deal", saved.record_id)}
        assert set(sources) == {
            "deal_type",
            "interest_pct",
            "consideration",
            "consideration_currency",
        }
        assert sources["consideration"] == "Rock Ridge will pay C$250,000 in cash on signing."
        event = session.get(Event, saved.event_id)
        assert event is not None
        assert (event.kind, event.event_date, event.source) == (
            "deal",
            date(2025, 6, 2),
            "https://example.com/rock-ridge",
        )


def test_drill_results_are_kept_as_an_event_with_the_intercepts(engine: Engine) -> None:
    text = "Hole DDH-7 returned 12.0 m at 3.1 g/t Au from 100.0 m."
    capture = capture_of(text, "drill", {}, released=date(2025, 1, 9), title="Drill results")
    capture.holes = [
        {
            "hole": figure(text, "hole", "DDH-7", "DDH-7"),
            "interval_m": figure(text, "interval_m", "12.0 m", Decimal("12.0")),
            "grade": figure(text, "grade", "3.1", Decimal("3.1")),
            "grade_unit": figure(text, "grade_unit", "g/t Au", "g/t Au"),
            "from_m": figure(text, "from_m", "100.0 m", Decimal("100.0")),
        }
    ]
    saved = save(engine, capture, project=Pick(None, "Hill"))
    with Session(engine) as session:
        event = session.get(Event, saved.event_id)
        assert event is not None
        assert (event.kind, event.title) == ("drill result", "Drill results")
        assert event.description == "DDH-7: 12.0 m at 3.1 g/t Au from 100.0 m\n\n" + text
        assert [(r.field, r.quote) for r in sources_for(session, "event", saved.event_id)] == [
            ("description", text)
        ]


def test_companies_match_by_ticker_and_fuzzy_name_and_projects_by_name(engine: Engine) -> None:
    company_id, project_id, _ = existing_pea(engine)
    with transaction(engine) as session:
        other = create_company(session, Company(name="Hilltop Silver Ltd"))
        create_project(session, Project(name="Hill Golden Creek"))
        create_project(session, Project(name="Copper Dome"))
    assert tickers_in(STUDY_TEXT) == [("TSXV", "HGC")]
    with Session(engine) as session:
        by_ticker = company_candidates(session, "Unrelated name", [("TSXV", "HGC")])
        assert [(c.record_id, c.score) for c in by_ticker] == [(company_id, 1.0)]
        by_name = company_candidates(session, "Hill Gold Corp.")
        assert [c.name for c in by_name][:1] == ["Hill Gold Corp"]
        assert by_name[0].score == 1.0
        assert other.id not in [c.record_id for c in company_candidates(session, "Copper Crest")]
        projects = project_candidates(session, "the Hill Gold Project", company_id)
        assert [c.name for c in projects] == ["Hill Gold", "Hill Golden Creek"]
        assert projects[0].record_id == project_id and projects[0].score == 1.0
        assert 0.6 <= projects[1].score < 0.95
        assert project_candidates(session, "Tchaikovsky") == []


def test_a_saved_release_logs_each_record_it_added(engine: Engine) -> None:
    from tracker.changelog import history

    capture = study_capture()
    saved = save(engine, capture, **new_names(capture))
    with Session(engine) as session:
        logged = {
            kind: [(c.action, c.new) for c in history(session, kind, record_id)]
            for kind, record_id in saved.created
        }
    assert logged["study"] == [("created", "Hill Gold Project PEA")]
    assert logged["project"] == [("created", "Hill Gold Project")]
    assert set(logged) == {"company", "project", "study", "event"}
