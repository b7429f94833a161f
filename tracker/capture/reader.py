"""Reading a release's plain text into a :class:`Capture`: the kind, the names, every figure.

Precision before recall: a key read twice with two values is left out, with an ``Ambiguity``
that says why, rather than taken from a guess.
"""

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from tracker.capture.cell_lines import rejoin_cells
from tracker.capture.chrome import headline_index
from tracker.capture.clauses import CASE_WORDS, TAX_BASIS, basis_of, clauses
from tracker.capture.deal import counterparty, deal_type, interest
from tracker.capture.deal_payments import payments
from tracker.capture.details import deal_details, study_details
from tracker.capture.drill import drill_holes
from tracker.capture.kind import said_kind, study_type
from tracker.capture.model import Ambiguity, Capture, Case, Figure, Span
from tracker.capture.money import CAPTION_UNIT, currency_statement, normal
from tracker.capture.names import company_name, project_name, projects_named
from tracker.capture.sentences import Sentence, split_sentences
from tracker.capture.sighting import Sighting, figure_at
from tracker.capture.study import study_sightings
from tracker.capture.study_pairs import paired
from tracker.capture.study_sections import UNNAMED_CASE, heading_case, is_list_item
from tracker.capture.study_table import Columns, column_heading

#: Sentences that test the economics rather than state them: no figure is read from them.
_SENSITIVITY = re.compile(
    r"\bsensitivit\w*|\bwould (?:be|increase|decrease|rise|fall)\b"
    # "A 10% increase in initial capital reduces the NPV by ...", "the NPV rises to ..."
    r"|\b\d+(?:\.\d+)?\s?%\s(?:increase|decrease|change|rise|fall|reduction|drop)\b"
    r"|\b(?:rises?|falls?|increases?|decreases?|drops?|climbs?)\sto\b",
    re.I,
)
#: "The Company's attributable share of the NPV is ...": the owner's part, not the project's.
_ATTRIBUTABLE = re.compile(
    r"\battributable\b|\bnet to (?:the )?company\b|\bthe company['\u2019]s (?:share|portion)\b",
    re.I,
)
_SENSITIVITY_LABEL = re.compile(r"(?:\w+\s)?sensitivit(?:y|ies)\b[^:]{0,40}:", re.I)
#: The study keys whose value follows the NPV's tax basis.
_BASIS_KEYS = ("npv", "irr")
#: "The base case uses an 8% discount rate", "a 5% discount rate is used for the base case".
_BASE_RATE = re.compile(
    r"\bbase[- ]case\s(?:uses|assumes|applies|is\sbased\son|is\sdiscounted\sat)\s(?:an?\s)?"
    r"(?P<rate>\d+(?:\.\d+)?)\s?%\s(?:real\s)?discount\srate"
    r"|\b(?P<rate2>\d+(?:\.\d+)?)\s?%\s(?:real\s)?discount\srate\s(?:is|was)\s(?:used\s)?(?:for|as|in)\s"
    r"the\sbase[- ]case"
    # "The Company uses a 5% discount rate for its base case", "has adopted the 8% discount
    # rate as its base case".
    r"|\b(?:uses|used|applies|applied|adopts|adopted|selects|selected|chose|chosen)\s(?:an?\s|the\s)?"
    r"(?P<rate3>\d+(?:\.\d+)?)\s?%\s(?:real\s)?discount\srate\s(?:for|as|in)\s(?:the|its|our)\s"
    r"base[- ]case",
    re.I,
)
#: A headline's words for drill results, which keep a release with no intercept read a drill one.
_RESULT_WORDS = re.compile(
    r"\b(?:intersect\w*|intercept\w*|results?|assays?|returns?|cuts?|hits?|grad\w+|"
    r"drills\s\d|\d+(?:\.\d+)?\s?(?:m|metres|meters|ft|feet)\b)",
    re.I,
)
_MONTH_DATE = re.compile(
    r"\b(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
    r"Dec)[a-z]*\.?\s(?P<d>\d{1,2}),\s(?P<y>(?:19|20)\d\d)\b"
)


def read_release(text: str, source: str = "pasted text") -> Capture:
    """Every figure the text states plainly, with its span and sentence; ``source`` names it."""
    capture = Capture(text=text, source=source)
    # A table copied one cell to a line is read in its rows (the text keeps its length).
    sentences = _quoted_release(text, split_sentences(rejoin_cells(text)))
    if not sentences:
        return capture
    first = headline_index(sentences)
    title = sentences[first]
    opening = sentences[first + 1 : first + 6]
    capture.title = title.text.strip()
    capture.release_date = _release_date(text)
    year = capture.release_date.year if capture.release_date else None
    default = currency_statement(text)
    said = said_kind(title, opening, sentences[:first])
    capture.kind = said or "other"
    company = company_name(sentences)
    if company:
        name, sentence, start, end = company
        capture.figures["company"] = figure_at("company", name, sentence, start, end)
    project = project_name(sentences)
    if project and said == "other" and len(projects_named(sentences)) >= 2:
        # A quarterly or a corporate update about several projects is about none of them.
        project = None
    if project:
        name, sentence, start, end = project
        capture.figures["project"] = figure_at("project", name, sentence, start, end)
    if capture.kind == "study":
        _read_study(capture, sentences, title, opening, default, year)
        capture.details = study_details(sentences, default)
    elif capture.kind == "deal":
        _read_deal(capture, sentences, title, opening, default)
        capture.details = deal_details(sentences, default)
    elif capture.kind in ("drill", "resource", "other"):
        capture.holes = drill_holes(sentences, capture.ambiguities)
        if said in ("resource", "other"):
            # The intercepts a resource estimate, a quarterly or a notice quotes support it;
            # they are not its news.
            capture.holes = []
        if capture.holes and said is None:
            # No words say what the news is, and it reports intercepts: drill results.
            capture.kind = "drill"
        elif (
            capture.kind == "drill"
            and not capture.holes
            and not any(a.key == "holes" for a in capture.ambiguities)
            and not _RESULT_WORDS.search(title.text)
        ):
            # "Receives Permit to Drill", "Mobilizes Rigs": no intercept and no word of results.
            capture.kind = "other"
    return capture


#: A line quoted as forum posts quote ("> Acme Gold Corp. is pleased ..."), not a ">>" bullet.
_QUOTED_LINE = re.compile(r"^[ \t]*>(?!>)", re.M)
#: Fewer quoted lines than this are a reply's quote of a line or two, not the release.
_QUOTED_RELEASE_LINES = 5
#: A quoted line of prose ("> Acme Gold Corp. is pleased to announce ... ."): a release's own
#: sentences are quoted, where "> Post-tax NPV8 of A$1,046 million" lines are bullets.
_QUOTED_PROSE = re.compile(r"^[ \t]*>(?!>)[ \t]*(?:\S+[ \t]+){7,}[^\n]*\.[ \t]*$", re.M)


def _quoted_release(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A post that quotes the release (its lines marked ">") around the poster's own words:
    only the quoted sentences are the release; the poster's figures are no part of it."""
    quoted = [m.start() for m in _QUOTED_LINE.finditer(text)]
    if len(quoted) < _QUOTED_RELEASE_LINES or not _QUOTED_PROSE.search(text):
        return sentences
    starts = set(quoted)
    inside = [s for s in sentences if text.rfind("\n", 0, s.span.start) + 1 in starts]
    return inside if len(inside) < len(sentences) and inside else sentences


def _release_date(text: str) -> date | None:
    match = _MONTH_DATE.search(text[:600])
    if not match:
        return None
    try:
        month = datetime.strptime(match.group("m")[:3], "%b").month
        return date(int(match.group("y")), month, int(match.group("d")))
    except ValueError:
        return None


def _read_study(
    capture: Capture,
    sentences: list[Sentence],
    title: Sentence,
    opening: list[Sentence],
    default: str | None,
    year: int | None,
) -> None:
    kind = study_type(title, opening)
    if kind:
        value, sentence, start, end = kind
        capture.figures["study_type"] = figure_at("study_type", value, sentence, start, end)
    sightings: list[Sighting] = []
    columns: Columns | None = None
    in_sensitivities = in_paragraph = False
    section_basis: str | None = None
    section_case: str | None = None
    caption: re.Match[str] | None = None
    last_end = 0
    for sentence in sentences:
        heading = column_heading(sentence)
        if heading:
            columns = heading
            continue
        if not sentence.is_table_row:
            columns = None
            # "Financial summary (A$ million unless stated)": the unit of the table below it.
            caption = CAPTION_UNIT.search(sentence.text) if _is_heading(sentence.text) else None
        if _is_heading(sentence.text):
            in_sensitivities = bool(_SENSITIVITY.search(sentence.text))
            # "PFS financial outcomes (real terms, post-tax unless stated)": the section's basis.
            said = _SECTION_BASIS.search(sentence.text)
            section_basis = basis_of(said.group(1)) if said else None
            section_case = heading_case(sentence.text)
        elif section_case is not None and not is_list_item(capture.text, sentence):
            section_case = None
        if "\n" in capture.text[last_end : sentence.span.start] and not _is_heading(sentence.text):
            # A paragraph that opens "Sensitivity: ..." tests the economics to its end.
            in_paragraph = bool(_SENSITIVITY_LABEL.match(sentence.text))
        last_end = sentence.span.end
        if section_case == UNNAMED_CASE:
            continue
        if (
            in_paragraph
            or in_sensitivities
            or (_SENSITIVITY.search(sentence.text) and not CASE_WORDS.search(sentence.text))
            or _ATTRIBUTABLE.search(sentence.text)
        ):
            continue
        parts = clauses(sentence, year)
        if section_basis:
            parts = [replace(p, basis=p.basis or section_basis) for p in parts]
        if section_case:
            parts = [replace(p, case=section_case) if p.case == "base" else p for p in parts]
        pair, held = (
            paired(sentence, parts[0].case, parts[0].basis, default) if parts else ([], set())
        )
        sightings.extend(pair)
        for clause in parts:
            found = study_sightings(clause, default, columns, caption)
            # Where the sentence pairs its figures, the pairs hold their keys.
            sightings.extend(s for s in found if s.key not in held)
    by_case: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in _without_price_tests(sightings):
        by_case[sighting.case].append(sighting)
    rate = _BASE_RATE.search(capture.text)
    said_rate = rate and (rate.group("rate") or rate.group("rate2") or rate.group("rate3"))
    base_rate = normal(Decimal(said_rate)) if said_rate else None
    base = _case_figures("base", by_case.pop("base", []), capture.ambiguities, base_rate)
    capture.figures.update(base.figures)
    capture.prices = base.prices
    for label, found in by_case.items():
        case = _case_figures(label, found, capture.ambiguities)
        if case.figures or case.prices:
            capture.alt_cases.append(case)


_SECTION_BASIS = re.compile(
    rf"\b{TAX_BASIS}\b[^.;]{{0,30}}\bunless\s(?:otherwise\s)?(?:stated|noted|indicated)", re.I
)
_BASE_WORDS = re.compile(r"\bbase[- ]case\b", re.I)


def _without_price_tests(sightings: list[Sighting]) -> list[Sighting]:
    """Leave out the base-case figures of a sentence that prices a commodity otherwise than the
    sentence naming the base case does ("At a silver price of US$32.00/oz, the NPV is ..."):
    it tests the economics at another price, it is not the base case, nor a named case."""

    def deck(sighting: Sighting) -> tuple[object, object]:
        return sighting.extra["commodity"].value, sighting.extra["unit"].value

    prices = [s for s in sightings if s.key == "price" and s.case == "base"]
    base_prices: dict[tuple[object, object], object] = {}
    for sighting in prices:
        if _BASE_WORDS.search(sighting.sentence.text):
            base_prices.setdefault(deck(sighting), sighting.value)
    tests = {
        sighting.sentence.span
        for sighting in prices
        if not _BASE_WORDS.search(sighting.sentence.text)
        and base_prices.get(deck(sighting), sighting.value) != sighting.value
    }
    return [s for s in sightings if not (s.case == "base" and s.sentence.span in tests)]


def _is_heading(text: str) -> bool:
    """A section heading ("Economic Sensitivities"): short, unpunctuated, no figures, no cells."""
    return (
        len(text) <= 80
        and not re.search(r"[.!?;:,]\s*$|\t|\S\s{3,}\S", text)
        and not re.search(r"\$\s?\d|\d\s?%|\d\s(?:million|billion)\b|\d[\d,.]*\d", text)
    )


def _case_figures(
    label: str,
    found: list[Sighting],
    ambiguities: list[Ambiguity],
    base_rate: Decimal | None = None,
) -> Case:
    """One case's figures: per key the value all its sightings agree on, after-tax first.

    NPVs at several discount rates are settled by the rate the release calls its base case's
    (``base_rate``); without one they stay an ambiguity.
    """
    case = Case(label=label)
    by_key: dict[str, list[Sighting]] = defaultdict(list)
    prices: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in found:
        if sighting.key == "price":
            prices[str(sighting.extra["commodity"].value)].append(sighting)
        else:
            by_key[sighting.key].append(sighting)
    basis = _chosen_basis(by_key.get("npv", []) or by_key.get("irr", []))
    for key, seen in by_key.items():
        if key in _BASIS_KEYS:
            seen = [s for s in seen if s.basis == basis] or (
                [s for s in seen if s.basis is None] if basis else []
            )
        if not seen:
            continue
        if key == "npv" and base_rate is not None:
            seen = [s for s in seen if _rate(s) == base_rate] or seen
        if any(not seen[0].same_value(other) for other in seen[1:]):
            # "Payback (years)  2.9  3.4" under "Pre-Tax  After-Tax": the NPV's basis settles it.
            settled = [s for s in seen if s.basis == basis] if basis and key == "payback" else []
            if settled and len({s.basis for s in seen}) > 1:
                seen = settled
        if any(not seen[0].same_value(other) for other in seen[1:]):
            ambiguities.append(
                Ambiguity(key, _conflict_reason(key, label, seen), seen[0].sentence.span)
            )
            continue
        case.figures[key] = seen[0].figure()
        for sighting in seen:
            for extra_key, figure in sighting.extra.items():
                case.figures.setdefault(extra_key, figure)
        if key == "npv" and "discount_rate" not in case.figures:
            # "pre-tax NPV, applying an 8% discount rate, of ...; after-tax, the NPV comes to ...":
            # one rate for every NPV of the case is this one's too.
            rates = {_rate(s): s for s in by_key["npv"] if _rate(s) is not None}
            if len(rates) == 1:
                case.figures["discount_rate"] = next(iter(rates.values())).extra["discount_rate"]
        if key == "npv" and seen[0].basis:
            sentence = seen[0].sentence.span
            case.figures["npv_basis"] = Figure("npv_basis", seen[0].basis, _span(seen[0]), sentence)
    for symbol, seen in prices.items():
        if any(not seen[0].same_value(other) for other in seen[1:]):
            reason = _conflict_reason(f"{symbol} price", label, seen)
            ambiguities.append(Ambiguity("prices", reason, seen[0].sentence.span))
            continue
        price = seen[0]
        case.prices.append(
            {
                "commodity": price.extra["commodity"],
                "price": price.figure(),
                "unit": price.extra["unit"],
            }
        )
    return case


def _rate(sighting: Sighting) -> Decimal | None:
    rate = sighting.extra.get("discount_rate")
    return rate.value if rate and isinstance(rate.value, Decimal) else None


def _chosen_basis(seen: list[Sighting]) -> str | None:
    bases = {s.basis for s in seen}
    for basis in ("after-tax", None, "pre-tax"):
        if basis in bases:
            return basis
    return None


def _span(sighting: Sighting) -> Span:
    return Span(sighting.start, sighting.end)


def _conflict_reason(key: str, label: str, seen: list[Sighting]) -> str:
    values = ", ".join(dict.fromkeys(str(s.value) for s in seen))
    case = "the base case" if label == "base" else f"the {label} case"
    return f"{key} is given as {values} for {case}; which one is meant is not clear"


def _read_deal(
    capture: Capture,
    sentences: list[Sentence],
    title: Sentence,
    opening: list[Sentence],
    default: str | None,
) -> None:
    found = deal_type(title, opening)
    if found:
        value, sentence, start, end = found
        capture.figures["deal_type"] = figure_at("deal_type", value, sentence, start, end)
    share, stages = interest(sentences)
    if share:
        capture.figures["interest_pct"] = share
    capture.steps = stages
    company = capture.figures.get("company")
    # Counted from the headline: an RNS or page header above it is no part of the release.
    other = counterparty(
        sentences[sentences.index(title) :], str(company.value) if company else None
    )
    if other:
        capture.figures["counterparty"] = other
    stream = bool(found and found[0] == "stream")
    figures, obligations, ambiguities = payments(sentences, default, stream)
    capture.figures.update(figures)
    capture.obligations = obligations
    capture.ambiguities.extend(ambiguities)
