"""Validation helpers the portfolio services share."""

from decimal import Decimal

from sqlmodel import Session

from tracker.models import Company
from tracker.validation import Checker, Failure, IsDate, Rule, number_failure

DATE_REQUIRED = "is required (a date such as 2026-01-31)"


def check_company(checker: Checker, session: Session, company_id: int | None) -> None:
    if company_id is None or session.get(Company, company_id) is None:
        checker.fail("company", company_id, "is not a known company")


def date_rule(field: str) -> Rule:
    """A date the entry cannot do without."""
    return IsDate(field, DATE_REQUIRED)


def positive_failure(value: Decimal | None, unit: str = "") -> Failure | None:
    """A number above zero: prices and rates of zero cannot be divided by or inverted."""
    failure = number_failure(value, minimum=Decimal(0), unit=unit, required=True)
    if failure is None and value is not None and value <= 0:
        return value, "must be more than 0"
    return failure


def upper_code(value: str | None) -> str:
    """A currency code as stored: trimmed and upper case."""
    return (value or "").strip().upper()
