"""Names in a release: the issuing company, the project, commodities and their symbols."""

import re

from tracker.capture.sentences import Sentence

#: Words for a commodity, as the app's symbols (the seeded commodity list).
COMMODITY_WORDS = {
    "gold": "Au",
    "au": "Au",
    "silver": "Ag",
    "ag": "Ag",
    "copper": "Cu",
    "cu": "Cu",
    "molybdenum": "Mo",
    "moly": "Mo",
    "mo": "Mo",
    "tungsten": "W",
    "apt": "W",
    "wo3": "W",
    "zinc": "Zn",
    "zn": "Zn",
    "lead": "Pb",
    "pb": "Pb",
    "nickel": "Ni",
    "ni": "Ni",
    "cobalt": "Co",
    "lithium": "Li",
    "lithium carbonate": "Li",
    "lithium hydroxide": "Li",
    "lce": "Li",
    "spodumene": "Li",
    "spodumene concentrate": "Li",
    "uranium": "U",
    "u3o8": "U",
    "rare earth": "REE",
    "rare earths": "REE",
    "treo": "REE",
    "ndpr": "REE",
    "ndpr oxide": "REE",
    "platinum": "Pt",
    "palladium": "Pd",
    "rhodium": "Rh",
    "tin": "Sn",
    "iron ore": "Fe",
    "graphite": "Graphite",
}
COMMODITY = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(w) for w in COMMODITY_WORDS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_EXCHANGES = (
    r"TSX-?V|TSXV|TSX|ASX|NYSE(?: American| MKT)?|NASDAQ|AIM|LSE|CSE|OTCQX|OTCQB|OTC|"
    r"FSE|FRA|JSE|NYSE-A|Cboe|NEO"
)
_TICKER = re.compile(
    rf"\((?:[\"“][^)]*?[\"”]\s*[;,]?\s*)?(?:{_EXCHANGES})\s?[:\-]\s?[A-Z0-9.]+"
    # "(Plateado Resources Corp., TSXV: PLR, Oct 2 2026)": the listing after the name's comma.
    rf"|(?<=[.\w]),\s(?:{_EXCHANGES})\s?:\s?[A-Z0-9.]+"
)
_ALIAS = re.compile(
    r"\s?\([\"\u201c][^)]{1,60}[\"\u201d]\s(?:or|and)\s(?:the\s)?[\"\u201c]Company[\"\u201d]\)"
)
_NAME_WORD = r"(?:[A-Z0-9][\w&'\u2019.-]*|of|and|&|de|del|la|the|plc|inc\.?|ltd\.?|corp\.?)"
_NAME_BEFORE = re.compile(rf"((?:{_NAME_WORD}[ ]){{0,6}}{_NAME_WORD})\s*,?\s*$")
LEGAL = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|LLC|Pty|S\.A|SA|AG|AB|ASA|GmbH|Oy|SpA|BV|NV|NL|"
    r"Company|Co|C\.V|S\.L|SL|S\.L\.U|SLU|S\.R\.L|SRL|S\.A\.S|SAS|Lda|Ltda)\.?$"
)
_PROJECT = re.compile(
    r"\b((?:[A-Z][\w'\u2019-]*|[A-Z]{2,}\d*)(?:[ -](?:[A-Z][\w'\u2019-]*|de|del|la|\d+))*)"
    # "24-Year Mine Life", "the Project Economics": a project's figure, not its name.
    r"\s+(?:Project|Property|Deposit|Mine)\b(?!\s(?:Life|Plan|Economics)\b)"
)
_NOT_PROJECT = frozenset(
    [
        "the",
        "this",
        "our",
        "its",
        "a",
        "an",
        "company's",
        "corporation's",
        "pea",
        "pfs",
        "fs",
        "dfs",
        "study",
        "option",
        "joint",
        "venture",
        "updated",
        "feasibility",
        "pre-feasibility",
        "preliminary",
        "economic",
        "assessment",
        "flagship",
    ]
)
_TAIL_WORD = (
    r"Gold|Silver|Copper|Lithium|Uranium|Nickel|Zinc|Lead|Molybdenum|Tungsten|Rare Earths?|REE|"
    r"Cu|Au|Ag|Zn|Pb|Ni|Tin|PGM|PGE|Platinum|Polymetallic|Moly|Graphite|Cobalt|Base Metals?|ISR|"
    r"In-Situ Recovery|"
    r"Heap Leach|Open Pit|Underground|Porphyry|Brine|Claystone|Clay|Pegmatite|Sediment|Spodumene|"
    r"Rare Earth|Battery Metals?|Critical Minerals?"
)
_HEADLINE_WORD = re.compile(
    r"(?:Study|Feasibility|Pre-Feasibility|Assessment|PEA|PFS|DFS|BFS|Results?|Confirms?|"
    r"Announces?|Reports?|Delivers?|Positive|Robust|Tier-One|Tier-1|World-Class|Drills?|"
    r"Intersects?|"
    r"Extends?|Expands?|Options?|Acquires?|Acquisition|Agreement|Signs?|Completes?|Updated?|"
    r"Maiden|New|High-Grade|Flagship|Producing|Past-Producing|Operating|Advances?|Files?|Its|At|"
    r"For|On|Of)",
)
_COMMODITY_TAIL = re.compile(rf"(?:[\s-]+(?:{_TAIL_WORD}))+$", re.I)
_PROJECT_LOWER = re.compile(
    r"\b(?:the|its|our|[A-Z]\w*['\u2019]s)\s"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s(?:[A-Z][\w'\u2019-]*|de|del|la))*)"
    rf"(?:[\s-]+(?i:{_TAIL_WORD}))+\s(?:project|property|mine|deposit)\b"
)


def commodity_symbol(word: str) -> str | None:
    """``"gold"``, ``"Au"``, ``"lithium carbonate"`` as the app's symbol, or ``None``."""
    return COMMODITY_WORDS.get(re.sub(r"\s+", " ", word.strip().lower()))


def company_name(sentences: list[Sentence]) -> tuple[str, Sentence, int, int] | None:
    """The company that issues the release: the name before the first "(TSXV: ...)", else the
    name given its short form ('Acme Gold Corp. ("Acme" or the "Company")')."""
    names = listed_companies(sentences)
    if names:
        return names[0]
    for sentence in sentences[:12]:
        for alias in _ALIAS.finditer(sentence.text):
            # 'Nordic Graphite AB (Nasdaq First North: NGRA) ("Nordic Graphite" or the "Company")':
            # a listing in brackets may stand between the name and its short form.
            before = re.sub(r"(?:\s*\([^()]{1,60}\))+\s*$", "", sentence.text[: alias.start()])
            match = _NAME_BEFORE.search(before)
            name = _trim_name(match.group(1)) if match else ""
            if name and LEGAL.search(name):
                start = sentence.text.rfind(name, 0, alias.start())
                return name, sentence, start, start + len(name)
    return None


def listed_companies(sentences: list[Sentence]) -> list[tuple[str, Sentence, int, int]]:
    """Every company named with its listing ("Acme Gold Corp. (TSXV: ACM)") in the opening."""
    found: list[tuple[str, Sentence, int, int]] = []
    for sentence in sentences[:12]:
        for ticker in _TICKER.finditer(sentence.text):
            before = sentence.text[: ticker.start()]
            # An alias in its own brackets may stand between the name and the listing.
            before = re.sub(r"(?:\s*\((?:[\"\u201c][^)]*|the \"[^)]*)\))+\s*$", " ", before)
            # "(BUSINESS WIRE)--March 3, 2026--Acme Corp.": a dateline's dashes end before the name.
            before = re.split(r"[\u2013\u2014/|]|\s-\s|\)\s|--", before)[-1]
            match = _NAME_BEFORE.search(before)
            if not match:
                continue
            name = _trim_name(match.group(1))
            if name and LEGAL.search(name) and name not in (f[0] for f in found):
                start = sentence.text.rfind(name, 0, ticker.start())
                found.append((name, sentence, start, start + len(name)))
    return found


def _trim_name(name: str) -> str:
    """Drop a dateline's leading words ("2025 Acme Gold Corp." -> "Acme Gold Corp.")."""
    words = name.split()
    while words and (words[0][0].isdigit() or words[0].lower() in ("the", "of", "and", "&")):
        words.pop(0)
    return " ".join(words)


def project_name(sentences: list[Sentence]) -> tuple[str, Sentence, int, int] | None:
    """The project the release is about: the first "<Name> Project" in its opening.

    A headline's capitals ("Study Confirms Tier-One Spodumene Project at ...") are not a name:
    words of a headline before the name are dropped, and a name left empty is passed over.
    """
    for sentence in sentences[:15]:
        for match in _PROJECT.finditer(sentence.text):
            words = match.group(1).split()
            headline = [i for i, word in enumerate(words) if _HEADLINE_WORD.fullmatch(word)]
            if headline:
                words = words[headline[-1] + 1 :]
            while words and words[0].lower() in _NOT_PROJECT:
                words.pop(0)
            if not words:
                continue
            name = _COMMODITY_TAIL.sub("", " " + " ".join(words)).strip()
            if not name or name.lower() in _NOT_PROJECT or (name.isupper() and len(name) <= 4):
                continue
            start = match.start(1) + match.group(1).find(words[0])
            return name, sentence, start, start + len(name)
    return _lower_case_project(sentences)


def _lower_case_project(sentences: list[Sentence]) -> tuple[str, Sentence, int, int] | None:
    """A name before commodity words and a lower-case "project" or "mine", owned by someone
    ("the Saguaro Wash porphyry copper project", "the Company's Cerro Pardo silver-zinc mine")."""
    for sentence in sentences[:15]:
        for match in _PROJECT_LOWER.finditer(sentence.text):
            words = match.group("name").split()
            while words and words[0].lower() in _NOT_PROJECT:
                words.pop(0)
            if not words or any(_HEADLINE_WORD.fullmatch(word) for word in words):
                continue
            name = " ".join(words)
            start = match.start("name") + match.group("name").find(words[0])
            return name, sentence, start, start + len(name)
    return None
