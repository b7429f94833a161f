"""The investor's portfolio joined to the projects, studies and deals behind it (no Qt).

- ``prices`` and ``fx_rates``: market data typed in by hand (``fx_csv``: rates from a CSV
  file); ``fx`` converts with it (inverse and cross rates through USD), ``reporting`` into the
  reporting currency with the rate and its date.
- ``positions``: value and gain of each holding.
- ``interests``: each company's attributable interest per project, deals included.
- ``exposure``: position value spread by commodity, country and stage.
- ``latest_studies``, ``lookthrough``: attributable study NPV per holding, NPV/share, P/NAV.
- ``screening``, ``watchlists``: every project's latest study, filtered; saved filters.
- ``expected_studies``, ``upcoming``: what is due next across the portfolio.
- ``sheets``: the same figures as plain rows for the Excel export.
- ``columns``: how the tables read (Qt-free, like ``tracker.tables``; ``tracker.formatting``
  formats each figure).
- ``facts``, ``checks``: shared look-ups by id and validation helpers.
"""
