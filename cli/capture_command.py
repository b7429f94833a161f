"""``mining-tracker capture FILE|-``: read a news release and print what was found.

Plain output is a table of every figure with the words it was read from, then the price deck,
other cases, drill intercepts and the ambiguities left for the person; ``--json`` prints the
``capture --json`` object instead. ``--save`` saves the study, deal or event with the source of
each figure (``tracker.capture.auto_save``), as one transaction.
"""

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from cli.table import render_table
from db.session import transaction
from tracker.capture.auto_save import save_capture
from tracker.capture.jsonout import capture_json, dumps
from tracker.capture.model import Capture, Figure
from tracker.capture.reader import read_release
from tracker.capture.save import sources_for
from tracker.capture.sources import ReleaseFileError, html_to_text, looks_like_html, release_text

_QUOTE_WIDTH = 70


def add_capture_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE|-", help="a .txt, .html/.htm or PDF release, or - for standard input"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--save", action="store_true", help="save the study, deal or event with its sources"
    )


def read_input(name: str) -> tuple[str, str]:
    """The release's text and the source to name it by (the file name, or "standard input")."""
    if name == "-":
        text = sys.stdin.read()
        if looks_like_html(text):
            text = html_to_text(text)
        if not text.strip():
            raise ReleaseFileError("standard input: holds no text")
        return text, "standard input"
    path = Path(name)
    return release_text(path), path.name


def run_capture(args: argparse.Namespace, engine: Engine) -> int:
    text, source = read_input(args.file)
    capture = read_release(text, source)
    if args.save:
        with transaction(engine) as session:
            saved = save_capture(session, capture)
            sources = len(sources_for(session, saved.record_kind, saved.record_id))
        print(
            f"Saved {saved.label} and its {capture.kind} event from {source}, "
            f"with the sentence of each of its {sources} figures"
        )
        return 0
    print(dumps(capture_json(capture)) if args.json else render_capture(capture))
    return 0


def render_capture(capture: Capture) -> str:
    """A readable report: the kind, a table of figures, intercepts, and the ambiguities."""
    lines = [f"{capture.source}: {_KIND_NAMES.get(capture.kind, capture.kind)}"]
    rows = [_row(key, figure, capture.text) for key, figure in capture.figures.items()]
    for index, price in enumerate(capture.prices, 1):
        rows.append(_price_row(f"price {index}", price, capture.text))
    rows.extend(_row(key, figure, capture.text) for key, figure in capture.details.items())
    for case in capture.alt_cases:
        rows.extend(
            _row(f"{case.label}: {key}", f, capture.text) for key, f in case.figures.items()
        )
        for index, price in enumerate(case.prices, 1):
            rows.append(_price_row(f"{case.label}: price {index}", price, capture.text))
    if rows:
        lines.append(render_table(["Field", "Value", "From"], rows))
    else:
        lines.append("No figures found.")
    if capture.holes:
        lines.append("")
        lines.append(
            render_table(
                ["Hole", "From (m)", "To (m)", "Interval (m)", "Grade", "Including"],
                [
                    [
                        _text(hole.get("hole")),
                        _text(hole.get("from_m")),
                        _text(hole.get("to_m")),
                        _text(hole.get("interval_m")),
                        f"{_text(hole.get('grade'))} {_text(hole.get('grade_unit'))}".strip(),
                        "yes" if "including" in hole else "",
                    ]
                    for hole in capture.holes
                ],
            )
        )
    if capture.obligations:
        lines.append("")
        lines.append(
            render_table(
                ["Obligation", "Amount", "Currency", "Due"],
                [
                    [
                        _text(item.get("kind")),
                        _text(item.get("amount")),
                        _text(item.get("currency")),
                        _text(item.get("due_text")),
                    ]
                    for item in capture.obligations
                ],
            )
        )
    if capture.ambiguities:
        lines.append("")
        lines.append("Left for you to check:")
        lines.extend(f"  {a.key}: {a.reason}" for a in capture.ambiguities)
    return "\n".join(lines)


_KIND_NAMES = {
    "study": "study results",
    "deal": "deal",
    "drill": "drill results",
    "resource": "resource estimate",
    "other": "other news",
}


def _text(figure: Figure | None) -> str:
    if figure is None:
        return ""
    value = figure.value
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _row(key: str, figure: Figure, text: str) -> list[str]:
    return [key, _text(figure), _quote(text, figure)]


def _price_row(label: str, price: dict[str, Figure], text: str) -> list[str]:
    value = (
        f"{_text(price.get('price'))} {_text(price.get('unit'))} {_text(price.get('commodity'))}"
    )
    return [label, value, _quote(text, price["price"])]


def _quote(text: str, figure: Figure) -> str:
    """The words of the figure's sentence around it, on one line and at most ~70 characters."""
    sentence = figure.sentence
    words = " ".join(text[sentence.start : sentence.end].split())
    if len(words) <= _QUOTE_WIDTH:
        return words
    at = max(0, len(" ".join(text[sentence.start : figure.span.start].split())) - 25)
    piece = words[at : at + _QUOTE_WIDTH - 2]
    return ("…" if at else "") + piece + ("…" if at + len(piece) < len(words) else "")
