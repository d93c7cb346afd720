"""Article listings: the ``article-list`` directive (newest, filtered, archive by year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .domain import Article, SiteIndex
from .views import RenderContext, ViewType, placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("sphinx_clinic")
logger = logging.getLogger(__name__)


class AuthorRef(NamedTuple):
    """An author as listings and bylines show them."""

    id: str
    name: str
    docname: str | None  # None when no profile has this id


class ItemData(NamedTuple):
    """Everything a listing shows of one article."""

    docname: str
    title: str
    date: dt.date | None
    authors: tuple[AuthorRef, ...]
    summary: str
    minutes: int
    draft: bool


def author_refs(index: SiteIndex, ids: Sequence[str]) -> tuple[AuthorRef, ...]:
    """Names and profile pages of author ids (an unknown id shows as itself)."""
    refs = []
    for author_id in ids:
        clinician = index.clinicians.get(author_id)
        if clinician is None:
            refs.append(AuthorRef(author_id, author_id, None))
        else:
            refs.append(AuthorRef(author_id, clinician.name, clinician.docname))
    return tuple(refs)


def item_data(index: SiteIndex, article: Article) -> ItemData:
    return ItemData(
        article.docname,
        article.title,
        article.date,
        author_refs(index, article.authors),
        article.summary,
        article.reading_minutes,
        article.draft,
    )


def author_nodes(context: RenderContext, authors: Sequence[AuthorRef]) -> list[nodes.Node]:
    """``A``, ``A and B``, ``A, B and C``, each linked to its profile."""
    result: list[nodes.Node] = []
    for position, author in enumerate(authors):
        if position:
            sep = " " + _("and") + " " if position == len(authors) - 1 else ", "
            result.append(nodes.Text(sep))
        if author.docname is None:
            result.append(nodes.Text(author.name))
        else:
            result.append(context.link(author.docname, author.name))
    return result


def heading_level(context: RenderContext, extra: int = 0) -> int:
    """The heading level for titles inside the view being rendered: one below the
    section it sits in (``<h2>`` under the page's ``<h1>``), at most 6."""
    depth = 0
    parent = context.node.parent if context.node is not None else None
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth, 1) + 1 + extra, 6)


def render_items(
    context: RenderContext, items: Sequence[ItemData], level: int = 2
) -> nodes.Element:
    """A list of articles, each titled with a heading of ``level`` (``<h2>``...), so
    heading navigation finds them; rubrics, so they stay out of the table of contents::

    bullet_list.clinic-article-list
        list_item.clinic-article-item
            rubric.clinic-article-title     (link; heading-level)
            paragraph.clinic-article-meta   (date · by authors · N min read)
            paragraph.clinic-article-summary
    """
    from .cards import format_day

    # The articles themselves are indexed; a list of them would make every hub page match.
    listing = nodes.bullet_list(classes=["clinic-article-list", "no-search"])
    for item in items:
        entry = nodes.list_item(classes=["clinic-article-item"])
        title = nodes.rubric(
            "",
            "",
            context.link(item.docname, item.title),
            classes=["clinic-article-title"],
            **{"heading-level": level},
        )
        if item.draft:
            title += nodes.Text(" ")
            title += nodes.inline(_("Draft"), _("Draft"), classes=["clinic-draft-label"])
        entry += title
        meta = nodes.paragraph(classes=["clinic-article-meta"])
        if item.date is not None:
            meta += nodes.inline(
                format_day(item.date, context.config),
                format_day(item.date, context.config),
                classes=["clinic-date"],
            )
        if item.authors:
            meta += nodes.Text(" · " + _("by") + " ")
            meta.extend(author_nodes(context, item.authors))
        meta += nodes.Text(" · " + _("%d min read") % item.minutes)
        entry += meta
        if item.summary:
            entry += nodes.paragraph(item.summary, item.summary, classes=["clinic-article-summary"])
        listing += entry
    return listing


class ArticleListDirective(SphinxDirective):
    """```{article-list}``` — articles, newest first.

    Options: ``:limit: N``, ``:author: id``, ``:specialty: name``, ``:year: YYYY``,
    ``:group-by-year:`` (an archive: one section per year). Emits one placeholder.
    """

    has_content = False
    option_spec = {  # noqa: RUF012
        "limit": directives.positive_int,
        "author": directives.unchanged_required,
        "specialty": directives.unchanged_required,
        "year": directives.positive_int,
        "group-by-year": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        specialty = specialty_option(self)
        if specialty is None:
            return []
        args = (
            self.options.get("limit", 0),
            self.options.get("author", "").strip(),
            specialty,
            self.options.get("year", 0),
            "group-by-year" in self.options,
        )
        node = placeholder(self.env, self.env.docname, "article-list", args)
        self.set_source_info(node)
        return [node]


def compute_list(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    limit, author, specialty, year, _by_year = args
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
    if limit:
        articles = articles[:limit]
    known_author = not author or author in index.clinicians
    return (known_author, tuple(item_data(index, a) for a in articles))


def render_list(context: RenderContext, data: Any, args: tuple[Any, ...]) -> list[nodes.Node]:
    known_author, items = data
    author, by_year = args[1], args[4]
    if not known_author:
        context.warn(
            f"article-list: unknown author '{author}'" + context.suggest_clinician(author), "author"
        )
    if not items:
        text = _("No articles yet.")
        return [nodes.paragraph(text, text, classes=["clinic-article-list-empty"])]
    if not by_year:
        return [render_items(context, items, heading_level(context))]
    sections: list[nodes.Node] = []
    years: dict[int, list[ItemData]] = {}
    for item in items:
        assert item.date is not None  # the chronology holds dated articles only
        years.setdefault(item.date.year, []).append(item)
    for year, year_items in years.items():
        section = nodes.section(ids=[f"year-{year}"], classes=["clinic-archive-year"])
        section += nodes.title(str(year), str(year))
        section += render_items(context, year_items, heading_level(context, extra=1))
        sections.append(section)
    return sections


VIEWS = {"article-list": ViewType(compute_list, render_list)}


def setup_listings(app: Sphinx) -> None:
    app.add_directive("article-list", ArticleListDirective)
