"""Read a country cell the way investors write it: "USA", "U.S.", "Arizona, USA", "Nevada", "WA".

One spelling per country is stored (the name lists and filters show), so a sheet's "USA" joins
the projects already in "United States"; a state or province written with or instead of the
country becomes the project's region. Text that names no known place is kept as typed.
"""

import re
from functools import cache

#: Each country's stored name, then what people also write for it.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "United States": ("usa", "us", "u.s.", "u.s.a.", "united states of america", "america"),
    "Canada": ("can",),
    "Mexico": ("mex", "méxico"),
    "Australia": ("aus",),
    "Chile": (),
    "Peru": ("perú",),
    "Argentina": (),
    "Brazil": ("brasil",),
    "Colombia": (),
    "Ecuador": (),
    "Bolivia": (),
    "Guyana": (),
    "Suriname": (),
    "Panama": ("panamá",),
    "Nicaragua": (),
    "Honduras": (),
    "Guatemala": (),
    "Dominican Republic": (),
    "United Kingdom": ("uk", "u.k.", "great britain", "britain", "england", "scotland", "wales"),
    "Ireland": (),
    "Finland": (),
    "Sweden": (),
    "Norway": (),
    "Greenland": (),
    "Spain": ("españa",),
    "Portugal": (),
    "Serbia": (),
    "Bosnia and Herzegovina": ("bosnia", "bih"),
    "Turkey": ("türkiye", "turkiye"),
    "Kazakhstan": (),
    "Mongolia": (),
    "China": ("prc",),
    "South Korea": ("korea", "republic of korea", "rok"),
    "Japan": (),
    "Philippines": (),
    "Indonesia": (),
    "Papua New Guinea": ("png",),
    "New Zealand": ("nz",),
    "Fiji": (),
    "South Africa": ("rsa",),
    "Namibia": (),
    "Botswana": (),
    "Zimbabwe": (),
    "Zambia": (),
    "Democratic Republic of the Congo": ("drc", "dr congo", "congo (drc)", "congo-kinshasa"),
    "Tanzania": (),
    "Kenya": (),
    "Ethiopia": (),
    "Ghana": (),
    "Mali": (),
    "Burkina Faso": (),
    "Côte d'Ivoire": ("cote d'ivoire", "ivory coast", "cote divoire"),
    "Guinea": (),
    "Senegal": (),
    "Niger": (),
    "Nigeria": (),
    "Mauritania": (),
    "Morocco": (),
    "Egypt": (),
    "Saudi Arabia": ("ksa",),
    "Madagascar": (),
    "Mozambique": (),
    "Malawi": (),
    "Angola": (),
    "Sierra Leone": (),
    "Liberia": (),
    "Cameroon": (),
    "Gabon": (),
}
#: States, provinces and territories, with their abbreviations, and the country they are in.
_REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Alaska": ("United States", ("ak",)),
    "Arizona": ("United States", ("az",)),
    "California": ("United States", ("ca",)),
    "Colorado": ("United States", ("co",)),
    "Idaho": ("United States", ("id",)),
    "Minnesota": ("United States", ("mn",)),
    "Montana": ("United States", ("mt",)),
    "Nevada": ("United States", ("nv",)),
    "New Mexico": ("United States", ("nm",)),
    "Oregon": ("United States", ("or",)),
    "South Dakota": ("United States", ("sd",)),
    "Texas": ("United States", ("tx",)),
    "Utah": ("United States", ("ut",)),
    "Washington": ("United States", ("wa",)),
    "Wyoming": ("United States", ("wy",)),
    "British Columbia": ("Canada", ("bc", "b.c.")),
    "Alberta": ("Canada", ("ab",)),
    "Saskatchewan": ("Canada", ("sk",)),
    "Manitoba": ("Canada", ("mb",)),
    "Ontario": ("Canada", ("on", "ont")),
    "Quebec": ("Canada", ("qc", "québec", "que")),
    "New Brunswick": ("Canada", ("nb",)),
    "Nova Scotia": ("Canada", ("ns",)),
    "Newfoundland and Labrador": ("Canada", ("nl", "newfoundland", "labrador")),
    "Yukon": ("Canada", ("yt", "yukon territory")),
    "Northwest Territories": ("Canada", ("nwt",)),
    "Nunavut": ("Canada", ("nu",)),
    "Western Australia": ("Australia", ("wa",)),
    "Queensland": ("Australia", ("qld",)),
    "New South Wales": ("Australia", ("nsw",)),
    "Victoria": ("Australia", ("vic",)),
    "South Australia": ("Australia", ("sa",)),
    "Northern Territory": ("Australia", ("nt",)),
    "Tasmania": ("Australia", ("tas",)),
    "Sonora": ("Mexico", ()),
    "Chihuahua": ("Mexico", ()),
    "Durango": ("Mexico", ()),
    "Zacatecas": ("Mexico", ()),
    "Sinaloa": ("Mexico", ()),
    "Guerrero": ("Mexico", ()),
    "Oaxaca": ("Mexico", ()),
}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w'.]+", " ", text.lower()).split()).strip(". ")


def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in _COUNTRIES.items():
        for alias in (name, *aliases):
            index.setdefault(_key(alias), name)
            index.setdefault(_key(alias).replace(".", ""), name)
    return index


def _region_index() -> dict[str, tuple[str, str]]:
    """Full region names only: an abbreviation ("WA", "CA") is read beside its country."""
    return {_key(name): (name, country) for name, (country, _short) in _REGIONS.items()}


def _short_regions() -> dict[tuple[str, str], str]:
    """(abbreviation, country) -> region, for "NV, USA" and "WA, Australia"."""
    found: dict[tuple[str, str], str] = {}
    for name, (country, short) in _REGIONS.items():
        for abbreviation in short:
            found[(_key(abbreviation).replace(".", ""), country)] = name
    return found


_BY_COUNTRY = _country_index()
_BY_REGION = _region_index()
_BY_SHORT = _short_regions()


@cache
def read_place(text: str) -> tuple[str, str | None]:
    """(country, region) from a cell: "Arizona, USA" -> ("United States", "Arizona"); "USA" ->
    ("United States", None); "Nevada" -> ("United States", "Nevada"); unknown text as typed."""
    cleaned = " ".join(text.split())
    whole = _key(cleaned)
    if whole in _BY_COUNTRY or whole.replace(".", "") in _BY_COUNTRY:
        return _BY_COUNTRY.get(whole) or _BY_COUNTRY[whole.replace(".", "")], None
    if whole in _BY_REGION:
        region, country = _BY_REGION[whole]
        return country, region
    parts = [part.strip() for part in re.split(r"\s*[,/;]\s*|\s+-\s+|\s*\(\s*|\s*\)\s*", cleaned)]
    parts = [part for part in parts if part]
    if len(parts) == 2:
        first, second = parts
        after = _BY_COUNTRY.get(_key(second).replace(".", ""))
        if after is not None:
            known = _BY_REGION.get(_key(first))
            if known is not None and known[1] == after:
                return after, known[0]
            short = _BY_SHORT.get((_key(first).replace(".", ""), after))
            return after, short or first
        before = _BY_COUNTRY.get(_key(first).replace(".", ""))
        if before is not None:
            known = _BY_REGION.get(_key(second))
            if known is not None and known[1] == before:
                return before, known[0]
            return before, _BY_SHORT.get((_key(second).replace(".", ""), before)) or second
    return text, None
