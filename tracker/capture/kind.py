"""The kind of a release and the type of its study, from its title and opening words."""

import re

from tracker.capture.sentences import Sentence

_KIND_WORDS = [
    (
        "other",
        re.compile(
            r"\b(?:private placement|bought deal|financing|flow-through|appoints|appointment of|"
            r"annual general meeting|AGM|shareholder letter|corporate update|name change|"
            # "Provides Exploration Update and Begins Drilling": news of work, not its results.
            r"(?:exploration|project|operations?|operational)\supdate|"
            r"(?:begins|commences|starts|launches|initiates|mobili[sz]es(?:\sfor)?)\s(?:\w+\s)?"
            r"(?:drill(?:ing)?|drill\sprogram|exploration)|"
            r"drilling\s(?:is\s)?under\s?way|"
            # A period's report: whatever study, deal or hole it mentions, it is other news.
            r"quarterly\s(?:activities|report|update|review)|activities\sreport|"
            r"(?:first|second|third|fourth)\squarter\s(?:(?:19|20)\d\d\s)?(?:production|financial|"
            r"operating|results)|half[- ]year(?:ly)?\s(?:report|results)|annual\sreport|"
            r"financial\sresults|(?:Q[1-4]|FY)\s?(?:19|20)?\d\d\s(?:results|report|production)|"
            # An offtake, a permit, test work: news about a project, not its study or a deal.
            r"offtake|off-take|"
            # "Metallurgical Test Work Returns 94% Gold Recovery": not drill results.
            r"metallurg\w*|test\s?work|"
            # "Receives Permit to Drill the Silver Queen Property": news of a permit.
            r"(?:receives|granted|obtains|secures)\s(?:\w+\s){0,3}(?:permits?|approvals?|licen[cs]es?)|"
            # "Engages Consultants for Bonanza Flats Pre-Feasibility Study": a study to come.
            r"(?:engages|retains|commissions|selects)\s(?:\w+\s){0,3}(?:for|to)|"
            # "to Present at the PDAC 2026 Convention": an event, whatever it will talk about.
            r"(?:to\s)?(?:presents?|presenting|participates?|participating)\s(?:\w+\s){0,2}(?:at|in)"
            r"\s(?:the\s)?(?:[\w&-]+\s){0,4}(?:conference|convention|summit|forum|webinar|"
            r"symposium|show)|webinar|investor\s(?:day|presentation))\b",
            re.I,
        ),
    ),
    (
        "study",
        re.compile(
            r"\b(?:PEA|PFS|DFS|BFS|FS|pre-?feasibility|feasibility study|definitive feasibility|"
            r"bankable feasibility|preliminary economic assessment|scoping study|economic study|"
            r"after-tax NPV|NPV)(?:\b|(?=\d))",
            re.I,
        ),
    ),
    (
        "deal",
        re.compile(
            r"\b(?:letter of intent|LOI|option agreement|options?\b|earn-in|earn up to|acquire|"
            r"acquires|"
            r"acquisition|joint venture|royalty|stream|streaming|definitive agreement|"
            r"arrangement agreement|"
            r"to purchase|sale of|sells|merger|business combination|term sheet)\b",
            re.I,
        ),
    ),
    (
        "drill",
        re.compile(
            r"\b(?:drill\w*|intersect\w*|intercept\w*|assays?|\d+(?:\.\d+)?\s?m of|"
            r"\d+(?:\.\d+)?\s?m grading|"
            r"hits|cuts|returns)\b",
            re.I,
        ),
    ),
    (
        "resource",
        re.compile(r"\b(?:mineral )?resource estimate\b|\bmineral resources? update\b", re.I),
    ),
]
_STUDY_TYPES = [
    ("PFS", re.compile(r"\bpre-?feasibility\b|\bPFS\b|\bprefeasibility\b", re.I)),
    (
        "FS",
        re.compile(
            r"\b(?:definitive|bankable)? ?feasibility stud(?:y|ies)\b|\bDFS\b|\bBFS\b|\bFS\b|"
            r"\bfeasibility\b",
            re.I,
        ),
    ),
    (
        "PEA",
        re.compile(r"\bpreliminary economic assessment\b|\bPEA\b|\bscoping stud(?:y|ies)\b", re.I),
    ),
]


_PERIOD_REPORT = re.compile(
    r"\bquarterly\s(?:activities|report)|\bactivities\sreport|\bhalf[- ]year(?:ly)?\sreport", re.I
)


def said_kind(
    title: Sentence | None, opening: list[Sentence], above: list[Sentence] | None = None
) -> str | None:
    """The kind whose words come first in the title, else in the opening sentences; ``None``
    when no words say (the release is then other news, unless its figures say more).

    A line above the headline, too short to be one ("QUARTERLY ACTIVITIES REPORT"), can still
    say the release is a period's report: such words make it other news.
    """
    for sentence in above or []:
        # A menu ("Home | Annual Reports | News") is a row of cells, not such a line.
        if "\t" not in sentence.text and _PERIOD_REPORT.search(sentence.text):
            return "other"
    for group in ([title] if title else [], opening):
        text = " ".join(sentence.text for sentence in group)
        # Words at the same place go to the kind listed first ("Drilling Underway" is other).
        hits = [
            (m.start(), order, kind)
            for order, (kind, pattern) in enumerate(_KIND_WORDS)
            for m in [pattern.search(text)]
            if m
        ]
        kinds = {kind for _at, _order, kind in hits}
        if hits and min(hits)[2] == "resource" and "study" in kinds:
            # "Updated Mineral Resource Estimate and Positive PEA": the study's economics lead.
            return "study"
        if hits:
            return min(hits)[2]
    return None


def study_type(
    title: Sentence | None, opening: list[Sentence]
) -> tuple[str, Sentence, int, int] | None:
    """PEA, PFS or FS: the first study named in the title, else in the opening sentences."""
    for group in ([title] if title else [], opening):
        for sentence in group:
            hits = [
                (m.start(), m.end(), kind)
                for kind, pattern in _STUDY_TYPES
                for m in [pattern.search(sentence.text)]
                if m
            ]
            if hits:
                start, end, kind = min(hits)
                return kind, sentence, start, end
    return None
