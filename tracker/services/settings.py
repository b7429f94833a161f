"""The reporting currency: the one currency the portfolio's money is added up and shown in.

It is kept in the database (``AppSetting``), so the window, the command line and the workbook
agree. A database where it was never chosen reports in the currency most holdings are kept in,
or in US dollars when there are none (the currency most technical studies report in).
"""

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.models import AppSetting, Holding
from tracker.portfolio.checks import upper_code
from tracker.validation import Checker, currency_failure

REPORTING_CURRENCY = "reporting_currency"
#: What a new database with no holdings reports in.
DEFAULT_REPORTING_CURRENCY = "USD"


def stored_setting(session: Session, key: str) -> str | None:
    """A setting's stored text, or None when it was never set."""
    return session.scalars(select(col(AppSetting.value)).where(col(AppSetting.key) == key)).first()


def store_setting(session: Session, key: str, value: str) -> None:
    stored = session.get(AppSetting, key)
    if stored is None:
        session.add(AppSetting(key=key, value=value))
    else:
        stored.value = value
        session.add(stored)
    session.flush()


def default_reporting_currency(session: Session) -> str:
    """The currency most holdings are kept in (alphabetical on a tie), else USD."""
    counts: dict[str, int] = {}
    for (code,) in session.execute(select(col(Holding.currency))):
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return DEFAULT_REPORTING_CURRENCY
    return min(counts, key=lambda code: (-counts[code], code))


def reporting_currency(session: Session) -> str:
    """The chosen reporting currency, or the default when none was chosen."""
    return stored_setting(session, REPORTING_CURRENCY) or default_reporting_currency(session)


def set_reporting_currency(session: Session, code: str | None) -> str:
    """Choose the reporting currency (an ISO 4217 code); returns the one it replaces, for undo.

    A code that is not ISO 4217 is refused with a ``ValidationError`` and nothing is written.
    """
    chosen = upper_code(code) or None
    checker = Checker()
    checker.add(REPORTING_CURRENCY, currency_failure(chosen, required=True))
    checker.raise_if_any()
    assert chosen is not None
    before = reporting_currency(session)
    store_setting(session, REPORTING_CURRENCY, chosen)
    return before
