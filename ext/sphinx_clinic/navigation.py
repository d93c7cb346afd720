"""Chronological previous/next navigation between published articles.

Articles are not in the global toctree, so the theme has no neighbours for them; we
give the page context the chronological ones. furo (and Sphinx's basic theme) then draw
their own footer links and ``<link rel="prev/next">`` from them: one navigation, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

from .domain import get_domain
from .records import Article, View
from .views import ViewType, add_view_types

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .siteindex import SiteIndex


class Neighbour(NamedTuple):
    docname: str
    title: str


@dataclass(frozen=True)
class NavArgs:
    """Where "Next" leads (``clinic_next_direction``): "newer" or "older"."""

    direction: str


NavData = tuple[Neighbour | None, Neighbour | None]

#: The view of every article, by direction: one object each, so that the environment's
#: pickle holds it once rather than once per article.
NAV_VIEWS = {d: View("article-nav", NavArgs(d)) for d in ("newer", "older")}


def compute_nav(index: SiteIndex, docname: str, args: NavArgs) -> NavData:
    """(previous, next) in reading order, as set by ``clinic_next_direction``."""
    older, newer = index.neighbours(docname)
    before, after = (Neighbour(a.docname, a.title) if a else None for a in (older, newer))
    return (before, after) if args.direction == "newer" else (after, before)


def note_article_nav(app: Sphinx, doctree: nodes.document, article: Article) -> None:
    """``clinic-article-read``: the page's prev/next links are page chrome, a view with no
    node, resolved at ``html-page-context``."""
    direction = app.config.clinic_next_direction
    view = NAV_VIEWS.get(direction) or View("article-nav", NavArgs(direction))
    get_domain(app.env).add_view(article.docname, view)


def render_nav(context: Any, data: NavData, args: NavArgs) -> list[nodes.Node]:
    return []  # page chrome, not body: see :func:`set_page_neighbours`


def set_page_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the theme's prev/next become the chronological ones."""
    domain = get_domain(app.env)
    index = domain.site_index()
    if index.article(pagename) is None:
        return
    previous, following = compute_nav(index, pagename, NavArgs(app.config.clinic_next_direction))
    builder = app.builder
    for key, neighbour in (("prev", previous), ("next", following)):
        if neighbour is None:
            context[key] = None
            continue
        context[key] = {
            "link": builder.get_relative_uri(pagename, neighbour.docname),
            # Themes print the title as HTML (Sphinx's own titles are rendered markup).
            "title": escape(neighbour.title),
        }


def setup_navigation(app: Sphinx) -> None:
    add_view_types({"article-nav": ViewType(compute_nav, render_nav)})
    app.connect("clinic-article-read", note_article_nav)
    app.connect("html-page-context", set_page_neighbours)
