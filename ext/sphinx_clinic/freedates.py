"""Dates as authors write them (``2025-03-14``, ``March 4, 2025``, ``03/04/2024``): read
strictly, with a note when a reading may be wrong."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple


class NotADateError(ValueError):
    """A date field's value that is no date (its warning is ``clinic.date``)."""


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


_WEEKDAYS = frozenset(
    {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs"}
    | {"thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"}
)


_ISO_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")


_NUMERIC_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2,4})")


_TIME = re.compile(
    r"(?:[T\s,]+|(?<=\d)T)(?:at\s+)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


_WORD_DATE_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+(?:st|nd|rd|th)?|[\s,/.-]+", re.IGNORECASE)


_ISO_HINT = "write it as YYYY-MM-DD, e.g. 2025-03-14"


class DateReading(NamedTuple):
    """A date read from free text; ``note`` says why the reading may be wrong."""

    date: dt.date
    note: str = ""


def parse_date(text: str, formats: Iterable[str] = ()) -> DateReading:
    """Read a date in the forms blogs (ABlog sites among them) really write.

    ISO 8601 (``2024-01-08``, with or without a time) is the documented form. Also read:
    ``2023/05/17``; a month name with a day and a four-digit year in either order
    (``June 6, 2025``, ``Jan 8th, 2024``, ``8 January 2024``, ``Monday, Jan. 8 2024``);
    numbers with the year last (``17/05/2023``). Each ``strftime`` format in
    ``formats`` (ABlog's ``post_date_format``) is tried first.

    When both of the first two numbers could be the month (``03/04/2024``), the
    month is taken first, as ABlog (through dateutil) read it, and ``note`` says so.
    Raises :class:`ValueError` with a message for the author when ``text`` is no date.
    """
    stripped = " ".join(text.split())
    for date_format in formats:
        if not date_format:
            continue
        try:
            return DateReading(dt.datetime.strptime(stripped, date_format).date())
        except ValueError:
            pass
    if not stripped:
        raise NotADateError(f"an empty date is not a date; {_ISO_HINT}")
    # Try a full ISO 8601 date-time first: the time may carry a T and a zone.
    try:
        return DateReading(dt.datetime.fromisoformat(stripped.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    without_time = _TIME.sub("", stripped).strip(" ,")
    match = _ISO_DATE.fullmatch(without_time)
    if match:
        year, _sep, month, day = match.groups()
        return DateReading(_make_date(text, int(year), int(month), int(day)))
    match = _NUMERIC_DATE.fullmatch(without_time)
    if match:
        return _numeric_date(text, match)
    return _word_date(text, without_time)


def _make_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADateError(f"{text!r} is not a date (no such day); {_ISO_HINT}") from None


def _numeric_date(text: str, match: re.Match[str]) -> DateReading:
    first, _sep, second, year_text = match.groups()
    if len(year_text) != 4:
        raise NotADateError(
            f"{text!r} is not a date I can be sure of: write the year in full; {_ISO_HINT}"
        )
    year, a, b = int(year_text), int(first), int(second)
    if a > 12 >= b:  # day first: 17/05/2023
        return DateReading(_make_date(text, year, b, a))
    date = _make_date(text, year, a, b)
    if b > 12 or a == b:
        return DateReading(date)
    other = _make_date(text, year, b, a)
    note = (
        f"{text.strip()!r} is ambiguous: read as {date.isoformat()} (month first, as ABlog "
        f"read it), not {other.isoformat()}; write '{date.isoformat()}' or "
        f"'{other.isoformat()}' to say which"
    )
    return DateReading(date, note)


def _word_date(text: str, cleaned: str) -> DateReading:
    """``June 6, 2025``, ``8th Jan 2024``, ``2025 June 6``: one month name, a day, a year."""
    position = 0
    month = 0
    numbers: list[str] = []
    for token in _WORD_DATE_TOKEN.finditer(cleaned):
        if token.start() != position:
            break
        position = token.end()
        word = token.group().casefold()
        if word[:1].isspace() or word[:1] in ",/.-":
            continue
        bare = word.rstrip(".")
        if bare in _MONTHS and not month:
            month = _MONTHS[bare]
        elif (bare in _WEEKDAYS and not numbers and not month) or bare == "of":
            continue
        elif word[:1].isdigit():
            numbers.append(word)
        else:
            position = -1
            break
    if position != len(cleaned) or not month or len(numbers) != 2:
        raise NotADateError(f"{text!r} is not a date; {_ISO_HINT}")
    years = [n for n in numbers if len(n) == 4 and n.isdigit()]
    days = [n for n in numbers if n not in years]
    if len(years) != 1 or len(days) != 1 or len(days[0].rstrip("stndrh")) > 2:
        raise NotADateError(
            f"{text!r} is not a date I can be sure of: write the year in full; {_ISO_HINT}"
        )
    day = int(days[0].rstrip("stndrh"))
    return DateReading(_make_date(text, int(years[0]), month, day))
