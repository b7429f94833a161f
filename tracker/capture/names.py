"""Names in a release: the issuing company, the project, commodities and their symbols."""

import re
from collections.abc import Iterator

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
    "rare earth oxide": "REE",
    "rare earth oxides": "REE",
    "total rare earth oxide": "REE",
    "total rare earth oxides": "REE",
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
    r"TSX[ -]?Venture(?:\sExchange)?|TSX-?V|TSXV|TSX|ASX|NYSE(?: American| MKT)?|NASDAQ|Nasdaq|AIM|"
    r"LSE|CSE|OTCQX|OTCQB|OTC|FSE|FRA|JSE|NYSE-A|Cboe|NEO"
)
#: "ASX/TSX: TLW", "AIM, ASX: TBE", "ASX | AIM: FME": one ticker listed on several exchanges.
_LISTING = rf"(?:{_EXCHANGES})(?:\s?(?:/|,|\||&|and)\s?(?:{_EXCHANGES}))*"
_TICKER = re.compile(
    rf"\((?:[\"“][^)]*?[\"”]\s*[;,]?\s*)?{_LISTING}\s?[:\-]\s?[A-Z0-9.]+"
    # "(Plateado Resources Corp., TSXV: PLR, Oct 2 2026)": the listing after the name's comma.
    rf"|(?<=[.\w]),\s{_LISTING}\s?:\s?[A-Z0-9.]+"
)
#: '("Acme" or the "Company")', '("Jacaranda" or "the Company")', '(... the "Corporation")'.
_ALIAS = re.compile(
    r"\s?\([\"\u201c][^)]{1,60}[\"\u201d]\s?(?:or|and)\s?(?:the\s)?[\"\u201c](?:the\s)?"
    r"(?:Company|Corporation|Group)[\"\u201d]\)"
)
#: The words after a listing that name the company as the release's own ("... or the Company").
_OWN_ALIAS = re.compile(
    r"^[^.]{0,80}?\bor\s(?:together\swith\s[^.]{0,30}\s)?(?:the\s)?[\"\u201c]?(?:the\s)?"
    r"(?:Company|Corporation|Group)\b"
)
_CONNECTOR = r"of|and|&|de|del|la|do|da|dos|das|di|du|van|von|der|den|le|el|y|the"
_NAME_WORD = rf"(?:[A-Z0-9][\w&'\u2019.-]*|{_CONNECTOR}|plc|inc\.?|ltd\.?|corp\.?)"
#: "Crownpoint Royalty, Inc.": a legal suffix may follow its name after a comma.
_NAME_BEFORE = re.compile(
    rf"(?<![\w&'\u2019.-])((?:{_NAME_WORD}[ ]){{0,6}}{_NAME_WORD}"
    r"(?:,\s(?:Inc|LLC|Ltd|L\.P|LP)\.?)?)\s*,?\s*$"
)
LEGAL = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|Plc|LLC|Pty|S\.A\.C|SAC|S\.A\.A|S\.A|SA|AG|AB|ASA|GmbH|Oy|SpA|BV|"
    r"NV|NL|Company|Co|C\.V|S\.L|SL|S\.L\.U|SLU|S\.R\.L|SRL|S\.A\.S|SAS|Lda|Ltda)\.?$"
)
_PROJECT = re.compile(
    r"\b((?:[A-Z][\w'\u2019-]*|[A-Z]{2,}\d*)(?:[ -](?:[A-Z][\w'\u2019-]*|de|del|la|do|da|dos|das|"
    r"\d+))*)"
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
    r"Gold|Silver|Copper|Lithium|Uranium|Nickel|Zinc|Lead|Molybdenum|Tungsten|Rare Earth Elements?|"
    r"Rare Earths?|REE|"
    r"Cu|Au|Ag|Zn|Pb|Ni|Tin|PGM|PGE|Platinum|Polymetallic|Moly|Graphite|Cobalt|Base Metals?|ISR|"
    r"In-Situ Recovery|"
    r"Heap Leach|Open Pit|Underground|Porphyry|Brine|Claystone|Clay|Pegmatite|Sediment|Spodumene|"
    r"Rare Earth|Battery Metals?|Critical Minerals?|Palladium|PGE|Sulphide|Sulfide|Skarn|Vanadium|"
    r"Manganese|Potash|Ionic Clay|Mineral Sands"
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
    r"\b(?:the|its|our|[A-Z]\w*['\u2019]s)\s(?:(?:\d+%[- ]owned|wholly[- ]owned|flagship)\s)?"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s(?:[A-Z][\w'\u2019-]*|de|del|la|do|da|dos|das))*)"
    rf"(?:[\s-]+(?i:{_TAIL_WORD}))*\s(?:project|property|mine|deposit)\b"
)
#: A project's short name in brackets after it: 'Yarrabee Nickel Sulphide Project ("Yarrabee"'.
_PROJECT_ALIAS = re.compile(r"\s?\((?:the\s)?[\"\u201c](?P<alias>[^\"\u201d]{2,40})[\"\u201d]")
#: An article before a capitalised phrase makes it a description ("as a Low-Cost Zinc Mine").
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|one)\s$", re.I)


def commodity_symbol(word: str) -> str | None:
    """``"gold"``, ``"Au"``, ``"lithium carbonate"`` as the app's symbol, or ``None``."""
    return COMMODITY_WORDS.get(re.sub(r"\s+", " ", word.strip().lower()))


def company_name(sentences: list[Sentence]) -> tuple[str, Sentence, int, int] | None:
    """The company that issues the release: the listed company the release calls "the
    Company" ('Brolga Copper Limited (ASX: BCU) ("Brolga" or "the Company")'), else the first
    listed one, else the name given its short form ('Acme Gold Corp. ("Acme" or the
    "Company")'), else a listed name without a legal suffix ("Larchmont Gold (TSX: LGC)")."""
    listings = _listings(sentences)
    legal = [listing for listing in listings if LEGAL.search(listing[0][0])]
    own = [listing for listing in legal if listing[1]]
    if own or legal:
        return (own or legal)[0][0]
    for index, sentence in enumerate(sentences[:12]):
        if _ALIAS.match(sentence.text.strip()):
            # 'BOKAMOSO PLATINUM LIMITED' / '(Incorporated in ...)' / '("Bokamoso" or "the
            # Company")': an alias on a line of its own names the name on a line above it.
            named = _name_above(sentences[max(0, index - 3) : index])
            if named:
                return named
        for alias in _ALIAS.finditer(sentence.text):
            # 'Nordic Graphite AB (Nasdaq First North: NGRA) ("Nordic Graphite" or the "Company")':
            # a listing in brackets may stand between the name and its short form.
            before = re.sub(r"(?:\s*\([^()]{1,60}\))+\s*$", "", sentence.text[: alias.start()])
            match = _NAME_BEFORE.search(before)
            name = _trim_name(match.group(1)) if match else ""
            if name and LEGAL.search(name):
                start = sentence.text.rfind(name, 0, alias.start())
                return name, sentence, start, start + len(name)
    # A name of two or more capitalised words before its listing, with no legal suffix: news
    # services often write it so. A lone word ("Company (TSXV: ACM)") is not taken.
    for (name, sentence, start, end), _own in listings:
        words = name.split()
        if len(words) >= 2 and all(word[0].isupper() for word in words[:1] + words[-1:]):
            return name, sentence, start, end
    # "Kimberley Metals Ltd subsidiary Rockpool Gold Pty Ltd signed ...": with no listing, the
    # company a sentence of the opening starts with is the one the news is about.
    for sentence in sentences[:8]:
        lead = _LEADING_NAME.match(sentence.text)
        if lead:
            name = lead.group("name")
            return name, sentence, 0, len(name)
    # "JSE- and Aim-listed Kopje Goldfields plc has published ...": the trade press names the
    # company by where it is listed, with no ticker.
    for sentence in sentences[:8]:
        listed = _LISTED_NAME.search(sentence.text)
        if listed:
            return listed.group("name"), sentence, listed.start("name"), listed.end("name")
    return None


#: A sentence that starts with a company's name and legal suffix.
_LEADING_NAME = re.compile(
    r"(?P<name>[A-Z][\w&'\u2019-]*(?:\s(?:[A-Z][\w&'\u2019-]*|of|and|&|de|do|da|del)){0,5},?\s"
    r"(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|LLC|NL)\.?)(?=\s[a-z])"
)


_LISTED_NAME = re.compile(
    r"\b(?:[\w]+-)?listed\s(?:[a-z-]+\s){0,2}"
    r"(?P<name>[A-Z][\w&'\u2019-]*(?:\s(?:[A-Z][\w&'\u2019-]*|of|and|&|de)){0,5},?\s"
    r"(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|LLC|NL)\.?)(?=[\s,])"
)


_NAME_LINE = re.compile(
    r"(?P<name>[A-Z][\w&'\u2019.-]*(?:\s[A-Z][\w&'\u2019.-]*){0,5}\s(?:Inc|Corp|Corporation|Ltd|"
    r"Limited|plc|PLC|Plc|LLC|NL|INC|CORP|CORPORATION|LTD|LIMITED)\.?)"
)


def _name_above(lines: list[Sentence]) -> tuple[str, Sentence, int, int] | None:
    """The company name that is a line of its own just above an alias line."""
    for sentence in reversed(lines):
        text = sentence.text.strip()
        if text.startswith("("):
            continue
        match = _NAME_LINE.fullmatch(text)
        if match:
            start = sentence.text.find(match.group("name"))
            return match.group("name"), sentence, start, start + len(match.group("name"))
        return None
    return None


def listed_companies(sentences: list[Sentence]) -> list[tuple[str, Sentence, int, int]]:
    """Every company named with its listing ("Acme Gold Corp. (TSXV: ACM)") in the opening."""
    return [listing for listing, _own in _listings(sentences) if LEGAL.search(listing[0])]


def _opening(sentences: list[Sentence], count: int) -> list[Sentence]:
    """The first ``count`` sentences, not counting a site menu's items ("Home", "About Us"):
    lines of fewer than four words."""
    opening = []
    long_ones = 0
    for sentence in sentences:
        if long_ones >= count:
            break
        opening.append(sentence)
        long_ones += len(sentence.text.split()) >= 4
    return opening


def _listings(
    sentences: list[Sentence],
) -> list[tuple[tuple[str, Sentence, int, int], bool]]:
    """Every name before a listing in the opening, and whether the release calls it "the
    Company" around that listing."""
    found: list[tuple[tuple[str, Sentence, int, int], bool]] = []
    for sentence in _opening(sentences, 12):
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
            if name and name not in (f[0][0] for f in found):
                start = sentence.text.rfind(name, 0, ticker.start())
                around = sentence.text[start + len(name) : ticker.end() + 120]
                own = bool(_OWN_ALIAS.search(around))
                found.append(((name, sentence, start, start + len(name)), own))
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
    words of a headline before the name are dropped, and a name left empty is passed over. A
    short name the release gives in brackets ('Yarrabee Nickel Sulphide Project ("Yarrabee"')
    is the project's own name.
    """
    for found in _projects(sentences):
        return found
    return next(_lower_case_projects(sentences), None)


def projects_named(sentences: list[Sentence]) -> set[str]:
    """Every project the opening names (its own capitalised name, or a lower-case one)."""
    names = {name.lower() for name, *_rest in _projects(sentences)}
    names.update(name.lower() for name, *_rest in _lower_case_projects(sentences))
    return names


def _projects(sentences: list[Sentence]) -> Iterator[tuple[str, Sentence, int, int]]:
    for sentence in sentences[:15]:
        text = sentence.text
        for match in _PROJECT.finditer(text):
            if _ARTICLE_BEFORE.search(text, max(0, match.start() - 6), match.start()):
                continue
            words = match.group(1).split()
            headline = [i for i, word in enumerate(words) if _HEADLINE_WORD.fullmatch(word)]
            if headline:
                words = words[headline[-1] + 1 :]
            words = _without_owner(words)
            while words and words[0].lower() in _NOT_PROJECT:
                words.pop(0)
            if not words:
                continue
            alias = _alias_of(text, match, words[0])
            if alias:
                yield alias[0], sentence, alias[1], alias[2]
                continue
            name = _COMMODITY_TAIL.sub("", " " + " ".join(words)).strip()
            if not name or name.lower() in _NOT_PROJECT or (name.isupper() and len(name) <= 4):
                continue
            start = match.start(1) + match.group(1).find(words[0])
            yield name, sentence, start, start + len(name)


def _without_owner(words: list[str]) -> list[str]:
    """ "Verdeminas' Serra Azul Gold": the owner's name before a name of two or more words is
    not the project's ("Devil's Elbow" is a name of its own)."""
    owner = [i for i, word in enumerate(words) if re.search(r"\w(?:['\u2019]s|s['\u2019])$", word)]
    if not owner:
        return words
    rest = words[owner[-1] + 1 :]
    own = _COMMODITY_TAIL.sub("", " " + " ".join(rest)).split()
    return rest if len(own) >= 2 else words


def _alias_of(text: str, match: re.Match[str], first: str) -> tuple[str, int, int] | None:
    """The short name in brackets after the project, when it is the start of its full name."""
    after = _PROJECT_ALIAS.match(text, match.end())
    if not after:
        return None
    alias = after.group("alias").strip()
    name_start = match.start(1) + match.group(1).find(first)
    at = text.rfind(alias, 0, match.end())
    if at < 0 or at > name_start or name_start - at > 40 or alias.lower() in _NOT_PROJECT:
        return None
    if not text[at : match.start(1) + len(match.group(1))].startswith(alias):
        return None
    return alias, at, at + len(alias)


def _lower_case_projects(sentences: list[Sentence]) -> Iterator[tuple[str, Sentence, int, int]]:
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
            yield name, sentence, start, start + len(name)
