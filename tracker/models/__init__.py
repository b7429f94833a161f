"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from tracker.models.change_log import ChangeLogEntry
from tracker.models.commodity import Commodity, ProjectCommodity
from tracker.models.commodity_price import CommodityPrice, DeckPrice, StudySensitivity
from tracker.models.company import Company, Listing
from tracker.models.deal import Deal, DealObligation, DealStatusChange, DealStep
from tracker.models.event import Event, EventCommodity
from tracker.models.expected_study import ExpectedStudy
from tracker.models.holding import Holding
from tracker.models.market import FxRate, SharePrice
from tracker.models.project import Project, ProjectOwner, ProjectStage, ProjectTag
from tracker.models.setting import AppSetting
from tracker.models.source import FigureSource
from tracker.models.study import ResourceLine, Study, StudyPrice
from tracker.models.transaction import HoldingTransaction
from tracker.models.watchlist import Watchlist

__all__ = [
    "AppSetting",
    "ChangeLogEntry",
    "Commodity",
    "CommodityPrice",
    "Company",
    "Deal",
    "DealObligation",
    "DealStatusChange",
    "DealStep",
    "DeckPrice",
    "Event",
    "EventCommodity",
    "ExpectedStudy",
    "FigureSource",
    "FxRate",
    "Holding",
    "HoldingTransaction",
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
    "StudySensitivity",
    "Watchlist",
]
