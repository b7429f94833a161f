"""Match a sheet's columns to fields by name, the way a person reads headers.

"NPV after tax (US$M)", "Post-tax NPV" and "After-tax NPV (M)" all mean the same field: case,
spaces, punctuation and unit suffixes are ignored, and the units are kept to read the values.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.excel.fields import (
    FIELDS_BY_QUALIFIED,
    SHEETS,
    SHEETS_BY_NAME,
    Entity,
    Field,
    Kind,
    SheetSpec,
    all_fields,
)
from tracker.excel.values import CURRENCY_MARKS
from tracker.numbers import SCALES

#: A header's scale words: the numbers' own, and units that carry a scale ("koz", "Mt").
_SCALE_WORDS = {
    **SCALES,
    "thousands": Decimal(1000),
    "kt": Decimal(1000),
    "koz": Decimal(1000),
    "mt": Decimal(10) ** 6,
    "moz": Decimal(10) ** 6,
    "mlb": Decimal(10) ** 6,
}
_UNIT_WORDS = {
    "years",
    "year",
    "yrs",
    "yr",
    "y",
    "t",
    "tpd",
    "tonnes",
    "tons",
    "oz",
    "lb",
    "lbs",
    "g",
    "gt",
    "per",
    "pct",
    "percent",
    "d",
    "day",
    "a",
    "pa",
    "ratio",
    "x",
}
_GROUP = re.compile(r"\s*[\(\[]([^\(\)\[\]]*)[\)\]]\s*$")
_TRAILING = re.compile(
    r"[\s,]+((?:us\$|c\$|a\$|\$|usd|cad|aud|eur|gbp)\s*(?:m|mm|mn|b|bn|k|millions?|billions?)?"
    r"|(?:m|mm|mn|b|bn|millions?|billions?))\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HeaderUnit:
    """What a header's unit suffix says about its values: "NPV 5% (C$M)" gives a scale of a
    million, CAD and a discount rate of 5 %; "AISC (US$/oz)" gives USD per oz."""

    scale: Decimal | None = None
    currency: str | None = None
    percent: bool = False
    #: A rate the header names ("NPV5%", "NPV @ 8 %"): an NPV's discount rate.
    rate: Decimal | None = None
    #: What an amount is per ("oz" in "US$/oz").
    per: str | None = None


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', letters and digits only: "Post-tax NPV" -> "posttaxnpv"."""
    return re.sub(r"[^0-9a-z]+", "", text.lower().replace("&", "and"))


def _unit_of(content: str) -> HeaderUnit | None:
    """Read "US$M", "%", "C$ 000s", "US$/oz" as a unit; None when it is not one ("after tax")."""
    lowered = content.strip().lower()
    if not lowered:
        return None
    head, slash, tail = lowered.partition("/")
    # After the slash: units, and a commodity's symbol ("US$/lb Cu", "US$/oz AuEq").
    if any(
        t not in _UNIT_WORDS and t not in _SCALE_WORDS and not (t.isalpha() and len(t) <= 4)
        for t in re.findall(r"[a-z0-9]+", tail)
    ):
        return None
    currency: str | None = None
    scale: Decimal | None = None
    per = " ".join(content.strip().partition("/")[2].split()) or None
    for token in re.findall(r"[a-z]*\$|[€£¥%]|[a-z0-9]+", head.replace("'", "")):
        if token in CURRENCY_MARKS and token != "r":
            currency = currency or CURRENCY_MARKS[token]
        elif token in _SCALE_WORDS:
            # A cost per unit ("US$/oz") is not scaled; "Mt" or "US$M" is.
            scale = None if slash else scale or _SCALE_WORDS[token]
        elif token != "%" and token not in _UNIT_WORDS:
            return None
    return HeaderUnit(scale, currency, "%" in lowered, per=per)


#: A rate in a header: "NPV5%", "NPV @ 8 %", "NPV (5%)", "NPV 7.5%".
_RATE = re.compile(r"\s*@?\s*(?:\(\s*(\d+(?:\.\d+)?)\s*%\s*\)|(\d+(?:\.\d+)?)\s*%)")


def split_header(text: str) -> tuple[str, HeaderUnit]:
    """The header's name and its unit: "NPV after tax (US$M)" -> ("NPV after tax", USD, 1e6)."""
    # "NPV 5%", "NPV @ 8%", "NPV (5%)": the rate qualifies the name; it is not a unit.
    name = text.strip()
    rate: Decimal | None = None
    for rated in reversed(list(_RATE.finditer(name))):
        if rated.start() > 0:
            rate = rate or Decimal(rated[1] or rated[2])
            name = name[: rated.start()] + " " + name[rated.end() :]
    name = name.strip()
    unit = HeaderUnit(rate=rate)
    while (match := _GROUP.search(name)) is not None:
        found = _unit_of(match[1])
        if found is None:
            inner = match[1]
            name = name[: match.start()] + " " + inner
            break
        unit = _merge(unit, found)
        name = name[: match.start()]
    if name.endswith("%"):
        name = name[:-1]
        unit = _merge(unit, HeaderUnit(percent=True))
    if (match := _TRAILING.search(name)) is not None and match.start() > 0:
        found = _unit_of(match[1])
        if found is not None and (found.currency or found.scale):
            unit = _merge(unit, found)
            name = name[: match.start()]
    return name.strip(" ,-:"), unit


def _merge(first: HeaderUnit, second: HeaderUnit) -> HeaderUnit:
    return HeaderUnit(
        first.scale or second.scale,
        first.currency or second.currency,
        first.percent or second.percent,
        first.rate or second.rate,
        first.per or second.per,
    )


def _names_of(fld: Field) -> list[str]:
    return [normalise(split_header(fld.header)[0]), *(normalise(s) for s in fld.synonyms)]


def _build_index() -> dict[str, list[Field]]:
    index: dict[str, list[Field]] = {}
    for fld in all_fields():
        if fld.identity:
            continue  # the app's own ID columns map by their sheet's header alone
        for name in _names_of(fld):
            if fld not in index.setdefault(name, []):
                index[name].append(fld)
    return index


_INDEX = _build_index()
#: Which entity a bare, ambiguous header ("Source", "Notes") belongs to when the sheet is mixed.
_FIRST = (Entity.PROJECT, Entity.STUDY, Entity.COMPANY)
_PREFERENCE = (*_FIRST, *(spec.entity for spec in SHEETS if spec.entity not in _FIRST))
_SHEET_SYNONYMS = {
    "companies": Entity.COMPANY,
    "company": Entity.COMPANY,
    "issuers": Entity.COMPANY,
    "projects": Entity.PROJECT,
    "project": Entity.PROJECT,
    "projectlist": Entity.PROJECT,
    "assets": Entity.PROJECT,
    "properties": Entity.PROJECT,
    "studies": Entity.STUDY,
    "economics": Entity.STUDY,
    "technicalreports": Entity.STUDY,
    "resources": Entity.RESOURCE,
    "reserves": Entity.RESOURCE,
    "resourcesandreserves": Entity.RESOURCE,
    "deals": Entity.DEAL,
    "transactions": Entity.DEAL,
    "mandatransactions": Entity.DEAL,
    "dealobligations": Entity.DEAL_OBLIGATION,
    "obligations": Entity.DEAL_OBLIGATION,
    "events": Entity.EVENT,
    "news": Entity.EVENT,
    "timeline": Entity.EVENT,
    # An investor's positions list reads as buys: the holdings are their sum.
    "holdings": Entity.TRANSACTION,
    "portfolio": Entity.TRANSACTION,
    "positions": Entity.TRANSACTION,
    "holdingtransactions": Entity.TRANSACTION,
    "trades": Entity.TRANSACTION,
    "tradehistory": Entity.TRANSACTION,
    "buysandsells": Entity.TRANSACTION,
    "projectcommodities": Entity.PROJECT_COMMODITY,
    "stagehistory": Entity.PROJECT_STAGE,
    "stages": Entity.PROJECT_STAGE,
    "pricedecks": Entity.STUDY_PRICE,
    "pricedeck": Entity.STUDY_PRICE,
    "priceassumptions": Entity.STUDY_PRICE,
    "dealsteps": Entity.DEAL_STEP,
    "earninsteps": Entity.DEAL_STEP,
    "dealstatushistory": Entity.DEAL_STATUS,
    "statushistory": Entity.DEAL_STATUS,
    "shareprices": Entity.SHARE_PRICE,
    "stockprices": Entity.SHARE_PRICE,
    "prices": Entity.SHARE_PRICE,
    "fxrates": Entity.FX_RATE,
    "exchangerates": Entity.FX_RATE,
    "fx": Entity.FX_RATE,
    "commodityprices": Entity.COMMODITY_PRICE,
    "metalprices": Entity.COMMODITY_PRICE,
    "studysensitivities": Entity.STUDY_SENSITIVITY,
    "npvsensitivities": Entity.STUDY_SENSITIVITY,
    "sensitivities": Entity.STUDY_SENSITIVITY,
    "expectedstudies": Entity.EXPECTED_STUDY,
}
#: Entities whose columns are only guessed on a sheet about them (named so, or mapped by
#: hand): their headers ("Date", "Price", "Rate") are too common to claim elsewhere.
_OWN_SHEET_ONLY = frozenset(
    {
        Entity.PROJECT_STAGE,
        Entity.STUDY_PRICE,
        Entity.STUDY_SENSITIVITY,
        Entity.DEAL_STEP,
        Entity.DEAL_STATUS,
        Entity.SHARE_PRICE,
        Entity.FX_RATE,
        Entity.COMMODITY_PRICE,
        Entity.EXPECTED_STUDY,
        Entity.WATCHLIST,
    }
)


@dataclass(frozen=True)
class ColumnMap:
    """One column: its header, the field it fills (None: ignored) and the header's unit."""

    index: int
    header: str
    field: Field | None
    unit: HeaderUnit = HeaderUnit()


@dataclass
class Mapping:
    """How a sheet's columns map to fields; ``entity`` is what each row is mainly about."""

    entity: Entity | None
    columns: list[ColumnMap] = field(default_factory=list)
    #: Qualified field -> the text that fills its empty cells ("8" for the discount rate).
    defaults: dict[str, str] = field(default_factory=dict)

    def mapped(self) -> list[ColumnMap]:
        return [column for column in self.columns if column.field is not None]

    def as_dict(self) -> dict[str, str | None]:
        """Header -> qualified field, the shape presets store."""
        return {c.header: c.field.qualified if c.field else None for c in self.columns if c.header}

    def with_field(self, index: int, qualified: str | None) -> "Mapping":
        """A copy with column ``index`` mapped to ``qualified`` (None: ignored).

        A field can fill one column only: another column mapped to it is released.
        """
        chosen = FIELDS_BY_QUALIFIED.get(qualified) if qualified else None
        columns = []
        for column in self.columns:
            if column.index == index:
                columns.append(ColumnMap(column.index, column.header, chosen, column.unit))
            elif chosen is not None and column.field == chosen:
                columns.append(ColumnMap(column.index, column.header, None, column.unit))
            else:
                columns.append(column)
        return Mapping(self.entity, columns, dict(self.defaults))

    def with_defaults(self, defaults: dict[str, str]) -> "Mapping":
        """A copy whose empty cells of each field in ``defaults`` take its text."""
        return Mapping(self.entity, list(self.columns), dict(defaults))


def is_bare_date(header: str) -> bool:
    """Whether a header says only "Date" (units or punctuation aside)."""
    return normalise(split_header(header)[0]) == "date"


def sheet_entity(sheet_name: str) -> Entity | None:
    """The entity a sheet's name announces ("Studies", "Portfolio"), if any."""
    spec = SHEETS_BY_NAME.get(sheet_name.strip().lower())
    if spec is not None:
        return spec.entity
    return _SHEET_SYNONYMS.get(normalise(sheet_name))


def candidates(header: str, entity: Entity | None = None) -> list[Field]:
    """Every field a header could mean on a sheet about ``entity``, most likely first."""
    name, _unit = split_header(header)
    found = _INDEX.get(normalise(name), ())
    return [f for f in found if f.entity not in _OWN_SHEET_ONLY or f.entity is entity]


def auto_map(
    headers: Sequence[object],
    sheet_name: str = "",
    preset: dict[str, str | None] | None = None,
) -> Mapping:
    """Map headers to fields; a preset (header -> field) wins over guessing."""
    texts = ["" if h is None else str(h).strip() for h in headers]
    spec = SHEETS_BY_NAME.get(sheet_name.strip().lower())
    entity = sheet_entity(sheet_name)
    options = [candidates(text, entity) if text else [] for text in texts]
    if entity is None:
        # A bare "Date" could be any record's: the other columns say whose (``bare_date``).
        voting = zip(texts, options, strict=True)
        entity = _guess_entity([[] if is_bare_date(text) else found for text, found in voting])
    chosen: list[Field | None] = []
    taken: set[str] = set()
    for text, found in zip(texts, options, strict=True):
        pick: Field | None = None
        if preset is not None and text in preset:
            qualified = preset[text]
            pick = FIELDS_BY_QUALIFIED.get(qualified) if qualified else None
        else:
            pick = _pick(text, found, spec, entity)
        if pick is not None and pick.qualified in taken:
            pick = None
        if pick is not None:
            taken.add(pick.qualified)
        chosen.append(pick)
    columns = [
        ColumnMap(index, text, pick, split_header(text)[1] if text else HeaderUnit())
        for index, (text, pick) in enumerate(zip(texts, chosen, strict=True))
    ]
    return Mapping(entity, columns)


def _pick(
    text: str, found: list[Field], spec: SheetSpec | None, entity: Entity | None
) -> Field | None:
    if spec is not None:
        exact = [f for f in spec.fields if f.header.lower() == text.lower()]
        readable = [f for f in exact if f.read]
        if readable:
            return readable[0]
        if exact:
            return None  # the sheet's own column that the import does not read
    if not found:
        return None
    if spec is not None:
        in_sheet = [f for f in found if f in spec.fields]
        found = in_sheet or found
    for preferred in ((entity,) if entity else ()) + _PREFERENCE:
        for fld in found:
            if fld.entity == preferred:
                return fld
    return found[0]


def _guess_entity(options: list[list[Field]]) -> Entity | None:
    """The child entity most columns belong to; else project, else company."""
    counts: dict[Entity, int] = {}
    for found in options:
        for entity in dict.fromkeys(fld.entity for fld in found):  # in a stable order
            counts[entity] = counts.get(entity, 0) + 1
    children = {e: n for e, n in counts.items() if e not in {Entity.PROJECT, Entity.COMPANY}}
    best = max(children.items(), key=lambda item: item[1], default=None)
    if best is not None and best[1] >= 2 and best[1] >= counts.get(Entity.PROJECT, 0):
        return best[0]
    if counts.get(Entity.PROJECT):
        return Entity.PROJECT
    if counts.get(Entity.COMPANY):
        return Entity.COMPANY
    return best[0] if best else None


def header_score(row: Sequence[object]) -> int:
    """How much a row looks like a header: known names count most, other text a little."""
    score = 0
    for value in row:
        if isinstance(value, str) and value.strip() and not _looks_numeric(value):
            score += 10 if candidates(value) else 1
    return score


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\s$€£%()\-+.,0-9]+", text))


def find_header_row(rows: Sequence[Sequence[object]], scan: int = 30) -> int | None:
    """The index of the row that holds the headers, looking at the first ``scan`` rows."""
    best_index: int | None = None
    best_score = 0
    for index, row in enumerate(rows[:scan]):
        score = header_score(row)
        texts = sum(1 for v in row if isinstance(v, str) and v.strip())
        if score > best_score and (score >= 10 or texts >= 2):
            best_index, best_score = index, score
    return best_index


def percent_kind(column: ColumnMap) -> bool:
    """True when a column holds percentages."""
    return column.field is not None and column.field.kind is Kind.PERCENT
