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
import json
import re
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
    field_validator,
)

#: docutils parses these fields as inline markup (smart quotes included).
BIBLIOGRAPHIC_FIELDS = frozenset(
    {"author", "authors", "organization", "address", "contact", "version"}
    | {"revision", "status", "date", "copyright"}
)
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


class Problem(NamedTuple):
    """One thing wrong with a page's front matter, located by field name."""

    field: str
    message: str


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


def as_date(value: Any) -> Any:
    """Accept an ISO 8601 date or date-time (whose time is dropped)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and "T" in value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return value
    if isinstance(value, str):
        return value.strip()
    return value


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
    model_config = ConfigDict(
        extra="ignore", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=True
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

    @property
    def author_ids(self) -> tuple[str, ...]:
        """``author`` and ``authors`` together, in order, without repeats."""
        return tuple(dict.fromkeys(self.author + self.authors))


# -- validation -----------------------------------------------------------------------

M = TypeVar("M", bound="_FrontMatter")


def validate(model: type[M], data: Mapping[str, Any]) -> tuple[M, list[Problem]]:
    """Validate ``data`` against ``model``, dropping each bad field with a problem.

    A page with a bad field still builds: the field falls back to its default and the
    problem names the field, so the author sees exactly what to fix.
    """
    problems: list[Problem] = [
        Problem(key, f"the key {key!r} was read by YAML as a boolean; quote it")
        for key in data
        if key in ("True", "False")
    ]
    problems += _misspelt_keys(model, data)
    values = {key: value for key, value in data.items() if key in model.model_fields}
    while True:
        try:
            return model.model_validate(values), problems
        except ValidationError as error:
            bad = {str(err["loc"][0]) for err in error.errors() if err["loc"]}
            for err in error.errors():
                field = str(err["loc"][0]) if err["loc"] else "?"
                problems.append(Problem(field, _describe(field, err, values.get(field))))
            if not bad & values.keys():
                raise
            for field in bad:
                values.pop(field, None)


def _describe(field: str, error: Any, value: Any) -> str:
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if error["type"] in ("string_type",) and isinstance(value, (list, dict)):
        message = "expected text, got a list or mapping"
    elif error["type"].startswith("date"):
        message = f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14"
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
) -> PageKind:
    """Recognise articles and clinician profiles.

    An explicit ``clinic: article|clinician|page`` in the front matter wins. Otherwise
    a page is an article when it lives in one of ``article_dirs`` and a profile when
    it lives in one of ``clinician_dirs``; an ``index`` page there is a plain page.
    """
    explicit = str(metadata.get("clinic", "")).strip().lower()
    if explicit in PageKind._value2member_map_:
        return PageKind(explicit)
    if docname == "index" or docname.endswith("/index"):
        return PageKind.PAGE
    if _in_dirs(docname, article_dirs):
        return PageKind.ARTICLE
    if _in_dirs(docname, clinician_dirs):
        return PageKind.CLINICIAN
    return PageKind.PAGE


def _in_dirs(docname: str, dirs: Iterable[str]) -> bool:
    return any(docname.startswith(d.strip("/") + "/") for d in dirs if d.strip("/"))


def slug(text: str) -> str:
    """Lowercase, hyphenated ASCII form of ``text`` (for ids and file names)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
