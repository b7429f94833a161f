"""Companies and their listings."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, or_
from sqlmodel import Session, col, delete, select

from tracker.errors import ConflictError, FieldProblem, ValidationError
from tracker.exchanges import canonical_exchange
from tracker.models import Company, Deal, Holding, Listing, Project, ProjectOwner
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import Checker, Currency, Number, Rules, Text


@dataclass(frozen=True)
class ListingSpec:
    """A ticker on an exchange, as typed: ``ListingSpec("TSXV", "MOO")``."""

    exchange: str
    ticker: str

    def __str__(self) -> str:
        return f"{self.exchange}: {self.ticker}"

    @classmethod
    def parse(cls, text: str) -> "ListingSpec":
        """Read ``"TSXV: MOO"`` or ``"TSXV:MOO"``; refuse anything without an exchange."""
        exchange, sep, ticker = text.partition(":")
        if not sep or not exchange.strip() or not ticker.strip():
            raise ValidationError([_listing_problem(text)])
        return cls(canonical_exchange(exchange), ticker.strip().upper())


class OnDependants(StrEnum):
    """What deleting a company does with projects it owns: refuse, or delete them too."""

    REFUSE = "refuse"
    CASCADE = "cascade"


def _listing_problem(text: str) -> FieldProblem:
    return FieldProblem("listing", text, "must read EXCHANGE: TICKER, e.g. 'TSXV: MOO'")


#: A company's rules, shared by the forms and the Excel import.
COMPANY_RULES = Rules(
    Text("name", 200, required=True),
    Text("website", 500),
    Currency("reporting_currency"),
    Text("source", 1000),
    Number("shares_outstanding", minimum=Decimal(0)),
)
LISTING_RULES = Rules(
    Text("exchange", 20, required=True, label="listing exchange"),
    Text("ticker", 20, required=True, label="listing ticker"),
)


def check_company(company: Company, listings: Sequence[ListingSpec]) -> Checker:
    checker = Checker()
    COMPANY_RULES.check(checker, company)
    seen: set[ListingSpec] = set()
    for listing in listings:
        LISTING_RULES.check(checker, listing)
        if listing in seen:
            checker.fail("listing", str(listing), "is listed twice")
        seen.add(listing)
    return checker


def _normalise(company: Company) -> None:
    company.name = (clean_text(company.name) or "").strip()
    company.website = clean_text(company.website)
    company.reporting_currency = clean_text(company.reporting_currency)
    if company.reporting_currency:
        company.reporting_currency = company.reporting_currency.upper()
    company.notes = clean_text(company.notes)
    company.source = clean_text(company.source)


def _normalise_listings(listings: Sequence[ListingSpec]) -> list[ListingSpec]:
    """One spelling per exchange (``tracker.exchanges``) and upper-case tickers, as
    ``ListingSpec.parse`` and searches do."""
    return [ListingSpec(canonical_exchange(x.exchange), x.ticker.strip().upper()) for x in listings]


def create_company(
    session: Session, company: Company, listings: Sequence[ListingSpec] = ()
) -> Company:
    """Add a company with its listings; names and tickers must be unique."""
    _normalise(company)
    listings = _normalise_listings(listings)
    checker = check_company(company, listings)
    checker.raise_if_any()
    _refuse_duplicates(session, company.name, listings, except_id=None)
    session.add(company)
    session.flush()
    assert company.id is not None
    _replace_listings(session, company.id, listings)
    return company


def update_company(
    session: Session,
    company_id: int,
    changes: Company,
    listings: Sequence[ListingSpec] | None = None,
) -> Company:
    """Replace a company's fields (and its listings when given)."""
    stored = get_or_raise(session, Company, company_id)
    _normalise(changes)
    if listings is not None:
        listings = _normalise_listings(listings)
    checker = check_company(changes, listings or ())
    checker.raise_if_any()
    _refuse_duplicates(session, changes.name, listings or (), except_id=company_id)
    copy_fields(stored, changes, exclude=frozenset({"id"}))
    session.add(stored)
    if listings is not None:
        _replace_listings(session, company_id, listings)
    session.flush()
    return stored


def _refuse_duplicates(
    session: Session, name: str, listings: Sequence[ListingSpec], except_id: int | None
) -> None:
    same_name = select(Company.id).where(func.lower(Company.name) == name.lower())
    if except_id is not None:
        same_name = same_name.where(Company.id != except_id)
    if session.exec(same_name).first() is not None:
        raise ConflictError(f"a company named '{name}' already exists")
    for listing in listings:
        taken = (
            select(Company.name)
            .join(Listing, col(Listing.company_id) == Company.id)
            .where(Listing.exchange == listing.exchange, Listing.ticker == listing.ticker)
        )
        if except_id is not None:
            taken = taken.where(Company.id != except_id)
        owner = session.exec(taken).first()
        if owner is not None:
            raise ConflictError(f"the listing {listing} already belongs to {owner}")


def _replace_listings(session: Session, company_id: int, listings: Sequence[ListingSpec]) -> None:
    session.exec(delete(Listing).where(col(Listing.company_id) == company_id))
    for listing in listings:
        session.add(
            Listing(company_id=company_id, exchange=listing.exchange, ticker=listing.ticker)
        )
    session.flush()


def listings_of(session: Session, company_id: int) -> list[ListingSpec]:
    rows = session.exec(
        select(Listing.exchange, Listing.ticker)
        .where(Listing.company_id == company_id)
        .order_by(col(Listing.id))
    ).all()
    return [ListingSpec(exchange, ticker) for exchange, ticker in rows]


def find_company(session: Session, name_or_ticker: str) -> Company | None:
    """Find a company by exact name (any case), by ``EXCHANGE: TICKER`` or by bare ticker."""
    text = name_or_ticker.strip()
    by_name = session.exec(select(Company).where(func.lower(Company.name) == text.lower())).first()
    if by_name is not None:
        return by_name
    exchange, sep, ticker = text.partition(":")
    query = select(Company).join(Listing, col(Listing.company_id) == Company.id)
    if sep:
        query = query.where(
            Listing.exchange == canonical_exchange(exchange),
            Listing.ticker == ticker.strip().upper(),
        )
    else:
        query = query.where(Listing.ticker == text.upper())
    matches = session.exec(query).all()
    return matches[0] if len(matches) == 1 else None


def dependants(session: Session, company_id: int) -> dict[str, int]:
    """How many records hang on a company, by kind, for the delete confirmation."""
    counts = {
        "projects": session.exec(
            select(func.count())
            .select_from(ProjectOwner)
            .where(ProjectOwner.company_id == company_id)
        ).one(),
        "deals": session.exec(
            select(func.count())
            .select_from(Deal)
            .where(
                or_(col(Deal.acquirer_id) == company_id, col(Deal.counterparty_id) == company_id)
            )
        ).one(),
        "holdings": session.exec(
            select(func.count()).select_from(Holding).where(Holding.company_id == company_id)
        ).one(),
    }
    return {kind: count for kind, count in counts.items() if count}


def delete_company(
    session: Session, company_id: int, on_dependants: OnDependants = OnDependants.REFUSE
) -> None:
    """Delete a company. With dependants, ``REFUSE`` raises; ``CASCADE`` deletes the projects it
    owns outright, its share in co-owned projects, its deals and its holdings."""
    company = get_or_raise(session, Company, company_id)
    found = dependants(session, company_id)
    if found and on_dependants is OnDependants.REFUSE:
        listed = ", ".join(f"{count} {kind}" for kind, count in found.items())
        raise ConflictError(f"{company.name} still has {listed}; choose to delete them too")
    owned_project_ids = list(
        session.exec(select(ProjectOwner.project_id).where(ProjectOwner.company_id == company_id))
    )
    for project_id in owned_project_ids:
        other_owners = session.exec(
            select(func.count())
            .select_from(ProjectOwner)
            .where(ProjectOwner.project_id == project_id, ProjectOwner.company_id != company_id)
        ).one()
        if other_owners == 0:
            session.exec(delete(Project).where(col(Project.id) == project_id))
    session.exec(delete(ProjectOwner).where(col(ProjectOwner.company_id) == company_id))
    session.exec(
        delete(Deal).where(
            or_(col(Deal.acquirer_id) == company_id, col(Deal.counterparty_id) == company_id)
        )
    )
    session.exec(delete(Holding).where(col(Holding.company_id) == company_id))
    session.delete(company)
    session.flush()
