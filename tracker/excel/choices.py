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
        "explorer": Stage.EXPLORATION,
        "exploring": Stage.EXPLORATION,
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
        "bankablefeasibility": StudyType.FS,
        "bankablefeasibilitystudy": StudyType.FS,
        "definitivefeasibility": StudyType.FS,
        "updatedpea": StudyType.PEA,
        "peaupdate": StudyType.PEA,
        "updatedscoping": StudyType.PEA,
        "updatedpfs": StudyType.PFS,
        "pfsupdate": StudyType.PFS,
        "updatedprefeasibility": StudyType.PFS,
        "updatedfeasibility": StudyType.UPDATED_FS,
        "updateddfs": StudyType.UPDATED_FS,
        "updatedbfs": StudyType.UPDATED_FS,
        "fsupdate": StudyType.UPDATED_FS,
        "dfsupdate": StudyType.UPDATED_FS,
    },
    ReportingCode: {"ni43101": ReportingCode.NI_43_101, "sk1300": ReportingCode.SK_1300},
    DealType: {
        "letterofintent": DealType.LOI,
        "option": DealType.OPTION_EARN_IN,
        "earnin": DealType.OPTION_EARN_IN,
        "optionandearnin": DealType.OPTION_EARN_IN,
        "optiontoearnin": DealType.OPTION_EARN_IN,
        "jv": DealType.JOINT_VENTURE,
        "takeover": DealType.ACQUISITION,
        "purchase": DealType.ACQUISITION,
        "placement": DealType.PRIVATE_PLACEMENT,
        "financing": DealType.PRIVATE_PLACEMENT,
        "nsr": DealType.ROYALTY,
        "nsrroyalty": DealType.ROYALTY,
        "gsr": DealType.ROYALTY,
        "gsrroyalty": DealType.ROYALTY,
        "nsrr": DealType.ROYALTY,
        "royaltysale": DealType.ROYALTY,
        "streaming": DealType.STREAM,
        "metalstream": DealType.STREAM,
        "goldstream": DealType.STREAM,
        "silverstream": DealType.STREAM,
        "streamingagreement": DealType.STREAM,
    },
    DealStatus: {
        "loi": DealStatus.LOI_SIGNED,
        "announced": DealStatus.PROPOSED,
        "pending": DealStatus.PROPOSED,
        "negotiating": DealStatus.PROPOSED,
        "definitive": DealStatus.DEFINITIVE,
        "da": DealStatus.DEFINITIVE,
        "definitiveagreementsigned": DealStatus.DEFINITIVE,
        "active": DealStatus.DEFINITIVE,
        "inprogress": DealStatus.DEFINITIVE,
        "exercised": DealStatus.CLOSED,
        "optionexercised": DealStatus.CLOSED,
        "earned": DealStatus.CLOSED,
        "lapsed": DealStatus.TERMINATED,
        "dropped": DealStatus.TERMINATED,
        "withdrawn": DealStatus.TERMINATED,
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


#: Words that qualify a value without changing it: "Option agreement", "Feasibility study",
#: "Acquisition (100%)", "PFS stage".
_FILLER = re.compile(
    r"\([^()]*\)|\b(?:agreement|agmt|study|stage|deal|transaction|report|the)\b", re.IGNORECASE
)


def _lookup(vocabulary: type[StrEnum], key: str) -> str | None:
    for member in vocabulary:
        if _key(member.value) == key or key == _key(member.name):
            return member.value
    alias = _ALIASES.get(vocabulary, {}).get(key)
    return None if alias is None else str(alias)


@cache
def choice_value(vocabulary: type[StrEnum], text: str) -> str:
    """The stored value for ``text``; ``ValueError`` listing the accepted values otherwise."""
    found = _lookup(vocabulary, _key(text))
    if found is None:
        bare = _key(_FILLER.sub(" ", text))
        found = _lookup(vocabulary, bare) if bare else None
    if found is not None:
        return found
    allowed = ", ".join(member.value for member in vocabulary)
    raise ValueError(f"must be one of {allowed}")
