"""The command line: exit codes, one-line errors, and nothing written when input is refused."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cli.commands as commands
from cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run
from db.paths import DB_ENV_VAR
from tracker.demo import demo_data


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"select count(*) from {table}").fetchone()[0])


def test_list_on_an_empty_database_suggests_the_demo(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "list", "projects"]) == EXIT_OK
    assert "No projects yet" in capsys.readouterr().out
    assert db_path.exists()


def test_demo_then_list_shows_every_demo_project_with_its_stage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["demo", "--db", str(db_path)]) == EXIT_OK
    capsys.readouterr()
    assert run(["list", "projects", "--db", str(db_path)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["Project", "Company"]
    expected = demo_data()["projects"]
    assert len(lines) == 2 + len(expected)
    for project in expected:
        current_stage = max(project["stages"], key=lambda s: s["effective_date"])["stage"]
        assert any(
            line.startswith(project["name"] + " ") and current_stage in line for line in lines
        ), project["name"]


@pytest.mark.parametrize("kind", ["companies", "deals", "studies", "events"])
def test_every_list_prints_a_row_per_record(
    kind: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    capsys.readouterr()
    assert run(["--db", str(db_path), "list", kind]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    table = {"companies": "company", "deals": "deal", "studies": "study", "events": "event"}[kind]
    assert len(lines) - 2 == _count(db_path, table)


def test_loading_the_demo_twice_is_refused_and_changes_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    before = _count(db_path, "project")
    capsys.readouterr()
    assert run(["--db", str(db_path), "demo"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "already" in err and "nothing was written" in err
    assert len(err.strip().splitlines()) == 1
    assert _count(db_path, "project") == before


def test_invalid_data_is_refused_whole(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo whose last project has latitude 200 writes none of the companies before it."""
    data: dict[str, Any] = dict(demo_data())
    bad_project = dict(data["projects"][-1], name="Nowhere", latitude="200", studies=[])
    data["projects"] = [*data["projects"], bad_project]
    monkeypatch.setattr(commands, "load_demo", lambda session: _load(session, data))
    assert run(["--db", str(db_path), "demo"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "latitude 200: must be at most 90" in err
    assert _count(db_path, "company") == 0
    assert _count(db_path, "project") == 0


def _load(session: Any, data: dict[str, Any]) -> Any:
    from tracker.demo import load_demo

    return load_demo(session, data)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["list", "mines"])
    assert stopped.value.code == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err


def test_the_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(chosen))
    assert run(["demo"]) == EXIT_OK
    assert _count(chosen, "project") == len(demo_data()["projects"])


def test_a_file_that_is_not_a_database_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("these are my notes, not a database\n" * 100)
    before = notes.read_bytes()
    assert run(["--db", str(notes), "list", "projects"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert err.startswith("mining-tracker: cannot open the database")
    assert len(err.strip().splitlines()) == 1
    assert notes.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    with sqlite3.connect(db_path) as connection:
        connection.execute("update alembic_version set version_num = 'ffff'")
    capsys.readouterr()
    assert run(["--db", str(db_path), "list", "projects"]) == EXIT_REFUSED
    assert "newer version" in capsys.readouterr().err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    """Run the real console script: an unusable --db is one line on stderr and exit 1."""
    script = Path(sys.executable).with_name("mining-tracker")
    if not script.exists():
        pytest.skip("the mining-tracker script is not installed in this environment")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = subprocess.run(
        [str(script), "list", "projects", "--db", str(blocker / "sub" / "db.sqlite3")],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == EXIT_REFUSED
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mining-tracker: cannot create the folder")


def test_a_reader_that_stops_early_is_not_an_error(db_path: Path) -> None:
    """``mining-tracker list events | head -1`` must not print a broken-pipe traceback."""
    script = Path(sys.executable).with_name("mining-tracker")
    if not script.exists():
        pytest.skip("the mining-tracker script is not installed in this environment")
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    reader = subprocess.Popen(
        [str(script), "list", "events", "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # the reader goes away before the table is printed
    error = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait(timeout=60) == EXIT_OK
    assert "Traceback" not in error


def test_search_matches_names_places_owners_and_tickers(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    projects = demo_data()["projects"]
    in_peru = sorted(p["name"] for p in projects if p.get("country") == "Peru")
    assert in_peru, "the demo has projects in Peru"
    capsys.readouterr()
    assert run(["--db", str(db_path), "list", "projects", "--search", "pERu"]) == EXIT_OK
    names = [line.split("  ")[0] for line in capsys.readouterr().out.splitlines()[2:]]
    assert names == in_peru
    company = demo_data()["companies"][0]
    ticker = company["listings"][0]["ticker"]
    assert run(["--db", str(db_path), "list", "companies", "--search", ticker.lower()]) == EXIT_OK
    assert company["name"] in capsys.readouterr().out


def test_search_takes_wildcards_literally(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    capsys.readouterr()
    assert run(["--db", str(db_path), "list", "projects", "--search", "%"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == "No projects match '%'."


def test_the_reporting_currency_and_rates_from_the_command_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo"]) == EXIT_OK
    capsys.readouterr()
    assert run(["--db", str(db_path), "currency"]) == EXIT_OK
    shown = capsys.readouterr().out
    assert shown.startswith("Reporting currency: CAD (chosen).")
    assert "1 USD = 1.3900 CAD on 2025-12-31" in shown
    assert run(["--db", str(db_path), "currency", "C$"]) == EXIT_REFUSED
    assert "is not an ISO 4217 currency code" in capsys.readouterr().err
    rates = tmp_path / "rates.csv"
    rates.write_text("date,EUR/USD\n2025-12-31,1.0400\n", encoding="utf-8")
    assert run(["--db", str(db_path), "fx-import", str(rates), "--dry-run"]) == EXIT_OK
    assert capsys.readouterr().out == (
        "rates.csv holds 1 EUR/USD rate from 2025-12-31 to 2025-12-31; nothing was written.\n"
    )
    assert run(["--db", str(db_path), "fx-import", str(rates)]) == EXIT_OK
    assert capsys.readouterr().out == (
        "Imported 1 EUR/USD rate from 2025-12-31 to 2025-12-31 from rates.csv.\n"
    )
    assert run(["--db", str(db_path), "currency", "eur"]) == EXIT_OK
    assert capsys.readouterr().out == "Reporting currency: EUR (was CAD).\n"
    assert run(["--db", str(db_path), "list", "studies", "--search", "DeLamar FS"]) == EXIT_OK
    listed = capsys.readouterr().out
    # US$774 M at 1 / 1.04 EUR per USD = EUR 744.2 M.
    assert "EUR 744.2 M" in listed
    assert "0.9615 USD/EUR, 2025-12-31" in listed
