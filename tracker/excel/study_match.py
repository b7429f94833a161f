"""Which stored study an investor's row stands for: by project, type and date, or by project
and type alone when the row gives no date and only one study fits.

An investor's watchlist names a project's latest study by its type ("FS") and maybe its date;
it rarely repeats the title the study was saved with. Matching on the title, as the app's own
workbook does, would add a second, untitled FS at every import.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.excel.field_types import Entity
from tracker.excel.store import Record, Store


def study_date(values: dict[str, Any]) -> date | None:
    """The date a study is known by: its publication date, else its effective date."""
    found = values.get("publication_date") or values.get("effective_date")
    return found if isinstance(found, date) else None


@dataclass(frozen=True)
class Ambiguous:
    """More than one study fits a row that gives no date: the row must say which."""

    count: int
    study_type: str

    @property
    def reason(self) -> str:
        return (
            f"the project has {self.count} {self.study_type} studies; "
            "add a study date (or title) column to say which"
        )


class StudyIndex:
    """The studies of each (project, type), stored or planned so far."""

    def __init__(self, store: Store) -> None:
        self.by_type: dict[tuple[Record, str], list[Record]] = defaultdict(list)
        for key, records in store.keyed[Entity.STUDY].items():
            self.by_type[(key[0], key[1])].extend(records)

    def find(
        self, project: Record, study_type: str, when: date | None, title: str | None
    ) -> Record | Ambiguous | None:
        """The study the row stands for; None when it is a new one."""
        candidates = self.by_type.get((project, study_type), [])
        if not candidates:
            return None
        if when is not None:
            dated = [s for s in candidates if when in _dates(s.values)]
            if dated:
                return _titled(dated, title) or dated[0]
            # A study saved without a date that the sheet now dates, when only one is undated.
            undated = [s for s in candidates if study_date(s.values) is None]
            return undated[0] if len(undated) == 1 else None
        titled = _titled(candidates, title)
        if titled is not None:
            return titled
        if title:
            return None  # a title the project has no study of: a new study
        if len(candidates) == 1:
            return candidates[0]
        return Ambiguous(len(candidates), study_type)


def _dates(values: dict[str, Any]) -> tuple[object, object]:
    """A study's two dates: a row giving either one names it."""
    return values.get("publication_date"), values.get("effective_date")


def _titled(studies: list[Record], title: str | None) -> Record | None:
    if not title:
        return None
    wanted = title.lower()
    found = [s for s in studies if str(s.values.get("title") or "").lower() == wanted]
    return found[0] if len(found) == 1 else None
