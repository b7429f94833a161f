"""Errors of the Excel layer: a bad workbook is the environment's fault, not a bug."""

from tracker.errors import TrackerError


class WorkbookError(TrackerError):
    """The file cannot be read as a spreadsheet; the message says why, in one sentence."""


class CancelledError(TrackerError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("cancelled; nothing was written")
