"""Screenshots of the Portfolio views for the docs.

``python -m ui.portfolio.screenshots [folder]`` loads the demo portfolio into a temporary
database, swaps its holdings for positions in the demo's fictional companies (so no real
company is shown at an invented price), adds illustrative prices, rates, share counts, a watchlist
and expected studies, and saves one PNG per tab as ``portfolio-<tab>.png``.
"""

import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.session import transaction
from tracker.demo import load_demo
from tracker.models import Company, ExpectedStudy, FxRate, Holding, SharePrice
from tracker.portfolio.expected_studies import create_expected_study
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.positions import holding_rows
from tracker.portfolio.prices import record_share_price
from tracker.portfolio.screening import ScreenFilter
from tracker.portfolio.watchlists import create_watchlist
from tracker.services.companies import find_company, update_company
from tracker.services.holdings import create_holding, delete_holding
from tracker.services.projects import find_project
from ui.portfolio.panel import PortfolioPanel

SAMPLE_DAY = date(2026, 11, 27)
D = Decimal

#: Illustrative positions in the demo's fictional companies: name, shares, average cost,
#: holding currency, price (CAD), shares outstanding.
SAMPLE_POSITIONS = (
    ("Larkspur Critical Metals Corp.", "120000", "0.42", "CAD", "0.55", "84000000"),
    ("Argentum Ridge Mining Corp.", "40000", "1.10", "CAD", "0.95", "150000000"),
    ("Prairie Dome Rare Earths Inc.", "15000", "2.40", "CAD", "3.10", "220000000"),
    ("Kestrel Magnetics Inc.", "6000", "3.00", "USD", "4.60", "95000000"),
    ("Boreal Graphite Corp.", "25000", "0.80", "CAD", "0.68", "310000000"),
)
SAMPLE_RATES = (
    ("USD", "CAD", date(2026, 11, 20), "1.39"),
    ("CAD", "AUD", date(2026, 11, 20), "1.09"),
)
TABS = ("holdings", "interests", "exposure", "lookthrough", "screening", "upcoming")


def build_sample(engine: Engine) -> None:
    """The demo, with illustrative positions and market data as described above."""
    with transaction(engine) as session:
        load_demo(session)
        for row in holding_rows(session):
            delete_holding(session, row.id)
        for name, shares, cost, currency, price, outstanding in SAMPLE_POSITIONS:
            company = find_company(session, name)
            assert company is not None and company.id is not None
            changes = Company(**company.model_dump(exclude={"id"}))
            changes.shares_outstanding = D(outstanding)
            update_company(session, company.id, changes)
            create_holding(
                session,
                Holding(
                    company_id=company.id,
                    shares=D(shares),
                    average_cost=D(cost),
                    currency=currency,
                    opened_date=date(2025, 3, 3),
                ),
            )
            record_share_price(
                session,
                SharePrice(
                    company_id=company.id,
                    price_date=date(2026, 11, 26),
                    price=D(price),
                    currency="CAD",
                    source="illustrative",
                ),
            )
        for base, quote, day, rate in SAMPLE_RATES:
            record_fx_rate(session, FxRate(base=base, quote=quote, rate_date=day, rate=D(rate)))
        create_watchlist(session, "Advanced, IRR 20 %+", ScreenFilter(None, "PFS", D(20), None))
        _expect(session, "Silver Spur", "PEA/scoping", date(2027, 6, 30), date(2026, 5, 4))
        _expect(session, "Lac Sombre", "updated FS", date(2026, 9, 30), date(2026, 2, 12))


def _expect(session: Session, project: str, kind: str, due: date, noted: date) -> None:
    found = find_project(session, project)
    assert found is not None and found.id is not None
    create_expected_study(
        session,
        ExpectedStudy(
            project_id=found.id, study_type=kind, expected_date=due, noted_on=noted, source=None
        ),
    )


def save_screenshots(folder: Path) -> list[Path]:
    """Build the sample in a temporary database and grab every tab into ``folder``."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'sample.sqlite3'}")
        upgrade_to_head(engine)
        build_sample(engine)
        panel = PortfolioPanel(engine, today=lambda: SAMPLE_DAY, confirm=lambda _q: False)
        panel.resize(1360, 820)
        panel.show()
        for index, name in enumerate(TABS):
            panel.tabs.setCurrentIndex(index)
            while panel.pending:
                app.processEvents()
            app.processEvents()
            if panel.tabs.currentWidget() is panel.lookthrough:
                panel.lookthrough.table.selectRow(_row(panel, "Prairie Dome Rare Earths Inc."))
            if panel.tabs.currentWidget() is panel.screening:
                panel.screening.watchlist.setCurrentIndex(1)
                panel.screening.watchlist.activated.emit(1)
            path = folder / f"portfolio-{name}.png"
            panel.grab().save(str(path))
            saved.append(path)
        panel.shutdown()
        panel.deleteLater()
        app.processEvents()
        engine.dispose()
    return saved


def _row(panel: PortfolioPanel, company: str) -> int:
    names = [row.company for row in panel.lookthrough.model.rows()]
    return names.index(company) if company in names else 0


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("docs") / "screenshots"
    for path in save_screenshots(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
