"""Record versions and the change log, on SQLite and PostgreSQL: two people on one database."""

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from db.engine import make_engine
from db.session import Transactions, transaction
from tests.domain_factories import add_company, add_project, row_counts
from tracker import changelog, edits, overtaken, records, snapshots
from tracker.errors import NotFoundError, TrackerError
from tracker.excel.importer import read_source, run_import
from tracker.models import Company, Project
from tracker.overtaken import OvertakenError
from tracker.services.companies import ListingSpec, update_company
from tracker.services.projects import OwnerShare, StageEntry, record_stage, update_project
from tracker.snapshots import Snapshot
from tracker.versions import StaleRecordError


@pytest.fixture
def other_engine(engine: Engine) -> Iterator[Engine]:
    """A second engine on the same database: another person's copy of the app."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    yield other
    other.dispose()


def edit_company(website: str, notes: str | None = None) -> Callable[[Session], object]:
    def job(session: Session) -> object:
        stored = session.get(Company, 1)
        assert stored is not None
        changed = Company(
            name=stored.name,
            website=website,
            reporting_currency=stored.reporting_currency,
            notes=notes if notes is not None else stored.notes,
        )
        return update_company(session, 1, changed, [ListingSpec("TSXV", "MOO")])

    return job


def version_of(engine: Engine, model: type[Company] | type[Project], record_id: int) -> int:
    with engine.connect() as connection:
        table = SQLModel.metadata.tables[str(model.__tablename__)]
        found = connection.execute(sa_select(table.c.version).where(table.c.id == record_id))
        return int(found.scalar_one())


def seed(engine: Engine) -> None:
    with transaction(engine) as session:
        company = add_company(session, "Moon River Moly", [ListingSpec("TSXV", "MOO")])
        add_project(session, "Davidson", [(company, "100", True)], ["Mo"])


def test_every_save_moves_the_version_on(engine: Engine) -> None:
    seed(engine)
    assert version_of(engine, Company, 1) == 1
    with transaction(engine) as session:
        edits.save_edit(session, "company", 1, 1, edit_company("https://moonriver.example"))
    assert version_of(engine, Company, 1) == 2
    # A write that is not a form's (a service called directly) moves it on too.
    with transaction(engine) as session:
        update_company(session, 1, Company(name="Moon River Moly Corp"))
    assert version_of(engine, Company, 1) == 3
    # So does undoing an edit, which writes the old values back.
    with transaction(engine) as session:
        before = snapshots.capture_own(session, "company", 1)
        edits.save_edit(session, "company", 1, 3, edit_company("https://b.example"))
    with transaction(engine) as session:
        snapshots.replace(session, before)
    assert version_of(engine, Company, 1) == 5


def test_a_save_against_an_old_copy_is_refused_and_writes_nothing(
    engine: Engine, other_engine: Engine
) -> None:
    seed(engine)
    changelog.sign(engine, "alice")
    changelog.sign(other_engine, "bob")
    # Both open the company at version 1; Bob saves first.
    with transaction(other_engine) as session:
        edits.save_edit(session, "company", 1, 1, edit_company("https://bob.example", "Bob's"))
    entries_before = len(_all_entries(engine))
    with pytest.raises(StaleRecordError) as refused, transaction(engine) as session:
        edits.save_edit(session, "company", 1, 1, edit_company("https://alice.example"))
    error = refused.value
    assert (error.loaded, error.stored, error.who) == (1, 2, "bob")
    assert "changed by bob" in str(error) and "nothing was saved" in str(error)
    with Session(engine) as session:
        company = session.get(Company, 1)
        assert company is not None
        assert (company.website, company.notes, company.version) == (
            "https://bob.example",
            "Bob's",
            2,
        )
    assert len(_all_entries(engine)) == entries_before, "a refused save logs nothing"
    # Saving again against the version now stored goes through.
    with transaction(engine) as session:
        edits.save_edit(session, "company", 1, 2, edit_company("https://alice.example"))
    assert version_of(engine, Company, 1) == 3


def test_saving_a_record_someone_deleted_says_so(engine: Engine, other_engine: Engine) -> None:
    seed(engine)
    with transaction(other_engine) as session:
        records.delete_record(session, "project", 1)
    with pytest.raises(NotFoundError, match="deleted by someone else"), transaction(engine) as s:
        edits.save_edit(s, "project", 1, 1, lambda _session: None)


def _all_entries(engine: Engine) -> list[changelog.Change]:
    with Session(engine) as session:
        return changelog.since(session, changelog.OVERLAP)


def test_the_log_says_who_changed_which_field_from_what_to_what(
    engine: Engine, other_engine: Engine
) -> None:
    changelog.sign(engine, "alice")
    bob = changelog.sign(other_engine, "bob")
    with transaction(engine) as session:
        edits.save_new(
            session,
            "company",
            lambda s: add_company(s, "Moon River Moly", [ListingSpec("TSXV", "MOO")]).id or 0,
        )
    with transaction(other_engine) as session:
        edits.save_edit(session, "company", 1, 1, edit_company("https://moonriver.example"))
    with transaction(engine) as session:
        edits.save_edit(
            session,
            "company",
            1,
            2,
            lambda s: update_company(
                s,
                1,
                Company(name="Moon River Moly", shares_outstanding=Decimal("152400000.5")),
                [ListingSpec("TSXV", "MOO"), ListingSpec("OTCQB", "MOOMF")],
            ),
        )
    with Session(engine) as session:
        shown = [
            (c.who, c.action, c.field, c.old, c.new)
            for c in changelog.history(session, "company", 1)
        ]
    # Newest first; one save's fields in the order of the row, then its parts.
    assert shown == [
        ("alice", "changed", "listings", "TSXV, MOO", "OTCQB, MOOMF; TSXV, MOO"),
        ("alice", "changed", "shares_outstanding", None, "152400000.5"),
        ("alice", "changed", "website", "https://moonriver.example", None),
        ("bob", "changed", "website", None, "https://moonriver.example"),
        ("alice", "created", None, None, "Moon River Moly"),
    ]
    with Session(engine) as session:
        entries = changelog.history(session, "company", 1)
    assert entries[3].origin == bob.origin and entries[0].origin != bob.origin
    assert all(entry.at.date() >= date(2026, 1, 1) for entry in entries)


def test_owners_are_logged_by_name_and_deletes_and_undo_too(engine: Engine) -> None:
    seed(engine)
    with transaction(engine) as session:
        atlas = add_company(session, "Atlas Gold")

        def job(s: Session) -> object:
            owners = [OwnerShare(1, Decimal(60), True), OwnerShare(atlas.id or 0, Decimal(40))]
            return update_project(s, 1, Project(name="Davidson"), owners=owners)

        edits.save_edit(session, "project", 1, 1, job)
    with transaction(engine) as session:
        snapshot = records.delete_record(session, "project", 1)
    with transaction(engine) as session:
        snapshots.restore(session, snapshot)
    with Session(engine) as session:
        shown = [
            (c.action, c.field, c.old, c.new) for c in changelog.history(session, "project", 1)
        ]
    assert shown == [
        ("restored", None, None, None),
        ("deleted", None, "Davidson", None),
        (
            "changed",
            "owners",
            "Moon River Moly, 100, operator",
            "Atlas Gold, 40; Moon River Moly, 60, operator",
        ),
    ]


def test_an_import_logs_one_entry_per_record_and_gives_version_one(
    engine: Engine, tmp_path: Path
) -> None:
    changelog.sign(engine, "importer")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(["Company Name", "Project", "Country"])
    sheet.append(["Moon River Moly", "Davidson", "Canada"])
    sheet.append(["Argentum Ridge", "Silver Spur", "USA"])
    path = tmp_path / "watch.xlsx"
    book.save(path)
    run_import(Transactions(engine), read_source(path))
    with Session(engine) as session:
        stored = [
            *session.execute(select(Project.version)),
            *session.execute(select(Company.version)),
        ]
        assert [version for (version,) in stored] == [1, 1, 1, 1]
        entries = changelog.since(session, changelog.OVERLAP)
    assert sorted((e.kind, e.action, e.who) for e in entries) == [
        ("company", "imported", "importer"),
        ("company", "imported", "importer"),
        ("project", "imported", "importer"),
        ("project", "imported", "importer"),
    ]
    sheet["C2"] = "Chile"
    book.save(path)
    run_import(Transactions(engine), read_source(path))
    with Session(engine) as session:
        davidson = session.exec(select(Project).where(Project.name == "Davidson")).one()
        assert (davidson.country, davidson.version) == ("Chile", 2)
        last = changelog.last_change(session, "project", davidson.id or 0)
    assert last is not None and last.action == "updated by import"
    assert row_counts(engine)["change_log"] == 5


# Undo and redo: logged like the edit, and never over someone else's later change.


def alice_edits_website(engine: Engine, website: str, loaded: int = 1) -> tuple[Snapshot, Snapshot]:
    with transaction(engine) as session:
        before, after, _label = edits.save_edit(
            session, "company", 1, loaded, edit_company(website)
        )
    return before, after


def test_undo_and_redo_of_edits_deletes_and_stage_moves_are_logged_for_others_to_see(
    engine: Engine, other_engine: Engine
) -> None:
    seed(engine)
    alice = changelog.sign(engine, "alice")
    changelog.sign(other_engine, "bob")
    with Session(other_engine) as session:
        bob_seen = changelog.latest_id(session)
    before, after = alice_edits_website(engine, "https://moonriver.example")
    with transaction(engine) as session:  # undo, then redo, the edit
        snapshots.replace(session, before)
    with transaction(engine) as session:
        snapshots.replace(session, after)
    with transaction(engine) as session:  # a stage move, as the window records it, undone
        moved_from = snapshots.capture_own(session, "project", 1)
        record_stage(session, 1, StageEntry("feasibility", date(2025, 3, 1)))
        changelog.log_edit(session, moved_from, snapshots.capture_own(session, "project", 1))
    with transaction(engine) as session:
        snapshots.replace(session, moved_from)
    with transaction(engine) as session:  # a delete, undone, redone
        deleted = records.delete_record(session, "company", 1)
    with transaction(engine) as session:
        snapshots.restore(session, deleted)
    with transaction(engine) as session:
        records.delete_record(session, "company", 1)

    with Session(engine) as session:
        company = [
            (c.who, c.action, c.field, c.old, c.new)
            for c in changelog.history(session, "company", 1)
        ]
        project = [
            (c.action, c.field, c.old, c.new) for c in changelog.history(session, "project", 1)
        ]
    assert company == [
        ("alice", "deleted", None, "Moon River Moly", None),
        ("alice", "restored", None, None, None),
        ("alice", "deleted", None, "Moon River Moly", None),
        ("alice", "changed", "website", None, "https://moonriver.example"),
        ("alice", "changed", "website", "https://moonriver.example", None),
        ("alice", "changed", "website", None, "https://moonriver.example"),
    ]
    assert project == [
        ("changed", "stage history", "feasibility, 2025-03-01", None),
        ("changed", "stage", "feasibility", None),
        ("changed", "stage history", None, "feasibility, 2025-03-01"),
        ("changed", "stage", None, "feasibility"),
    ]
    # What Bob's window polls: every one of them, under Alice's origin (not his own).
    with Session(other_engine) as session:
        _newest, entries = changelog.poll(session, bob_seen)
    fresh = [entry for entry in entries if entry.id > bob_seen]
    assert {entry.origin for entry in fresh} == {alice.origin}
    assert [(e.kind, e.action) for e in fresh if e.action != "changed"][-3:] == [
        ("company", "deleted"),
        ("company", "restored"),
        ("company", "deleted"),
    ]


def test_an_undo_someone_overtook_names_each_field_and_writes_nothing(
    engine: Engine, other_engine: Engine
) -> None:
    seed(engine)
    changelog.sign(engine, "alice")
    changelog.sign(other_engine, "bob")
    before, after = alice_edits_website(engine, "https://alice.example")
    with transaction(other_engine) as session:
        edits.save_edit(session, "company", 1, 2, edit_company("https://bob.example", "Bob's"))
    counts = row_counts(engine)
    with pytest.raises(OvertakenError) as refused, transaction(engine) as session:
        overtaken.check(session, "Edit company “Moon River Moly”", after, before)
        snapshots.replace(session, before)
    error = refused.value
    assert (error.who, error.gone, error.undoing) == ("bob", False, True)
    assert str(error).startswith(
        "Edit company “Moon River Moly” was not undone: bob changed this company at "
    )
    assert [(f.field, f.left, f.stored, f.written) for f in error.fields] == [
        ("website", "https://alice.example", "https://bob.example", None),
        ("notes", None, "Bob's", None),
    ]
    assert row_counts(engine) == counts
    with Session(engine) as session:
        company = session.get(Company, 1)
        assert company is not None
        assert (company.website, company.notes, company.version) == (
            "https://bob.example",
            "Bob's",
            3,
        )


def test_undoing_two_own_edits_in_turn_is_not_taken_for_someone_elses(engine: Engine) -> None:
    seed(engine)
    first = alice_edits_website(engine, "https://one.example")
    second = alice_edits_website(engine, "https://two.example", loaded=2)
    for before, after in (second, first):  # the stack undoes the later edit first
        with transaction(engine) as session:
            overtaken.check(session, "Edit", after, before)
            snapshots.replace(session, before)
    for before, after in (first, second):  # then redoes them in order
        with transaction(engine) as session:
            overtaken.check(session, "Edit", before, after, undoing=False)
            snapshots.replace(session, after)
    with Session(engine) as session:
        company = session.get(Company, 1)
        assert company is not None and company.website == "https://two.example"


def test_undo_into_a_record_someone_deleted_and_redo_of_a_delete_are_refused(
    engine: Engine, other_engine: Engine
) -> None:
    seed(engine)
    changelog.sign(other_engine, "bob")
    # Alice deletes the project and undoes it; Bob renames it; redoing her delete asks.
    with transaction(engine) as session:
        deleted = records.delete_record(session, "project", 1)
    with transaction(engine) as session:
        snapshots.restore(session, deleted)
    restored = overtaken.own_part(deleted)
    with transaction(engine) as session:  # nobody changed it yet: the check passes
        overtaken.check(session, "Delete project “Davidson”", restored, undoing=False)
    with transaction(other_engine) as session:
        edits.save_edit(
            session, "project", 1, 1, lambda s: update_project(s, 1, Project(name="Davidson North"))
        )
    with pytest.raises(OvertakenError) as changed, transaction(engine) as session:
        overtaken.check(session, "Delete project “Davidson”", restored, undoing=False)
    assert str(changed.value).startswith("Delete project “Davidson” was not redone: bob changed")
    assert [(f.field, f.left, f.stored, f.written) for f in changed.value.fields] == [
        ("name", "Davidson", "Davidson North", None)
    ]

    # Bob deletes the company after Alice's edit: her undo has nothing to write into.
    before, after = alice_edits_website(engine, "https://alice.example")
    with transaction(other_engine) as session:
        records.delete_record(session, "company", 1)
    with pytest.raises(OvertakenError) as gone, transaction(engine) as session:
        overtaken.check(session, "Edit company “Moon River Moly”", after, before)
    assert gone.value.gone and gone.value.fields == []
    assert "bob deleted this company" in str(gone.value)


def test_undoing_a_delete_whose_company_someone_deleted_since_says_so(
    engine: Engine, other_engine: Engine
) -> None:
    seed(engine)
    with transaction(engine) as session:
        deleted = records.delete_record(session, "project", 1)
    with transaction(other_engine) as session:
        records.delete_record(session, "company", 1)
    counts = row_counts(engine)
    with pytest.raises(TrackerError) as refused, transaction(engine) as session:
        overtaken.restore(session, "Delete project “Davidson”", deleted)
    assert str(refused.value) == (
        "Delete project “Davidson” was not undone: a record it refers to was deleted or "
        "changed since, by someone else; nothing was written."
    )
    assert row_counts(engine) == counts
