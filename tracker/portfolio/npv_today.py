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

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

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


class StudyEconomics(NamedTuple):
    """What of a study the NPV at today's deck is worked from (a tuple: screens make 100,000)."""

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
    deck: Mapping[str, PriceValues] = MappingProxyType({})
    sensitivities: Mapping[str, Sequence[SensitivityPoint]] = MappingProxyType({})


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


def _in_units(price: PriceValues, currency: str, unit: str, book: FxBook, symbol: str) -> Decimal:
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


class DeckPricer:
    """Today's deck with each price converted once per currency and unit it is asked in: a
    screen of 100,000 studies asks for a handful of conversions many times over."""

    def __init__(self, deck: Mapping[str, PriceValues], book: FxBook) -> None:
        self.deck, self.book = deck, book
        self._converted: dict[tuple[str, str, str], Decimal | str] = {}

    def price(self, symbol: str, currency: str, unit: str) -> Decimal:
        """Today's ``symbol`` price in ``currency`` per ``unit``; refused with the reason."""
        known = self.converted((symbol, currency, unit))
        if isinstance(known, str):
            raise _RefusedError(known)
        return known

    def converted(self, key: tuple[str, str, str]) -> Decimal | str:
        """``price`` of ``key`` (symbol, currency, unit), or the reason there is none."""
        known = self._converted.get(key)
        if known is None:
            symbol, currency, unit = key
            try:
                known = _in_units(self.deck[symbol], currency, unit, self.book, symbol)
            except _RefusedError as exc:
                known = str(exc)
            self._converted[key] = known
        return known


def _sorted_points(points: Sequence[tuple[Decimal, Decimal]]) -> list[tuple[Decimal, Decimal]]:
    return sorted(dict(points).items())


def interpolate(points: Sequence[tuple[Decimal, Decimal]], at: Decimal) -> tuple[Decimal, str]:
    """The value at ``at`` on straight lines through ``points`` (price, NPV), and a note when
    it was carried past an end; refused further than ``EXTRAPOLATION_PCT`` % past it."""
    return _on_lines(_sorted_points(points), at)


def _on_lines(ordered: Sequence[tuple[Decimal, Decimal]], at: Decimal) -> tuple[Decimal, str]:
    """``interpolate`` on points already in price order, without repeats."""
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


class _TableTerm(NamedTuple):
    """One commodity's sensitivity table, made ready for any deck: in the study's currency and
    unit for that commodity, sorted, with the NPV it starts from (or why it cannot be used)."""

    symbol: str
    currency: str = ""
    unit: str = ""
    table: tuple[tuple[Decimal, Decimal], ...] = ()
    start: Decimal | None = None
    refused: str = ""

    def change(self, pricer: DeckPricer) -> tuple[Decimal, str]:
        if self.refused:
            raise _RefusedError(self.refused)
        at = pricer.price(self.symbol, self.currency, self.unit)
        value, note = _on_lines(self.table, at)
        assert self.start is not None  # a table of two points or more has its start
        return value - self.start, f"{self.symbol}: {note}" if note else ""


def _table_term(
    study: StudyEconomics, base: Decimal, symbol: str, points: Sequence[SensitivityPoint],
    book: FxBook,
) -> _TableTerm:  # fmt: skip
    own = study.deck.get(symbol)
    priced = next((p for p in points if p.price is not None), None)
    in_percent = f"the {symbol} sensitivity is in % but the study's deck has no {symbol} price"
    if own is not None:
        currency, unit = own.currency, own.unit
    elif priced is not None and priced.currency and priced.unit:
        currency, unit = priced.currency, priced.unit
    else:
        return _TableTerm(symbol, refused=in_percent)
    table: list[tuple[Decimal, Decimal]] = []
    try:
        for point in points:
            if point.price is not None:
                values = PriceValues(point.price, point.currency or currency, point.unit or unit)
                table.append((_in_units(values, currency, unit, book, symbol), point.after_tax_npv))
            elif point.change_pct is not None:
                if own is None:
                    return _TableTerm(symbol, refused=in_percent)
                table.append((own.price * (1 + point.change_pct / HUNDRED), point.after_tax_npv))
    except _RefusedError as exc:
        return _TableTerm(symbol, refused=str(exc))
    if own is not None and own.price not in dict(table):
        table.append((own.price, base))
    ordered = tuple(_sorted_points(table))
    if len(ordered) < 2:
        return _TableTerm(symbol, currency, unit, ordered)
    start = _on_lines(ordered, own.price)[0] if own is not None else base
    return _TableTerm(symbol, currency, unit, ordered, start)


class _EstimateTerm(NamedTuple):
    """The first-order estimate's factors for the produced commodity, or why there is none
    (``refused`` before today's price is looked at, ``unconverted`` after it)."""

    symbol: str
    how: str = ""
    price: PriceValues | None = None
    quantity: Decimal = ZERO
    after_tax: Decimal = ZERO
    annuity: Decimal = ZERO
    rate: Decimal | None = None
    refused: str = ""
    unconverted: str = ""
    #: Today's price is asked for in the study's currency and unit: (symbol, currency, unit).
    key: tuple[str, str, str] = ("", "", "")

    def change(self, pricer: DeckPricer) -> Decimal:
        if self.refused:
            raise _RefusedError(self.refused)
        own = self.price
        assert own is not None  # an estimate that was not refused has the study's price
        price_now = pricer.price(self.symbol, own.currency, own.unit)
        change = (price_now - own.price) * self.quantity * self.after_tax * self.annuity
        if self.unconverted:
            raise _RefusedError(self.unconverted)
        return change if self.rate is None else change * self.rate


def _estimate_term(study: StudyEconomics, symbol: str, how: str, book: FxBook) -> _EstimateTerm:
    def refused(reason: str) -> _EstimateTerm:
        return _EstimateTerm(symbol, how, refused=reason)

    own = study.deck.get(symbol)
    if own is None:
        return refused(f"the study's price deck has no {symbol} price")
    if study.discount_rate_pct is None:
        return refused("the study gives no discount rate")
    if not study.mine_life_years:
        return refused("the study gives no mine life")
    unit = read_production_unit(study.production_unit)
    if study.annual_production is None:
        return refused("the study gives no annual production")
    if unit is None:
        return refused(
            f"production unit '{study.production_unit or ''}' is not a mass (oz, lb, kg, t)"
        )
    factor = per_unit_factor(unit.unit, own.unit)
    if factor is None:
        return refused(
            f"production in {unit.unit} does not convert to the {symbol} price unit {own.unit}"
        )
    rate: Decimal | None = None
    unconverted = ""
    if own.currency != study.currency:
        try:
            rate = book.rate(own.currency, study.currency)
        except MissingFxRateError as exc:
            unconverted = str(exc)
    return _EstimateTerm(
        symbol,
        how,
        own,
        study.annual_production * unit.scale * factor,
        1 - tax_rate_pct(study) / HUNDRED,
        annuity_factor(study.discount_rate_pct, study.mine_life_years),
        rate,
        unconverted=unconverted,
        key=(symbol, own.currency, own.unit),
    )


class DeckResponse(NamedTuple):
    """How one study's after-tax NPV answers today's prices, worked out once for an FX book
    so that a screen re-reads only the deck when the deck changes (``at``)."""

    base: Decimal | None
    tables: tuple[_TableTerm, ...]
    #: The first-order estimate for the produced commodity when no table covers it.
    estimate: _EstimateTerm | None
    #: Why the produced commodity could not be told (the project has no commodity).
    unproduced: str
    deck_symbols: tuple[str, ...]
    #: The note of an estimate without tables (most studies), worked out once.
    estimate_note: str = ""

    def at(self, pricer: DeckPricer) -> TodayNpv:
        """The NPV at ``pricer``'s deck, or None and why."""
        base = self.base
        if base is None:
            return TodayNpv(None, "", "the study gives no after-tax NPV")
        deck = pricer.deck
        estimate = self.estimate
        if not self.tables and estimate is not None:
            # The commonest case: the general one below (and ``_EstimateTerm.change``) without
            # their bookkeeping, in the same order and with the same arithmetic.
            if deck.get(estimate.symbol) is None:
                return TodayNpv(None, "", f"no price for {estimate.symbol} in today's deck")
            if estimate.refused:
                return TodayNpv(None, "", estimate.refused)
            now = pricer.converted(estimate.key)
            if isinstance(now, str):
                return TodayNpv(None, "", now)
            if estimate.unconverted:
                return TodayNpv(None, "", estimate.unconverted)
            assert estimate.price is not None  # an estimate that was not refused has it
            change = (
                (now - estimate.price.price) * estimate.quantity * estimate.after_tax
            ) * estimate.annuity
            if estimate.rate is not None:
                change = change * estimate.rate
            return TodayNpv(base + change, ESTIMATE, self.estimate_note)
        notes: list[str] = []
        total = ZERO
        method = INTERPOLATED
        counted: set[str] = set()
        try:
            for term in self.tables:
                if deck.get(term.symbol) is None:
                    raise _RefusedError(f"no price for {term.symbol} in today's deck")
                change, note = term.change(pricer)
                total += change
                counted.add(term.symbol)
                notes.append(note)
        except _RefusedError as exc:
            return TodayNpv(None, "", str(exc))
        try:
            if self.unproduced:
                raise _RefusedError(self.unproduced)
            if estimate is not None:
                if deck.get(estimate.symbol) is None:
                    raise _RefusedError(f"no price for {estimate.symbol} in today's deck")
                total += estimate.change(pricer)
                counted.add(estimate.symbol)
                method = ESTIMATE
                notes.append(estimate.how)
        except _RefusedError as exc:
            if not counted:
                return TodayNpv(None, "", str(exc))
            notes.append(f"no estimate beside the tables: {exc}")
        notes.append(_uncounted(self.deck_symbols, counted))
        return TodayNpv(base + total, method, "; ".join(note for note in notes if note))


def _uncounted(deck_symbols: Sequence[str], counted: Collection[str]) -> str:
    """The note on the deck's commodities whose price change is left out, or ""."""
    left = [symbol for symbol in deck_symbols if symbol not in counted]
    if not left:
        return ""
    return (
        f"{', '.join(left)} price change{'s' if len(left) > 1 else ''} not counted "
        "(no production or sensitivity of its own in the study)"
    )


def deck_response(study: StudyEconomics, book: FxBook) -> DeckResponse:
    """What of ``study`` its NPV at any deck is worked from, with ``book``'s rates."""
    base = study.after_tax_npv
    deck_symbols = tuple(study.deck)
    if base is None:
        return DeckResponse(None, (), None, "", deck_symbols)
    tables = tuple(
        _table_term(study, base, symbol, points, book)
        for symbol, points in study.sensitivities.items()
    )
    estimate: _EstimateTerm | None = None
    unproduced = ""
    try:
        produced, how = _production_symbol(study)
    except _RefusedError as exc:
        unproduced = str(exc)
    else:
        if produced not in study.sensitivities:
            estimate = _estimate_term(study, produced, how, book)
    note = ""
    if estimate is not None:
        uncounted = _uncounted(deck_symbols, (estimate.symbol,))
        note = "; ".join(part for part in (estimate.how, uncounted) if part)
    return DeckResponse(base, tables, estimate, unproduced, deck_symbols, note)


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


def npv_at_deck(study: StudyEconomics, deck: Mapping[str, PriceValues], book: FxBook) -> TodayNpv:
    """The study's after-tax NPV with its commodities at ``deck``'s prices."""
    return deck_response(study, book).at(DeckPricer(deck, book))
