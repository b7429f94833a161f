"""Cells that hold a small list: listings ("TSXV: MOO; ASX: MOO") and partners ("Beta (40 %)")."""

import re
from decimal import Decimal

from tracker.excel.values import percent_value, text_value
from tracker.exchanges import canonical_exchange

Listing = tuple[str | None, str]
Partner = tuple[str, Decimal]

#: Yahoo-style suffixes ("ABX.TO") and the exchanges they stand for.
_SUFFIXES = {
    "TO": "TSX",
    "V": "TSXV",
    "CN": "CSE",
    "NE": "NEO",
    "AX": "ASX",
    "L": "LSE",
    "JO": "JSE",
    "HK": "HKEX",
}


def parse_listings(value: object) -> tuple[Listing, ...]:
    """ "TSXV: MOO; ASX: MOO", "NYSE:GOLD", "ABX.TO" or a bare "ABX" (exchange unknown)."""
    text = text_value(value)
    if text is None:
        return ()
    found: list[Listing] = []
    for piece in re.split(r"\s*[;,|\n]\s*", text):
        if not piece:
            continue
        exchange, sep, ticker = piece.partition(":")
        if sep:
            if not exchange.strip() or not ticker.strip():
                raise ValueError("must read EXCHANGE: TICKER, e.g. 'TSXV: MOO'")
            found.append((canonical_exchange(exchange), ticker.strip().upper()))
            continue
        words = piece.split()
        if len(words) == 2 and words[0].isupper() and len(words[0]) <= 6:
            found.append((words[0].upper(), words[1].upper()))
            continue
        symbol, dot, suffix = piece.rpartition(".")
        if dot and suffix.upper() in _SUFFIXES and symbol:
            found.append((_SUFFIXES[suffix.upper()], symbol.strip().upper()))
            continue
        if " " in piece.strip():
            raise ValueError("is not a ticker (write e.g. 'TSXV: MOO')")
        found.append((None, piece.strip().upper()))
    return tuple(dict.fromkeys(found))


def format_listings(listings: list[tuple[str, str]]) -> str:
    return "; ".join(f"{exchange}: {ticker}" for exchange, ticker in listings)


_PARTNER = re.compile(r"^(?P<name>.+?)\s*\((?P<pct>[^()]*%?[^()]*)\)\s*$")


def parse_partners(value: object) -> tuple[Partner, ...]:
    """ "Beta Corp (40 %); Gamma Ltd (10 %)" -> the partners and their interests."""
    text = text_value(value)
    if text is None:
        return ()
    found: list[Partner] = []
    for piece in text.split(";"):
        piece = piece.strip()
        if not piece:
            continue
        match = _PARTNER.match(piece)
        if match is None:
            raise ValueError("must read 'Company (40 %); Other company (10 %)'")
        interest = percent_value(match["pct"].replace("%", "").strip() + "%", fractions=False)
        if interest is None:
            raise ValueError("needs each partner's interest, e.g. 'Beta Corp (40 %)'")
        found.append((match["name"].strip(), interest))
    return tuple(found)


def format_partners(partners: list[tuple[str, Decimal]]) -> str:
    return "; ".join(f"{name} ({interest:f} %)" for name, interest in partners)
