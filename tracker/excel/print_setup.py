"""How every sheet of the exported workbook prints: landscape, as wide as one page, with its
header row repeated on each page, so that no sheet splits into stray columns of pages."""

from typing import Any


def print_setup(sheet: Any, header_rows: tuple[int, int] | None = (0, 0)) -> None:
    """Landscape, fit to one page wide (as many tall as it takes), ``header_rows`` (first and
    last, 0-based) repeated at the top of each page, narrow margins, centred across."""
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&L&A&RPage &P of &N")
    if header_rows is not None:
        sheet.repeat_rows(*header_rows)
