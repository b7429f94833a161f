"""The headline numbers: the demo carries illustrative prices, the portfolio has a total, an
empty chart says why, and slow waits show progress."""

import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company
from tracker.demo import demo_data, load_demo
from tracker.formatting import money
from tracker.models import Company, Holding, SharePrice
from tracker.portfolio.exposure import Dimension
from tracker.portfolio.fx import FxBook
from tracker.portfolio.ledger import Move, replay
from tracker.portfolio.lookthrough import look_through
from tracker.portfolio.positions import position_rows
from tracker.portfolio.totals import portfolio_total
from tracker.services.holdings import create_holding
from ui.main_window import MainWindow
from ui.portfolio.panel import PortfolioPanel

ON = date(2026, 2, 27)


def demo_value() -> Decimal:
    """What the demo's holdings are worth at its latest illustrative prices, from the file
    itself: each holding's opening shares and its transactions, at the last price listed."""
    data = demo_data()
    prices = {p["company"]: Decimal(p["price"]) for p in data["share_prices"]}

    def number(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    total = Decimal(0)
    for held in data["holdings"]:
        moves = [
            Move(
                0,
                "buy",
                date.fromisoformat(held["opened_date"]),
                number(held["shares"]),
                None,
                None,
            )
        ]
        for n, move in enumerate(held.get("transactions", []), start=1):
            moves.append(
                Move(
                    n,
                    move["kind"],
                    date.fromisoformat(move["trade_date"]),
                    number(move.get("shares")),
                    number(move.get("price")),
                    number(move.get("fees")),
                    number(move.get("split_new")),
                    number(move.get("split_old")),
                )
            )
        total += replay(moves).shares * prices[held["company"]]
    return total


def test_the_demo_prices_every_holding_and_says_the_figures_are_illustrative(
    demo: Engine,
) -> None:
    with Session(demo) as session:
        positions = position_rows(session, ON)
        prices = session.exec(select(SharePrice)).all()
        look = look_through(session, ON)
        counted = session.exec(
            select(Company).where(Company.shares_outstanding.is_not(None))  # type: ignore[union-attr]
        ).all()
    assert positions and all(p.value is not None and p.gain is not None for p in positions)
    assert prices and all("Illustrative" in (p.source or "") for p in prices)
    assert {c.name for c in counted} == {p.company for p in positions}
    assert all("illustrative" in (c.notes or "") for c in counted)
    assert any(row.npv_per_share is not None and row.p_nav is not None for row in look.rows)


def test_the_total_adds_positions_up_in_one_currency_and_names_what_it_leaves_out() -> None:
    from tracker.portfolio.positions import PositionRow

    def position(company: str, currency: str, value: str | None, cost: str) -> PositionRow:
        worth = Decimal(value) if value else None
        return PositionRow(
            1, 1, company, Decimal(1), None, currency, None, Decimal(cost), worth, None,
            worth, None, None, "" if worth else "no share price entered",
        )  # fmt: skip

    book = FxBook(ON, [("USD", "CAD", date(2026, 1, 2), Decimal("1.4"))])
    total = portfolio_total(
        [
            position("A", "CAD", "1000", "800"),
            position("B", "USD", "100", "50"),
            position("C", "CAD", None, "10"),
            position("D", "EUR", "5", "5"),
        ],
        "CAD",
        book,
    )
    assert (total.value, total.cost, total.gain) == (Decimal(1140), Decimal(870), Decimal(270))
    assert total.gain_pct == Decimal(270) / Decimal(870) * 100
    assert total.counted == 2
    assert [text.split(":")[0] for text in total.left_out] == ["C", "D"]


@pytest.mark.gui
def test_the_portfolio_total_shows_on_the_demo(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    main_window.show_page("portfolio")
    page = main_window.portfolio
    qtbot.waitUntil(lambda: page.panel is not None, timeout=15000)
    assert page.panel is not None
    label = page.panel.holdings.total
    qtbot.waitUntil(lambda: label.text().startswith("Portfolio value"), timeout=15000)
    assert label.isVisible()
    assert label.text().startswith(f"Portfolio value CAD {money(demo_value())}")
    assert "gain CAD" in label.text() and "left out" not in label.text()


@pytest.fixture
def bare_panel(qtbot: QtBot, engine: Engine, no_leaks: None) -> Iterator[PortfolioPanel]:
    shown = PortfolioPanel(engine, today=lambda: ON, confirm=lambda _question: True)
    qtbot.addWidget(shown)
    shown.resize(1300, 800)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.gui
def test_exposure_says_why_its_charts_are_empty(
    qtbot: QtBot, engine: Engine, bare_panel: PortfolioPanel
) -> None:
    panel = bare_panel
    bar = panel.tabs.tabBar()
    QTest.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(panel.tabs.indexOf(panel.exposure)).center()
    )
    boxes = panel.exposure.boxes
    qtbot.waitUntil(lambda: boxes[Dimension.COMMODITY].empty.isVisible())
    for box in boxes.values():
        assert box.empty.text() == "No holdings yet: add them in Holdings & prices."
        assert not box.chart.isVisible()
    with Session(engine) as session:
        company_id = add_company(session, "Unpriced Gold Ltd.").id or 0
        create_holding(
            session, Holding(company_id=company_id), Decimal(1000), None, date(2020, 1, 2)
        )
        session.commit()
    panel.refresh()
    wanted = "No holdings with a share price yet: add prices in Holdings & prices."
    qtbot.waitUntil(lambda: boxes[Dimension.STAGE].empty.text() == wanted)
    assert all(box.empty.isVisible() and not box.chart.isVisible() for box in boxes.values())
    with Session(engine) as session:
        session.add(
            SharePrice(company_id=company_id, price_date=ON, price=Decimal("0.5"), currency="CAD")
        )
        session.commit()
    panel.refresh()
    qtbot.waitUntil(lambda: boxes[Dimension.COUNTRY].chart.isVisible())
    assert not any(box.empty.isVisible() for box in boxes.values())


@pytest.mark.gui
def test_a_slow_first_opening_of_the_portfolio_shows_progress(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    page = main_window.portfolio
    released = threading.Event()
    real = page.prepare

    def slow() -> None:
        released.wait(20)
        real()

    page.prepare = slow
    try:
        main_window.show_page("portfolio")
        assert not page.busy.isVisible()  # nothing flashes for a quick wait
        qtbot.waitUntil(page.busy.isVisible, timeout=5000)
        assert page.busy.label.text() == "Opening the portfolio…"
        assert page.panel is None  # the GUI thread is free: the work waits on the database thread
    finally:
        released.set()
    qtbot.waitUntil(lambda: page.panel is not None and not page.busy.isVisible(), timeout=15000)


@pytest.mark.gui
def test_loading_the_demo_shows_progress_when_it_is_slow(
    qtbot: QtBot, engine: Engine, main_window: MainWindow
) -> None:
    window = main_window
    released = threading.Event()

    def slow(session: Session) -> object:
        released.wait(20)
        return load_demo(session)

    window.demo_loader = slow  # type: ignore[assignment]
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)

    def dialogs() -> list[QProgressDialog]:
        found = window.findChildren(QProgressDialog, "busyDialog")
        return [d for d in found if d.isVisible()]

    try:
        QTest.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
        assert dialogs() == []
        qtbot.waitUntil(lambda: len(dialogs()) == 1, timeout=5000)
        assert dialogs()[0].labelText() == "Loading the demo portfolio…"
    finally:
        released.set()
    qtbot.waitUntil(lambda: not dialogs(), timeout=15000)
    projects = window.sections["projects"]
    qtbot.waitUntil(
        lambda: projects.model.rowCount() == len(demo_data()["projects"]), timeout=15000
    )
