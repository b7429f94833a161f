"""Score release reading against a labelled folder: ``python -m tests.capture.score FOLDER``.

A folder holds ``NAME.txt`` (or ``.html``/``.htm``/``.pdf``) with ``NAME.json``, the expected
``capture --json`` object (only the keys the release states). Each object is flattened to
(path, value) pairs; list items are matched by their natural key (a hole by id and from, a
price by commodity, an alternative case by its label). Numbers compare as Decimal; names compare
as the app matches them (case, punctuation, legal suffix and a trailing "Project" aside).
Precision is correct / extracted, recall correct / labelled, per field and overall.
"""

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.capture.jsonout import capture_json
from tracker.capture.names import commodity_symbol
from tracker.capture.reader import read_release
from tracker.capture.sources import RELEASE_SUFFIXES, release_text

_NAME_KEYS = frozenset({"company", "project", "counterparty"})
_LEGAL = re.compile(
    r"\b(?:inc|corp|corporation|ltd|limited|plc|llc|pty|s a de c v|s a c|s a a|s a|sa de cv|sa|sac|"
    r"ag|nl|co|"
    r"company|"
    r"project|property)\b"
)
_COMMODITY_TAIL = re.compile(
    r"(?:\s(?:gold|silver|copper|lithium|uranium|nickel|zinc|lead|molybdenum|tungsten|"
    r"rare earth elements?|rare earths?|"
    r"ree|cobalt|polymetallic|isr|porphyry))+$"
)

Pair = tuple[str, Any]


@dataclass
class Score:
    """Counts per field: extracted, labelled and correct pairs, and the misses of each file."""

    extracted: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return _ratio(sum(self.correct.values()), sum(self.extracted.values()))

    @property
    def recall(self) -> float:
        return _ratio(sum(self.correct.values()), sum(self.labelled.values()))

    def report(self) -> str:
        rows = [f"{'field':24} {'labelled':>8} {'found':>6} {'right':>6} {'prec':>7} {'recall':>7}"]
        for name in sorted(self.labelled.keys() | self.extracted.keys()):
            rows.append(
                f"{name:24} {self.labelled[name]:8} {self.extracted[name]:6} "
                f"{self.correct[name]:6} {_ratio(self.correct[name], self.extracted[name]):7.1%} "
                f"{_ratio(self.correct[name], self.labelled[name]):7.1%}"
            )
        rows.append(
            f"{'ALL':24} {sum(self.labelled.values()):8} {sum(self.extracted.values()):6} "
            f"{sum(self.correct.values()):6} {self.precision:7.1%} {self.recall:7.1%}"
        )
        return "\n".join(rows)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def releases(folder: Path) -> list[tuple[Path, Path]]:
    """Each release file of the folder with its label file."""
    found = []
    for label in sorted(folder.glob("*.json")):
        matches = [label.with_suffix(s) for s in RELEASE_SUFFIXES if label.with_suffix(s).exists()]
        if matches:
            found.append((matches[0], label))
    return found


def score_folder(folder: Path) -> Score:
    """Read every release of ``folder`` and compare it with its labels."""
    score = Score()
    for release, label in releases(folder):
        expected = flatten(json.loads(label.read_text(encoding="utf-8"), parse_float=Decimal))
        capture = read_release(release_text(release), release.name)
        got = flatten_decimals(capture_json(capture))
        misses = []
        for path, value in got.items():
            score.extracted[_field(path)] += 1
            if path in expected and expected[path] == value:
                score.correct[_field(path)] += 1
            else:
                misses.append(f"extra {path} = {value!r} (labelled {expected.get(path)!r})")
        for path, value in expected.items():
            score.labelled[_field(path)] += 1
            if path not in got:
                misses.append(f"missed {path} = {value!r}")
        if misses:
            score.misses[release.name] = misses
    return score


def flatten_decimals(obj: dict[str, Any]) -> dict[str, Any]:
    """Flatten a ``capture_json`` object (whose numbers are already Decimal)."""
    return flatten(obj)


def _field(path: str) -> str:
    """``holes[KR-1@12].grade`` -> ``holes.grade``; ``alt_cases[spot].npv`` -> ``alt.npv``."""
    path = re.sub(r"^alt_cases\[[^\]]*\]\.", "alt.", path)
    return re.sub(r"\[[^\]]*\]", "", path)


def flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """(path, normalised value) pairs of a capture object."""
    pairs: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "case" and prefix:
            continue
        if isinstance(value, list):
            for item in value:
                natural = _natural_key(key, item)
                pairs.update(flatten(item, f"{prefix}{key}[{natural}]."))
        else:
            pairs[prefix + key] = _normal(key, value)
    return pairs


def _natural_key(key: str, item: dict[str, Any]) -> str:
    if key == "holes":
        start = item.get("from_m")
        return f"{_name(str(item.get('hole', '')))}@{_number(start) if start is not None else '-'}"
    if key == "prices":
        return str(_normal("commodity", item.get("commodity", "")))
    # "Spot case", "spot prices" and "spot" name the same case.
    label = str(item.get("case", "")).lower()
    return re.sub(r"\b(?:case|scenario|prices?)\b|[^a-z0-9]+", "", label)


def _normal(key: str, value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return _number(value)
    text = str(value)
    if key == "including":
        return True
    if key in _NAME_KEYS:
        return _name(text, key == "project")
    if key == "commodity":
        return commodity_symbol(text) or text
    if key == "hole":
        return _name(text)
    if key in ("aisc_unit", "unit", "grade_unit"):
        unit = re.sub(r"\s+", "", text).lower()
        for sign, code in (("us$", "usd"), ("c$", "cad"), ("a$", "aud"), ("£", "gbp")):
            unit = unit.replace(sign, code)
        return unit.replace("per", "/")
    return text.strip().lower() if key in ("kind", "npv_basis") else text.strip()


def _number(value: Any) -> Decimal:
    return Decimal(str(value)).normalize()


def _name(text: str, project: bool = False) -> str:
    lowered = re.sub(r"[\u2019']", "", text.lower())
    lowered = re.sub(r"[^a-z0-9]+", " ", lowered)
    lowered = _LEGAL.sub(" ", lowered)
    lowered = re.sub(r"\s+", " ", lowered).strip()
    if project:
        lowered = _COMMODITY_TAIL.sub("", lowered).strip()
    return lowered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.capture.score")
    parser.add_argument("folder", type=Path, help="a folder of NAME.txt with NAME.json labels")
    parser.add_argument("--misses", action="store_true", help="list every wrong or missed pair")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"score: {args.folder} is not a folder", file=sys.stderr)
        return 2
    score = score_folder(args.folder)
    if args.misses:
        for name, misses in score.misses.items():
            print(name)
            for miss in misses:
                print("   ", miss)
    print(f"{len(releases(args.folder))} releases in {args.folder.name}")
    print(score.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
