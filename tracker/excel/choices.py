"""Read the trade's vocabularies as investors write them: "PFS", "Pre-Feasibility", "DFS"."""

import re
from enum import StrEnum
from functools import cache

from tracker.enums import (
    DealStatus,
    DealType,
    EventKind,
    ObligationKind,
    ProjectStatus,
    ReportingCode,
    ResourceCategory,
    Stage,
    StudyType,
)


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower().replace("&", "and"))


_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Stage: {
        "grassroots": Stage.GRASSROOTS,
        "earlystageexploration": Stage.GRASSROOTS,
        "exploration": Stage.ADVANCED_EXPLORATION,
        "advancedexplorer": Stage.ADVANCED_EXPLORATION,
        "resource": Stage.RESOURCE_DEFINITION,
        "pea": Stage.PEA,
        "scoping": Stage.PEA,
        "pfs": Stage.PFS,
        "prefeasibility": Stage.PFS,
        "fs": Stage.FS,
        "dfs": Stage.FS,
        "bfs": Stage.FS,
        "definitivefeasibility": Stage.FS,
        "permitted": Stage.PERMITTING,
        "development": Stage.CONSTRUCTION,
        "producing": Stage.PRODUCTION,
        "producer": Stage.PRODUCTION,
        "operating": Stage.PRODUCTION,
        "cm": Stage.CARE_AND_MAINTENANCE,
        "careandmaintenance": Stage.CARE_AND_MAINTENANCE,
        "closure": Stage.CLOSED,
    },
    StudyType: {
        "mre": StudyType.RESOURCE_ESTIMATE,
        "resource": StudyType.RESOURCE_ESTIMATE,
        "mineralresourceestimate": StudyType.RESOURCE_ESTIMATE,
        "pea": StudyType.PEA,
        "scoping": StudyType.PEA,
        "scopingstudy": StudyType.PEA,
        "preliminaryeconomicassessment": StudyType.PEA,
        "prefeasibility": StudyType.PFS,
        "prefeasibilitystudy": StudyType.PFS,
        "feasibility": StudyType.FS,
        "feasibilitystudy": StudyType.FS,
        "dfs": StudyType.FS,
        "bfs": StudyType.FS,
        "definitivefeasibilitystudy": StudyType.FS,
        "updatedfeasibility": StudyType.UPDATED_FS,
        "fsupdate": StudyType.UPDATED_FS,
    },
    ReportingCode: {"ni43101": ReportingCode.NI_43_101, "sk1300": ReportingCode.SK_1300},
    DealType: {
        "option": DealType.OPTION_EARN_IN,
        "earnin": DealType.OPTION_EARN_IN,
        "jv": DealType.JOINT_VENTURE,
        "takeover": DealType.ACQUISITION,
        "placement": DealType.PRIVATE_PLACEMENT,
    },
    DealStatus: {
        "loi": DealStatus.LOI_SIGNED,
        "definitive": DealStatus.DEFINITIVE,
        "signed": DealStatus.DEFINITIVE,
        "completed": DealStatus.CLOSED,
        "complete": DealStatus.CLOSED,
        "cancelled": DealStatus.TERMINATED,
        "canceled": DealStatus.TERMINATED,
    },
    ObligationKind: {"work": ObligationKind.WORK, "expenditure": ObligationKind.WORK},
    EventKind: {"drilling": EventKind.DRILL_RESULT, "policy": EventKind.POLICY},
    ProjectStatus: {"watch": ProjectStatus.WATCHLIST, "archive": ProjectStatus.ARCHIVED},
    ResourceCategory: {"proved": ResourceCategory.PROVEN},
}


@cache
def choice_value(vocabulary: type[StrEnum], text: str) -> str:
    """The stored value for ``text``; ``ValueError`` listing the accepted values otherwise."""
    key = _key(text)
    for member in vocabulary:
        if _key(member.value) == key or key == _key(member.name):
            return member.value
    alias = _ALIASES.get(vocabulary, {}).get(key)
    if alias is not None:
        return str(alias)
    allowed = ", ".join(member.value for member in vocabulary)
    raise ValueError(f"must be one of {allowed}")
