"""Cutting a release into sentences, each with its span, so every figure can show where it was.

A line break ends a sentence when the line is a heading, a bullet or a table row (releases put
their highlights and flattened tables one per line); inside a paragraph, a full stop followed by
a capital does, except after abbreviations such as "Inc." and "U.S.".
"""

import re
from dataclasses import dataclass

from tracker.capture.model import Span

_ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "ltd",
        "co",
        "no",
        "nos",
        "approx",
        "est",
        "mr",
        "mrs",
        "ms",
        "dr",
        "jr",
        "sr",
        "st",
        "vs",
        "etc",
        "u.s",
        "e.g",
        "i.e",
        "incl",
        "ave",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "p.eng",
        "p.geo",
        "ph.d",
        "plc",
        "s.a",
        "mt",
    ]
)
#: Characters that start a line but belong to no sentence: bullets and forum quote marks
#: ("§", "»", a sub-bullet "o" or "+" before spaces, "·;" as some RNS pages render a bullet).
_LEAD = re.compile(r"(?:[\s>•·▪●◦‣\-\u2013\u2014*§»;]|[o+](?=\s{2,}|\t)|\+(?=\s))+")
#: A bullet at the start of a line: a bullet sign, or ">>" / "o" / "+" used as one.
#: "o 12.4m @ 2.31% Ni": a lone "o" before a figure or a capital is a sub-bullet too.
_BULLET = re.compile(r"(?:[•·▪●◦‣*\-\u2013\u2014§»]|>>|·;)\s|[o+](?:\s{2,}|\t)|\+\s|o\s(?=[\dA-Z])")
#: A row of a pipe table ("| Hole | From (m) |"): two or more cells between bars.
_PIPE_ROW = re.compile(r"^\s*\|?(?:[^|\n]*\|){2,}[^|\n]*$")
#: The rule under a pipe table's heading ("|---|:---:|"): no text of its own.
_PIPE_RULE = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
_END = re.compile(r"[.!?;](?=[\s\"”\u2019)]*\s+[\"“(]?[A-Z0-9•])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (each line break, with the next line's indent or quote mark,
    as one space) and where it lies.

    ``joins`` holds, for each line break that stood for more than one character, its index in
    ``text`` and how many characters it left out, so that :meth:`at` finds any index of the
    text in the release. ``wrapped`` says the text runs on over an indented line.
    """

    text: str
    span: Span
    wrapped: bool = False
    joins: tuple[tuple[int, int], ...] = ()

    def at(self, index: int) -> int:
        """The place in the release of ``text[index]``."""
        position = self.span.start + index
        for join, dropped in self.joins:
            if join < index:
                position += dropped
        return position

    @property
    def is_table_row(self) -> bool:
        """A row of a table flattened into text: cells apart by tabs or runs of spaces."""
        return not self.wrapped and bool(re.search(r"\t|\S\s{3,}\S", self.text))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; paragraphs are joined across soft line breaks."""
    sentences: list[Sentence] = []
    for start, end in _blocks(text):
        piece_start = start
        for match in _END.finditer(text, start, end):
            if _is_abbreviation(text, piece_start, match.start()):
                continue
            _add(sentences, text, piece_start, match.end())
            piece_start = match.end()
        _add(sentences, text, piece_start, end)
    return sentences


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, with each bullet, heading or table row a paragraph of its own."""
    blocks: list[tuple[int, int]] = []
    position = 0
    current: tuple[int, int] | None = None
    width = _wrap_width(text)
    for line in text.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        body = line.strip()
        if not body:
            if current:
                blocks.append(current)
            current = None
            continue
        line_end = line_start + len(line.rstrip())
        own = (
            _stands_alone(line)
            or current is None
            or (
                _stands_alone_after(text, current, line, width)
                and not _continues_bullet(text, current, line)
            )
        )
        if own:
            if current:
                blocks.append(current)
            current = (line_start, line_end)
        else:
            current = (current[0], line_end) if current else (line_start, line_end)
    if current:
        blocks.append(current)
    return blocks


def _stands_alone(line: str) -> bool:
    stripped = line.strip()
    if _BULLET.match(stripped):
        # ">> Post-tax NPV8 of ...": a doubled quote mark at the line's start is a bullet.
        return True
    body = stripped.lstrip(">").strip()
    if not body:
        return True
    return bool(
        _BULLET.match(body)
        or "\t" in body
        or bool(_PIPE_ROW.match(body))
        or re.search(r"\S\s{3,}\S", body)
        or re.match(r"(\d+[.)]|[a-z][.)])\s", body)
    )


def _wrap_width(text: str) -> int:
    """The width the text's paragraphs are wrapped at: the length most of its longer lines
    reach (a text of unwrapped paragraphs gives a width no line break falls short of)."""
    lengths = sorted(len(line.rstrip()) for line in text.splitlines() if len(line.strip()) >= 30)
    if len(lengths) < 5:
        return 60
    return max(60, lengths[int(len(lengths) * 0.9)])


def _stands_alone_after(text: str, current: tuple[int, int], line: str, width: int) -> bool:
    """The previous line was a heading, bullet or table row, or ended its sentence, or it
    ended early: the next line's first word would have fitted on it, had the text only been
    wrapped there (a line going on in lower case is a wrapped one)."""
    previous = text[current[0] : current[1]]
    last_line = previous.splitlines()[-1] if previous else ""
    if _stands_alone(last_line):
        return True
    stripped = last_line.rstrip()
    if not stripped:
        return False
    last_word = re.search(r"([A-Za-z.]+)\.$", stripped)
    abbreviated = bool(last_word) and (
        last_word.group(1).lower().strip(".") in _ABBREVIATIONS  # type: ignore[union-attr]
    )
    if stripped.count("(") > stripped.count(")"):
        # "... Copper Canyon Resources Ltd. (TSXV:" wrapped inside its brackets.
        return False
    if stripped[-1] in ".:!?" and not abbreviated:
        # "... - Key Lake Exploration Ltd." wrapped before its listing ends no sentence.
        return True
    following = line.strip()
    if following[:1].islower():
        return False
    first_word = following.split()[0] if following else ""
    return len(stripped) < 60 and len(stripped) + 1 + len(first_word) <= width


def _continues_bullet(text: str, current: tuple[int, int], line: str) -> bool:
    """A bullet's text wrapped onto the next line: indented under it, or going on in lower
    case, after a bullet line that ends no sentence."""
    last_line = text[current[0] : current[1]].splitlines()[-1]
    if not _BULLET.match(last_line.strip()) or last_line.rstrip()[-1:] in ".;!?":
        return False
    indent = len(line) - len(line.lstrip())
    return indent > len(last_line) - len(last_line.lstrip()) or line.lstrip()[:1].islower()


def _is_abbreviation(text: str, start: int, stop: int) -> bool:
    if text[stop] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[start:stop])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if len(token) == 1 and re.search(r"(?:\d\s?|/)[A-Za-z]$", text[start:stop]):
        # A unit after a number ("US$10,500/t.", "over 5 m."), not an initial.
        return False
    return token in _ABBREVIATIONS or len(token) == 1


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and "|" in text[start:end] and _PIPE_RULE.match(text[start:end]):
        return
    if end > start:
        body = text[start:end]
        if "\n" not in body and _PIPE_ROW.match(body):
            # A pipe table's bars part its cells as an HTML table's tabs do.
            body = body.replace("|", "\t")
        wrapped = bool(re.search(r"\n[ \t]", body))
        # A line break, with the next line's indent or forum quote mark, reads as one space.
        pieces: list[str] = []
        joins: list[tuple[int, int]] = []
        at = 0
        for join in _JOIN.finditer(body):
            pieces.append(body[at : join.start()])
            index = sum(len(piece) for piece in pieces)
            pieces.append(" ")
            if len(join.group()) > 1:
                joins.append((index, len(join.group()) - 1))
            at = join.end()
        pieces.append(body[at:])
        flat = "".join(pieces).replace("\r", " ")
        sentences.append(Sentence(flat, Span(start, end), wrapped, tuple(joins)))


#: A line break inside a sentence, with the next line's indent and any forum quote mark.
_JOIN = re.compile(r"\r?\n[ \t]*(?:>(?!>)[ \t]*)?")
