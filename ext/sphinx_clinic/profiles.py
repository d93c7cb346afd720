"""A clinician's profile page: the header under its title and "Articles by" at its end
(on a website ``clinic_per_page`` articles, then pages 2..N of their own)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from .generated_pages import (
    FirstPage,
    GeneratedPage,
    SiteData,
    add_page_sources,
    chained_pages,
    link_page_two,
)
from .i18n import translator
from .practice import Accepting
from .records import Article, Clinician, View
from .renderers import (
    CardData,
    ItemData,
    LanguageLink,
    availability_text,
    avatar,
    clinician_card,
    credentials_spelled_out,
    heading_level,
    item_data,
    language_nodes,
    page_name,
    page_title,
    pagination_nav,
    render_items,
    specialty_badges,
    split_pages,
)
from .siteindex import SiteIndex
from .text import is_safe_url
from .views import RenderContext, ViewType, add_view_types, placeholder, splits_a_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def compute_profile(index: SiteIndex, docname: str, args: tuple[()]) -> CardData | None:
    clinician = index.profile_at(docname)
    if clinician is None:  # a profile whose id another, earlier profile claimed
        return None
    card = clinician_card(index, clinician, index.page_language(docname))
    # The Languages row links each language to its page, whichever kind the site has.
    links = tuple(LanguageLink(lang, index.language_page_of(lang)) for lang in clinician.languages)
    return card._replace(languages=links)


def render_profile(
    context: RenderContext, data: CardData | None, args: tuple[()]
) -> list[nodes.Node]:
    """The header under a profile's title::

    container.clinic-profile
        clinic_avatar
        container.clinic-profile-facts
            paragraph.clinic-card-name / .clinic-card-meta / .clinic-card-status
            paragraph.clinic-booking (only when accepting)
            bullet_list.clinic-specialties
            field_list (approaches, works with, languages, sessions, licences)
    """
    if data is None:
        return []
    clinician: Clinician = data.clinician
    header = nodes.container(classes=["clinic-profile"])
    header += avatar(context, clinician)
    facts = nodes.container(classes=["clinic-profile-facts"])
    header += facts
    # The title already says the name: spell out the credentials instead.
    spelled = credentials_spelled_out(context, clinician)
    if spelled:
        facts += nodes.paragraph("", "", *spelled, classes=["clinic-credentials"])
    meta = [t for t in (clinician.pronouns, clinician.role) if t]
    if meta:
        facts += nodes.paragraph(" · ".join(meta), " · ".join(meta), classes=["clinic-card-meta"])
    _ = context.gettext
    status = availability_text(context, clinician)
    if status:
        facts += nodes.paragraph(
            status, status, classes=["clinic-card-status", f"clinic-{clinician.accepting}"]
        )
    if clinician.accepting is Accepting.ACCEPTING and clinician.booking_url:
        facts += nodes.paragraph(
            "",
            "",
            external_link(
                clinician.booking_url,
                _("Book a consultation with %s") % clinician.name,
                ["clinic-button"],
            ),
            classes=["clinic-booking"],
        )
    if data.specialties:
        facts += specialty_badges(context, data.specialties)
    fields = nodes.field_list(classes=["clinic-profile-details"])
    formats = {"in-person": _("In person"), "telehealth": _("Telehealth")}
    rows: list[tuple[str, str | list[nodes.Node]]] = [
        (_("Approaches"), ", ".join(clinician.modalities)),
        (_("Works with"), ", ".join(clinician.populations)),
        (_("Sessions"), ", ".join(formats.get(f.lower(), f) for f in clinician.formats)),
        (
            _("Licenses"),
            "; ".join(
                " ".join(
                    p for p in (lic.type, lic.state, f"#{lic.number}" if lic.number else "") if p
                )
                for lic in clinician.licenses
            ),
        ),
    ]
    if clinician.languages:
        links = data.languages or tuple(LanguageLink(lang, None) for lang in clinician.languages)
        rows.insert(2, (_("Languages"), language_nodes(context, links)))
    for label, value in rows:
        if value:
            content = [nodes.Text(value)] if isinstance(value, str) else value
            fields += nodes.field(
                "",
                nodes.field_name(label, label),
                nodes.field_body("", nodes.paragraph("", "", *content)),
            )
    if clinician.profile_url:
        link = external_link(clinician.profile_url, clinician.profile_url)
        fields += nodes.field(
            "",
            nodes.field_name(_("Elsewhere"), _("Elsewhere")),
            nodes.field_body("", nodes.paragraph("", "", link)),
        )
    if len(fields):
        facts += fields
    return [header]


def external_link(url: str, text: str, classes: Sequence[str] = ()) -> nodes.Node:
    """A link to a checked URL; anything else stays plain text."""
    if not is_safe_url(url):
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=url, classes=list(classes))


# -- "Articles by": the clinician's articles, in pages on a website --------------------


class ArticlesByArgs(NamedTuple):
    """How a profile's "Articles by" is split: ``clinic_per_page`` articles a page when
    the profile was read; 0 (the whole list) when the page already splits a list of its
    own (an ``article-list`` in the profile's text), whose pages 2..N take its names."""

    per_page: int

    @property
    def split(self) -> bool:  # see views.splits_a_list
        return self.per_page > 0


class ArticlesBy(NamedTuple):
    """What a profile's "Articles by" shows: the clinician's name, their articles (on a
    website, those of the first page) and how many pages the list has (pages 2..N are
    generated pages, see :func:`articles_by_pages`)."""

    name: str
    items: tuple[ItemData, ...]
    pages: int = 1


def _articles_by(
    index: SiteIndex, docname: str, per_page: int
) -> tuple[Clinician | None, list[tuple[Article, ...]]]:
    """The clinician a profile is about and the articles it lists, newest first, in pages
    (one page off websites); ``(None, [])`` for a profile whose id another, earlier
    profile claimed."""
    clinician = index.profile_at(docname)
    if clinician is None:
        return None, []
    articles = index.collapse(index.articles_by(clinician.id), index.page_language(docname))
    return clinician, split_pages(articles, per_page if index.lists_in_pages else 0)


def compute_articles_by(index: SiteIndex, docname: str, args: ArticlesByArgs) -> ArticlesBy | None:
    clinician, pages = _articles_by(index, docname, args.per_page)
    if clinician is None or not pages:
        return None
    # Only the first page: an edit further down rewrites the pages that show it.
    language = index.page_language(docname)
    items = tuple(item_data(index, article, language) for article in pages[0])
    return ArticlesBy(clinician.name, items, len(pages))


def render_articles_by(
    context: RenderContext, data: ArticlesBy | None, args: ArticlesByArgs
) -> list[nodes.Node]:
    if data is None or not data.items:
        return []
    title = context.gettext("Articles by %s") % data.name
    section = nodes.section(ids=["clinic-articles-by"], classes=["clinic-articles-by"])
    section += nodes.title(title, title)
    section += render_items(context, data.items, heading_level(context, extra=1))
    if data.pages > 1:
        names = [page_name(context.docname, n) for n in range(1, data.pages + 1)]
        section += pagination_nav(context, names, 1)
    return [section]


class ArticlesByPage(NamedTuple):
    """What page ``number`` (2..N) of a profile's "Articles by" shows."""

    profile: str  # the profile's docname: page 1
    name: str
    names: tuple[str, ...]  # every page of the list, the profile first
    number: int
    items: tuple[ItemData, ...]


def articles_by_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of profiles' long "Articles by": pages 2..N at
    ``<profile>/page/<n>``, so a prolific clinician's profile stays as light as any."""
    found = []
    for docname, view in site.views_of("articles-by"):
        if not isinstance(view.args, ArticlesByArgs):
            continue
        clinician, pages = _articles_by(site.index, docname, view.args.per_page)
        if clinician is None or len(pages) < 2:
            continue
        names = tuple(page_name(docname, n) for n in range(1, len(pages) + 1))
        language = site.index.page_language(docname)
        title = _articles_by_title(clinician.name, language)
        titles = [site.titles.get(docname) or clinician.name] + [
            page_title(title, n, language) for n in range(2, len(pages) + 1)
        ]
        shown = []
        for number, page in enumerate(pages[1:], start=2):
            items = tuple(item_data(site.index, article, language) for article in page)
            shown.append(ArticlesByPage(docname, clinician.name, names, number, items))
        found += chained_pages(docname, names, titles, shown, render_articles_by_page)
    return found


def _articles_by_title(name: str, language: str) -> str:
    return translator(language).gettext("Articles by %s") % name


def render_articles_by_page(context: RenderContext, page: ArticlesByPage) -> list[nodes.Node]:
    back = nodes.paragraph(classes=["clinic-articles-by-back"])
    back += context.link(page.profile, context.gettext("Read %s's full profile") % page.name)
    shown: list[nodes.Node] = [back, render_items(context, page.items, 2)]
    shown.append(pagination_nav(context, page.names, page.number))
    return shown


def _page_two(page: FirstPage, view: View) -> tuple[str, str] | None:
    """A profile's page 2 of "Articles by", when it has one (see :func:`.link_page_two`)."""
    if not isinstance(view.args, ArticlesByArgs):
        return None
    data = compute_articles_by(page.index, page.pagename, view.args)
    if data is None or data.pages < 2:
        return None
    title = _articles_by_title(data.name, page.language)
    return page_name(page.pagename, 2), page_title(title, 2, page.language)


def place_profile_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``clinic-profile-read``: put the profile header under the title and the author's
    articles at the end."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    position = 0 if title_index is None else title_index + 1
    section.insert(position, placeholder(app.env, docname, "profile"))
    per_page = 0 if splits_a_list(app.env, docname) else int(app.config.clinic_per_page)
    section += placeholder(app.env, docname, "articles-by", ArticlesByArgs(per_page))


def setup_profiles(app: Sphinx) -> None:
    add_view_types(
        {
            "profile": ViewType(compute_profile, render_profile),
            "articles-by": ViewType(compute_articles_by, render_articles_by),
        }
    )
    add_page_sources({"articles-by": articles_by_pages})
    app.connect("clinic-profile-read", place_profile_parts)
    app.connect("html-page-context", link_page_two("articles-by", _page_two))
