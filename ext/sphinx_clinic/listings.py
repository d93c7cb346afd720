"""Article listings: the ``article-list`` directive (newest, filtered, archive by year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .renderers import ItemData, heading_level, item_data, render_items
from .siteindex import SiteIndex
from .views import RenderContext, ViewType, add_view_types, placeholder
from .warnings_ import ClinicWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
        args = ArticleListArgs(
            self.options.get("limit", 0),
            self.options.get("author", "").strip(),
            specialty,
            self.options.get("year", 0),
            "group-by-year" in self.options,
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


ListData = tuple[bool, tuple[ItemData, ...]]  # (the author is known, the articles)


def compute_list(index: SiteIndex, docname: str, args: ArticleListArgs) -> ListData:
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
    if limit:
        articles = articles[:limit]
    known_author = not author or author in index.clinicians
    return (known_author, tuple(item_data(index, a) for a in articles))


def render_list(context: RenderContext, data: ListData, args: ArticleListArgs) -> list[nodes.Node]:
    known_author, items = data
    author, by_year = args.author, args.by_year
    if not known_author:
        context.warn(
            f"article-list: unknown author '{author}'" + context.suggest_clinician(author),
            ClinicWarning.AUTHOR,
        )
    if not items:
        text = context.gettext("No articles yet.")
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


def setup_listings(app: Sphinx) -> None:
    add_view_types({"article-list": ViewType(compute_list, render_list)})
    app.add_directive("article-list", ArticleListDirective)
