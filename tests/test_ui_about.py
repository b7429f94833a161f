"""Help ▸ About names the version installed, or says the copy is not installed."""

import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tracker import version
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def about_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    window.commands.about.trigger()
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(QMessageBox)))
    (box,) = [box for box in window.findChildren(QMessageBox, "about") if box.isVisible()]
    return box


def test_about_shows_the_version_of_the_package(qtbot: QtBot, main_window: MainWindow) -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["name"] == version.DISTRIBUTION
    box = about_box(qtbot, main_window)
    assert f"Version {project['version']}</p>" in box.text()
    box.close()


def test_about_says_when_the_copy_is_not_installed(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(version, "DISTRIBUTION", "mining-tracker-never-installed")
    box = about_box(qtbot, main_window)
    assert "Version unknown (not installed)</p>" in box.text()
    box.close()
