"""Reading rules for layouts the first corpus lacked (issue 13): other wires, pipe and basis
tables, thousands columns, deal schedules, metal-equivalent grades. Each on a short release."""

from decimal import Decimal

from tracker.capture.jsonout import capture_json
from tracker.capture.model import Capture
from tracker.capture.reader import read_release

STUDY = (
    "Acme Gold Corp. (TSXV: ACM) announces a Preliminary Economic Assessment for its Foxtail "
    "Gold Project, May 4, 2026.\n\n"
)
DEAL = (
    "Acme Gold Corp. (TSXV: ACM) signs an option agreement with Birch Prospecting Ltd. for the "
    "Foxtail Gold Project, May 4, 2026.\n\n"
)
DRILL = "Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Gold Project.\n\n"


def _read(body: str, head: str) -> Capture:
    return read_release(head + body, "test.txt")


def _values(capture: Capture) -> dict[str, object]:
    return {key: figure.value for key, figure in capture.figures.items()}


def _holes(capture: Capture) -> list[dict[str, object]]:
    return [{key: figure.value for key, figure in hole.items()} for hole in capture.holes]


def test_a_pipe_table_is_read_by_its_columns_and_its_rule_row_is_skipped() -> None:
    capture = _read(
        "All figures are in US dollars unless otherwise stated.\n\n"
        "| Metric | Base Case | Spot Case |\n"
        "|---|---|---|\n"
        "| Pre-tax NPV (5%) (US$ M) | 1,118 | 2,486 |\n"
        "| After-tax NPV (5%) (US$ M) | 842 | 1,873 |\n"
        "| After-tax IRR (%) | 25.9 | 47.6 |\n"
        "| Initial capital (US$ M) | 612 | 612 |\n",
        STUDY,
    )
    data = capture_json(capture)
    assert (data["npv"], data["npv_basis"], data["irr"]) == (
        Decimal(842),
        "after-tax",
        Decimal("25.9"),
    )
    assert data["initial_capex"] == Decimal(612)
    # The spot case lists what differs from the base case only.
    assert data["alt_cases"] == [{"case": "spot", "npv": Decimal(1873), "irr": Decimal("47.6")}]
    assert not any("---" in sentence for sentence in capture.text.splitlines()[3:4])


def test_a_table_with_pre_tax_and_after_tax_columns_gives_each_value_its_basis() -> None:
    capture = _read(
        "Economic result\tPre-Tax\tAfter-Tax\n"
        "NPV @ 7% (US$ million)\t1,210\t806\n"
        "IRR (%)\t28.4\t22.9\n"
        "Payback (years)\t2.9\t3.4\n",
        STUDY,
    )
    values = _values(capture)
    assert values["npv"] == Decimal(806) and values["npv_basis"] == "after-tax"
    assert values["discount_rate"] == Decimal(7)
    assert values["irr"] == Decimal("22.9") and values["payback"] == Decimal("3.4")


def test_a_column_of_thousands_is_read_in_millions_and_a_yearly_row_is_no_total() -> None:
    capture = _read(
        "Item                                        Units        Value\n"
        "Net Present Value @ 8% (after tax)          US$000s      612,400\n"
        "Initial capital                             US$000s      1,045,000\n"
        "Sustaining capital (average per year)       US$000s      22,300\n",
        STUDY,
    )
    values = _values(capture)
    assert values["npv"] == Decimal("612.4") and values["discount_rate"] == Decimal(8)
    assert values["initial_capex"] == Decimal(1045) and values["capex_currency"] == "USD"
    assert "sustaining_capex" not in values


def test_after_taxes_and_before_taxes_name_the_basis() -> None:
    capture = _read(
        "The PEA estimates a net present value (5% discount rate) after taxes of US$214.6 million "
        "and an internal rate of return after taxes of 38.5%. Before taxes, the net present value "
        "is US$311.2 million and the internal rate of return is 49.1%.\n",
        STUDY,
    )
    values = _values(capture)
    assert values["npv"] == Decimal("214.6") and values["npv_basis"] == "after-tax"
    assert values["irr"] == Decimal("38.5") and values["discount_rate"] == Decimal(5)


def test_a_part_after_includes_is_not_the_figure() -> None:
    capture = _read(
        "Initial capital is estimated at US$612 million. Initial capital includes $74 million of "
        "contingency.\n",
        STUDY,
    )
    assert _values(capture)["initial_capex"] == Decimal(612)
    assert not [a for a in capture.ambiguities if a.key == "initial_capex"]


def test_a_decimal_rate_between_npv_and_its_value_ends_no_sentence() -> None:
    capture = _read(
        "Post-tax NPV at a 7.5% real discount rate of US$1.08 billion (R19.7 billion).\n", STUDY
    )
    values = _values(capture)
    assert values["npv"] == Decimal(1080) and values["discount_rate"] == Decimal("7.5")


def test_a_mine_life_in_words_and_years_added_to_it() -> None:
    read = _read(
        "Sustaining capital of US$96.7 million is spent over the nine-year life of mine.\n", STUDY
    )
    assert _values(read)["mine_life"] == Decimal(9)
    added = _read("The larger resource lets us add five years of mine life.\n", STUDY)
    assert "mine_life" not in _values(added)


def test_aisc_per_payable_silver_ounce() -> None:
    capture = _read(
        "All-in sustaining costs are estimated at US$14.20 per payable silver ounce.\n", STUDY
    )
    values = _values(capture)
    assert values["aisc"] == Decimal("14.20") and values["aisc_unit"] == "USD/oz"


def test_a_stated_consideration_is_the_total_and_a_placement_and_fee_shares_are_not() -> None:
    capture = _read(
        "Consideration of A$2.5 million in cash and 25,000,000 fully paid ordinary shares.\n\n"
        "The consideration for the Acquisition is A$2,500,000 in cash and 25,000,000 fully paid "
        "ordinary shares in the Company.\n\n"
        "The Company will raise A$3,900,000 through the issue of 60,000,000 shares at A$0.065 per "
        "share (Placement). The Lead Manager will receive 3,000,000 shares as a fee.\n\n"
        "The Company will then have 412,600,000 shares on issue.\n",
        DEAL,
    )
    values = _values(capture)
    assert (values["cash"], values["cash_currency"]) == (Decimal(2500000), "AUD")
    assert values["shares"] == Decimal(25000000)


def test_finders_shares_are_not_consideration() -> None:
    capture = _read(
        "Acme may earn a 100% interest by issuing 1,800,000 common shares. The Company will also "
        "issue 90,000 common shares to an arm's-length finder.\n",
        DEAL,
    )
    assert _values(capture)["shares"] == Decimal(1800000)


def test_a_payee_before_the_amount_and_the_next_payment_of_the_schedule() -> None:
    capture = _read(
        "Acme may earn an initial 51% interest by spending US$6.0 million on exploration, and a "
        "further 19% interest, for a total of 70%, by spending an additional US$9.0 million. "
        "Acme will pay Birch US$250,000 on signing and US$500,000 on completion of the second "
        "stage.\n",
        DEAL,
    )
    values = _values(capture)
    assert values["cash"] == Decimal(750000) and values["cash_currency"] == "USD"
    assert values["work_commitment"] == Decimal(15000000)
    assert values["interest_pct"] == Decimal(70)


def test_a_contingent_payment_leaves_the_cash_total_for_the_person() -> None:
    capture = _read(
        "Acme will pay Birch US$1.2 million in cash at closing. Birch will also receive a "
        "contingent payment of US$1.0 million if a Mineral Resource of more than 1.0 million "
        "ounces is declared.\n",
        DEAL,
    )
    assert "cash" not in capture.figures
    (ambiguity,) = [a for a in capture.ambiguities if a.key == "cash"]
    assert "not certain" in ambiguity.reason


def test_cash_per_share_of_a_merger_is_no_total() -> None:
    capture = _read(
        "Each shareholder will receive 0.185 of an Acme share and C$0.05 in cash for each Birch "
        "share held.\n",
        DEAL,
    )
    assert "cash" not in capture.figures


def test_a_metal_equivalent_grade_gives_way_to_the_elements_own_in_brackets() -> None:
    capture = _read(
        "Hole FX26-019 returned 15.2 m grading 4.12 g/t AuEq (3.61 g/t Au and 38.0 g/t Ag) from "
        "64.0 m to 79.2 m. Hole FX26-014 intersected 38.1 m (125.0 ft) of 2.84 g/t Au and "
        "41.2 g/t Ag (3.35 g/t AuEq) from 112.8 m to 150.9 m.\n",
        DRILL,
    )
    holes = _holes(capture)
    assert [(h["hole"], h["grade"], h["grade_unit"]) for h in holes] == [
        ("FX26-019", Decimal("3.61"), "g/t Au"),
        ("FX26-014", Decimal("2.84"), "g/t Au"),
    ]
    assert holes[1]["from_m"] == Decimal("112.8") and holes[1]["to_m"] == Decimal("150.9")


def test_intercepts_joined_by_and_share_the_hole_named_after_both() -> None:
    capture = _read("- 11m @ 1.61% Li2O from 120m and 6m @ 1.33% Li2O from 139m in YRC036\n", DRILL)
    assert [(h["hole"], h["from_m"]) for h in _holes(capture)] == [
        ("YRC036", Decimal(120)),
        ("YRC036", Decimal(139)),
    ]


def test_a_pipe_drill_table_with_nested_including_rows() -> None:
    capture = _read(
        "| Hole ID | From (m) | To (m) | Length (m) | Cu (%) | CuEq (%) |\n"
        "|---|---|---|---|---|---|\n"
        "| BP26-001 | 12.0 | 318.0 | 306.0 | 0.34 | 0.49 |\n"
        "| incl. | 48.0 | 162.0 | 114.0 | 0.52 | 0.75 |\n"
        "| BP26-003 | No significant intercepts | | | | |\n"
        "| BP26-004 | 30.0 | 402.0 | 372.0 | 0.38 | 0.55 |\n",
        DRILL,
    )
    holes = _holes(capture)
    assert [(h["hole"], h["grade"], "including" in h) for h in holes] == [
        ("BP26-001", Decimal("0.34"), False),
        ("BP26-001", Decimal("0.52"), True),
        ("BP26-004", Decimal("0.38"), False),
    ]
    assert all(h["grade_unit"] == "% Cu" for h in holes)


def test_a_business_wire_dateline_does_not_cut_the_company_name() -> None:
    capture = read_release(
        "Harrowgate Minerals Corp. Files Feasibility Study\n\n"
        "RENO, Nev.--(BUSINESS WIRE)--March 3, 2026--Harrowgate Minerals Corp. (NYSE American: "
        "HGM) today announced the results of a Feasibility Study.\n",
        "test.txt",
    )
    assert capture.figures["company"].value == "Harrowgate Minerals Corp."


def test_the_last_running_total_of_staged_interests_is_the_deals() -> None:
    stages = (
        "Stage 1: Acme may earn a 51% interest by incurring £2,000,000 of expenditure.\n\n"
        "Stage 2: Acme may earn a further 14% interest, for a total of 65%, by incurring a "
        "further £3,000,000 of expenditure.\n\n"
    )
    last = _read(
        stages + "Stage 3: Acme may earn a further 10% interest, for a total of 75%.\n", DEAL
    )
    assert _values(last)["interest_pct"] == Decimal(75)
    # A stage after the last running total takes the interest past it: left for the person.
    open_ended = _read(stages + "Stage 3: Acme may earn a further 10% interest.\n", DEAL)
    assert "interest_pct" not in open_ended.figures


def test_an_npv_and_irr_valued_together_respectively() -> None:
    capture = _read(
        "The PEA returns a post-tax net present value (5%) and internal rate of return of US$388 "
        "million and 29%, respectively, at base case prices of US$26.00/oz silver.\n\n"
        "At a silver price of US$32.00/oz, the post-tax NPV and IRR are US$561 million and 37%.\n",
        STUDY,
    )
    data = capture_json(capture)
    assert (data["npv"], data["irr"], data["discount_rate"]) == (
        Decimal(388),
        Decimal(29),
        Decimal(5),
    )
    assert data["npv_basis"] == "after-tax" and data["npv_currency"] == "USD"
    # The sentence at another silver price tests the economics: it is neither base nor a case.
    assert data["prices"] == [{"commodity": "Ag", "price": Decimal(26), "unit": "USD/oz"}]
    assert "alt_cases" not in data and not capture.ambiguities


def test_one_discount_rate_for_every_npv_and_a_payback_in_words() -> None:
    capture = _read(
        "The PEA calculates a pre-tax net present value (NPV), applying an 8% discount rate, of "
        "C$712-million. On an after-tax basis, the NPV comes to C$436-million, with an IRR of "
        "22%. Pre-production capital comes to C$418-million, with an estimated after-tax payback "
        "period of four years.\n",
        STUDY,
    )
    values = _values(capture)
    assert (values["npv"], values["npv_basis"]) == (Decimal(436), "after-tax")
    assert values["discount_rate"] == Decimal(8) and values["payback"] == Decimal(4)


def test_currency_codes_in_a_key_figures_table() -> None:
    capture = _read(
        "Gold price                                      USD 2,250/oz\n"
        "Initial capital expenditure (incl. contingency) USD 412 million\n"
        "AISC (USD/oz sold)                              1,166\n",
        STUDY,
    )
    data = capture_json(capture)
    assert data["prices"] == [{"commodity": "Au", "price": Decimal(2250), "unit": "USD/oz"}]
    assert (data["initial_capex"], data["capex_currency"]) == (Decimal(412), "USD")
    assert (data["aisc"], data["aisc_unit"]) == (Decimal(1166), "USD/oz")


def test_news_of_drilling_begun_is_other_news() -> None:
    capture = read_release(
        "Acme Copper Corp. Provides Exploration Update and Begins Drilling at Foxtail\n\n"
        "Acme Copper Corp. (TSXV: ACC) began a 3,000-metre program on July 2, 2026.\n",
        "test.txt",
    )
    assert capture.kind == "other"


def test_a_further_amount_of_a_schedule_is_never_its_total() -> None:
    capture = _read(
        "To exercise the option, Acme must incur exploration expenditures of $800,000 on or "
        "before the first anniversary, a further $1,200,000 on or before the second anniversary "
        "and a further $2,000,000 on or before the third anniversary. All amounts are in "
        "Canadian dollars. Acme may acquire an undivided seventy percent (70%) interest.\n",
        DEAL,
    )
    values = _values(capture)
    assert values["work_commitment"] == Decimal(4000000)
    assert values["interest_pct"] == Decimal(70)


def test_a_plain_currency_statement_sets_bare_dollars() -> None:
    capture = _read(
        "Figures are in Canadian dollars unless otherwise stated.\n\n"
        "After-tax NPV (7%): $742 million\nInitial capital cost: $698 million\n",
        STUDY,
    )
    values = _values(capture)
    assert (values["npv"], values["npv_currency"]) == (Decimal(742), "CAD")
    assert values["capex_currency"] == "CAD"
    coded = _read("All figures are in USD.\n\nAfter-tax NPV (7%): $742 million\n", STUDY)
    assert _values(coded)["npv_currency"] == "USD"


def test_a_study_only_commissioned_is_other_news() -> None:
    capture = read_release(
        "Acme Gold Corp. Engages Consultants for Foxtail Pre-Feasibility Study\n\n"
        "Acme Gold Corp. (TSXV: ACM) has engaged Basin Engineering LLC to lead a PFS. The 2024 "
        "PEA estimated an after-tax NPV5% of US$214 million.\n",
        "test.txt",
    )
    assert capture.kind == "other" and "npv" not in capture.figures


def test_capital_to_first_production_and_a_payback_counted_from_it() -> None:
    capture = _read(
        "• Capital cost to first production: A$742 million\n"
        "• Payback from first production: 4.2 years\n",
        STUDY,
    )
    values = _values(capture)
    assert (values["initial_capex"], values["capex_currency"]) == (Decimal(742), "AUD")
    assert values["payback"] == Decimal("4.2")


def test_a_quarterly_report_is_other_news_whatever_it_mentions() -> None:
    capture = read_release(
        "QUARTERLY ACTIVITIES REPORT\n\n"
        "Salt Lake Minerals Limited (ASX: SLM) presents its report. The Pre-Feasibility Study "
        "outlined a post-tax NPV8 of A$418 million. Drilling returned 19m @ 1.36% Li2O from 62m "
        "(MWRC088).\n",
        "test.txt",
    )
    assert capture.kind == "other" and "npv" not in capture.figures


def test_a_bound_on_the_payback_is_not_the_payback() -> None:
    capture = _read('"It pays back in a payback of under two years," said the CEO.\n', STUDY)
    assert "payback" not in capture.figures


def test_a_price_restated_in_another_currency_is_no_price_test() -> None:
    capture = _read(
        "The base case uses a gold price of US$2,400/oz (C$3,288/oz).\n\n"
        "At US$2,400/oz gold (C$3,288/oz), the after-tax NPV5% is C$702 million.\n",
        STUDY,
    )
    assert _values(capture)["npv"] == Decimal(702)


def test_a_heading_that_gives_the_basis_unless_stated() -> None:
    capture = _read(
        "PFS financial outcomes (real terms, post-tax unless stated)\n\n"
        "• NPV at an 8% discount rate: A$1.02 billion (US$663 million)\n"
        "• IRR: 23.5%\n"
        "• Pre-tax NPV8: A$1.51 billion\n",
        STUDY,
    )
    values = _values(capture)
    assert (values["npv"], values["npv_basis"]) == (Decimal(1020), "after-tax")
    assert values["npv_currency"] == "AUD" and values["irr"] == Decimal("23.5")


def test_an_intercept_starting_at_a_depth() -> None:
    capture = _read(
        "Core hole FX26-07 intersected 38.0 metres (124.7 feet) grading 5.21 g/t gold starting at "
        "312.3 metres (1,024.6 feet), including 9.1 metres (29.9 feet) grading 14.60 g/t gold "
        "starting at 325.5 metres.\n",
        DRILL,
    )
    assert [(h["from_m"], h["grade"], "including" in h) for h in _holes(capture)] == [
        (Decimal("312.3"), Decimal("5.21"), False),
        (Decimal("325.5"), Decimal("14.60"), True),
    ]


def test_a_forum_post_shortens_the_currency_statement_and_the_listing() -> None:
    capture = read_release(
        "Cerro Campana PEA just dropped, numbers below\n\n"
        "Copied from the release (Plateado Resources Corp., TSXV: PLR, Oct 2 2026). All figures "
        "US$.\n\n"
        "* **After-Tax NPV(5%): $320M**\n* Initial Capex: $187M\n",
        "test.txt",
    )
    values = _values(capture)
    assert values["company"] == "Plateado Resources Corp."
    assert (values["npv"], values["npv_currency"]) == (Decimal(320), "USD")
    assert values["capex_currency"] == "USD"


def test_a_grade_column_named_by_its_metal_word_or_with_subscripts() -> None:
    capture = _read(
        "Hole ID       From (m)    To (m)     Interval (m)    Gold (g/t)\n"
        "FX26-014      144.0       156.5      12.5            3.88\n\n"
        "Hole       From m    To m     Width m    Li₂O %\n"
        "FX26-020   41.0      68.0     27.0       1.52\n",
        DRILL,
    )
    assert [(h["hole"], h["grade"], h["grade_unit"]) for h in _holes(capture)] == [
        ("FX26-014", Decimal("3.88"), "g/t Au"),
        ("FX26-020", Decimal("1.52"), "% Li2O"),
    ]


def test_a_resource_estimate_released_with_a_study_is_a_study() -> None:
    capture = read_release(
        "Acme Gold Corp. Announces Updated Mineral Resource Estimate and Positive PEA for "
        "Foxtail\n\n"
        "Acme Gold Corp. (TSXV: ACM) announces the PEA. PEA Highlights (US$2,300/oz gold)\n\n"
        "- After-tax NPV5% of C$934 million\n",
        "test.txt",
    )
    assert capture.kind == "study" and _values(capture)["npv"] == Decimal(934)
    assert capture_json(capture)["prices"] == [
        {"commodity": "Au", "price": Decimal(2300), "unit": "USD/oz"}
    ]


def test_a_permit_to_drill_is_other_news_and_a_listing_may_precede_the_short_name() -> None:
    capture = read_release(
        "Galena Hill Silver Inc. Receives Permit to Drill the Silver Queen Property\n\n"
        'Galena Hill Silver Inc. (Nasdaq First North: GHS) ("Galena Hill" or the "Company") has '
        "received a permit.\n",
        "test.txt",
    )
    assert capture.kind == "other"
    assert capture.figures["company"].value == "Galena Hill Silver Inc."


def test_pre_tax_and_after_tax_values_paired_in_order() -> None:
    capture = _read(
        "All figures are in Canadian dollars. The pre-tax and after-tax NPV8 are $1.62 billion "
        "and $1.05 billion, respectively, with pre-tax and after-tax IRRs of 24.1% and 19.0%.\n",
        STUDY,
    )
    values = _values(capture)
    assert (values["npv"], values["npv_basis"], values["discount_rate"]) == (
        Decimal(1050),
        "after-tax",
        Decimal(8),
    )
    assert values["irr"] == Decimal(19)


def test_a_price_comprising_cash_and_shares_is_no_cash_total() -> None:
    capture = _read(
        "Acme will acquire the royalty for an aggregate purchase price of US$12.5 million, "
        "comprising US$10.0 million in cash and US$2.5 million in common shares.\n",
        DEAL,
    )
    assert _values(capture)["cash"] == Decimal(10000000)


def test_the_total_row_of_a_schedule_table() -> None:
    capture = _read(
        "All dollar amounts are in Canadian dollars.\n\n"
        "Date\tCash ($)\tShares\tExpenditures ($)\n"
        "On TSXV approval\t25,000\t250,000\t-\n"
        "First anniversary\t50,000\t250,000\t300,000\n"
        "Second anniversary\t75,000\t500,000\t700,000\n"
        "Total\t150,000\t1,000,000\t1,000,000\n",
        DEAL,
    )
    values = _values(capture)
    assert (values["cash"], values["cash_currency"]) == (Decimal(150000), "CAD")
    assert values["shares"] == Decimal(1000000)
    assert values["work_commitment"] == Decimal(1000000)


def test_a_life_of_mine_column_beside_a_first_years_column() -> None:
    capture = _read(
        "Item                               Units        LOM         Years 1-5\n"
        "All-in sustaining cost             US$/oz       1,092       968\n\n"
        "Economic results at US$2,250/oz gold\n",
        STUDY,
    )
    data = capture_json(capture)
    assert (data["aisc"], data["aisc_unit"]) == (Decimal(1092), "USD/oz")
    assert data["prices"] == [{"commodity": "Au", "price": Decimal(2250), "unit": "USD/oz"}]


def test_metallurgical_results_are_other_news() -> None:
    capture = read_release(
        "Acme Gold Corp. Metallurgical Test Work Returns 94% Gold Recovery\n\n"
        "Acme Gold Corp. (TSXV: ACM) reports test work on composites grading 1.1 g/t Au.\n",
        "test.txt",
    )
    assert capture.kind == "other"


def test_an_attributable_share_is_not_the_projects_npv_and_an_offtake_is_other_news() -> None:
    capture = _read(
        "Post-tax NPV10 of US$156 million and post-tax IRR of 41%.\n\n"
        "The Company's attributable share of the post-tax NPV10 is US$140 million.\n",
        STUDY,
    )
    assert _values(capture)["npv"] == Decimal(156)
    offtake = read_release(
        "Acme Graphite Inc. Signs Offtake Agreement with Major Battery Maker\n\n"
        "Acme Graphite Inc. (TSXV: ACG) signed an offtake. Its Feasibility Study estimated an "
        "after-tax NPV8 of C$1.03 billion.\n",
        "test.txt",
    )
    assert offtake.kind == "other"


def test_an_intercept_cited_from_an_earlier_release_and_drilling_under_way() -> None:
    capture = read_release(
        "DRILLING UNDERWAY AT FOXTAIL NORTH\n\n"
        "Acme Gold Ltd (ASX: ACM) has started a 12,000 m aircore program. It follows up 2025 "
        "results, which included 8m @ 3.1g/t Au from 24m in FXAC112 (ASX announcement 14 "
        "October 2025).\n",
        "test.txt",
    )
    assert capture.kind == "other" and capture.holes == []


def test_shares_given_in_exchange_for_the_project() -> None:
    capture = _read(
        "Acme will acquire a 100% interest in the Foxtail Project in exchange for 12,000,000 "
        "common shares, representing about 9.8% of its issued and outstanding shares.\n",
        DEAL,
    )
    assert _values(capture)["shares"] == Decimal(12000000)


def test_a_drill_release_with_no_intercept_and_no_word_of_results_is_other_news() -> None:
    rig = read_release(
        "Acme Gold Corp. Adds a Second Rig to the Foxtail Drilling Program\n\n"
        "Acme Gold Corp. (TSXV: ACM) has added a second rig; 14 holes are planned.\n",
        "test.txt",
    )
    assert rig.kind == "other"
    results = read_release(
        "Acme Gold Corp. Reports Drill Results from Foxtail\n\n"
        "Acme Gold Corp. (TSXV: ACM) reports that no hole met the reporting cut-off.\n",
        "test.txt",
    )
    assert results.kind == "drill"
