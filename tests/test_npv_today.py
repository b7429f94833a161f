"""NPV at today's deck: interpolation in a study's sensitivity table and the first-order
estimate, against figures worked by hand."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.portfolio.commodity_prices import PriceValues
from tracker.portfolio.fx import FxBook
from tracker.portfolio.npv_today import (
    ESTIMATE,
    ESTIMATE_METHOD,
    INTERPOLATED,
    SensitivityPoint,
    StudyEconomics,
    annuity_factor,
    npv_at_deck,
)
from tracker.quantities import per_unit_factor, read_production_unit

D = Decimal
M = D(1_000_000)
NO_FX = FxBook(date(2026, 1, 1), [])


def usd_oz(price: str) -> PriceValues:
    return PriceValues(D(price), "USD", "oz")


def delamar_fs(**changes: object) -> StudyEconomics:
    """The DeLamar heap-leach FS (2025) as the demo has it: US$774 M after-tax NPV5 at
    US$3,000/oz Au and US$35/oz Ag, 106,000 oz AuEq a year for 10 years."""
    values: dict[str, object] = {
        "study_id": 1,
        "currency": "USD",
        "after_tax_npv": D(774) * M,
        "discount_rate_pct": D(5),
        "mine_life_years": D(10),
        "annual_production": D(106000),
        "production_unit": "oz AuEq",
        "commodities": ("Au", "Ag"),
        "deck": {"Au": usd_oz("3000"), "Ag": usd_oz("35")},
    }
    values.update(changes)
    return StudyEconomics(**values)  # type: ignore[arg-type]


def test_annuity_factor_by_hand() -> None:
    # (1 - 1.05^-10) / 0.05 = (1 - 0.6139133) / 0.05 = 7.721735
    assert round(annuity_factor(D(5), D(10)), 6) == D("7.721735")
    assert annuity_factor(D(0), D(12)) == D(12)


def test_delamar_estimate_at_the_published_spot_price() -> None:
    """The check on the estimate: the release gives about US$1.7 B at US$4,250/oz Au (and
    US$60/oz Ag). By hand: 774 M + (4,250 - 3,000) x 106,000 oz x (1 - 25 % tax) x 7.721735
    = 774 M + 132.5 M x 0.75 x 7.721735 = 774 M + 767.347 M = 1,541.35 M, 9.3 % under 1.7 B:
    the estimate prices all AuEq ounces at gold, so silver's larger rise (35 -> 60) is missed,
    and it keeps costs and royalties fixed."""
    found = npv_at_deck(delamar_fs(), {"Au": usd_oz("4250"), "Ag": usd_oz("60")}, NO_FX)
    assert found.method == ESTIMATE
    assert found.value is not None
    assert round(found.value / M, 2) == D("1541.35")
    assert round((found.value - D(1700) * M) / (D(1700) * M) * 100, 1) == D("-9.3")
    assert "AuEq production priced at Au" in found.note
    assert "Ag price change not counted" in found.note
    assert found.tooltip.startswith(ESTIMATE_METHOD)


def test_delamar_at_its_own_deck_is_its_base_case() -> None:
    found = npv_at_deck(delamar_fs(), {"Au": usd_oz("3000"), "Ag": usd_oz("35")}, NO_FX)
    assert found.value == D(774) * M


def test_tax_rate_from_the_studys_two_npvs() -> None:
    # Pre-tax 1,032 M, after-tax 774 M: tax 25 % exactly, so the same figure as the default.
    # With pre-tax 1,548 M: tax 50 %, change 132.5 M x 0.5 x 7.721735 = 511.565 M.
    found = npv_at_deck(delamar_fs(pre_tax_npv=D(1548) * M), {"Au": usd_oz("4250")}, NO_FX)
    assert found.value is not None
    assert round(found.value / M, 3) == D("1285.565")


@pytest.mark.parametrize(
    ("changes", "deck", "reason"),
    [
        ({"annual_production": None}, {"Au": usd_oz("4250")}, "no annual production"),
        ({"mine_life_years": None}, {"Au": usd_oz("4250")}, "no mine life"),
        ({"discount_rate_pct": None}, {"Au": usd_oz("4250")}, "no discount rate"),
        ({"after_tax_npv": None}, {"Au": usd_oz("4250")}, "no after-tax NPV"),
        ({}, {"Ag": usd_oz("60")}, "no price for Au in today's deck"),
        ({"deck": {}}, {"Au": usd_oz("4250")}, "price deck has no Au price"),
        (
            {"production_unit": "dmtu"},
            {"Au": usd_oz("4250")},
            "production in dmtu does not convert to the Au price unit oz",
        ),
        ({}, {"Au": PriceValues(D(40), "USD", "dmtu")}, "per dmtu today but per oz"),
        ({"production_unit": "boxes"}, {"Au": usd_oz("4250")}, "is not a mass"),
        ({"production_unit": "t/d"}, {"Au": usd_oz("4250")}, "'t/d' is not a mass"),
    ],
)
def test_what_cannot_be_estimated_says_why(
    changes: dict[str, object], deck: dict[str, PriceValues], reason: str
) -> None:
    found = npv_at_deck(delamar_fs(**changes), deck, NO_FX)
    assert found.value is None
    assert reason in found.note


def _table(*points: tuple[str, str]) -> dict[str, list[SensitivityPoint]]:
    return {
        "Au": [
            SensitivityPoint("Au", D(npv) * M, price=D(price), currency="USD", unit="oz")
            for price, npv in points
        ]
    }


def test_interpolation_between_points_with_the_base_case_as_one() -> None:
    # Points 2,500 -> 400 M, 3,500 -> 1,100 M and the base 3,000 -> 774 M.
    study = delamar_fs(sensitivities=_table(("2500", "400"), ("3500", "1100")))
    # 3,250 is half-way from 3,000 to 3,500: 774 + (1,100 - 774) / 2 = 937 M.
    found = npv_at_deck(study, {"Au": usd_oz("3250"), "Ag": usd_oz("35")}, NO_FX)
    assert (found.value, found.method) == (D(937) * M, INTERPOLATED)
    # 2,750 is half-way from 2,500 to 3,000: 400 + (774 - 400) / 2 = 587 M.
    found = npv_at_deck(study, {"Au": usd_oz("2750")}, NO_FX)
    assert found.value == D(587) * M


def test_a_little_past_the_end_is_extrapolated_and_said() -> None:
    study = delamar_fs(sensitivities=_table(("2500", "400"), ("3500", "1100")))
    # 3,800 is 8.6 % past 3,500: the 3,000-3,500 segment (326 M per 500) carried on 300 more:
    # 1,100 + 326 x 300 / 500 = 1,295.6 M.
    found = npv_at_deck(study, {"Au": usd_oz("3800")}, NO_FX)
    assert found.value == D("1295.6") * M
    assert "extrapolated 8.6 % past the table's highest price" in found.note


def test_far_past_the_end_gives_no_figure() -> None:
    study = delamar_fs(sensitivities=_table(("2500", "400"), ("3500", "1100")))
    found = npv_at_deck(study, {"Au": usd_oz("4250")}, NO_FX)
    assert found.value is None
    assert "21 % past the sensitivity table's highest price (3500)" in found.note


def test_percent_changes_of_the_base_deck() -> None:
    # -20 % is 2,400 -> 300 M, +20 % is 3,600 -> 1,200 M; 3,300 is half-way from the base
    # (3,000 -> 774 M) to 3,600: 774 + (1,200 - 774) / 2 = 987 M.
    points = [
        SensitivityPoint("Au", D(300) * M, change_pct=D(-20)),
        SensitivityPoint("Au", D(1200) * M, change_pct=D(20)),
    ]
    study = delamar_fs(sensitivities={"Au": points})
    found = npv_at_deck(study, {"Au": usd_oz("3300")}, NO_FX)
    assert found.value == D(987) * M
    no_deck = npv_at_deck(
        delamar_fs(sensitivities={"Au": points}, deck={}), {"Au": usd_oz("1")}, NO_FX
    )
    assert no_deck.value is None
    assert "in % but the study's deck has no Au price" in no_deck.note


def test_units_and_currencies_are_converted() -> None:
    """A CAD study with a USD deck per lb, today's price per tonne in USD.

    Copper today US$9,920.78/t = 9,920.78 x 0.45359237 / 1,000 = US$4.50/lb (to the cent).
    Study: 163 Mlb Cu a year, 20 years at 8 %, deck US$4.00/lb, NPV C$1,000 M, no pre-tax NPV.
    Change = (4.50 - 4.00) x 163 M lb x 0.75 x AF(8 %, 20) = 61.125 M x 9.818147 = US$600.13 M,
    at 1.39 CAD per USD = C$834.19 M; NPV = C$1,834.19 M.
    """
    study = StudyEconomics(
        study_id=2,
        currency="CAD",
        after_tax_npv=D(1000) * M,
        discount_rate_pct=D(8),
        mine_life_years=D(20),
        annual_production=D(163),
        production_unit="Mlb Cu",
        commodities=("Cu", "Au"),
        deck={"Cu": PriceValues(D(4), "USD", "lb")},
    )
    per_tonne = D("4.50") * 1000 / D("0.45359237")
    book = FxBook(date(2026, 1, 1), [("USD", "CAD", date(2025, 12, 31), D("1.39"))])
    found = npv_at_deck(study, {"Cu": PriceValues(per_tonne, "USD", "t")}, book)
    assert found.value is not None
    assert round(found.value / M, 2) == D("1834.19")
    missing = npv_at_deck(study, {"Cu": PriceValues(per_tonne, "USD", "t")}, NO_FX)
    assert missing.value is None
    assert "no USD/CAD exchange rate" in missing.note


def test_production_units_read() -> None:
    assert read_production_unit("Mlb U3O8") == (M, "lb", "U3O8")
    assert read_production_unit("koz/a") == (D(1000), "oz", "")
    assert read_production_unit("t graphite conc") == (D(1), "t", "graphite conc")
    assert read_production_unit("boxes") is None
    assert read_production_unit("t/d") is None
    assert per_unit_factor("t", "kg") == D(1000)
    assert per_unit_factor("dmtu", "t") is None
