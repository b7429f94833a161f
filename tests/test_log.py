"""The rotating log file, Help ▸ Show Log, and the crash dialog's copy of the log's last lines."""

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from db.paths import LOG_ENV_VAR, log_dir
from ui.errors import ErrorDialog, show_error
from ui.log_dialog import LogDialog
from ui.log_file import LOG_BYTES, install_log, last_lines, log_path, remove_log
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    install_log(folder)
    yield folder
    remove_log()


def test_the_log_folder_can_be_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(LOG_ENV_VAR, str(tmp_path / "mine"))
    assert log_dir() == tmp_path / "mine"
    monkeypatch.delenv(LOG_ENV_VAR)
    assert log_dir().name == "log" and "mining-tracker" in str(log_dir())


def test_records_reach_the_file_and_it_rotates(log_folder: Path) -> None:
    logging.getLogger("mining_tracker.import").warning("sheet 'Projects' left out")
    assert log_path() == log_folder / "mining-tracker.log"
    assert "WARNING mining_tracker.import: sheet 'Projects' left out" in last_lines(5)
    logging.getLogger("mining_tracker").debug("not kept")
    assert "not kept" not in last_lines(5)
    line = "x" * 1000
    for _ in range(LOG_BYTES // 1000 + 10):
        logging.getLogger("mining_tracker").info(line)
    assert (log_folder / "mining-tracker.log.1").exists()
    assert (log_folder / "mining-tracker.log").stat().st_size < LOG_BYTES


def test_the_crash_dialog_carries_the_error_and_the_logs_last_lines(
    qtbot: QtBot, log_folder: Path
) -> None:
    logging.getLogger("mining_tracker").info("opened the demo portfolio")
    window = QWidget()
    qtbot.addWidget(window)
    try:
        raise RuntimeError("a bug of ours")
    except RuntimeError as error:
        show_error(window, error)
    shown = window.findChildren(ErrorDialog)
    assert shown, "the crash dialog opened"
    details = shown[-1].details.toPlainText()
    assert "RuntimeError: a bug of ours" in details
    assert "The log's last lines" in details and "opened the demo portfolio" in details
    assert "ERROR mining_tracker: unexpected error" in last_lines(50)
    for widget in shown:
        widget.close()


def test_help_show_log_shows_it_and_opens_its_folder(
    qtbot: QtBot, main_window: MainWindow, log_folder: Path
) -> None:
    logging.getLogger("mining_tracker").info("restored a backup")
    opened: list[QUrl | str] = []

    def open_url(url: QUrl | str) -> bool:
        opened.append(url)
        return True

    main_window.commands.show_log.trigger()
    dialog = main_window.findChild(LogDialog)
    assert dialog is not None and dialog.isVisible()
    assert "restored a backup" in dialog.text.toPlainText()
    dialog.open_url = open_url
    dialog.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(log_folder))]
    dialog.close()
