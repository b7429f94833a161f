"""Clauses of a sentence, each with the study case and tax basis its figures belong to.

"The pre-tax NPV is US$1.2 billion, and the after-tax NPV is US$800 million at spot prices"
holds two clauses: a base-case pre-tax one and a spot after-tax one. A clause with no word of
its own takes the basis of the clause before it (the IRR after "pre-tax NPV of X and").
Text after a comparison with an earlier study ("compared to the 2021 PEA") is cut off.
"""

import itertools
import re
from dataclasses import dataclass

from tracker.capture.sentences import Sentence

_SPLIT = re.compile(
    r";|,\s(?=and\b|while\b|whereas\b|but\b|rising\b|increasing\b|growing\b|or\b|with an?\b)"
    r"|\s(?=and\s(?:an?|the|a\s)?\s?(?:after|post|pre)[- ]tax\b)"
    r"|\s(?=and\s(?:an?\s|the\s)?(?:IRR|internal rate|payback|after|pre|post|initial|sustaining|"
    r"AISC|all-in|mine life|life of mine|LOM)\b)",
    re.IGNORECASE,
)
_CASES = [
    ("spot", re.compile(r"\bspot\b|\bcurrent (?:metal |commodity )?prices\b", re.I)),
    ("upside", re.compile(r"\bupside\b", re.I)),
    ("downside", re.compile(r"\bdownside\b", re.I)),
    ("consensus", re.compile(r"\bconsensus\b", re.I)),
    ("base", re.compile(r"\bbase[- ]case\b", re.I)),
]
#: Any word naming a case other than the base case.
CASE_WORDS = re.compile(
    r"\bspot\b|\bupside\b|\bdownside\b|\bconsensus\b|\bcurrent (?:metal )?prices\b", re.I
)
#: A tax basis: "after-tax", "post tax", "pre-tax", and "after taxes" / "before taxes" as some
#: releases write it; group 1 is the word before "tax" ("pre" and "before" make it pre-tax).
TAX_BASIS = r"(after|post|pre|before)[- ]?tax(?:es)?"
_BASIS = re.compile(rf"\b{TAX_BASIS}\b|\b(un)?levered\b", re.I)


def basis_of(word: str) -> str:
    """ "pre-tax" for "pre" or "before", "after-tax" for "after" or "post"."""
    return "pre-tax" if word.lower() in ("pre", "before") else "after-tax"


COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|versus|vs\.?|up from|down from|(?:an? )?(?:increase|decrease|"
    r"improvement|rise|reduction)s? (?:of|from)|increased from|improved from|relative to|"
    r"(?:previous|prior|earlier|former|original|historical|last|(?:19|20)\d\d)\s(?:\w+\s)?"
    r"(?:PEA|PFS|FS|DFS|BFS|study|studies|pre-?feasibility|feasibility|scoping|"
    r"economic assessment|estimate)"
    r"|in the (?:previous|prior|earlier) "
    # "The Study supersedes the preliminary economic assessment of 2023, which estimated ...".
    r"|\b(?:supersedes|superseded|replaces|replaced)\b"
    r"|\b(?:PEA|PFS|DFS|BFS|study|assessment|estimate)\s(?:of|from|dated|released\sin)\s"
    r"(?:[A-Z][a-z]+\s)?(?:19|20)\d\d\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """``sentence.text[start:end]``, with its case label and tax basis (or ``None``)."""

    sentence: Sentence
    start: int
    end: int
    case: str
    basis: str | None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


def clauses(sentence: Sentence, release_year: int | None) -> list[Clause]:
    """The sentence's clauses up to any comparison with an earlier study.

    A comparison in brackets ("NPV8 of A$612 million (2023 PEA: A$388 million) and IRR of
    24.7%") leaves out only the bracket: the words after it are this study's again.
    """
    text = sentence.text
    asides, end = _comparisons(text, release_year)
    bounds = [0]
    bounds.extend(m.start() for m in _SPLIT.finditer(text, 0, end) if m.start() > 0)
    for start, stop in asides:
        bounds.extend((start, stop))
    bounds.append(end)
    bounds = sorted(set(bounds))
    sentence_cases = {label for label, _at in _case_words(text[:end])}
    sentence_case = sentence_cases.pop() if len(sentence_cases) == 1 else "base"
    result: list[Clause] = []
    basis: str | None = None
    case = sentence_case
    for start, stop in itertools.pairwise(bounds):
        if stop <= start or any(a <= start and stop <= b for a, b in asides):
            continue
        part = text[start:stop]
        own_case = _first_case(part)
        if own_case:
            case = own_case
        found = _BASIS.search(part)
        if found:
            word = found.group(1) or ""
            basis = "pre-tax" if found.group(2) == "un" else basis_of(word or "after")
        result.append(Clause(sentence, start, stop, case, basis))
    return result


def _first_case(part: str) -> str | None:
    """The case word that comes first in the clause ("base case ..., below spot" is base)."""
    hits = [(at, label) for label, at in _case_words(part)]
    return min(hits)[1] if hits else None


#: "... and so differs from the spot case": a case named as what the text is set against.
_SET_AGAINST = re.compile(r"\b(?:from|than|unlike)\s(?:the\s)?$", re.I)


def _case_words(text: str) -> list[tuple[str, int]]:
    """Each case the text names, with where it first does, leaving out a case it is only set
    against ("differs from the spot case")."""
    found = []
    for label, pattern in _CASES:
        for match in pattern.finditer(text):
            if not _SET_AGAINST.search(text, max(0, match.start() - 12), match.start()):
                found.append((label, match.start()))
                break
    return found


def _comparisons(text: str, release_year: int | None) -> tuple[list[tuple[int, int]], int]:
    """The bracketed comparisons to leave out, and where an unbracketed one cuts the rest off."""
    asides: list[tuple[int, int]] = []
    for match in COMPARISON.finditer(text):
        if asides and match.start() < asides[-1][1]:
            continue
        year = re.search(r"(?:19|20)\d\d", match.group())
        if year and release_year and int(year.group()) >= release_year:
            continue
        bracket = _bracket_around(text, match.start()) or _commas_around(text, match.start())
        if bracket is None:
            return asides, match.start()
        asides.append(bracket)
    return asides, len(text)


def _commas_around(text: str, at: int) -> tuple[int, int] | None:
    """The span of a comparison set off by commas ("$1.02 billion, up from $836 million, while
    ..."): from the comma before it to the one after, within the sentence."""
    if not text[:at].rstrip().endswith(","):
        return None
    opening = text[:at].rstrip().rfind(",")
    closing = text.find(",", at)
    if closing < 0 or closing - at > 80 or re.search(r"[;:()]", text[at:closing]):
        return None
    return opening, closing + 1


def _bracket_around(text: str, at: int) -> tuple[int, int] | None:
    """The span of the round brackets ``at`` stands in, if it stands in a closed pair."""
    opening = text.rfind("(", 0, at)
    if opening < 0 or ")" in text[opening:at]:
        return None
    closing = text.find(")", at)
    if closing < 0 or "(" in text[at:closing]:
        return None
    return opening, closing + 1
