"""Vocabularies of the trade, stored as their string values so the database stays readable."""

from enum import StrEnum


class Stage(StrEnum):
    """Development stage of a project, from grassroots to closure (order matters)."""

    GRASSROOTS = "grassroots exploration"
    #: Exploration as most investors write it, neither grassroots nor advanced.
    EXPLORATION = "exploration"
    ADVANCED_EXPLORATION = "advanced exploration"
    RESOURCE_DEFINITION = "resource definition"
    PEA = "PEA/scoping"
    PFS = "pre-feasibility"
    FS = "feasibility"
    PERMITTING = "permitting"
    CONSTRUCTION = "construction"
    PRODUCTION = "production"
    CARE_AND_MAINTENANCE = "care and maintenance"
    CLOSED = "closed"


class ProjectStatus(StrEnum):
    """How closely the investor follows a project."""

    ACTIVE = "active"
    WATCHLIST = "watchlist"
    ARCHIVED = "archived"


class StudyType(StrEnum):
    """Technical report types, in the order a project usually meets them."""

    RESOURCE_ESTIMATE = "resource estimate"
    PEA = "PEA/scoping"
    PFS = "PFS"
    FS = "FS"
    UPDATED_FS = "updated FS"


class ReportingCode(StrEnum):
    """Disclosure codes a technical report is written under."""

    NI_43_101 = "NI 43-101"
    JORC = "JORC"
    SK_1300 = "S-K 1300"
    PERC = "PERC"
    SAMREC = "SAMREC"
    OTHER = "other"


class ResourceCategory(StrEnum):
    """Mineral resource (measured, indicated, inferred) and reserve (proven, probable) classes."""

    MEASURED = "measured"
    INDICATED = "indicated"
    INFERRED = "inferred"
    PROVEN = "proven"
    PROBABLE = "probable"


class DealType(StrEnum):
    """Kinds of transaction an investor logs."""

    LOI = "LOI"
    OPTION_EARN_IN = "option/earn-in"
    JOINT_VENTURE = "joint venture"
    ACQUISITION = "acquisition"
    MERGER = "merger"
    ROYALTY = "royalty"
    STREAM = "stream"
    PRIVATE_PLACEMENT = "private placement"
    OFFTAKE = "offtake"


class DealStatus(StrEnum):
    """Where a deal stands; 'closed' and 'terminated' are final."""

    PROPOSED = "proposed"
    LOI_SIGNED = "LOI signed"
    DEFINITIVE = "definitive agreement"
    CLOSED = "closed"
    TERMINATED = "terminated"


class ObligationKind(StrEnum):
    """What a party owes under a deal step."""

    CASH = "cash"
    SHARES = "shares"
    WORK = "work commitment"


class EventKind(StrEnum):
    """Kinds of dated news item."""

    DRILL_RESULT = "drill result"
    RESOURCE_UPDATE = "resource update"
    STUDY = "study"
    DEAL = "deal"
    PERMIT = "permit"
    FINANCING = "financing"
    CORPORATE = "corporate"
    POLICY = "policy/regulatory"
    NEWS = "news"
    OTHER = "other"


FINAL_DEAL_STATUSES = frozenset({DealStatus.CLOSED, DealStatus.TERMINATED})


class TransactionKind(StrEnum):
    """What happened to a holding: the cash and share moves an investor records."""

    BUY = "buy"
    SELL = "sell"
    FEE = "fee"
    DEAL_SHARES = "shares from deal"
    SPLIT = "split or consolidation"
