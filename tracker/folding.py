"""Text as an investor types it: without accents or case, and names in the order a person expects.

Investors type "quebec" for "Québec" and "strasse" for "Straße", and expect "Éléonore" beside
"Eleonore", not after "Z". ``fold`` makes one comparable form (Unicode NFKD without combining
marks, case-folded, and the few letters neither decomposes, such as "Ø" and "Æ"); ``name_key``
sorts by that form with the numbers in a name read as numbers ("Zone 2" before "Zone 10").

Both run in Python over the rows the lists already hold, so SQLite and PostgreSQL find and
order the same rows; nothing depends on a database's collation.
"""

import re
import unicodedata
from typing import Any

#: Letters that are not a base letter plus a mark, so NFKD leaves them whole (after casefold).
_LETTERS = {
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "\u0131": "i",  # dotless i, as in Turkish names
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    "ĸ": "k",
}


class _Folds(dict[int, Any]):
    """``str.translate``'s table: combining marks go, ``_LETTERS`` are spelled out, every
    other character stays. Filled lazily, one entry per distinct character seen."""

    def __missing__(self, code: int) -> Any:
        character = chr(code)
        folded: Any = _LETTERS.get(character, code)
        if unicodedata.combining(character):
            folded = None
        self[code] = folded
        return folded


_FOLDS = _Folds()


def fold(text: str) -> str:
    """``text`` without accents or case: ``fold("Éléonore ØRSTED Straße") ==
    "eleonore orsted strasse"``. Plain ASCII takes a fast path."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).casefold().translate(_FOLDS)


_DIGITS = re.compile(r"(\d+)")
_HAS_DIGIT = re.compile(r"\d").search


def name_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """The key a name sorts by: folded, runs of digits as numbers, then the name itself so that
    names folding alike ("Eleonore", "Éléonore") still come in one fixed order.

    Split on digits, the parts alternate text and number and always start with text (maybe
    empty), so any two keys compare."""
    folded = fold(text)
    if not _HAS_DIGIT(folded):
        return (folded,), text
    parts = _DIGITS.split(folded)
    return tuple(_number(part) if index % 2 else part for index, part in enumerate(parts)), text


def _number(digits: str) -> int:
    """The run of digits as a number; beyond Python's limit on digits read (4,300) only its
    first 4,000 count, which orders any name a person writes."""
    return int(digits[:4000])
