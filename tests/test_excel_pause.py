"""Bulk work runs with the cyclic collector paused, and what survives it is counted as old, so
the first passes after an import do not rescan the plan its preview keeps."""

import gc
import weakref

from tracker.pause import paused_collection


class Node:
    """A container the collector tracks, able to form a cycle."""

    def __init__(self) -> None:
        self.other: object = None


def _in_generation(generation: int, target: object) -> bool:
    return any(found is target for found in gc.get_objects(generation=generation))


def test_the_collector_is_paused_inside_and_resumes_after() -> None:
    assert gc.isenabled()
    with paused_collection():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_leaves_alive_goes_to_the_oldest_generation() -> None:
    with paused_collection():
        kept = Node()
        assert _in_generation(0, kept)
    assert not _in_generation(0, kept)
    assert _in_generation(2, kept)
    assert gc.get_count()[0] < 100, "the young count was not reset"


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with paused_collection():
        first, second = Node(), Node()
        first.other, second.other = second, first
        watched = weakref.ref(first)
        del first, second
    assert watched() is not None  # only the collector frees a cycle
    gc.collect()
    assert watched() is None


def test_the_collector_resumes_when_the_block_fails() -> None:
    try:
        with paused_collection():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
