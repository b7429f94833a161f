"""Reading releases: each rule on a short release, the traps, and that spans point at the words."""

from decimal import Decimal

from tracker.capture.jsonout import capture_json, dumps
from tracker.capture.model import Capture
from tracker.capture.reader import read_release

HEAD = "Acme Gold Corp. (TSXV: ACM) announces results for its Foxtail Gold Project.\n\n"


def _read(body: str, head: str = HEAD) -> Capture:
    return read_release(head + body, "test.txt")


def _value(capture: Capture, key: str) -> object:
    return capture.figures[key].value if key in capture.figures else None


def test_every_figure_points_at_its_words_and_its_sentence() -> None:
    capture = _read(
        "Acme Gold Corp. PEA Results\n\nThe PEA shows an after-tax NPV5% of US$412 million "
        "and an after-tax IRR of 31.5%. Initial capital is US$186 million.\n",
        head="Acme Gold Corp. (TSXV: ACM) reports a PEA for its Foxtail Gold Project.\n\n",
    )
    text = capture.text
    npv = capture.figures["npv"]
    assert text[npv.span.start : npv.span.end] == "US$412 million"
    assert text[npv.sentence.start : npv.sentence.end].startswith("The PEA shows")
    irr = capture.figures["irr"]
    assert text[irr.span.start : irr.span.end] == "31.5%"
    capex = capture.figures["initial_capex"]
    sentence = text[capex.sentence.start : capex.sentence.end]
    assert sentence == "Initial capital is US$186 million."
    assert capture.figures["company"].value == "Acme Gold Corp."
    assert capture.figures["project"].value == "Foxtail"


def test_a_currency_statement_gives_bare_dollars_their_currency() -> None:
    stated = _read(
        "The PFS outlines an after-tax NPV8% of $265 million. All amounts are in Canadian "
        "dollars unless otherwise stated.\n"
    )
    assert _value(stated, "npv") == Decimal(265)
    assert _value(stated, "npv_currency") == "CAD"
    unstated = _read("The PFS outlines an after-tax NPV8% of $265 million.\n")
    assert _value(unstated, "npv") == Decimal(265)
    assert "npv_currency" not in unstated.figures


def test_the_first_currency_of_a_converted_amount_is_taken() -> None:
    capture = _read("The PEA estimates an after-tax NPV8% of C$472 million (US$358 million).\n")
    assert (_value(capture, "npv"), _value(capture, "npv_currency")) == (Decimal(472), "CAD")


def test_after_tax_is_the_top_level_when_pre_tax_comes_first() -> None:
    capture = _read(
        "The PFS returns a pre-tax NPV7% of US$1.32 billion with a pre-tax IRR of 24.8%, and an "
        "after-tax NPV7% of US$905 million with an after-tax IRR of 19.9%.\n"
    )
    assert _value(capture, "npv") == Decimal(905)
    assert _value(capture, "npv_basis") == "after-tax"
    assert _value(capture, "irr") == Decimal("19.9")
    assert _value(capture, "discount_rate") == Decimal(7)


def test_figures_of_an_earlier_study_are_left_out() -> None:
    capture = _read(
        "The FS shows an after-tax NPV5% of C$1,025 million, compared to C$742 million in the "
        "2022 PFS. The 2022 PFS had estimated initial capital of C$520 million.\n",
        head="Acme Gold Corp. (TSXV: ACM) announces a feasibility study, May 12, 2025.\n\n",
    )
    assert _value(capture, "npv") == Decimal(1025)
    assert "initial_capex" not in capture.figures


def test_spot_case_figures_are_kept_apart_from_the_base_case() -> None:
    capture = _read(
        "Base case: after-tax NPV5% of US$318 million at US$2,050/oz gold. At spot prices of "
        "US$2,600/oz gold, the after-tax NPV5% rises to US$512 million.\n"
    )
    data = capture_json(capture)
    assert data["npv"] == Decimal(318)
    assert data["prices"] == [{"commodity": "Au", "price": Decimal(2050), "unit": "USD/oz"}]
    (spot,) = data["alt_cases"]
    assert spot["case"] == "spot" and spot["npv"] == Decimal(512)
    assert spot["prices"][0]["price"] == Decimal(2600)
    # The currency, basis and rate it shares with the base case are the base case's, not its own.
    assert not {"npv_currency", "npv_basis", "discount_rate"} & spot.keys()
    (case,) = capture.alt_cases
    assert case.figures["npv_currency"].value == "USD"


def test_two_values_for_one_figure_are_left_for_the_person_with_a_reason() -> None:
    capture = _read(
        "The PEA returns an after-tax NPV5% of $265 million and an after-tax NPV8% of $198 "
        "million.\n"
    )
    assert "npv" not in capture.figures
    (ambiguity,) = [a for a in capture.ambiguities if a.key == "npv"]
    assert "265" in ambiguity.reason and "198" in ambiguity.reason


def test_up_to_75_percent_in_three_stages_is_the_deal_interest() -> None:
    capture = _read(
        "Acme may earn a 51% interest by paying C$300,000 in cash. Acme may earn an additional "
        "14% interest by incurring C$2,500,000 in exploration expenditures. Acme may earn a "
        "further 10% interest, for an aggregate 75% interest, by completing a PEA.\n",
        head="Acme Gold Corp. (TSXV: ACM) signs option agreement to earn up to 75% of Foxtail "
        "from Beta Metals Inc.\n\n",
    )
    assert capture.kind == "deal"
    assert _value(capture, "deal_type") == "option"
    assert _value(capture, "interest_pct") == Decimal(75)
    assert _value(capture, "counterparty") == "Beta Metals Inc."
    assert _value(capture, "cash") == Decimal(300_000)
    assert _value(capture, "work_commitment") == Decimal(2_500_000)
    assert [step["interest_pct"].value for step in capture.steps] == [51, 14, 10]


def test_shares_and_cash_in_one_sentence_are_both_read() -> None:
    capture = _read(
        "Acme will pay US$7.5 million in cash and issue 12,500,000 common shares on closing.\n",
        head="Acme Gold Corp. (TSXV: ACM) to acquire the Foxtail Project.\n\n",
    )
    assert _value(capture, "cash") == Decimal(7_500_000)
    assert _value(capture, "cash_currency") == "USD"
    assert _value(capture, "shares") == Decimal(12_500_000)
    kinds = sorted(str(o["kind"].value) for o in capture.obligations)
    assert kinds == ["cash", "shares"]


def test_a_drill_table_with_an_including_row() -> None:
    capture = _read(
        "Hole ID\tFrom (m)\tTo (m)\tInterval (m)\tAu (g/t)\n"
        "FX-25-01\t56.0\t98.0\t42.0\t2.61\n"
        "incl.\t60.0\t66.5\t6.5\t11.20\n"
        "FX-25-02\t12.0\t20.0\t8.0\t0.95\n",
        head="Acme Gold Corp. (TSXV: ACM) drills 42 m of 2.61 g/t Au at Foxtail Gold Project.\n\n",
    )
    assert capture.kind == "drill"
    holes = capture_json(capture)["holes"]
    assert holes[1] == {
        "hole": "FX-25-01",
        "from_m": Decimal(60),
        "to_m": Decimal("66.5"),
        "interval_m": Decimal("6.5"),
        "grade": Decimal("11.2"),
        "grade_unit": "g/t Au",
        "including": "FX-25-01",
    }
    assert [h["hole"] for h in holes] == ["FX-25-01", "FX-25-01", "FX-25-02"]


def test_prose_intercepts_in_feet_are_left_out() -> None:
    capture = _read(
        "FX-25-03 intersected 12.4 m of 9.85% Zn from 310.2 m. FX-25-04 intersected 55.0 feet "
        "of 6.10% Zn.\n",
        head="Acme Zinc Corp. (TSXV: ACZ) reports drill results from the Foxtail Project.\n\n",
    )
    assert [(h["hole"].value, h["grade"].value) for h in capture.holes] == [
        ("FX-25-03", Decimal("9.85"))
    ]


def test_the_json_text_writes_decimals_exactly() -> None:
    capture = _read("The PFS shows an after-tax NPV8% of US$1.23456789 billion.\n")
    text = dumps(capture_json(capture))
    assert '"npv": 1234.56789,' in text
    assert '"npv_currency": "USD"' in text


def test_text_without_figures_is_other_news_with_nothing_found() -> None:
    capture = read_release("Board changes\n\nThe company appoints a new chair.\n")
    assert capture.kind == "other"
    assert capture_json(capture) == {"kind": "other"}
    assert read_release("").figures == {}


def test_stages_without_a_stated_total_leave_the_interest_out() -> None:
    capture = _read(
        "Acme may earn a 51% interest by paying C$300,000 in cash, and a further 19% interest "
        "by completing a PEA.\n",
        head="Acme Gold Corp. (TSXV: ACM) signs option agreement on Foxtail Project.\n\n",
    )
    assert capture.kind == "deal"
    assert "interest_pct" not in capture.figures


def test_figures_the_json_leaves_out_are_kept_as_details() -> None:
    study = _read(
        "The PFS shows an after-tax NPV5% of US$412 million. The plant will process 12,500 "
        "tonnes per day, with average annual gold production of 118,000 ounces. C1 cash costs "
        "average US$1.72/lb copper.\n"
    )
    details = {key: figure.value for key, figure in study.details.items()}
    assert details == {
        "throughput": Decimal(12500),
        "throughput_unit": "tonnes per day",
        "annual_production": Decimal(118000),
        "production_unit": "oz",
        "cash_cost": Decimal("1.72"),
        "cash_cost_unit": "USD/lb",
    }
    assert "throughput" not in capture_json(study)
    stream = _read(
        "Apex will make an upfront deposit of US$150 million for 4.5% of payable nickel. Acme "
        "keeps a 2% NSR royalty.\n",
        head="Acme Nickel Corp. (TSX: ACN) signs a streaming agreement on its Foxtail Project.\n\n",
    )
    assert stream.details["deposit"].value == Decimal(150_000_000)
    assert stream.details["deposit_currency"].value == "USD"
    assert stream.details["nsr_pct"].value == Decimal(2)
    assert "cash" not in stream.figures


def test_a_resource_estimate_is_other_news_in_the_json() -> None:
    capture = _read(
        "Indicated resources total 412 million tonnes at 0.38% Cu.\n",
        head="Acme Copper Corp. (TSX: ACC) announces a mineral resource estimate for its Foxtail "
        "Project.\n\n",
    )
    assert capture.kind == "resource"
    assert capture_json(capture)["kind"] == "other"


def test_grade_over_interval_and_hole_ids_that_start_with_the_year() -> None:
    capture = _read(
        "Hole 24-FX-007 returned 2.35 g/t Au over 45.0 m from 120.0 m, including 7.80 g/t Au "
        "over 10.0 m. Hole FX-24-008 returned 1.1 g/t Au over 30 feet.\n",
        head="Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Project.\n\n",
    )
    holes = capture_json(capture)["holes"]
    assert holes == [
        {"hole": "24-FX-007", "from_m": Decimal(120), "interval_m": Decimal(45),
         "grade": Decimal("2.35"), "grade_unit": "g/t Au"},
        {"hole": "24-FX-007", "interval_m": Decimal(10), "grade": Decimal("7.8"),
         "grade_unit": "g/t Au", "including": "24-FX-007"},
    ]  # fmt: skip


def test_a_table_row_that_does_not_line_up_with_its_heading_is_left_out() -> None:
    capture = _read(
        "Hole ID\tZone\tFrom (m)\tTo (m)\tInterval (m)\tAu (g/t)\n"
        "FX-25-01\tMain\t56.0\t98.0\t42.0\t2.61\n"
        "incl.\t60.0\t66.5\t6.5\t11.20\n",
        head="Acme Gold Corp. (TSXV: ACM) drills 42 m of 2.61 g/t Au at Foxtail Gold Project.\n\n",
    )
    assert [(h["hole"].value, h["from_m"].value) for h in capture.holes] == [
        ("FX-25-01", Decimal(56))
    ]


def test_a_headline_in_capitals_is_not_taken_for_the_project_name() -> None:
    capture = read_release(
        "Acme Lithium Limited (ASX: ACL) Feasibility Study Confirms Tier-One Spodumene Project\n\n"
        "Acme Lithium Limited is pleased to release the study for its Mount Edna Lithium Project."
        "\n"
    )
    assert capture.figures["project"].value == "Mount Edna"
