"""The records every layer shares: small, picklable, no docutils nodes, no Sphinx app.

:class:`Clinician` and :class:`Article` are what the collector reads from a page;
:class:`View` is a page's request for content computed from other pages. None of them
holds a pydantic model: the environment is unpickled on every build, and a build that
validates no front matter need not import pydantic (see :mod:`.frontmatter`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .practice import Accepting, FeeRange, Location


class Problem(NamedTuple):
    """One thing wrong with a page's front matter, located by field name."""

    field: str
    message: str
    subtype: str = ""  # a ClinicWarning; "" lets the reader choose by ``not_a_date``
    not_a_date: bool = False  # a date field's value that is no date (``clinic.date``)


class ArticleFields(NamedTuple):
    """An article's front matter, as :class:`.frontmatter.ArticleFrontMatter` validated
    it: what the collector makes an :class:`Article` of (with the page's text)."""

    title: str | None = None
    date: dt.date | None = None
    updated: dt.date | None = None
    authors: tuple[str, ...] = ()  # ``author`` and ``authors``, in order, no repeats
    specialties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # ``tags`` and ``category``
    summary: str | None = None
    image: str | None = None
    image_alt: str | None = None
    draft: bool = False
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    language: str | None = None
    translation_of: str | None = None


@dataclass(frozen=True)
class License:
    """A professional licence, as :class:`.frontmatter.License` validated it."""

    type: str
    number: str = ""
    state: str = ""


@dataclass(frozen=True)
class Fees:
    """What sessions cost, as :class:`.frontmatter.Fees` validated it."""

    individual: FeeRange | None = None
    couples: FeeRange | None = None
    family: FeeRange | None = None
    group: FeeRange | None = None
    currency: str = ""

    def sessions(self) -> list[tuple[str, FeeRange]]:
        """(session type, fee) for each session with a fee, in the order profiles show them."""
        return [
            (name, fee)
            for name in ("individual", "couples", "family", "group")
            if (fee := getattr(self, name)) is not None
        ]


@dataclass(frozen=True)
class Identity:
    """What a clinician shares about themselves, as :class:`.frontmatter.Identity` validated it."""

    gender: str = ""
    ethnicity: str = ""
    faith: str = ""
    lgbtq_affirming: bool | None = None

    def shares_something(self) -> bool:
        return any(value not in ("", None) for value in vars(self).values())


@dataclass(frozen=True)
class Clinician:
    """A clinician, as their profile page's front matter describes them."""

    id: str
    docname: str
    name: str
    lines: tuple[tuple[str, int], ...] = ()  # front matter field -> line, for warnings
    credentials: tuple[str, ...] = ()
    pronouns: str = ""
    role: str = ""
    photo: str = ""  # path relative to the source directory, "" for none
    photo_alt: str = ""
    summary: str = ""
    specialties: tuple[str, ...] = ()  # vocabulary ids
    modalities: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    accepting: Accepting | None = None
    accepting_as_of: dt.date | None = None
    booking_url: str = ""
    profile_url: str = ""
    licenses: tuple[License, ...] = ()
    language: str = ""  # the profile page's own language (BCP 47), "" for the site's
    # What people choose a clinician by (shown in "Fees and insurance", "Where and how").
    fees: Fees | None = None
    sliding_scale: bool | None = None
    sliding_scale_note: str = ""
    insurance: tuple[str, ...] = ()  # insurance vocabulary ids (slugs without a vocabulary)
    insurance_names: tuple[str, ...] = ()  # what readers see for each, in the same order
    out_of_network: bool | None = None
    superbills: bool | None = None
    payment: tuple[str, ...] = ()  # as written
    locations: tuple[str, ...] = ()  # office ids from locations.yaml
    offices: tuple[Location, ...] = ()  # those offices, as locations.yaml describes them
    telehealth_states: tuple[str, ...] = ()  # USPS codes, upper case
    ages: tuple[str, ...] = ()  # ids of practice.AGES
    session_types: tuple[str, ...] = ()  # ids of practice.SESSION_TYPES
    identity: Identity | None = None  # only what the clinician chose to share
    translation_of: str = ""  # the profile this page translates, as written ("" for none)

    def line(self, field: str) -> int:
        """The source line of a front matter field (1 when unknown)."""
        return dict(self.lines).get(field, 1)

    @property
    def initials(self) -> str:
        """Up to two initials for the generated avatar."""
        words = [w for w in self.name.replace("-", " ").split() if w[:1].isalpha()]
        if not words:
            return "?"
        picked = words[:1] + words[1:][-1:]
        return "".join(w[0].upper() for w in picked)


@dataclass(frozen=True)
class Article:
    """A published (or draft) article."""

    docname: str
    title: str
    date: dt.date | None
    lines: tuple[tuple[str, int], ...] = ()  # front matter field -> line, for warnings
    updated: dt.date | None = None
    authors: tuple[str, ...] = ()  # clinician ids or names, as written
    specialties: tuple[str, ...] = ()  # vocabulary ids
    tags: tuple[str, ...] = ()  # blog tags and categories no specialty stands for
    summary: str = ""
    image: str = ""  # path relative to the source directory
    image_alt: str = ""
    draft: bool = False
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    words: int = 0
    language: str = ""  # the page's own language (BCP 47), "" for the site's
    translation_of: str = ""  # the article this page translates, as written ("" for none)

    def line(self, field: str) -> int:
        """The source line of a front matter field (1 when unknown)."""
        lines = dict(self.lines)
        if field == "author":
            return lines.get("author", lines.get("authors", 1))
        return lines.get(field, 1)

    @property
    def reading_minutes(self) -> int:
        """Reading time at about 200 words a minute, at least one minute."""
        return max(1, round(self.words / 200))

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Chronological order; the docname breaks ties stably."""
        return (self.date or dt.date.min, self.docname)


class View(NamedTuple):
    """A request, made while reading a page, for content resolved from other pages.

    ``kind`` names a view type registered with :mod:`sphinx_clinic.views`; ``args`` are
    the directive's options as that view type's frozen dataclass (``()`` for none).
    """

    kind: str
    args: Hashable = ()


@dataclass(frozen=True)
class DirectoryFilters:
    """A ``clinician-directory`` that readers filter: the facets it offers, and the
    static pages it has (combinations of up to ``depth`` filters, at most ``max_pages``),
    over the clinicians the directive itself keeps (``specialty``, ``accepting_only``)."""

    facets: tuple[str, ...]
    depth: int
    max_pages: int
    specialty: str = ""
    accepting_only: bool = False
    #: The facets whose values combine on static pages (``:filter-combine:``); the
    #: others get a page per value only.
    combine: tuple[str, ...] = ()


class AuthorMatch(NamedTuple):
    """What an author as written stands for: a clinician, or a guest with a name."""

    clinician_id: str | None
    name: str  # the clinician's name, or the guest's as shown in bylines


#: In ``specialty_targets``: this page's index lists every specialty, free tags included.
ALL_SPECIALTIES = "*"


def clinician_sort_key(clinician: Clinician) -> tuple[str, str]:
    """Directory order: by name, then id."""
    return (clinician.name.casefold(), clinician.id)


def specialty_anchor(specialty_id: str) -> str:
    """The stable HTML id of a specialty's entry in an index."""
    return f"specialty-{specialty_id}"


def is_published(article: Article) -> bool:
    """Whether a feed lists ``article``: never a draft."""
    return not article.draft


def published(articles: Iterable[Article]) -> tuple[Article, ...]:
    """The articles a feed lists."""
    return tuple(filter(is_published, articles))
