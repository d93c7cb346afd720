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
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any, NamedTuple, TypeVar
from urllib.parse import urlsplit

import yaml
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


def check_url(value: Any) -> str | None:
    """Refuse a URL that could run code or leave the web (``javascript:``, ``data:``,
    a backslashed ``\\\\host/x``), and anything that is not text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected a web address as text, got {_kind(value)}")
    value = value.strip()
    if not is_safe_url(value):
        raise ValueError(
            f"{value!r} is not a web, mailto or tel address; use a link that starts "
            "with https://, mailto: or tel:"
        )
    return value


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and tel URLs and for relative URLs; never scripts.

    Browsers read a backslash as a slash, so ``\\\\evil.example/x`` and ``/\\evil`` are
    other sites, not relative paths: any backslash is refused.
    """
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    if "\\" in cleaned or cleaned.startswith("//"):
        return False
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return scheme in _SAFE_SCHEMES or scheme == ""


def _kind(value: Any) -> str:
    """How a wrong value reads to an author: "a list", "a number"..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# -- ids ------------------------------------------------------------------------------

#: The longest id (and so file name) accepted; longer ones are cut (with a digest).
MAX_ID_LENGTH = 80
_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


class IdReading(NamedTuple):
    """An id as written and the id used; ``problem`` says why they differ ("" if not)."""

    id: str
    problem: str = ""


def clean_id(written: str, what: str = "id") -> IdReading:
    """The one rule for clinician, specialty and tag ids: lowercase ASCII letters and
    digits, joined by single ``-`` or ``_``, at most :data:`MAX_ID_LENGTH` characters.

    Anything else is turned into such an id (its slug, cut to length with a short
    digest so that two long ids stay apart) and ``problem`` names the offending
    characters and the id used instead.
    """
    text = written.strip()
    if _ID.fullmatch(text) and len(text) <= MAX_ID_LENGTH:
        return IdReading(text)
    used = slug(text)
    if len(used) > MAX_ID_LENGTH or not used:
        digest = hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
        used = (used[: MAX_ID_LENGTH - 9].rstrip("-") + "-" + digest).lstrip("-")
    offending = sorted({ch for ch in text if not (ch.isascii() and (ch.isalnum() or ch in "-_"))})
    reasons = []
    if offending:
        shown = " ".join(_show_char(ch) for ch in offending[:12])
        reasons.append(f"it contains {shown}")
    if len(text) > MAX_ID_LENGTH:
        reasons.append(f"it is {len(text)} characters long (at most {MAX_ID_LENGTH})")
    if not reasons:
        reasons.append("ids are lowercase letters and digits joined by single '-' or '_'")
    problem = (
        f"{what} {_short(text)!r} is not a plain id ({'; '.join(reasons)}); using "
        f"'{used}' instead; write it as lowercase letters, digits and hyphens"
    )
    return IdReading(used, problem)


def _show_char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return repr(ch)
    return {" ": "a space", "\t": "a tab"}.get(ch, f"U+{ord(ch):04X}")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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


class License(BaseModel):
    """A professional licence: ``{type: LCSW, number: "123", state: NY}``.

    The number must be text: YAML reads an unquoted ``012345`` as the octal number 5349
    and ``12:30`` as 750, so a number here is refused rather than shown wrong; a
    misspelt key is refused rather than ignored.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True, strict=True
    )

    type: str
    number: str = ""
    state: str = ""

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_written(cls, value: Any, info: ValidationInfo) -> Any:
        """A number YAML read faithfully (``1234``) is kept as text; one it changed
        (``012345`` is 5349, ``12:30`` is 750) is not in the page's source, so it is
        refused (strict typing then names it)."""
        if isinstance(value, int) and not isinstance(value, bool):
            source = info.context.get("source") if isinstance(info.context, dict) else None
            if source is None or re.search(rf"(?<![\d.:]){value}(?![\d.:])", source):
                return str(value)
        return value


FORMATS = ("in-person", "telehealth")


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

    @field_validator("formats")
    @classmethod
    def _known_formats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for written in value:
            if written.strip().lower() not in FORMATS:
                raise ValueError(
                    f"{written!r} is not a format; use in-person and/or telehealth"
                    + did_you_mean(difflib.get_close_matches(written.lower(), FORMATS, n=1))
                )
        return tuple(dict.fromkeys(w.strip().lower() for w in value))

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
    model: type[M], data: Mapping[str, Any], date_formats: Iterable[str] = (), source: str = ""
) -> tuple[M, list[Problem]]:
    """Validate ``data`` against ``model``, dropping each bad field with a problem.

    A page with a bad field still builds: the field falls back to its default and the
    problem names the field, so the author sees exactly what to fix. Dates may be
    written in the free forms of :func:`parse_date` (``date_formats`` first); an
    ambiguous one is read and reported.
    """
    context: dict[str, Any] = {
        "date_formats": tuple(date_formats),
        "notes": [],
        "source": source or None,
    }
    problems: list[Problem] = [
        Problem(key, f"the key {key!r} was read by YAML as a boolean; quote it")
        for key in data
        if key in ("True", "False")
    ]
    problems += _misspelt_keys(model, data)
    values = {key: value for key, value in data.items() if key in model.model_fields}
    for key, kind in unquoted_scalars(source, values, TEXT_FIELDS).items():
        problems.append(
            Problem(
                key,
                f"front matter '{key}': YAML reads {values.pop(key)!r} as {kind}, not text; "
                "put the value in quotes",
            )
        )
    while True:
        try:
            validated = model.model_validate(values, context=context)
            notes = [n for n in context["notes"] if n.field in values]
            validated, cut = _bounded(validated)
            return validated, problems + notes + cut
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


#: Bounds on what one page may hold (cards and feeds show a few; more is a mistake or an
#: attack that would make every listing of the site slow).
MAX_SUMMARY_CHARS = 1000
MAX_WORDS = 50  # tags, specialties, languages... on one page
MAX_TEXT_CHARS = 300  # a name, a role, alt text, a title


def _bounded(front: M) -> tuple[M, list[Problem]]:
    """``front`` with over-long fields cut to their bound, and a problem for each."""
    changes: dict[str, Any] = {}
    problems = []
    for name in type(front).model_fields:
        value = getattr(front, name)
        if isinstance(value, tuple) and len(value) > MAX_WORDS:
            changes[name] = value[:MAX_WORDS]
            problems.append(
                Problem(
                    name,
                    f"front matter '{name}' has {len(value)} entries; only the first "
                    f"{MAX_WORDS} are used",
                )
            )
        elif isinstance(value, str):
            limit = MAX_SUMMARY_CHARS if name == "summary" else MAX_TEXT_CHARS
            if len(value) > limit:
                cut = value[:limit].rsplit(" ", 1)[0] if " " in value[:limit] else value[:limit]
                changes[name] = cut + "…"
                problems.append(
                    Problem(
                        name,
                        f"front matter '{name}' is {len(value)} characters long; it is cut "
                        f"to {limit} (keep it to a few sentences)",
                    )
                )
    if not changes:
        return front, []
    return front.model_copy(update=changes), problems


#: Fields documented as text: a YAML number, boolean or date written there is refused,
#: as MyST has already turned it into text that may not be what the author wrote
#: (``012345`` arrives as ``"5349"``). ``image`` is not: ABlog's ``image: 1`` is a number.
TEXT_FIELDS = frozenset(
    {"id", "name", "pronouns", "role", "photo", "photo_alt", "summary", "booking_url"}
    | {"profile_url", "title", "image_alt", "reviewed_by"}
)
_STR_TAG = "tag:yaml.org,2002:str"
_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}


def unquoted_scalars(source: str, values: Mapping[str, Any], keys: Iterable[str]) -> dict[str, str]:
    """Which of ``keys`` the page's YAML wrote as a number, boolean, null or date.

    MyST hands every scalar over as text, so this looks at the source: only when a
    value's text could be such a scalar (rare) is the front matter parsed again.
    """
    suspects = [
        key
        for key in keys
        if isinstance(values.get(key), str)
        and yaml.resolver.Resolver().resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, values[key], (True, False)
        )
        != _STR_TAG
    ]
    end = front_matter_end(source)
    if not suspects or not end:
        return {}
    block = "\n".join(source.splitlines()[1 : end - 1])
    try:
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    found = {}
    for key_node, value_node in root.value:
        key = getattr(key_node, "value", None)
        if key in suspects and isinstance(value_node, yaml.ScalarNode) and value_node.style is None:
            kind = _KINDS.get(value_node.tag)
            if kind:
                found[str(key)] = kind
    return found


def _describe(field: str, error: Any, value: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return f"front matter '{field}': unknown key '{error['loc'][-1]}'; check its spelling"
    if error["type"] == "string_type" and len(error["loc"]) > 2:
        return (
            f"front matter '{field}': '{error['loc'][-1]}' must be text, got "
            f"{_kind(error.get('input'))} {error.get('input')!r}; put it in quotes (YAML "
            "reads an unquoted 012345 or 12:30 as a number)"
        )
    message = message.removeprefix("Value error, ")
    if error["type"] in ("string_type",) and isinstance(value, (list, dict)):
        message = f"expected text, got {_kind(value)}"
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
