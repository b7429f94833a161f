"""Deals and dated events around generated projects, plus market-wide events."""

import random
from datetime import date
from decimal import Decimal

from bench.batch import Batch
from bench.names import REGIONS
from bench.projects import ProjectInfo
from bench.values import LAST_DAY, Weighted, between, days_after, decimal, one_of
from bench.world import CompanyInfo
from tracker.enums import DealStatus, DealType, EventKind, ObligationKind

_DEAL_TYPES = {
    DealType.OPTION_EARN_IN: (30, "options"),
    DealType.JOINT_VENTURE: (12, "forms a joint venture on"),
    DealType.ACQUISITION: (20, "acquires"),
    DealType.LOI: (8, "signs an LOI for"),
    DealType.ROYALTY: (10, "buys a royalty on"),
    DealType.STREAM: (5, "signs a stream on"),
    DealType.PRIVATE_PLACEMENT: (8, "invests in the owner of"),
    DealType.OFFTAKE: (4, "agrees an offtake from"),
    DealType.MERGER: (3, "merges around"),
}
_DEAL_TYPE_PICKER = Weighted({deal_type: weight for deal_type, (weight, _) in _DEAL_TYPES.items()})
#: The path a deal walks; it may stop anywhere, and may be terminated instead of closed.
_PATH = (DealStatus.PROPOSED, DealStatus.LOI_SIGNED, DealStatus.DEFINITIVE, DealStatus.CLOSED)
#: Event kinds by value: the enum's ``.value`` lookup costs more than the rest of an event.
_EVENT_KINDS = Weighted(
    {
        EventKind.DRILL_RESULT.value: 30,
        EventKind.NEWS.value: 18,
        EventKind.FINANCING.value: 14,
        EventKind.CORPORATE.value: 10,
        EventKind.RESOURCE_UPDATE.value: 8,
        EventKind.PERMIT.value: 7,
        EventKind.STUDY.value: 5,
        EventKind.OTHER.value: 8,
    }
)
_OBLIGATION_KINDS = list(ObligationKind)
_COMPANY_KINDS = frozenset({EventKind.FINANCING.value, EventKind.CORPORATE.value})
_TITLES = {
    EventKind.PERMIT.value: "drilling permit granted",
    EventKind.STUDY.value: "study under way",
    EventKind.NEWS.value: "news release",
    EventKind.CORPORATE.value: "corporate update",
    EventKind.OTHER.value: "project update",
}
_POLICY_TOPICS = (
    "raises the mining royalty rate",
    "adds critical minerals to its strategic list",
    "restricts exports of concentrate",
    "fast-tracks permitting for critical minerals",
    "announces a new mining code",
    "extends the flow-through share credit",
)


def add_deals(
    batch: Batch, rng: random.Random, project: ProjectInfo, companies: list[CompanyInfo]
) -> None:
    """About 0.3 deals per project, each with its status history and 0-3 obligations."""
    draw = rng.random()
    count = 2 if draw < 0.04 else 1 if draw < 0.28 else 0
    if len(companies) < 2:
        return
    for _ in range(count):
        counterparty = project.operator
        acquirer = one_of(rng, companies)
        while acquirer is counterparty:
            acquirer = one_of(rng, companies)
        deal_type = _DEAL_TYPE_PICKER.pick(rng)
        history = _status_history(rng, days_after(rng, project.started, 30, 2500))
        final = history[-1][0] in (DealStatus.CLOSED, DealStatus.TERMINATED)
        deal_id = batch.add(
            "deal",
            {
                "title": f"{acquirer.name} {_DEAL_TYPES[deal_type][1]} {project.name}",
                "deal_type": deal_type.value,
                "status": history[-1][0].value,
                "project_id": project.id,
                "acquirer_id": acquirer.id,
                "counterparty_id": counterparty.id,
                "interest_pct": _deal_interest(rng, deal_type),
                "announced_date": history[0][1],
                "expected_close_date": None if final else days_after(rng, history[-1][1], 30, 365),
                "closed_date": history[-1][1] if final else None,
            },
        )
        for status, day in history:
            batch.add(
                "deal_status_change",
                {"deal_id": deal_id, "status": status.value, "changed_on": day},
            )
        for _ in range(one_of(rng, (0, 1, 1, 2, 3))):
            _add_obligation(batch, rng, deal_id, history[0][1], acquirer.currency)


def _status_history(rng: random.Random, announced: date) -> list[tuple[DealStatus, date]]:
    """Consecutive statuses on increasing dates, starting at proposal or a signed LOI."""
    start = one_of(rng, (0, 0, 1))
    end = rng.randint(start, len(_PATH) - 1)
    statuses = list(_PATH[start : end + 1])
    if statuses[-1] is not DealStatus.CLOSED and rng.random() < 0.2:
        statuses.append(DealStatus.TERMINATED)
    history = []
    day = min(announced, LAST_DAY)
    for status in statuses:
        history.append((status, day))
        day = days_after(rng, day, 10, 200)
    return [(status, day) for status, day in history if day <= LAST_DAY]


def _deal_interest(rng: random.Random, deal_type: DealType) -> Decimal | None:
    if deal_type is DealType.OPTION_EARN_IN:
        return decimal(one_of(rng, (51, 60, 70, 75, 80)), 0)
    if deal_type is DealType.JOINT_VENTURE:
        return decimal(one_of(rng, (20, 25, 30, 40, 49, 50)), 0)
    if deal_type in (DealType.ACQUISITION, DealType.LOI):
        return decimal(one_of(rng, (100, 100, 100, 80, 51)), 0)
    return None


def _add_obligation(
    batch: Batch, rng: random.Random, deal_id: int, announced: date, currency: str
) -> None:
    kind = one_of(rng, _OBLIGATION_KINDS)
    if kind is ObligationKind.SHARES:
        amount, currency_code = decimal(rng.randint(1, 200) * 50_000, 0), None
    else:
        amount, currency_code = decimal(rng.randint(1, 400) * 25_000, 0), currency
    due = days_after(rng, announced, 90, 1500)
    batch.add(
        "deal_obligation",
        {
            "deal_id": deal_id,
            "kind": kind.value,
            "amount": amount,
            "currency": currency_code,
            "due_date": due,
            "met": due <= LAST_DAY and rng.random() < 0.8,
        },
    )


def add_project_events(batch: Batch, rng: random.Random, project: ProjectInfo) -> None:
    """5-15 dated events; financing and corporate news also name the operator."""
    span = max((LAST_DAY - project.started).days, 1)
    started = project.started.toordinal()
    for _ in range(between(rng, 5, 15)):
        kind = _EVENT_KINDS.pick(rng)
        batch.add(
            "event",
            {
                "event_date": date.fromordinal(started + int(rng.random() * span)),
                "kind": kind,
                "title": _event_title(rng, kind, project.name),
                "project_id": project.id,
                "company_id": project.operator.id if kind in _COMPANY_KINDS else None,
            },
        )


def _event_title(rng: random.Random, kind: str, name: str) -> str:
    fixed = _TITLES.get(kind)
    if fixed is not None:
        return f"{name}: {fixed}"
    if kind == EventKind.DRILL_RESULT:
        return f"{name}: {between(rng, 5, 250)} m at {0.2 + rng.random() * 12:.2f} g/t"
    if kind == EventKind.FINANCING:
        return f"{name}: ${between(rng, 2, 80)} M placement"
    return f"{name}: resource grows {between(rng, 5, 120)} %"


def add_global_events(
    batch: Batch, rng: random.Random, count: int, commodity_ids: list[int]
) -> None:
    """Policy news tied to no project or company, each touching one or two commodities."""
    countries = sorted({region.country for region in REGIONS})
    first = date(2010, 1, 1)
    for _ in range(count):
        event_id = batch.add(
            "event",
            {
                "event_date": days_after(rng, first, 0, (LAST_DAY - first).days),
                "kind": EventKind.POLICY.value,
                "title": f"{one_of(rng, countries)} {one_of(rng, _POLICY_TOPICS)}",
                "project_id": None,
                "company_id": None,
            },
        )
        for commodity_id in rng.sample(commodity_ids, min(rng.randint(1, 2), len(commodity_ids))):
            batch.add("event_commodity", {"event_id": event_id, "commodity_id": commodity_id})
