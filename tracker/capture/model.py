"""What reading a news release gives: figures with the place in the text they were read from.

Every figure keeps two spans of the release's plain text: the words of the figure itself (to
highlight them) and the sentence around it (to show and to keep as the figure's source). A
reading that could go two ways is not a figure but an :class:`Ambiguity`, left for the person.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

#: The kinds of release, as ``Capture.kind`` and the JSON ``kind`` give them.
KINDS = ("study", "deal", "drill", "resource", "other")

Value = Decimal | str | int | date


@dataclass(frozen=True)
class Span:
    """Characters ``start`` to ``end`` (exclusive) of ``Capture.text``."""

    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """One value read from the text: ``key`` is its JSON key (``npv``, ``irr``, ``cash`` ...)."""

    key: str
    value: Value
    span: Span
    sentence: Span


@dataclass(frozen=True)
class Ambiguity:
    """A figure that was seen but not taken, because the text allows two readings."""

    key: str
    reason: str
    sentence: Span


@dataclass
class Case:
    """A set of study figures read together: the base case, or a spot / alternative case.

    ``figures`` maps a JSON key (``npv``, ``npv_currency``, ``irr`` ...) to its figure;
    ``prices`` holds the price deck, each a dict-like group of ``commodity``, ``price`` and
    ``unit`` figures.
    """

    label: str = "base"
    figures: dict[str, Figure] = field(default_factory=dict)
    prices: list[dict[str, Figure]] = field(default_factory=list)


@dataclass
class Capture:
    """Everything read from one release.

    ``figures`` holds the top-level keys (common, study base case and deal keys) exactly as the
    ``capture --json`` object names them; ``alt_cases`` the study's other cases; ``prices`` the
    base case's price deck; ``holes`` the drill intercepts, each a group of figures keyed
    ``hole``, ``from_m``, ``to_m``, ``interval_m``, ``grade``, ``grade_unit`` and, for an
    "including" interval, ``including`` naming the hole it lies in; ``obligations`` the deal's
    payments and commitments, each keyed ``kind`` ("cash", "shares" or "work"), ``amount``,
    ``currency`` and, where stated, ``due`` (a date) or ``due_text``; ``steps`` the staged
    interests of an earn-in, each keyed ``interest_pct`` and optionally ``due_text``;
    ``details`` the figures the JSON object does not carry but a form can use: ``throughput``
    (with ``throughput_unit``), ``annual_production`` (with ``production_unit``), ``cash_cost``
    (with ``cash_cost_unit``), a deal's ``nsr_pct`` and a stream's ``deposit`` (with
    ``deposit_currency``).
    """

    text: str
    source: str
    kind: str = "other"
    title: str | None = None
    release_date: date | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    prices: list[dict[str, Figure]] = field(default_factory=list)
    alt_cases: list[Case] = field(default_factory=list)
    holes: list[dict[str, Figure]] = field(default_factory=list)
    obligations: list[dict[str, Figure]] = field(default_factory=list)
    steps: list[dict[str, Figure]] = field(default_factory=list)
    details: dict[str, Figure] = field(default_factory=dict)
    ambiguities: list[Ambiguity] = field(default_factory=list)
