"""Pause Python's cyclic garbage collector around bulk work.

Each collector pass rescans every container object alive, and an import or export of 100,000
rows keeps hundreds of thousands of them (records, rows, look-ups): the passes then cost more
than the work. That work makes no reference cycles worth collecting while it runs, and whatever
garbage there is goes when the collector resumes.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """Run the block with the cyclic collector paused (it resumes as it was)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
