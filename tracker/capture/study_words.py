"""The words of study figures: each key's keywords, units, rates and what blocks a reading.

Shared by the prose rules (``study``) and the flattened-table rules (``study_table``).
"""

import re

from tracker.capture.money import NUMBER
from tracker.capture.names import COMMODITY

MONEY_KEYS = {
    "npv": re.compile(r"\bNPV(?:s)?(?=\b|[\d(@₅₈])|net present value", re.I),
    "initial_capex": re.compile(
        # "Initial pre-\nproduction capital": a hyphen at a line's end leaves a space.
        r"\b(?:initial|pre-?\s?production|up-?front|start-?up)\s(?:\w+\s)?(?:capital|capex)"
        r"|\b(?:development|construction) capital(?: costs?)?\b|\binitial capex\b"
        # "The project can be built for US$236-million": what it costs to build.
        r"|\bcan be built for\b|\bcost to build\b"
        # "Capital cost to first production: A$742 million", "capital cost (pre-production)"
        r"|\bcapital (?:costs?|expenditures?) \(pre-?production\)"
        r"|\bcapital (?:costs?|expenditures?) (?:to|before) (?:first )?"
        r"(?:production|concentrate)\b"
        # "CAPEX estimate of US$612 million": the study's capital estimate, unqualified.
        r"|(?<!sustaining )(?<!total )(?<!LOM )(?<!expansion )(?<!deferred )(?<!closure )"
        r"\b(?:capex|capital cost) estimate\b",
        re.I,
    ),
    "sustaining_capex": re.compile(r"\bsustaining (?:capital|capex)", re.I),
}
UNIT_KEYS = {
    "aisc": re.compile(r"\ball[- ]in sustaining (?:cash )?costs?|\bAISC\b", re.I),
}
PERCENT_KEYS = {"irr": re.compile(r"\bIRRs?\b|internal rate of return", re.I)}
YEAR_KEYS = {
    "mine_life": re.compile(
        r"\bmine life\b|\blife[- ]of[- ]mine\b|\bLOM\b|\bmine-life\b|\b(?:project|operating) life\b"
        r"|\b(?:(?:expected|planned|scheduled) to|would|will) operate for\b",
        re.I,
    ),
    "payback": re.compile(r"\bpay-?back\b", re.I),
}
OTHER_KEYWORDS = re.compile(
    r"\b(?:NPV|IRR|AISC|payback|capex|capital|cash costs?|operating costs?|opex|revenue|EBITDA|"
    r"free cash flow|cash flow|royalt\w+|(?<!after )(?<!before )taxes)\b",
    re.I,
)
RATE_NEAR = re.compile(
    r"^\s?(?:\(|@|at\s(?:an?\s)?|\s)?\s?(?P<rate>\d+(?:\.\d+)?)\s?%?\)?"
    r"|^[^.;]{0,30}?\b(?:at an?|using an?|discounted at|discount rate of)\s(?P<rate2>\d+(?:\.\d+)?)"
    r"\s?%",
    re.I,
)
RATE_ANYWHERE = re.compile(
    r"(?P<rate>\d+(?:\.\d+)?)\s?%\s(?:real\s|annual\s)?discount(?:\srate)?\b"
    r"|discount(?:ed)?\s(?:rate\s)?(?:of\s|at\s)(?:an?\s)?(?P<rate2>\d+(?:\.\d+)?)\s?%",
    re.I,
)
PER_UNIT = re.compile(
    r"\s?(?:/|per\s)(?:payable\s|recovered\s|sold\s)?(?:(?:Au|AuEq|AgEq|gold|silver|copper|nickel|"
    r"zinc|GEO|CuEq|Cu|Ag|Ni|Zn|U3O8|LCE|ounce of gold)\s)?"
    r"(?P<unit>oz|ounces?|lbs?|pounds?|tonnes?|tons?|t|dmt|wmt|kg|kilograms?|mtu|dmtu)\b",
    re.I,
)
COMMODITY_AFTER = re.compile(rf"\s?(?:of\s)?(?P<word>{COMMODITY.pattern})", re.I)
COST_BEFORE = re.compile(r"\bcosts?\b|\bAISC\b|\bopex\b|\bC1\b|\bC3\b", re.I)
PER_YEAR = re.compile(r"\s?(?:per (?:year|annum)|a year|annually|/\s?y(?:ea)?r)\b", re.I)
UNIT_NAMES = {
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "dmt": "t",
    "wmt": "t",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "mtu": "mtu",
    "dmtu": "dmtu",
}
TABLE_PER_UNIT = re.compile(
    r"\((?P<sign>US\$|C\$|A\$|£|\$|USD|CAD|AUD|GBP)\s?/\s?(?P<unit>oz|lb|t|tonne|kg|mtu|dmtu)\b[^)]*\)",
    re.I,
)
CURRENCIES = {
    "US$": "USD",
    "C$": "CAD",
    "A$": "AUD",
    "£": "GBP",
    "$": "",
    **{code: code for code in ("USD", "CAD", "AUD", "GBP")},
}
#: Words that, between "payback" and a number of years, show the years are another figure's.
YEAR_BLOCKERS = re.compile(
    r"\b(?:NPV|IRR|AISC|production|mine life|LOM|construction|pay-?back)\b|%", re.I
)
#: Years written as a word ("a nine-year mine life", "a payback period of four years").
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_TEENS = ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
YEAR_WORDS = {word: index for index, word in enumerate([*_ONES, *_TEENS], start=1)}
_YEAR_WORD = rf"(?<![\w-])(?:{'|'.join(YEAR_WORDS)})"
YEARS_AFTER = re.compile(
    rf"[^.;]{{0,40}}?(?P<n>{NUMBER}|{_YEAR_WORD})[- ]?(?:\+\s)?(?:years?|yrs?)\b", re.I
)
YEARS_BEFORE = re.compile(
    # "a 3.9-year after-tax payback": a word or two may stand between the years and the key.
    rf"(?P<n>(?<![\w-]){NUMBER}|{_YEAR_WORD})[- ](?:years?|yr)[- ]?(?:\w+[- ])?(?:[a-z]+-tax\s)?$",
    re.I,
)
#: "a 22-year open pit operation", "a 16-year in-situ recovery (ISR) operation", "a 14-year
#: underground mine": the years of the operation the study plans are its mine life.
OPERATION_YEARS = re.compile(
    rf"(?P<n>(?<![\w-]){NUMBER}|{_YEAR_WORD})[- ](?:years?|yr)\s(?:[A-Za-z()/-]+\s){{0,4}}?"
    r"(?:mining\s)?(?:operation|mine)\b"
    r"(?!\s(?:life|plan|permit|licen|development|construction|closure|rehabilitation|build))",
    re.I,
)
TABLE_NUMBER = re.compile(rf"(?<![\w.$])(?:\(?)(?P<n>-?(?:{NUMBER}))(?:\)?)(?:\s?%)?(?![\w.])")
