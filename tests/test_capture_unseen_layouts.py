"""Reading rules written to generalise to releases not tuned on (issue 13): bullets of more
kinds, wrapped lines, bracketed comparisons, issuers among several listed companies, study
tables by discount rate or caption, sections by case. Each on a short release."""

from decimal import Decimal

from tracker.capture.jsonout import capture_json
from tracker.capture.model import Capture
from tracker.capture.reader import read_release
from tracker.capture.sentences import split_sentences

STUDY = (
    "Acme Gold Corp. (TSXV: ACM) announces a Preliminary Economic Assessment for its Foxtail "
    "Gold Project, May 4, 2026.\n\n"
)


def _read(body: str, head: str = STUDY) -> Capture:
    return read_release(head + body, "test.txt")


def _values(capture: Capture) -> dict[str, object]:
    return {key: figure.value for key, figure in capture.figures.items()}


def _at(capture: Capture, key: str) -> str:
    """The words of the release a figure was read from."""
    span = capture.figures[key].span
    return capture.text[span.start : span.end]


def test_doubled_quote_marks_are_bullets_and_a_bracketed_comparison_leaves_the_rest() -> None:
    capture = _read(
        "All figures are in Australian dollars (A$) unless stated otherwise.\n\n"
        ">> Post-tax NPV8 of A$612 million (2023 PEA: A$388 million) and post-tax IRR of 24.7%\n"
        ">> Mine life of 13 years (2023 PEA: 9 years), underground and open pit\n"
        ">> Post-tax payback of 3.2 years from first concentrate\n"
    )
    values = _values(capture)
    assert (values["npv"], values["irr"]) == (Decimal(612), Decimal("24.7"))
    assert (values["mine_life"], values["payback"]) == (Decimal(13), Decimal("3.2"))


def test_a_bullet_wrapped_onto_an_indented_line_is_one_sentence_placed_in_the_release() -> None:
    capture = _read(
        "All currency references are in United States dollars.\n\n"
        "- Average C1 cash cost of $1.62 per pound of copper and all-in sustaining cost of $2.05\n"
        "  per pound of copper, net of gold credits\n"
        "- Initial capital cost of $1.18 billion and sustaining capital of $645\n"
        "  million over the life of mine\n"
    )
    values = _values(capture)
    assert (values["aisc"], values["aisc_unit"]) == (Decimal("2.05"), "USD/lb")
    assert values["sustaining_capex"] == Decimal(645)
    assert _at(capture, "aisc") == "$2.05"
    assert _at(capture, "sustaining_capex").startswith("$645")


def test_a_hard_wrapped_paragraph_is_joined_where_its_next_word_would_not_have_fitted() -> None:
    text = (
        "Key Lake Exploration Hits 5.2 Metres of 11.4% U3O8 at the Taiga Zone\n\n"
        "SASKATOON, Saskatchewan, March 10, 2025 - Key Lake Exploration Ltd.\n"
        "(TSX-V: KLX) is pleased to report assay results from the winter program\n"
        "at its Taiga Uranium Project in the eastern Athabasca Basin. The holes\n"
        "tested the Taiga conductor along 400 metres of strike to the north-east.\n\n"
        "Results\n\n"
        "Drill hole TG25-009 intersected 5.2 m of 11.4% U3O8 (from 402.1 to 407.3 m).\n"
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[1].startswith("SASKATOON") and "(TSX-V: KLX) is pleased" in sentences[1]
    assert "Results" in sentences
    assert read_release(text).figures["company"].value == "Key Lake Exploration Ltd."


def test_list_items_of_a_web_page_stand_alone() -> None:
    from tracker.capture.sources import html_to_text

    first = "29m @ 1.58% Li2O from 104m, including 11m @ 2.21% Li2O (WTRC0044) in the west"
    second = "22m @ 1.42% Li2O from 36m, including 8m @ 2.05% Li2O (WTRC0041) in the east"
    text = html_to_text(
        f"<h1>Acme Lithium Limited (ASX: ACL) drills 29 m of 1.58% Li2O</h1><ul>"
        f"<li>{first}</li><li>{second}</li></ul>"
    )
    assert [s.text for s in split_sentences(text)][1:] == [first, second]


def test_the_issuer_is_the_listed_company_the_release_calls_the_company() -> None:
    capture = read_release(
        "Brolga Copper grants Yarran Mining option to acquire Kalkaroo West copper project\n\n"
        "- Terms Sheet executed with Yarran Mining Limited (ASX: YRM) for an option to acquire "
        "100% of the Kalkaroo West Copper-Gold Project\n\n"
        'Brolga Copper Limited (ASX: BCU) ("Brolga" or "the Company") is pleased to announce '
        "that it has signed a Terms Sheet with Yarran Mining Limited.\n"
    )
    values = _values(capture)
    assert values["company"] == "Brolga Copper Limited"
    assert values["counterparty"] == "Yarran Mining Limited"


def test_exchanges_listed_together_and_an_alias_with_the_company_in_its_quotes() -> None:
    listed = read_release(
        "Updated PEA lifts Yarrabee value\n\n"
        'Tallowood Resources Limited (ASX/TSX: TLW) ("Tallowood" or "the Company") releases '
        'the updated PEA for the Yarrabee Nickel Sulphide Project ("Yarrabee" or "the '
        'Project").\n'
    )
    assert _values(listed)["company"] == "Tallowood Resources Limited"
    # The short name in brackets after the project is the project's own name.
    assert _values(listed)["project"] == "Yarrabee"
    quarterly = read_release(
        "JACARANDA RARE EARTHS LTD\n\nQUARTERLY ACTIVITIES REPORT\n\n"
        'Jacaranda Rare Earths Ltd ("Jacaranda" or "the Company") presents its activities '
        "report for the December 2025 quarter.\n"
    )
    assert _values(quarterly)["company"] == "Jacaranda Rare Earths Ltd"


def test_an_owner_before_a_project_and_a_description_after_an_article_are_no_names() -> None:
    owned = read_release(
        "Crownpoint Royalty Acquires Gold Stream on Verdeminas' Serra Azul Gold Mine\n\n"
        "Crownpoint Royalty, Inc. (NASDAQ: CRWN) announced a stream agreement.\n"
    )
    assert _values(owned)["company"] == "Crownpoint Royalty, Inc."
    assert _values(owned)["project"] == "Serra Azul"
    described = read_release(
        "Pre-Feasibility Study Confirms Kilnamanagh as a Low-Cost Zinc-Lead Mine\n\n"
        "Slieve Metals plc (AIM: SLV) announces the PFS for its Kilnamanagh Zinc-Lead Project.\n"
    )
    assert _values(described)["project"] == "Kilnamanagh"


def test_npv_columns_headed_by_their_rates_are_settled_by_the_base_case_rate() -> None:
    body = (
        "All figures are in US dollars unless otherwise noted.\n\n"
        "Metric                          8% discount    10% discount\n"
        "After-tax NPV (US$ million)     1,036          744\n"
    )
    settled = _read("The PFS base case uses an 8% discount rate.\n\n" + body)
    assert (settled.figures["npv"].value, settled.figures["discount_rate"].value) == (
        Decimal(1036),
        Decimal(8),
    )
    unsettled = _read(body)
    assert "npv" not in unsettled.figures
    assert any(a.key == "npv" for a in unsettled.ambiguities)


def test_a_table_caption_gives_its_money_unit_and_a_basis_column_its_basis() -> None:
    capture = _read(
        "Scoping Study financial summary (A$ million unless stated)\n\n"
        "                                 Pre-tax    Post-tax\n"
        "NPV10                            486        332\n"
        "IRR (%)                          38         31\n"
    )
    values = _values(capture)
    assert (values["npv"], values["npv_currency"], values["npv_basis"]) == (
        Decimal(332),
        "AUD",
        "after-tax",
    )
    assert (values["discount_rate"], values["irr"]) == (Decimal(10), Decimal(31))


def test_an_amount_in_brackets_after_another_is_its_conversion() -> None:
    capture = _read(
        "- Post-tax NPV at a real discount rate of 10% of R4.8 billion (US$262 million)\n"
        "- Post-tax real IRR of 21%\n"
    )
    values = _values(capture)
    assert (values["npv"], values["npv_currency"]) == (Decimal(4800), "ZAR")


def test_a_section_headed_by_a_case_without_a_label_is_no_part_of_the_base_case() -> None:
    capture = _read(
        "All figures are in US dollars.\n\n"
        "Phase 1 (base case)\n"
        "- After-tax NPV8 of $486 million and after-tax IRR of 24.5%\n"
        "- Mine life of 14 years\n\n"
        "Phase 1 + 2 case\n"
        "- After-tax NPV8 of $1,052 million and after-tax IRR of 21.0%\n"
        "- Mine life of 26 years\n\n"
        "Both cases use a long-term copper price of $4.00/lb.\n"
    )
    values = _values(capture)
    assert (values["npv"], values["irr"], values["mine_life"]) == (
        Decimal(486),
        Decimal("24.5"),
        Decimal(14),
    )
    assert capture_json(capture)["prices"] == [
        {"commodity": "Cu", "price": Decimal(4), "unit": "USD/lb"}
    ]
    assert "alt_cases" not in capture_json(capture)


def test_a_case_named_only_as_what_a_sentence_is_set_against_is_not_its_case() -> None:
    capture = _read(
        "At spot metal prices of US$32.50/oz silver and US$2,650/oz gold, the after-tax NPV "
        "(5%) is US$702 million.\n\n"
        "The PFS base case uses US$27.00/oz silver and US$2,200/oz gold.\n\n"
        "(The US$32.50/oz row holds gold at US$2,200/oz and so differs from the spot case.)\n"
    )
    spot = capture_json(capture)["alt_cases"][0]
    assert {p["commodity"]: p["price"] for p in spot["prices"]} == {
        "Ag": Decimal("32.5"),
        "Au": Decimal(2650),
    }


def test_a_superseded_study_and_a_quoted_short_form_of_the_keyword() -> None:
    capture = _read(
        "All amounts are in Canadian dollars ($) unless otherwise indicated.\n\n"
        '- After-tax net present value at a 5% discount rate ("NPV5%") of $612 M\n\n'
        "The Study supersedes the preliminary economic assessment of 2023, which estimated an "
        "after-tax NPV5% of $298 M.\n"
    )
    assert (capture.figures["npv"].value, capture.figures["npv_currency"].value) == (
        Decimal(612),
        "CAD",
    )


def test_a_study_sum_without_its_scale_word_is_not_taken_but_a_footnote_number_is_passed() -> None:
    capture = _read(
        "All amounts in US$.\n\n"
        "- Initial capital of $268 million1 and sustaining capital of $141\n"
        "- 1 Includes contingency.\n"
    )
    values = _values(capture)
    assert values["initial_capex"] == Decimal(268)
    assert "sustaining_capex" not in values


def test_a_forum_post_is_read_for_the_release_it_quotes() -> None:
    capture = read_release(
        "Re: ANN: Mt Carbine East Feasibility Study\n\n"
        "> Ironbark Tin Limited (ASX: ITL) is pleased to announce the Feasibility Study for the "
        "Mt Carbine East Tin Project.\n"
        ">\n"
        "> Key financial outcomes (A$, real, post-tax unless stated)\n"
        "> NPV8: $318M\n"
        "> IRR: 29%\n"
        "> Mine life: 11 years\n\n"
        "My own back of envelope puts the NPV closer to $450M at today's tin price.\n"
    )
    values = _values(capture)
    assert (values["npv"], values["npv_currency"], values["irr"]) == (
        Decimal(318),
        "AUD",
        Decimal(29),
    )
