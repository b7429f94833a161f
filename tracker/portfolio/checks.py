"""Validation helpers the portfolio services share."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from tracker.models import Company
from tracker.validation import Checker


def check_company(checker: Checker, session: Session, company_id: int | None) -> None:
    if company_id is None or session.get(Company, company_id) is None:
        checker.fail("company", company_id, "is not a known company")


def check_date(checker: Checker, field: str, value: object) -> None:
    if not isinstance(value, date):
        checker.fail(field, value, "is required (a date such as 2026-01-31)")


def check_positive(checker: Checker, field: str, value: Decimal | None, unit: str = "") -> None:
    """A number above zero: prices and rates of zero cannot be divided by or inverted."""
    problems_before = len(checker.problems)
    checker.number(field, value, minimum=Decimal(0), unit=unit, required=True)
    if len(checker.problems) == problems_before and value is not None and value <= 0:
        checker.fail(field, value, "must be more than 0")


def upper_code(value: str | None) -> str:
    """A currency code as stored: trimmed and upper case."""
    return (value or "").strip().upper()
