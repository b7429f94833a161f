"""Opt-in: every workbook of a hostile corpus is imported or refused in one line, never a crash.

Run with ``make test-corpus CORPUS=/path/to/folder`` (for example Apache POI's
``test-data/spreadsheet``); without ``MINING_TRACKER_HOSTILE_CORPUS`` it is skipped. Each file
runs in a child process with a memory cap (``tests/corpus_probe.py``).
"""

import os
from pathlib import Path

import pytest

from tests.corpus_probe import probe_folder

CORPUS_ENV_VAR = "MINING_TRACKER_HOSTILE_CORPUS"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get(CORPUS_ENV_VAR), reason=f"set {CORPUS_ENV_VAR} to a folder of workbooks"
    ),
]


def test_no_workbook_crashes_the_import() -> None:
    folder = Path(os.environ[CORPUS_ENV_VAR])
    outcomes = probe_folder(folder)
    assert outcomes, f"no workbooks found in {folder}"
    crashes = [f"{o.path.name}: {o.detail}" for o in outcomes if o.verdict == "crash"]
    assert not crashes, "\n".join(crashes)
