"""Long Excel work (read, preview, import, export): a job of the data gateway's writer.

``ExcelJob`` is the gateway's ``Job``: it runs on the window's one writer thread (found through
its parent), with progress and Cancel, and its errors are sorted by the gateway's one rule.
"""

from ui.data.jobs import Job as ExcelJob
from ui.data.jobs import Progress, Work, finish_jobs

__all__ = ["ExcelJob", "Progress", "Work", "finish_jobs"]
