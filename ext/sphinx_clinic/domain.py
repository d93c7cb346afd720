"""The ``clinic`` domain: the one owner of every cross-document fact.

Per-document facts (articles, clinician profiles, placeholders to fill late,
specialty targets) are stored keyed by docname, so ``clear_doc`` and
``merge_domaindata`` are exact and a ``-j 2`` read collects the same data as a serial
one. Everything a page shows about *other* pages is derived from that data by
:class:`SiteIndex`, recomputed whenever the data changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .checks import check_site
from .practice import NO_LOCATIONS, Locations
from .records import (
    Article,
    ArticleFields,
    Clinician,
    DirectoryFilters,
    Problem,
    View,
    specialty_anchor,
)
from .siteindex import SiteIndex, blog_author_names
from .text import suggest
from .vocabulary import Vocabulary
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

# Object type names, which Sphinx shows in the index and search: the site's language.
_ = get_translation("sphinx_clinic")

#: The view kind of the ``clinician-directory`` directive (its first page is recorded).
DIRECTORY_VIEW = "clinician-directory"


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
            view = View("reference", ReferenceArgs(self.reftype, " ".join(self.target.split())))
            domain = self.env.domains["clinic"]
            assert isinstance(domain, ClinicDomain)
            if view not in domain.views.get(self.env.docname, ()):
                domain.add_view(self.env.docname, view)
        return result


@dataclass(frozen=True)
class ReferenceArgs:
    """A ``{clinician}`` or ``{specialty}`` reference: the role and its target."""

    typ: str
    target: str


def reference_data(
    index: SiteIndex, docname: str, args: ReferenceArgs
) -> tuple[str, str] | tuple[str, str | None, str] | None:
    """What a clinician or specialty reference shows: the page it links to, its text."""
    typ, target = args.typ, args.target
    if typ == "clinician":
        clinician = index.clinicians.get(target.strip())
        return None if clinician is None else (clinician.docname, clinician.name)
    specialty_id = index.vocabulary.resolve(target)
    if specialty_id is None:
        return None
    label = index.vocabulary.specialties[specialty_id].label_in(index.page_language(docname))
    return (specialty_id, index.specialty_pages.get(specialty_id), label)


T = TypeVar("T")
#: (digest of the front matter as read, what it was validated into, its problems).
FrontMatterEntry = tuple[bytes, ArticleFields, tuple[Problem, ...]]


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
        "filter_directories": {},  # docname -> DirectoryFilters
        # docname -> (digest of its front matter, ArticleFields, problems): see
        # validated_front_matter; kept through the page's next read.
        "front_matter": {},
        "vocabulary": Vocabulary(),
        "insurance": Vocabulary(),  # the optional insurance.yaml
        "locations": NO_LOCATIONS,  # the optional locations.yaml
        "digests": {},  # docname -> digest of the views it was last written with
        # docname -> digest of what other pages can show of it (see input_digest).
        # Compared at env-get-updated: when nothing another page shows changed, only the
        # pages read this time have their views computed.
        "inputs": {},
        "site_seen": b"",  # the same for the site-wide data (vocabularies, locations)
    }
    #: Bump whenever a record's shape changes: Sphinx then discards the old pickle.
    data_version = 11

    _PER_DOC: ClassVar[tuple[str, ...]] = (
        "articles",
        "clinicians",
        "views",
        "specialty_targets",
        "filter_directories",
        "front_matter",
    )

    # Derived lookups are cached on the instance and dropped on every change.
    _index: SiteIndex | None = None
    # Whether this build's builder splits long lists into pages (set at builder-inited;
    # a property of the build, not of the data, so never stored).
    _lists_in_pages: bool = False

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: The docnames read or removed in this build (every one passes through
        #: clear_doc, in the main process even for a parallel read). Not stored.
        self._touched: set[str] = set()
        #: One object for equal views and equal tuples of them, so that the pickled
        #: environment holds each once (most articles show the same few). Not stored.
        self._shared: dict[object, Any] = {}
        #: The front matter validated when each page now read again was last read.
        self._front_matter_before: dict[str, FrontMatterEntry] = {}

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
    def insurance(self) -> Vocabulary:
        """The insurance plans of ``insurance.yaml`` (empty without one)."""
        return self.data["insurance"]

    @property
    def locations(self) -> Locations:
        """The offices of ``locations.yaml`` (none without one)."""
        return self.data["locations"]

    @property
    def digests(self) -> dict[str, bytes]:
        return self.data["digests"]

    # -- writing data (read phase) --

    def _changed(self) -> None:
        self._index = None

    def set_lists_in_pages(self, in_pages: bool) -> None:
        """Say whether this build's builder splits long lists into pages."""
        self._lists_in_pages = in_pages
        self._changed()

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.data["vocabulary"] = vocabulary
        self._changed()

    def set_insurance(self, vocabulary: Vocabulary) -> None:
        self.data["insurance"] = vocabulary

    def set_locations(self, locations: Locations) -> None:
        self.data["locations"] = locations

    def add_article(self, article: Article) -> None:
        self.articles[article.docname] = article
        self._changed()

    def add_clinician(self, clinician: Clinician) -> None:
        self.clinician_docs[clinician.docname] = clinician
        self._changed()

    def add_view(self, docname: str, view: View) -> None:
        """Note that ``docname`` shows ``view``; it is rewritten when the view changes."""
        self.views[docname] = self._share((*self.views.get(docname, ()), self._share(view)))
        if view.kind == DIRECTORY_VIEW:
            self._changed()

    def _share(self, value: T) -> T:
        """``value``, or an equal value seen before (whose object is then reused)."""
        if not self._shared:
            for views in self.views.values():  # as the pickle shares them
                self._shared.setdefault(views, views)
                for view in views:
                    self._shared.setdefault(view, view)
        return self._shared.setdefault(value, value)

    def add_specialty_targets(self, docname: str, specialty_ids: Iterable[str]) -> None:
        """Note that ``docname`` holds these specialties' entries (a page may have several
        indexes, e.g. one per group)."""
        targets = self.data["specialty_targets"]
        known = targets.get(docname, ())
        targets[docname] = known + tuple(s for s in specialty_ids if s not in known)
        self._changed()

    def add_filter_directory(self, docname: str, filters: DirectoryFilters) -> bool:
        """Note that ``docname`` has a directory readers filter; False when it already has
        one (a page keeps its first)."""
        known = self.data["filter_directories"]
        if docname in known:
            return False
        known[docname] = filters
        self._changed()
        return True

    def validated_front_matter(self, docname: str, digest: bytes) -> FrontMatterEntry | None:
        """What ``docname``'s front matter was validated into when last read, if its
        digest was ``digest`` then (see collector.article_fields)."""
        entry = self._front_matter_before.get(docname)
        return entry if entry is not None and entry[0] == digest else None

    def keep_front_matter(self, docname: str, entry: FrontMatterEntry) -> None:
        self.data["front_matter"][docname] = entry

    def clear_doc(self, docname: str) -> None:
        entry = self.data["front_matter"].get(docname)
        if entry is not None:
            self._front_matter_before[docname] = entry
        for key in (*self._PER_DOC, "digests"):
            self.data[key].pop(docname, None)
        self._touched.add(docname)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self._PER_DOC:
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]
        for docname in docnames & self.views.keys():
            views = tuple(self._share(view) for view in self.views[docname])
            self.views[docname] = self._share(views)
        self._touched.update(docnames)
        self._changed()

    # -- what changed this build --

    def input_digest(self, docname: str) -> bytes | None:
        """A digest of what other pages, and the pages with no source file (see
        generated_pages), can show of ``docname``: its record (without the front matter's
        line numbers, and with its reading time rather than its word count), the
        specialty entries it holds, its directory's filters, the views it shows (a list
        split into pages, the first directory) and its title. None when the page is gone."""
        parts: list[object] = []
        article = self.articles.get(docname)
        if article is not None:
            parts.append(replace(article, lines=(), words=article.reading_minutes))
        clinician = self.clinician_docs.get(docname)
        if clinician is not None:
            parts.append(replace(clinician, lines=()))
        targets = self.data["specialty_targets"].get(docname)
        if targets:
            parts.append(targets)
        filters = self.data["filter_directories"].get(docname)
        if filters is not None:
            parts.append(filters)  # the directory's facets, and its facet pages
        views = self.views.get(docname)
        if views:
            parts.append(views)
        title = self.env.titles.get(docname)
        if title is not None:
            parts.append(title.astext())
        if not parts:
            return None
        return hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()

    def site_digest(self) -> bytes:
        """A digest of the data that belongs to no page (the specialty and insurance
        vocabularies, the offices, and whatever is added beside them)."""
        own = {*self._PER_DOC, "digests", "inputs", "site_seen", "version"}
        shared = [(key, value) for key, value in sorted(self.data.items()) if key not in own]
        return hashlib.blake2b(repr(shared).encode(), digest_size=16).digest()

    def take_changes(self) -> tuple[set[str], bool]:
        """(the docnames read or removed since the last call, whether anything other
        pages can show changed with them: a record, a page's specialty entries, the
        site-wide data). Notes the new state for the next build."""
        touched, self._touched = self._touched, set()
        inputs: dict[str, bytes] = self.data["inputs"]
        shared = False
        for docname in touched:
            digest = self.input_digest(docname)
            if inputs.get(docname) != digest:
                shared = True
                if digest is None:
                    inputs.pop(docname, None)
                else:
                    inputs[docname] = digest
        site = self.site_digest()
        if self.data["site_seen"] != site:
            shared = True
            self.data["site_seen"] = site
        return touched, shared

    def site_state(self) -> bytes:
        """A digest of everything the site's pages can show of each other: every page's
        input digest and the site-wide data, as :meth:`take_changes` last noted them.
        The same state as at an earlier build means that no aggregated output (a page
        with no source file, the sitemap, the feeds) can differ from what it wrote then,
        given the same configuration. Cheap: one short digest a page."""
        digest = hashlib.blake2b(self.data["site_seen"], digest_size=16)
        for docname, page in sorted(self.data["inputs"].items()):
            digest.update(docname.encode() + b"\0" + page)
        return digest.digest()

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
                filter_directories=self.data["filter_directories"],
                lists_in_pages=self._lists_in_pages,
                site_language=str(self.env.config.language or "en"),
                group_translations=self.env.config.clinic_translations == "group",
                directory_page=self.directory_page(),
            )
        return self._index

    def directory_page(self) -> str:
        """The first page (in docname order) with a ``clinician-directory``, or ""."""
        return min(
            (d for d, views in self.views.items() if any(v.kind == DIRECTORY_VIEW for v in views)),
            default="",
        )

    def check_consistency(self) -> None:
        """Warn about facts that only the whole site can contradict."""
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
            label = specialty.label_in(index.page_language(fromdocname))
            if not explicit:
                contnode = nodes.inline(label, label)
            return make_refnode(
                builder,
                fromdocname,
                index.specialty_pages[specialty_id],
                specialty_anchor(specialty_id),
                contnode,
                label,
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
    warn(domain.dangling_message(typ, node["reftarget"]), ClinicWarning.REF, node)
    return True


def get_domain(env: BuildEnvironment) -> ClinicDomain:
    """The ``clinic`` domain of ``env``: the one way every layer above reaches the data."""
    domain = env.domains["clinic"]
    assert isinstance(domain, ClinicDomain)
    return domain
