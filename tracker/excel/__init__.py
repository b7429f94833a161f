"""Excel export and import: the portfolio workbook, its exact round trip, and investor sheets.

No Qt here: the GUI in ``ui/excel`` and the command line both drive these modules.
"""
