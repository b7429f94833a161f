"""The detail pane's pages: one function per kind of record, from ``tracker.details`` to HTML."""

from collections.abc import Callable
from decimal import Decimal

from tracker.details import (
    Change,
    CompanyDetail,
    DealTerms,
    EventDetail,
    ProjectDetail,
    StudyDetail,
    StudyStep,
)
from tracker.due import DueStatus, Standing, due_statuses
from tracker.enums import ObligationKind
from tracker.formatting import (
    count,
    discount_rate,
    millions,
    millions_change,
    money,
    per_share,
    percent,
    percent_change,
    points_change,
    unit_price,
)
from tracker.models import DealObligation, Event, Study
from ui.detail.html import (
    MISSING,
    NOWRAP,
    command_link,
    facts,
    figure,
    heading,
    internal_link,
    muted,
    paragraph,
    section,
    source_link,
    table,
    text,
    unbroken,
)


def _change(change: Change, *, money_figure: bool, higher_is_better: bool) -> str:
    """``+50.0 M (+25.0 %)`` for money, ``-1.5 pts`` for rates; green when it is good news."""
    difference = change.difference
    if difference is None:
        return ""
    if difference == 0:
        return muted("no change")
    good = (difference > 0) == higher_is_better
    css = "up" if good else "down"
    if money_figure:
        shown = unbroken(millions_change(difference))
        relative = change.relative_pct
        if relative is not None:
            shown += "<br>" + unbroken(f"({percent_change(relative)})")
        return f'<span class="{css}">{shown}</span>'
    return f'<span class="{css}">{unbroken(points_change(difference))}</span>'


def _study_label(study: Study) -> str:
    day = study.publication_date or study.effective_date
    when = f"<br>{muted(text(day))}" if day else ""
    return internal_link("study", study.id, study.study_type) + when


STUDY_ROWS: list[tuple[str, Callable[[Study], str]]] = [
    ("After-tax NPV", lambda s: figure(millions(s.after_tax_npv, s.currency))),
    ("Discount rate", lambda s: figure(discount_rate(s.discount_rate_pct, _has_npv(s)))),
    ("After-tax IRR", lambda s: figure(percent(s.after_tax_irr_pct))),
    ("Initial capex", lambda s: figure(millions(s.initial_capex, s.currency))),
    ("Sustaining capex", lambda s: figure(millions(s.sustaining_capex, s.currency))),
    ("Pre-tax NPV", lambda s: figure(millions(s.pre_tax_npv, s.currency))),
    ("AISC", lambda s: figure(unit_price(s.aisc, s.currency, s.cost_unit))),
    ("Mine life", lambda s: _with_unit(s.mine_life_years, "years")),
    ("Payback", lambda s: _with_unit(s.payback_years, "years")),
]


def _has_npv(study: Study) -> bool:
    return study.after_tax_npv is not None or study.pre_tax_npv is not None


def _with_unit(value: Decimal | None, unit: str) -> str:
    """A plain quantity with its unit (``25 years``, ``0.19 %``)."""
    if value is None:
        return MISSING
    return unbroken(f"{count(value)} {unit}".rstrip())


def _step_cell(step: StudyStep, label: str) -> str:
    """The change cell of one row between two studies (money only in the same currency)."""
    if label == "After-tax NPV" and step.same_currency:
        if step.npv_note:
            return muted(unbroken("not comparable"))
        return _change(step.after_tax_npv, money_figure=True, higher_is_better=True)
    if label == "After-tax IRR":
        return _change(step.after_tax_irr_pct, money_figure=False, higher_is_better=True)
    if label == "Initial capex" and step.same_currency:
        return _change(step.initial_capex, money_figure=True, higher_is_better=False)
    return ""


def studies_side_by_side(studies: list[Study], steps: list[StudyStep]) -> str:
    """Studies as columns, oldest first, with a change column between each pair."""
    if not studies:
        return ""
    header = ["<th></th>"]
    for position, study in enumerate(studies):
        if position:
            header.append(f'<th class="change">{muted("change")}</th>')
        header.append(f"<th align='right'>{_study_label(study)}</th>")
    rows = []
    for label, cell in STUDY_ROWS:
        values = [cell(study) for study in studies]
        if all(value == MISSING for value in values):
            continue
        row = [f'<td class="label" style="{NOWRAP}">{text(label)}</td>']
        for position, value in enumerate(values):
            if position:
                change = _step_cell(steps[position - 1], label)
                row.append(f'<td align="right" class="change" style="{NOWRAP}">{change}</td>')
            row.append(f'<td align="right" style="{NOWRAP}">{value}</td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    notes = [f"{step.npv_note}." for step in steps if step.npv_note and step.same_currency]
    if any(not step.same_currency for step in steps):
        notes.append("Changes are not shown between studies in different currencies.")
    note = muted("<br>".join(text(n) for n in notes)) if notes else ""
    return (
        '<table class="grid" cellspacing="0" cellpadding="4"><tr>'
        + "".join(header)
        + "</tr>"
        + "".join(rows)
        + "</table>"
        + note
    )


def _standing(status: DueStatus) -> str:
    """The obligation's standing as the lists say it: overdue in red, the next one in amber."""
    css = {Standing.OVERDUE: "overdue", Standing.NEXT: "due"}.get(status.standing, "")
    return f'<span class="{css}">{unbroken(status.label)}</span>' if css else text(status.label)


def _amount(obligation: DealObligation) -> str:
    """``CAD 100,000.00`` or ``1,500,000 shares``."""
    if obligation.kind == ObligationKind.SHARES.value:
        return figure(f"{count(obligation.amount)} shares")
    return figure(money(obligation.amount, obligation.currency))


def _obligation_rows(terms: DealTerms) -> list[list[str]]:
    rows = []
    for obligation, status in zip(terms.obligations, terms.statuses, strict=True):
        css = {Standing.OVERDUE: "overdue", Standing.NEXT: "due"}.get(status.standing, "")
        rows.append(
            [
                f'<span class="{css}">{text(obligation.due_date)}</span>',
                text(obligation.kind),
                _amount(obligation),
                text(obligation.description),
                _standing(status),
            ]
        )
    return rows


def _what(obligation: DealObligation) -> str:
    what = f"{_amount(obligation)} {text(obligation.kind)}"
    if obligation.description:
        what += f" — {text(obligation.description)}"
    return what


def _next_due(terms: DealTerms) -> str:
    """Overdue obligations first (in red), then the next one (in amber)."""
    lines = [
        f'<p><span class="overdue">Overdue since {text(o.due_date)} '
        f"({(terms.today - o.due_date).days} d):</span> {_what(o)}</p>"
        for o in terms.overdue
        if o.due_date is not None
    ]
    due = terms.next_due
    if due is not None:
        lines.append(f'<p><span class="due">Next due {text(due.due_date)}:</span> {_what(due)}</p>')
    elif not lines and any(not o.met for o in terms.obligations):
        return muted("Undated obligations remain.")
    return "".join(lines)


def deal_summary(terms: DealTerms, *, with_project: bool) -> str:
    deal = terms.deal
    parties = []
    if terms.acquirer:
        parties.append(internal_link("company", deal.acquirer_id, terms.acquirer))
    if terms.counterparty:
        parties.append(internal_link("company", deal.counterparty_id, terms.counterparty))
    line = [text(deal.deal_type), text(deal.status)]
    if deal.interest_pct is not None:
        line.append(figure(percent(deal.interest_pct)))
    if parties:
        line.append(" ↔ ".join(parties))
    if with_project and terms.project:
        line.append(internal_link("project", deal.project_id, terms.project))
    head = (
        f"<p><b>{internal_link('deal', deal.id, deal.title)}</b><br>{muted(' · '.join(line))}</p>"
    )
    obligations = table(
        ["Due", "Kind", "Amount", "What", ""],
        _obligation_rows(terms),
        numeric=[2],
    )
    return head + _next_due(terms) + obligations


def _event_rows(events: list[Event]) -> list[list[str]]:
    return [
        [
            text(event.event_date),
            text(event.kind),
            internal_link("event", event.id, event.title),
            source_link(event.source, "source") if event.source else "",
        ]
        for event in events
    ]


def project_page(detail: ProjectDetail) -> str:
    project = detail.project
    subtitle = " · ".join(text(v) for v in (project.stage, project.status, project.country) if v)
    owners = ", ".join(
        internal_link("company", owner.company_id, owner.name)
        + f" {figure(percent(owner.interest_pct))}"
        + (muted(" (operator)") if owner.is_operator else "")
        for owner in detail.owners
    )
    place = ", ".join(text(v) for v in (project.district, project.region, project.country) if v)
    if project.latitude is not None and project.longitude is not None:
        place += muted(f" ({text(project.latitude)}, {text(project.longitude)})")
    commodities = ", ".join(
        f"<b>{text(symbol)}</b> {muted('(primary)')}" if rank == 0 else text(symbol)
        for rank, symbol in enumerate(detail.commodities)
    )
    stages = "<br>".join(
        f"{text(stage.effective_date)} {text(stage.stage)}"
        + (muted(f" — {text(stage.note)}") if stage.note else "")
        for stage in reversed(detail.stages)
    )
    overview = facts(
        [
            ("Owners", owners),
            ("Location", place),
            ("Commodities", commodities),
            ("Stage", stages or text(project.stage)),
            ("Tags", text(", ".join(detail.tags)) if detail.tags else ""),
        ]
    )
    resources = _resources(detail)
    deals = "".join(deal_summary(terms, with_project=False) for terms in detail.deals)
    events = table(["Date", "Kind", "Event", ""], _event_rows(list(reversed(detail.events))))
    sources = _sources(detail)
    return (
        heading(text(project.name), subtitle)
        + section("Overview", overview)
        + section("Studies", studies_side_by_side(detail.studies, detail.steps))
        + section("Resources and reserves", resources)
        + section("Deals", deals)
        + section("Events", events)
        + section("Notes", paragraph(project.notes))
        + section("Sources", sources)
    )


def _resources(detail: ProjectDetail) -> str:
    """The resource table, each line with edit and delete links, and a link to add one."""
    studies = {study.id: study for study in detail.studies}
    rows = []
    for line in detail.resources:
        study = studies.get(line.study_id) if line.study_id is not None else None
        rows.append(
            [
                text(line.category),
                text(detail.symbols.get(line.commodity_id) if line.commodity_id else None),
                text(line.tonnes),
                _with_unit(line.grade, line.grade_unit or ""),
                _with_unit(line.contained, line.contained_unit or ""),
                text(line.effective_date),
                internal_link("study", study.id, study.study_type) if study else MISSING,
                command_link("edit", "resource", line.id, "edit")
                + "&nbsp;·&nbsp;"
                + command_link("delete", "resource", line.id, "delete"),
            ]
        )
    grid = table(
        ["Category", "Commodity", "Tonnes", "Grade", "Contained", "Effective", "Study", ""],
        rows,
        numeric=[2, 3, 4],
    )
    add = command_link("add", "resource", detail.project.id, "Add resource line")
    return grid + f"<p>{add}</p>"


def _sources(detail: ProjectDetail) -> str:
    links = []
    if detail.project.source:
        links.append(("Project", detail.project.source))
    links.extend((f"Stage {stage.stage}", stage.source) for stage in detail.stages if stage.source)
    links.extend((study.title, study.source) for study in detail.studies if study.source)
    links.extend(
        (terms.deal.title, terms.deal.source) for terms in detail.deals if terms.deal.source
    )
    items = [f"{text(label)}: {source_link(source)}" for label, source in links if source]
    return "<br>".join(items)


def company_page(detail: CompanyDetail) -> str:
    company = detail.company
    holding_rows = [
        [
            text(line.holding.shares),
            figure(per_share(line.holding.average_cost, line.holding.currency)),
            figure(money(line.cost_basis, line.holding.currency)),
            text(line.holding.opened_date),
        ]
        for line in detail.holdings
    ]
    held = ""
    if detail.held_pct is not None:
        held = f"<p>{muted('Share of the company held:')} {figure(percent(detail.held_pct))}</p>"
    interests = table(
        ["Project", "Interest", "Stage", "Country"],
        [
            [
                internal_link("project", i.project_id, i.project)
                + (muted(" (operator)") if i.is_operator else ""),
                figure(percent(i.interest_pct)),
                text(i.stage),
                text(i.country),
            ]
            for i in detail.interests
        ],
        numeric=[1],
    )
    return (
        heading(text(company.name), text(", ".join(detail.listings)) if detail.listings else "")
        + section(
            "Overview",
            facts(
                [
                    ("Listings", text(", ".join(detail.listings)) if detail.listings else ""),
                    ("Website", source_link(company.website)),
                    ("Reports in", text(company.reporting_currency)),
                    ("Shares outstanding", text(company.shares_outstanding)),
                    ("Counted on", text(company.shares_outstanding_date)),
                ]
            ),
        )
        + section("Projects (attributable interest)", interests)
        + section("Deals", "".join(deal_summary(t, with_project=True) for t in detail.deals))
        + section(
            "Holding",
            table(["Shares", "Average cost", "Cost basis", "Opened"], holding_rows, [0, 1, 2])
            + held,
        )
        + section("Events", table(["Date", "Kind", "Event", ""], _event_rows(detail.events)))
        + section("Notes", paragraph(company.notes))
        + section("Source", source_link(company.source) if company.source else "")
    )


def deal_page(terms: DealTerms) -> str:
    deal = terms.deal
    history = table(
        ["Date", "Status", "Note"],
        [[text(c.changed_on), text(c.status), text(c.note)] for c in terms.history],
    )
    step_statuses = due_statuses([(s.due_date, s.earned) for s in terms.steps], terms.today)
    steps = table(
        ["Step", "Interest", "Due", "What", ""],
        [
            [
                text(step.seq),
                figure(percent(step.interest_pct)),
                text(step.due_date),
                text(step.description),
                "✓ earned" if step.earned else _standing(status),
            ]
            for step, status in zip(terms.steps, step_statuses, strict=True)
        ],
        numeric=[1],
    )
    return (
        heading(text(deal.title), f"{text(deal.deal_type)} · {text(deal.status)}")
        + section(
            "Overview",
            facts(
                [
                    ("Project", internal_link("project", deal.project_id, terms.project)),
                    ("Acquirer", internal_link("company", deal.acquirer_id, terms.acquirer)),
                    (
                        "Counterparty",
                        internal_link("company", deal.counterparty_id, terms.counterparty),
                    ),
                    ("Interest", figure(percent(deal.interest_pct))),
                    (
                        "Consideration",
                        figure(money(deal.consideration, deal.consideration_currency)),
                    ),
                    ("Announced", text(deal.announced_date)),
                    ("Expected close", text(deal.expected_close_date)),
                    ("Closed", text(deal.closed_date)),
                ]
            ),
        )
        + section("Obligations", _next_due(terms) + deal_summary_obligations(terms))
        + section("Earn-in steps", steps)
        + section("Status history", history)
        + section("Notes", paragraph(deal.notes))
        + section("Source", source_link(deal.source) if deal.source else "")
    )


def deal_summary_obligations(terms: DealTerms) -> str:
    return table(
        ["Due", "Kind", "Amount", "What", ""],
        _obligation_rows(terms),
        numeric=[2],
    )


def study_page(detail: StudyDetail) -> str:
    study = detail.study
    figures = [(label, cell(study)) for label, cell in STUDY_ROWS]
    previous = ""
    if detail.previous is not None:
        step = detail.previous
        previous = studies_side_by_side([step.from_study, step.to_study], [step])
    prices = table(
        ["Commodity", "Price"],
        [
            [text(p.commodity), figure(unit_price(p.price, p.currency, p.unit))]
            for p in detail.prices
        ],
        numeric=[1],
    )
    return (
        heading(
            text(study.title),
            text(study.study_type)
            + " · "
            + internal_link("project", study.project_id, detail.project),
        )
        + section(
            "Overview",
            facts(
                [
                    ("Published", text(study.publication_date)),
                    ("Effective", text(study.effective_date)),
                    ("Code", text(study.reporting_code)),
                    ("Qualified person", text(study.qualified_person)),
                    ("Currency", text(study.currency)),
                ]
            ),
        )
        + section("Economics", facts(figures))
        + section("Change from the previous study", previous)
        + section("Price deck", prices)
        + section("Notes", paragraph(study.notes))
        + section("Source", source_link(study.source) if study.source else "")
    )


def event_page(detail: EventDetail) -> str:
    event = detail.event
    return (
        heading(text(event.title), f"{text(event.event_date)} · {text(event.kind)}")
        + facts(
            [
                ("Project", internal_link("project", event.project_id, detail.project)),
                ("Company", internal_link("company", event.company_id, detail.company)),
                ("Commodities", text(", ".join(detail.commodities)) if detail.commodities else ""),
                ("Source", source_link(event.source)),
            ]
        )
        + paragraph(event.description)
    )
