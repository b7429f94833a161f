"""From a reading to the fields a person reviews: record columns, pre-filled, with sentences.

The reading names figures by their JSON keys (``npv`` in millions, ``npv_basis``, ``irr``);
the review shows the columns they are saved to (``after_tax_npv`` in whole units of the study's
currency, ``after_tax_irr_pct``), so that what the person corrects is exactly what is written,
and each column keeps the sentence its figure was read from.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.capture.model import Capture, Figure, Span, Value
from tracker.enums import DealStatus, DealType, EventKind, ObligationKind, StudyType

MILLION = Decimal(1_000_000)

#: The kinds of value a review field holds, which decide its widget.
TEXT, MONEY, PERCENT, NUMBER, DATE, CURRENCY, CHOICE = (
    "text",
    "money",
    "percent",
    "number",
    "date",
    "currency",
    "choice",
)


@dataclass(frozen=True)
class ReviewField:
    """One field of the review form: the column it is saved to, its label and kind of value."""

    name: str
    label: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = False


STUDY_FIELDS = (
    ReviewField("study_type", "&Type", CHOICE, tuple(t.value for t in StudyType), True),
    ReviewField("title", "T&itle", TEXT, required=True),
    ReviewField("publication_date", "&Published", DATE, required=True),
    ReviewField("currency", "&Currency", CURRENCY, required=True),
    ReviewField("after_tax_npv", "After-tax &NPV", MONEY),
    ReviewField("pre_tax_npv", "Pre-tax NPV", MONEY),
    ReviewField("discount_rate_pct", "&Discount rate", PERCENT),
    ReviewField("after_tax_irr_pct", "After-tax I&RR", PERCENT),
    ReviewField("pre_tax_irr_pct", "Pre-tax IRR", PERCENT),
    ReviewField("initial_capex", "Initial ca&pex", MONEY),
    ReviewField("sustaining_capex", "Sustaining capex", MONEY),
    ReviewField("aisc", "&AISC", NUMBER),
    ReviewField("cost_unit", "AISC unit", TEXT),
    ReviewField("mine_life_years", "&Mine life (years)", NUMBER),
    ReviewField("payback_years", "Payback (years)", NUMBER),
)
DEAL_FIELDS = (
    ReviewField("deal_type", "&Type", CHOICE, tuple(t.value for t in DealType), True),
    ReviewField("status", "&Status", CHOICE, tuple(s.value for s in DealStatus), True),
    ReviewField("title", "T&itle", TEXT, required=True),
    ReviewField("announced_date", "&Announced", DATE, required=True),
    ReviewField("interest_pct", "&Interest", PERCENT),
    ReviewField("consideration", "Cas&h", NUMBER),
    ReviewField("consideration_currency", "Cash &currency", CURRENCY),
)
EVENT_FIELDS = (
    ReviewField("kind", "&Kind", CHOICE, tuple(k.value for k in EventKind), True),
    ReviewField("title", "T&itle", TEXT, required=True),
    ReviewField("event_date", "&Date", DATE, required=True),
)
FIELDS = {"study": STUDY_FIELDS, "deal": DEAL_FIELDS}

#: The event each kind of release is kept as on the project's timeline.
EVENT_KINDS = {
    "study": EventKind.STUDY.value,
    "deal": EventKind.DEAL.value,
    "drill": EventKind.DRILL_RESULT.value,
    "resource": EventKind.RESOURCE_UPDATE.value,
    "other": EventKind.NEWS.value,
}
STUDY_TYPES = {"PEA": StudyType.PEA.value, "PFS": StudyType.PFS.value, "FS": StudyType.FS.value}
DEAL_TYPES = {
    "LOI": DealType.LOI.value,
    "option": DealType.OPTION_EARN_IN.value,
    "acquisition": DealType.ACQUISITION.value,
    "JV": DealType.JOINT_VENTURE.value,
    "royalty": DealType.ROYALTY.value,
    "stream": DealType.STREAM.value,
}
OBLIGATION_KINDS = {
    "cash": ObligationKind.CASH.value,
    "shares": ObligationKind.SHARES.value,
    "work": ObligationKind.WORK.value,
}


def fields_of(kind: str) -> tuple[ReviewField, ...]:
    """The review form's fields for a kind of release (a study, a deal, or an event only)."""
    return FIELDS.get(kind, EVENT_FIELDS)


@dataclass
class Prefill:
    """The review form's starting values, by column, with where each came from.

    ``spans`` and ``sentences`` give, by column, the figure's words and its sentence in the
    release text; ``notes`` say what the person should check (a basis the text left open).
    """

    values: dict[str, Value | None] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    sentences: dict[str, Span] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def take(self, column: str, figure: Figure | None, value: Value | None = None) -> None:
        """Fill ``column`` from ``figure`` (its value, or ``value`` when converted)."""
        if figure is None:
            return
        self.values[column] = figure.value if value is None else value
        self.spans[column] = figure.span
        self.sentences[column] = figure.sentence


def name_of(capture: Capture, key: str) -> str | None:
    """A name the release states (``company``, ``project``, ``counterparty``), if any."""
    figure = capture.figures.get(key)
    return str(figure.value).strip() or None if figure is not None else None


def quote(capture: Capture, sentence: Span) -> str:
    """The words of a sentence of the release, on one line."""
    return " ".join(capture.text[sentence.start : sentence.end].split())


def prefill(capture: Capture) -> Prefill:
    """The review form's values for a reading."""
    found = Prefill()
    if capture.kind == "study":
        _study(capture, found)
    elif capture.kind == "deal":
        _deal(capture, found)
    else:
        found.values["kind"] = EVENT_KINDS.get(capture.kind, EventKind.NEWS.value)
        found.values["event_date"] = capture.release_date
        found.values["title"] = capture.title or _default_title(capture, "news")
    return found


def _millions(figure: Figure | None) -> Decimal | None:
    if figure is None or not isinstance(figure.value, Decimal | int):
        return None
    return Decimal(figure.value) * MILLION


def _default_title(capture: Capture, what: str) -> str:
    named = name_of(capture, "project") or name_of(capture, "company") or "Release"
    return f"{named} {what}"


def _study(capture: Capture, found: Prefill) -> None:
    figures = capture.figures
    study_type = figures.get("study_type")
    if study_type is not None:
        found.take("study_type", study_type, STUDY_TYPES.get(str(study_type.value)))
    basis_figure = figures.get("npv_basis")
    basis = str(basis_figure.value) if basis_figure is not None else None
    prefix = "pre_tax" if basis == "pre-tax" else "after_tax"
    if basis is None and ("npv" in figures or "irr" in figures):
        found.notes.append(
            "The release does not say whether the NPV and IRR are before or after tax; "
            "they are entered as after-tax: check them."
        )
    found.take(f"{prefix}_npv", figures.get("npv"), _millions(figures.get("npv")))
    found.take(f"{prefix}_irr_pct", figures.get("irr"))
    found.take("discount_rate_pct", figures.get("discount_rate"))
    for key in ("initial_capex", "sustaining_capex"):
        found.take(key, figures.get(key), _millions(figures.get(key)))
    found.take("aisc", figures.get("aisc"))
    found.take("cost_unit", figures.get("aisc_unit"))
    found.take("mine_life_years", figures.get("mine_life"))
    found.take("payback_years", figures.get("payback"))
    _study_currency(capture, found)
    found.values["publication_date"] = capture.release_date
    type_name = str(found.values.get("study_type") or "study")
    found.values["title"] = capture.title or _default_title(capture, type_name)


def _study_currency(capture: Capture, found: Prefill) -> None:
    """A study keeps one currency: the NPV's, else the capex's, else the AISC unit's."""
    figures = capture.figures
    npv, capex = figures.get("npv_currency"), figures.get("capex_currency")
    if npv is not None and capex is not None and npv.value != capex.value:
        found.notes.append(
            f"The NPV is in {npv.value} and the capex in {capex.value}; a study keeps one "
            "currency: check the currency and the capex."
        )
    chosen = npv or capex
    if chosen is not None:
        found.take("currency", chosen)
        return
    unit = figures.get("aisc_unit")
    code = str(unit.value).split("/")[0] if unit is not None else ""
    if len(code) == 3 and code.isalpha():
        found.take("currency", unit, code.upper())


def _deal(capture: Capture, found: Prefill) -> None:
    figures = capture.figures
    deal_type = figures.get("deal_type")
    if deal_type is not None:
        found.take("deal_type", deal_type, DEAL_TYPES.get(str(deal_type.value)))
    loi = found.values.get("deal_type") == DealType.LOI.value
    found.values["status"] = (DealStatus.LOI_SIGNED if loi else DealStatus.DEFINITIVE).value
    found.take("interest_pct", figures.get("interest_pct"))
    found.take("consideration", figures.get("cash"))
    found.take("consideration_currency", figures.get("cash_currency"))
    found.values["announced_date"] = capture.release_date
    company, other = name_of(capture, "company"), name_of(capture, "counterparty")
    what = str(found.values.get("deal_type") or "deal")
    title = f"{company} {what} with {other}" if company and other else _default_title(capture, what)
    found.values["title"] = capture.title or title
