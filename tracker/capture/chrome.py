"""Page and newswire chrome before a release's headline: cookie banners, RNS numbers, dates.

Company pages and news services put these above the headline; read as the title they hide the
kind of the release, so the headline is the first sentence that is none of them (nor a
site's menu of single words).
"""

import re

from tracker.capture.sentences import Sentence

#: One listing: "TSXV: GLI", "OTCQB: WLFLF", "NYSE American: SGC".
_LISTING = r"(?-i:[A-Z][A-Za-z-]{1,10}(?:\s[A-Z][a-z]+){0,2}:\s?[A-Z0-9.]{1,6})"
_CHROME = re.compile(
    r"(?:.*\bcookies?\b.*"
    r"|RNS\sNumber\b.*"
    r"|(?:ASX|TSX|AIM|NEWS|PRESS|MARKET)\s(?:RELEASE|ANNOUNCEMENT)S?"
    # "ASX ANNOUNCEMENT          4 November 2025": the release word and its date on one line.
    r"(?:\s+(?:\d{1,2}\s[A-Z][a-z]+\s(?:19|20)\d\d|[A-Z][a-z]+\.?\s\d{1,2},\s(?:19|20)\d\d))?"
    r"|(?:for\simmediate\srelease|news\srelease|press\srelease|announcement)\W*"
    r"|\d{1,2}\s[A-Z][a-z]+\s(?:19|20)\d\d|[A-Z][a-z]+\.?\s\d{1,2},\s(?:19|20)\d\d"
    r"|\(?[\"“][^\"”]{1,40}[\"”]\sor\sthe\s[\"“](?:Company|Group)[\"”]\)?"
    r"|[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,5}\s(?:plc|PLC|Ltd\.?|Limited|LIMITED|Inc\.?|Corp\.?|"
    r"Corporation|NL)"
    # "Lindisfarne Royalties plc (LIND)": a news page's header names the company and its ticker.
    r"(?:\s\((?:[A-Z]{2,6}:\s?)?[A-Z0-9.]{2,6}\))?"
    # "(TSXV: GLI / FSE: 9GL)", "ASX: EFL": the listings under a company's name.
    rf"|\(?{_LISTING}(?:\s?[/|,;]\s?{_LISTING})*\)?"
    # "ABN 41 602 118 377": an Australian company's registered number.
    r"|A[BC]N\s[\d\s]{9,14}"
    r")\s*",
    re.I,
)
#: Chrome lines are few; past this many the text has no headline of its own.
_MOST = 10
#: Fewer words than this make a menu item or a site name, not a headline.
_FEWEST_WORDS = 4


def headline_index(sentences: list[Sentence]) -> int:
    """The index of the headline: the first sentence that is not page or newswire chrome."""
    for index, sentence in enumerate(sentences[:_MOST]):
        text = sentence.text.strip()
        # A site's menu ("About", "Investors") and name are a word or three; a headline is not.
        # A row of cells is a site's menu bar ("Home | Projects | News") or a table, not a headline.
        if not _CHROME.fullmatch(text) and len(text.split()) >= _FEWEST_WORDS and "\t" not in text:
            return index
    return 0
