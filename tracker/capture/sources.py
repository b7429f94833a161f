"""Plain text from what a person gives: a .txt, .html/.htm or PDF file, or pasted HTML."""

from pathlib import Path

from tracker.errors import TrackerError

#: File endings a release can be read from.
RELEASE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".pdf")


class ReleaseFileError(TrackerError):
    """A release file that cannot be read: missing, not text, a PDF without a text layer."""


def release_text(path: Path) -> str:
    """The release's text; raises ``ReleaseFileError`` with one clear line if unreadable."""
    raise NotImplementedError("release sources are being built on their own branch")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, paragraphs and table rows on lines of their own."""
    raise NotImplementedError("release sources are being built on their own branch")
