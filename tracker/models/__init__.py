"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from tracker.models.change_log import ChangeLogEntry
from tracker.models.commodity import Commodity, ProjectCommodity
from tracker.models.company import Company, Listing
from tracker.models.deal import Deal, DealObligation, DealStatusChange, DealStep
from tracker.models.event import Event, EventCommodity
from tracker.models.expected_study import ExpectedStudy
from tracker.models.holding import Holding
from tracker.models.market import FxRate, SharePrice
from tracker.models.project import Project, ProjectOwner, ProjectStage, ProjectTag
from tracker.models.source import FigureSource
from tracker.models.study import ResourceLine, Study, StudyPrice
from tracker.models.watchlist import Watchlist

__all__ = [
    "ChangeLogEntry",
    "Commodity",
    "Company",
    "Deal",
    "DealObligation",
    "DealStatusChange",
    "DealStep",
    "Event",
    "EventCommodity",
    "ExpectedStudy",
    "FigureSource",
    "FxRate",
    "Holding",
    "Listing",
    "Project",
    "ProjectCommodity",
    "ProjectOwner",
    "ProjectStage",
    "ProjectTag",
    "ResourceLine",
    "SharePrice",
    "Study",
    "StudyPrice",
    "Watchlist",
]
