"""General reading rules from the first held-out set (issue 13), each on a short release."""

from decimal import Decimal

from tracker.capture.model import Capture
from tracker.capture.reader import read_release

DRILL_HEAD = "Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Gold Project.\n\n"


def _read(body: str, head: str = DRILL_HEAD) -> Capture:
    return read_release(head + body, "test.txt")


def _holes(capture: Capture) -> list[dict[str, object]]:
    return [{key: figure.value for key, figure in hole.items()} for hole in capture.holes]


def test_a_highlight_is_completed_by_the_table_row_of_the_same_intercept() -> None:
    capture = _read(
        "Highlights\n\n"
        "  * FX-25-031: 36.5 m of 3.12 g/t Au from 42.0 m, including 2.5 m of 11.30 g/t Au\n\n"
        "Table 1: Assay results\n\n"
        "Hole ID     From (m)   To (m)   Interval (m)   Au (g/t)\n"
        "FX-25-031     42.0      78.5       36.5          3.12\n"
        " including    51.0      53.5        2.5         11.30\n\n"
        "Intervals are core lengths.\n"
    )
    holes = _holes(capture)
    assert len(holes) == 2
    assert holes[0]["from_m"] == Decimal("42") and holes[0]["to_m"] == Decimal("78.5")
    assert holes[1]["from_m"] == Decimal("51") and holes[1]["to_m"] == Decimal("53.5")
    assert holes[1]["including"] == "FX-25-031"


def test_a_table_row_that_disagrees_with_the_highlight_is_its_own_intercept() -> None:
    capture = _read(
        "  * FX-25-031: 36.5 m of 3.12 g/t Au from 42.0 m\n\n"
        "Hole ID     From (m)   To (m)   Interval (m)   Au (g/t)\n"
        "FX-25-031     42.0      78.5       36.5          3.21\n\n"
        "Intervals are core lengths.\n"
    )
    assert [hole["grade"] for hole in _holes(capture)] == [Decimal("3.12"), Decimal("3.21")]


def test_a_hole_named_as_a_landmark_is_not_the_intercepts_hole() -> None:
    capture = _read(
        "FX-25-021, a 100 m step-down below FX-25-018, cut 19.0 m of 1.21% Li2O "
        "from 88.0 to 107.0 m.\n"
    )
    assert [hole["hole"] for hole in _holes(capture)] == ["FX-25-021"]


def test_trench_and_channel_samples_are_not_drill_intercepts() -> None:
    capture = _read(
        "FX-25-031 cut the zone 40 m below surface trenching that returned 12.0 m of "
        "2.45 g/t Au in 2024.\n\n"
        "Channel sampling returned 2.11% Li2O over 6.0 m in channel CH-25-04 and 1.63% Li2O "
        "over 4.0 m in channel CH-25-05.\n\n"
        "FX-25-032 returned 5.0 m of 1.10 g/t Au from 12.0 m.\n"
    )
    assert [hole["hole"] for hole in _holes(capture)] == ["FX-25-032"]


STUDY_HEAD = "Acme Gold Corp. (TSXV: ACM) reports a PEA for its Foxtail Gold Project.\n\n"
BASE = "The PEA shows an after-tax NPV5% of US$412 million and an after-tax IRR of 31.5%.\n\n"


def test_a_change_of_the_npv_is_not_the_npv() -> None:
    capture = _read(
        BASE + "A 10% increase in initial capital reduces the after-tax NPV5% by approximately "
        "US$33 million. At a gold price of US$2,600/oz, the after-tax NPV5% rises to "
        "US$640 million.\n",
        head=STUDY_HEAD,
    )
    assert capture.figures["npv"].value == Decimal("412")
    assert not capture.ambiguities


def test_a_sensitivities_section_and_paragraph_give_no_base_figures() -> None:
    for body in (
        "Economic Sensitivities\n\nAt a gold price of US$1,800/oz the after-tax NPV5% is "
        "US$301 million and the IRR 24.0%.\n\nCapital Costs\n\n"
        "Initial capital is US$186 million.\n",
        "Sensitivity: a 10% change in the gold price changes it by about US$60 million. At a "
        "gold price of US$1,800/oz the after-tax NPV5% is US$301 million.\n\n"
        "Initial capital is US$186 million.\n",
    ):
        capture = _read(BASE + body, head=STUDY_HEAD)
        assert capture.figures["npv"].value == Decimal("412"), body
        assert capture.figures["irr"].value == Decimal("31.5"), body
        assert capture.figures["initial_capex"].value == Decimal("186"), body
        assert not capture.ambiguities, body


def test_a_base_case_stated_at_its_price_is_still_read() -> None:
    capture = _read(
        "At a gold price of US$1,950/oz, the project has an after-tax NPV5% of US$331 million "
        "and an after-tax IRR of 47%.\n",
        head=STUDY_HEAD,
    )
    assert capture.figures["npv"].value == Decimal("331")
    assert capture.prices[0]["price"].value == Decimal("1950")


def test_a_list_of_assumed_prices_names_each_commodity_before_its_price() -> None:
    capture = _read(
        BASE + "- Assumed prices: nickel US$20,000/t and cobalt US$26,000/t, flat over the LOM.\n",
        head=STUDY_HEAD,
    )
    prices = {
        str(p["commodity"].value): (p["price"].value, p["unit"].value) for p in capture.prices
    }
    assert prices == {"Ni": (Decimal("20000"), "USD/t"), "Co": (Decimal("26000"), "USD/t")}


def test_a_commodity_word_before_money_outside_a_price_list_is_not_a_price() -> None:
    capture = _read(BASE + "Sales of nickel US$20,000/t were hedged.\n", head=STUDY_HEAD)
    assert capture.prices == []


def test_page_and_newswire_chrome_above_the_headline_does_not_hide_a_deal() -> None:
    capture = read_release(
        "We use cookies to improve your experience. Manage cookies Accept all\n\n"
        "RNS Number : 4821K\nAcme Tungsten PLC\n23 January 2025\n\n"
        'Acme Tungsten plc\n("Acme" or the "Company")\n\n'
        "Earn-in Agreement to Acquire up to 75 % of the Carn Ddu Tungsten Project\n\n"
        "Acme Tungsten plc (AIM: ACM) has entered into an earn-in agreement with Trefor Mining "
        "Limited under which Acme may earn up to 75 % of the Carn Ddu tungsten project.\n",
        "test.html",
    )
    assert capture.kind == "deal"
    assert (capture.title or "").startswith("Earn-in Agreement")
    assert capture.figures["deal_type"].value == "option"


def test_a_share_count_beside_its_schedule_is_the_total_not_added_to_it() -> None:
    capture = read_release(
        "Acme Gold Corp. Signs Letter of Intent to Acquire the Foxtail Project\n\n"
        "Acme Gold Corp. (CSE: ACM) will acquire a 100% interest in the Project from Beta "
        "Prospecting Ltd. in exchange for the issuance of 6,000,000 common shares, as follows:\n"
        "  • $250,000 in cash and 2,000,000 common shares on signing;\n"
        "  • $500,000 in cash and 2,000,000 common shares on the first anniversary; and\n"
        "  • $750,000 in cash and 2,000,000 common shares on the second anniversary.\n",
        "test.txt",
    )
    assert capture.figures["shares"].value == Decimal("6000000")


def test_a_stated_total_expenditure_wins_over_the_stages_restated_in_highlights() -> None:
    capture = read_release(
        "Acme Gold Corp. Signs Earn-in Agreement for the Foxtail Project\n\n"
        "Acme Gold Corp. (TSXV: ACM) may earn up to 75% of the Project from Beta Mining Ltd.\n\n"
        "  • Acme may earn 51% by spending C$2.0 million over 24 months.\n\n"
        "Stage 1: Acme earns 51% by incurring expenditure of C$2,000,000 within 24 months.\n\n"
        "Stage 2: Acme earns a further 24% by incurring a further C$3,000,000 of expenditure.\n\n"
        "Total expenditure to earn 75% is therefore C$5,000,000.\n",
        "test.txt",
    )
    assert capture.figures["work_commitment"].value == Decimal("5000000")


def test_a_lower_case_project_or_mine_after_its_owner_is_the_project() -> None:
    for text, name in (
        ("results from the Saguaro Wash porphyry copper project in Arizona.", "Saguaro Wash"),
        ("silver from the Company's Cerro Pardo silver-zinc mine in Mexico.", "Cerro Pardo"),
    ):
        capture = read_release(
            f"Acme Copper Reports Drill Results\n\nAcme Copper Corp. (TSXV: ACM) reports {text}\n",
            "test.txt",
        )
        assert capture.figures["project"].value == name


def test_a_mine_named_only_by_its_region_is_no_project() -> None:
    capture = read_release(
        "Acme Copper Reports Drill Results\n\nAcme Copper Corp. (TSXV: ACM) operates a Nevada "
        "gold mine and reports 10.0 m of 1.0 g/t Au from 5.0 m in hole AC-25-01.\n",
        "test.txt",
    )
    assert "project" not in capture.figures


def test_an_ampersand_is_part_of_a_counterpartys_name() -> None:
    capture = read_release(
        "Acme Silver Announces US$75 Million Silver Stream\n\n"
        "Acme Silver Corp. (TSX: ACM) has entered into a stream agreement with Keystone Royalty "
        "& Streaming Corp. on its Foxtail mine.\n",
        "test.txt",
    )
    assert capture.figures["counterparty"].value == "Keystone Royalty & Streaming Corp."
