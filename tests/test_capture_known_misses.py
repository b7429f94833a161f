"""Rules generalised from the fourth held-out set's misses and the g15 releases (issue 13),
each on a short release that the earlier rules read wrongly."""

from decimal import Decimal

from tracker.capture.model import Capture
from tracker.capture.reader import read_release


def _holes(capture: Capture) -> list[dict[str, object]]:
    return [{key: figure.value for key, figure in hole.items()} for hole in capture.holes]


def _values(capture: Capture) -> dict[str, object]:
    return {key: figure.value for key, figure in capture.figures.items()}


def test_a_line_of_listings_and_a_registered_number_are_not_the_headline() -> None:
    for header in ("(TSXV: ACM / FSE: 9AC)", "ABN 41 602 118 377\nASX: ACM"):
        capture = read_release(
            f"ACME GOLD CORP.\n{header}\n\nACME DRILLS 12.0 METRES OF 3.10 G/T AU AT FOXTAIL\n\n"
            'Acme Gold Corp. ("Acme") reports assays from its Foxtail Gold Project.\n\n'
            "FX-25-031 returned 12.0 m of 3.10 g/t Au from 42.0 m.\n",
            "test.txt",
        )
        assert (capture.title or "").startswith("ACME DRILLS"), header
        assert capture.kind == "drill"


def test_indented_arrow_bullets_are_a_list_not_a_forum_quote_of_the_release() -> None:
    capture = read_release(
        "ACME FOXTAIL DEFINITIVE FEASIBILITY STUDY CONFIRMS A LONG-LIFE GOLD MINE\n\n"
        "Acme Gold Limited (ASX: ACM) is pleased to release the Definitive Feasibility Study "
        "for its Foxtail Gold Project.\n\n"
        "KEY OUTCOMES\n\n"
        "  > Post-tax NPV8 of A$410 million and post-tax IRR of 31%\n"
        "  > Pre-production capital of A$188 million\n"
        "  > Payback of 2.1 years\n"
        "  > Initial 9-year mine life\n"
        "  > Sustaining capital of A$56 million\n\n"
        "The DFS uses a gold price of A$3,400/oz.\n",
        "test.txt",
    )
    values = _values(capture)
    assert values["company"] == "Acme Gold Limited"
    assert values["study_type"] == "FS"
    assert values["npv"] == Decimal("410")
    assert capture.prices and capture.prices[0]["price"].value == Decimal("3400")


def test_a_block_line_sets_its_depths_off_from_the_interval_by_a_column_gap() -> None:
    capture = read_release(
        "Acme Lithium Inc. reports drill results from its Foxtail Lithium Project.\n\n"
        "Hole FX-25-016   (azimuth 160, dip -50)\n"
        "    22.4 m to 71.9 m       49.5 m at 1.62% Li2O\n"
        "        including 30.0 m to 52.0 m       22.0 m at 2.08% Li2O\n\n"
        "Intervals are core lengths.\n",
        "test.txt",
    )
    holes = _holes(capture)
    assert [(h["from_m"], h["to_m"], h["grade"]) for h in holes] == [
        (Decimal("22.4"), Decimal("71.9"), Decimal("1.62")),
        (Decimal("30"), Decimal("52"), Decimal("2.08")),
    ]
    assert holes[1]["including"] == "FX-25-016" and "including" not in holes[0]


STUDY_HEAD = (
    "Acme Gold Corp. reports a Preliminary Economic Assessment for its Foxtail Gold Project.\n\n"
)


def test_the_years_of_the_operation_are_the_mine_life() -> None:
    for sentence, years in (
        ("The PEA outlines a 22-year open pit operation processing 25,000 tonnes per day.", "22"),
        ("A 16-year in-situ recovery (ISR) operation producing 2.4Mlbs U3O8 per annum.", "16"),
        ("The study plans a nine-year underground mine.", "9"),
    ):
        capture = read_release(STUDY_HEAD + sentence + "\n", "test.txt")
        assert _values(capture).get("mine_life") == Decimal(years), sentence


def test_an_extension_of_the_operation_is_not_its_mine_life() -> None:
    capture = read_release(
        STUDY_HEAD + "The Eastern Pit adds a further 5-year open pit operation to the plan.\n",
        "test.txt",
    )
    assert "mine_life" not in capture.figures


def test_a_payback_after_the_mine_life_is_not_the_mine_life() -> None:
    capture = read_release(STUDY_HEAD + "- 11-year mine life, payback of 2.4 years\n", "test.txt")
    values = _values(capture)
    assert values["mine_life"] == Decimal("11")
    assert values["payback"] == Decimal("2.4")


def test_the_base_rate_said_apart_settles_npvs_at_two_rates() -> None:
    for said in (
        "The Company uses a 5% discount rate for its base case.",
        "The Company has adopted the 5% discount rate as its base case.",
    ):
        capture = read_release(
            STUDY_HEAD + "- After-tax NPV5% of US$472 million and after-tax IRR of 27.5%.\n"
            "- After-tax NPV8% of US$351 million.\n\n" + said + "\n",
            "test.txt",
        )
        values = _values(capture)
        assert (values.get("npv"), values.get("discount_rate")) == (Decimal("472"), Decimal("5"))


def test_an_earlier_pre_feasibility_studys_npv_is_not_this_studys() -> None:
    capture = read_release(
        "Acme Gold Corp. reports a Feasibility Study for its Foxtail Gold Project. "
        "Oct. 6, 2025.\n\n"
        "- After-tax NPV5% of US$472 million and after-tax IRR of 27.5%.\n\n"
        '"Since the 2023 Pre-Feasibility Study, which showed an after-tax NPV5% of US$298 '
        'million, we have added reserves," said the CEO.\n',
        "test.txt",
    )
    assert _values(capture).get("npv") == Decimal("472")
    assert not [a for a in capture.ambiguities if a.key == "npv"]


def test_a_peruvian_sac_suffix_ends_the_counterpartys_name() -> None:
    capture = read_release(
        "Acme Copper Signs Option on the Foxtail Copper Project\n\n"
        "Acme Copper Corp. (TSXV: ACU) has entered into an option agreement with Minera "
        "Cordillera Blanca S.A.C., a private Peruvian company, to earn an 80% interest in the "
        "Foxtail Copper Project.\n",
        "test.txt",
    )
    assert _values(capture).get("counterparty") == "Minera Cordillera Blanca S.A.C."


def test_rare_earth_elements_are_no_part_of_the_projects_name() -> None:
    capture = read_release(
        "Acme Magnet Metals Inc. reports drill results from its Storvik Ionic Clay Rare Earth "
        "Elements Project.\n\nSV-26-012 returned 14.0 m of 4,820 ppm TREO from 0.0 m.\n",
        "test.txt",
    )
    assert _values(capture).get("project") == "Storvik"


def test_work_commitments_in_the_highlights_and_again_in_the_terms_count_once() -> None:
    capture = read_release(
        "Acme Nickel Secures Right to Earn 80% of the Foxtail Nickel Project\n\n"
        "Acme Nickel Ltd (ASX: ACN) has signed a farm-in agreement with Jindera Nickel Pty Ltd "
        "to earn up to 80% of the Foxtail Nickel Project.\n\n"
        "  - Staged earn-in: 51% by spending A$2.5 million within two years; a further 29% (80% "
        "in total) by spending a further A$4.0 million within the following two years\n\n"
        "Key terms\n\n"
        "1. Stage 1: Acme may earn a 51% interest by sole-funding A$2.5 million of exploration "
        "expenditure within two years of execution.\n"
        "2. Stage 2: Acme may earn a further 29% interest (for an aggregate 80%) by sole-funding "
        "a further A$4.0 million of exploration expenditure.\n",
        "test.txt",
    )
    work = capture.figures["work_commitment"]
    assert work.value == Decimal("6500000")


def test_equal_payments_due_at_different_times_are_all_counted() -> None:
    capture = read_release(
        "Acme Gold Signs Option on the Foxtail Gold Project\n\n"
        "Acme Gold Corp. (TSXV: ACM) may earn a 100% interest in the Foxtail Gold Project from "
        "Vendor Mining Ltd. All amounts are in Canadian dollars.\n\n"
        "Acme will incur $500,000 in exploration expenditures by the first anniversary.\n"
        "Acme will incur $500,000 in exploration expenditures by the second anniversary.\n",
        "test.txt",
    )
    assert capture.figures["work_commitment"].value == Decimal("1000000")


def test_the_interest_the_company_will_hold_is_the_deals_not_the_partners() -> None:
    capture = read_release(
        "Acme Copper Forms Joint Venture on the Foxtail Copper Project\n\n"
        "Acme Copper Ltd. (TSXV: ACU) has signed a joint venture agreement with Minera Condor "
        "SpA on the Foxtail Copper Project.\n\n"
        "  - Acme will hold a 70% participating interest in the joint venture; Minera Condor "
        "will hold the remaining 30%.\n"
        "  - Acme will fund the first US$5,000,000 of exploration, during which Minera Condor's "
        "30% interest is carried.\n",
        "test.txt",
    )
    assert _values(capture).get("interest_pct") == Decimal("70")


def test_a_currency_statement_may_name_the_release_before_the_currency() -> None:
    from tracker.capture.money import currency_statement

    said = "All dollar amounts in this news release are in Canadian dollars."
    assert currency_statement(said) == "CAD"


OPTION_HEAD = (
    "Acme Gold Options Up to 70% of the Foxtail Gold Property\n\n"
    "Acme Gold Inc. (TSXV: ACM) has entered into an option agreement with Vendor Prospecting "
    "Ltd. to earn up to a 70% interest in the Foxtail Gold Property. All amounts are in "
    "Canadian dollars.\n\n"
)


def test_a_last_stage_equal_to_the_sum_of_the_stages_before_is_a_payment_not_the_total() -> None:
    capture = read_release(
        OPTION_HEAD + "First Option (51%). Acme will issue 250,000 common shares on approval. "
        "To earn a 51% interest, Acme must issue a further 500,000 common shares by the second "
        "anniversary.\n\n"
        "Second Option (additional 19%, for 70%). Acme may earn an additional 19% interest by "
        "issuing 750,000 common shares.\n",
        "test.txt",
    )
    assert capture.figures["shares"].value == Decimal("1500000")


def test_a_total_stated_apart_from_any_stage_is_still_the_total() -> None:
    capture = read_release(
        OPTION_HEAD + "- Acme may earn a 51% interest by funding $4,000,000 of exploration.\n"
        "- Acme may earn a further 19% interest by funding a further $8,000,000.\n\n"
        '"Having a partner fund $12,000,000 of exploration lets us focus," said the CEO.\n',
        "test.txt",
    )
    assert capture.figures["work_commitment"].value == Decimal("12000000")


DRILL_HEAD = "Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Gold Project.\n\n"


def test_trade_press_intercepts_in_grams_gold_per_tonne_with_depths_in_brackets() -> None:
    capture = read_release(
        DRILL_HEAD + "Results include 5.2 metres (from 459.0 to 464.2 metres) of 9.2 grams gold "
        "per tonne in hole KE-84 and 0.8 metres (from 504.6 to 505.4 metres) grading 13.8 "
        "grams gold per tonne in hole KE-90.\n",
        "test.txt",
    )
    keys = ("hole", "from_m", "to_m", "grade", "grade_unit")
    assert [tuple(h[key] for key in keys) for h in _holes(capture)] == [
        ("KE-84", Decimal("459"), Decimal("464.2"), Decimal("9.2"), "g/t Au"),
        ("KE-90", Decimal("504.6"), Decimal("505.4"), Decimal("13.8"), "g/t Au"),
    ]


def test_an_intercept_within_a_lower_grade_interval_is_its_including_part() -> None:
    capture = read_release(
        DRILL_HEAD + "Hole KE-88 intercepted 1.5 metres grading 16.4 grams gold per tonne from "
        "554.3 metres, within a lower-grade 5.9-metre interval averaging 4.9 grams gold from "
        "552.0 metres.\n",
        "test.txt",
    )
    holes = _holes(capture)
    assert {(h["from_m"], h["interval_m"], "including" in h) for h in holes} == {
        (Decimal("554.3"), Decimal("1.5"), True),
        (Decimal("552"), Decimal("5.9"), False),
    }


def test_a_table_copied_one_cell_to_a_line_is_read_in_its_rows() -> None:
    cells = [
        "Parameter", "Value", "Units",
        "Life of Mine", "19", "Years",
        "Initial Capital Cost", "1,284", "US$M",
        "All-In Sustaining Cost", "2.11", "US$/lb Cu",
        "After-Tax NPV (8%)", "1,562", "US$M",
        "After-Tax IRR", "21.7", "%",
    ]  # fmt: skip
    text = STUDY_HEAD + "Table 1: Key results\n" + "".join(f"{c} |\n" for c in cells) + "\nEnd.\n"
    capture = read_release(text, "test.txt")
    values = _values(capture)
    assert values["npv"] == Decimal("1562") and values["npv_currency"] == "USD"
    assert values["discount_rate"] == Decimal("8") and values["irr"] == Decimal("21.7")
    assert values["initial_capex"] == Decimal("1284") and values["mine_life"] == Decimal("19")
    assert (values["aisc"], values["aisc_unit"]) == (Decimal("2.11"), "USD/lb")
    # The text is kept as pasted: each figure's place is in it.
    npv = capture.figures["npv"]
    assert capture.text[npv.span.start : npv.span.end] == "1,562"


def test_a_trade_article_spaced_thousands_build_cost_and_listed_company() -> None:
    capture = read_release(
        "Kopje proves up Tafelberg with US$412m NPV\n\n"
        "JOHANNESBURG (miningweekly.com) \u2013 JSE- and Aim-listed Kopje Goldfields plc has "
        "published a feasibility study on its Tafelberg gold project.\n\n"
        "The study calculated a post-tax NPV of US$412-million at an assumed gold price of "
        "US$1 950/oz, with an average all-in sustaining cost of US$1 085/oz.\n\n"
        "The project can be built for US$236-million.\n",
        "test.txt",
    )
    values = _values(capture)
    assert values["company"] == "Kopje Goldfields plc"
    assert (values["aisc"], values["initial_capex"]) == (Decimal("1085"), Decimal("236"))
    assert capture.prices and capture.prices[0]["price"].value == Decimal("1950")


def test_numbers_of_a_table_apart_by_a_space_are_not_one_amount() -> None:
    from tracker.capture.money import find_money

    amounts = [m.amount for m in find_money("Gold price (US$)  1 950  2 100", None)]
    assert Decimal("1950") not in amounts and Decimal("1950100") not in amounts


def test_a_table_comparing_an_updated_study_with_the_earlier_one_by_year() -> None:
    capture = read_release(
        STUDY_HEAD + "| Metric | Updated PFS (2026) | PFS (2024) |\n"
        "|---|---|---|\n"
        "| After-tax IRR | 19.2% | 16.5% |\n"
        "| Mine life | 26 years | 21 years |\n"
        "| After-tax payback | 4.4 years | 5.1 years |\n\nEnd.\n",
        "test.txt",
    )
    values = _values(capture)
    assert (values.get("irr"), values.get("mine_life"), values.get("payback")) == (
        Decimal("19.2"),
        Decimal("26"),
        Decimal("4.4"),
    )


def test_an_including_row_with_blank_collar_cells_lines_up_with_the_last_columns() -> None:
    capture = read_release(
        DRILL_HEAD + "Hole ID\tEasting\tNorthing\tDip\tFrom (m)\tTo (m)\tInterval (m)\tAu (g/t)\n"
        "BBRC021\t612450\t7834120\t-60\t38\t50\t12\t4.71\n"
        "incl.\t\t\t\t44\t47\t3\t14.2\n"
        "BBRC023\t612530\t7834160\t-60\t88\t92\t4\t1.18\n\nEnd.\n",
        "test.txt",
    )
    holes = _holes(capture)
    assert [(h["hole"], h["from_m"], h["to_m"], h["grade"]) for h in holes] == [
        ("BBRC021", Decimal("38"), Decimal("50"), Decimal("4.71")),
        ("BBRC021", Decimal("44"), Decimal("47"), Decimal("14.2")),
        ("BBRC023", Decimal("88"), Decimal("92"), Decimal("1.18")),
    ]
    assert holes[1]["including"] == "BBRC021"


def test_other_news_about_several_projects_names_none_of_them() -> None:
    capture = read_release(
        "Acme Gold Provides Corporate Update Ahead of Annual General Meeting\n\n"
        "Acme Gold Corp. (TSXV: ACM) provides a corporate update.\n\n"
        "- A PEA was completed on the Hearne Channel Gold Project in October.\n"
        "- Drilling began at the Company's Bluefish gold project.\n",
        "test.txt",
    )
    assert capture.kind == "other" and "project" not in capture.figures


def test_other_news_about_one_project_still_names_it() -> None:
    capture = read_release(
        "Acme Gold Provides Corporate Update\n\n"
        "Acme Gold Corp. (TSXV: ACM) provides an update on the Hearne Channel Gold Project.\n",
        "test.txt",
    )
    assert _values(capture).get("project") == "Hearne Channel"


def test_o_sub_bullets_with_the_hole_in_brackets_after_each_intercept() -> None:
    capture = read_release(
        "ASX ANNOUNCEMENT                                  4 November 2025\n\n"
        "ACME NICKEL LIMITED (ASX: ACN)\n\n"
        "HIGH-GRADE NICKEL SULPHIDES INTERSECTED AT FOXTAIL\n\n"
        "  • Drilling has intersected nickel sulphides in three holes, including:\n"
        "       o 12.4m @ 2.31% Ni from 188.6m (WBD031), incl. 4.1m @ 5.02% Ni from 192.0m\n"
        "       o 7.0m @ 1.64% Ni from 241.0m (WBD033)\n"
        "       o 3.2m @ 3.88% Ni from 305.3m (WBD034)\n",
        "test.txt",
    )
    assert (capture.title or "").startswith("HIGH-GRADE")
    holes = _holes(capture)
    assert [(h["hole"], h["from_m"], "including" in h) for h in holes] == [
        ("WBD031", Decimal("188.6"), False),
        ("WBD031", Decimal("192"), True),
        ("WBD033", Decimal("241"), False),
        ("WBD034", Decimal("305.3"), False),
    ]


def test_a_cases_npv_and_irr_stated_as_what_they_increase_to() -> None:
    capture = read_release(
        STUDY_HEAD + "The after-tax NPV8% is US$312 million and the after-tax IRR is 25.0%.\n\n"
        "Upside case\n\n"
        "At an upside zinc price of US$1.50/lb, the after-tax NPV8% and IRR increase to US$455 "
        "million and 33.1%, respectively.\n",
        "test.txt",
    )
    assert _values(capture)["npv"] == Decimal("312")
    upside = [case for case in capture.alt_cases if case.label == "upside"]
    assert upside and upside[0].figures["npv"].value == Decimal("455")
    assert upside[0].figures["irr"].value == Decimal("33.1")


def test_npv_and_irr_increasing_to_at_another_price_are_not_the_base_case() -> None:
    capture = read_release(
        STUDY_HEAD + "The after-tax NPV8% is US$312 million and the after-tax IRR is 25.0%.\n\n"
        "At US$2,500/oz gold, the after-tax NPV and IRR increase to US$455 million and 33.1%.\n",
        "test.txt",
    )
    values = _values(capture)
    assert (values["npv"], values["irr"]) == (Decimal("312"), Decimal("25.0"))
    assert not capture.alt_cases


def test_the_company_bought_is_the_counterparty_of_an_acquisition() -> None:
    capture = read_release(
        "Acme Gold Corp. to Acquire Tallow Creek Resources\n\n"
        "Acme Gold Corp. (TSXV: ACM) has entered into a share purchase agreement to acquire a "
        "100% interest in Tallow Creek Resources Ltd., a private company whose sole asset is "
        "the Morrow Gold Project.\n",
        "test.txt",
    )
    assert _values(capture).get("counterparty") == "Tallow Creek Resources Ltd."


def test_joint_venture_exploration_expenditures_are_the_work_commitment() -> None:
    capture = read_release(
        "Acme Copper Forms Joint Venture on the Foxtail Copper Project\n\n"
        "Acme Copper Ltd. (TSXV: ACU) has signed a joint venture agreement with Minera Condor "
        "SpA on the Foxtail Copper Project. All amounts are in US dollars.\n\n"
        "  - Acme will fund the first $5,000,000 of joint venture exploration expenditures.\n",
        "test.txt",
    )
    work = capture.figures["work_commitment"]
    assert work.value == Decimal("5000000")


def test_a_schedules_exploration_column_total_is_the_work_commitment() -> None:
    capture = read_release(
        OPTION_HEAD + "Date                    Cash ($)      Shares       Exploration ($)\n"
        "On signing                  25,000       250,000           -\n"
        "First anniversary           50,000       250,000       500,000\n"
        "Total                       75,000       500,000       500,000\n\nEnd.\n",
        "test.txt",
    )
    values = _values(capture)
    assert (values["cash"], values["shares"], values["work_commitment"]) == (
        Decimal("75000"),
        Decimal("500000"),
        Decimal("500000"),
    )


def test_a_basket_price_per_kilogram_of_total_rare_earth_oxide() -> None:
    capture = read_release(
        STUDY_HEAD + "All amounts are in US dollars.\n\n"
        "- Basket price of $68 per kilogram of total rare earth oxide (TREO)\n",
        "test.txt",
    )
    assert [(p["commodity"].value, p["price"].value, p["unit"].value) for p in capture.prices] == [
        ("REE", Decimal("68"), "USD/kg")
    ]


def test_a_site_menu_does_not_push_the_companys_listing_out_of_the_opening() -> None:
    items = ["Home", "About Us", "Projects", "Investors", "News", "ESG", "Contact", "Careers"]
    items += ["Media", "News \u203a 2025", "Subscribe", "Search"]
    menu = "".join(f"{item}\n\n" for item in items)
    capture = read_release(
        menu + "Halvard Announces Positive Pre-Feasibility Study for Whitefang\n\n"
        "VANCOUVER, B.C. \u2013 Halvard Copper Corp. (TSX: HVC) (\u201cHalvard\u201d or the "
        "\u201cCompany\u201d) is pleased to announce a PFS for its Whitefang Copper Project.\n",
        "test.txt",
    )
    assert _values(capture).get("company") == "Halvard Copper Corp."


def test_an_interval_from_a_depth_that_returned_a_grade() -> None:
    capture = read_release(
        DRILL_HEAD + "Farther down hole KE-88, a second interval of 1.5 metres from 638.3 metres "
        "returned 11.7 grams gold per tonne.\n",
        "test.txt",
    )
    assert [(h["hole"], h["from_m"], h["interval_m"], h["grade"]) for h in _holes(capture)] == [
        ("KE-88", Decimal("638.3"), Decimal("1.5"), Decimal("11.7"))
    ]


def test_the_years_of_building_or_closing_a_mine_are_not_its_life() -> None:
    for sentence in (
        "The study plans a two-year mine development before first ore.",
        "A 5-year mine closure and rehabilitation program follows.",
    ):
        capture = read_release(STUDY_HEAD + sentence + "\n", "test.txt")
        assert "mine_life" not in capture.figures, sentence


def test_a_headline_with_a_colon_is_not_a_listing() -> None:
    capture = read_release(
        "Acme Gold: Drill Results Extend the Foxtail Zone\n\n"
        "Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Gold Project.\n\n"
        "FX-25-031 returned 12.0 m of 3.10 g/t Au from 42.0 m.\n",
        "test.txt",
    )
    assert (capture.title or "").startswith("Acme Gold: Drill Results")
