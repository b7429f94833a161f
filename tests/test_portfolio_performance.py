"""Returns worked by hand on a small book of buys, a consolidation and a sell.

The figures follow Portfolio Performance's own definitions: the true time-weighted return
chains each flow day's (MVE + CFout) / (MVB + CFin), with plain value ratios in between; the
money-weighted return is the IRR of the dated flows, the start value counted as money put in
and the end value as money taken out.
"""

from datetime import date
from decimal import Decimal

import pytest

from tracker.enums import TransactionKind as K
from tracker.portfolio.ledger import Move, in_order
from tracker.portfolio.performance import (
    HoldingBook,
    Market,
    Quote,
    holding_row,
    portfolio_performance,
)
from tracker.portfolio.periods import PeriodKind, period
from tracker.portfolio.returns import xirr

D = Decimal
END = date(2025, 6, 30)

# Alpha (kept in CAD):
#   2024-01-02 buy 1,000 at 1.00, commission 10   -> in 1,010; pool 1,010 for 1,000 shares
#   2024-07-02 buy 1,000 at 2.00, commission 10   -> in 2,010; pool 3,020 for 2,000 shares
#   2024-10-01 consolidation, 1 new for 10 old    -> 200 shares, pool still 3,020
#   2025-01-02 sell 100 at 20.00, commission 10   -> out 1,990; average cost 15.10, so the
#              100 sold cost 1,510: realised 1,990 - 1,510 = 480; pool 1,510 for 100 shares
ALPHA = [
    Move(1, K.BUY, date(2024, 1, 2), D(1000), D(1), D(10)),
    Move(2, K.BUY, date(2024, 7, 2), D(1000), D(2), D(10)),
    Move(3, K.SPLIT, date(2024, 10, 1), None, None, None, D(1), D(10)),
    Move(4, K.SELL, date(2025, 1, 2), D(100), D(20), D(10)),
]
ALPHA_PRICES = [
    (date(2024, 1, 2), "1.00"),
    (date(2024, 7, 1), "1.50"),
    (date(2024, 7, 2), "2.00"),
    (date(2024, 9, 30), "1.80"),
    (date(2024, 10, 1), "18.00"),
    (date(2024, 12, 31), "19.00"),
    (date(2025, 1, 2), "20.00"),
    (date(2025, 6, 30), "22.00"),
]


def alpha() -> HoldingBook:
    return HoldingBook(1, 10, "Alpha (CAD)", "CAD", in_order(ALPHA))


def market(target: str = "CAD") -> Market:
    prices = {10: [Quote(day, D(price), "CAD") for day, price in ALPHA_PRICES]}
    prices[20] = [Quote(date(2025, 6, 30), D(12), "USD")]
    rates = [
        ("USD", "CAD", date(2025, 1, 1), D("1.40")),
        ("USD", "CAD", date(2025, 6, 1), D("1.50")),
    ]
    return Market(target, prices, rates)


def test_since_start_on_buys_a_consolidation_and_a_sell() -> None:
    since = period(PeriodKind.SINCE_START, END, date(2024, 1, 2))
    assert since.start == date(2024, 1, 1)
    row = holding_row(alpha(), market(), since)
    # Nothing held at the start; 100 shares at 22.00 at the end.
    assert (row.start_value, row.end_value) == (D(0), D(2200))
    # In: 1,010 + 2,010; out: 1,990.
    assert row.invested == D(1030)
    # Realised 480; unrealised 100 * 22.00 - 1,510 = 690; together the period's gain:
    # 2,200 - 0 - 1,030 = 1,170.
    assert (row.realised, row.unrealised, row.gain) == (D(480), D(690), D(1170))
    # TTWROR, day by day where money moves:
    #   2024-01-02: nothing before; (1,000 + 0) / (0 + 1,010)            = 1000/1010
    #   to 07-01:   1,000 shares at 1.50 against 1,000 at 1.00           = 1.5
    #   2024-07-02: (2,000 * 2.00 + 0) / (1,500 + 2,010) = 4,000/3,510
    #   to 01-01:   200 shares at 19.00 (the consolidation changes shares, not value
    #               ratios) against 4,000: 3,800 / 4,000                 = 0.95
    #   2025-01-02: (100 * 20.00 + 1,990) / (3,800 + 0) = 3,990/3,800    = 1.05
    #   to 06-30:   2,200 / 2,000                                        = 1.1
    # Product 52,668,000,000 / 28,360,800,000 = 1.857070..., so 85.7070 %.
    assert row.twr_pct == D("85.7070")
    # Money at work from the first buy, 2024-01-02, to 2025-06-30: 545 days, so a year's
    # rate of 1.857070^(365/545) - 1 = 51.3704 %.
    assert row.twr_annual_pct == D("51.3704")
    # IRR of -1,010 (2024-01-02), -2,010 (2024-07-02), +1,990 (2025-01-02), +2,200
    # (2025-06-30). At 42.3273 %: -1,010 - 2,010/1.4233^(182/365) + 1,990/1.4233^(366/365)
    # + 2,200/1.4233^(545/365) = -1,010 - 1,684.9 + 1,396.9 + 1,298.9 = 0 (to rounding).
    assert row.mwr_annual_pct == D("42.3273")
    # Over the 545 days: 1.423273^(545/365) - 1 = e^(0.352956 * 1.493151) - 1 = 69.39 %.
    assert row.mwr_pct == D("69.3879")
    assert row.note == ""


def test_year_to_date_starts_from_the_value_at_the_year_end() -> None:
    ytd = period(PeriodKind.YEAR_TO_DATE, END, date(2024, 1, 2))
    assert ytd.start == date(2024, 12, 31)
    row = holding_row(alpha(), market(), ytd)
    # Start: 200 shares at 19.00 = 3,800; the sell takes out 1,990; end 2,200.
    assert (row.start_value, row.end_value, row.invested) == (D(3800), D(2200), D(-1990))
    assert row.gain == D(390)  # 2,200 - 3,800 + 1,990
    assert row.realised == D(480)
    # TTWROR: 01-01 unchanged (no price after 12-31); 01-02: (2,000 + 1,990) / 3,800 = 1.05;
    # then 2,200 / 2,000 = 1.1; 1.05 * 1.1 = 1.155.
    assert row.twr_pct == D("15.5000")
    assert row.twr_annual_pct is None  # half a year: not compounded up to a year
    # IRR of -3,800 (2024-12-31), +1,990 (2025-01-02), +2,200 (2025-06-30): 47.5184 % a
    # year, so over the 181 days 1.475184^(181/365) - 1 = 21.26 % (21.2632 from the unrounded
    # rate); under a year, no p.a.
    assert (row.mwr_pct, row.mwr_annual_pct) == (D("21.2632"), None)


def priced_bravo() -> Market:
    """The market with Bravo's close of its buy day, USD 10."""
    prices = market()
    prices.prices[20].insert(0, Quote(date(2025, 1, 2), D(10), "USD"))
    return Market("CAD", prices.prices, prices.rates)


def test_a_holding_in_another_currency_converts_flows_on_their_day() -> None:
    bravo = HoldingBook(
        2, 20, "Bravo (USD)", "USD", [Move(5, K.BUY, date(2025, 1, 2), D(100), D(10), None)]
    )
    ytd = period(PeriodKind.YEAR_TO_DATE, END, None)
    row = holding_row(bravo, priced_bravo(), ytd)
    # Bought for USD 1,000 at 1.40 = CAD 1,400; at the end 100 * USD 12 * 1.50 = CAD 1,800.
    assert (row.invested, row.end_value, row.gain) == (D(1400), D(1800), D(400))
    # Unrealised: (USD 1,200 - USD 1,000) at 1.50 = CAD 300 (the other 100 is the dollar's).
    assert row.unrealised == D(300)
    # 2025-01-02 closes at cost (1,400); then 1,800 / 1,400 = 1.285714...
    assert row.twr_pct == D("28.5714")
    assert row.note == ""


def test_the_total_chains_every_holdings_flows_and_values() -> None:
    bravo = HoldingBook(
        2, 20, "Bravo (USD)", "USD", [Move(5, K.BUY, date(2025, 1, 2), D(100), D(10), None)]
    )
    ytd = period(PeriodKind.YEAR_TO_DATE, END, None)
    result = portfolio_performance([alpha(), bravo], priced_bravo(), ytd)
    total = result.rows[-1]
    assert total.label == "Total"
    # Start 3,800 (Alpha). 2025-01-02: in 1,400 (Bravo), out 1,990 (Alpha); close
    # 2,000 + 100 * 10 * 1.40 = 3,400: (3,400 + 1,990) / (3,800 + 1,400) = 5,390/5,200.
    # To the end: (2,200 + 1,800) / 3,400. Product 21,560,000/17,680,000 = 1.219457...
    assert total.twr_pct == D("21.9457")
    assert (total.start_value, total.end_value, total.invested) == (D(3800), D(4000), D(-590))
    assert (total.realised, total.unrealised) == (D(480), D(990))  # 690 + 300
    assert total.gain == D(790)  # 4,000 - 3,800 + 590
    # The chart: the year's close, then each day a price or a flow moves the value.
    assert [(day, value) for day, value, _invested in result.series] == [
        (date(2024, 12, 31), 3800.0),
        (date(2025, 1, 2), 3400.0),
        (date(2025, 6, 30), 4000.0),
    ]
    # Money invested: the start value, less 590 taken out net on 2025-01-02.
    assert [invested for _day, _value, invested in result.series] == [D(3800), D(3210), D(3210)]


def test_a_holding_without_a_price_is_named_and_left_out_of_the_total() -> None:
    # Charlie's shares came in 2024 without a price (cost unknown); no close was ever entered.
    charlie = HoldingBook(
        3, 30, "Charlie (CAD)", "CAD", [Move(6, K.BUY, date(2024, 6, 3), D(100), None, None)]
    )
    ytd = period(PeriodKind.YEAR_TO_DATE, END, None)
    result = portfolio_performance([alpha(), charlie], market(), ytd)
    charlie_row, total = result.rows[1], result.rows[2]
    assert charlie_row.twr_pct is None and charlie_row.end_value is None
    assert charlie_row.note == "no share price of Charlie (CAD) on or before 2024-12-31"
    assert total.twr_pct == D("15.5000")  # Alpha's alone
    assert total.note == (
        "1 holdings left out: Charlie (CAD): no share price of Charlie (CAD) on or before "
        "2024-12-31"
    )
    # Over a period that holds the buy, its missing price is what is missing.
    since = period(PeriodKind.SINCE_START, END, date(2024, 1, 2))
    assert holding_row(charlie, market(), since).note == (
        "the buy of 2024-06-03 has no price: enter it to see returns over this period"
    )


def test_a_trade_price_values_the_day_when_no_close_was_entered() -> None:
    # Bravo has no close before 2025-06-30: its buy at USD 10 prices its buy day.
    bravo = HoldingBook(
        2, 20, "Bravo (USD)", "USD", [Move(5, K.BUY, date(2025, 1, 2), D(100), D(10), None)]
    )
    ytd = period(PeriodKind.YEAR_TO_DATE, END, None)
    assert holding_row(bravo, market(), ytd) == holding_row(bravo, priced_bravo(), ytd)


def test_a_missing_rate_is_said_and_never_guessed() -> None:
    ytd = period(PeriodKind.YEAR_TO_DATE, END, None)
    row = holding_row(alpha(), market("EUR"), ytd)
    assert row.twr_pct is None
    # The sell's proceeds are the first money that needs converting.
    assert row.note == (
        "no CAD/EUR exchange rate on or before 2025-01-02: enter a rate for CAD/EUR or EUR/CAD, "
        "or CAD/USD and USD/EUR"
    )


def test_one_year_and_custom_periods() -> None:
    assert period(PeriodKind.ONE_YEAR, date(2024, 2, 29), None).start == date(2023, 2, 28)
    custom = period(PeriodKind.CUSTOM, END, None, date(2024, 7, 1))
    row = holding_row(alpha(), market(), custom)
    # From 1,000 shares at 1.50 (1,500): 2024-07-02 (4,000 + 0)/(1,500 + 2,010); then
    # 3,800/4,000; then (2,000 + 1,990)/3,800; then 2,200/2,000.
    # 4,000/3,510 * 0.95 * 1.05 * 1.1 = 1.250427... -> 25.0427 %
    assert row.twr_pct == D("25.0427")
    with pytest.raises(ValueError, match="after its end"):
        period(PeriodKind.CUSTOM, END, None, date(2025, 7, 1))


def test_xirr_needs_money_both_ways() -> None:
    assert xirr([(date(2024, 1, 1), D(-100)), (date(2025, 1, 1), D(-5))]) is None
    # 100 in, 110 out a year (365 days) later: 10 %.
    assert xirr([(date(2023, 1, 1), D(-100)), (date(2024, 1, 1), D(110))]) == D("10.0000")
    # A total loss still solves (close to -100 %), a tenfold gain too.
    lost = xirr([(date(2023, 1, 1), D(-100)), (date(2024, 1, 1), D("0.01"))])
    assert lost is not None and D(-100) < lost < D("-99.98")
    assert xirr([(date(2023, 1, 1), D(-100)), (date(2024, 1, 1), D(1000))]) == D("900.0000")
