"""Pause Python's cyclic garbage collector around bulk work.

Each collector pass rescans every container object alive, and an import or export of 100,000
rows keeps hundreds of thousands of them (records, rows, look-ups): the passes then cost more
than the work. That work makes no reference cycles worth collecting while it runs, and whatever
garbage there is goes when the collector resumes.

What the work leaves alive (an import's plan, kept by its preview) counts as young when the
collector resumes, so the first young pass would scan all of it, and a middle pass scan it
again: a second or more with the GIL held, with the window frozen. It is old by any measure,
so it is moved straight to the oldest generation, which is scanned only once the long-lived
objects have grown by a quarter. Cycles in it are still collected then.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """Run the block with the cyclic collector paused (it resumes as it was), then count
    what survived it as old."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        promote_survivors()
        if enabled:
            gc.enable()


def promote_survivors() -> None:
    """Move every object the collector tracks to the oldest generation, without a pass."""
    gc.freeze()  # every generation into the permanent one, with the young count reset
    gc.unfreeze()  # and the permanent one into the oldest
