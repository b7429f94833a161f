"""Deal and drill rules written to generalise to releases not tuned on (issue 13): totals a
release states as such, payments that cannot be summed, a stream's advance, staged interests;
pronouns, "within", bracketed grades, tables with feet, unit rows, digit ids and units in
cells. Each on a short release; a reading that could go two ways gives an ambiguity."""

from decimal import Decimal

from tracker.capture.model import Capture
from tracker.capture.reader import read_release

DEAL = (
    "Acme Gold Corp. (TSXV: ACM) signs an option agreement with Birch Prospecting Ltd. for the "
    "Foxtail Gold Project, May 4, 2026.\n\n"
)
DRILL = "Acme Gold Corp. (TSXV: ACM) reports drill results from its Foxtail Gold Project.\n\n"


def _read(body: str, head: str) -> Capture:
    return read_release(head + body, "test.txt")


def _values(capture: Capture) -> dict[str, object]:
    return {key: figure.value for key, figure in capture.figures.items()}


def _holes(capture: Capture) -> list[tuple[object, ...]]:
    keys = ("hole", "from_m", "to_m", "interval_m", "grade", "grade_unit", "including")
    return [tuple(hole[k].value if k in hole else None for k in keys) for hole in capture.holes]


def test_a_sentence_that_states_the_totals_wins_over_the_schedule_it_sums() -> None:
    capture = _read(
        "To exercise the Option, the Company must:\n\n"
        "1. pay C$20,000 in cash on signing;\n"
        "2. pay C$40,000 and issue 500,000 common shares on the first anniversary;\n"
        "3. pay C$60,000 and issue 1,000,000 common shares on the second anniversary; and\n"
        "4. incur C$500,000 of exploration expenditures by the third anniversary.\n\n"
        "In aggregate, the Company will pay C$120,000 in cash, issue 1,500,000 common shares "
        "and incur C$500,000 in exploration expenditures.\n",
        DEAL,
    )
    values = _values(capture)
    assert (values["cash"], values["cash_currency"]) == (Decimal(120000), "CAD")
    assert (values["shares"], values["work_commitment"]) == (Decimal(1500000), Decimal(500000))


def test_the_amounts_that_lead_into_a_schedule_are_its_totals() -> None:
    capture = _read(
        "Acme will acquire 100% of the Project for A$4.5 million in cash and 30,000,000 fully "
        "paid ordinary shares, payable as follows:\n\n"
        "(a) A$1.5 million on completion;\n"
        "(b) A$3.0 million on the first anniversary; and\n"
        "(c) the issue of 30,000,000 shares on completion.\n",
        DEAL,
    )
    values = _values(capture)
    assert (values["cash"], values["shares"]) == (Decimal(4500000), Decimal(30000000))


def test_an_amount_for_each_of_several_and_an_earlier_agreement_are_no_totals() -> None:
    capture = _read(
        "Birch will pay Acme option fees totalling AU$150,000. During the due diligence period "
        "Birch must spend at least AU$80,000 on each tenement.\n\n"
        "The agreement replaces the original agreement of 2024, under which Birch would have "
        "spent AU$2 million on exploration.\n",
        DEAL,
    )
    values = _values(capture)
    assert (values["cash"], values["cash_currency"]) == (Decimal(150000), "AUD")
    assert "work_commitment" not in values


def test_a_payment_split_between_cash_and_shares_leaves_both_totals_to_the_person() -> None:
    capture = _read(
        "Acme will pay Birch €15,000 in cash and issue 500,000 common shares to earn a 60% "
        "interest. To reach a 100% interest, Acme must pay Birch €800,000 within five years, "
        "half in cash and half in Acme shares.\n",
        DEAL,
    )
    values = _values(capture)
    assert "cash" not in values and "shares" not in values
    assert {a.key for a in capture.ambiguities} >= {"cash", "shares"}
    assert values["interest_pct"] == Decimal(100)


def test_a_streams_advance_payment_is_its_deposit_not_cash() -> None:
    capture = read_release(
        "Crownpoint Royalty Acquires Gold Stream on the Serra Azul Gold Mine\n\n"
        "Crownpoint Royalty Inc. (NASDAQ: CRWN) has entered into a stream agreement with "
        "Verdeminas Mineracao S.A. for gold produced from the Serra Azul Gold Mine.\n\n"
        "- Crownpoint will make an advance payment of US$100 million on closing.\n"
    )
    assert capture.figures["deal_type"].value == "stream"
    assert "cash" not in capture.figures


def test_a_staged_interest_raised_in_steps_ends_at_the_last_stage() -> None:
    capture = _read(
        "Acme will pay C$15,000 to earn a 60% interest. A further cash payment of C$15,000 "
        "within three months will increase its interest to 80%. To acquire the remaining 20% "
        "and reach a 100% interest, Acme must complete a feasibility study.\n",
        DEAL,
    )
    assert capture.figures["interest_pct"].value == Decimal(100)


def test_an_operator_named_by_operated_by_is_no_counterparty() -> None:
    capture = read_release(
        "Argentum Royalty Acquires 2% NSR Royalty on the Santa Rosa Silver Project\n\n"
        "Argentum Royalty Corp. (TSXV: AGR) has acquired a 2.0% net smelter return royalty on "
        "the Santa Rosa Silver Project from a private individual.\n\n"
        "The project is operated by Minera Sierra Alta S.A., a subsidiary of Sierra Alta Silver "
        "Inc. (TSX: SAS).\n"
    )
    assert "counterparty" not in capture.figures


def test_it_and_the_hole_refer_to_the_hole_the_sentence_before_named() -> None:
    capture = _read(
        "Hole GN-25-03 was collared in the centre of the chargeability high. It intersected "
        "386.0 metres grading 0.48% Cu and 0.31 g/t Au (0.71% CuEq) from 24.0 to 410.0 metres. "
        "A second zone lower in the hole returned 1.18% Cu over 12.0 metres from 442.0 metres.\n",
        DRILL,
    )
    assert _holes(capture) == [
        ("GN-25-03", Decimal(24), Decimal(410), Decimal(386), Decimal("0.48"), "% Cu", None),
        ("GN-25-03", Decimal(442), None, Decimal(12), Decimal("1.18"), "% Cu", None),
    ]


def test_an_intercept_within_a_longer_one_is_its_part() -> None:
    capture = _read(
        "CNRC078 returned: 10m @ 1.4% Cu, 1.1% Zn and 0.15g/t Au from 178m within 16m @ 1.0% "
        "Cu and 0.7% Zn from 173m.\n",
        DRILL,
    )
    assert _holes(capture) == [
        ("CNRC078", Decimal(178), None, Decimal(10), Decimal("1.4"), "% Cu", "CNRC078"),
        ("CNRC078", Decimal(173), None, Decimal(16), Decimal(1), "% Cu", None),
    ]


def test_a_grade_in_brackets_before_the_element_and_a_year_first_hole_id() -> None:
    capture = _read(
        "§ 25WBRA011 0.5m @ 3,186ppm (0.319%) eU3O8 from 76.2m\n"
        "§ 25WBRA012 0.6m @ 1,710ppm (0.171%) eU3O8 from 63.1m\n",
        DRILL,
    )
    assert [(h[0], h[1], h[4], h[5]) for h in _holes(capture)] == [
        ("25WBRA011", Decimal("76.2"), Decimal(3186), "ppm eU3O8"),
        ("25WBRA012", Decimal("63.1"), Decimal(1710), "ppm eU3O8"),
    ]


def test_a_table_with_feet_beside_metres_is_read_by_its_metric_columns() -> None:
    capture = _read(
        "Hole       From (m)   To (m)    Length (m)   Length (ft)   Au (g/t)   Au (oz/ton)\n"
        "CB25-003   64.0       109.7     45.7         150           1.12       0.033\n",
        DRILL,
    )
    assert _holes(capture) == [
        (
            "CB25-003",
            Decimal(64),
            Decimal("109.7"),
            Decimal("45.7"),
            Decimal("1.12"),
            "g/t Au",
            None,
        )
    ]
    feet_only = _read(
        "Hole        From (ft)   To (ft)   Length (ft)   Au (opt)\n"
        "SB-26-04    120         205       85            0.042\n",
        DRILL,
    )
    assert feet_only.holes == []
    assert any("feet" in a.reason for a in feet_only.ambiguities)


def test_a_row_of_units_under_the_heading_names_its_columns() -> None:
    capture = _read(
        "Drillhole     From      To        Interval   Cu      Au      CuEq\n"
        "              (m)       (m)       (m)        (%)     (g/t)   (%)\n"
        "QH-26-021     188.0     600.0     412.0      0.52    0.11    0.64\n",
        DRILL,
    )
    assert _holes(capture) == [
        ("QH-26-021", Decimal(188), Decimal(600), Decimal(412), Decimal("0.52"), "% Cu", None)
    ]


def test_digit_hole_ids_and_a_pipe_tables_empty_cell() -> None:
    capture = _read(
        "| Hole | From (m) | To (m) | Length (m) | Au (g/t) | Zone |\n"
        "|---|---|---|---|---|---|\n"
        "| 78-885 | 212.4 | 215.4 | 3.0 | 15.44 | Hanging wall |\n"
        "| including | 213.6 | 214.2 | 0.6 | 54.7 | |\n",
        DRILL,
    )
    assert [(h[0], h[1], h[4], h[6]) for h in _holes(capture)] == [
        ("78-885", Decimal("212.4"), Decimal("15.44"), None),
        ("78-885", Decimal("213.6"), Decimal("54.7"), "78-885"),
    ]


def test_a_grade_column_named_by_its_element_takes_the_unit_from_its_cells() -> None:
    capture = _read(
        "Hole ID      From (m)   To (m)    Interval (m)   Au\n"
        "NF25-001     44.0       65.0      21.0           3.12 g/t\n"
        "NF25-002     118.0      127.0     9.0            1.46\n",
        DRILL,
    )
    assert [(h[0], h[4], h[5]) for h in _holes(capture)] == [
        ("NF25-001", Decimal("3.12"), "g/t Au")
    ]
    assert any("has no unit" in a.reason for a in capture.ambiguities)


def test_other_news_does_not_report_the_intercepts_it_quotes() -> None:
    capture = read_release(
        "Kerr Basin Gold to Present at the PDAC 2026 Convention\n\n"
        "Kerr Basin Gold Corp. (TSXV: KBG) will present its Kerrs Gold Project, including the "
        "2025 pre-feasibility study, which outlined an after-tax NPV5% of C$455 million, and "
        "recent drilling that returned 18.0 metres of 4.10 g/t Au from 212.0 metres in hole "
        "KG-25-088.\n"
    )
    assert capture.kind == "other"
    assert capture.holes == [] and "npv" not in capture.figures
