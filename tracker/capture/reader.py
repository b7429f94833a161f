"""Reading a release's plain text into a :class:`Capture` (interface; the rules come next)."""

from tracker.capture.model import Capture


def read_release(text: str, source: str = "pasted text") -> Capture:
    """Every figure the text states plainly, with its span and sentence; ``source`` names it."""
    raise NotImplementedError("release reading is being built on its own branch")
