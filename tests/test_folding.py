"""Folding text as an investor types it, and the key names sort by (``tracker.folding``)."""

import pytest

from tracker.folding import fold, name_key, natural_order


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Éléonore", "eleonore"),
        ("QUÉBEC", "quebec"),
        ("Straße", "strasse"),
        ("STRAẞE", "strasse"),
        ("Æbelø", "aebelo"),
        ("Ørsted", "orsted"),
        ("Œuvre", "oeuvre"),
        ("Łódź", "lodz"),
        ("Þórsmörk", "thorsmork"),
        ("İzmir", "izmir"),
        ("ﬁnca", "finca"),
        ("Compañía Minera Ñu", "compania minera nu"),
        ("Plain ASCII 42", "plain ascii 42"),
    ],
)
def test_fold_drops_accents_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_what_it_does_not_know_and_the_list_separator() -> None:
    assert fold("金山\x1fÉ") == "金山\x1fe"
    assert fold("") == ""


def test_name_keys_read_numbers_as_numbers_and_keep_a_fixed_order_for_equals() -> None:
    assert name_key("Zone 2") < name_key("zone 10") < name_key("Zone 10b")
    assert name_key("2 Zones") < name_key("10 Zones") < name_key("A Zone")
    assert name_key("Eleonore") < name_key("Éléonore") < name_key("Eleonore Nord")
    assert natural_order("Zone 02") == natural_order("zone 2") == "zone 012"
    assert natural_order("Zone ²") == natural_order("Zone \uff12") == natural_order("Zone 2")
    assert name_key("Zone 2") < name_key("Zone " + "1" * 5000)  # more digits than int() reads
