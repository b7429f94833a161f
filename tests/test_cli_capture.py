"""``mining-tracker capture``: the JSON object, the readable table, standard input, refusals."""

import io
import json
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run

CORPUS = Path(__file__).parent / "capture" / "corpus"
STUDY = CORPUS / "study_silver_pfs_spot_base.txt"


def test_json_prints_the_object_with_exact_numbers(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "capture", str(STUDY), "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    expected = json.loads((CORPUS / f"{STUDY.stem}.json").read_text(), parse_float=Decimal)
    assert data == expected


def test_plain_output_is_a_table_of_figures_with_their_sentences(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "capture", str(STUDY)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "study_silver_pfs_spot_base.txt: study results"
    assert lines[1].split() == ["Field", "Value", "From"]
    irr = next(line for line in lines if line.startswith("irr "))
    assert irr.split()[1] == "34" and "the after-tax IRR is 34%" in irr
    assert any(line.startswith("spot: npv ") and " 512 " in line for line in lines)


def test_ambiguities_are_listed_for_the_person(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = CORPUS / "study_gold_pea_two_rates.txt"
    assert run(["--db", str(db_path), "capture", str(release)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Left for you to check:" in out
    assert "npv: npv is given as 265, 198 for the base case" in out
    assert not any(line.startswith("npv ") for line in out.splitlines())


def test_a_drill_release_prints_its_intercepts(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = CORPUS / "drill_lithium_table.txt"
    assert run(["--db", str(db_path), "capture", str(release)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line.startswith("WN-25-")]
    assert rows[1] == ["WN-25-007", "30", "41.5", "11.5", "2.21", "%", "Li2O", "yes"]
    assert len(rows) == 4


def test_standard_input_is_read_when_the_file_is_a_dash(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "<html><body><p>" + STUDY.read_text().replace("\n\n", "</p><p>") + "</p></body></html>"
    monkeypatch.setattr("sys.stdin", io.StringIO(page))
    assert run(["--db", str(db_path), "capture", "-", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["npv"] == 318 and data["alt_cases"][0]["npv"] == 512


def test_an_unreadable_file_is_one_line_and_exit_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "capture", str(tmp_path / "gone.pdf")]) == EXIT_REFUSED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "mining-tracker: gone.pdf: no such file; nothing was written"
    ]


def test_no_file_is_a_usage_error(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        run(["--db", str(db_path), "capture"])
    assert raised.value.code == EXIT_USAGE
    assert "FILE|-" in capsys.readouterr().err


def test_save_writes_the_study_its_sources_and_the_event(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = json.loads((CORPUS / f"{STUDY.stem}.json").read_text(), parse_float=Decimal)
    assert run(["--db", str(db_path), "capture", str(STUDY), "--save"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Saved ") and f"from {STUDY.name}" in out
    with closing(sqlite3.connect(db_path)) as connection:
        studies = connection.execute("select study_type, after_tax_irr_pct from study").fetchall()
        assert [kind for kind, _irr in studies] == [expected["study_type"]]
        assert Decimal(studies[0][1]) / 10**6 == expected["irr"]
        sources = connection.execute("select field, source, quote from figure_source").fetchall()
        irr = next(row for row in sources if row[0] == "after_tax_irr_pct")
        assert irr[1] == STUDY.name and "IRR is 34%" in irr[2]
        events = connection.execute("select kind, source from event").fetchall()
        assert events == [("study", STUDY.name)]


def test_save_again_updates_the_same_study_on_the_same_project(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert run(["--db", str(db_path), "capture", str(STUDY), "--save"]) == EXIT_OK
    capsys.readouterr()
    with closing(sqlite3.connect(db_path)) as connection:
        for table, rows in (("project", 1), ("company", 1), ("study", 1)):
            assert connection.execute(f"select count(*) from {table}").fetchone()[0] == rows


def test_save_on_a_read_only_database_is_refused_and_writes_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "list", "projects"]) == EXIT_OK
    db_path.chmod(0o444)
    try:
        assert run(["--db", str(db_path), "capture", str(STUDY), "--save"]) == EXIT_REFUSED
    finally:
        db_path.chmod(0o644)
    assert "is read-only" in capsys.readouterr().err
    with closing(sqlite3.connect(db_path)) as connection:
        for table in ("study", "event", "figure_source"):
            assert connection.execute(f"select count(*) from {table}").fetchone()[0] == 0


def test_a_deal_prints_its_obligations_with_their_schedule(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = CORPUS / "deal_uranium_option_bullets.txt"
    assert run(["--db", str(db_path), "capture", str(release)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Obligation")))
    rows = [line.split(maxsplit=3) for line in lines[start + 2 :]]
    assert rows[:2] == [
        ["cash", "50000", "CAD", "on signing"],
        ["cash", "75000", "CAD", "on the first anniversary"],
    ]
    assert ["work", "3000000", "CAD", "by the third anniversary"] in rows
    cash = next(line for line in lines if line.startswith("cash "))
    assert cash.split()[1] == "225000"
