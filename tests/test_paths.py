"""Where the database lives: --db, then MINING_TRACKER_DB, then the per-user data folder."""

import os
from pathlib import Path

import pytest

from db.paths import DB_ENV_VAR, default_data_dir, resolve_db_url


def expected_default() -> Path:
    # conftest points XDG_DATA_HOME at a temporary folder; platformdirs follows it on Linux.
    return Path(os.environ["XDG_DATA_HOME"]) / "mining-tracker" / "tracker.sqlite3"


def test_default_is_in_the_user_data_folder() -> None:
    assert resolve_db_url(None, {}) == f"sqlite:///{expected_default()}"
    assert default_data_dir() == expected_default().parent


def test_default_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_db_url() == f"sqlite:///{expected_default()}"
    monkeypatch.setenv(DB_ENV_VAR, "/data/from-env.sqlite3")
    assert resolve_db_url() == "sqlite:////data/from-env.sqlite3"


def test_env_var_beats_the_default(tmp_path: Path) -> None:
    chosen = tmp_path / "env.sqlite3"
    assert resolve_db_url(None, {DB_ENV_VAR: str(chosen)}) == f"sqlite:///{chosen}"


def test_explicit_db_beats_the_env_var(tmp_path: Path) -> None:
    explicit = tmp_path / "cli.sqlite3"
    environ = {DB_ENV_VAR: str(tmp_path / "env.sqlite3")}
    assert resolve_db_url(str(explicit), environ) == f"sqlite:///{explicit}"


def test_empty_values_fall_through() -> None:
    assert resolve_db_url("", {DB_ENV_VAR: ""}) == f"sqlite:///{expected_default()}"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://tracker:secret@db.example/tracker",
        "sqlite:///relative/file.db",
        "sqlite://",
    ],
)
def test_a_url_is_taken_as_it_is(url: str) -> None:
    assert resolve_db_url(url, {DB_ENV_VAR: "/ignored.sqlite3"}) == url
    assert resolve_db_url(None, {DB_ENV_VAR: url}) == url


def test_relative_and_home_paths_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url("data/my.sqlite3", {}) == f"sqlite:///{tmp_path / 'data' / 'my.sqlite3'}"
    home = Path(os.environ["HOME"])
    assert resolve_db_url("~/t.sqlite3", {}) == f"sqlite:///{home / 't.sqlite3'}"
