"""One spelling per stock exchange, shared by the company form, the workbook import and the
reading of press releases.

A known exchange is stored as it calls itself ("NYSE American", "TSXV"), whatever case or
older name it is typed in ("nyse american", "NYSE MKT", "TSX-V"). Any other exchange is stored
in capitals, as the app always stored exchange codes: one form per exchange, so that a listing
is found and kept unique whatever case a sheet or a person types it in.
"""

#: Each known exchange's spelling, and the other names it is typed under.
KNOWN: dict[str, tuple[str, ...]] = {
    "TSX": ("Toronto Stock Exchange",),
    "TSXV": ("TSX-V", "TSX Venture", "TSX Venture Exchange", "TSX.V"),
    "CSE": ("Canadian Securities Exchange",),
    "NEO": ("Cboe Canada",),
    "ASX": ("Australian Securities Exchange",),
    "NYSE": ("New York Stock Exchange",),
    "NYSE American": ("NYSE MKT", "NYSEAMERICAN", "NYSE-American", "AMEX", "NYSE Amex"),
    "NASDAQ": ("Nasdaq",),
    "LSE": ("London Stock Exchange",),
    "AIM": (),
    "JSE": (),
    "HKEX": (),
    "OTCQX": (),
    "OTCQB": (),
    "OTC": (),
    "FSE": ("Frankfurt",),
}
_SPELLING = {
    alias.casefold(): name for name, aliases in KNOWN.items() for alias in (name, *aliases)
}


def canonical_exchange(text: str) -> str:
    """``text`` as the app stores an exchange: a known one's own spelling, else in capitals."""
    trimmed = " ".join(text.split())
    return _SPELLING.get(trimmed.casefold(), trimmed.upper())
