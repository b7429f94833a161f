"""The Summary sheet: counts, exposure by commodity, stage and country, and a native chart."""

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from tracker.excel.fields import PROJECT_FIELDS, WORKBOOK_MARK, Entity
from tracker.excel.print_setup import print_setup

#: Width of the Summary's first column (the names of companies and of tallied buckets).
SUMMARY_FIRST_COLUMN = 30
_COMMODITIES = [f.name for f in PROJECT_FIELDS].index("commodities")
_STAGE = [f.name for f in PROJECT_FIELDS].index("stage")
_COUNTRY = [f.name for f in PROJECT_FIELDS].index("country")


class SummaryData:
    """Tallies made while the Projects sheet is written, so no extra query is needed."""

    def __init__(self) -> None:
        self.commodity: Counter[str] = Counter()
        self.stage: Counter[str] = Counter()
        self.country: Counter[str] = Counter()
        self.projects = 0

    def collector(self, entity: Entity) -> Callable[[list[Any]], None] | None:
        return self.add_project if entity is Entity.PROJECT else None

    def add_project(self, row: list[Any]) -> None:
        self.projects += 1
        commodities = row[_COMMODITIES]
        self.commodity[commodities.split("-")[0] if commodities else "(none)"] += 1
        self.stage[row[_STAGE] or "(none)"] += 1
        self.country[row[_COUNTRY] or "(none)"] += 1


def write_summary(
    workbook: Any,
    sheet: Any,
    data: SummaryData,
    rows: dict[str, int],
    today: date,
    start: int = 3,
) -> None:
    """Lay out the Summary sheet's title and, from row ``start``, its counts; every block is an
    Excel table, and charts sit beside them."""
    title = workbook.add_format({"bold": True, "font_size": 16})
    muted = workbook.add_format({"font_color": "#595959"})
    share = workbook.add_format({"num_format": "0.0%"})
    sheet.write_string(0, 0, WORKBOOK_MARK, title)
    sheet.write_string(1, 0, f"Exported {today.isoformat()}", muted)
    sheet.set_column(0, 0, SUMMARY_FIRST_COLUMN)
    row = start
    counts = [[name, count] for name, count in rows.items()]
    row = _table(sheet, row, "Counts", ["Sheet", "Rows"], counts, None)
    blocks = (
        ("ByCommodity", "Primary commodity", data.commodity),
        ("ByStage", "Stage", data.stage),
        ("ByCountry", "Country", data.country),
    )
    first_rows: dict[str, tuple[int, int]] = {}
    for name, label, tally in blocks:
        ordered = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
        total = data.projects or 1
        body = [[key, count, count / total] for key, count in ordered]
        start = row
        row = _table(sheet, row, name, [label, "Projects", "Share (%)"], body, share)
        first_rows[name] = (start + 1, max(start + len(body), start + 1))
    sheet.freeze_panes(3, 0)
    print_setup(sheet, (0, 1))
    start, end = first_rows["ByCommodity"]
    chart = workbook.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Projects by primary commodity",
            "categories": [sheet.name, start, 0, end, 0],
            "values": [sheet.name, start, 1, end, 1],
            "fill": {"color": "#1F4E79"},
        }
    )
    chart.set_title({"name": "Projects by primary commodity"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"name": "Projects", "major_gridlines": {"visible": True}})
    sheet.insert_chart(start, 5, chart, {"x_scale": 1.4, "y_scale": 1.3})
    start, end = first_rows["ByStage"]
    stages = workbook.add_chart({"type": "bar"})
    stages.add_series(
        {
            "name": "Projects by stage",
            "categories": [sheet.name, start, 0, end, 0],
            "values": [sheet.name, start, 1, end, 1],
            "fill": {"color": "#C55A11"},
        }
    )
    stages.set_title({"name": "Projects by stage"})
    stages.set_legend({"none": True})
    stages.set_x_axis({"min": 0, "name": "Projects"})
    stages.set_y_axis({"reverse": True})
    sheet.insert_chart(start + 21, 5, stages, {"x_scale": 1.4, "y_scale": 1.3})


def _table(
    sheet: Any,
    row: int,
    name: str,
    headers: list[str],
    body: list[list[Any]],
    share_format: Any,
) -> int:
    """Write one small table at ``row``; returns the row after it plus a gap."""
    shown = body or [["(none)", 0] + ([0.0] if len(headers) > 2 else [])]
    columns: list[dict[str, Any]] = [{"header": h} for h in headers]
    if share_format is not None and len(headers) > 2:
        columns[2]["format"] = share_format
    sheet.add_table(
        row,
        0,
        row + len(shown),
        len(headers) - 1,
        {"name": name, "style": "Table Style Light 9", "columns": columns, "data": shown},
    )
    return row + len(shown) + 2
