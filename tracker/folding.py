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
    # Latin accents decompose to marks of one block, which a regex drops faster than
    # ``translate`` maps every character; what is left (Ø, Æ, other scripts' marks) is rare.
    folded = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text).casefold())
    if folded.isascii():
        return folded
    folded = _LETTER.sub(_spelled, folded)
    return folded if folded.isascii() else folded.translate(_FOLDS)


#: The combining diacritical marks block (U+0300 to U+036F): the accents of Latin letters.
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")
_LETTER = re.compile(f"[{''.join(_LETTERS)}]")


def _spelled(found: re.Match[str]) -> str:
    return _LETTERS[found.group()]


#: ASCII digits only: NFKD has already made full-width and superscript digits ASCII.
_DIGITS = re.compile(r"[0-9]+")
_HAS_DIGIT = re.compile(r"[0-9]").search
#: A number's length as two digits, put before it so that "2" (01) sorts before "10" (02);
#: a number of 100 digits or more is taken as 99 long, which no name a person writes reaches.
_LENGTHS = [f"{length:02d}" for length in range(100)]
#: Between a name's order and the name itself in ``name_key``: below every character of a name.
_TIE = "\x00"


def natural_order(text: str) -> str:
    """``fold(text)`` with each number written as its length then its digits ("zone 2" is
    "zone 012", "zone 10" is "zone 0210"), so that plain string comparison, fast in sorting,
    puts "Zone 2" before "Zone 10". Leading zeros do not count."""
    folded = fold(text)
    if _HAS_DIGIT(folded) is None:
        return folded
    return _DIGITS.sub(_counted, folded)


def _counted(found: re.Match[str]) -> str:
    digits = found.group().lstrip("0") or "0"
    return _LENGTHS[min(len(digits), 99)] + digits


def name_key(text: str) -> str:
    """The key a name sorts by: its ``natural_order``, then the name itself, so that names
    that fold alike ("Eleonore", "Éléonore") still come in one fixed order on every backend."""
    return f"{natural_order(text)}{_TIE}{text}"
