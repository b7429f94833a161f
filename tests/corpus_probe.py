"""Import every spreadsheet of a folder, each in a process of its own, and sort the outcomes.

For the opt-in hostile-file test (``make test-corpus CORPUS=folder``) and by hand:
``python -m tests.corpus_probe FOLDER``. Each file is imported with the command line into a
fresh database, in a child process with a memory cap and a time limit, so that a file which
kills its process (a native abort, a runaway allocation) is counted instead of ending the run.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".xls", ".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods"}
MEMORY_CAP = 3 * 2**30
TIME_LIMIT_S = 120
_IMPORT = (
    "import sys; from cli import run; sys.exit(run(['import', sys.argv[1], '--db', sys.argv[2]]))"
)


#: How the command line's last line starts when an import went in without some rows.
_IN_PART = ("Left out: ", "Would be left out: ")


@dataclass(frozen=True)
class Outcome:
    """``imported``, ``refused`` (one clear line, nothing written) or ``crash``, and why."""

    path: Path
    verdict: str
    detail: str


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def probe(path: Path, template: Path, scratch: Path) -> Outcome:
    database = scratch / f"{path.name}.sqlite3"
    shutil.copy(template, database)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT, str(path), str(database)],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT_S,
            preexec_fn=_cap_memory,
            check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        return Outcome(path, "crash", f"still running after {TIME_LIMIT_S} s")
    finally:
        for part in scratch.glob(f"{path.name}.sqlite3*"):
            part.unlink(missing_ok=True)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    ours = [line for line in lines if line.startswith("mining-tracker: ")]
    if done.returncode < 0:
        return Outcome(path, "crash", f"killed by signal {-done.returncode}")
    if "Traceback (most recent call last)" in done.stderr or any(
        "unexpected error" in line for line in ours
    ):
        return Outcome(path, "crash", lines[-1] if lines else "traceback")
    if done.returncode == 0:
        return Outcome(path, "imported", (done.stdout.splitlines() or [""])[0])
    if done.returncode == 1 and lines and lines[-1].startswith(_IN_PART):
        # The command line's exit status for an import that left rows (or values) out, each
        # printed with its problem: the rest went in.
        return Outcome(path, "imported", lines[-1])
    if done.returncode == 1 and ours:
        # A reader's native panic prints its own lines to stderr before ours (Rust's hook).
        noise = " (after the reader's own panic message)" if len(ours) < len(lines) else ""
        return Outcome(path, "refused", ours[-1].removeprefix("mining-tracker: ") + noise)
    return Outcome(path, "crash", f"exit {done.returncode}: {lines[-1] if lines else ''}")


def probe_folder(folder: Path, workers: int = 2) -> list[Outcome]:
    """Every spreadsheet below ``folder``, probed ``workers`` at a time."""
    from db.engine import make_engine
    from db.migrate import upgrade_to_head

    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        template = scratch / "template.sqlite3"
        engine = make_engine(f"sqlite:///{template}")
        upgrade_to_head(engine, backup=False)
        engine.dispose()
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda path: probe(path, template, scratch), files))


def main(argv: list[str]) -> int:
    outcomes = probe_folder(Path(argv[1]))
    counts = Counter(outcome.verdict for outcome in outcomes)
    for outcome in outcomes:
        if outcome.verdict == "crash":
            print(f"CRASH {outcome.path.name}: {outcome.detail}")
    print(
        f"{len(outcomes)} files: {counts['imported']} imported, {counts['refused']} refused, "
        f"{counts['crash']} crashes"
    )
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
