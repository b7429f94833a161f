"""The command line (cli/), the domain (tracker/) and the database (db/) never import Qt,
charts or the UI."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARDED_PACKAGES = ("cli", "tracker", "db")
FORBIDDEN = ("PySide6", "pyqtgraph", "ui")


def forbidden_imports(source: str, filename: str = "<source>") -> list[str]:
    """Every import of a forbidden package in ``source``, as ``line: module``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            if module.split(".")[0] in FORBIDDEN:
                found.append(f"{node.lineno}: {module}")
    return found


def guarded_files() -> list[Path]:
    return sorted(path for package in GUARDED_PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_the_guarded_layers_have_python_files() -> None:
    files = {path.relative_to(ROOT).as_posix() for path in guarded_files()}
    assert {"cli/commands.py", "tracker/models/types.py", "db/engine.py", "db/migrate.py"} <= files


def test_domain_and_database_layers_import_no_ui() -> None:
    violations = {
        path.relative_to(ROOT).as_posix(): found
        for path in guarded_files()
        if (found := forbidden_imports(path.read_text(encoding="utf-8"), str(path)))
    }
    assert violations == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import PySide6.QtCore\n", ["1: PySide6.QtCore"]),
        ("import os\nfrom PySide6.QtWidgets import QWidget\n", ["2: PySide6.QtWidgets"]),
        ("import numpy, pyqtgraph as pg\n", ["1: pyqtgraph"]),
        (
            "def later() -> None:\n    from ui.main_window import MainWindow\n",
            ["2: ui.main_window"],
        ),
        ("from ui import widgets\n", ["1: ui"]),
    ],
)
def test_checker_catches_violations(source: str, expected: list[str]) -> None:
    assert forbidden_imports(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "import uiautomation\n",
        "from tracker.ui_text import label\n",
        "from . import ui\n",
        "from .ui import helpers\n",
        "import sqlalchemy\n",
    ],
)
def test_checker_ignores_lookalikes(source: str) -> None:
    assert forbidden_imports(source) == []
