"""After-tax NPV at today's deck, from a study's own data.

Two methods, the better first:

- **Interpolated**: the study publishes its after-tax NPV at other prices of a commodity (or at
  % changes of its deck price). The NPV at today's price is read off that table by straight
  lines between neighbouring points, the study's own deck price and NPV being one point. Past
  the table's ends the end segment is carried on for at most ``EXTRAPOLATION_PCT`` % of the end
  price (the figure's note says it was extrapolated); further out there is no figure.
- **First-order estimate**, where the study gives only its base case (``ESTIMATE_METHOD``).

Commodities are taken one at a time and their changes added (each table moves one price with
the others at the deck), so two metals that both moved add their two changes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from tracker.formatting import unit_price
from tracker.portfolio.commodity_prices import PriceValues
from tracker.portfolio.fx import FxBook, MissingFxRateError
from tracker.quantities import per_unit_factor, read_production_unit

HUNDRED = Decimal(100)
ZERO = Decimal(0)
#: The tax rate of the estimate when the study does not give both NPVs, in percent.
DEFAULT_TAX_RATE_PCT = Decimal(25)
#: How far past a sensitivity table's end price its end segment is carried on, in percent.
EXTRAPOLATION_PCT = Decimal(10)

STUDY_DECK = "study deck"
INTERPOLATED = "interpolated"
ESTIMATE = "estimate"

ESTIMATE_METHOD = (
    "First-order estimate, not a study figure: NPV at today's deck = the study's after-tax NPV "
    "+ Σ over its commodities of (today's price - study price) x annual payable production x "
    "(1 - tax rate) x annuity factor (discount rate, mine life). Assumes: production as the "
    "study states it is all payable and starts in the first year discounted (a construction "
    "period would lower the change); costs, capex and recoveries stay as in the study; the tax "
    f"rate is 1 - after-tax/pre-tax NPV when the study gives both, else {DEFAULT_TAX_RATE_PCT} "
    "%; equivalent-ounce production (AuEq) is priced at the primary metal, so by-products are "
    "taken to move with it; production without a named commodity is the primary commodity's."
)
INTERPOLATION_METHOD = (
    "Interpolated from the study's own NPV sensitivity table: straight lines between its "
    "points (the study's deck price and NPV being one), carried on at most "
    f"{EXTRAPOLATION_PCT} % past the table's ends."
)
METHODS = {ESTIMATE: ESTIMATE_METHOD, INTERPOLATED: INTERPOLATION_METHOD}


class SensitivityPoint(NamedTuple):
    """A study's after-tax NPV with one commodity at ``price`` (``currency`` per ``unit``), or
    at ``change_pct`` % of the study's deck price."""

    commodity: str
    after_tax_npv: Decimal
    price: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    change_pct: Decimal | None = None


@dataclass(frozen=True)
class StudyEconomics:
    """What of a study the NPV at today's deck is worked from."""

    study_id: int
    currency: str
    after_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None = None
    mine_life_years: Decimal | None = None
    annual_production: Decimal | None = None
    production_unit: str | None = None
    pre_tax_npv: Decimal | None = None
    #: The project's commodity symbols, primary first.
    commodities: tuple[str, ...] = ()
    #: The study's price deck by symbol.
    deck: Mapping[str, PriceValues] = field(default_factory=dict)
    sensitivities: Mapping[str, Sequence[SensitivityPoint]] = field(default_factory=dict)


class TodayNpv(NamedTuple):
    """The NPV at today's deck (None when it cannot be worked out), how, and why or what of."""

    value: Decimal | None
    method: str
    note: str

    @property
    def tooltip(self) -> str:
        """The method in words, and the note."""
        return "\n\n".join(part for part in (METHODS.get(self.method, ""), self.note) if part)


class _RefusedError(Exception):
    """A figure that cannot be worked out; the message says why."""


@lru_cache(maxsize=4096)
def annuity_factor(rate_pct: Decimal, years: Decimal) -> Decimal:
    """Present value of 1 a year for ``years`` years at ``rate_pct`` %: (1 - (1 + r)^-n) / r."""
    rate = rate_pct / HUNDRED
    if rate == 0:
        return years
    return (1 - (1 + rate) ** -years) / rate


def tax_rate_pct(study: StudyEconomics) -> Decimal:
    """1 - after-tax/pre-tax NPV where the study gives both (and the ratio makes sense)."""
    after, before = study.after_tax_npv, study.pre_tax_npv
    if after is not None and before is not None and 0 < after <= before:
        return (1 - after / before) * HUNDRED
    return DEFAULT_TAX_RATE_PCT


@lru_cache(maxsize=4096)
def convert_price(
    price: PriceValues, currency: str, unit: str, book: FxBook, symbol: str
) -> Decimal:
    """``price`` expressed in ``currency`` per ``unit``; refused when the units do not meet."""
    factor = per_unit_factor(unit, price.unit)
    if factor is None:
        raise _RefusedError(
            f"{symbol} is priced per {price.unit} today but per {unit} in the study"
        )
    try:
        return book.convert(price.price * factor, price.currency, currency)
    except MissingFxRateError as exc:
        raise _RefusedError(str(exc)) from exc


def interpolate(points: Sequence[tuple[Decimal, Decimal]], at: Decimal) -> tuple[Decimal, str]:
    """The value at ``at`` on straight lines through ``points`` (price, NPV), and a note when
    it was carried past an end; refused further than ``EXTRAPOLATION_PCT`` % past it."""
    ordered = sorted(dict(points).items())
    if len(ordered) < 2:
        raise _RefusedError("a sensitivity table needs two prices or more")
    low, high = ordered[0][0], ordered[-1][0]
    note = ""
    if at < low or at > high:
        end = low if at < low else high
        beyond = abs(at - end) / end * HUNDRED
        if beyond > EXTRAPOLATION_PCT:
            raise _RefusedError(
                f"today's price is {beyond:.0f} % past the sensitivity table's "
                f"{'lowest' if at < low else 'highest'} price ({end.normalize():f}), more than "
                f"the {EXTRAPOLATION_PCT} % it is carried on"
            )
        side = "lowest" if at < low else "highest"
        note = f"extrapolated {beyond:.1f} % past the table's {side} price"
    index = 1
    while index < len(ordered) - 1 and ordered[index][0] < at:
        index += 1
    (x0, y0), (x1, y1) = ordered[index - 1], ordered[index]
    return y0 + (y1 - y0) * (at - x0) / (x1 - x0), note


def _table_change(
    study: StudyEconomics,
    base: Decimal,
    symbol: str,
    points: Sequence[SensitivityPoint],
    today: PriceValues,
    book: FxBook,
) -> tuple[Decimal, str]:
    own = study.deck.get(symbol)
    priced = next((p for p in points if p.price is not None), None)
    if own is not None:
        currency, unit = own.currency, own.unit
    elif priced is not None and priced.currency and priced.unit:
        currency, unit = priced.currency, priced.unit
    else:
        raise _RefusedError(
            f"the {symbol} sensitivity is in % but the study's deck has no {symbol} price"
        )
    table: list[tuple[Decimal, Decimal]] = []
    for point in points:
        if point.price is not None:
            values = PriceValues(point.price, point.currency or currency, point.unit or unit)
            table.append((convert_price(values, currency, unit, book, symbol), point.after_tax_npv))
        elif point.change_pct is not None:
            if own is None:
                raise _RefusedError(
                    f"the {symbol} sensitivity is in % but the study's deck has no {symbol} price"
                )
            table.append((own.price * (1 + point.change_pct / HUNDRED), point.after_tax_npv))
    if own is not None and own.price not in dict(table):
        table.append((own.price, base))
    at = convert_price(today, currency, unit, book, symbol)
    value, note = interpolate(table, at)
    start = interpolate(table, own.price)[0] if own is not None else base
    return value - start, f"{symbol}: {note}" if note else ""


def _production_symbol(study: StudyEconomics) -> tuple[str, str]:
    """The commodity the study's annual production is of, and how it was read."""
    return _produced(study.production_unit, study.commodities, tuple(study.deck))


@lru_cache(maxsize=4096)
def _produced(
    production_unit: str | None, commodities: tuple[str, ...], deck: tuple[str, ...]
) -> tuple[str, str]:
    unit = read_production_unit(production_unit)
    what = unit.what if unit is not None else ""
    known = {s.lower(): s for s in (*commodities, *deck)}
    if what.lower().endswith("eq") and what[:-2].lower() in known:
        symbol = known[what[:-2].lower()]
        return symbol, f"{what} production priced at {symbol}"
    if what.lower() in known:
        return known[what.lower()], ""
    primary = commodities[0] if commodities else next(iter(deck), "")
    if not primary:
        raise _RefusedError("the project has no commodity")
    shown = f"'{what}' " if what else ""
    return primary, f"{shown}production taken as {primary}, the primary commodity"


def _estimate_change(
    study: StudyEconomics, symbol: str, today: PriceValues, book: FxBook
) -> Decimal:
    own = study.deck.get(symbol)
    if own is None:
        raise _RefusedError(f"the study's price deck has no {symbol} price")
    if study.discount_rate_pct is None:
        raise _RefusedError("the study gives no discount rate")
    if not study.mine_life_years:
        raise _RefusedError("the study gives no mine life")
    unit = read_production_unit(study.production_unit)
    if study.annual_production is None:
        raise _RefusedError("the study gives no annual production")
    if unit is None:
        raise _RefusedError(
            f"production unit '{study.production_unit or ''}' is not a mass (oz, lb, kg, t)"
        )
    factor = per_unit_factor(unit.unit, own.unit)
    if factor is None:
        raise _RefusedError(
            f"production in {unit.unit} does not convert to the {symbol} price unit {own.unit}"
        )
    quantity = study.annual_production * unit.scale * factor
    price_now = convert_price(today, own.currency, own.unit, book, symbol)
    change = (
        (price_now - own.price)
        * quantity
        * (1 - tax_rate_pct(study) / HUNDRED)
        * annuity_factor(study.discount_rate_pct, study.mine_life_years)
    )
    try:
        return book.convert(change, own.currency, study.currency)
    except MissingFxRateError as exc:
        raise _RefusedError(str(exc)) from exc


def npv_at_deck(study: StudyEconomics, deck: Mapping[str, PriceValues], book: FxBook) -> TodayNpv:
    """The study's after-tax NPV with its commodities at ``deck``'s prices."""
    base = study.after_tax_npv
    if base is None:
        return TodayNpv(None, "", "the study gives no after-tax NPV")
    notes: list[str] = []
    total = ZERO
    method = INTERPOLATED
    counted: set[str] = set()
    try:
        for symbol, points in study.sensitivities.items():
            today = deck.get(symbol)
            if today is None:
                raise _RefusedError(f"no price for {symbol} in today's deck")
            change, note = _table_change(study, base, symbol, points, today, book)
            total += change
            counted.add(symbol)
            notes.append(note)
    except _RefusedError as exc:
        return TodayNpv(None, "", str(exc))
    try:
        produced, how = _production_symbol(study)
        if produced not in counted:
            today = deck.get(produced)
            if today is None:
                raise _RefusedError(f"no price for {produced} in today's deck")
            total += _estimate_change(study, produced, today, book)
            counted.add(produced)
            method = ESTIMATE
            notes.append(how)
    except _RefusedError as exc:
        if not counted:
            return TodayNpv(None, "", str(exc))
        notes.append(f"no estimate beside the tables: {exc}")
    left = [symbol for symbol in study.deck if symbol not in counted]
    if left:
        notes.append(
            f"{', '.join(left)} price change{'s' if len(left) > 1 else ''} not counted "
            "(no production or sensitivity of its own in the study)"
        )
    return TodayNpv(base + total, method, "; ".join(note for note in notes if note))


def deck_price_text(price: PriceValues | None) -> str:
    """``4,250.00 USD/oz``, or "" when there is none."""
    return "" if price is None else unit_price(price.price, price.currency, price.unit)
