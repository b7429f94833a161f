"""Sections of a study release whose heading names a case: "Phase 1 (base case)" above its
bullets, "Phase 1 + 2 case" above another's.

A heading that names one case gives it to the list items below it, until the first sentence
that is no list item. A heading that names a case this reader has no label for ("Expansion
scenario") marks its items as no figures of the base case: they are left out, not mixed in.
"""

import re

from tracker.capture.sentences import Sentence

#: The case of a section whose figures are neither the base case's nor a named case's.
UNNAMED_CASE = ""

_LABELS = [
    ("spot", re.compile(r"\bspot\b", re.I)),
    ("upside", re.compile(r"\bupside\b", re.I)),
    ("downside", re.compile(r"\bdownside\b", re.I)),
    ("consensus", re.compile(r"\bconsensus\b", re.I)),
    ("base", re.compile(r"\bbase[- ]case\b", re.I)),
]
#: A heading that ends naming one case of its own ("Phase 1 + 2 case", "(Expansion Scenario)"),
#: not one over several ("Economic results by price case").
_OTHER_CASE = re.compile(
    r"^(?!.*\b(?:by|per|each|all|both|cases|scenarios)\b).*\b(?:case|scenario)\)?$", re.I
)
_ITEM_MARK = re.compile(r"[•·▪●◦‣*\-\u2013\u2014§»>o+]|\d+[.)]|[a-z][.)]")


def heading_case(text: str) -> str | None:
    """The case a section heading names: a label, ``UNNAMED_CASE``, or ``None`` for none."""
    labels = {label for label, pattern in _LABELS if pattern.search(text)}
    if len(labels) == 1:
        return labels.pop()
    if not labels and _OTHER_CASE.search(text):
        return UNNAMED_CASE
    return None


def is_list_item(text: str, sentence: Sentence) -> bool:
    """The sentence is a bullet or numbered item of a list, or a table row."""
    line_start = text.rfind("\n", 0, sentence.span.start) + 1
    prefix = text[line_start : sentence.span.start]
    return sentence.is_table_row or bool(_ITEM_MARK.search(prefix))
