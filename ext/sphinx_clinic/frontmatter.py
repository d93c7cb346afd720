"""Decode MyST front matter from ``env.metadata`` into typed, validated values.

Everything here is pure: no Sphinx application is needed, so it is unit-tested in
milliseconds and reused by the command-line checker.

What MyST and Sphinx do to front matter before we see it:

* scalars arrive as strings (``draft: true`` becomes ``"True"``);
* lists and mappings arrive as JSON text (``'["anxiety", "grief"]'``);
* the docutils *bibliographic* fields (``author``, ``authors``, ``date``...) are parsed
  as inline Markdown, so their quotes are "smartened", and ``authors`` is split on
  commas into a list of fragments of that JSON text;
* YAML 1.1 turns keys such as ``on:``/``yes:`` into the booleans ``True``/``False``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any, NamedTuple, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .warnings_ import ClinicWarning

#: docutils parses these fields as inline markup (smart quotes included).
BIBLIOGRAPHIC_FIELDS = frozenset(
    {"author", "authors", "organization", "address", "contact", "version"}
    | {"revision", "status", "date", "copyright"}
)
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


class NotADateError(ValueError):
    """A date field's value that is no date (its warning is ``clinic.date``)."""


class Problem(NamedTuple):
    """One thing wrong with a page's front matter, located by field name."""

    field: str
    message: str
    subtype: str = ""  # a ClinicWarning; "" lets the reader choose by ``not_a_date``
    not_a_date: bool = False  # a date field's value that is no date (``clinic.date``)


# -- decoding -------------------------------------------------------------------------


def decode_value(key: str, raw: Any) -> Any:
    """Return the Python value MyST flattened into ``raw`` for front matter ``key``."""
    if isinstance(raw, list):
        # ``authors`` is split by docutils on "," (or ";"); glue the fragments back.
        raw = ", ".join(str(part) for part in raw)
    if not isinstance(raw, str):
        return raw
    text = raw.translate(_SMART_QUOTES) if key in BIBLIOGRAPHIC_FIELDS else raw
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return raw
    return raw


def decode_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Decode every front matter field of one page (see :func:`decode_value`).

    Keys that YAML 1.1 turned into booleans come back as ``"True"``/``"False"``; they
    are kept under that name so that validation can point at them.
    """
    return {str(key): decode_value(str(key), value) for key, value in metadata.items()}


_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*|'[^']*'|\"[^\"]*\")\s*:")


def field_lines(source: str) -> dict[str, int]:
    """Map each top-level front matter key to its 1-based line in ``source``.

    Only the YAML block between the leading ``---`` fences is scanned; keys YAML 1.1
    reads as booleans are also recorded under ``"True"``/``"False"``.
    """
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match.group(1).strip("'\"")
            found.setdefault(key, number)
            boolean = _YAML11_BOOLEAN_KEYS.get(key.lower())
            if boolean:
                found.setdefault(boolean, number)
    return found


_YAML11_BOOLEAN_KEYS = {
    word: str(value)
    for value, words in ((True, ("on", "yes", "y", "true")), (False, ("off", "no", "n", "false")))
    for word in words
}


def front_matter_end(source: str) -> int:
    """Return the 1-based line of the closing front matter fence (0 without one)."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return number
    return 0


# -- shared field types ---------------------------------------------------------------


def as_list(value: Any) -> Any:
    """Accept ``a``, ``"a, b"`` or ``[a, b]`` wherever a list of words is expected."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def as_date(value: Any, info: ValidationInfo) -> Any:
    """Accept an ISO 8601 date or date-time (whose time is dropped), or one of the free
    forms of :func:`parse_date`; an ambiguous one is noted in the validation context."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    context = info.context if isinstance(info.context, dict) else {}
    reading = parse_date(value, context.get("date_formats", ()))
    if reading.note and info.field_name:
        notes = context.setdefault("notes", [])
        message = f"front matter '{info.field_name}': {reading.note}"
        problem = Problem(info.field_name, message, ClinicWarning.DATE)
        if problem not in notes:
            notes.append(problem)
    return reading.date


# -- free-form dates ------------------------------------------------------------------

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


def check_url(value: str | None) -> str | None:
    """Refuse a URL that could run code or leave the web (``javascript:``, ``data:``)."""
    if value is None:
        return None
    value = value.strip()
    if not is_safe_url(value):
        raise ValueError(
            f"{value!r} is not a web, mailto or tel address; use a link that starts "
            "with https://, mailto: or tel:"
        )
    return value


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and tel URLs and for relative URLs; never scripts."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in _SAFE_SCHEMES or (scheme == "" and not cleaned.startswith("//"))


Words = Annotated[tuple[str, ...], BeforeValidator(as_list)]
Date = Annotated[dt.date, BeforeValidator(as_date)]
Url = Annotated[str, BeforeValidator(check_url)]


class _FrontMatter(BaseModel):
    # defer_build: a model's validator is built when first used, so an incremental build
    # that reads only articles never pays for the clinician model (and the reverse).
    model_config = ConfigDict(
        extra="ignore",
        frozen=True,
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
        defer_build=True,
    )


# -- clinicians -----------------------------------------------------------------------


class Accepting(StrEnum):
    """Whether a clinician takes new clients."""

    ACCEPTING = "accepting"
    WAITLIST = "waitlist"
    NOT_ACCEPTING = "not-accepting"


_ACCEPTING_WORDS = {
    "accepting": Accepting.ACCEPTING,
    "yes": Accepting.ACCEPTING,
    "true": Accepting.ACCEPTING,
    "waitlist": Accepting.WAITLIST,
    "wait-list": Accepting.WAITLIST,
    "not-accepting": Accepting.NOT_ACCEPTING,
    "not accepting": Accepting.NOT_ACCEPTING,
    "no": Accepting.NOT_ACCEPTING,
    "false": Accepting.NOT_ACCEPTING,
}


class License(_FrontMatter):
    """A professional licence: ``{type: LCSW, number: "123", state: NY}``."""

    type: str
    number: str = ""
    state: str = ""


class ClinicianFrontMatter(_FrontMatter):
    """The front matter of a clinician's profile page."""

    id: str | None = Field(None, description="Defaults to the page's file name.")
    name: str | None = Field(None, description="Full name; defaults to the page title.")
    credentials: Words = Field((), description="Credential letters, e.g. [LCSW].")
    pronouns: str | None = None
    role: str | None = Field(None, description='e.g. "Mental Health Counselor".')
    photo: str | None = Field(None, description="Image path, relative to the page.")
    photo_alt: str | None = None
    summary: str | None = Field(None, description="The 1-3 sentence bio on cards.")
    specialties: Words = ()
    modalities: Words = ()
    populations: Words = ()
    languages: Words = ()
    formats: Words = Field((), description="in-person and/or telehealth.")
    accepting_clients: Accepting | None = None
    accepting_as_of: Date | None = None
    booking_url: Url | None = None
    profile_url: Url | None = None
    licenses: tuple[License, ...] = ()

    @field_validator("accepting_clients", mode="before")
    @classmethod
    def _accepting_words(cls, value: Any) -> Any:
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            word = _ACCEPTING_WORDS.get(value.strip().lower())
            if word is None:
                raise ValueError(f"{value!r} is not one of: accepting, waitlist, not-accepting")
            return word
        return value


# -- articles -------------------------------------------------------------------------


class ArticleFrontMatter(_FrontMatter):
    """The front matter of an article page."""

    title: str | None = Field(None, description="Defaults to the first heading.")
    date: Date | None = Field(None, description="Publication date, ISO 8601.")
    updated: Date | None = None
    author: Words = Field((), description="Clinician id(s) of the author(s).")
    authors: Words = Field((), description="Same as author.")
    specialties: Words = ()
    summary: str | None = Field(None, description="Defaults to the first paragraph.")
    image: str | None = None
    image_alt: str | None = None
    draft: bool = False
    reviewed_by: str | None = Field(None, description="Clinician id of the reviewer.")
    reviewed_on: Date | None = None
    # ABlog's front matter, read so that its posts build unchanged.
    blogpost: bool | None = Field(None, description="ABlog's mark of an article.")
    tags: Words = Field((), description="Mapped to specialties by clinic_tag_map.")
    category: Words = Field((), description="Same as tags.")
    location: Words = Field((), description="ABlog's; accepted and not shown.")
    language: Words = Field((), description="ABlog's; accepted and not shown.")
    # Hugo's and Jekyll's, accepted and not used: the URL stays the file name.
    layout: str | None = Field(None, description="Jekyll's; accepted and not used.")
    permalink: str | None = Field(None, description="Jekyll's; accepted and not used.")
    slug: str | None = Field(None, description="Hugo's and Material's; not used.")

    @property
    def author_ids(self) -> tuple[str, ...]:
        """``author`` and ``authors`` together, in order, without repeats."""
        return tuple(dict.fromkeys(self.author + self.authors))


# -- validation -----------------------------------------------------------------------

M = TypeVar("M", bound="_FrontMatter")


def validate(
    model: type[M], data: Mapping[str, Any], date_formats: Iterable[str] = ()
) -> tuple[M, list[Problem]]:
    """Validate ``data`` against ``model``, dropping each bad field with a problem.

    A page with a bad field still builds: the field falls back to its default and the
    problem names the field, so the author sees exactly what to fix. Dates may be
    written in the free forms of :func:`parse_date` (``date_formats`` first); an
    ambiguous one is read and reported.
    """
    context: dict[str, Any] = {"date_formats": tuple(date_formats), "notes": []}
    problems: list[Problem] = [
        Problem(key, f"the key {key!r} was read by YAML as a boolean; quote it")
        for key in data
        if key in ("True", "False")
    ]
    problems += _misspelt_keys(model, data)
    values = {key: value for key, value in data.items() if key in model.model_fields}
    while True:
        try:
            validated = model.model_validate(values, context=context)
            notes = [n for n in context["notes"] if n.field in values]
            return validated, problems + notes
        except ValidationError as error:
            bad = {str(err["loc"][0]) for err in error.errors() if err["loc"]}
            for err in error.errors():
                field = str(err["loc"][0]) if err["loc"] else "?"
                message = _describe(field, err, values.get(field))
                problems.append(Problem(field, message, not_a_date=_is_date_error(err)))
            if not bad & values.keys():
                raise
            for field in bad:
                values.pop(field, None)


def _is_date_error(error: Any) -> bool:
    """A value a date field refused: not a date to pydantic, or to :func:`parse_date`."""
    cause = (error.get("ctx") or {}).get("error")
    return str(error["type"]).startswith("date") or isinstance(cause, NotADateError)


def _describe(field: str, error: Any, value: Any) -> str:
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if error["type"] in ("string_type",) and isinstance(value, (list, dict)):
        message = "expected text, got a list or mapping"
    elif error["type"].startswith("date"):
        message = f"{value!r} is not a date; {_ISO_HINT}"
    return f"front matter '{field}': {message}"


def _misspelt_keys(model: type[_FrontMatter], data: Iterable[str]) -> list[Problem]:
    known = list(model.model_fields)
    problems = []
    for key in data:
        if key in model.model_fields:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
        if close:
            problems.append(
                Problem(key, f"unknown front matter key '{key}'; did you mean '{close[0]}'?")
            )
    return problems


def suggest(word: str, candidates: Iterable[str]) -> str:
    """Return a " did you mean ...?" suffix naming the closest candidates, or ""."""
    originals = {candidate.casefold(): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.casefold(), list(originals), n=3, cutoff=0.6)
    return did_you_mean([originals[c] for c in close])


def did_you_mean(options: Iterable[str]) -> str:
    """ "; did you mean 'a' or 'b'?" for the given options ("" for none)."""
    quoted = [f"'{option}'" for option in options]
    return "; did you mean " + " or ".join(quoted) + "?" if quoted else ""


# -- pages ----------------------------------------------------------------------------


class PageKind(StrEnum):
    """What a page is to sphinx-clinic."""

    ARTICLE = "article"
    CLINICIAN = "clinician"
    PAGE = "page"


def classify_page(
    docname: str,
    metadata: Mapping[str, Any],
    article_dirs: Iterable[str],
    clinician_dirs: Iterable[str],
    *,
    post_patterns: Iterable[str] = (),
    source_name: str = "",
    has_post_directive: bool = False,
) -> PageKind:
    """Recognise articles and clinician profiles.

    An explicit ``clinic: article|clinician|page`` in the front matter wins. Then
    ABlog's marks make an article: ``blogpost: true``, a ``post`` directive, or a source
    file (``source_name``, relative to the source folder) or docname that matches one of
    ``post_patterns`` (ABlog's ``blog_post_pattern`` globs). Otherwise a page is an
    article when it lives in one of ``article_dirs`` and a profile when it lives in one
    of ``clinician_dirs``; an ``index`` page there is a plain page.
    """
    explicit = str(metadata.get("clinic", "")).strip().lower()
    if explicit in PageKind._value2member_map_:
        return PageKind(explicit)
    if has_post_directive or is_true(metadata.get("blogpost")):
        return PageKind.ARTICLE
    if any(matches_glob(name, p) for p in post_patterns for name in (source_name, docname) if name):
        return PageKind.ARTICLE
    if docname == "index" or docname.endswith("/index"):
        return PageKind.PAGE
    if _in_dirs(docname, article_dirs):
        return PageKind.ARTICLE
    if _in_dirs(docname, clinician_dirs):
        return PageKind.CLINICIAN
    return PageKind.PAGE


def is_true(value: Any) -> bool:
    """YAML's and MyST's ways of writing "yes": ``true`` (``"True"`` once flattened)..."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "on", "1")


def matches_glob(path: str, pattern: str) -> bool:
    """Whether a POSIX ``path`` matches a glob ``pattern`` as ``glob(recursive=True)``
    reads it: ``*`` and ``?`` stay within a folder, a ``**`` part spans any folders."""
    pattern = pattern.strip()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    return _match_parts(path.strip("/").split("/"), pattern.strip("/").split("/"))


def _match_parts(parts: list[str], patterns: list[str]) -> bool:
    if not patterns:
        return not parts
    if patterns[0] == "**":
        return any(_match_parts(parts[i:], patterns[1:]) for i in range(len(parts) + 1))
    return (
        bool(parts)
        and fnmatch.fnmatchcase(parts[0], patterns[0])
        and _match_parts(parts[1:], patterns[1:])
    )


def name_key(name: str) -> str:
    """How people's names are compared: case, spacing and typographic apostrophes are
    ignored, accents are not ("Zoë" is not "Zoe")."""
    text = unicodedata.normalize("NFC", name).translate(_SMART_QUOTES)
    return " ".join(text.casefold().split())


def _in_dirs(docname: str, dirs: Iterable[str]) -> bool:
    return any(docname.startswith(d.strip("/") + "/") for d in dirs if d.strip("/"))


def slug(text: str) -> str:
    """Lowercase, hyphenated ASCII form of ``text`` (for ids and file names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
