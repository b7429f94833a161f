"""``mining-tracker prices``: import a commodity's CSV, refused whole on a bad line; the deck."""

import sqlite3
from pathlib import Path

import pytest

from cli import EXIT_OK, EXIT_REFUSED, run


def _prices(db: Path) -> list[tuple[str, int, str, str]]:
    with sqlite3.connect(db) as connection:
        return list(
            connection.execute(
                "SELECT price_date, price, currency, unit FROM commodity_price ORDER BY price_date"
            )
        )


def test_import_then_show_the_deck(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "copper.csv"
    csv.write_text("12/30/2025,5.05\n12/31/2025,5.10\n", encoding="utf-8")
    assert run(["prices", "Cu", str(csv), "--db", str(db_path)]) == EXIT_OK
    assert capsys.readouterr().out == "Imported 2 Cu prices from copper.csv.\n"
    # Stored in millionths on SQLite; the unit is copper's usual one.
    assert _prices(db_path) == [
        ("2025-12-30", 5_050_000, "USD", "lb"),
        ("2025-12-31", 5_100_000, "USD", "lb"),
    ]
    assert run(["prices", "--db", str(db_path)]) == EXIT_OK
    deck = capsys.readouterr().out.splitlines()
    assert deck[0].split() == ["Commodity", "Today's", "price", "Per", "From", "Latest", "date"]
    copper = next(line for line in deck if line.startswith("Copper (Cu)"))
    assert copper.split()[2:] == ["5.10", "USD/lb", "latest", "price", "2025-12-31"]


def test_a_bad_line_refuses_the_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "gold.csv"
    csv.write_text("date,price\n2025-12-30,4200\n2025-12-31,-1\n", encoding="utf-8")
    assert run(["prices", "gold", str(csv), "--db", str(db_path)]) == EXIT_REFUSED
    assert capsys.readouterr().err == (
        "mining-tracker: line 3 price -1: must be more than 0; nothing was written\n"
    )
    assert _prices(db_path) == []
    assert run(["prices", "Xx", str(csv), "--db", str(db_path)]) == EXIT_REFUSED
    assert "commodity 'Xx': is not a known commodity" in capsys.readouterr().err
