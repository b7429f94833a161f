"""How figures are stored, in one place.

- Money is a ``Decimal`` in whole units of its currency (US$412 M is stored as 412000000),
  next to an ISO 4217 code held by the row (a study, an obligation, a holding).
- Percentages are ``Decimal`` percent points: 8 % is stored as ``Decimal("8")``, never 0.08.
- Every stored decimal keeps at most ``DECIMAL_PLACES`` places; the SQLite column stores it as
  a scaled integer so that values stay exact and still sort and compare in SQL.

How figures read (in lists, pages, charts and the workbook) is ``tracker.formatting``'s job.
"""

from decimal import Decimal

DECIMAL_PLACES = 6
SCALE = 10**DECIMAL_PLACES
#: Largest magnitude a scaled 64-bit integer column can hold.
MAX_DECIMAL = Decimal(2**63 - 1) / SCALE
MILLION = Decimal(1_000_000)
