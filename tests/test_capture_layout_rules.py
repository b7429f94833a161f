"""Reading rules from the second held-out set (issue 13): drill layouts, and what is left out.

Precision before recall: a layout the reader cannot line up gives no figure but an ambiguity.
"""

from decimal import Decimal

from tracker.capture.model import Capture
from tracker.capture.reader import read_release

DRILL_HEAD = "Acme Nickel Corp. (TSXV: ACN) reports drill results from its Foxtail Project.\n\n"


def _read(body: str, head: str = DRILL_HEAD) -> Capture:
    return read_release(head + body, "test.txt")


def _holes(capture: Capture) -> list[tuple[object, ...]]:
    """(hole, from, to, interval, grade, unit, including) of every intercept."""
    keys = ("hole", "from_m", "to_m", "interval_m", "grade", "grade_unit", "including")
    return [tuple(h[k].value if k in h else None for k in keys) for h in capture.holes]


def _reasons(capture: Capture) -> list[str]:
    return [a.reason for a in capture.ambiguities if a.key == "holes"]


def test_a_pipe_table_with_and_rows_and_a_nested_including_names_each_parent_hole() -> None:
    capture = _read(
        "Hole ID    | From (m) | To (m) | Length (m) | Ni (%) | Cu (%) | Pt+Pd (g/t)\n"
        "FX-25-014  | 212.0    | 268.5  | 56.5       | 0.41   | 0.12   | 0.18\n"
        "and        | 301.5    | 309.0  | 7.5        | 1.12   | 0.31   | 0.64\n"
        "FX-25-016  | no significant intersection\n"
        "FX-25-017  | 95.0     | 190.0  | 95.0       | 0.29   | 0.06   | 0.09\n"
        "including  | 120.0    | 141.5  | 21.5       | 0.52   | 0.11   | 0.21\n"
        "including  | 128.0    | 133.0  | 5.0        | 1.34   | 0.29   | 0.77\n"
    )
    assert _holes(capture) == [
        (
            "FX-25-014",
            Decimal("212"),
            Decimal("268.5"),
            Decimal("56.5"),
            Decimal("0.41"),
            "% Ni",
            None,
        ),
        (
            "FX-25-014",
            Decimal("301.5"),
            Decimal("309"),
            Decimal("7.5"),
            Decimal("1.12"),
            "% Ni",
            None,
        ),
        ("FX-25-017", Decimal("95"), Decimal("190"), Decimal("95"), Decimal("0.29"), "% Ni", None),
        (
            "FX-25-017",
            Decimal("120"),
            Decimal("141.5"),
            Decimal("21.5"),
            Decimal("0.52"),
            "% Ni",
            "FX-25-017",
        ),
        (
            "FX-25-017",
            Decimal("128"),
            Decimal("133"),
            Decimal("5"),
            Decimal("1.34"),
            "% Ni",
            "FX-25-017",
        ),
    ]
    assert _reasons(capture) == []


def test_a_true_width_column_is_not_the_interval_and_an_equivalent_grade_is_not_the_grade() -> None:
    capture = _read(
        "Hole\tFrom (m)\tTo (m)\tEst. true width (m)\tCore length (m)\tAgEq (g/t)\tAg (g/t)\n"
        "FX-25-031\t188.4\t203.9\t11.2\t15.5\t540\t412\n"
    )
    assert _holes(capture) == [
        (
            "FX-25-031",
            Decimal("188.4"),
            Decimal("203.9"),
            Decimal("15.5"),
            Decimal("412"),
            "g/t Ag",
            None,
        )
    ]


def test_indented_blocks_per_hole_give_each_interval_its_hole_and_parent() -> None:
    capture = _read(
        "Results by hole\n\n"
        "Hole FX25-03 (azimuth 090, dip -70, final depth 431 m)\n"
        "  18.0 m to 402.0 m: 384.0 m at 0.31% Cu, 0.012% Mo (0.43% CuEq)\n"
        "    including 54.0 m to 171.0 m: 117.0 m at 0.47% Cu, 0.019% Mo (0.66% CuEq)\n\n"
        "Hole FX25-04 (azimuth 270, dip -60, final depth 377 m)\n"
        "  6.5 m to 233.0 m: 226.5 m at 0.22% Cu, 0.008% Mo (0.30% CuEq)\n"
        "  and 288.0 m to 350.0 m: 62.0 m at 0.35% Cu, 0.015% Mo (0.48% CuEq)\n"
    )
    assert _holes(capture) == [
        ("FX25-03", Decimal("18"), Decimal("402"), Decimal("384"), Decimal("0.31"), "% Cu", None),
        (
            "FX25-03",
            Decimal("54"),
            Decimal("171"),
            Decimal("117"),
            Decimal("0.47"),
            "% Cu",
            "FX25-03",
        ),
        (
            "FX25-04",
            Decimal("6.5"),
            Decimal("233"),
            Decimal("226.5"),
            Decimal("0.22"),
            "% Cu",
            None,
        ),
        ("FX25-04", Decimal("288"), Decimal("350"), Decimal("62"), Decimal("0.35"), "% Cu", None),
    ]


def test_an_intercept_given_without_its_depth_is_left_out_with_an_ambiguity() -> None:
    capture = _read(
        "FX-25-018 intersected 2.07% Ni over 4.5 metres of massive sulphide. For comparison, the "
        "2024 discovery hole FX-24-01 returned 310 m of 0.28% Ni, including 40 m of 0.9% Ni.\n"
    )
    assert capture.holes == []
    reasons = _reasons(capture)
    assert len(reasons) == 3
    assert "FX-25-018: 4.5 m of 2.07 is given without its depth" in reasons[0]
    assert "FX-24-01" in reasons[1]


def test_a_drill_table_without_a_grade_column_it_knows_gives_no_figures_but_an_ambiguity() -> None:
    capture = _read(
        "Hole ID     From (m)   To (m)   Interval (m)   Result\n"
        "FX-25-031     42.0      78.5       36.5          3.12\n\n"
        "Hole ID     From (ft)   To (ft)   Length (ft)   Au (g/t)\n"
        "FX-25-032     42.0      78.5       36.5          3.12\n"
    )
    assert capture.holes == []
    assert _reasons(capture) == [
        "a drill table is left out: no column of it names a grade",
        "a drill table is left out: its lengths are in feet",
    ]


def test_a_row_that_does_not_line_up_with_the_heading_is_left_out_with_an_ambiguity() -> None:
    capture = _read(
        "Hole ID     From (m)   To (m)   Interval (m)   Au (g/t)\n"
        "FX-25-031     42.0      78.5       36.5          3.12\n"
        "FX-25-032     42.0      78.5       36.5\n"
    )
    assert [hole[0] for hole in _holes(capture)] == ["FX-25-031"]
    assert _reasons(capture) == [
        "a drill table row of FX-25-032 does not line up with the table's columns, so it is left "
        "out"
    ]


STUDY_HEAD = (
    "Acme Lithium Inc. (TSXV: ACL) announces a Pre-Feasibility Study for its Foxtail Project.\n\n"
)


def _figures(capture: Capture) -> dict[str, object]:
    return {key: figure.value for key, figure in capture.figures.items()}


def test_the_npv_at_the_rate_the_release_calls_its_base_case_is_the_npv() -> None:
    capture = _read(
        "  After-tax net present value (8%):           US$2.46 billion\n"
        "  After-tax net present value (10%):          US$1.71 billion\n"
        "  After-tax payback from start of production: 4.6 years\n"
        "  Mine life:                                  36 years\n\n"
        "The PFS base case uses an 8% discount rate.\n",
        head=STUDY_HEAD,
    )
    figures = _figures(capture)
    assert figures["npv"] == Decimal("2460") and figures["discount_rate"] == Decimal("8")
    assert figures["npv_basis"] == "after-tax" and figures["npv_currency"] == "USD"
    assert figures["payback"] == Decimal("4.6") and figures["mine_life"] == Decimal("36")
    assert [a.key for a in capture.ambiguities] == []


def test_npvs_at_two_rates_without_a_stated_base_rate_stay_an_ambiguity() -> None:
    capture = _read(
        "The after-tax NPV (8%) is US$2.46 billion and the after-tax NPV (10%) is US$1.71 "
        "billion.\n",
        head=STUDY_HEAD,
    )
    assert "npv" not in capture.figures
    assert [a.key for a in capture.ambiguities] == ["npv"]
    assert "2460, 1710" in capture.ambiguities[0].reason


def test_a_price_per_tonne_ends_its_sentence_so_a_spot_price_makes_no_case() -> None:
    capture = _read(
        "The after-tax NPV (8%) is US$2.46 billion at US$24,000/t LCE. Current spot prices are "
        "lower, at approximately US$10,500/t. At US$18,000/t the after-tax NPV (8%) would be "
        "US$1.18 billion.\n",
        head=STUDY_HEAD,
    )
    assert capture.alt_cases == []
    assert _figures(capture)["npv"] == Decimal("2460")


def test_a_site_menu_above_the_headline_and_a_mine_life_in_it_hide_neither_kind_nor_project() -> (
    None
):
    capture = read_release(
        "Acme Copper\n\nAbout\nFoxtail\nInvestors\nNews\n\nJune 3, 2025\n\n"
        "Acme Copper Delivers Updated PEA for Foxtail: NPV of US$1.27 Billion and 24-Year Mine "
        "Life\n\n"
        "VANCOUVER, June 3, 2025 -- Acme Copper Ltd. (TSX: ACU) announced an updated PEA for its "
        "Foxtail Copper-Gold Project.\n",
        "page.html",
    )
    assert capture.kind == "study"
    assert _figures(capture)["project"] == "Foxtail"
    assert _figures(capture)["study_type"] == "PEA"


def test_a_comparison_table_reads_only_the_latest_studys_column_with_its_unit_column() -> None:
    capture = _read(
        "Key metric\tUnit\t2025 PEA\t2022 PEA\tChange\n\n"
        "Copper price\tUS$/lb\t4.10\t3.60\t+14%\n"
        "Post-tax NPV (7%)\tUS$ M\t1,270\t884\t+44%\n"
        "Post-tax IRR\t%\t21.4\t17.9\t+3.5 pts\n"
        "Mine life\tyears\t24\t19\t+5\n"
        "AISC\tUS$/lb Cu\t2.18\t1.94\t+12%\n"
        "Post-tax payback\tyears\t3.9\t4.3\t-0.4\n",
        head=STUDY_HEAD,
    )
    figures = _figures(capture)
    assert figures["npv"] == Decimal("1270") and figures["npv_currency"] == "USD"
    assert figures["discount_rate"] == Decimal("7") and figures["irr"] == Decimal("21.4")
    assert figures["mine_life"] == Decimal("24") and figures["payback"] == Decimal("3.9")
    assert figures["aisc"] == Decimal("2.18") and figures["aisc_unit"] == "USD/lb"
    prices = [{k: f.value for k, f in price.items()} for price in capture.prices]
    assert prices == [{"commodity": "Cu", "price": Decimal("4.1"), "unit": "USD/lb"}]
    assert capture.alt_cases == [] and capture.ambiguities == []


def test_an_rns_acquisition_counts_only_the_vendors_consideration() -> None:
    capture = read_release(
        "RNS Number\t7315P\nCompany\tAcme Minerals plc\nTIDM\tACM\n\n"
        "This announcement contains inside information for the purposes of Article 7 of UK MAR.\n\n"
        "18 March 2026\n\n"
        "Acquisition of the Foxtail Tungsten Project and £2.0 million Placing\n\n"
        "Acme Minerals plc (AIM: ACM) has entered into an agreement with Minas del Foxtail S.L. "
        '(the "Vendor") to acquire a 100 per cent. interest in the Foxtail Tungsten Project for '
        "total consideration of £3.2 million, satisfied by £1.4 million in cash and the issue of "
        "24,000,000 new ordinary shares at 7.5 pence per share.\n\n"
        "The cash consideration of £1.4 million is payable as £900,000 on completion and £500,000 "
        "on the first anniversary of completion. The Vendor will retain a 1.5 per cent. net "
        "smelter return royalty, which Acme may reduce to 0.75 per cent. by paying £1,000,000 at "
        "any time.\n\n"
        "Acme has also raised £2.0 million through a placing of 26,666,667 new ordinary shares. "
        "Following admission of the Consideration Shares, the Company's issued share capital "
        "will be 312,480,140 ordinary shares.\n",
        "rns.html",
    )
    figures = _figures(capture)
    assert figures["interest_pct"] == Decimal("100")
    assert figures["counterparty"] == "Minas del Foxtail S.L."
    assert figures["cash"] == Decimal("1400000") and figures["cash_currency"] == "GBP"
    assert figures["shares"] == Decimal("24000000")
    amounts = sorted(o["amount"].value for o in capture.obligations if o["kind"].value == "cash")
    assert Decimal("1000000") not in amounts


def test_a_producing_mine_in_the_headline_is_named_without_the_adjective() -> None:
    capture = read_release(
        "Acme Royalty Acquires 2.0% NSR Royalty on the Producing Foxtail Gold Mine in Nevada\n\n"
        "Acme Royalty Corp. (TSX: ARC) has acquired a royalty on the Foxtail Gold Mine.\n",
        "royalty.txt",
    )
    assert _figures(capture)["project"] == "Foxtail"
