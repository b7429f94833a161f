"""The command line's ``list --search`` and the window's search box find the same rows.

Both run the one list layer (``tracker.lists``); this test holds them to it on names with
accents and case that a database's own ``LIKE`` would treat differently per backend.
"""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from cli import EXIT_OK, run
from tests.domain_factories import add_company, add_project
from tracker.filters import Criteria
from tracker.models import Deal
from tracker.services.companies import ListingSpec
from tracker.services.deals import create_deal
from ui.models.row_table import RowTableModel
from ui.sections.specs import SECTIONS

pytestmark = pytest.mark.gui

#: Typed as a user might: other case, with and without accents, a symbol, a commodity name.
SEARCHES = (
    "éléonore",
    "ÉLÉONORE",
    "eleonore",
    "QUÉBEC",
    "quebec",
    "strasse",
    "STRASSE",
    "Straße",
    "compañía",
    "COMPAÑÍA",
    "au",
    "gold",
    "nord",
    "ÑU",
)


@pytest.fixture
def names(session: Session) -> dict[str, dict[str, int]]:
    """Projects, companies and deals whose names need Unicode case folding; ids by list and
    name (or title)."""
    minera = add_company(session, "Compañía Minera Ñu", [ListingSpec("BVL", "ÑU")])
    nord = add_company(session, "NORDIC GOLD AB")
    projects = [
        add_project(
            session, "Éléonore", [(minera, "100", True)], ["Au"], country="Canada", region="Québec"
        ),
        add_project(session, "ELEONORE NORD", [(nord, "100", True)], ["Cu"], region="Quebec"),
        add_project(session, "Straße Hill", [(nord, "60", True)], ["Au", "Ag"], country="Germany"),
        add_project(session, "Mañana", [(minera, "100", True)], ["Zn"], country="Peru"),
    ]
    by_name = {p.name: p.id for p in projects}
    deals = [
        create_deal(
            session,
            Deal(
                title=title,
                deal_type="option/earn-in",
                status="proposed",
                project_id=by_name[project],
                acquirer_id=acquirer.id,
                announced_date=date(2025, month, 1),
            ),
        )
        for month, (title, project, acquirer) in enumerate(
            (
                ("Option on Straße Hill", "Straße Hill", minera),
                ("ÉLÉONORE earn-in", "Éléonore", nord),
                ("Opción Mañana", "Mañana", nord),
            ),
            start=1,
        )
    ]
    session.commit()
    return {
        "projects": {p.name: p.id or 0 for p in projects},
        "companies": {c.name: c.id or 0 for c in (minera, nord)},
        "deals": {d.title: d.id or 0 for d in deals},
    }


def cli_ids(
    capsys: pytest.CaptureFixture[str], engine: Engine, kind: str, text: str, ids: dict[str, int]
) -> list[int]:
    """The ids of the rows ``list KIND --search TEXT`` prints, in its order (by their names)."""
    url = engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert run(["--db", url, "list", kind, "--search", text]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    if lines == [f"No {kind} match '{text}'."]:
        return []
    # A header line and a rule, then one row a line, the name first.
    return [ids[line.split("  ")[0]] for line in lines[2:]]


def window_ids(engine: Engine, kind: str, text: str) -> list[int]:
    """The ids the window's list shows once ``text`` is typed into its search box, key by key."""
    spec = next(section for section in SECTIONS if section.key == kind)
    with Session(engine) as session:
        rowset = spec.load(session, None)
    model: RowTableModel[tuple[object, ...]] = RowTableModel(spec.table)
    model.set_rowset(rowset)
    for typed in range(1, len(text) + 1):
        model.set_criteria(Criteria(text=text[:typed]))
    return [model.id_at(row) for row in range(model.rowCount())]


@pytest.mark.parametrize("kind", ["projects", "companies", "deals"])
def test_the_command_line_and_the_search_box_find_the_same_rows(
    qapp: object,
    capsys: pytest.CaptureFixture[str],
    engine: Engine,
    names: dict[str, dict[str, int]],
    kind: str,
) -> None:
    ids = names[kind]
    found = {text: window_ids(engine, kind, text) for text in SEARCHES}
    for text, shown in found.items():
        assert cli_ids(capsys, engine, kind, text, ids) == shown, text
    # Not a comparison of two empty lists: case folds, whole symbols match, trade words work.
    projects = names["projects"]
    if kind == "projects":
        assert found["ÉLÉONORE"] == found["éléonore"] == [projects["Éléonore"]]
        assert found["STRASSE"] == found["Straße"] == [projects["Straße Hill"]]
        assert found["QUÉBEC"] == [projects["Éléonore"]]
        gold = {projects["Éléonore"], projects["Straße Hill"]}
        assert set(found["au"]) == gold  # a symbol matches whole: not "Straße" nor "Mañana"
        assert set(found["gold"]) == gold | {projects["ELEONORE NORD"]}  # NORDIC GOLD AB's
        assert set(found["ÑU"]) == {projects["Éléonore"], projects["Mañana"]}  # owner's ticker
    elif kind == "companies":
        assert found["COMPAÑÍA"] == found["compañía"] == [ids["Compañía Minera Ñu"]]
        assert found["gold"] == [ids["Compañía Minera Ñu"], ids["NORDIC GOLD AB"]]
    else:
        assert found["STRASSE"] == [ids["Option on Straße Hill"]]
        assert found["éléonore"] == [ids["ÉLÉONORE earn-in"]]  # its title and its project's
        assert found["compañía"] == [ids["Option on Straße Hill"]]  # the acquirer
        assert found["au"] == [ids["ÉLÉONORE earn-in"], ids["Option on Straße Hill"]]
