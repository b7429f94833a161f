"""One rule for where an obligation stands: met, overdue, next, later or undated, and its label,
the same on the deal and company pages, in Portfolio ▸ Upcoming and on the timeline."""

from datetime import date

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from tracker.due import Standing, due_status, due_statuses, overdue_mask
from tracker.models import Deal, DealObligation
from tracker.portfolio.upcoming import upcoming
from tracker.timeline import describe, load_timeline
from ui.main_window import MainWindow
from ui.theme import html_colors

#: The day of the issue's example: Larkspur's 2026-09-30 payment is then 62 days late.
TODAY = date(2026, 12, 1)
LARKSPUR = "Larkspur LOI to earn 60 % of Silver Spur"


def test_each_standing_and_its_label() -> None:
    items = [
        (date(2026, 9, 30), False),
        (date(2026, 10, 31), True),
        (date(2027, 10, 31), False),
        (date(2027, 4, 30), False),
        (None, False),
        (TODAY, False),
    ]
    statuses = due_statuses(items, TODAY)
    assert [(s.standing, s.label) for s in statuses] == [
        (Standing.OVERDUE, "overdue 62 d"),
        (Standing.MET, "✓ met"),
        (Standing.LATER, "in 334 d"),
        (Standing.LATER, "in 150 d"),
        (Standing.UNDATED, "no date"),
        (Standing.NEXT, "next · due today"),
    ]
    assert due_status(date(2026, 11, 30), False, TODAY).overdue
    assert not due_status(date(2026, 11, 30), True, TODAY).overdue
    mask = overdue_mask(np.array([20_726, 20_726, 20_800]), np.array([False, True, False]), 20_727)
    assert mask.tolist() == [True, False, False]


def larkspur_payment(session: Session) -> DealObligation:
    return session.exec(
        select(DealObligation)
        .join(Deal, Deal.id == DealObligation.deal_id)  # type: ignore[arg-type]
        .where(Deal.title == LARKSPUR, DealObligation.due_date == date(2026, 9, 30))
    ).one()


def test_upcoming_the_timeline_and_its_hover_agree(demo: Engine) -> None:
    with Session(demo) as session:
        payment = larkspur_payment(session)
        items = [
            i
            for i in upcoming(session, TODAY, portfolio_only=False)
            if i.kind == "deal obligation" and i.record_id == payment.id
        ]
        assert [(i.overdue, i.status) for i in items] == [(True, "overdue 62 d")]
        hover = describe(session, "obligation", payment.id or 0, TODAY)
        assert hover.splitlines()[0] == "due 2026-09-30 · CAD 100,000.00 · overdue 62 d"
        marks = load_timeline(session, TODAY).obligations
        flagged = dict(zip(marks.ids.tolist(), marks.flagged.tolist(), strict=True))
        assert flagged[payment.id] is True


def show_row(qtbot: QtBot, window: MainWindow, key: str, column: int, name: str) -> str:
    """Click the row reading ``name`` in ``key``'s list; returns the detail pane's HTML."""
    section = window.show_section(key)
    qtbot.waitUntil(lambda: section.complete, timeout=10000)
    model = section.model
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() == name)
    rect = section.view.visualRect(model.index(row, column))
    QTest.mouseClick(section.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: section.current_id() == model.id_at(row))
    qtbot.waitUntil(lambda: section.detail_ready)  # the page is read off the GUI thread
    return section.detail.toHtml()


def test_deal_and_company_pages_call_a_late_payment_overdue_in_red(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    for key in ("deals", "companies"):
        main_window.sections[key].today = lambda: TODAY
    for key, column, name in (
        ("deals", 1, LARKSPUR),
        ("companies", 0, "Larkspur Critical Metals Corp."),
    ):
        show_row(qtbot, main_window, key, column, name)
        section = main_window.sections[key]
        body = section.detail.body
        text = section.detail.toPlainText()
        assert "overdue 62 d" in text, key
        assert "Overdue since 2026-09-30 (62 d):" in text, key
        assert '<span class="overdue">overdue&nbsp;62&nbsp;d</span>' in body, key
        # The next one is the December fee, not the late payment: that one is not "next".
        assert "Next due 2026-12-15:" in text, key
        assert "Next due 2026-09-30" not in text, key
        down = html_colors(section.detail.palette())["down"]
        assert f".overdue {{ color: {down};" in section.detail.document().defaultStyleSheet()
