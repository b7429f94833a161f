"""``import --map``, ``--default``, ``--preset`` and the exit statuses, as a person runs them on
the watchlist of issue 12 (its study type is in a column headed 'Latest study', no rate)."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run
from cli.import_options import map_option
from tracker.enums import StudyType
from tracker.excel.fields import all_fields
from tracker.excel.presets import Preset, save_preset
from tracker.models import Company, Listing, Project, Study

HEADERS = [
    "Company", "Ticker", "Project name", "Country", "Commodities", "Stage", "Latest study",
    "Study date", "Post-tax NPV (US$M)", "IRR", "Initial capex (US$M)",
]  # fmt: skip


def watchlist(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Watchlist"
    sheet.append(["My juniors"])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(["Moon River Moly", "TSXV:MOO", "Davidson", "Canada", "Mo", "PFS", "PFS",
                  datetime(2024, 3, 5), 412.5, 25, 300])  # fmt: skip
    sheet.append(["Argentum Ridge", "ABX.TO", "Silver Spur", "Canada", "Ag", "PEA", "PEA",
                  datetime(2023, 6, 1), 120, 30, 90])  # fmt: skip
    sheet.append(["Cobre Norte", "CNO.V", "El Alto", "Chile", "Cu", "PEA", None, None, None,
                  None, None])  # fmt: skip
    book.save(path)
    return path


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def studies(engine: Engine) -> dict[str, tuple[str, Decimal | None, Decimal | None, date | None]]:
    """Project name -> (study type, NPV, discount rate, date) of every study."""
    with Session(engine) as session:
        rows = session.exec(select(Study, Project).where(Study.project_id == Project.id)).all()
        return {
            p.name: (s.study_type, s.after_tax_npv, s.discount_rate_pct, s.publication_date)
            for s, p in rows
        }


def test_map_and_default_bring_the_study_type_and_rate_in(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = watchlist(tmp_path / "watch.xlsx")
    options = ["--map", "Latest study=study type", "--default", "discount rate=8"]
    assert run(["import", str(path), "--db", str(db_path), *options]) == EXIT_OK
    out = capsys.readouterr()
    assert "Imported watch.xlsx: 3 rows created" in out.out
    assert out.err == ""
    assert studies(engine) == {
        "Davidson": (StudyType.PFS, Decimal("412500000"), Decimal(8), date(2024, 3, 5)),
        "Silver Spur": (StudyType.PEA, Decimal("120000000"), Decimal(8), date(2023, 6, 1)),
    }, "El Alto gives no study, so its row gets no default rate and no study"
    assert count(engine, Project) == 3


def test_dry_run_prints_the_mapping_with_the_defaults_and_writes_nothing(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = watchlist(tmp_path / "watch.xlsx")
    options = ["--map", "latest  STUDY=Study type", "--map", "Ticker=ignore"]
    argv = ["import", str(path), "--db", str(db_path), "--dry-run", *options]
    assert run([*argv, "--default", "discount rate=8 %"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[:13] == [
        "Mapping of sheet 'Watchlist' (headers in row 3):",
        "  Company -> company",
        "  Ticker -> (ignored)",
        "  Project name -> project",
        "  Country -> project country",
        "  Commodities -> project commodities",
        "  Stage -> project stage",
        "  Latest study -> study type",
        "  Study date -> study published",
        "  Post-tax NPV (US$M) -> study after-tax npv",
        "  IRR -> study after-tax irr",
        "  Initial capex (US$M) -> study initial capex",
        "  default: study discount rate = 8 %",
    ]
    assert lines[-1] == "Dry run: nothing was written."
    assert count(engine, Project) == count(engine, Study) == 0


def test_parts_left_out_exit_1_and_say_how_to_fix_them(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the column of study types left out, the studies have no type: they are left out,
    the projects go in. (Unmapped, the column would be read as the study type by its values.)"""
    path = watchlist(tmp_path / "watch.xlsx")
    ignored = ["--map", "Latest study=ignore"]
    assert run(["import", str(path), "--db", str(db_path), *ignored]) == EXIT_REFUSED
    err = capsys.readouterr().err.splitlines()
    problem = "[Type (no column)] (empty): is required to import the study's figures. Fix: "
    fix = "column 'Latest study' looks like the study type: map it"
    assert err == [
        f"  Watchlist!4 {problem}{fix}",
        f"  Watchlist!5 {problem}{fix}",
        "Left out: 0 rows; imported in part: 2 rows. Fix what each problem says and import "
        "again (what went in is matched, not added twice).",
    ]
    assert count(engine, Project) == count(engine, Company) == 3
    assert count(engine, Study) == 0
    # Done as the fix says: the studies join the projects already there, nothing twice.
    argv = ["import", str(path), "--db", str(db_path), "--map", "Latest study=study type"]
    assert run(argv) == EXIT_OK
    assert count(engine, Project) == 3
    assert sorted(studies(engine)) == ["Davidson", "Silver Spur"]
    assert studies(engine)["Davidson"][2] is None, "the rate is not stated"


def test_a_preset_maps_the_columns_and_gives_its_defaults(
    engine: Engine, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    columns: dict[str, str | None] = {"Latest study": "study.study_type", "Ticker": None}
    save_preset(Preset("My juniors", columns, 2, {"study.discount_rate_pct": "5"}))
    path = watchlist(tmp_path / "watch.xlsx")
    argv = ["import", str(path), "--db", str(db_path), "--preset", "my JUNIORS"]
    assert run([*argv, "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "  Latest study -> study type\n" in out and "  Ticker -> (ignored)\n" in out
    assert "  default: study discount rate = 5\n" in out
    assert run([*argv, "--default", "discount rate=10"]) == EXIT_OK, "an option wins"
    assert {name: rate for name, (_t, _n, rate, _d) in studies(engine).items()} == {
        "Davidson": Decimal(10),
        "Silver Spur": Decimal(10),
    }
    assert count(engine, Company) == 3
    assert count(engine, Listing) == 0, "the preset ignores the Ticker column"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--map", "Latest study=kind of study"], "'kind of study' is not a field name; the "
         "fields are: company, company listings, company website"),
        (["--map", "Latest study"], "'Latest study' is not COLUMN=FIELD"),
        (["--map", "Latest study=type"], "'type' could be any of 'study type', 'deal type', "
         "'deal obligation kind', 'event kind', 'transaction kind': write one of them"),
        (["--default", "discount rate=lots"], "the default for 'study discount rate', 'lots', "
         "is not a number"),
        (["--default", "discount rate=45"], "the default for 'study discount rate', '45', "
         "must be at most 30 %"),
        (["--default", "rate of return=8"], "'rate of return' is not a field name"),
    ],
)  # fmt: skip
def test_a_bad_option_is_a_usage_error_naming_the_fields(
    option: list[str],
    message: str,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = watchlist(tmp_path / "watch.xlsx")
    with pytest.raises(SystemExit) as stopped:
        run(["import", str(path), "--db", str(db_path), *option])
    assert stopped.value.code == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not db_path.exists(), "stopped before the database was opened"


def test_every_field_the_error_lists_is_a_name_the_options_take(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = watchlist(tmp_path / "watch.xlsx")
    with pytest.raises(SystemExit):
        run(["import", str(path), "--db", str(db_path), "--map", "Latest study=sort"])
    listed = capsys.readouterr().err.split("the fields are: ")[1].split()
    names = " ".join(listed).split(", ")
    assert len(names) == len(all_fields())
    assert {"study type", "study discount rate", "project stage", "deal type"} <= set(names)
    for name, fld in zip(names, all_fields(), strict=True):
        assert map_option(f"Latest study={name}") == ("Latest study", fld)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--map", "Latest studies=study type"], "--map names a column 'Latest studies' that "
         "no sheet has; the columns are: 'Commodities', 'Company', 'Country', 'Initial capex "
         "(US$M)', 'IRR', 'Latest study'"),
        (["--preset", "Nobody's"], "no preset is called 'Nobody's' (saved presets: none yet)"),
    ],
)  # fmt: skip
def test_an_option_that_does_not_fit_the_file_exits_2_and_writes_nothing(
    option: list[str],
    message: str,
    engine: Engine,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = watchlist(tmp_path / "watch.xlsx")
    assert run(["import", str(path), "--db", str(db_path), *option]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"mining-tracker import: error: {message}")
    assert count(engine, Project) == 0


def test_help_documents_the_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["import", "--help"])
    out = capsys.readouterr().out
    assert "exit status:\n  0  every row went in" in out
    assert "  1  rows or parts of rows were left out" in out
    assert "  2  usage error" in out
