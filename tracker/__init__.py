"""Domain layer of Mining Project Tracker: entities, validation and services.

Nothing in this package imports Qt or the ``ui`` package; ``tests/test_layers.py`` enforces it.
"""
