"""Excel's day counts as Python dates, times and durations, as the normal reader gives them.

A cell with a date format holds the days since the workbook's epoch. python-calamine gives a
count below 1 as a time of day, a whole count as a date, any other as a date and time, each to
the millisecond; a count outside Python's years stays a number. The 1900 system counts the
day Excel believes was 29 February 1900, so counts below 60 are one day off the calendar.
"""

from datetime import date, datetime, time, timedelta

from tracker.excel.number_formats import NumberKind

_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
_MS_A_DAY = 86_400_000
#: Excel's phantom 29 February 1900 is day 60: earlier counts are shifted by one.
_LEAP_BUG_DAY = 60


def _moment(days: float, system_1904: bool) -> datetime:
    if not system_1904 and days < _LEAP_BUG_DAY:
        days += 1
    return (_EPOCH_1904 if system_1904 else _EPOCH_1900) + timedelta(
        milliseconds=round(days * _MS_A_DAY)
    )


def serial_value(days: float, kind: NumberKind, system_1904: bool) -> object:
    """``days`` read as ``kind``: a time, date, datetime or timedelta (or the number itself
    when it is no day Python can hold)."""
    if kind is NumberKind.NUMBER:
        return days
    try:
        if kind is NumberKind.DURATION:
            return timedelta(milliseconds=round(days * _MS_A_DAY))
        moment = _moment(days, system_1904)
    except (OverflowError, ValueError):
        return days
    if days < 1:
        return moment.time()
    if days == int(days):
        return moment.date()
    return moment


def iso_value(text: str) -> object:
    """A cell of type ``d`` (an ISO 8601 date written as text): a datetime, date or time, or the
    text itself when it is none (one with a time zone, say)."""
    try:
        if "T" in text:
            return datetime.fromisoformat(text) if _naive(text) else text
        if text.count("-") == 2:
            return date.fromisoformat(text)
        if ":" in text:
            return time.fromisoformat(text)
    except ValueError:
        return text
    return text


def _naive(text: str) -> bool:
    moment = text.partition("T")[2]
    return not (moment.endswith("Z") or "+" in moment or "-" in moment) and " " not in text
