"""Drill intercepts: hole, from, to, interval, grade with unit, and "including" intervals.

Two forms: prose ("KR-24-07 returned 45.0 m of 2.35 g/t Au from 120.0 m, including 10.0 m of
7.80 g/t Au") and a table flattened into rows under a heading row naming Hole, From, To and a
grade column. Intervals in feet are left out: the keys are in metres.
"""

import re

from tracker.capture.drill_table import Table, heading, table_row, unit_row
from tracker.capture.drill_words import (
    ELEMENT,
    ELEMENT_WORDS,
    GRADE_UNIT,
    HOLE_ID,
    SUBSCRIPTS,
    unit_name,
)
from tracker.capture.model import Ambiguity, Figure
from tracker.capture.money import NUMBER, normal, number
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import figure_at

_HOLE = re.compile(rf"(?:\b(?:hole|drill hole|drillhole)s?\s)?(?P<id>{HOLE_ID})")
_ELEMENT = ELEMENT
_GRADE_UNIT = GRADE_UNIT
#: "16.4 grams gold per tonne", "11.7 grams gold": grams of a precious metal, as the trade
#: press writes grams per tonne.
_PROSE_UNIT = rf"{GRADE_UNIT}|grams(?=\s(?:gold|silver)\b)"
_ELEMENT_WORDS = ELEMENT_WORDS
_INTERCEPT = re.compile(
    # "a lower-grade 5.9-metre interval averaging 4.9 grams gold".
    rf"(?P<interval>{NUMBER})[\s-]?(?:m|metres|meters|metre|meter)\b(?:\s(?:interval|section|"
    rf"intercept))?(?:\s\((?:{NUMBER})\s?(?:ft|feet)\))?"
    # "5.2 metres (from 459.0 to 464.2 metres) of 9.2 grams gold": the depths in brackets.
    rf"(?:\s\(from\s(?P<bfrom>{NUMBER})\s?(?:m\s|metres\s)?(?:to|-|\u2013)\s(?P<bto>{NUMBER})"
    rf"\s?(?:m|metres|meters)\))?"
    # "a second interval of 1.5 metres from 638.3 metres returned 11.7 grams gold per tonne".
    rf"(?:\sfrom\s(?P<ffrom>{NUMBER})\s?(?:m|metres|meters)\b(?=\s(?:returned|graded|averaged|"
    rf"assayed)\s))?"
    rf"\s(?:of\s|grading\s|at\s|@\s?|averaging\s|with\s|"
    rf"assaying\s|returned\s|graded\s|averaged\s|assayed\s)(?:an?\saverage\s(?:grade\s)?of\s)?"
    # "3,186ppm (0.319%) eU3O8": the grade in another unit may stand before the element.
    rf"(?P<grade>{NUMBER})\s?(?P<unit>{_PROSE_UNIT})\s?(?:\((?:{NUMBER})\s?%\)\s?)?"
    rf"(?P<element>{_ELEMENT}|gold|silver|copper|zinc|nickel)\b"
    rf"(?:(?<=gold|lver)\sper\s(?:tonne|ton)\b)?"
)
#: "2.35 g/t Au over 45.0 m": the grade first, then the interval.
_GRADE_OVER = re.compile(
    rf"(?P<grade>{NUMBER})\s?(?P<unit>{_GRADE_UNIT})\s?(?P<element>{_ELEMENT}|gold|silver|copper|"
    rf"zinc|"
    rf"nickel)\b(?:\s\([^()]{{0,60}}\))?\s(?:over|across)\s(?P<interval>{NUMBER})\s?(?:m|metres|"
    rf"meters|"
    rf"metre|meter)\b(?!\s?\(?\s?(?:ft|feet))"
)
#: "... of 2.84 g/t Au and 41.2 g/t Ag (3.35 g/t AuEq) from": the other metals' grades.
_CO_GRADES = (
    rf"(?:\s?(?:,\s?and|,|and|&|with)\s?(?:{NUMBER})\s?(?:{_GRADE_UNIT})\s?(?:{_ELEMENT}|gold|silver|copper|"
    r"zinc|nickel)\b)*"
)
#: "from 112.8 m", and "starting at 312.3 metres" / "from a depth of 88 m" as others write it.
_FROM_WORD = r"(?:from|starting at|beginning at|from a (?:down-?hole )?depth of)"
_FROM_TO = re.compile(
    rf"{_CO_GRADES}(?:\s?\([^()]{{0,80}}\))?[^.;]{{0,12}}?\b{_FROM_WORD}\s(?P<from>{NUMBER})(?:\s?(?:m|metres|"
    rf"meters)\b)?(?:\s(?:to|-|\u2013)\s"
    rf"(?P<to>{NUMBER})(?:\s?(?:m|metres|meters)\b)?)?"
    rf"|\s?\((?P<from2>{NUMBER})\s?(?:m\s)?(?:to|-|\u2013)\s?(?P<to2>{NUMBER})\s?m?\)"
)
_FROM_TO_BEFORE = re.compile(
    rf"\bfrom\s(?P<from>{NUMBER})\s?(?:m|metres|meters)?\s(?:to|-|\u2013)\s(?P<to>{NUMBER})\s?(?:m|"
    rf"metres|meters)\b[^.;]{{0,20}}$"
)
#: "18.0 m to 402.0 m: 384.0 m at 0.31% Cu": a per-hole block line, the depths first, set off
#: from the interval by a colon or by a column's gap ("22.4 m to 71.9 m     49.5 m at ...").
_SPAN_COLON = re.compile(
    rf"(?P<from>{NUMBER})\s?(?:m|metres|meters)?\s(?:to|-|\u2013)\s(?P<to>{NUMBER})\s?(?:m|metres|"
    rf"meters)(?:\s?:\s*|\s{{2,}}|\t\s*)$"
)
#: A line that only names the hole of the block below it ("Hole SR25-03 (azimuth 090, dip -70)").
_BLOCK_HEADING = re.compile(
    rf"(?:drill\s?)?hole\s(?P<id>{HOLE_ID})\s*(?:\([^()]*\))?\s*:?\s*$", re.I
)
_INCLUDING = re.compile(
    r"\b(?:including|incl\.?|includes|within which|which includes|inc\.)\s*$", re.I
)
_FEET = re.compile(r"^\s?(?:ft|feet)\b")


def drill_holes(
    sentences: list[Sentence], ambiguities: list[Ambiguity] | None = None
) -> list[dict[str, Figure]]:
    """Every intercept, prose or table, in the order of the text; repeats are kept once.

    An intercept whose depth is nowhere given (a headline, a hole cited in passing) is left out
    with an ambiguity: it cannot be placed in its hole nor told apart from one tabled below.
    Its "including" part is kept only within a placed intercept.
    """
    found_ambiguities: list[Ambiguity] = []
    holes: list[dict[str, Figure]] = []
    table: Table | None = None
    last_hole: str | None = None
    list_hole: str | None = None
    skip: Sentence | None = None
    previous: Sentence | None = None
    previous_hole: str | None = None
    for index, sentence in enumerate(sentences):
        if sentence is skip:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        units = unit_row(following) if following else None
        found_heading = heading(sentence, found_ambiguities, units)
        if found_heading:
            table = found_heading
            skip = following if units else None
            continue
        if table:
            row = table_row(sentence, table, last_hole, found_ambiguities)
            if row is not None:
                if row:
                    last_hole = str(row["hole"].value) if "including" not in row else last_hole
                    _keep(holes, row)
                continue
            table = None
        subject = list_hole
        if previous is not None and _PRONOUN.match(sentence.text):
            # "Hole GN-25-03 was collared ... It intersected 386.0 metres ...": the hole that
            # the sentence before named, or reported an intercept of.
            subject = _only_hole(previous) or previous_hole or list_hole
        found = _prose(sentence, last_hole, subject)
        for group, hole in found:
            last_hole = hole
            _keep(holes, group)
        if not found:
            list_hole = _list_heading(sentence)
        previous = sentence
        previous_hole = found[-1][1] if found else None
    placed: list[dict[str, Figure]] = []
    for group in holes:
        within = (
            "including" in group
            and bool(placed)
            and placed[-1]["hole"].value == group["hole"].value
        )
        if "from_m" in group or within:
            # An "including" part is placed by the intercept it lies in, when that one is.
            placed.append(group)
            continue
        grade = group["grade"]
        found_ambiguities.append(
            Ambiguity(
                "holes",
                f"{group['hole'].value}: {group['interval_m'].value} m of {grade.value} is given "
                "without "
                "its depth, so it is left out",
                grade.sentence,
            )
        )
    if ambiguities is not None:
        ambiguities.extend(found_ambiguities)
    return placed


#: A sentence whose subject is the hole the sentence before named.
_PRONOUN = re.compile(
    r"(?:It|The\shole|This\shole|The\sdrill\shole)\s(?!is\b|was\b)[a-z]"
    # "A second zone lower in the hole returned ...": the hole of the sentence before.
    r"|[^.;]{0,60}\b(?:in|of|down)\s(?:the|this|that)\s(?:same\s)?(?:drill\s)?hole\b(?!\s[A-Z0-9])"
)


def _only_hole(sentence: Sentence) -> str | None:
    """The one hole a sentence names, if it names exactly one."""
    ids = {m.group("id") for m in _HOLE.finditer(sentence.text) if _is_hole_id(m.group("id"))}
    return ids.pop() if len(ids) == 1 else None


def _list_heading(sentence: Sentence) -> str | None:
    """The one hole of a line that introduces a list ("Hole KR-07 returned the following:") or
    a block of intervals ("Hole SR25-03 (azimuth 090, dip -70)")."""
    block = _BLOCK_HEADING.match(sentence.text.strip())
    if block and _is_hole_id(block.group("id")):
        return block.group("id")
    if not sentence.text.rstrip().endswith(":"):
        return None
    ids = {m.group("id") for m in _HOLE.finditer(sentence.text) if _is_hole_id(m.group("id"))}
    return ids.pop() if len(ids) == 1 else None


def _keep(holes: list[dict[str, Figure]], group: dict[str, Figure]) -> None:
    """Add an intercept, or complete the same one read before (highlights, then the table)."""
    for kept in holes:
        if _same_intercept(kept, group):
            for key, figure in group.items():
                kept.setdefault(key, figure)
            return
    holes.append(group)


def _same_intercept(one: dict[str, Figure], other: dict[str, Figure]) -> bool:
    """One hole's intercept read twice: the same start, or the same length and grade, and no
    figure that disagrees."""
    if one["hole"].value != other["hole"].value:
        return False
    shared = (one.keys() & other.keys()) - {"hole", "including"}
    if any(one[key].value != other[key].value for key in shared):
        return False
    if "from_m" in shared:
        return True
    return {"interval_m", "grade"} <= shared


def _prose(
    sentence: Sentence, last_hole: str | None, list_hole: str | None = None
) -> list[tuple[dict[str, Figure], str]]:
    """The intercepts of one sentence; ``list_hole`` is the hole of a list it is an item of."""
    text = sentence.text
    found: list[tuple[dict[str, Figure], str]] = []
    if _EARLIER_RELEASE.search(text):
        # "... 8m @ 3.1g/t Au from 24m in MMAC112 (ASX announcement 14 October 2025)": old news.
        return found
    # A sentence's first intercept belongs to the hole before only as its "including" part,
    # or as an item of a list introduced by one hole.
    hole: str | None = list_hole
    parent = list_hole or last_hole
    position = 0
    for match in _intercepts(text):
        lead = text[position : match.start()]
        ids = [m for m in _HOLE.finditer(lead) if _names_the_hole(lead, m)]
        before = _HOLE_AFTER.match(text, position) if found else None
        if before and all(m.start("id") + position == before.start("id") for m in ids):
            # "... of 9.2 g/t Au in hole KE-84 and 0.8 metres ... in hole KE-90": the hole named
            # after the intercept before is that one's, not this one's.
            ids = []
        if _SURFACE.search(lead[ids[-1].end() if ids else 0 :]):
            # "... surface trenching that returned 12.0 m of 2.45 g/t Au": not a drill hole.
            position = match.end()
            continue
        depths = _SPAN_COLON.search(text, position, match.start())
        lead_end = depths.start() if depths else match.start()
        including = bool(_INCLUDING.search(text[max(0, lead_end - 20) : lead_end])) or bool(
            not ids and _WITHIN_WHICH.search(text, position, lead_end)
        )
        if ids and not including:
            hole = ids[-1].group("id")
            parent = hole
        elif including and hole is None:
            hole = parent
        named_after = None if ids or including else _hole_after(text, match.end())
        if named_after:
            hole = parent = named_after
        if hole is None:
            position = match.end()
            continue
        group: dict[str, Figure] = {
            "hole": figure_at("hole", hole, sentence, match.start(), match.start())
        }
        if ids:
            group["hole"] = figure_at(
                "hole", hole, sentence, position + ids[-1].start("id"), position + ids[-1].end("id")
            )
        group["interval_m"] = figure_at(
            "interval_m",
            normal(number(match.group("interval"))),
            sentence,
            match.start("interval"),
            match.end("interval"),
        )
        grade = _own_grade(text, match) or match
        group["grade"] = figure_at(
            "grade",
            normal(number(grade.group("grade"))),
            sentence,
            grade.start("grade"),
            grade.end("grade"),
        )
        element = _ELEMENT_WORDS.get(grade.group("element").lower(), grade.group("element"))
        element = element.translate(SUBSCRIPTS)
        unit = f"{unit_name(grade.group('unit'))} {element}"
        group["grade_unit"] = figure_at(
            "grade_unit", unit, sentence, grade.start("unit"), grade.end("element")
        )
        span = _FROM_TO.match(text, match.end())
        if match.re is _INTERCEPT and match.group("ffrom"):
            group["from_m"] = figure_at(
                "from_m",
                normal(number(match.group("ffrom"))),
                sentence,
                match.start("ffrom"),
                match.end("ffrom"),
            )
        elif match.re is _INTERCEPT and match.group("bfrom"):
            for key, name in (("from_m", "bfrom"), ("to_m", "bto")):
                group[key] = figure_at(
                    key,
                    normal(number(match.group(name))),
                    sentence,
                    match.start(name),
                    match.end(name),
                )
        elif span:
            start_group = "from" if span.group("from") else "from2"
            end_group = "to" if span.group("from") else "to2"
            group["from_m"] = figure_at(
                "from_m",
                normal(number(span.group(start_group))),
                sentence,
                span.start(start_group),
                span.end(start_group),
            )
            if span.group(end_group):
                group["to_m"] = figure_at(
                    "to_m",
                    normal(number(span.group(end_group))),
                    sentence,
                    span.start(end_group),
                    span.end(end_group),
                )
        else:
            before = depths or _FROM_TO_BEFORE.search(text, position, match.start())
            if before:
                group["from_m"] = figure_at(
                    "from_m",
                    normal(number(before.group("from"))),
                    sentence,
                    before.start("from"),
                    before.end("from"),
                )
                group["to_m"] = figure_at(
                    "to_m",
                    normal(number(before.group("to"))),
                    sentence,
                    before.start("to"),
                    before.end("to"),
                )
        if including and parent:
            group["including"] = figure_at(
                "including", parent, sentence, match.start(), match.start()
            )
        if (
            found
            and not including
            and found[-1][1] == hole
            and _WITHIN.search(text, position, match.start())
            and group["interval_m"].value > found[-1][0]["interval_m"].value  # type: ignore[operator]
        ):
            # "10m @ 1.4% Cu from 178m within 16m @ 1.0% Cu from 173m": the one before is part
            # of this longer one.
            inner = found[-1][0]
            inner["including"] = figure_at(
                "including", hole, sentence, match.start(), match.start()
            )
        if "from_m" in group or including or ids:
            found.append((group, hole))
        position = match.end()
    return found


#: "..., within which a higher-grade core returned 156.0 metres at ...": a part of the one before.
_WITHIN_WHICH = re.compile(r"\bwithin\swhich\b[^.;]{0,80}$", re.I)
#: "... from 178m within 16m @ ...": the next intercept holds the one before.
_WITHIN = re.compile(
    r"\bwithin\s(?:an?\s)?(?:(?:broader|wider|larger|thicker|longer|lower-grade|lower\sgrade)\s)?"
    r"(?:(?:interval|zone)\s(?:of\s)?)?$"
)


_BRACKET_GRADE = re.compile(
    rf"\s?\((?P<grade>{NUMBER})\s?(?P<unit>{_GRADE_UNIT})\s?(?P<element>{_ELEMENT})\b[^()]*\)"
)


def _own_grade(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The element's own grade in brackets after a metal-equivalent one ("4.12 g/t AuEq (3.61
    g/t Au and 38.0 g/t Ag)"): the equivalent is not the element's grade."""
    element = match.group("element")
    if not element.endswith("Eq"):
        return None
    inner = _BRACKET_GRADE.match(text, match.end())
    return inner if inner and inner.group("element") == element[:-2] else None


_HOLE_AFTER = re.compile(
    rf"[^.;]{{0,40}}?\s(?:in|from|for)\s(?:drill\s)?(?:hole\s)?(?P<id>{HOLE_ID})"
)


#: "12.4m @ 2.31% Ni from 188.6m (WBD031)": the hole in brackets after its intercept.
_HOLE_BRACKET = re.compile(
    rf"(?:[^.;()]|(?<=\d)\.(?=\d)){{0,30}}?\s?\((?:hole\s)?(?P<id>{HOLE_ID})\)"
)


#: Between two intercepts of one hole named after both ("11m @ 1.61% Li2O from 120m and 6m @
#: 1.33% Li2O from 139m in YRC036"): the first one's depth and "and".
_JOINED = re.compile(rf"(?:\s?from\s(?:{NUMBER})\s?m)?\s?(?:,\sand|,|and)\s?")


def _hole_after(text: str, at: int) -> str | None:
    """The hole named just after an intercept ("... from 76 m in KGA067"), or after the next
    intercept when the two are joined by "and" and that hole is named after both."""
    following = _INTERCEPT.search(text, at)
    if following and _JOINED.fullmatch(text, at, following.start()):
        return _hole_after(text, following.end())
    match = _HOLE_AFTER.match(text, at) or _HOLE_BRACKET.match(text, at)
    if (
        match
        and _is_hole_id(match.group("id"))
        and not _INTERCEPT.search(text, at, match.start("id"))
    ):
        return match.group("id")
    return None


def _intercepts(text: str) -> list[re.Match[str]]:
    """Both forms of intercept in the order of the text, none overlapping another."""
    found = sorted(
        [*_INTERCEPT.finditer(text), *_GRADE_OVER.finditer(text)], key=lambda m: m.start()
    )
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


#: Words that cite an intercept from an earlier release: it is not this release's result.
_EARLIER_RELEASE = re.compile(
    r"\bpreviously\s(?:reported|announced|released|disclosed)\b"
    r"|\b(?:announcement|release)\s(?:of\s|dated\s)?\d{1,2}\s[A-Z][a-z]+\s(?:19|20)\d\d\b"
    r"|\b(?:reported|announced)\s(?:on|in)\s(?:[A-Z][a-z]+\.?\s\d{1,2},\s)?(?:19|20)\d\d\b"
    r"|\b(?:reported|announced)\son\s[A-Z][a-z]+\.?\s\d{1,2}\b"
)
#: Samples taken at surface: their intercepts are not drill intercepts.
_SURFACE = re.compile(r"\b(?:trench|channel|grab|chip\ssampl|outcrop|surface\ssampl)\w*", re.I)
#: Words that make a hole id a landmark of the sentence, not its subject ("a step-down below
#: LP-25-018", "east of hole 12"), and the samples at surface ("channel CH-25-04").
_REFERENCE = re.compile(
    r"\b(?:below|above|beneath|under|beyond|of|than|near|past|along|toward|towards|behind|"
    r"between|after|like|channel|trench|sample)\s(?:(?:drill\s)?holes?\s)?$",
    re.I,
)


def _names_the_hole(lead: str, match: re.Match[str]) -> bool:
    """A hole id in the words before an intercept that names the intercept's hole."""
    if not _is_hole_id(match.group("id")):
        return False
    return not _REFERENCE.search(lead[max(0, match.start("id") - 30) : match.start("id")])


def _is_hole_id(word: str) -> bool:
    """Hole ids mix letters and digits ("KR-24-07", "DDH045"); grades and years do not."""
    if re.fullmatch(r"(?:19|20)\d\d(?:Q\d|H\d)?|\d+", word) or re.fullmatch(
        rf"(?:{_ELEMENT})\d*", word
    ):
        return False
    return bool(re.search(r"[A-Z]", word) and re.search(r"\d", word)) and len(word) >= 4
