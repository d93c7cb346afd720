"""Article listings: the ``article-list`` directive (newest, filtered, archive by year),
split into pages when long.

A list without ``:limit:`` shows ``clinic_per_page`` articles (``:per-page: N`` for its
own number, ``:per-page: 0`` for all) on its page; websites (``html``, ``dirhtml``) get
its pages 2..N as generated pages at ``<page>/page/<n>`` (:func:`listing_pages`), each
with the list's navigation, canonical to itself, in the sitemap. Other builders show the
whole list on its page. Only the first list of a page is split; a later one longer than
its page shows every article, with a ``clinic.page`` warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .generated_pages import (
    FirstPage,
    GeneratedPage,
    SiteData,
    add_page_sources,
    chained_pages,
    link_page_two,
)
from .i18n import translator
from .records import Article, View
from .renderers import (
    ItemData,
    heading_level,
    item_data,
    page_name,
    page_title,
    pagination_nav,
    render_items,
    split_pages,
)
from .siteindex import SiteIndex
from .views import RenderContext, ViewType, add_view_types, placeholder, splits_a_list
from .warnings_ import ClinicWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ArticleListDirective(SphinxDirective):
    """```{article-list}``` — articles, newest first.

    Options: ``:limit: N``, ``:author: id``, ``:specialty: name``, ``:year: YYYY``,
    ``:group-by-year:`` (an archive: one section per year), ``:per-page: N`` (0: one
    page; without it, ``clinic_per_page`` unless ``:limit:`` is given). Emits one
    placeholder.
    """

    has_content = False
    option_spec = {  # noqa: RUF012
        "limit": directives.positive_int,
        "author": directives.unchanged_required,
        "specialty": directives.unchanged_required,
        "year": directives.positive_int,
        "group-by-year": directives.flag,
        "per-page": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        specialty = specialty_option(self)
        if specialty is None:
            return []
        per_page = self.options.get("per-page")
        if per_page is None:
            per_page = 0 if "limit" in self.options else int(self.config.clinic_per_page)
        args = ArticleListArgs(
            self.options.get("limit", 0),
            self.options.get("author", "").strip(),
            specialty,
            self.options.get("year", 0),
            "group-by-year" in self.options,
            per_page,
            # Only the first list of a page that asks is split (see render_list).
            bool(per_page) and not splits_a_list(self.env, self.env.docname),
        )
        node = placeholder(self.env, self.env.docname, "article-list", args)
        self.set_source_info(node)
        return [node]


@dataclass(frozen=True)
class ArticleListArgs:
    """The options of an ``article-list`` (0 and "" for none)."""

    limit: int
    author: str  # a clinician id or name, as written
    specialty: str  # a vocabulary id
    year: int
    by_year: bool
    per_page: int = 0  # articles per page; 0: one page
    split: bool = False  # split into pages: the first list of its page with per_page


class ListData(NamedTuple):
    """What a list shows on its own page: whether its author is known, its articles
    (those of its first page when the build splits it), and how many pages it has."""

    known_author: bool
    items: tuple[ItemData, ...]
    pages: int = 1


def listed_articles(
    index: SiteIndex, args: ArticleListArgs, language: str
) -> tuple[bool, tuple[Article, ...]]:
    """(the author is known, every article the list shows on a page in ``language``, one
    per article and its translations where they are grouped), newest first."""
    limit, author, specialty, year = args.limit, args.author, args.specialty, args.year
    if author:  # a clinician id, or a name (see SiteIndex.author)
        author = index.author(author).clinician_id or author
    if author:
        articles = index.articles_by(author)
    elif specialty:
        articles = index.articles_about(specialty)
    else:
        articles = index.newest_first()
    if author and specialty:
        articles = tuple(a for a in articles if specialty in a.specialties)
    if year:
        articles = tuple(a for a in articles if a.date is not None and a.date.year == year)
    articles = tuple(index.collapse(articles, language))
    if limit:
        articles = articles[:limit]
    return (not author or author in index.clinicians, articles)


def compute_list(index: SiteIndex, docname: str, args: ArticleListArgs) -> ListData:
    language = index.page_language(docname)
    known_author, articles = listed_articles(index, args, language)
    if index.lists_in_pages and args.split and len(articles) > args.per_page:
        # Only the first page: an edit further down rewrites the pages that show it.
        pages = -(-len(articles) // args.per_page)
        shown = articles[: args.per_page]
        return ListData(known_author, tuple(item_data(index, a, language) for a in shown), pages)
    return ListData(known_author, tuple(item_data(index, a, language) for a in articles))


def render_list(context: RenderContext, data: ListData, args: ArticleListArgs) -> list[nodes.Node]:
    author = args.author
    if not data.known_author:
        context.warn(
            f"article-list: unknown author '{author}'" + context.suggest_clinician(author),
            ClinicWarning.AUTHOR,
        )
    if not data.items:
        text = context.gettext("No articles yet.")
        return [nodes.paragraph(text, text, classes=["clinic-article-list-empty"])]
    long = args.per_page and len(data.items) > args.per_page
    if long and not args.split and context.index.lists_in_pages:
        context.warn(
            f"article-list: this list has {len(data.items)} articles, more than its "
            f"{args.per_page} a page, but only the first list of a page is split into "
            "pages, so it shows them all; give it ':limit: N' or ':per-page: 0', or move "
            "it to a page of its own",
            ClinicWarning.PAGE,
        )
    shown = render_articles(context, data.items, args.by_year)
    if data.pages > 1:  # pages 2..N: see listing_pages
        names = [page_name(context.docname, n) for n in range(1, data.pages + 1)]
        shown.append(pagination_nav(context, names, 1))
    return shown


def render_articles(
    context: RenderContext, items: tuple[ItemData, ...], by_year: bool, continued: int = 0
) -> list[nodes.Node]:
    """The articles, in one list or in a section per year; a year the page before
    began (``continued``) is headed "2024 (continued)"."""
    if not by_year:
        return [render_items(context, items, heading_level(context))]
    sections: list[nodes.Node] = []
    years: dict[int, list[ItemData]] = {}
    for item in items:
        assert item.date is not None  # the chronology holds dated articles only
        years.setdefault(item.date.year, []).append(item)
    for year, year_items in years.items():
        section = nodes.section(ids=[f"year-{year}"], classes=["clinic-archive-year"])
        heading = context.gettext("%d (continued)") % year if year == continued else str(year)
        section += nodes.title(heading, heading)
        section += render_items(context, tuple(year_items), heading_level(context, extra=1))
        sections.append(section)
    return sections


# -- pages 2..N ---------------------------------------------------------------------------


class ListPage(NamedTuple):
    """What page ``number`` of a list shows (its data, for generated_pages)."""

    by_year: bool
    names: tuple[str, ...]  # page names of every page of the list, the first first
    number: int
    items: tuple[ItemData, ...]
    continued: int  # the year the page before ended with, when this page goes on with it


def listing_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of long lists: pages 2..N of each list split into pages."""
    found = []
    for docname, view in site.views_of("article-list"):
        args = view.args
        if not isinstance(args, ArticleListArgs) or not args.split:
            continue
        language = site.index.page_language(docname)
        articles = listed_articles(site.index, args, language)[1]
        items = tuple(item_data(site.index, a, language) for a in articles)
        pages = split_pages(items, args.per_page)
        if len(pages) < 2:
            continue
        names = tuple(page_name(docname, n) for n in range(1, len(pages) + 1))
        title = _list_title(site.titles.get(docname, ""), language)
        titles = [page_title(title, n, language) for n in range(1, len(pages) + 1)]
        shown = []
        for number in range(2, len(pages) + 1):
            before = pages[number - 2][-1].date
            first = pages[number - 1][0].date
            continued = first.year if before and first and before.year == first.year else 0
            shown.append(ListPage(args.by_year, names, number, pages[number - 1], continued))
        found += chained_pages(docname, names, titles, shown, render_list_page)
    return found


def render_list_page(context: RenderContext, page: ListPage) -> list[nodes.Node]:
    shown = render_articles(context, page.items, page.by_year, page.continued)
    shown.append(pagination_nav(context, page.names, page.number))
    return shown


def _page_two(page: FirstPage, view: View) -> tuple[str, str] | None:
    """A list's page 2, when it is split and has one (see :func:`.link_page_two`)."""
    args = view.args
    if not isinstance(args, ArticleListArgs) or not args.split:
        return None
    if compute_list(page.index, page.pagename, args).pages < 2:
        return None
    title = _list_title(page.title, page.language)
    return page_name(page.pagename, 2), page_title(title, 2, page.language)


def _list_title(title: str, language: str) -> str:
    """The title a list's pages are named after: its page's, else "Articles"."""
    return title or translator(language).gettext("Articles")


def setup_listings(app: Sphinx) -> None:
    add_view_types({"article-list": ViewType(compute_list, render_list)})
    add_page_sources({"article-list": listing_pages})
    app.add_directive("article-list", ArticleListDirective)
    app.connect("html-page-context", link_page_two("article-list", _page_two))
