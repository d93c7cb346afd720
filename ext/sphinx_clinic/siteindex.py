"""What a page shows about other pages, derived from the domain's data (never stored).

Pure: built from records and the vocabulary, so it needs no Sphinx application and a
test can construct one directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import MISSING, fields, replace
from functools import cached_property
from typing import Any

from .facets import (
    FACETS_BY_ID,
    Selection,
    facet_folder,
    matching,
    reduced,
    selection_counts,
    selection_slug,
    selections,
)
from .practice import Accepting
from .records import (
    ALL_SPECIALTIES,
    Article,
    AuthorMatch,
    Clinician,
    DirectoryFilters,
    clinician_sort_key,
    is_published,
)
from .text import name_key
from .translations import Member, Translations, language_key, link_translations, pick_language
from .urls import language_page
from .vocabulary import Specialty, Vocabulary, tag_specialty_id


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
        filter_directories: Mapping[str, DirectoryFilters] | None = None,
        lists_in_pages: bool = False,
        site_language: str = "en",
        group_translations: bool = True,
        directory_page: str = "",
    ) -> None:
        self.base_vocabulary = vocabulary
        self.include_drafts = include_drafts
        self.tag_specialties = tag_specialties
        #: Whether this build splits long lists into pages (websites do; a book, a
        #: single page or a text build shows them whole): views then compute only the
        #: first page, so a change further down rewrites no page that does not show it.
        self.lists_in_pages = lists_in_pages
        self.site_language = site_language or "en"
        #: ``clinic_translations = "group"``: listings show one entry per original.
        self.group_translations = group_translations
        #: The page of the site's first ``clinician-directory`` ("" when none): its
        #: folder holds the "clinicians who speak X" pages profiles link to.
        self.directory_page = directory_page
        self._written = articles
        self._clinician_docs = clinicians
        self._specialty_targets = specialty_targets
        self._author_map = {name_key(k): str(v) for k, v in (author_map or {}).items()}
        self._guest_names = dict(guest_names or {})
        self._filter_directories = dict(filter_directories or {})

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
        """Clinicians by id; of two profiles claiming one id, the first docname wins. A
        profile with ``translation_of`` is a page of its original's clinician, not one
        of its own."""
        found: dict[str, Clinician] = {}
        for docname in sorted(self._clinician_docs):
            clinician = self._clinician_docs[docname]
            if not clinician.translation_of:
                found.setdefault(clinician.id, clinician)
        return found

    @cached_property
    def _profiles(self) -> dict[str, Clinician]:
        profiles = {clinician.docname: clinician for clinician in self.clinicians.values()}
        for translation, original in sorted(self.profile_translations.originals.items()):
            if original in profiles:
                profiles[translation] = translated_profile(
                    profiles[original], self._clinician_docs[translation]
                )
        for docname, clinician in sorted(self._clinician_docs.items()):
            if clinician.translation_of and docname not in profiles:
                profiles[docname] = clinician  # a link that cannot be followed (warned about)
        return profiles

    def profile_at(self, docname: str) -> Clinician | None:
        """The clinician whose profile is ``docname``; None for other pages, and for a
        profile whose id an earlier profile claimed. A translated profile gives the
        original's clinician in the translation's words (:func:`translated_profile`)."""
        return self._profiles.get(docname)

    def clinician_in(self, clinician_id: str, language: str) -> Clinician | None:
        """A clinician as a page in ``language`` shows them: their profile's translation
        in that language when there is one (its words, its page), else their profile."""
        clinician = self.clinicians.get(clinician_id)
        if clinician is None:
            return None
        group = self.profile_translations.group(clinician.docname)
        tag = pick_language(language, [m.language for m in group]) if group else None
        for member in group:
            if member.language == tag and not member.original:
                return self._profiles.get(member.docname, clinician)
        return clinician

    @cached_property
    def duplicate_clinicians(self) -> dict[str, list[str]]:
        """Clinician ids claimed by more than one profile, with all their docnames."""
        claims: dict[str, list[str]] = {}
        for docname in sorted(self._clinician_docs):
            if not self._clinician_docs[docname].translation_of:
                claims.setdefault(self._clinician_docs[docname].id, []).append(docname)
        return {cid: docs for cid, docs in claims.items() if len(docs) > 1}

    # -- languages and translations --

    def page_language(self, docname: str) -> str:
        """The language of an article or a profile: its own, else the site's."""
        page = self._written.get(docname) or self._clinician_docs.get(docname)
        return (page.language if page is not None else "") or self.site_language

    @cached_property
    def article_translations(self) -> Translations:
        """Articles and their translations (``translation_of``), validated."""
        pages = {d: (a.translation_of, a.language) for d, a in self._written.items()}
        return link_translations(
            pages, self.site_language, kind="article", others=self._clinician_docs
        )

    @cached_property
    def profile_translations(self) -> Translations:
        """Clinician profiles and their translations, validated."""
        pages = {d: (c.translation_of, c.language) for d, c in self._clinician_docs.items()}
        return link_translations(pages, self.site_language, kind="profile", others=self._written)

    def translations(self, docname: str) -> tuple[Member, ...]:
        """The pages that are ``docname`` in other languages, with ``docname`` itself
        (original first); ``()`` for a page alone. Drafts only when drafts are shown."""
        group = self.article_translations.group(docname) or self.profile_translations.group(docname)
        shown = tuple(m for m in group if m.docname == docname or self._shown(m.docname))
        return shown if len(shown) > 1 else ()

    def _shown(self, docname: str) -> bool:
        article = self._written.get(docname)
        return article is None or self.include_drafts or not article.draft

    def also_in(self, docname: str) -> tuple[Member, ...]:
        """Where listings group translations: the listed articles that are ``docname`` in
        other languages (the entry's "Also in"); ``()`` when they list each on its own."""
        if not self.group_translations:
            return ()
        return tuple(
            m
            for m in self.translations(docname)
            if m.docname != docname and m.docname in self._positions
        )

    def collapse(self, articles: Iterable[Article], language: str) -> tuple[Article, ...]:
        """``articles``, in their order, with one entry per original where listings group
        translations: the one in ``language``, else the original, else the first."""
        articles = tuple(articles)
        if not self.group_translations:
            return articles
        original = self.article_translations.original
        members: dict[str, list[Article]] = {}
        for article in articles:
            members.setdefault(original(article.docname), []).append(article)
        chosen = set()
        for root, group in members.items():
            pick = group[0]
            if len(group) > 1:
                languages = [self.page_language(a.docname) for a in group]
                tag = pick_language(language, languages)
                if tag is not None:
                    pick = group[languages.index(tag)]
                else:
                    pick = next((a for a in group if a.docname == root), group[0])
            chosen.add(pick.docname)
        return tuple(a for a in articles if a.docname in chosen)

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

    @cached_property
    def _chronology_by_language(self) -> dict[str, tuple[Article, ...]]:
        grouped: dict[str, list[Article]] = {}
        for article in self.chronology:
            grouped.setdefault(language_key(self.page_language(article.docname)), []).append(
                article
            )
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def _language_positions(self) -> dict[str, int]:
        return {
            a.docname: i
            for chronology in self._chronology_by_language.values()
            for i, a in enumerate(chronology)
        }

    def neighbours(self, docname: str) -> tuple[Article | None, Article | None]:
        """The (older, newer) articles around ``docname`` in the chronology of the
        articles in its language (a reader of Spanish goes on to Spanish articles)."""
        position = self._language_positions.get(docname)
        if position is None:
            return None, None
        chronology = self._chronology_by_language[language_key(self.page_language(docname))]
        older = chronology[position - 1] if position > 0 else None
        newer = chronology[position + 1] if position + 1 < len(chronology) else None
        return older, newer

    def newest_first(self) -> tuple[Article, ...]:
        """Listed articles, newest first."""
        return self._newest_first

    @cached_property
    def _newest_first(self) -> tuple[Article, ...]:
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

    # -- the directory readers filter --

    @cached_property
    def filter_directory(self) -> tuple[str, DirectoryFilters] | None:
        """The page whose directory readers filter, and its settings (first docname)."""
        for docname in sorted(self._filter_directories):
            return docname, self._filter_directories[docname]
        return None

    def directory_clinicians(
        self, specialty: str = "", accepting_only: bool = False
    ) -> tuple[Clinician, ...]:
        """The clinicians a directory lists, in directory order."""
        clinicians = sorted(self.clinicians.values(), key=clinician_sort_key)
        if specialty:
            clinicians = [c for c in clinicians if specialty in c.specialties]
        if accepting_only:
            clinicians = [c for c in clinicians if c.accepting is Accepting.ACCEPTING]
        return tuple(clinicians)

    @cached_property
    def filtered_clinicians(self) -> tuple[Clinician, ...]:
        """The clinicians the filtered directory lists (none without one)."""
        if self.filter_directory is None:
            return ()
        filters = self.filter_directory[1]
        return self.directory_clinicians(filters.specialty, filters.accepting_only)

    @cached_property
    def facet_counts(self) -> dict[Selection, int]:
        """How many of the filtered directory's clinicians match each non-empty selection
        of up to its ``:filter-depth:`` filters."""
        if self.filter_directory is None:
            return {}
        filters = self.filter_directory[1]
        return selection_counts(
            self.filtered_clinicians, filters.facets, filters.depth, filters.combine
        )

    @cached_property
    def facet_pages(self) -> dict[Selection, str]:
        """The static page of every selection of filters that has one, by selection: under
        the filtered directory's page (``clinicians/filter/language-spanish``)."""
        if self.filter_directory is None:
            return {}
        docname, filters = self.filter_directory
        folder = facet_folder(docname)
        chosen = self.facet_selections[: filters.max_pages]
        return {selection: f"{folder}/{selection_slug(selection)}" for selection in chosen}

    @cached_property
    def facet_page_names(self) -> frozenset[str]:
        """The page names of every facet page."""
        return frozenset(self.facet_pages.values())

    @cached_property
    def facet_selections(self) -> tuple[Selection, ...]:
        """Every selection that would get a page if ``:filter-pages:`` allowed it, in
        the order the cap cuts."""
        return selections(self.facet_counts, len(self.facet_counts))

    def facet_combines(self, facet_id: str) -> bool:
        """Whether the filtered directory's static pages narrow a value of ``facet_id``
        by further filters (``:filter-combine:``)."""
        owner = self.filter_directory
        return owner is not None and facet_id in owner[1].combine and owner[1].depth > 1

    def facet_page_for(self, selection: Selection) -> str | None:
        """The page that lists the clinicians of ``selection``: its own, or that of the
        shorter selection with the same clinicians (None past the cap, or when none match)."""
        return self.facet_pages.get(reduced(selection, self.facet_counts))

    def has_feed(self, kind: str, key: str = "") -> bool:
        """Whether the feed of the site, a clinician (``author``) or a specialty is written:
        once it has a published article."""
        if kind == "site":
            articles = self.newest_first()
        elif kind == "author":
            articles = self.articles_by(key)
        else:
            articles = self.articles_about(key)
        # Asked on every page, for its authors and specialties: stop at the first one.
        return any(map(is_published, articles))

    @cached_property
    def language_pages(self) -> frozenset[str]:
        """The "clinicians who speak X" pages a website has: one per language spoken,
        beside the first ``clinician-directory``; none when the filtered directory offers
        the language facet over every clinician (its pages are the languages' pages then)."""
        owner = self.filter_directory
        if not (self.lists_in_pages and self.directory_page):
            return frozenset()
        if owner is not None and "language" in owner[1].facets and self.facet_pages_list_everyone:
            return frozenset()
        spoken = {language for c in self.clinicians.values() for language in c.languages}
        return frozenset(filter(None, (language_page(self.directory_page, s) for s in spoken)))

    def language_page_of(self, written: str) -> str | None:
        """The page of the clinicians who speak ``written`` (as a profile writes it): its
        facet page, else its "clinicians who speak" page, if the site has either."""
        page = self.facet_page("language", written)
        if page is None:
            target = language_page(self.directory_page, written)
            page = target if target in self.language_pages else None
        return page

    @cached_property
    def facet_pages_list_everyone(self) -> bool:
        """Whether the filtered directory lists every clinician (no ``:specialty:`` or
        ``:accepting:``): only then may the rest of the site link to its facet pages
        ("Clinicians who speak Spanish" must not mean only those accepting clients)."""
        owner = self.filter_directory
        return owner is not None and not owner[1].specialty and not owner[1].accepting_only

    def facet_page(self, facet_id: str, written: str) -> str | None:
        """The static page of one filter (``"language", "Spanish"``: a value as a profile
        writes it) for links from the rest of the site, if the site has one."""
        if not self.facet_pages_list_everyone:
            return None
        value = FACETS_BY_ID[facet_id].value_id(written)
        return self.facet_pages.get(((facet_id, value),))

    def facet_matches(self, selection: Selection) -> tuple[Clinician, ...]:
        """The filtered directory's clinicians that match ``selection``."""
        return matching(self.filtered_clinicians, selection)


def translated_profile(original: Clinician, translation: Clinician) -> Clinician:
    """A profile's translation as readers see it: its own words (its name when it gives
    one, its summary, role, pronouns...) and, for every fact it leaves out, the
    original's (credentials, specialties, availability...); always the original's id."""
    changes: dict[str, Any] = {"id": original.id}
    for spec in fields(Clinician):
        if spec.name in ("id", "docname", "lines", "language", "translation_of"):
            continue
        if spec.name == "name":
            if "name" not in dict(translation.lines):
                changes["name"] = original.name
        elif spec.default is not MISSING and getattr(translation, spec.name) == spec.default:
            changes[spec.name] = getattr(original, spec.name)
    return replace(translation, **changes)


def blog_author_names(config: Any) -> dict[str, str]:
    """ABlog's ``blog_authors`` (``{id: (name, url)}``) as ``{id: name}``."""
    names = {}
    for author_id, value in (getattr(config, "blog_authors", None) or {}).items():
        name = value[0] if isinstance(value, (tuple, list)) and value else value
        if isinstance(name, str) and name.strip():
            names[str(author_id)] = name.strip()
    return names
