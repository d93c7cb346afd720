"""Validate front matter into typed values: the article and clinician models, bounds on
what a page may hold, and a located problem for every bad value. Decoding what MyST hands
over is :mod:`.pages`; dates as authors write them, :mod:`.freedates`; ids, URLs and
suggestions, :mod:`.text`.

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
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from . import records
from .freedates import _ISO_HINT, NotADateError, parse_date
from .pages import front_matter_end
from .practice import AGES, SESSION_TYPES, Accepting, FeeRange, choice, parse_fee, state_code
from .records import Problem
from .text import _kind, check_url, did_you_mean
from .warnings_ import ClinicWarning

# -- decoding -------------------------------------------------------------------------


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


# -- ids ------------------------------------------------------------------------------


Words = Annotated[tuple[str, ...], BeforeValidator(as_list)]
Date = Annotated[dt.date, BeforeValidator(as_date)]
Url = Annotated[str, BeforeValidator(check_url)]


#: A language tag as BCP 47 writes it: ``es``, ``pt-BR``, ``zh-Hans`` (``_`` is accepted).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def check_language(value: Any) -> Any:
    """A page's ``language``: one BCP 47 tag, written with ``-`` (``pt_BR`` -> ``pt-BR``)."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]  # ABlog's post directive reads it as a list
    if not isinstance(value, str):
        return value
    tag = value.strip()
    if not _LANGUAGE_TAG.fullmatch(tag):
        raise ValueError(f"{value!r} is not a language tag; write e.g. 'es' or 'pt-BR'")
    return tag.replace("_", "-")


Language = Annotated[str, BeforeValidator(check_language)]


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

    def to_record(self) -> records.License:
        return records.License(self.type, self.number, self.state)

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


def _fee(value: Any, info: ValidationInfo) -> Any:
    if value is None:
        return None
    try:
        return parse_fee(value)
    except ValueError as error:
        raise ValueError(f"{info.field_name}: {error}") from None


_FEE_PATTERN = r"^\s*[0-9][0-9,.]*\s*((-|–|—|to)\s*[0-9][0-9,.]*\s*)?$"
#: A session fee: a number or a range ("150-180"); read into a :class:`~.practice.FeeRange`.
Fee = Annotated[
    FeeRange | None,
    BeforeValidator(_fee),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": _FEE_PATTERN},
            ],
            "description": 'A number or a range, e.g. 150 or "150-180".',
        }
    ),
]


class _ProfilePart(BaseModel):
    """A mapping inside a profile's front matter: a misspelt key is refused."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Fees(_ProfilePart):
    """What sessions cost: ``{individual: "150-180", couples: 200, currency: USD}``."""

    individual: Fee = None
    couples: Fee = None
    family: Fee = None
    group: Fee = None
    currency: str = Field("", description="An ISO 4217 code, e.g. USD, EUR, GBP.")

    @field_validator("currency", mode="before")
    @classmethod
    def _currency_code(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        code = value.strip().upper()
        if code and not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"{value!r} is not a currency code; write e.g. USD, EUR or GBP")
        return code

    def to_record(self) -> records.Fees:
        return records.Fees(self.individual, self.couples, self.family, self.group, self.currency)


_IDENTITY_TEXT = Field("", max_length=100)


class Identity(_ProfilePart):
    """What a clinician chooses to share about themselves; shown only as written."""

    gender: str = _IDENTITY_TEXT
    ethnicity: str = _IDENTITY_TEXT
    faith: str = _IDENTITY_TEXT
    lgbtq_affirming: bool | None = Field(None, description="LGBTQ+ affirming practice.")

    def to_record(self) -> records.Identity:
        return records.Identity(self.gender, self.ethnicity, self.faith, self.lgbtq_affirming)


def _kept(value: tuple[str, ...], info: ValidationInfo, check: Any) -> tuple[str, ...]:
    """The entries ``check`` accepts, normalised, without repeats; each refused one is
    a problem of its own (the others are kept)."""
    kept = []
    for written in value:
        try:
            kept.append(check(written))
        except ValueError as error:
            if isinstance(info.context, dict) and info.field_name:
                problem = Problem(info.field_name, f"front matter '{info.field_name}': {error}")
                notes = info.context.setdefault("notes", [])
                if problem not in notes:  # validation runs again after a bad field
                    notes.append(problem)
    return tuple(dict.fromkeys(kept))


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
    language: Language | None = Field(None, description="The page's language; default the site's.")
    # What people choose a clinician by (issue 19).
    fees: Fees | None = Field(None, description="e.g. {individual: 150, currency: USD}.")
    sliding_scale: bool | None = Field(None, description="Reduced fees for those who need them.")
    sliding_scale_note: str | None = Field(None, description='e.g. "A few places for students".')
    insurance: Words = Field((), description="Insurance plans taken (insurance.yaml ids or names).")
    out_of_network: bool | None = Field(None, description="Out-of-network benefits are supported.")
    superbills: bool | None = Field(None, description="Superbills for reimbursement.")
    payment: Words = Field((), description="Payment methods, e.g. [Credit card, HSA/FSA].")
    locations: Words = Field((), description="Offices: ids from locations.yaml.")
    telehealth_states: Words = Field((), description="US states for telehealth, e.g. [NY, NJ].")
    ages: Words = Field((), description="children, teens, adults, older-adults.")
    session_types: Words = Field((), description="individual, couples, family, group.")
    identity: Identity | None = Field(None, description="Only what the clinician chooses to share.")
    translation_of: str | None = Field(
        None, description="The profile this page translates (its docname), e.g. clinicians/ana."
    )

    @field_validator("telehealth_states")
    @classmethod
    def _known_states(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        return _kept(value, info, state_code)

    @field_validator("ages")
    @classmethod
    def _known_ages(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        return _kept(value, info, lambda w: choice(w, AGES, "ages"))

    @field_validator("session_types")
    @classmethod
    def _known_session_types(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        return _kept(value, info, lambda w: choice(w, SESSION_TYPES, "session types"))

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
    language: Language | None = Field(None, description="The page's language; default the site's.")
    translation_of: str | None = Field(
        None, description="The article this page translates (its docname), e.g. articles/worry."
    )
    # Hugo's and Jekyll's, accepted and not used: the URL stays the file name.
    layout: str | None = Field(None, description="Jekyll's; accepted and not used.")
    permalink: str | None = Field(None, description="Jekyll's; accepted and not used.")
    slug: str | None = Field(None, description="Hugo's and Material's; not used.")

    @property
    def author_ids(self) -> tuple[str, ...]:
        """``author`` and ``authors`` together, in order, without repeats."""
        return tuple(dict.fromkeys(self.author + self.authors))

    def to_record(self) -> records.ArticleFields:
        return records.ArticleFields(
            title=self.title,
            date=self.date,
            updated=self.updated,
            authors=self.author_ids,
            specialties=self.specialties,
            tags=self.tags + self.category,
            summary=self.summary,
            image=self.image,
            image_alt=self.image_alt,
            draft=self.draft,
            reviewed_by=self.reviewed_by,
            reviewed_on=self.reviewed_on,
            language=self.language,
            translation_of=self.translation_of,
        )


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
    | {"profile_url", "title", "image_alt", "reviewed_by", "sliding_scale_note"}
    | {"translation_of"}
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
    problems = []
    for key in data:
        if key in model.model_fields:
            continue
        close = _closest_field(model, key)
        if close:
            problems.append(
                Problem(key, f"unknown front matter key '{key}'; did you mean '{close}'?")
            )
    return problems


@functools.lru_cache(maxsize=256)
def _closest_field(model: type[_FrontMatter], key: str) -> str:
    """The field ``key`` is a likely misspelling of, or "". Cached: every page of a site
    carries the same few keys of other tools (``wordcount``, ``orphan``...)."""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.8)
    return close[0] if close else ""


# -- pages ----------------------------------------------------------------------------
