"""Release reading scored against the labelled corpus: precision >= 98 %, recall >= 90 %."""

import json
import shutil
from pathlib import Path

import pytest

from tests.capture.score import flatten, releases, score_folder

CORPUS = Path(__file__).parent / "capture" / "corpus"
#: A fifth of the releases, written with the corpus but not read while the rules were tuned;
#: scored once at the end (see the branch's report), and held to the same targets since.
ASIDE = Path(__file__).parent / "capture" / "aside"


def test_the_corpus_holds_enough_releases_of_every_kind_commodity_and_currency() -> None:
    labels = [json.loads(label.read_text(encoding="utf-8")) for _r, label in releases(CORPUS)]
    assert len(labels) >= 32
    kinds = [label["kind"] for label in labels]
    assert min(kinds.count(kind) for kind in ("study", "deal", "drill")) >= 7
    text = " ".join(release.read_text(encoding="utf-8") for release, _l in releases(CORPUS))
    for word in ("gold", "silver", "copper", "lithium", "uranium", "rare earth", "nickel",
                 "molybdenum", "tungsten", "zinc"):  # fmt: skip
        assert word in text.lower(), word
    currencies = {str(v) for label in labels for k, v in flatten(label).items() if "currency" in k}
    assert {"USD", "CAD", "AUD", "GBP"} <= currencies


def test_precision_and_recall_on_the_corpus_meet_the_targets() -> None:
    score = score_folder(CORPUS)
    report = score.report() + "\n" + json.dumps(score.misses, indent=1, default=str)
    assert score.precision >= 0.98, report
    assert score.recall >= 0.90, report


def test_precision_and_recall_on_the_releases_kept_aside_meet_the_targets() -> None:
    assert len(releases(ASIDE)) >= 12
    score = score_folder(ASIDE)
    report = score.report() + "\n" + json.dumps(score.misses, indent=1, default=str)
    assert score.precision >= 0.98, report
    assert score.recall >= 0.90, report


def test_a_wrong_label_costs_precision_and_a_missing_figure_costs_recall(tmp_path: Path) -> None:
    """The scorer itself: it must see a wrong value and an unfound one."""
    name = "study_gold_pfs_nevada"
    shutil.copy(CORPUS / f"{name}.txt", tmp_path / f"{name}.txt")
    label = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    label["npv"] = label["npv"] + 1
    label["cash"] = 5
    (tmp_path / f"{name}.json").write_text(json.dumps(label), encoding="utf-8")
    score = score_folder(tmp_path)
    found = sum(score.extracted.values())
    assert score.correct["npv"] == 0 and score.extracted["npv"] == 1
    assert score.precision == pytest.approx((found - 1) / found)
    assert score.labelled["cash"] == 1 and score.correct["cash"] == 0
    assert score.recall == pytest.approx((found - 1) / (found + 1))


def test_the_scorer_runs_as_a_module_on_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.capture.score import main

    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert f"{len(releases(CORPUS))} releases in corpus" in out
    assert out.splitlines()[-1].split()[0] == "ALL"
