"""The list layer: what every list of the window and ``list`` on the command line shows.

- ``items``: the rows (plain tuples, loaded fast), ``lookups`` the small joins they share;
- ``rowsets``: the rows with the text a search matches and the facets the filters offer;
- ``search``: a list's rows for a search, in its first order (the command line runs this, the
  window's search box runs the same ``tracker.filters.matching`` over the same rowsets);
- ``project_figures`` and ``search_words``: a project's latest study and next milestone, and
  the trade's words (commodity names, tickers) a row is found by;
- ``counts``: how many records of each kind there are.
"""
