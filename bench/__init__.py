"""Benchmarks for the app at scale: a data generator and timings of the list queries.

Run them with ``python -m bench <name>``; see ``bench/__main__.py`` for the registered names.
"""
