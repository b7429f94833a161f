"""A deal's consideration: cash, shares and work commitment totals, and each payment.

Totals a release states ("aggregate cash payments of C$1.2 million", "In aggregate, the
Company will pay ...", a schedule table's Total row) win over sums of the schedule; a
schedule is summed only when every payment is in one currency. Payments that cannot be
summed (contingent, split between cash and shares in an unsaid way) are left as ambiguities.
"""

import re
from decimal import Decimal
from typing import Any

from tracker.capture.deal_table import table_totals
from tracker.capture.model import Ambiguity, Figure, Span
from tracker.capture.money import NUMBER, Money, find_money, normal, number
from tracker.capture.sentences import Sentence
from tracker.capture.sighting import figure_at

_CASH_BEFORE = re.compile(
    # "pay Gila US$250,000": the payee's name may stand between the verb and the amount.
    r"(?:\bpay(?:s|ing|ment of|ments of|ments totall?ing|ments aggregating)?"
    r"(?-i:\s(?:[A-Z][\w&'.-]*\s){0,3}[A-Z][\w&'.-]*)?|\bcash(?: payments?|"
    r" consideration)?"
    r"(?: of| totall?ing| aggregating)?|\bpaid|\bpurchase price of"
    # "option fees totalling AU$150,000", "an exclusivity fee of A$50,000": paid in cash.
    r"|\b(?:option|exclusivity|signing|access)\sfees?(?:\s(?:of|totall?ing|aggregating))?)"
    r"\s(?:an?\s)?(?:aggregate\s|total\s|additional\s|further\s)?(?:of\s)?$",
    re.I,
)
_CASH_AFTER = re.compile(r"^\s?(?:in\s)?(?:cash|cash payments?)\b", re.I)
_CASH_TOTAL = re.compile(
    r"(?:aggregate|total|totall?ing|aggregating)\s(?:of\s)?(?:cash\s)?(?:payments?\s)?(?:of\s)?$"
    r"|\bfees\s(?:totall?ing|aggregating)\s$"
    r"|cash\s(?:payments?|consideration)\s(?:totall?ing|aggregating|of\s(?:an?\s)?(?:aggregate|"
    r"total)\sof)\s$"
    # "The cash consideration of £1.4 million is payable as ...": the whole cash part, restated.
    r"|\bthe\scash\sconsideration\s(?:of|is)\s$",
    re.I,
)
_WORK_AFTER = re.compile(
    # "$5,000,000 of joint venture exploration expenditures".
    r"^\s?(?:in|of|on)\s(?:qualifying\s|cumulative\s|aggregate\s)?(?:joint\sventure\s|JV\s)?"
    r"(?:exploration|work|expenditures|"
    r"exploration and development)",
    re.I,
)
_WORK_BEFORE = re.compile(
    r"(?:\bincur(?:s|ring)?|\bspend(?:ing)?|\bexpend(?:ing|iture)?s?|\bfund(?:ing)?|"
    r"expenditures of|"
    r"work commitments? of|work programs? of)\s(?:a\s)?(?:minimum\s(?:of\s)?)?(?:an?\s)?"
    r"(?:aggregate\s(?:of\s)?)?(?:at least\s|not less than\s)?"
    r"(?:aggregate\s|total\s|cumulative\s|additional\s|further\s)?(?:of\s)?$",
    re.I,
)
_WORK_TOTAL = re.compile(
    r"(?:aggregate|total|cumulative)\s(?:of\s)?(?:at least\s|not less than\s)?$", re.I
)
#: "Total expenditure to earn 75% is therefore £5,000,000": the work total, stated as such.
_WORK_STATED_TOTAL = re.compile(
    r"\btotal\s(?:\w+\s)?expenditures?\b[^.;$£€]{0,40}\s(?:is|are|of|will be|amounts to|totals)"
    r"\s(?:therefore\s|approximately\s|about\s)?$",
    re.I,
)
_SHARES = re.compile(
    # "30,000,000 Quandong shares": the issuer's short name may stand before "shares".
    rf"(?P<n>{NUMBER})(?P<scale>\smillion)?\s(?:(?-i:[A-Z]{{2,6}}|[A-Z][a-z]+)\s)?"
    r"(?:(?:new|common|ordinary|fully[- ]paid|consideration)\s){0,3}(?:shares)\b",
    re.I,
)
#: Words before an amount that make it the value of something else, not a payment.
_VALUE_OF_SHARES = re.compile(
    r"\b(?:valued at|worth|value of|deemed price|per share|"
    r"(?<!purchase )(?<!exercise )price of)\s$",
    re.I,
)
_SHARES_NOT = re.compile(
    r"^\s?(?:issued and )?outstanding|^\s?(?:of|in) the capital|^\s?on issue\b"
    # "3,000,000 shares as a fee", "90,000 shares to an arm's-length finder": paid for a service.
    r"|^[^.;]{0,50}?\b(?:finder|as\s(?:an?\s)?(?:\w+\s)?fee\b)",
    re.I,
)
#: "Finder's fee of 150,000 shares", "the Lead Manager will receive": not consideration.
_SERVICE_SHARES = re.compile(r"\bfinder\W?s?\b|\bfees?\b|\blead manager\b|\bbroker\b", re.I)
#: "Consideration of A$2.5 million in cash and 25,000,000 shares", "the consideration for the
#: Acquisition is ...": the whole consideration, stated once, not a payment of a schedule.
_CONSIDERATION_TOTAL = re.compile(
    r"\b(?:total\s)?consideration\b(?:\s(?:for|payable for|to be paid for)\s[^.;$£€]{0,40})?\s"
    r"(?:of|is|comprises|comprising|will be|consists of)\s(?:an?\s)?$",
    re.I,
)
#: The same statement, leading to a share count later in its clause ("... in cash and ").
_CONSIDERATION_LEADS = re.compile(
    r"\b(?:total\s)?consideration\b(?:\s(?:for|payable for|to be paid for)\s[^.;$£€]{0,40})?\s"
    r"(?:of|is|comprises|comprising|will be|consists of)\s(?:[^.;]|(?<=\d)\.(?=\d)){0,80}$",
    re.I,
)
#: "US$250,000 on signing and US$500,000 on completion": the next payment of one schedule.
_NEXT_PAYMENT = re.compile(
    r"\s(?:on|upon|at|by|within|after|before|prior to|no later than)\s[^$£€;:]{0,60}?"
    r"(?:,?\s(?:and|plus|followed by)\s(?:a\sfurther\s|an\sadditional\s|another\s)?"
    # "..., a further $1,200,000 on or before the second anniversary and a further $2,000,000"
    r"|,\s(?:a\sfurther|an\sadditional|another)\s)",
    re.I,
)
#: "a contingent payment of US$1.0 million if a Mineral Resource ... is declared": maybe never due.
_CONTINGENT = re.compile(
    r"\bcontingent\b|\bmilestone\b|\bbonus\b|\bif\s(?:an?\s|the\s)?(?:\w+\s){0,4}"
    r"(?:is|are)\s(?:declared|defined|achieved|made|reached|published|announced)\b",
    re.I,
)
_MIXED_TOTAL = re.compile(
    r",?\s(?:comprising|consisting of|made up of|satisfied by|to be satisfied by|payable in|"
    r"split between)\b",
    re.I,
)
#: A consideration whose words name a time are a schedule's payments, not its total.
_WHEN = re.compile(
    r"\b(?:on|upon|at|by|within|after|before)\s(?:the\s)?(?:signing|closing|completion|execution|"
    r"(?:first|second|third|fourth|fifth)\sanniversary|\d+\s(?:days|months|years))\b"
    r"|\banniversary\b|\bmonths? after\b",
    re.I,
)
_SHARES_TOTAL = re.compile(r"(?:aggregate|total)\s(?:of\s)?$", re.I)

#: "... which the company may reduce to 0.75% by paying £1,000,000": a buy-back, not consideration.
_BUY_BACK = re.compile(r"\b(?:reduce|buy[- ]?back|repurchase|buy down)\b[^;]{0,60}$", re.I)
#: The company's own share capital after the deal, not shares paid for it.
_SHARE_CAPITAL = re.compile(
    r"\b(?:issued share capital|shares in issue|issued and outstanding|share capital)\b", re.I
)
_NOT_VALUE = re.compile(
    r"^\s?(?:per|/|deposit|of (?:the )?deposit)"
    # "C$0.05 in cash for each Tamarack Hill share held": a price per share, not the total.
    r"|^\s?(?:in cash\s)?(?:for each|for every|per)\s(?:[\w-]+\s){0,4}(?:share|unit)s?\b"
    # "at least AU$80,000 on each tenement": an amount for each of several, not the total.
    r"|^\s?(?:(?:of|in)\s(?:exploration\s)?expenditures?\s)?(?:on|for|per|in)\s(?:each|every)\b",
    re.I,
)
#: A sentence that states the deal's totals ("In aggregate, the Company will pay ...",
#: "Total consideration over the three stages of ..."): every amount in it is a total.
_TOTALS_SENTENCE = re.compile(
    r"^(?:in\saggregate|in\stotal|altogether|(?:the\s)?(?:total|aggregate)\sconsideration)\b", re.I
)
#: A sentence that sets out the amounts of the list below it ("... payable as follows:").
_LIST_LEAD = re.compile(r"\bas\sfollows\s*:$|\bin\sthe\sfollowing\s\w+\s*:$", re.I)
#: Amounts that were never agreed or no longer are ("under which it would have spent").
_COUNTERFACTUAL = re.compile(
    r"\bwould\shave\b|\b(?:original|previous|prior|earlier|former)\s(?:option\s|earn-in\s)?"
    r"agreement\b",
    re.I,
)
#: "€800,000, half in cash and half in shares": how much is cash is not said.
_SPLIT_PAYMENT = re.compile(
    r"[^.;]{0,80}?\b(?:(?:half|part|partly|some)\s(?:in|of\sit\sin)\scash|in\scash\sor\s"
    r"(?:in\s)?(?:\w+\s)?shares|cash\sand/or\s(?:\w+\s)?shares|(?:cash|shares)\sat\s(?:the\s)?"
    r"(?:\w+\s)?(?:election|option|discretion))",
    re.I,
)
#: A stream's advance against deliveries is its deposit, not a price paid.
_ADVANCE = re.compile(r"\b(?:advance|up-?front|upfront)\s(?:cash\s)?(?:payment|deposit)\b", re.I)


def payments(
    sentences: list[Sentence], default: str | None, stream: bool = False
) -> tuple[dict[str, Figure], list[dict[str, Figure]], list[Ambiguity]]:
    """Cash and work totals (with currency) and share count, and each payment as an obligation.

    ``stream`` says the deal is a stream, whose advance payment is a deposit, not cash.
    """
    cash: list[tuple[Money, Sentence, bool]] = []
    contingent: list[Sentence] = []
    work: list[tuple[Money, Sentence, bool]] = []
    shares: list[tuple[Decimal, Sentence, int, int, bool]] = []
    split: list[Sentence] = []
    for sentence in sentences:
        text = sentence.text
        if re.search(
            r"\b(?:private placement|financing|flow-through|market capitali[sz]ation|"
            r"working capital|treasury|placing|placement|subscri\w+)\b",
            text,
            re.I,
        ) or _COUNTERFACTUAL.search(text):
            continue
        said_total = bool(_TOTALS_SENTENCE.match(text) or _LIST_LEAD.search(text.rstrip()))
        # The kind and end of the last payment read: the next one of its schedule follows it.
        last: tuple[str, int] | None = None
        for money in find_money(text, default):
            lead = text[max(0, money.start - 60) : money.start]
            tail = text[money.end : money.end + 50]
            follows = (
                last[0] if last and _NEXT_PAYMENT.fullmatch(text, last[1], money.start) else None
            )
            if _NOT_VALUE.match(tail) or _VALUE_OF_SHARES.search(lead) or _BUY_BACK.search(lead):
                continue
            if _SPLIT_PAYMENT.match(text, money.end):
                split.append(sentence)
                continue
            if stream and _ADVANCE.search(lead[-30:] + text[money.start : money.end + 20]):
                continue
            if _MIXED_TOTAL.match(text, money.end) and re.search(r"\bshares\b", text[money.end :]):
                # "a purchase price of US$12.5 million, comprising US$10.0 million in cash and
                # US$2.5 million in common shares": the total is no cash; its cash part follows.
                continue
            stated_total = bool(_WORK_STATED_TOTAL.search(lead))
            if (
                _WORK_AFTER.match(tail)
                or _WORK_BEFORE.search(lead)
                or stated_total
                or follows == "work"
            ):
                is_total = said_total or stated_total or bool(_WORK_TOTAL.search(lead))
                work.append((money, sentence, is_total))
                last = ("work", money.end)
            elif _CASH_BEFORE.search(lead) or _CASH_AFTER.match(tail) or follows == "cash":
                if re.search(r"deposit", lead[-30:] + tail[:20], re.I):
                    continue
                whole = bool(_CONSIDERATION_TOTAL.search(lead)) and not _WHEN.search(text)
                is_total = said_total or whole or bool(_CASH_TOTAL.search(lead))
                cash.append((money, sentence, is_total))
                last = ("cash", money.end)
                if _CONTINGENT.search(lead[-40:] + text[money.end : money.end + 80]):
                    contingent.append(sentence)
        for match in _SHARES.finditer(text):
            lead = text[max(0, match.start() - 50) : match.start()]
            if (
                _SHARE_CAPITAL.search(lead)
                or _SHARES_NOT.match(text[match.end() :])
                or re.search(
                    r"\b(?:outstanding|holds?|owns?|warrants?|options? to)\b", lead[-30:], re.I
                )
                or _SERVICE_SHARES.search(lead[-40:])
            ):
                continue
            if not re.search(
                r"\b(?:issu\w*|deliver\w*|allot\w*|consideration|payable|comprising|and|"
                r"(?:in\s)?exchange\sfor)\b",
                lead,
                re.I,
            ):
                continue
            count = number(match.group("n")) * (Decimal(1_000_000) if match.group("scale") else 1)
            wide = text[max(0, match.start() - 100) : match.start()]
            whole = bool(_CONSIDERATION_LEADS.search(wide)) and not _WHEN.search(text)
            shares.append(
                (
                    count,
                    sentence,
                    match.start("n"),
                    match.end("n"),
                    said_total or whole or bool(_SHARES_TOTAL.search(lead)),
                )
            )
    # A schedule table's "Total" row states the sums, as a sentence's total does.
    for row in table_totals(sentences, default):
        if row.kind == "shares":
            shares.append((row.amount, row.sentence, row.start, row.end, True))
        else:
            stated = Money(row.amount, row.currency, row.start, row.end)
            (cash if row.kind == "cash" else work).append((stated, row.sentence, True))
    cash, work = _without_restated(cash), _without_restated(work)
    figures: dict[str, Figure] = {}
    obligations: list[dict[str, Figure]] = []
    ambiguities: list[Ambiguity] = []
    if split:
        # A payment of cash or shares in a share the release does not give: neither total is known.
        reason = "a payment is split between cash and shares in a way the release does not give"
        ambiguities.extend(Ambiguity(key, reason, split[0].span) for key in ("cash", "shares"))
        cash = [item for item in cash if item[2]]
        shares = [item for item in shares if item[4]]
    for key, found in (("cash", cash), ("work_commitment", work)):
        if not found:
            continue
        picked = [item for item in found if item[2]] or found
        picked = picked[:1] if any(item[2] for item in found) else _total_of_schedule(picked)
        currencies = {money.currency for money, _s, _t in picked}
        if len(currencies) != 1 or (None in currencies and key == "cash" and len(picked) > 1):
            ambiguities.append(
                Ambiguity(
                    key, "payments in more than one currency, or none stated", picked[0][1].span
                )
            )
            continue
        if key == "cash" and contingent:
            reason = (
                "a payment depends on an event that may not happen, so the total is not certain"
            )
            ambiguities.append(Ambiguity(key, reason, contingent[0].span))
            continue
        total = sum((money.amount for money, _s, _t in picked), Decimal(0))
        money, sentence, _t = picked[0]
        span = Span(sentence.at(money.start), sentence.at(money.end))
        figures[key] = Figure(key, normal(total), span, sentence.span)
        currency = currencies.pop()
        if key == "cash" and currency:
            figures["cash_currency"] = Figure("cash_currency", currency, span, sentence.span)
        for money, sentence, is_total in found:
            if is_total:
                continue
            kind = "cash" if key == "cash" else "work"
            obligations.append(
                _obligation(kind, money.amount, money.currency, sentence, money.start, money.end)
            )
    if shares:
        totals = [item for item in shares if item[4]]
        picked_shares = totals[:1] or _total_of_counts(shares)
        count = sum((item[0] for item in picked_shares), Decimal(0))
        _c, sentence, start, end, _t = picked_shares[0]
        figures["shares"] = figure_at("shares", normal(count), sentence, start, end)
        for count_one, sentence, start, end, is_total in shares:
            if not is_total:
                obligations.append(_obligation("shares", count_one, None, sentence, start, end))
    return figures, obligations, ambiguities


#: The interest a payment earns, written before it in its clause ("51% by spending A$2.5 million").
_STAGE_SHARE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s?%")
#: When a payment is due, as a highlight and the terms both write it ("within two years").
_STAGE_DUE = re.compile(
    r"^[^.;$£€]{0,40}?\b(?P<due>(?:on|upon|by|within|before|prior to)\s(?:the\s)?(?:signing|"
    r"closing|execution|(?:first|second|third|fourth|fifth|sixth)\sanniversary|"
    r"(?:\d+|one|two|three|four|five|six|twelve|eighteen)\s(?:days|months|years)))\b",
    re.I,
)


def _without_restated(
    found: list[tuple[Money, Sentence, bool]],
) -> list[tuple[Money, Sentence, bool]]:
    """Payments a later sentence restates are counted once: highlights that list the stages
    ("51% by spending A$2.5 million within two years") and the terms that set them out again
    ("Stage 1: ... earn a 51% interest by sole-funding A$2.5 million ... within two years").

    A payment is a restatement when an earlier sentence holds one of the same amount and
    currency for the same interest or the same due time; a schedule's equal payments differ in
    when they are due, and a bare amount with neither is never taken for a repeat.
    """
    seen: dict[tuple[object, ...], Sentence] = {}
    kept = []
    for item in found:
        money, sentence, is_total = item
        marks = _stage_marks(sentence.text, money)
        if is_total or not marks:
            kept.append(item)
            continue
        keys = [(money.amount, money.currency, mark) for mark in marks]
        if any(key in seen and seen[key] is not sentence for key in keys):
            continue
        for key in keys:
            seen.setdefault(key, sentence)
        kept.append(item)
    return kept


def _stage_marks(text: str, money: Money) -> list[tuple[str, str]]:
    """The interest and the due time written with a payment, in its clause."""
    clause_start = max(text.rfind(";", 0, money.start), text.rfind(":", 0, money.start), 0)
    marks = []
    shares = list(_STAGE_SHARE.finditer(text, clause_start, money.start))
    if shares:
        marks.append(("share", shares[-1].group("n")))
    due = _STAGE_DUE.match(text, money.end)
    if due:
        marks.append(("due", re.sub(r"\s+", " ", due.group("due").lower())))
    return marks


def _total_of_schedule(
    found: list[tuple[Money, Sentence, bool]],
) -> list[tuple[Money, Sentence, bool]]:
    """A total stated beside its schedule ("US$50,000: US$25,000 on signing and US$25,000 ...").

    When one amount is the sum of all the others, it is the total and the others its parts.
    """
    if len(found) < 3:
        return found
    largest = max(found, key=lambda item: item[0].amount)
    money, sentence, _total = largest
    if re.search(r"\b(?:further|additional|another|final)\s$", sentence.text[: money.start]):
        # "... and a further $2,000,000 on or before the third anniversary": a payment itself.
        return found
    rest = sum((item[0].amount for item in found if item is not largest), Decimal(0))
    if _last_stage(found, largest, largest[1]):
        return found
    return [largest] if rest == money.amount else found


#: Words of a stage of an earn-in: a sentence with them sets out a stage's payments.
_STAGE_WORDS = re.compile(
    r"\b(?:further|additional|another|second|third|fourth|final|stage|phase)\b|\d\s?%", re.I
)


def _last_stage(found: list[Any], largest: Any, sentence: Sentence) -> bool:
    """The last payment read, in a later sentence that sets out a stage, is that stage's
    payment even where it equals the sum of the ones before it (250,000 + 500,000 shares, then
    "an additional 19% interest by ... issuing 750,000 shares"); a total unsaid is stated
    before its parts or apart from any stage ("to fund A$12 million of exploration")."""
    return (
        found.index(largest) == len(found) - 1
        and sentence is not found[0][1]
        and bool(_STAGE_WORDS.search(sentence.text))
    )


def _total_of_counts(
    found: list[tuple[Decimal, Sentence, int, int, bool]],
) -> list[tuple[Decimal, Sentence, int, int, bool]]:
    """A share count stated beside its schedule: when one count is the sum of all the others
    ("6,000,000 shares ... as follows: 2,000,000 ... 2,000,000 ... 2,000,000"), it is the total."""
    if len(found) < 3:
        return found
    largest = max(found, key=lambda item: item[0])
    if _last_stage(found, largest, largest[1]):
        # "250,000 shares ..., a further 500,000 ..., issuing 750,000 shares": the last payment.
        return found
    rest = sum((item[0] for item in found if item is not largest), Decimal(0))
    return [largest] if rest == largest[0] else found


def _obligation(
    kind: str, amount: Decimal, currency: str | None, sentence: Sentence, start: int, end: int
) -> dict[str, Figure]:
    group = {
        "kind": figure_at("kind", kind, sentence, start, end),
        "amount": figure_at("amount", normal(amount), sentence, start, end),
    }
    if currency:
        group["currency"] = figure_at("currency", currency, sentence, start, end)
    due = re.search(
        r"\b(?:on|upon|by|within|before|prior to)\s(?:the\s)?(?:signing|closing|execution|"
        r"(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\sanniversary|"
        r"\w+\s\d{1,2},\s\d{4}|"
        r"\d+\s(?:days|months|years))[^,;.]{0,40}",
        sentence.text[end : end + 120],
        re.I,
    )
    if due:
        group["due_text"] = figure_at(
            "due_text", due.group().strip(), sentence, end + due.start(), end + due.end()
        )
    return group
