"""Atom feeds: one for the whole site, one per clinician, one per specialty.

The feeds are written at ``build-finished`` from the complete domain data
(:meth:`~.domain.ClinicDomain.site_index`), never from the pages written in this run,
so a serial, a ``-j 2`` and an incremental build write the same bytes. Nothing in them
comes from the clock: a feed's ``updated`` is its newest entry's date.

A clinician or a specialty gets a feed once it has a published article (drafts do not
count, even in a preview build that shows them): an empty feed would be a subscription
to nothing, dated by other articles. Pages link only to feeds that are written
(:meth:`.SiteIndex.has_feed`). Feeds of clinicians or specialties that no longer exist, or no longer
have a published article, are deleted, so an incremental build leaves what a clean one
writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .domain import get_domain
from .generated_pages import is_current, note_current, output_key
from .i18n import page_language, translator
from .records import Article, published, specialty_anchor
from .siteindex import SiteIndex
from .urls import (
    FEED_KIND_DIRS,
    FEEDS_DIR,
    base_url,
    feed_path,
    feeds_enabled,
    file_url,
    has_base_url,
    is_website,
    page_url,
)
from .version import __version__
from .warnings_ import ClinicWarning

__all__ = ["feed_path", "feeds_enabled", "render_feeds", "setup_feeds"]

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


ATOM_TYPE = "application/atom+xml"
#: The ``updated`` of a feed when the site has no article at all.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# XML 1.0 forbids these characters; lxml refuses text that contains them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def author_feed_title(site_title: str, name: str, language: str) -> str:
    """The title of a clinician's feed (also of the ``<link>`` that announces it), in
    the site's language, as the feed is."""
    _ = translator(page_language("", language)).gettext
    return _("%(site)s: articles by %(name)s") % {"site": site_title, "name": name}


def specialty_feed_title(site_title: str, label: str, language: str) -> str:
    """The title of a specialty's feed, for a link to it."""
    _ = translator(page_language("", language)).gettext
    return _("%(site)s: articles about %(specialty)s") % {"site": site_title, "specialty": label}


# -- building the feeds (no Sphinx application needed) ----------------------------------


@dataclass(frozen=True)
class FeedSite:
    """What the feeds need to know about the site besides the domain data."""

    title: str
    publisher: str
    language: str
    base_url: str
    length: int
    #: The absolute URL of a page, by docname.
    page_url: Callable[[str], str]
    #: The absolute URL of a file, by path relative to the output root.
    file_url: Callable[[str], str]
    root_doc: str = "index"


@dataclass(frozen=True)
class _FeedSpec:
    path: str
    title: str
    alternate: str
    articles: tuple[Article, ...]
    author: str = ""
    author_url: str = ""


def render_feeds(
    index: SiteIndex, site: FeedSite, specs: list[_FeedSpec] | None = None
) -> dict[str, bytes]:
    """Every feed of the site, as Atom documents by path (see :func:`feed_path`);
    ``specs``: the site's :func:`feed_specs`, when already computed."""
    specs = feed_specs(index, site) if specs is None else specs
    return {spec.path: _render(spec, index, site, _EPOCH) for spec in specs}


def feed_specs(index: SiteIndex, site: FeedSite) -> list[_FeedSpec]:
    """What each feed holds, the site's first; only feeds with published articles. Where
    listings group translations, a feed lists each article once, in the site's language
    when it has that translation."""

    def listed(articles: tuple[Article, ...]) -> tuple[Article, ...]:
        return index.collapse(published(articles), index.site_language)

    specs = [
        _FeedSpec(
            feed_path("site"),
            site.title,
            site.page_url(site.root_doc),
            listed(index.newest_first()),
        )
    ]
    for clinician_id, clinician in sorted(index.clinicians.items()):
        specs.append(
            _FeedSpec(
                feed_path("author", clinician_id),
                author_feed_title(site.title, clinician.name, site.language),
                site.page_url(clinician.docname),
                listed(index.articles_by(clinician_id)),
                author=clinician.name,
                author_url=site.page_url(clinician.docname),
            )
        )
    for specialty_id, specialty in sorted(index.vocabulary.specialties.items()):
        page = index.specialty_pages.get(specialty_id)
        alternate = (
            f"{site.page_url(page)}#{specialty_anchor(specialty_id)}"
            if page is not None
            else site.page_url(site.root_doc)
        )
        specs.append(
            _FeedSpec(
                feed_path("specialty", specialty_id),
                specialty_feed_title(site.title, specialty.label, site.language),
                alternate,
                listed(index.articles_about(specialty_id)),
            )
        )
    return [spec for spec in specs if spec.articles]


def inputs_digest(index: SiteIndex, site: FeedSite, specs: list[_FeedSpec]) -> str:
    """A digest of everything the feeds show (``specs``: the site's :func:`feed_specs`),
    to skip rendering them when it is unchanged.

    An edit to an article's body changes none of it (unless the summary comes from the
    first paragraph), so an incremental build after such an edit writes no feed.
    """
    shown = [
        (
            spec.path,
            spec.title,
            spec.alternate,
            spec.author,
            spec.author_url,
            tuple(
                (a.docname, a.title, a.date, a.updated, a.authors, a.specialties, a.summary)
                for a in spec.articles[: site.length]
            ),
        )
        for spec in specs
    ]
    people = sorted((c.id, c.name, c.docname) for c in index.clinicians.values())
    labels = sorted((s.id, s.label) for s in index.vocabulary.specialties.values())
    context = (
        site.title,
        site.publisher,
        site.language,
        site.base_url,
        site.length,
        site.page_url(site.root_doc),
        __version__,
    )
    text = repr((shown, people, labels, context))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _render(spec: _FeedSpec, index: SiteIndex, site: FeedSite, fallback: dt.datetime) -> bytes:
    from feedgen.feed import FeedGenerator  # lxml: imported only when a feed is written

    entries = spec.articles[: site.length]
    feed = FeedGenerator()
    feed.id(site.file_url(spec.path))
    feed.title(_xml(spec.title))
    feed.updated(_newest(entries) or fallback)
    feed.link(href=site.file_url(spec.path), rel="self", type=ATOM_TYPE)
    feed.link(href=spec.alternate, rel="alternate", type="text/html")
    if spec.author:
        feed.author(name=_xml(spec.author), uri=spec.author_url)
    else:
        feed.author(name=_xml(site.publisher))
    if site.language:
        feed.language(site.language)
    feed.generator("sphinx-clinic", version=__version__)
    for article in entries:
        _add_entry(feed, article, index, site)
    return bytes(feed.atom_str(pretty=True))


def _add_entry(feed: Any, article: Article, index: SiteIndex, site: FeedSite) -> None:
    entry = feed.add_entry(order="append")
    entry.id(entry_id(site.base_url, article))
    entry.title(_xml(article.title))
    entry.link(href=site.page_url(article.docname), rel="alternate", type="text/html")
    entry.published(_instant(article.date))
    entry.updated(_instant(_modified(article)))
    for author_id in article.authors:
        clinician = index.clinicians.get(author_id)
        if clinician is not None:
            entry.author(name=_xml(clinician.name), uri=site.page_url(clinician.docname))
        else:
            # A guest: resolved articles name them as bylines do (see SiteIndex.author).
            entry.author(name=_xml(author_id))
    if article.summary:
        entry.summary(_xml(article.summary))
    for specialty_id in article.specialties:
        specialty = index.specialty(specialty_id)
        if specialty is not None:
            entry.category(term=specialty_id, label=_xml(specialty.label))


def entry_id(base: str, article: Article) -> str:
    """A stable entry id: a ``tag:`` URI (RFC 4151) of the site's host, the article's
    date and its docname. It survives a retitle and a switch between the ``html`` and
    ``dirhtml`` builders, which would change the article's URL."""
    parts = urlsplit(base)
    folder = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    date = (article.date or dt.date.min).isoformat()
    return f"tag:{parts.hostname or 'localhost'},{date}:{quote(folder + article.docname)}"


def _modified(article: Article) -> dt.date | None:
    if article.updated is not None and article.date is not None:
        return max(article.updated, article.date)
    return article.updated or article.date


def _instant(date: dt.date | None) -> dt.datetime:
    if date is None:
        return _EPOCH
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _newest(articles: Iterable[Article]) -> dt.datetime | None:
    dates = [_instant(_modified(a)) for a in articles]
    return max(dates) if dates else None


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


# -- Sphinx events ---------------------------------------------------------------------


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write every feed, and delete feeds nobody has any more."""
    if exception is not None or not is_website(app.builder) or not app.config.clinic_feeds:
        return
    if not has_base_url(
        app, "no Atom feeds were written (feeds", "clinic_feeds", ClinicWarning.FEED
    ):
        return
    builder = app.builder
    config = app.config
    site = FeedSite(
        title=str(config.project),
        publisher=str(config.author or config.project),
        language=str(config.language or ""),
        base_url=base_url(builder),
        length=int(config.clinic_feed_length),
        page_url=lambda docname: page_url(builder, docname),
        file_url=lambda path: file_url(builder, path),
        root_doc=str(config.root_doc),
    )
    key = output_key(app)
    if is_current(app, "feeds", key):
        return  # nothing changed in the site or the configuration since they were written
    index = get_domain(app.env).site_index()
    outdir = Path(app.outdir)
    specs = feed_specs(index, site)
    # Finer than the key: what the feeds show (a body edit changes the key, not this).
    shown = inputs_digest(index, site, specs)
    if is_current(app, "feeds-shown", shown):
        note_current(app, "feeds", key, [spec.path for spec in specs])
        return
    feeds = render_feeds(index, site, specs)
    for path, content in feeds.items():
        target = outdir / path
        # Unchanged feeds keep their modification time (rsync, caches, sphinx-autobuild).
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for folder in FEED_KIND_DIRS.values():
        for stale in sorted((outdir / FEEDS_DIR / folder).glob("*.xml")):
            if f"{FEEDS_DIR}/{folder}/{stale.name}" not in feeds:
                stale.unlink()
    note_current(app, "feeds-shown", shown, feeds)
    note_current(app, "feeds", key, feeds)


def link_feeds(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: announce the site feed on every page, and a clinician's
    own feed on their profile, with ``<link rel="alternate">`` in the ``<head>``."""
    if not feeds_enabled(app):
        return
    title = str(app.config.project)
    index = get_domain(app.env).site_index()
    links = [(feed_path("site"), title)] if index.has_feed("site") else []
    clinician = index.profile_at(pagename)
    if clinician is not None and index.has_feed("author", clinician.id):
        feed_title = author_feed_title(title, clinician.name, str(app.config.language or ""))
        links.append((feed_path("author", clinician.id), feed_title))
    tags = "".join(
        f'\n<link rel="alternate" type="{ATOM_TYPE}" '
        f'title="{html.escape(text)}" href="{html.escape(file_url(app.builder, path))}" />'
        for path, text in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_feeds)
    app.connect("html-page-context", link_feeds)
