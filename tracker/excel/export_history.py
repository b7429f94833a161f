"""The rows of the workbook's history and market sheets, straight from SQL in id order.

These sheets make an export a complete copy: with them an import into an empty database gives
back every table. Rows name their parents by natural key, as the main sheets do.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tracker.excel.field_types import Entity
from tracker.excel.store import table

if TYPE_CHECKING:
    from tracker.excel.export_rows import PortfolioRows

Row = list[Any]


def _keep(ids: frozenset[int] | None, value: int | None) -> bool:
    return ids is None or value in ids


class HistoryRows:
    """Each history or market sheet's rows, using the main sheets' shared look-ups."""

    def __init__(self, source: "PortfolioRows") -> None:
        self.source = source

    def rows(self, entity: Entity) -> Iterator[Row]:
        rows: Iterator[Row] = getattr(self, "_" + entity.value)()
        return rows

    def _project_stage(self) -> Iterator[Row]:
        source = self.source
        columns = ("project_id", "stage", "effective_date", "note", "source", "id")
        for project_id, *rest in source.all("project_stage", *columns):
            if _keep(source.selected_projects, project_id):
                named = [source.project_names[project_id], source.operator(project_id)[0]]
                yield [*named, *rest[:-1], project_id, rest[-1]]

    def _study_price(self) -> Iterator[Row]:
        return self._study_lines("study_price", ("price", "currency", "unit"))

    def _study_sensitivity(self) -> Iterator[Row]:
        names = ("price", "currency", "unit", "change_pct", "after_tax_npv", "source")
        return self._study_lines("study_sensitivity", names)

    def _commodity_price(self) -> Iterator[Row]:
        source = self.source
        columns = ("commodity_id", "price_date", "price", "currency", "unit", "source")
        for commodity_id, *rest in source.all("commodity_price", *columns, raw=True):
            yield [source.symbols[commodity_id][0], *rest]

    def _study_lines(self, name: str, values: tuple[str, ...]) -> Iterator[Row]:
        source = self.source
        study = table("study")
        studies = {
            row[0]: row[1:]
            for row in source.session.execute(
                select(
                    study.c.id,
                    study.c.project_id,
                    study.c.title,
                    study.c.study_type,
                    study.c.publication_date,
                    study.c.effective_date,
                )
            )
        }
        columns = ("study_id", "commodity_id", *values)
        for study_id, commodity_id, *rest in source.all(name, *columns, raw=True):
            project_id, title, study_type, published, effective = studies[study_id]
            if not _keep(source.selected_projects, project_id):
                continue
            if not _keep(source.selection.studies, study_id):
                continue
            yield [
                source.project_names[project_id],
                source.operator(project_id)[0],
                title,
                study_type,
                published or effective,
                source.symbols[commodity_id][0],
                *rest,
                project_id,
                study_id,
            ]

    def _deal_rows(self, name: str, *columns: str, raw: bool = False) -> Iterator[Row]:
        """Rows of a table hanging on deals, led by their deal's title and announcement."""
        source = self.source
        keys = source.deal_key_map()
        kept = source.kept_deals()
        for deal_id, *rest in source.all(name, "deal_id", *columns, raw=raw):
            if deal_id in kept:
                yield [*keys[deal_id], *rest, deal_id]

    def _deal_step(self) -> Iterator[Row]:
        columns = ("seq", "interest_pct", "due_date", "description", "earned")
        return self._deal_rows("deal_step", *columns, raw=True)

    def _deal_status(self) -> Iterator[Row]:
        return self._deal_rows("deal_status_change", "status", "changed_on", "note")

    def _share_price(self) -> Iterator[Row]:
        source = self.source
        columns = ("company_id", "price_date", "price", "currency", "source")
        for company_id, *rest in source.all("share_price", *columns, raw=True):
            if _keep(source.selected_companies, company_id):
                yield [source.company_names[company_id], *rest]

    def _fx_rate(self) -> Iterator[Row]:
        columns = ("rate_date", "base", "quote", "rate", "source")
        for row in self.source.all("fx_rate", *columns, raw=True):
            yield list(row)

    def _expected_study(self) -> Iterator[Row]:
        source = self.source
        columns = ("project_id", "study_type", "expected_date", "noted_on", "source")
        for project_id, *rest in source.all("expected_study", *columns):
            if _keep(source.selected_projects, project_id):
                named = [source.project_names[project_id], source.operator(project_id)[0]]
                yield [*named, *rest, project_id]

    def _watchlist(self) -> Iterator[Row]:
        columns = ("name", "commodity", "min_study_type", "min_irr_pct", "country")
        for row in self.source.all("watchlist", *columns, raw=True):
            yield list(row)
