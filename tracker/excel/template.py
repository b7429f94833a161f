"""The import template: every sheet's headers, one example row, and drop-down lists for the
vocabularies (stage, type, status, ...), so a filled template imports without mapping."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from tracker.excel.errors import WorkbookError
from tracker.excel.fields import SHEETS, Field, Kind

#: Rows the drop-down lists cover.
TEMPLATE_ROWS = 2000
LISTS_SHEET = "Lists"

EXAMPLE: dict[str, object] = {
    "company.name": "Example Gold Corp.",
    "company.listings": "TSXV: EXG",
    "company.website": "https://example.com",
    "company.reporting_currency": "CAD",
    "company.shares_outstanding": 125_000_000,
    "project.name": "Example Creek",
    "project.interest_pct": 1,
    "project.country": "Canada",
    "project.region": "British Columbia",
    "project.stage": "PEA/scoping",
    "project.stage_date": date(2024, 3, 5),
    "project.status": "active",
    "project.commodities": "Au-Ag",
    "project_commodity.rank": 1,
    "project_commodity.commodity": "Au",
    "study.study_type": "PEA/scoping",
    "study.title": "Example Creek PEA",
    "study.publication_date": date(2024, 3, 5),
    "study.reporting_code": "NI 43-101",
    "study.currency": "USD",
    "study.after_tax_npv": 412.5,
    "study.discount_rate_pct": 0.05,
    "study.after_tax_irr_pct": 0.245,
    "study.initial_capex": 350,
    "resource.category": "indicated",
    "resource.commodity": "Au",
    "resource.tonnes": 12_500_000,
    "resource.grade": 1.2,
    "resource.grade_unit": "g/t",
    "deal.title": "Example option on Example Creek",
    "deal.deal_type": "option/earn-in",
    "deal.status": "LOI signed",
    "deal.acquirer": "Example Gold Corp.",
    "deal.interest_pct": 0.6,
    "deal.consideration": 4_500_000,
    "deal.consideration_currency": "CAD",
    "deal.announced_date": date(2024, 6, 1),
    "deal_obligation.kind": "cash",
    "deal_obligation.amount": 250_000,
    "deal_obligation.currency": "CAD",
    "deal_obligation.due_date": date(2025, 6, 1),
    "deal_obligation.met": False,
    "event.event_date": date(2024, 3, 5),
    "event.kind": "study",
    "event.title": "Example Creek PEA published",
    "holding.shares": 10_000,
    "holding.average_cost": 0.85,
    "holding.currency": "CAD",
    "holding.opened_date": date(2024, 7, 2),
}
_FORMATS = {
    Kind.DATE: "yyyy-mm-dd",
    Kind.PERCENT: "0.0%",
    Kind.MONEY: "#,##0.0#",
    Kind.NUMBER: "#,##0.######",
}


def _example(sheet_entity: str, field: Field) -> object:
    if field.name == "name" and field.header == "Project company":
        return EXAMPLE["company.name"]
    return EXAMPLE.get(field.qualified)


def write_template(path: Path) -> None:
    """Write the blank import workbook to ``path``."""
    book = Workbook()
    lists = book.active
    assert lists is not None
    lists.title = LISTS_SHEET
    ranges: dict[str, str] = {}
    column = 0
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for spec in SHEETS:
        for field in spec.fields:
            if field.choices is None or field.qualified in ranges:
                continue
            column += 1
            letter = get_column_letter(column)
            values = [member.value for member in field.choices]
            lists.cell(1, column, field.qualified).font = Font(bold=True)
            for row, value in enumerate(values, start=2):
                lists.cell(row, column, value)
            ranges[field.qualified] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name)
        # No ID columns: they carry the database ids of an export (``identity``).
        fields = [f for f in spec.fields if f.read and not f.identity]
        for index, field in enumerate(fields, start=1):
            cell = sheet.cell(1, index, field.header)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
            example: Any = _example(spec.entity.value, field)
            if isinstance(example, float):
                example = Decimal(str(example))
            value_cell = sheet.cell(2, index, example)
            value_cell.font = Font(italic=True, color="595959")
            if field.kind in _FORMATS:
                value_cell.number_format = _FORMATS[field.kind]
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(len(field.header) + 4, field.width)
            if field.qualified in ranges:
                validation = DataValidation(
                    type="list", formula1=f"={ranges[field.qualified]}", allow_blank=True
                )
                validation.error = "Pick a value from the list"
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
                sheet.add_data_validation(validation)
        last = get_column_letter(len(fields))
        table = Table(displayName=spec.table_name, ref=f"A1:{last}2")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        sheet.add_table(table)
        sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    book.active = 1
    try:
        book.save(path)
    except OSError as exc:
        raise WorkbookError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
