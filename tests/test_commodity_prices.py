"""Commodity prices entered and imported, today's deck, study sensitivities, and screening and
the look-through at today's deck, on the database."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, add_project, assert_refused
from tracker import records, snapshots
from tracker.errors import ConflictError, ValidationError
from tracker.models import Commodity, CommodityPrice, DeckPrice, FxRate, Holding, Study
from tracker.portfolio.commodity_prices import (
    PriceValues,
    commodity_price_rows,
    delete_commodity_price,
    record_commodity_price,
    redo_edits,
    undo_edits,
    update_commodity_price,
)
from tracker.portfolio.deck import (
    FROM_HISTORY,
    TYPED,
    clear_deck_price,
    set_deck_price,
    todays_deck,
)
from tracker.portfolio.deck_npv import deck_prices, npv_today_by_project, study_economics
from tracker.portfolio.fx import FxBook
from tracker.portfolio.lookthrough import TODAYS_DECK, look_through
from tracker.portfolio.npv_today import ESTIMATE, INTERPOLATED
from tracker.portfolio.price_csv import import_price_csv, read_price_csv
from tracker.portfolio.screening import NOT_WORKED_OUT, at_todays_deck, screen_rows
from tracker.services.holdings import create_holding
from tracker.services.sensitivities import Sensitivity, sensitivities_of
from tracker.services.studies import PriceAssumption, create_study

D = Decimal
M = D(1_000_000)
TODAY = date(2026, 1, 15)


def commodity_id(session: Session, symbol: str) -> int:
    found = session.exec(select(Commodity).where(Commodity.symbol == symbol)).one()
    assert found.id is not None
    return found.id


def gold(session: Session, day: date, price: str, source: str | None = None) -> CommodityPrice:
    return CommodityPrice(
        commodity_id=commodity_id(session, "Au"),
        price_date=day,
        price=D(price),
        currency="usd",
        unit="oz",
        source=source,
    )


def test_a_price_per_day_replaced_undone_and_redone(session: Session) -> None:
    first = record_commodity_price(session, gold(session, date(2025, 12, 31), "4250", " spot "))
    assert first.before is None
    assert first.after == PriceValues(D(4250), "USD", "oz", "spot")
    again = record_commodity_price(session, gold(session, date(2025, 12, 31), "4300"))
    assert again.before == first.after
    rows = commodity_price_rows(session)
    assert [(r.symbol, r.price_date, r.price, r.currency) for r in rows] == [
        ("Au", date(2025, 12, 31), D(4300), "USD")
    ]
    undo_edits(session, [again])
    assert [r.price for r in commodity_price_rows(session)] == [D(4250)]
    undo_edits(session, [first])
    assert commodity_price_rows(session) == []
    redo_edits(session, [first, again])
    assert [r.price for r in commodity_price_rows(session)] == [D(4300)]
    gone = delete_commodity_price(session, commodity_price_rows(session)[0].id)
    assert commodity_price_rows(session) == []
    undo_edits(session, [gone])
    assert [r.price for r in commodity_price_rows(session)] == [D(4300)]


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"price": D(0)}, "price", "must be more than 0"),
        ({"unit": "ounce"}, "unit", "must be one of oz, lb, t, kg, mtu, dmtu"),
        ({"currency": "dollars"}, "currency", ""),
        ({"commodity_id": 9999}, "commodity", "is not a known commodity"),
    ],
)
def test_refused_prices_write_nothing(
    engine: Engine, session: Session, change: dict[str, object], field: str, reason: str
) -> None:
    entry = gold(session, date(2025, 12, 31), "4250")
    for name, value in change.items():
        setattr(entry, name, value)
    error = assert_refused(
        engine, session, lambda: record_commodity_price(session, entry), ValidationError
    )
    assert [p.field for p in error.problems] == [field]
    assert reason in error.problems[0].reason


def test_moving_a_price_onto_a_priced_day_is_refused(session: Session) -> None:
    record_commodity_price(session, gold(session, date(2025, 12, 30), "4200"))
    record_commodity_price(session, gold(session, date(2025, 12, 31), "4250"))
    later = commodity_price_rows(session)[0]
    with pytest.raises(ConflictError, match="already a price on 2025-12-30"):
        update_commodity_price(session, later.id, gold(session, date(2025, 12, 30), "1"))
    edits = update_commodity_price(session, later.id, gold(session, date(2026, 1, 2), "4400"))
    assert [(r.price_date, r.price) for r in commodity_price_rows(session)] == [
        (date(2026, 1, 2), D(4400)),
        (date(2025, 12, 30), D(4200)),
    ]
    undo_edits(session, edits)
    assert [(r.price_date, r.price) for r in commodity_price_rows(session)] == [
        (date(2025, 12, 31), D(4250)),
        (date(2025, 12, 30), D(4200)),
    ]


def test_todays_deck_is_the_latest_price_unless_one_is_typed(session: Session) -> None:
    record_commodity_price(session, gold(session, date(2025, 12, 30), "4200"))
    record_commodity_price(session, gold(session, date(2026, 1, 20), "4500"))
    line = todays_deck(session, TODAY)["Au"]
    assert (line.price, line.currency, line.unit, line.basis) == (
        D(4200),
        "USD",
        "oz",
        FROM_HISTORY,
    )
    assert line.latest_date == date(2025, 12, 30)
    assert todays_deck(session, TODAY)["Cu"].price is None
    au = commodity_id(session, "Au")
    edit = set_deck_price(
        session, DeckPrice(commodity_id=au, price=D(3900), currency="usd", unit="oz")
    )
    line = todays_deck(session, TODAY)["Au"]
    assert (line.price, line.basis, line.latest) == (
        D(3900),
        TYPED,
        PriceValues(D(4200), "USD", "oz"),
    )
    assert edit.before is None
    cleared = clear_deck_price(session, au)
    assert cleared.before == PriceValues(D(3900), "USD", "oz")
    assert todays_deck(session, TODAY)["Au"].price == D(4200)
    with pytest.raises(ValidationError, match="price 0: must be more than 0"):
        set_deck_price(session, DeckPrice(commodity_id=au, price=D(0), currency="USD", unit="oz"))


# CSV import -----------------------------------------------------------------------------------


def test_csv_with_a_header_and_iso_dates() -> None:
    read = read_price_csv(b'Date,Close,Volume\n2025-12-30,4200.5,10\n2025-12-31,"4,250.00",12\n')
    assert read.points == [(date(2025, 12, 30), D("4200.5")), (date(2025, 12, 31), D(4250))]
    assert read.header


def test_csv_european_semicolons_without_a_header() -> None:
    read = read_price_csv("31.12.2025;4.250,75\n02.01.2026;4.301,10\n".encode("cp1252"))
    assert read.points == [(date(2025, 12, 31), D("4250.75")), (date(2026, 1, 2), D("4301.10"))]
    assert (read.delimiter, read.decimal_comma, read.header) == (";", True, False)


def test_csv_day_or_month_first_is_read_from_the_file() -> None:
    day_first = read_price_csv(b"02/01/2026,10\n31/12/2025,11\n")
    assert day_first.points[0] == (date(2026, 1, 2), D(10))
    month_first = read_price_csv(b"01/02/2026,10\n12/31/2025,11\n")
    assert month_first.points[0] == (date(2026, 1, 2), D(10))
    with pytest.raises(ValidationError) as caught:
        read_price_csv(b"01/02/2026,10\n03/04/2026,11\n")
    assert str(caught.value).startswith("line 1 date '01/02/2026': could be day-first or month")
    told = read_price_csv(b"01/02/2026,10\n", day_first=True)
    assert told.points == [(date(2026, 2, 1), D(10))]


def test_csv_bad_lines_are_named_and_nothing_is_written(engine: Engine, session: Session) -> None:
    data = b"date,price\n2025-12-30,4200\n2025-12-31,n/a\nyesterday,4300\n2025-12-30,1\n"
    error = assert_refused(
        engine,
        session,
        lambda: import_price_csv(
            session, commodity_id(session, "Au"), data, currency="USD", unit="oz"
        ),
        ValidationError,
    )
    assert [str(p) for p in error.problems] == [
        "line 3 price 'n/a': is not a number",
        "line 4 date 'yesterday': is not a date (write e.g. 2024-03-05)",
        "line 5 date '2025-12-30': is on line 2 too",
    ]


def test_csv_import_writes_and_undoes(session: Session) -> None:
    au = commodity_id(session, "Au")
    record_commodity_price(session, gold(session, date(2025, 12, 31), "4000"))
    edits = import_price_csv(
        session, au, b"2025-12-30,4200\n2025-12-31,4250\n", currency="USD", unit="oz", source="LBMA"
    )
    assert [(r.price_date, r.price, r.source) for r in commodity_price_rows(session)] == [
        (date(2025, 12, 31), D(4250), "LBMA"),
        (date(2025, 12, 30), D(4200), "LBMA"),
    ]
    undo_edits(session, edits)
    assert [(r.price_date, r.price) for r in commodity_price_rows(session)] == [
        (date(2025, 12, 31), D(4000))
    ]
    with pytest.raises(ValidationError, match="unit 'lbs': must be one of"):
        import_price_csv(session, au, b"2025-12-30,4200\n", currency="USD", unit="lbs")


# Studies at today's deck ------------------------------------------------------------------------


def delamar(session: Session, sensitivities: list[Sensitivity] | None = None) -> Study:
    integra = add_company(session, "Integra", shares_outstanding=D(200_000_000))
    project = add_project(
        session, "DeLamar", [(integra, "100", True)], ["Au", "Ag"], country="United States"
    )
    return delamar_fs(session, project.id or 0, sensitivities)


def delamar_fs(
    session: Session, project_id: int, sensitivities: list[Sensitivity] | None = None
) -> Study:
    return create_study(
        session,
        Study(
            project_id=project_id,
            study_type="FS",
            title="DeLamar FS",
            publication_date=date(2025, 12, 17),
            currency="USD",
            after_tax_npv=D(774) * M,
            discount_rate_pct=D(5),
            mine_life_years=D(10),
            annual_production=D(106000),
            production_unit="oz AuEq",
            initial_capex=D(389) * M,
        ),
        [PriceAssumption("Au", D(3000), "USD", "oz"), PriceAssumption("Ag", D(35), "USD", "oz")],
        sensitivities or [],
    )


def test_sensitivity_lines_are_checked_and_kept(engine: Engine, session: Session) -> None:
    points = [
        Sensitivity("Au", D(1100) * M, price=D(3500), currency="usd", unit="oz"),
        Sensitivity("gold", D(400) * M, change_pct=D(-20)),
    ]
    study = delamar(session, points)
    assert study.id is not None
    assert sensitivities_of(session, study.id) == [
        Sensitivity("Au", D(1100) * M, D(3500), "USD", "oz"),
        Sensitivity("Au", D(400) * M, change_pct=D(-20)),
    ]
    bad = [
        Sensitivity("Au", D(1) * M),
        Sensitivity("Au", D(1) * M, price=D(10), change_pct=D(5), currency="USD", unit="oz"),
        Sensitivity("Xx", D(1) * M, change_pct=D(5)),
        Sensitivity("Au", None, price=D(3500), currency="USD", unit="ounce"),
    ]
    error = assert_refused(
        engine, session, lambda: delamar_fs(session, study.project_id, bad), ValidationError
    )
    assert [str(p) for p in error.problems] == [
        "sensitivity line 1 price (empty): is required: a price, or a % change of the study's "
        "deck price",
        "sensitivity line 2 price 10: give a price or a % change, not both",
        "sensitivity line 3 commodity 'Xx': is not a known commodity",
        "sensitivity line 4 unit 'ounce': must be one of oz, lb, t, kg, mtu, dmtu",
        "sensitivity line 4 NPV (empty): is required",
    ]


def test_deleting_a_study_and_undoing_brings_its_sensitivities_back(session: Session) -> None:
    study = delamar(session, [Sensitivity("Au", D(1100) * M, change_pct=D(20))])
    assert study.id is not None
    kept = records.delete_record(session, "study", study.id)
    assert sensitivities_of(session, study.id) == []
    snapshots.restore(session, kept)
    assert sensitivities_of(session, study.id) == [Sensitivity("Au", D(1100) * M, change_pct=D(20))]


def _deck(session: Session, gold_price: str) -> None:
    record_commodity_price(session, gold(session, date(2025, 12, 31), gold_price))


def test_screening_at_todays_deck(session: Session) -> None:
    delamar(session)
    _deck(session, "4250")
    book = FxBook.load(session, TODAY)
    npvs = npv_today_by_project(study_economics(session), deck_prices(session, TODAY), book)
    [row] = at_todays_deck(screen_rows(session), npvs)
    # 774 M + 1,250 x 106,000 x 0.75 x 7.721735 (see tests/test_npv_today.py) = 1,541.35 M.
    assert row.after_tax_npv is not None
    assert round(row.after_tax_npv / M, 2) == D("1541.35")
    assert round(row.npv_to_capex or 0, 2) == D("3.96")
    assert row.npv_basis == ESTIMATE
    assert "Ag price change not counted" in row.npv_note
    [study_row] = screen_rows(session)
    assert (study_row.after_tax_npv, study_row.npv_basis) == (D(774) * M, "study deck")


def test_screening_with_a_table_and_without_a_price(session: Session) -> None:
    delamar(session, [Sensitivity("Au", D(1100) * M, price=D(3500), currency="USD", unit="oz")])
    book = FxBook.load(session, TODAY)
    economics = study_economics(session)
    [row] = at_todays_deck(screen_rows(session), npv_today_by_project(economics, {}, book))
    assert (row.after_tax_npv, row.npv_basis) == (None, NOT_WORKED_OUT)
    assert row.npv_note == "no price for Au in today's deck"
    _deck(session, "3250")
    npvs = npv_today_by_project(economics, deck_prices(session, TODAY), book)
    [row] = at_todays_deck(screen_rows(session), npvs)
    # Half-way from 3,000 (774 M) to 3,500 (1,100 M): 937 M.
    assert (row.after_tax_npv, row.npv_basis) == (D(937) * M, INTERPOLATED)


def test_look_through_and_p_nav_at_todays_deck(session: Session) -> None:
    study = delamar(session)
    integra = session.get(Study, study.id)
    assert integra is not None
    company_id = session.exec(select(Holding.company_id)).first()
    assert company_id is None
    from tracker.models import Company, SharePrice

    company = session.exec(select(Company).where(Company.name == "Integra")).one()
    holding = Holding(company_id=company.id or 0, currency="CAD")
    create_holding(session, holding, D(1000), D(2), date(2025, 1, 2))
    session.add(
        SharePrice(
            company_id=company.id or 0,
            price_date=date(2025, 12, 31),
            price=D("2.45"),
            currency="CAD",
        )
    )
    session.add(FxRate(base="USD", quote="CAD", rate_date=date(2025, 12, 31), rate=D("1.39")))
    session.flush()
    _deck(session, "4250")
    at_study = look_through(session, TODAY)
    at_today = look_through(session, TODAY, todays_deck=True)
    # Study deck: 774 M USD x 1.39 = 1,075.86 M CAD over 200 M shares = C$5.3793/share;
    # P/NAV 2.45 / 5.3793 = 0.455.
    assert at_study.rows[0].attributable_npv == D("1075.86") * M
    assert round(at_study.rows[0].p_nav or 0, 3) == D("0.455")
    # Today's deck: 1,541.347 M USD x 1.39 = 2,142.47 M CAD, C$10.712/share, P/NAV 0.229.
    row = at_today.rows[0]
    assert round((row.attributable_npv or 0) / M, 2) == D("2142.47")
    assert round(row.p_nav or 0, 3) == D("0.229")
    assert row.basis == f"{TODAYS_DECK} ({ESTIMATE})"
    assert at_today.projects[0].npv_method == ESTIMATE
    assert "today's deck" in at_today.note
