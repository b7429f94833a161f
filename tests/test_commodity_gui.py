"""Commodity prices, today's deck and the deck switch, driven as a user would."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.domain_factories import add_company, add_project
from tests.test_portfolio_gui import (
    click_row,
    column_texts,
    count,
    show_tab,
    shown_panel,
    type_into,
    wait,
)
from tracker.models import Commodity, CommodityPrice, FxRate, Holding, SharePrice, Study
from tracker.portfolio.commodity_prices import PriceValues
from tracker.portfolio.deck import put_deck_price
from tracker.services.holdings import create_holding
from tracker.services.studies import PriceAssumption, create_study
from ui.portfolio.deck_switch import DeckSwitch, stored_choice
from ui.portfolio.panel import PortfolioPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        r"This plugin does not support raise\(\)",
        r"This plugin does not support grabbing the keyboard",
    ),
]
D = Decimal
M = D(1_000_000)
ON = date(2026, 1, 15)


def build(session: Session) -> None:
    """Integra holding DeLamar, whose FS is US$774 M at US$3,000/oz gold (106 koz AuEq a year,
    10 years at 5 %), with a holding, a share price and a USD/CAD rate."""
    integra = add_company(session, "Integra", shares_outstanding=D(200_000_000))
    project = add_project(session, "DeLamar", [(integra, "100", True)], ["Au", "Ag"])
    create_study(
        session,
        Study(
            project_id=project.id or 0,
            study_type="FS",
            title="DeLamar FS",
            publication_date=date(2025, 12, 17),
            currency="USD",
            after_tax_npv=D(774) * M,
            discount_rate_pct=D(5),
            mine_life_years=D(10),
            annual_production=D(106000),
            production_unit="oz AuEq",
            initial_capex=D(389) * M,
        ),
        [PriceAssumption("Au", D(3000), "USD", "oz")],
    )
    holding = Holding(company_id=integra.id or 0, currency="CAD")
    create_holding(session, holding, D(1000), None, date(2025, 1, 2))
    session.add(
        SharePrice(
            company_id=integra.id or 0,
            price_date=date(2025, 12, 31),
            price=D("2.45"),
            currency="CAD",
        )
    )
    session.add(FxRate(base="USD", quote="CAD", rate_date=date(2025, 12, 31), rate=D("1.39")))
    session.commit()


@pytest.fixture
def panel(
    qtbot: QtBot, engine: Engine, gui_settings: Path, no_leaks: None
) -> Iterator[PortfolioPanel]:
    with shown_panel(qtbot, engine, build) as shown:
        yield shown


def prices(engine: Engine) -> list[tuple[date, Decimal]]:
    with Session(engine) as session:
        rows = session.exec(select(CommodityPrice).order_by(col(CommodityPrice.price_date)))
        return [(row.price_date, row.price) for row in rows]


def enter_gold(qtbot: QtBot, panel: PortfolioPanel, day: str, price: str) -> None:
    history = panel.commodities.history
    type_into(qtbot, history.commodity, "Gold (Au)")
    history.day.setFocus()
    history.day.set_date(date.fromisoformat(day))
    type_into(qtbot, history.price, price)
    QTest.mouseClick(history.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)


def deck_cells(panel: PortfolioPanel, name: str) -> list[str]:
    table = panel.commodities.deck.table
    row = column_texts(table, 0).index(name)
    return [table.model().index(row, column).data() for column in range(1, 5)]


def test_a_price_typed_then_undone_and_redone(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    enter_gold(qtbot, panel, "2025-12-31", "4,250")
    assert prices(engine) == [(date(2025, 12, 31), D(4250))]
    assert panel.commodities.history.message.text() == "Price saved."
    assert deck_cells(panel, "Gold (Au)") == ["4,250.00", "USD/oz", "latest price", "4,250.00"]
    assert panel.undo_stack.undoText() == "Enter Gold (Au) price of 2025-12-31"
    panel.undo_stack.undo()
    wait(qtbot, panel)
    assert prices(engine) == []
    assert deck_cells(panel, "Gold (Au)")[2] == "no price yet"
    panel.undo_stack.redo()
    wait(qtbot, panel)
    assert prices(engine) == [(date(2025, 12, 31), D(4250))]


def test_a_refused_price_is_shown_and_nothing_written(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    enter_gold(qtbot, panel, "2025-12-31", "0")
    assert prices(engine) == []
    history = panel.commodities.history
    assert history.message.text() == "price 0: must be more than 0"
    assert history.price.text() == "0"
    assert panel.undo_stack.count() == 0


def test_a_deck_price_typed_wins_until_cleared(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    enter_gold(qtbot, panel, "2025-12-31", "4250")
    deck = panel.commodities.deck
    type_into(qtbot, deck.commodity, "Gold (Au)")
    assert deck.price.text() == "4250"
    type_into(qtbot, deck.price, "3800")
    QTest.keyClick(deck.price, Qt.Key.Key_Return)
    wait(qtbot, panel)
    assert deck_cells(panel, "Gold (Au)") == [
        "3,800.00",
        "USD/oz",
        "typed for the deck",
        "4,250.00",
    ]
    assert deck.clear_button.isEnabled()
    QTest.mouseClick(deck.clear_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert deck_cells(panel, "Gold (Au)")[:3] == ["4,250.00", "USD/oz", "latest price"]
    panel.undo_stack.undo()
    wait(qtbot, panel)
    assert deck_cells(panel, "Gold (Au)")[2] == "typed for the deck"


def test_a_csv_imported_whole_or_not_at_all(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine, tmp_path: Path
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    history = panel.commodities.history
    type_into(qtbot, history.commodity, "Gold (Au)")
    bad = tmp_path / "bad.csv"
    bad.write_text("Date;Close\n30.12.2025;4.200,50\n31.12.2025;n/a\n", encoding="utf-8")
    history.choose_csv = lambda chosen: chosen(str(bad))
    QTest.mouseClick(history.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert history.message.text() == "line 3 price 'n/a': is not a number"
    assert prices(engine) == []
    good = tmp_path / "gold.csv"
    good.write_text("Date;Close\n30.12.2025;4.200,50\n31.12.2025;4.250\n", encoding="utf-8")
    history.choose_csv = lambda chosen: chosen(str(good))
    QTest.mouseClick(history.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert prices(engine) == [(date(2025, 12, 30), D("4200.50")), (date(2025, 12, 31), D(4250))]
    assert history.message.text() == "Imported 2 prices from gold.csv."
    assert column_texts(history.table, 4) == ["gold.csv", "gold.csv"]
    panel.undo_stack.undo()
    wait(qtbot, panel)
    assert count(engine, CommodityPrice) == 0


def test_screening_and_look_through_flip_to_todays_deck(
    qtbot: QtBot, panel: PortfolioPanel
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    enter_gold(qtbot, panel, "2025-12-31", "4250")
    view = panel.screening
    show_tab(qtbot, panel, view)
    npv, basis = 7, 8
    assert [view.table.model().index(0, c).data() for c in (npv, basis)] == [
        "774.0 M",
        "study deck",
    ]
    view.deck.setFocus()
    QTest.keyClick(view.deck, Qt.Key.Key_Down)
    wait(qtbot, panel)
    # 774 M + 1,250 x 106,000 oz x 0.75 x 7.721735 = 1,541.3 M (tests/test_npv_today.py).
    assert [view.table.model().index(0, c).data() for c in (npv, basis)] == [
        "1,541.3 M",
        "estimate",
    ]
    tooltip = view.table.model().index(0, npv).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("First-order estimate, not a study figure")
    assert stored_choice() is True
    look = panel.lookthrough
    assert look.deck.todays_deck  # every switch follows the one flipped
    show_tab(qtbot, panel, look)
    assert "moved to today's deck" in look.banner.text()
    # 1,541.35 M USD x 1.39 = 2,142.5 M CAD; per share 10.712; P/NAV 2.45 / 10.712 = 0.23x.
    cells = [look.table.model().index(0, c).data() for c in (2, 7, 9, 10)]
    assert cells == ["2,142.5 M", "10.7124", "0.23x", "today's deck (estimate)"]
    click_row(qtbot, look.project_table, 0)
    assert column_texts(look.project_table, 7) == ["estimate"]
    look.deck.set_todays_deck(False)
    wait(qtbot, panel)
    assert [look.table.model().index(0, c).data() for c in (2, 9, 10)] == [
        "1,075.9 M",
        "0.46x",
        "study figure",
    ]
    assert not view.deck.todays_deck
    assert view.table.model().index(0, npv).data() == "774.0 M"
    view.deck.set_todays_deck(True)  # from the figures the screen holds: only the deck is read
    wait(qtbot, panel)
    assert view.table.model().index(0, npv).data() == "1,541.3 M"
    view.deck.set_todays_deck(False)
    assert DeckSwitch().todays_deck is False


def test_screening_readies_todays_deck_while_shown_and_reads_only_the_deck_when_flipped(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    show_tab(qtbot, panel, panel.commodities)
    enter_gold(qtbot, panel, "2025-12-31", "4250")
    view = panel.screening
    show_tab(qtbot, panel, view)
    wait(qtbot, panel)
    assert view.data is not None
    hold = view.data.deck
    assert hold.ready  # worked out on the worker while the rows at the study deck showed
    with Session(engine) as session:
        gold = session.exec(select(Commodity).where(col(Commodity.symbol) == "Au")).one()
        assert gold.id is not None
        put_deck_price(session, gold.id, PriceValues(Decimal(3800), "USD", "oz"))
        session.commit()
    view.deck.set_todays_deck(True)
    wait(qtbot, panel)
    # The deck as it now stands, on the studies already held: 774 M + (3,800 - 3,000) x
    # 106,000 oz x 0.75 x 7.721735 = 774 M + 491.1 M = 1,265.1 M.
    assert view.data.deck is hold
    assert view.table.model().index(0, 7).data() == "1,265.1 M"
    view.deck.set_todays_deck(False)
    assert view.table.model().index(0, 7).data() == "774.0 M"


def test_the_study_form_takes_a_sensitivity_table(
    qtbot: QtBot, main_window: "MainWindow", engine: Engine
) -> None:
    from tests.test_forms_entry import new_study_of_bright_hill
    from tests.test_ui_editing import save_and_wait
    from tracker.services.sensitivities import Sensitivity, sensitivities_of

    form = new_study_of_bright_hill(qtbot, main_window)
    QTest.keyClicks(form.title, "Bright Hill PFS")
    QTest.keyClicks(form.money["after_tax_npv"].amount, "400 M")
    QTest.keyClicks(form.percents["discount_rate_pct"], "5")
    editor = form.sensitivities
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    first = editor.lines[0]
    type_into(qtbot, first.commodity.box, "Au")
    QTest.keyClicks(first.value, "2,500")
    first.unit.setCurrentText("oz")
    QTest.keyClicks(first.npv, "600 M")
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    second = editor.lines[1]
    assert second.commodity.symbol() == "Au", "a new point starts at the commodity above"
    second.basis.setCurrentIndex(1)
    assert not second.unit.isEnabled()
    QTest.keyClicks(second.value, "-10")
    QTest.keyClicks(second.npv, "lots")
    QTest.mouseClick(
        form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert form.isVisible()
    assert form.problem_text("sensitivity") == "sensitivity line 2 NPV 'lots': is not a number"
    with Session(engine) as session:
        assert session.exec(select(Study)).all() == []
    type_into(qtbot, second.npv, "350 M")
    save_and_wait(qtbot, form)
    with Session(engine) as session:
        study = session.exec(select(Study)).one()
        assert study.id is not None
        assert sensitivities_of(session, study.id) == [
            Sensitivity("Au", 600 * M, D(2500), "USD", "oz"),
            Sensitivity("Au", 350 * M, change_pct=D(-10)),
        ]


def test_the_economics_chart_flips_to_todays_deck(
    qtbot: QtBot, engine: Engine, gui_settings: Path
) -> None:
    from tracker.portfolio.commodity_prices import record_commodity_price
    from ui.charts.scatter import PortfolioScatter

    with Session(engine) as session:
        build(session)
        gold = session.exec(select(Commodity).where(Commodity.symbol == "Au")).one()
        record_commodity_price(
            session,
            CommodityPrice(
                commodity_id=gold.id or 0,
                price_date=date(2025, 12, 31),
                price=D(4250),
                currency="USD",
                unit="oz",
            ),
        )
        session.commit()
    chart = PortfolioScatter(engine, today=ON)
    qtbot.addWidget(chart)
    chart.resize(1000, 600)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_project_ids(None)
    assert chart.data is not None
    assert chart.data.npv_millions.tolist() == [774.0]
    chart.deck.setFocus()
    QTest.keyClick(chart.deck, Qt.Key.Key_Down)
    assert chart.data.npv_millions.tolist() == pytest.approx([1541.347], abs=0.001)
    assert chart.plot.getAxis("left").labelText == "After-tax NPV at today's deck (USD M)"
    chart.deck.set_todays_deck(False)
    assert chart.data.npv_millions.tolist() == [774.0]
