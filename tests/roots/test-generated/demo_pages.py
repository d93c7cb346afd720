"""A page source: a reading list of the newest articles, over pages 2..N of its page.

``{reading-list}`` with ``:pages: N`` on a page shows nothing itself; its pages 2..N
(``<page>/2``...) list one article each, newest first, with rel prev/next
chained from the page that has the directive. The last page is kept out of the sitemap
and asks search engines not to index it, to show both settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_clinic.generated_pages import GeneratedPage, SiteData, add_page_sources
from sphinx_clinic.views import RenderContext, ViewType, add_view_types, placeholder


@dataclass(frozen=True)
class ReadingListArgs:
    pages: int


class ReadingListDirective(SphinxDirective):
    option_spec = {"pages": directives.positive_int}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        args = ReadingListArgs(self.options.get("pages", 2))
        return [placeholder(self.env, self.env.docname, "reading-list", args)]


def reading_pages(site: SiteData) -> list[GeneratedPage]:
    pages = []
    for docname, view in site.views_of("reading-list"):
        count = view.args.pages
        articles = site.index.newest_first()
        names = [docname] + [f"{docname}/{n}" for n in range(2, count + 1)]
        title = site.titles[docname]  # "Reading list"
        for n in range(2, count + 1):
            article = articles[n - 2] if n - 2 < len(articles) else None
            last = n == count
            pages.append(
                GeneratedPage(
                    pagename=names[n - 1],
                    title=f"{title}, page {n}",
                    origin=docname,
                    data=None if article is None else (article.docname, article.title),
                    render=render_reading_page,
                    prev=names[n - 2],
                    prev_title=title if n == 2 else f"{title}, page {n - 1}",
                    next="" if last else names[n],
                    next_title="" if last else f"{title}, page {n + 1}",
                    sitemap=not last,
                    robots="noindex, follow" if last else "",
                )
            )
    return pages


def render_reading_page(context: RenderContext, data: Any) -> list[nodes.Node]:
    if data is None:
        text = context.gettext("No articles yet.")
        return [nodes.paragraph(text, text)]
    docname, title = data
    paragraph = nodes.paragraph()
    paragraph += context.link(docname, title)
    return [paragraph]


def setup(app: Any) -> dict[str, Any]:
    add_view_types({"reading-list": ViewType(lambda i, d, a: (), lambda c, d, a: [])})
    add_page_sources({"reading-list": reading_pages})
    app.add_directive("reading-list", ReadingListDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
