"""The ``clinic`` domain: the one owner of every cross-document fact.

Per-document facts (articles, clinician profiles, placeholders to fill late,
specialty targets) are stored keyed by docname, so ``clear_doc`` and
``merge_domaindata`` are exact and a ``-j 2`` read collects the same data as a serial
one. Everything a page shows about *other* pages is derived from that data by
:class:`SiteIndex`, recomputed whenever the data changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import _
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .frontmatter import Accepting, License, name_key, suggest
from .vocabulary import Specialty, Vocabulary, tag_specialty_id

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


# -- records: small, picklable, no docutils nodes --------------------------------------


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

    ``kind`` names a view type of :mod:`sphinx_clinic.views`; ``args`` are the
    directive's hashable options.
    """

    kind: str
    args: tuple[Any, ...] = ()


# -- derived data ------------------------------------------------------------------------


class AuthorMatch(NamedTuple):
    """What an author as written stands for: a clinician, or a guest with a name."""

    clinician_id: str | None
    name: str  # the clinician's name, or the guest's as shown in bylines


#: In ``specialty_targets``: this page's index lists every specialty, free tags included.
ALL_SPECIALTIES = "*"


class SiteIndex:
    """Read-only lookups derived from the domain's data (never stored).

    Articles come out *resolved*: each author as written (a clinician id, a clinician's
    name, a name mapped by ``author_map``, an ABlog author id of ``guest_names``) is
    replaced by the clinician's id, or by the guest's display name when no clinician
    matches; with ``tag_specialties``, the free tags of every article become
    specialties of their own (vocabulary entries labelled with the tag), derived here
    from all articles so that every build, ``-j 2`` and incremental, makes the same.
    """

    def __init__(
        self,
        articles: dict[str, Article],
        clinicians: dict[str, Clinician],
        vocabulary: Vocabulary,
        specialty_targets: dict[str, tuple[str, ...]],
        include_drafts: bool,
        *,
        author_map: Mapping[str, str] | None = None,
        guest_names: Mapping[str, str] | None = None,
        tag_specialties: bool = True,
    ) -> None:
        self.base_vocabulary = vocabulary
        self.include_drafts = include_drafts
        self.tag_specialties = tag_specialties
        self._written = articles
        self._clinician_docs = clinicians
        self._specialty_targets = specialty_targets
        self._author_map = {name_key(k): str(v) for k, v in (author_map or {}).items()}
        self._guest_names = dict(guest_names or {})

    # -- authors --

    @cached_property
    def _clinicians_by_name(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for clinician in sorted(self.clinicians.values(), key=clinician_sort_key):
            found.setdefault(name_key(clinician.name), clinician.id)
        return found

    def author(self, written: str) -> AuthorMatch:
        """The clinician (or guest) an author as written stands for.

        Tried in order: a clinician id; ``author_map`` (keys compared as names, values
        clinician ids or names); an ABlog author id (``guest_names``), whose name is
        then matched; a clinician's exact name (any case, accents kept).
        """
        written = written.strip()
        if written in self.clinicians:
            return AuthorMatch(written, self.clinicians[written].name)
        name = written
        mapped = self._author_map.get(name_key(written))
        if mapped is None and written in self._guest_names:
            name = self._guest_names[written]
            mapped = self._author_map.get(name_key(name))
        for candidate in (mapped, name):
            if candidate is None:
                continue
            if candidate in self.clinicians:
                return AuthorMatch(candidate, self.clinicians[candidate].name)
            by_name = self._clinicians_by_name.get(name_key(candidate))
            if by_name is not None:
                return AuthorMatch(by_name, self.clinicians[by_name].name)
        return AuthorMatch(None, name)

    def author_ids(self, written: Iterable[str]) -> tuple[str, ...]:
        """Clinician ids, or guests' names, of authors as written, without repeats."""
        resolved = (self.author(w) for w in written)
        return tuple(dict.fromkeys(m.clinician_id or m.name for m in resolved))

    # -- tags --

    @cached_property
    def _tag_entries(self) -> dict[str, Specialty]:
        """The specialty each free tag becomes, by tag as written (first label wins)."""
        by_id: dict[str, Specialty] = {}
        by_tag: dict[str, Specialty] = {}
        for docname in sorted(self._written):
            for tag in self._written[docname].tags:
                specialty_id = tag_specialty_id(tag)
                entry = by_id.setdefault(specialty_id, Specialty(specialty_id, tag.strip()))
                by_tag[tag] = entry
        return by_tag

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The specialty vocabulary, with the free tags' entries when they are kept."""
        if not self.tag_specialties:
            return self.base_vocabulary
        return self.base_vocabulary.with_entries(
            sorted(set(self._tag_entries.values()), key=lambda s: s.id)
        )

    @cached_property
    def ignored_tags(self) -> tuple[str, ...]:
        """Free tags no specialty stands for, when they are not made specialties."""
        if self.tag_specialties:
            return ()
        tags = {t for a in self._written.values() for t in a.tags}
        return tuple(sorted(tags, key=lambda t: (t.casefold(), t)))

    # -- articles --

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {docname: self._resolve(article) for docname, article in self._written.items()}

    def _resolve(self, article: Article) -> Article:
        specialties = article.specialties
        if self.tag_specialties and article.tags:
            tag_ids = (self._tag_entries[t].id for t in article.tags)
            specialties = tuple(dict.fromkeys((*specialties, *tag_ids)))
        authors = self.author_ids(article.authors)
        if authors == article.authors and specialties == article.specialties:
            return article
        return replace(article, authors=authors, specialties=specialties)

    def written_article(self, docname: str) -> Article | None:
        """The article at ``docname`` as its page wrote it (authors not resolved)."""
        return self._written.get(docname)

    @cached_property
    def clinicians(self) -> dict[str, Clinician]:
        """Clinicians by id; of two profiles claiming one id, the first docname wins."""
        found: dict[str, Clinician] = {}
        for docname in sorted(self._clinician_docs):
            found.setdefault(self._clinician_docs[docname].id, self._clinician_docs[docname])
        return found

    @cached_property
    def duplicate_clinicians(self) -> dict[str, list[str]]:
        """Clinician ids claimed by more than one profile, with all their docnames."""
        claims: dict[str, list[str]] = {}
        for docname in sorted(self._clinician_docs):
            claims.setdefault(self._clinician_docs[docname].id, []).append(docname)
        return {cid: docs for cid, docs in claims.items() if len(docs) > 1}

    @cached_property
    def chronology(self) -> tuple[Article, ...]:
        """Listed articles, oldest first: dated, and published unless drafts are shown."""
        listed = (
            a
            for a in self._articles.values()
            if a.date is not None and (self.include_drafts or not a.draft)
        )
        return tuple(sorted(listed, key=lambda a: a.sort_key))

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {a.docname: i for i, a in enumerate(self.chronology)}

    def clinician_record(self, docname: str) -> Clinician:
        """The profile read from ``docname`` (even one whose id another profile has)."""
        return self._clinician_docs[docname]

    def article(self, docname: str) -> Article | None:
        """The article at ``docname``, or None."""
        return self._articles.get(docname)

    def all_articles(self) -> Iterable[Article]:
        """Every article, drafts and undated ones included."""
        return self._articles.values()

    def neighbours(self, docname: str) -> tuple[Article | None, Article | None]:
        """The (older, newer) articles around ``docname`` in the chronology."""
        position = self._positions.get(docname)
        if position is None:
            return None, None
        older = self.chronology[position - 1] if position > 0 else None
        newer = self.chronology[position + 1] if position + 1 < len(self.chronology) else None
        return older, newer

    def newest_first(self) -> tuple[Article, ...]:
        """Listed articles, newest first."""
        return tuple(reversed(self.chronology))

    @cached_property
    def _by_author(self) -> dict[str, tuple[Article, ...]]:
        grouped: dict[str, list[Article]] = {}
        for article in self.newest_first():
            for author in article.authors:
                grouped.setdefault(author, []).append(article)
        return {k: tuple(v) for k, v in grouped.items()}

    def articles_by(self, clinician_id: str) -> tuple[Article, ...]:
        """Listed articles written by a clinician, newest first."""
        return self._by_author.get(clinician_id, ())

    @cached_property
    def _by_specialty(self) -> dict[str, tuple[Article, ...]]:
        grouped: dict[str, list[Article]] = {}
        for article in self.newest_first():
            for specialty in article.specialties:
                grouped.setdefault(specialty, []).append(article)
        return {k: tuple(v) for k, v in grouped.items()}

    def articles_about(self, specialty_id: str) -> tuple[Article, ...]:
        """Listed articles about a specialty, newest first."""
        return self._by_specialty.get(specialty_id, ())

    @cached_property
    def _clinicians_by_specialty(self) -> dict[str, tuple[Clinician, ...]]:
        grouped: dict[str, list[Clinician]] = {}
        for clinician in sorted(self.clinicians.values(), key=clinician_sort_key):
            for specialty in clinician.specialties:
                grouped.setdefault(specialty, []).append(clinician)
        return {k: tuple(v) for k, v in grouped.items()}

    def clinicians_for(self, specialty_id: str) -> tuple[Clinician, ...]:
        """Clinicians who treat a specialty, sorted by name."""
        return self._clinicians_by_specialty.get(specialty_id, ())

    @cached_property
    def specialty_pages(self) -> dict[str, str]:
        """The page that holds each specialty's index entry (first docname wins)."""
        pages: dict[str, str] = {}
        for docname in sorted(self._specialty_targets):
            for specialty_id in self._specialty_targets[docname]:
                if specialty_id == ALL_SPECIALTIES:
                    for extra in self.extra_specialties():
                        pages.setdefault(extra.id, docname)
                else:
                    pages.setdefault(specialty_id, docname)
        return pages

    def specialty(self, specialty_id: str) -> Specialty | None:
        """The vocabulary entry for an id."""
        return self.vocabulary.specialties.get(specialty_id)

    def extra_specialties(self) -> list[Specialty]:
        """Entries not in the vocabulary file (free tags), in alphabetical order."""
        base = self.base_vocabulary.specialties
        return [s for s in self.vocabulary.sorted() if s.id not in base]


def blog_author_names(config: Any) -> dict[str, str]:
    """ABlog's ``blog_authors`` (``{id: (name, url)}``) as ``{id: name}``."""
    names = {}
    for author_id, value in (getattr(config, "blog_authors", None) or {}).items():
        name = value[0] if isinstance(value, (tuple, list)) and value else value
        if isinstance(name, str) and name.strip():
            names[str(author_id)] = name.strip()
    return names


def clinician_sort_key(clinician: Clinician) -> tuple[str, str]:
    """Directory order: by name, then id."""
    return (clinician.name.casefold(), clinician.id)


def specialty_anchor(specialty_id: str) -> str:
    """The stable HTML id of a specialty's entry in an index."""
    return f"specialty-{specialty_id}"


# -- the domain --------------------------------------------------------------------------


class ClinicXRefRole(XRefRole):
    """A cross-reference role that belongs to the ``clinic`` domain under any name.

    Registered both as ``clinic:clinician`` and as the short ``clinician``.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:
            self.name = f"clinic:{self.name}"
        result = super().run()
        if not self.disabled:
            # The page it links to and the name it shows are another page's data: record
            # them as a view, so this page is rewritten when they change (or go away).
            view = View("reference", (self.reftype, " ".join(self.target.split())))
            domain = self.env.domains["clinic"]
            assert isinstance(domain, ClinicDomain)
            if view not in domain.views.get(self.env.docname, ()):
                domain.add_view(self.env.docname, view)
        return result


def reference_data(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    """What a clinician or specialty reference shows: the page it links to, its text."""
    typ, target = args
    if typ == "clinician":
        clinician = index.clinicians.get(target.strip())
        return None if clinician is None else (clinician.docname, clinician.name)
    specialty_id = index.vocabulary.resolve(target)
    if specialty_id is None:
        return None
    label = index.vocabulary.specialties[specialty_id].label
    return (specialty_id, index.specialty_pages.get(specialty_id), label)


class ClinicDomain(Domain):
    """Clinicians, articles and specialties, for every page of the site."""

    name = "clinic"
    label = "Clinic"
    object_types: ClassVar[dict[str, ObjType]] = {
        "clinician": ObjType(_("clinician"), "clinician"),
        "specialty": ObjType(_("specialty"), "specialty"),
    }
    roles: ClassVar[dict[str, Any]] = {
        "clinician": ClinicXRefRole(warn_dangling=True, innernodeclass=nodes.inline),
        "specialty": ClinicXRefRole(warn_dangling=True, innernodeclass=nodes.inline),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "articles": {},  # docname -> Article
        "clinicians": {},  # docname -> Clinician
        "views": {},  # docname -> tuple[View, ...]
        "specialty_targets": {},  # docname -> tuple[specialty id, ...]
        "vocabulary": Vocabulary(),
        "digests": {},  # docname -> digest of the views it was last written with
    }
    #: Bump whenever a record's shape changes: Sphinx then discards the old pickle.
    data_version = 2

    _PER_DOC: ClassVar[tuple[str, ...]] = ("articles", "clinicians", "views", "specialty_targets")

    # Derived lookups are cached on the instance and dropped on every change.
    _index: SiteIndex | None = None

    @property
    def articles(self) -> dict[str, Article]:
        return self.data["articles"]

    @property
    def clinician_docs(self) -> dict[str, Clinician]:
        return self.data["clinicians"]

    def is_clinic_page(self, docname: str) -> bool:
        """Whether the collector, which alone classifies pages, read ``docname`` as an
        article or a clinician profile."""
        return docname in self.articles or docname in self.clinician_docs

    @property
    def views(self) -> dict[str, tuple[View, ...]]:
        return self.data["views"]

    @property
    def vocabulary(self) -> Vocabulary:
        return self.data["vocabulary"]

    @property
    def digests(self) -> dict[str, str]:
        return self.data["digests"]

    # -- writing data (read phase) --

    def _changed(self) -> None:
        self._index = None

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.data["vocabulary"] = vocabulary
        self._changed()

    def add_article(self, article: Article) -> None:
        self.articles[article.docname] = article
        self._changed()

    def add_clinician(self, clinician: Clinician) -> None:
        self.clinician_docs[clinician.docname] = clinician
        self._changed()

    def add_view(self, docname: str, view: View) -> None:
        """Note that ``docname`` shows ``view``; it is rewritten when the view changes."""
        self.views[docname] = (*self.views.get(docname, ()), view)

    def add_specialty_targets(self, docname: str, specialty_ids: Iterable[str]) -> None:
        """Note that ``docname`` holds these specialties' entries (a page may have several
        indexes, e.g. one per group)."""
        targets = self.data["specialty_targets"]
        known = targets.get(docname, ())
        targets[docname] = known + tuple(s for s in specialty_ids if s not in known)
        self._changed()

    def clear_doc(self, docname: str) -> None:
        for key in (*self._PER_DOC, "digests"):
            self.data[key].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self._PER_DOC:
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]
        self._changed()

    # -- reading data --

    def site_index(self) -> SiteIndex:
        """Lookups over the whole site, computed once per change of the data."""
        if self._index is None:
            self._index = SiteIndex(
                self.articles,
                self.clinician_docs,
                self.vocabulary,
                self.data["specialty_targets"],
                include_drafts=bool(self.env.config.clinic_show_drafts),
                author_map=self.env.config.clinic_author_map,
                guest_names=blog_author_names(self.env.config),
                tag_specialties=self.env.config.clinic_unmapped_tags == "specialty",
            )
        return self._index

    def check_consistency(self) -> None:
        """Warn about facts that only the whole site can contradict."""
        from .checks import check_site

        check_site(self.env, self.site_index())

    # -- cross-references --

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        index = self.site_index()
        for clinician in index.clinicians.values():
            yield (clinician.id, clinician.name, "clinician", clinician.docname, "", 1)
        for specialty_id, docname in sorted(index.specialty_pages.items()):
            specialty = index.specialty(specialty_id)
            if specialty is not None:
                yield (
                    specialty_id,
                    specialty.label,
                    "specialty",
                    docname,
                    specialty_anchor(specialty_id),
                    1,
                )

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        index = self.site_index()
        explicit = node.get("refexplicit", False)
        if typ == "clinician":
            clinician = index.clinicians.get(target.strip())
            if clinician is None:
                return None
            if not explicit:
                contnode = nodes.inline(clinician.name, clinician.name)
            return make_refnode(
                builder, fromdocname, clinician.docname, "", contnode, clinician.name
            )
        if typ == "specialty":
            specialty_id = index.vocabulary.resolve(target)
            if specialty_id is None or specialty_id not in index.specialty_pages:
                return None
            specialty = index.vocabulary.specialties[specialty_id]
            if not explicit:
                contnode = nodes.inline(specialty.label, specialty.label)
            return make_refnode(
                builder,
                fromdocname,
                index.specialty_pages[specialty_id],
                specialty_anchor(specialty_id),
                contnode,
                specialty.label,
            )
        return None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("clinician", "specialty"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"clinic:{typ}", ref))
        return results

    def dangling_message(self, typ: str, target: str) -> str:
        """The warning for a reference to nothing, with the closest real names."""
        index = self.site_index()
        if typ == "clinician":
            return f"unknown clinician '{target}'" + suggest(target, index.clinicians)
        if index.vocabulary.resolve(target) is not None:
            return (
                f"specialty '{target}' has no entry on any page; add a specialty-index "
                "directive that lists it"
            )
        return f"unknown specialty '{target}'" + index.vocabulary.suggestion(target)


def warn_dangling_reference(app: Any, domain: Domain, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: our own message, with a suggestion, and a subtype."""
    if not isinstance(domain, ClinicDomain):
        return None
    typ = node["reftype"]
    logger.warning(
        domain.dangling_message(typ, node["reftarget"]),
        location=node,
        type="clinic",
        subtype="ref",
    )
    return True
