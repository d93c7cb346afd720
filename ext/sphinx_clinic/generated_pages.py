"""Pages with no source file (an archive's page 2..N, a directory's facet pages), from the
page sources features register.

A feature registers a *page source* with :func:`add_page_sources` in its
``setup_<feature>`` (this module imports no feature). A page source is a pure function of
the site's data (:class:`SiteData`: the :class:`~.siteindex.SiteIndex`, every page's
views, the configuration) returning :class:`GeneratedPage` s: a stable page name, a
title, the data the body shows and a ``render`` that turns it into docutils nodes with a
:class:`~.views.RenderContext` whose docname is the generated page's own name (so
relative links work), plus its canonical page, rel prev/next, sitemap and robots.

Website builders (``html``, ``dirhtml``) write them at ``html-collect-pages`` with the
theme's ``page.html``; other builders (``singlehtml``, ``epub``, LaTeX, text) have none.
A build recomputes every page source from the whole environment, so ``-j`` and
incremental builds generate what a fresh one does, unless nothing a page source reads can
have changed since the pages were written: the site's state (every page's input digest,
see :meth:`.ClinicDomain.site_state`), the configuration, templates, extension version
and builder all the same (:func:`output_key`), and every page's file still there. A page
whose own digest did not change is not rendered again; a page no source gives any more
is deleted. What was written is kept in ``.clinic-pages.json`` in the output folder
(beside Sphinx's ``.buildinfo``), written once every page is.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.util.osutil import relative_uri

from .domain import get_domain
from .records import View
from .siteindex import SiteIndex
from .urls import is_website, page_url
from .version import __version__
from .views import RenderContext
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment


#: ``render(context, data)``: the body of a generated page (its title is added above it).
RenderPage = Callable[[RenderContext, Any], list[nodes.Node]]


@dataclass(frozen=True)
class GeneratedPage:
    """One page with no source file, as a page source describes it.

    ``data`` is everything ``render`` shows, as plain comparable records (like a view's
    computed data): the page is rendered again only when it, or another field, changes.
    Page names are POSIX paths without a suffix (``blog/archive/page/2``); a builder makes
    them ``blog/archive/page/2.html`` or ``blog/archive/page/2/index.html``.
    """

    pagename: str
    title: str  # plain text (escaped when written)
    origin: str  # the source page it comes from: its language, where warnings point
    data: Hashable
    render: RenderPage
    canonical: str = ""  # the page its rel=canonical names; "" for itself
    prev: str = ""  # page name (generated or a source page's docname) of rel=prev; "" none
    next: str = ""
    prev_title: str = ""  # the text themes show for the prev/next links
    next_title: str = ""
    sitemap: bool = True  # listed in sitemap.xml
    robots: str = ""  # a robots meta tag's content, e.g. "noindex, follow"; "" for none
    line: int = 0  # the line of the origin page that makes it (for warnings); 0 unknown

    def digest(self) -> str:
        """What the written page depends on, besides the theme and the configuration."""
        fields = (
            self.pagename,
            self.title,
            self.origin,
            self.data,
            f"{self.render.__module__}.{self.render.__qualname__}",
            self.canonical,
            self.prev,
            self.next,
            self.prev_title,
            self.next_title,
            self.robots,
        )
        return hashlib.blake2b(repr(fields).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class SiteData:
    """What a page source reads: the whole site, never a single build's pages."""

    index: SiteIndex
    views: Mapping[str, tuple[View, ...]]  # docname -> the views its page shows
    config: Any  # the Sphinx configuration (read only)
    titles: Mapping[str, str]  # docname -> its title as plain text

    def views_of(self, kind: str) -> Iterator[tuple[str, View]]:
        """``(docname, view)`` of every view of one kind, in docname order, then page order."""
        for docname in sorted(self.views):
            for view in self.views[docname]:
                if view.kind == kind:
                    yield docname, view


#: ``source(site)``: the pages a feature generates.
PageSource = Callable[[SiteData], Iterable[GeneratedPage]]


def chained_pages(
    origin: str,
    names: Sequence[str],
    titles: Sequence[str],
    shown: Sequence[Hashable],
    render: RenderPage,
) -> list[GeneratedPage]:
    """The generated pages of one list split into pages, each linked rel prev/next to its
    neighbours. ``names[n - 1]`` and ``titles[n - 1]`` are page n's; ``shown`` is what the
    last ``len(shown)`` pages show, one entry a page (the pages before them, usually just
    ``origin``, are source pages)."""
    count = len(names)
    first = count - len(shown) + 1
    return [
        GeneratedPage(
            pagename=names[number - 1],
            title=titles[number - 1],
            origin=origin,
            data=data,
            render=render,
            prev=names[number - 2] if number > 1 else "",
            prev_title=titles[number - 2] if number > 1 else "",
            next=names[number] if number < count else "",
            next_title=titles[number] if number < count else "",
        )
        for number, data in enumerate(shown, start=first)
    ]


@dataclass(frozen=True)
class FirstPage:
    """A source page whose list may go on at a generated page 2."""

    index: SiteIndex
    pagename: str
    language: str  # its text's (:meth:`.SiteIndex.page_language`)
    title: str  # its title as plain text


#: ``page_two(page, view)``: ``(name, title)`` of the generated page 2 that continues
#: ``view`` on a source page (its title as plain text), or None when the view fits.
PageTwo = Callable[[FirstPage, View], tuple[str, str] | None]


def link_page_two(kind: str, page_two: PageTwo) -> Callable[..., None]:
    """An ``html-page-context`` handler: a page whose view of ``kind`` goes on at a page 2
    has it as rel=next (and as the theme's "Next" link), as every later page has its
    following one. The first view of ``kind`` that has a page 2 decides (a page splits
    one list at most, see :func:`.views.splits_a_list`)."""

    def link(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if doctree is None or not is_website(app.builder):
            return
        domain = get_domain(app.env)
        views = [view for view in domain.views.get(pagename, ()) if view.kind == kind]
        if not views:
            return
        index = domain.site_index()
        title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
        page = FirstPage(index, pagename, index.page_language(pagename), title)
        found = next(filter(None, (page_two(page, view) for view in views)), None)
        if found is not None:
            name, next_title = found
            uri = app.builder.get_relative_uri(pagename, name)
            # Themes print the title as HTML (Sphinx's own titles are rendered markup).
            context["next"] = {"link": uri, "title": escape(next_title)}

    return link


#: Every page source, by name: the features add theirs at setup (:func:`add_page_sources`).
_PAGE_SOURCES: dict[str, PageSource] = {}


def add_page_sources(sources: dict[str, PageSource]) -> None:
    """Register a feature's page sources (called from its ``setup_<feature>``)."""
    _PAGE_SOURCES.update(sources)


def page_sources() -> dict[str, PageSource]:
    """Every registered page source, by name."""
    return _PAGE_SOURCES


#: A page name: path segments of ASCII letters, digits, ``-``, ``_`` and ``.``; not ``.``
#: or ``..``, not Sphinx's own folders (``_static``...), never an ``index`` (dirhtml
#: writes ``x/index`` and ``x`` to one file).
_PAGENAME = re.compile(
    r"(?!_)(?!.*(?:^|/)\.\.?(?:/|$))(?!(?:.*/)?index$)[\w.-]+(?:/[\w.-]+)*", re.ASCII
)

#: Where the last build noted the pages it generated, and their digests.
MANIFEST = ".clinic-pages.json"


def is_page_name(name: str) -> bool:
    """Whether ``name`` is a page name a generated page may have (see :data:`_PAGENAME`)."""
    return _PAGENAME.fullmatch(name) is not None


#: The pages :func:`collect` last found for an environment, with the key they are for.
_COLLECTED: weakref.WeakKeyDictionary[BuildEnvironment, tuple[str, list[GeneratedPage]]] = (
    weakref.WeakKeyDictionary()
)


def collect(app: Sphinx, *, report: bool = True) -> list[GeneratedPage]:
    """Every generated page of the site, by page name: each registered source run on the
    whole environment. A name that is not plain, that a source file has, or that an
    earlier page (in source name order) took, is left out, with a warning at the origin
    page when ``report`` (once a build: where the pages are written). Computed once per
    state of the site (:func:`output_key`)."""
    key = output_key(app)
    known = _COLLECTED.get(app.env)
    if known is not None and known[0] == key:
        return known[1]
    pages = _collect(app, report)
    _COLLECTED[app.env] = (key, pages)
    return pages


def _collect(app: Sphinx, report: bool) -> list[GeneratedPage]:
    env = app.env
    domain = get_domain(env)
    titles = {docname: title.astext() for docname, title in env.titles.items()}
    site = SiteData(domain.site_index(), domain.views, app.config, titles)
    taken: dict[str, GeneratedPage] = {}
    for name in sorted(page_sources()):
        for page in page_sources()[name](site):
            problem = ""
            if not is_page_name(page.pagename):
                problem = "is not a plain page name (letters, digits, - _ . and /)"
            elif page.pagename in env.found_docs or page.pagename in {"genindex", "search"}:
                problem = "is the name of a page of the site"
            elif page.pagename in taken:
                problem = f"is generated twice (also from {taken[page.pagename].origin})"
            if problem and report:
                warn(
                    f"generated page '{page.pagename}' {problem}; it is left out. Rename "
                    "the page that has this name, or move the listing",
                    ClinicWarning.PAGE,
                    (page.origin, page.line or None),
                )
            if problem:
                continue
            taken[page.pagename] = page
    return [taken[name] for name in sorted(taken)]


def _read_manifest(path: Path) -> tuple[dict[str, str], str]:
    """The pages a manifest names (page name -> digest), and the key they were written
    under ("" for none)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, ""
    pages = found.get("pages") if isinstance(found, dict) else None
    if not isinstance(pages, dict):
        return {}, ""
    key = found.get("key")
    return {str(k): str(v) for k, v in pages.items()}, key if isinstance(key, str) else ""


#: :func:`output_key` of an environment, once per build (dropped at env-get-updated).
_KEYS: weakref.WeakKeyDictionary[BuildEnvironment, str] = weakref.WeakKeyDictionary()


def output_key(app: Sphinx) -> str:
    """What every aggregated output of a website (its generated pages, ``sitemap.xml``,
    the feeds) is a function of: the site's state, the configuration (the values that
    change how pages are read, and :func:`_output_context`), the builder. Cheap to
    compute: an output written under the same key need not be computed again."""
    key = _KEYS.get(app.env)
    if key is None:
        key = _KEYS[app.env] = _output_key(app)
    return key


def forget_output_key(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages read this build may change the key."""
    _KEYS.pop(env, None)
    return []


def _output_key(app: Sphinx) -> str:
    config = app.config
    read = [(item.name, _stable(item.value)) for item in config.filter(frozenset({"env"}))]
    text = repr(
        (
            get_domain(app.env).site_state(),
            sorted(read),
            _output_context(app.builder),  # type: ignore[arg-type]
        )
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _stable(value: object) -> str:
    """``repr`` with sets and dicts in sorted order and functions by name, so that the
    same configuration gives the same text in every process."""
    if isinstance(value, dict):
        items = sorted(f"{_stable(k)}: {_stable(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(map(_stable, value))) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_stable, value)) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


def _output_context(builder: StandaloneHTMLBuilder) -> str:
    """What every generated page's HTML also depends on: the configuration and tags (as
    Sphinx's ``.buildinfo`` records them), the templates, the extension's version."""
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    return repr(
        (
            getattr(info, "config_hash", ""),
            getattr(info, "tags_hash", ""),
            newest,
            __version__,
            builder.name,
        )
    )


def render_body(app: Sphinx, page: GeneratedPage) -> tuple[str, nodes.document]:
    """The page's body as HTML (a section with the title as ``<h1>``), and its document."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    index = get_domain(app.env).site_index()
    context = RenderContext(app, page.pagename, index, origin=page.origin)
    document = new_document(page.pagename, builder.docsettings)
    section = nodes.section(ids=["page-title"], classes=["clinic-generated-page"])
    section += nodes.title(page.title, page.title)
    section.extend(page.render(context, page.data))
    document += section
    # As the builder's write_doc does for a source page: links to images and downloads
    # are made relative to the page being written.
    builder.current_docname = page.pagename
    builder.secnumbers = {}
    builder.fignumbers = {}
    builder.imgpath = relative_uri(builder.get_target_uri(page.pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(page.pagename), "_downloads")
    visitor = builder.create_translator(document, builder)
    document.walkabout(visitor)
    return "".join(visitor.fragment), document  # type: ignore[attr-defined]


def page_context(
    app: Sphinx, page: GeneratedPage, toctrees: dict[tuple[str, str], str]
) -> dict[str, Any]:
    """The template context of a generated page (Sphinx adds the site-wide part);
    ``toctrees``: see :func:`shared_toctree`."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    body, document = render_body(app, page)
    metatags = ""
    if page.robots:
        metatags += f'<meta name="robots" content="{escape(page.robots)}" />\n'
    context: dict[str, Any] = {
        "title": escape(page.title),
        "body": body,
        "metatags": metatags,
        "toc": "",
        "display_toc": False,
        "sourcename": "",
        "page_source_suffix": "",
        "parents": [],
        "rellinks": [],
        "meta": {},
        # For the page's own handlers (page_assets keeps only the assets it uses).
        "clinic_generated_page": page,
        "clinic_doctree": document,
    }
    if hasattr(builder, "_get_local_toctree"):  # else Sphinx's own, made for each page
        context["toctree"] = shared_toctree(app, page.pagename, toctrees)
    for key, target, title in (
        ("prev", page.prev, page.prev_title),
        ("next", page.next, page.next_title),
    ):
        context[key] = (
            {"link": builder.get_relative_uri(page.pagename, target), "title": escape(title)}
            if target
            else None
        )
    if page.canonical and page.canonical != page.pagename and app.config.html_baseurl:
        context["pageurl"] = page_url(builder, page.canonical)
    language = _origin_language(app, page)
    if language:
        context["language"] = language
    return context


def shared_toctree(
    app: Sphinx, pagename: str, made: dict[tuple[str, str], str]
) -> Callable[..., str]:
    """The template's ``toctree()`` for a generated page, made once per folder (``made``:
    what this build's generated pages have made so far).

    A generated page is in no table of contents, so none of its entries is "current":
    what the theme's navigation shows differs between two such pages only by their links,
    which are relative to the folder. Every page of an archive (and every facet page of a
    directory) shares the one the first made, instead of each rendering the site's table
    of contents again (what Sphinx's own ``toctree`` for the page does).
    """
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    folder = posixpath.dirname(builder.get_target_uri(pagename))

    def toctree(**kwargs: Any) -> str:
        key = (folder, repr(sorted(kwargs.items())))
        html = made.get(key)
        if html is None:
            html = made[key] = builder._get_local_toctree(pagename, **kwargs)
        return html

    return toctree


def _origin_language(app: Sphinx, page: GeneratedPage) -> str:
    index = get_domain(app.env).site_index()
    record = index.article(page.origin) or index.profile_at(page.origin)
    return record.language if record is not None else ""


def _delete(path: Path, outdir: Path) -> None:
    """Delete a page no source gives any more, and the folders it leaves empty
    (``dirhtml`` writes ``articles/page/3/index.html``), never the output folder."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != outdir and outdir in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def write_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the generated pages whose output is missing or stale.

    The manifest is removed first and written again after the last page, so a build that
    fails half way leaves none, and the next build renders every page.
    """
    if not is_website(app.builder):
        return
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    manifest = Path(app.outdir, MANIFEST)
    (previous, written_under), key = _read_manifest(manifest), output_key(app)
    if written_under == key and all(builder.get_outfilename(n).is_file() for n in previous):
        return  # nothing a page source reads changed since every page was written
    manifest.unlink(missing_ok=True)
    pages = collect(app)
    shared = _output_context(builder)
    written: dict[str, str] = {}
    toctrees: dict[tuple[str, str], str] = {}
    for page in pages:
        digest = hashlib.blake2b((shared + page.digest()).encode(), digest_size=16).hexdigest()
        written[page.pagename] = digest
        if (
            previous.get(page.pagename) == digest
            and builder.get_outfilename(page.pagename).is_file()
        ):
            continue
        yield page.pagename, page_context(app, page, toctrees), "page.html"
    for pagename in sorted(set(previous) - set(written) - set(app.env.found_docs)):
        if is_page_name(pagename):
            _delete(builder.get_outfilename(pagename), Path(app.outdir))
    listed = [page.pagename for page in pages if page.sitemap]
    found = {"pages": written, "sitemap": listed, "key": key}
    manifest.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", "utf-8")


def is_current(app: Sphinx, name: str, key: str) -> bool:
    """Whether the output ``name`` (``sitemap``, ``feeds``) was last written into this
    output folder under ``key`` (see :func:`output_key`), and its files are all there."""
    try:
        stamp = json.loads(_stamp(app, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("key") != key:
        return False
    files = stamp.get("files")
    return (
        stamp.get("outdir") == str(app.outdir)
        and isinstance(files, list)
        and all(Path(app.outdir, str(path)).is_file() for path in files)
    )


def note_current(app: Sphinx, name: str, key: str, files: Iterable[str]) -> None:
    """Note that the output ``name`` is ``files`` (relative to the output folder),
    written under ``key``. Kept beside the doctrees, not published."""
    stamp = {"key": key, "outdir": str(app.outdir), "files": sorted(files)}
    path = _stamp(app, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stamp) + "\n", encoding="utf-8")


def _stamp(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir, f"clinic-{name}.stamp")


def sitemap_pages(app: Sphinx) -> list[str]:
    """The names of the generated pages ``sitemap.xml`` lists: the manifest's, when it
    was written under this build's key (as it is after this build wrote the pages)."""
    try:
        found = json.loads(Path(app.outdir, MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if isinstance(found, dict) and found.get("key") == output_key(app):
        listed = found.get("sitemap")
        if isinstance(listed, list):
            return [str(name) for name in listed]
    return [page.pagename for page in collect(app, report=False) if page.sitemap]


def note_builder(app: Sphinx) -> None:
    """``builder-inited``: website builders split long lists into pages (the views see
    it as :attr:`.SiteIndex.lists_in_pages`); others show them whole."""
    get_domain(app.env).set_lists_in_pages(is_website(app.builder))


def setup_generated_pages(app: Sphinx) -> None:
    app.connect("builder-inited", note_builder)
    app.connect("env-get-updated", forget_output_key)
    app.connect("html-collect-pages", write_pages)
