"""Deal terms: the type, the counterparty and the interest (and its stages).

The consideration (cash, shares, work) is read by ``deal_payments``.
"""

import re
from decimal import Decimal

from tracker.capture.model import Figure
from tracker.capture.money import NUMBER, PCT, normal, number
from tracker.capture.names import LEGAL, listed_companies
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import figure_at

DEAL_TYPES = [
    (
        "LOI",
        re.compile(
            r"\bletter of intent\b|\bLOI\b|\bterm sheet\b|\bmemorandum of understanding\b", re.I
        ),
    ),
    ("stream", re.compile(r"\bstream(?:ing)?\b(?! of)|\bstreams\b", re.I)),
    (
        "royalty",
        re.compile(
            r"\b(?:sells?|sale of|acquires?|acquisition of|purchases?|"
            # "acquire a 100% interest, subject to a 2% NSR": an interest bought, not a royalty.
            r"grants?)\b(?:(?!\binterest\b|\bsubject\b)[^.]|\.\d){0,40}\b(?:royalty|NSR|GOR|NPI|"
            r"net smelter returns?|"
            r"gross overriding)\b|\broyalty (?:sale|financing|purchase|agreement)\b",
            re.I,
        ),
    ),
    (
        "option",
        re.compile(
            r"\boption(?:s|ed)?\b(?! to extend)|\bearn[- ]in\b|\bearn (?:up to |an? )", re.I
        ),
    ),
    ("JV", re.compile(r"\bjoint venture\b|\bJV\b", re.I)),
    (
        "acquisition",
        re.compile(
            r"\bacquir(?:e|es|ed|ing)\b|\bacquisition\b|\b(?:to )?sell(?:s|ing)?\b|\bsale of\b|"
            r"\bdivest\w*|\bpurchase agreement\b|"
            r"\bplan of arrangement\b|\bmerger\b|\bbusiness combination\b",
            re.I,
        ),
    ),
]
_STAGED_TOTAL = re.compile(
    rf"\b(?:up to|a total of|an aggregate|aggregate|total|cumulative|"
    rf"for a total)\s(?:of\s)?(?:an?\s)?"
    rf"(?:aggregate\s|total\s|additional\s)?(?P<n>{NUMBER}){PCT}",
    re.I,
)
#: "taking its interest to 75%": a stage's running total, as "for a total of 75%" is.
_RUNNING_TOTAL = re.compile(
    rf"\b(?:take|bring|increase|lift|raise)[sd]?\s(?:its|their|the\s[\w-]+['\u2019]s)\s"
    rf"(?:total\s|aggregate\s)?interest\sto\s(?:an?\s)?(?P<n>{NUMBER}){PCT}"
    rf"|\b(?:taking|bringing|increasing|lifting|raising)\s(?:its|their|the\s[\w-]+['\u2019]s)\s"
    rf"(?:total\s|aggregate\s)?interest\sto\s(?:an?\s)?(?P<n2>{NUMBER}){PCT}"
    # "To acquire the remaining 20% and reach a 100% interest": the last stage's total.
    rf"|\breach(?:ing)?\s(?:an?\s)?(?:total\s|aggregate\s)?(?P<n3>{NUMBER}){PCT}\s(?:interest|"
    rf"ownership)",
    re.I,
)
#: "70% interest", and "seventy percent (70%) interest" with the figure in brackets.
_INTEREST = re.compile(
    rf"(?P<n>{NUMBER}){PCT}\)?\s?(?:-owned\s)?(?:undivided\s|legal and beneficial\s|beneficial\s|"
    rf"equity\s|"
    r"participating\s|ownership\s)?(?:interest|ownership|stake|equity)\b",
    re.I,
)
_INTEREST_OF = re.compile(
    # "acquire 100% of Trevena Mining Limited", "earn 70% of the Project".
    rf"\b(?:acquire|purchase|earn)\s(?:a\s|an\s|the\s)?(?P<n>{NUMBER}){PCT}\sof\s(?:the\b|"
    rf"(?-i:[A-Z]))",
    re.I,
)
#: "acquire all of the shares of Oberon's subsidiary that holds a 100% interest in ...": the
#: holder's interest is bought whole. (A merger's "all of the shares" names no project interest.)
_ALL_SHARES = re.compile(
    r"\b(?:acquire|purchase|buy)\sall\s(?:of\s)?the\s(?:issued\sand\soutstanding\s|"
    rf"outstanding\s)?(?:common\s|ordinary\s)?shares\sof\s[^.;]{{0,60}}?\s(?:that|which)\s"
    rf"holds?\s(?:an?\s)?(?P<all>{NUMBER}){PCT}\s(?:undivided\s|beneficial\s)?interest\b",
    re.I,
)
_NOT_INTEREST = re.compile(
    # "X holds a 100% interest" is the owner's today; "Acme will hold a 70% interest" is the deal's.
    r"\bNSR\b|royalty|net smelter|stream|\bowned by\b|(?<!will )(?<!would )(?<!shall )holds? an?\b",
    re.I,
)
#: "Minera Condor's 30% interest is carried": another party's interest, named by its owner.
_OWNERS_INTEREST = re.compile(r"(?<!Company)(?<!Corporation)['\u2019]s\s$")
_COUNTERPARTY = re.compile(
    # "operated by Minera Sierra Alta S.A.": the operator or owner is no party to the deal.
    r"\b(?:with|from|to|(?<!operated )(?<!owned )(?<!held )(?<!managed )(?<!controlled )by|"
    r"(?:capital|shares) of|"
    # "to acquire a 100% interest in Tallow Creek Resources Ltd.": the company bought.
    r"(?:acquire|purchase|buy)(?:\s(?:an?\s)?(?:\d+(?:\.\d+)?%\s)?interest\sin)?)\s"
    # "with private company Clutchstone Resources Pty Ltd": a word or two of description first.
    r"(?:(?:private|privately[- ]held|arm['\u2019]s[- ]length|unrelated|third[- ]party|"
    r"company|vendor)\s){0,2}"
    r"(?P<name>(?:(?:[A-Z][\w&'\u2019.-]*|&)\s(?:(?:de|del|la|y)\s)?){0,5}"
    r"(?:Inc|"
    r"Corp|Corporation|"
    r"Co\.,? Ltd|Ltd|"
    r"Limited|plc|PLC|LLC|AB|ASA|GmbH|Oy|SpA|BV|NV|Pty Ltd|S\.A\. de C\.V|S\.A\.C|S\.A\.A|"
    r"S\.A|SA|SAC|S\.L|S\.L\.U|"
    r"S\.R\.L|AG|NL|Lda|Ltda|Resources|"
    r"Mining|Metals|Minerals|"
    r"Gold|"
    r"Royalties)\.?)(?![\w])"
)


def deal_type(
    title: Sentence | None, opening: list[Sentence]
) -> tuple[str, Sentence, int, int] | None:
    """The type from the title, else the first sentences: the most specific word wins."""
    for group in ([title] if title else [], opening):
        for deal, pattern in DEAL_TYPES:
            for sentence in group:
                match = pattern.search(sentence.text)
                if match:
                    return deal, sentence, match.start(), match.end()
    return None


def interest(sentences: list[Sentence]) -> tuple[Figure | None, list[dict[str, Figure]]]:
    """The interest the deal gives (the total of a staged earn-in) and its stages.

    The stages are the interests named on the way ("an initial 51 %", "an additional 14 %"), in
    the order of the text, when there are two or more; a total ("up to 75 %") is not a stage.
    """
    totals: list[Figure] = []
    #: Each stage's running total ("for a total of 65%", then "of 75%"): the last is the deal's.
    cumulative: list[Figure] = []
    plain: list[Figure] = []
    whole: Figure | None = None
    for sentence in sentences:
        text = sentence.text
        every = _ALL_SHARES.search(text)
        if every and whole is None:
            value = normal(number(every.group("all")))
            whole = figure_at("interest_pct", value, sentence, *every.span("all"))
        total_starts = set()
        for match in _STAGED_TOTAL.finditer(text):
            tail = text[match.end() : match.end() + 40]
            # "a further 19% interest, for a total of 70%, by spending ...": the interest's total.
            summed = re.match(r"(?:for\s)?a\stotal\sof\s", match.group(), re.I) and re.search(
                r"\binterest\b[^.;%]{0,20}$", text[max(0, match.start() - 40) : match.start()], re.I
            )
            if (
                summed
                or re.match(
                    r"\s?(?:undivided\s|legal and beneficial\s)?"
                    r"(?:interest|ownership|stake|of the)",
                    tail,
                    re.I,
                )
            ) and not _NOT_INTEREST.search(tail):
                total_starts.add(match.start("n"))
                value = normal(number(match.group("n")))
                figure = figure_at("interest_pct", value, sentence, *match.span("n"))
                (cumulative if summed else totals).append(figure)
        for match in _RUNNING_TOTAL.finditer(text):
            group = next(g for g in ("n", "n2", "n3") if match.group(g))
            total_starts.add(match.start(group))
            value = normal(number(match.group(group)))
            cumulative.append(figure_at("interest_pct", value, sentence, *match.span(group)))
        for pattern in (_INTEREST, _INTEREST_OF):
            for match in pattern.finditer(text):
                if match.start("n") in total_starts:
                    continue
                before = text[max(0, match.start() - 60) : match.start()]
                if _NOT_INTEREST.search(
                    text[match.start() : match.end() + 25]
                ) or _NOT_INTEREST.search(before[-25:]):
                    continue
                if not re.search(
                    r"\b(?:acquir|earn|purchas|obtain|vest|option|increase|hold|own|retain|"
                    r"interest)",
                    before + match.group(),
                    re.I,
                ):
                    continue
                if re.search(r"\b(?:currently|presently|already) (?:holds|owns)\b", before, re.I):
                    continue
                if pattern is _INTEREST and _OWNERS_INTEREST.search(before):
                    continue
                value = normal(number(match.group("n")))
                plain.append(
                    figure_at("interest_pct", value, sentence, match.start("n"), match.end("n"))
                )
    stages: list[dict[str, Figure]] = []
    if cumulative:
        final = max(cumulative, key=lambda figure: Decimal(str(figure.value)))
        # A stage named after the last running total would take the interest past it.
        later = [f for f in plain if f.span.start > final.span.start + 40]
        if all(figure.value == final.value for figure in totals) and not later:
            totals = [*totals, final] if totals else [final]
    if totals:
        seen: set[object] = set()
        for figure in plain:
            if figure.value not in seen and figure.value != totals[0].value:
                seen.add(figure.value)
                stages.append({"interest_pct": figure})
        values = {figure.value for figure in totals}
        return (totals[0] if len(values) == 1 else None), stages if len(stages) >= 2 else []
    staged = any(
        re.search(r"\b(?:additional|further|second|third)\s$", _words_before(figure, sentences))
        for figure in plain
    )
    if plain and not staged:
        return plain[0], []
    if whole and not plain:
        return whole, []
    return None, []


def _words_before(figure: Figure, sentences: list[Sentence]) -> str:
    """The 30 characters before a figure, to see whether it is a later stage."""
    sentence = next(s for s in sentences if s.span == figure.sentence)
    at = figure.span.start - sentence.span.start
    return re.sub(r"(?:an?|the)\s$", "", sentence.text[max(0, at - 30) : at].lower())


def counterparty(sentences: list[Sentence], company: str | None) -> Figure | None:
    """The other company of the deal: the first company name after "with" or "from"."""
    own = _key(company) if company else ""
    for sentence in sentences[:10]:
        for match in _COUNTERPARTY.finditer(sentence.text):
            name = match.group("name").strip()
            words = name.split()
            while words and words[0].lower() in ("the", "a", "an"):
                words.pop(0)
            name = " ".join(words)
            if len(words) < 2 or (own and (_key(name) in own or own in _key(name))):
                continue
            if not LEGAL.search(name) and not re.search(
                r"\((?:TSX|ASX|NYSE|AIM|LSE|CSE)", sentence.text[match.end() : match.end() + 12]
            ):
                continue
            return figure_at(
                "counterparty",
                name,
                sentence,
                match.start("name") + match.group("name").find(name),
                match.start("name") + match.group("name").find(name) + len(name),
            )
    for name, sentence, start, end in listed_companies(sentences):
        if _OPERATOR.search(sentence.text, max(0, start - 40), start):
            # "operated by Minera Sierra Alta S.A., a subsidiary of Sierra Alta Silver Inc.":
            # the project's operator or its parent is no party to the deal.
            continue
        if not own or (_key(name) not in own and own not in _key(name)):
            return figure_at("counterparty", name, sentence, start, end)
    return None


_OPERATOR = re.compile(
    r"\b(?:operated|owned|held|controlled|managed)\sby\s[^.;]{0,40}$|\bsubsidiary\sof\s$"
    r"|\boperator\b[^.;]{0,20}$",
    re.I,
)


def _key(name: str) -> str:
    return re.sub(
        r"[^a-z0-9]", "", name.lower().split(" inc")[0].split(" corp")[0].split(" ltd")[0]
    )
