"""The Portfolio panel driven as a user would: typing, clicking, choosing, saving."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from sqlmodel import select as sqlmodel_select

from tests.test_portfolio_world import ON, build_world
from tracker.models import FxRate, Holding, HoldingTransaction, SharePrice, Watchlist
from ui.models.row_table import RAW_ROLE
from ui.portfolio.panel import PortfolioPanel

pytestmark = [
    pytest.mark.gui,
    # Typing into a chooser opens its completion popup; the offscreen platform has no window
    # manager to raise it or to hand it the keyboard, and says so. The popup itself works.
    pytest.mark.qt_log_ignore(
        r"This plugin does not support raise\(\)",
        r"This plugin does not support grabbing the keyboard",
    ),
]
D = Decimal


@contextmanager
def shown_panel(
    qtbot: QtBot, engine: Engine, build: Callable[[Session], object] = build_world
) -> Iterator[PortfolioPanel]:
    """The portfolio panel on ``engine`` once ``build`` has filled it, shown and loaded; the
    one opener of every portfolio GUI test."""
    with Session(engine) as session:
        build(session)
    shown = PortfolioPanel(engine, today=lambda: ON, confirm=lambda _question: True)
    qtbot.addWidget(shown)
    shown.resize(1400, 850)
    shown.show()
    qtbot.waitExposed(shown)
    wait(qtbot, shown)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.fixture
def panel(qtbot: QtBot, engine: Engine, no_leaks: None) -> Iterator[PortfolioPanel]:
    with shown_panel(qtbot, engine) as shown:
        yield shown


def wait(qtbot: QtBot, panel: PortfolioPanel) -> None:
    """Until every read and write the panel queued has come back."""
    qtbot.waitUntil(lambda: panel.pending == 0, timeout=10000)


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        rows: int = session.execute(select(func.count()).select_from(model)).scalar_one()
        return rows


def column_texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def show_tab(qtbot: QtBot, panel: PortfolioPanel, view: QWidget) -> None:
    """Choose a tab as a user would (clicking it), then wait for it to load."""
    bar = panel.tabs.tabBar()
    index = panel.tabs.indexOf(view)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    wait(qtbot, panel)


def click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what is there and type over it."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert target is not None
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(target, Qt.Key.Key_Delete)
    QTest.keyClicks(target, text)


def row_of(view: QTableView, text: str) -> int:
    return column_texts(view, 0).index(text)


def test_adding_a_holding_by_typing(qtbot: QtBot, panel: PortfolioPanel, engine: Engine) -> None:
    form = panel.holdings.form
    type_into(qtbot, form.company, "Southern Gold")
    type_into(qtbot, form.shares, "2,000")
    type_into(qtbot, form.average_cost, "3.5")
    type_into(qtbot, form.currency, "cad")
    assert form.currency.text() == "CAD"
    with qtbot.waitSignal(panel.data.changed):
        QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert count(engine, Holding) == 4
    table = panel.holdings.table
    values = [
        table.model().index(row, 7).data()
        for row in range(table.model().rowCount())
        if table.model().index(row, 0).data() == "Southern Gold"
    ]
    assert sorted(values) == ["4,050.00", "8,100.00"]
    assert form.message.text() == "Holding added."


def test_a_number_that_is_not_one_is_marked_at_once_and_nothing_is_written(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    form = panel.holdings.form
    type_into(qtbot, form.shares, "12a")
    assert form.shares.property("invalid") is True
    assert form.shares.toolTip() == "is not a number"
    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert form.message.text().splitlines() == [
        "company (empty): choose a company from the list",
        "shares '12a': is not a number",
    ]
    assert form.company.property("invalid") is True
    assert count(engine, Holding) == 3
    type_into(qtbot, form.shares, "12")
    assert not form.shares.property("invalid")


def test_the_service_refusal_lands_on_the_field(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    form = panel.holdings.form
    type_into(qtbot, form.company, "Larkspur Metals")
    type_into(qtbot, form.shares, "-5")
    type_into(qtbot, form.currency, "XQ")
    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert form.shares.toolTip() == "must be at least 0"
    assert "ISO 4217" in form.currency.toolTip()
    assert "shares -5: must be at least 0" in form.message.text()
    assert count(engine, Holding) == 3


def choose_kind(box: QComboBox, kind: str) -> None:
    """Pick a kind with the arrow keys, from the first."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    while box.currentText() != kind:
        before = box.currentIndex()
        QTest.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"no {kind} to choose"


def value_of(table: QTableView, company: str) -> str:
    return str(table.model().index(row_of(table, company), 7).data())


def test_selling_through_the_holdings_transactions_with_undo(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    table = panel.holdings.table
    box = panel.holdings.transactions
    form = panel.holdings.form
    assert not box.isEnabled(), "no holding chosen: nothing to add to"
    click_row(qtbot, table, row_of(table, "Larkspur Metals"))
    wait(qtbot, panel)
    assert form.title() == "Holding: Larkspur Metals"
    assert not form.shares.isEnabled(), "shares are the transactions' sum"
    assert box.title() == "Transactions of Larkspur Metals (CAD)"
    assert column_texts(box.table, 1) == ["buy"]
    assert column_texts(box.table, 6) == ["100,000"]
    choose_kind(box.kind, "sell")
    assert not box.split_new.isEnabled(), "a sell takes no ratio"
    type_into(qtbot, box.shares, "50,000")
    type_into(qtbot, box.price, "0.70")
    type_into(qtbot, box.fees, "10")
    with qtbot.waitSignal(panel.data.changed):
        QTest.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert box.message.text() == "Transaction added."
    # 50,000 left at the 0.80 close.
    assert value_of(table, "Larkspur Metals") == "40,000.00"
    assert column_texts(box.table, 6) == ["100,000", "50,000"]

    # Selling more than is left is refused at the field, and nothing is written.
    choose_kind(box.kind, "sell")
    type_into(qtbot, box.shares, "60000")
    type_into(qtbot, box.price, "0.70")
    QTest.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert box.message.text() == (
        "shares 60000: selling 60,000 shares of Larkspur Metals (CAD) on 2026-11-28 is more "
        "than the 50,000 held that day"
    )
    assert box.shares.property("invalid") is True
    assert box.shares.text() == "60000", "what was typed stays"

    # Undo from the keyboard brings the 100,000 back; redo sells again.
    box.table.setFocus()
    QTest.keyClick(box.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait(qtbot, panel)
    assert value_of(table, "Larkspur Metals") == "80,000.00"
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(box.table, Qt.Key.Key_Z, shift_control)
    wait(qtbot, panel)
    assert value_of(table, "Larkspur Metals") == "40,000.00"

    # Deleting the sell (undoable too), then the holding with its transactions.
    click_row(qtbot, box.table, row_of(box.table, "2026-11-28"))
    QTest.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert value_of(table, "Larkspur Metals") == "80,000.00"
    QTest.mouseClick(box.undo_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert value_of(table, "Larkspur Metals") == "40,000.00"
    click_row(qtbot, table, row_of(table, "Larkspur Metals"))
    QTest.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert "Larkspur Metals" not in column_texts(table, 0)
    assert count(engine, HoldingTransaction) == 2, "the other two holdings' opening buys"


def test_entering_a_price_and_a_rate(qtbot: QtBot, panel: PortfolioPanel, engine: Engine) -> None:
    prices = panel.holdings.prices
    type_into(qtbot, prices.company, "Southern Gold")
    type_into(qtbot, prices.price, "4.50")
    type_into(qtbot, prices.currency, "XX")
    QTest.mouseClick(prices.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert prices.currency.property("invalid") is True
    assert count(engine, SharePrice) == 5
    type_into(qtbot, prices.currency, "cad")
    QTest.mouseClick(prices.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert not prices.currency.property("invalid")
    assert prices.message.text() == "Price saved."
    positions = panel.holdings.table
    assert positions.model().index(row_of(positions, "Southern Gold"), 5).data() == "4.50"

    look = panel.lookthrough
    show_tab(qtbot, panel, look)
    southern = row_of(look.table, "Southern Gold")
    assert look.table.model().index(southern, 2).data() == ""
    show_tab(qtbot, panel, panel.holdings)
    rates = panel.holdings.rates
    type_into(qtbot, rates.base, "aud")
    type_into(qtbot, rates.quote, "cad")
    type_into(qtbot, rates.rate, "0.9")
    QTest.mouseClick(rates.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert count(engine, FxRate) == 2
    show_tab(qtbot, panel, look)
    assert look.table.model().index(southern, 2).data() == "81.0 M"


def test_deleting_a_price_selected_in_the_table(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    prices = panel.holdings.prices
    assert not prices.delete_button.isEnabled()
    click_row(qtbot, prices.table, 0)
    assert prices.company.currentText() == "Larkspur Metals"
    assert prices.price.text() == "0.9"
    QTest.mouseClick(prices.delete_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert count(engine, SharePrice) == 4


def test_exposure_in_another_currency_and_if_fully_earned(
    qtbot: QtBot, panel: PortfolioPanel
) -> None:
    view = panel.exposure
    show_tab(qtbot, panel, view)
    assert view.total.text() == "Total CAD 114,050.00 on 2026-11-28"
    commodity = view.boxes[next(iter(view.boxes))]
    assert column_texts(commodity.table, 0) == ["Copper", "Silver", "Gold"]
    assert commodity.chart.labels == ["Copper", "Silver", "Gold"]
    view.currency.setFocus()
    QTest.keyClicks(view.currency, "U")
    wait(qtbot, panel)
    assert view.total.text() == "Total USD 91,240.00 on 2026-11-28"
    QTest.keyClicks(view.basis, "interest if")
    wait(qtbot, panel)
    assert column_texts(commodity.table, 1) == ["56,000.00", "32,000.00", "3,240.00"]
    stage = list(view.boxes.values())[2]
    assert column_texts(stage.table, 0) == ["resource definition", "pre-feasibility", "feasibility"]


def test_interests_show_the_loi_and_the_shared_project(qtbot: QtBot, panel: PortfolioPanel) -> None:
    show_tab(qtbot, panel, panel.interests)
    table = panel.interests.table
    rows = [
        tuple(table.model().index(row, column).data() for column in (0, 1, 5, 6, 7, 8))
        for row in range(table.model().rowCount())
    ]
    assert ("Larkspur Metals", "Silver Spur", "0.0 %", "20.0 %", "40.0 %", "60.0 %") in rows
    assert ("Argentum Ridge", "Silver Spur", "100.0 %", "80.0 %", "-40.0 %", "40.0 %") in rows
    assert ("Larkspur Metals", "Twin Peaks", "20.0 %", "20.0 %", "0.0 %", "20.0 %") in rows


def test_look_through_lists_the_projects_of_the_clicked_holding(
    qtbot: QtBot, panel: PortfolioPanel
) -> None:
    view = panel.lookthrough
    show_tab(qtbot, panel, view)
    assert "Study figures, not valuations." in view.banner.text()
    click_row(qtbot, view.table, row_of(view.table, "Larkspur Metals"))
    assert column_texts(view.project_table, 0) == ["Silver Spur", "Twin Peaks"]
    larkspur = row_of(view.table, "Larkspur Metals")
    assert [view.table.model().index(larkspur, c).data() for c in (7, 8, 9, 10)] == [
        "3.20",
        "0.80",
        "0.25x",
        "study figure",
    ]


def test_screening_filters_and_watchlists(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    view = panel.screening
    show_tab(qtbot, panel, view)
    assert view.count.text() == "3 of 3 projects"
    type_into(qtbot, view.commodity, "Copper (Cu)")
    assert view.count.text() == "1 of 3 projects"
    type_into(qtbot, view.commodity, "Gold (Au)")
    assert column_texts(view.table, 0) == ["Kiwi Creek", "Twin Peaks"]
    view.min_study.setFocus()
    QTest.keyClicks(view.min_study, "FS ")
    assert view.min_study.currentText() == "FS or later"
    assert column_texts(view.table, 0) == ["Kiwi Creek"]
    view.min_study.setCurrentIndex(0)
    type_into(qtbot, view.min_irr, "20")
    type_into(qtbot, view.country, "Canada")
    assert column_texts(view.table, 0) == ["Twin Peaks"]
    type_into(qtbot, view.watchlist_name, "Canadian gold, IRR 20+")
    QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert count(engine, Watchlist) == 1
    assert view.watchlist.itemText(1) == "Canadian gold, IRR 20+: Au, IRR ≥ 20 %, Canada"
    QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert "already exists" in view.message.text()

    type_into(qtbot, view.commodity, "any commodity")
    type_into(qtbot, view.min_irr, "")
    type_into(qtbot, view.country, "any country")
    assert view.count.text() == "3 of 3 projects"
    view.watchlist.setFocus()
    QTest.keyClicks(view.watchlist, "Canadian")
    view.watchlist.activated.emit(view.watchlist.currentIndex())
    assert view.count.text() == "1 of 3 projects"
    assert (view.min_irr.text(), view.country.currentText()) == ("20", "Canada")
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert count(engine, Watchlist) == 0


def test_upcoming_flags_overdue_and_marks_an_obligation_met(
    qtbot: QtBot, panel: PortfolioPanel
) -> None:
    view = panel.upcoming
    show_tab(qtbot, panel, view)
    assert view.summary.text() == "5 items as of 2026-11-28, 2 overdue"
    model = view.table.model()
    assert model.index(0, 1).data() == "overdue 59 d"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    click_row(qtbot, view.table, 2)
    assert not view.met_button.isEnabled()
    click_row(qtbot, view.table, 0)
    assert view.met_button.isEnabled()
    QTest.mouseClick(view.met_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert view.summary.text() == "4 items as of 2026-11-28, 1 overdue"


def test_adding_and_removing_an_expected_study(qtbot: QtBot, panel: PortfolioPanel) -> None:
    view = panel.upcoming
    show_tab(qtbot, panel, view)
    form = view.form
    type_into(qtbot, form.project, "Twin Peaks")
    form.study_type.setFocus()
    QTest.keyClicks(form.study_type, "FS")
    form.expected.setDate(form.expected.date().addDays(40))
    QTest.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert "expected study" in column_texts(view.table, 2)
    row = column_texts(view.table, 2).index("expected study")
    assert view.table.model().index(row, 1).data() == "in 40 d"
    click_row(qtbot, view.table, row)
    QTest.mouseClick(view.forget_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert "expected study" not in column_texts(view.table, 2)
    form.noted.setDate(form.noted.date().addDays(100))
    type_into(qtbot, form.project, "Twin Peaks")
    QTest.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert "is before the date noted" in form.message.text()


def test_clicking_a_header_sorts_on_raw_values(qtbot: QtBot, panel: PortfolioPanel) -> None:
    table = panel.holdings.table
    header = table.horizontalHeader()
    value = 7
    where = QPoint(header.sectionViewportPosition(value) + header.sectionSize(value) // 2, 5)
    values = []
    for _ in range(2):
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
        values.append([table.model().index(row, value).data(RAW_ROLE) for row in range(3)])
    assert values[0] == [D(4050), D(24000), D(80000)]
    assert values[1] == [D(80000), D(24000), D(4050)]
    assert column_texts(table, 0)[0] == "Larkspur Metals"


def test_models_pass_the_model_tester(qtmodeltester, qtbot: QtBot, panel: PortfolioPanel) -> None:  # type: ignore[no-untyped-def]
    for index in range(panel.tabs.count()):
        tab = panel.tabs.widget(index)
        assert tab is not None
        show_tab(qtbot, panel, tab)
    for view in panel.findChildren(QTableView):
        model = view.model()
        if model.rowCount(QModelIndex()):
            qtmodeltester.check(model)


def test_today_is_asked_on_every_refresh(qtbot: QtBot, engine: Engine, no_leaks: None) -> None:
    current = {"day": date(2026, 10, 31)}
    panel = PortfolioPanel(engine, today=lambda: current["day"], confirm=lambda _q: True)
    qtbot.addWidget(panel)
    panel.tabs.setCurrentWidget(panel.upcoming)
    panel.show()
    wait(qtbot, panel)
    assert panel.upcoming.summary.text() == "0 items as of 2026-10-31, 0 overdue"
    current["day"] = ON
    panel.refresh()
    wait(qtbot, panel)
    assert panel.upcoming.summary.text() == "0 items as of 2026-11-28, 0 overdue"
    panel.close()


def test_a_tab_loads_only_when_shown(qtbot: QtBot, panel: PortfolioPanel) -> None:
    assert panel.screening.all_rows == []
    show_tab(qtbot, panel, panel.screening)
    assert len(panel.screening.all_rows) == 3


def test_typing_in_the_holding_form_is_not_thrown_away_without_asking(
    qtbot: QtBot, engine: Engine, no_leaks: None
) -> None:
    with Session(engine) as session:
        build_world(session)
    asked: list[str] = []
    answer = {"discard": False}

    def confirm(question: str) -> bool:
        asked.append(question)
        return answer["discard"]

    shown = PortfolioPanel(engine, today=lambda: ON, confirm=confirm)
    qtbot.addWidget(shown)
    shown.resize(1400, 850)
    shown.show()
    qtbot.waitExposed(shown)
    wait(qtbot, shown)
    form = shown.holdings.form
    table = shown.holdings.table
    click_row(qtbot, table, row_of(table, "Larkspur Metals"))
    assert asked == [], "nothing typed yet: no question"
    assert form.title() == "Holding: Larkspur Metals"
    assert not form.shares.isEnabled(), "a held position's shares are its transactions' sum"
    type_into(qtbot, form.notes, "waiting for the PFS")

    QTest.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert asked == ["Discard changes?"]
    assert form.notes.text() == "waiting for the PFS", "kept on no"
    click_row(qtbot, table, row_of(table, "Southern Gold"))
    assert asked == ["Discard changes?"] * 2
    assert form.title() == "Holding: Larkspur Metals"
    assert form.notes.text() == "waiting for the PFS"
    assert [i.row() for i in table.selectionModel().selectedRows()] == [
        row_of(table, "Larkspur Metals")
    ], "the selection stays on the holding being edited"
    QTest.keyClick(form.notes, Qt.Key.Key_Escape)
    assert len(asked) == 3
    assert form.notes.text() == "waiting for the PFS"

    answer["discard"] = True
    QTest.keyClick(form.notes, Qt.Key.Key_Escape)
    assert len(asked) == 4
    assert form.notes.text() == "", "Escape went back to the stored holding"
    QTest.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 4, "nothing typed since: no question"
    assert form.title() == "New holding"
    assert form.shares.isEnabled(), "a new holding's opening buy is typed here"
    with Session(engine) as session:
        stored = [holding.notes for holding in session.exec(sqlmodel_select(Holding))]
    assert stored == [None, None, None], "nothing was written"

    click_row(qtbot, table, row_of(table, "Larkspur Metals"))
    type_into(qtbot, form.notes, "sold half")
    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, shown)
    asked.clear()
    QTest.keyClick(form.notes, Qt.Key.Key_Escape)
    assert asked == [], "saved: nothing to lose"
    assert form.notes.text() == "sold half", "Escape goes back to the holding as saved"
    shown.close()
    shown.deleteLater()


def test_importing_closes_from_a_csv(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine, tmp_path: Path
) -> None:
    prices = panel.holdings.prices
    good, bad = tmp_path / "sgld.csv", tmp_path / "broken.csv"
    good.write_bytes(b"Date,Close\n2026-11-26,4.10\n2026-11-27,4.20\n")
    bad.write_bytes(b"Date,Close\n2026-11-28,4.30\n2026-11-29,four\n")
    chosen: list[Path] = [bad]
    prices.choose_file = lambda done: done(str(chosen[0]))
    type_into(qtbot, prices.company, "Southern Gold")
    QTest.mouseClick(prices.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert prices.message.text() == "file (empty): row 3: 'four' is not a price"
    assert count(engine, SharePrice) == 5, "nothing written"
    chosen[0] = good
    QTest.mouseClick(prices.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert prices.message.text() == (
        "Imported 2 closes of Southern Gold, 2026-11-26 to 2026-11-27."
    )
    assert count(engine, SharePrice) == 7
    positions = panel.holdings.table
    assert positions.model().index(row_of(positions, "Southern Gold"), 5).data() == "4.20"
