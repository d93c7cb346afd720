"""What search engines and the site search see: ``sitemap.xml``, and drafts kept out.

Why not sphinx-sitemap: version 2.9.0 collects page names at ``html-page-context``,
that is only the pages written in this run. Measured on a six-page site: a clean build
lists 8 addresses; after editing one article, the incremental build's sitemap lists 3
(that article, ``genindex`` and ``search``). It also puts the language in every address
by default (``/en/...``) and hangs a ``multiprocessing.Manager`` queue on the application.

So :func:`write_sitemap` writes the sitemap at ``build-finished`` from every document the
environment knows (``env.found_docs``) and every generated page that asks to be listed
(an archive's page 2..., see :mod:`.generated_pages`), with the builder's own target URIs
(``dirhtml`` gives ``articles/worry/``), leaving out drafts; an incremental build writes
what a clean one does (or leaves it alone when the site's state and configuration are
what they were when it was written: :func:`.generated_pages.output_key`). Articles carry
their ``updated`` (or ``date``) as ``<lastmod>``.

Drafts are also left out of the site search (``nosearch`` metadata, which Sphinx's HTML
builder honours in ``index_page``) unless ``clinic_show_drafts`` is on, and their pages
ask search engines not to index them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from .domain import get_domain
from .generated_pages import is_current, note_current, output_key, sitemap_pages
from .urls import has_base_url, is_website, page_url
from .warnings_ import ClinicWarning

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


SITEMAP = "sitemap.xml"
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(entries: list[tuple[str, str]]) -> bytes:
    """A sitemap of ``(absolute URL, lastmod or "")`` entries, in the given order."""
    urlset = ElementTree.Element("urlset", xmlns=_NAMESPACE)
    for loc, lastmod in entries:
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = loc
        if lastmod:
            ElementTree.SubElement(url, "lastmod").text = lastmod
    ElementTree.indent(urlset)
    out = io.BytesIO()
    ElementTree.ElementTree(urlset).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: ``sitemap.xml`` with every published page of the site."""
    if exception is not None or not is_website(app.builder) or not app.config.clinic_sitemap:
        return
    if not has_base_url(
        app, "sitemap.xml was not written (a sitemap", "clinic_sitemap", ClinicWarning.SITEMAP
    ):
        return
    key = output_key(app)
    if is_current(app, "sitemap", key):
        return  # no page was added, removed or re-dated, nor the configuration changed
    index = get_domain(app.env).site_index()
    entries = []
    for docname in sorted(app.env.found_docs):
        article = index.article(docname)
        if article is not None and article.draft:
            continue
        lastmod = ""
        if article is not None and (article.updated or article.date):
            lastmod = max(d for d in (article.date, article.updated) if d).isoformat()
        entries.append((docname, lastmod))
    # Pages with no source file (an archive's page 2...) that their source lists.
    entries += [(pagename, "") for pagename in sitemap_pages(app)]
    entries = [(page_url(app.builder, name), lastmod) for name, lastmod in sorted(entries)]
    content = sitemap_xml(entries)
    target = Path(app.outdir, SITEMAP)
    if not (target.is_file() and target.read_bytes() == content):
        target.write_bytes(content)
    note_current(app, "sitemap", key, [SITEMAP])


def hide_draft_from_search(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after the collector): a hidden draft gets ``nosearch``."""
    env = app.env
    article = get_domain(env).articles.get(env.docname)
    if article is not None and article.draft and not env.config.clinic_show_drafts:
        env.metadata[env.docname]["nosearch"] = ""


def drop_drafts_from_search(app: Sphinx) -> list[Any]:
    """``html-collect-pages`` (before Sphinx writes ``searchindex.js``): hidden drafts
    leave the search index entirely. ``nosearch`` only empties their entry; their names
    and file names would still be published in ``searchindex.js``."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or app.config.clinic_show_drafts:
        return []
    drafts = {d for d, article in get_domain(app.env).articles.items() if article.draft}
    if drafts:
        indexer.prune(set(app.env.all_docs) - drafts)
    return []


def noindex_drafts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: a draft's page asks search engines not to index it."""
    article = get_domain(app.env).articles.get(pagename)
    if article is not None and article.draft and is_website(app.builder):
        context["metatags"] = (
            str(context.get("metatags", "")) + '\n<meta name="robots" content="noindex" />'
        )


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
    # After the collector (600), which records whether the article is a draft.
    app.connect("doctree-read", hide_draft_from_search, priority=700)
    app.connect("html-page-context", noindex_drafts)
    app.connect("html-collect-pages", drop_drafts_from_search)
