"""The automatic parts of an article page: byline, review stamp, draft banner, crisis
notice and "About the author"."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

from .config import crisis_notice_for
from .i18n import for_language, page_language, same_language, translator
from .records import Article, Clinician
from .renderers import (
    NO_SEARCH,
    AuthorRef,
    CardData,
    author_nodes,
    author_refs,
    author_values,
    card_data,
    name_with_credentials,
    person_values,
    render_cards,
)
from .siteindex import SiteIndex
from .text import is_safe_url
from .urls import conf_location
from .views import RenderContext, ViewType, add_view_types, placeholder
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class BylineData(NamedTuple):
    """What the byline under an article's title shows."""

    authors: tuple[AuthorRef, ...]
    date: dt.date | None
    updated: dt.date | None
    minutes: int
    reviewer: Clinician | None
    reviewed_on: dt.date | None


def _article(index: SiteIndex, docname: str) -> Article | None:
    return index.article(docname)


def compute_byline(index: SiteIndex, docname: str, args: tuple[()]) -> BylineData | None:
    article = _article(index, docname)
    if article is None:
        return None
    return BylineData(
        author_refs(index, article.authors, index.page_language(docname)),
        article.date,
        article.updated,
        article.reading_minutes,
        _reviewer(index, article.reviewed_by, index.page_language(docname)),
        article.reviewed_on,
    )


def _reviewer(index: SiteIndex, clinician_id: str, language: str = "") -> Clinician | None:
    """The reviewer as the review stamp shows them: linked name (to their profile in the
    page's language, when translated) and credentials only, so that an edit to their bio
    does not rewrite every article they reviewed."""
    clinician = index.clinician_in(clinician_id, language) if clinician_id else None
    if clinician is None:
        return None
    return Clinician(
        id=clinician.id,
        docname=clinician.docname,
        name=clinician.name,
        credentials=clinician.credentials,
    )


def render_byline(
    context: RenderContext, data: BylineData | None, args: tuple[()]
) -> list[nodes.Node]:
    """paragraph.clinic-byline (By ... · date · N min read), paragraph.clinic-review."""
    if data is None:
        return []
    config = context.config
    if context.uses_templates:
        return _byline_html(context, data)
    _ = context.gettext
    result: list[nodes.Node] = []
    if config.clinic_byline:
        byline = nodes.paragraph(classes=["clinic-byline", NO_SEARCH])
        parts: list[list[nodes.Node]] = []
        if data.authors:
            parts.append([nodes.Text(_("By") + " "), *author_nodes(context, data.authors)])
        if data.date is not None:
            parts.append([nodes.inline("", context.format_day(data.date), classes=["clinic-date"])])
        if data.updated is not None and data.updated != data.date:
            parts.append([nodes.Text(_("updated %s") % context.format_day(data.updated))])
        minutes = context.ngettext("%d min read", "%d min read", data.minutes)
        parts.append([nodes.Text(minutes % data.minutes)])
        for position, part in enumerate(parts):
            if position:
                byline += nodes.Text(" · ")
            byline.extend(part)
        result.append(byline)
    if data.reviewer is not None and data.reviewed_on is not None:
        review = nodes.paragraph(classes=["clinic-review", NO_SEARCH])
        review += nodes.Text(_("Clinically reviewed by") + " ")
        review.extend(name_with_credentials(context, data.reviewer))
        review += nodes.Text(" " + _("on %s") % context.format_day(data.reviewed_on))
        result.append(review)
    return result


def _byline_html(context: RenderContext, data: BylineData) -> list[nodes.Node]:
    """The byline and review stamp from ``clinic/byline.html``, as one node."""
    config = context.config
    reviewed = data.reviewer is not None and data.reviewed_on is not None
    if not config.clinic_byline and not reviewed:
        return []
    values = {
        "byline": bool(config.clinic_byline),
        "authors": author_values(context, data.authors),
        "date": context.format_day(data.date) if data.date is not None else "",
        "updated": (
            context.format_day(data.updated)
            if data.updated is not None and data.updated != data.date
            else ""
        ),
        "minutes": data.minutes,
        "reviewer": person_values(context, data.reviewer) if reviewed and data.reviewer else None,
        "reviewed_on": context.format_day(data.reviewed_on) if reviewed else "",
    }
    return [context.html("byline", values)]


def compute_about(index: SiteIndex, docname: str, args: tuple[()]) -> tuple[CardData | str, ...]:
    article = _article(index, docname)
    if article is None:
        return ()
    language = index.page_language(docname)
    return tuple(card_data(index, author, language) for author in article.authors)


def render_about(
    context: RenderContext, data: tuple[CardData | str, ...], args: tuple[()]
) -> list[nodes.Node]:
    """section#about-the-author (title, one container.clinic-card per known author)."""
    cards = [card for card in data if isinstance(card, CardData)]
    if not cards:
        return []
    title = context.ngettext("About the author", "About the authors", len(cards))
    section = nodes.section(ids=["about-the-author"], classes=["clinic-about-author", NO_SEARCH])
    section += nodes.title(title, title)
    section += render_cards(context, cards, "clinic-cards", searchable=False)
    return [section]


# -- static notices (depend only on the page and the config) ------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def notice_parts(text: str) -> list[tuple[str, str]]:
    """Plain text with ``[label](url)`` links as (text, url) pieces; url is "" for plain
    text and for a link whose URL is not safe (its label stays, as text)."""
    parts = []
    position = 0
    for match in _LINK.finditer(text):
        parts.append((text[position : match.start()], ""))
        label, url = match.groups()
        parts.append((label, url if is_safe_url(url) else ""))
        position = match.end()
    parts.append((text[position:], ""))
    return parts


def notice_paragraph(text: str) -> nodes.paragraph:
    """A paragraph from plain text with ``[label](url)`` links (safe URLs only)."""
    paragraph = nodes.paragraph()
    for piece, url in notice_parts(text):
        if url:
            paragraph += nodes.reference(piece, piece, refuri=url)
        else:
            paragraph += nodes.Text(piece)
    return paragraph


def crisis_wording(config: Config, language: str) -> tuple[str, str]:
    """The crisis notice's (text, title) for a page in ``language``: the site's mapping's
    entry, else the default where it has been checked in that language, else English."""
    text = crisis_notice_for(config.clinic_crisis_notice, language).text
    title = config.clinic_crisis_title
    if isinstance(title, dict):
        title = for_language(title, language) or ""
    return text, title or translator(language).gettext("If you need help now")


def shows_crisis_notice(config: Config, article: Article) -> bool:
    """Whether an article gets the crisis notice (the config may leave it out, or keep
    it for some specialties)."""
    only = config.clinic_crisis_specialties
    if only and not set(only) & set(article.specialties):
        return False
    language = page_language(article.language, config.language)
    return bool(crisis_wording(config, language)[0])


def render_crisis_notice(context: RenderContext, data: None, args: tuple[()]) -> list[nodes.Node]:
    """admonition.clinic-crisis (title, paragraph with links), from the config and the
    page's language alone."""
    text, title = crisis_wording(context.config, context.language)
    if context.uses_templates:
        values = {"title": title, "parts": notice_parts(text)}
        return [context.html("crisis-notice", values, reuse=True)]
    notice = nodes.admonition(classes=["clinic-crisis", "important", NO_SEARCH])
    notice += nodes.title(title, title)
    notice += notice_paragraph(text)
    return [notice]


def warn_unchecked_crisis_notice(config: Config, language: str, location: Any) -> None:
    """A ``clinic.crisis`` warning when pages in ``language`` would get the English
    default notice because it has not been checked in that language."""
    if crisis_notice_for(config.clinic_crisis_notice, language).in_language:
        return
    warn(
        f"the crisis notice has not been checked in {language!r}: pages in that language "
        f"show it in English; set clinic_crisis_notice to a mapping with a {language!r} "
        "entry, in the words of a crisis line that answers in that language",
        ClinicWarning.CRISIS,
        location,
    )


def check_site_crisis_notice(app: Sphinx, config: Config) -> None:
    """``config-inited``: the site's own language, once (pages in another language are
    checked as they are read)."""
    warn_unchecked_crisis_notice(config, page_language("", config.language), conf_location(app))


def draft_banner(language: str) -> nodes.Element:
    _ = translator(language).gettext
    title = _("Draft")
    text = _(
        "This article is a draft: it is not listed, linked or in the feeds until it is published."
    )
    banner = nodes.admonition(classes=["clinic-draft", "warning", NO_SEARCH])
    banner += nodes.title(title, title)
    banner += nodes.paragraph(text, text)
    return banner


def place_article_parts(app: Sphinx, doctree: nodes.document, article: Article) -> None:
    """``clinic-article-read``: insert the byline directly under the page title, and the
    crisis notice and author cards after the article's last section, whatever the
    heading levels."""
    env, docname = app.env, article.docname
    top_sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    top: list[nodes.Node] = [placeholder(env, docname, "byline")]
    if article.draft:
        top.append(draft_banner(page_language(article.language, app.config.language)))
    if top_sections:
        section = top_sections[0]
        title_index = section.first_child_matching_class(nodes.title)
        position = 0 if title_index is None else title_index + 1
        section[position:position] = top
        end: nodes.Element = top_sections[-1]
    else:
        # A page without any heading: the byline opens its body (after the front matter).
        position = 0
        while position < len(doctree) and isinstance(
            doctree[position], (nodes.docinfo, nodes.field_list, nodes.target, nodes.comment)
        ):
            position += 1
        doctree[position:position] = top
        end = doctree
    if shows_crisis_notice(app.config, article):
        # Rendered late, so that its nodes are not held in every doctree while Sphinx
        # reads; it shows nothing of other pages, so no build compares it.
        end += placeholder(env, docname, "crisis-notice", tracked=False)
        site = page_language("", app.config.language)
        if article.language and not same_language(article.language, site):
            warn_unchecked_crisis_notice(app.config, article.language, (docname, 1))
    if app.config.clinic_about_author:
        end += placeholder(env, docname, "about-author")


def setup_articles(app: Sphinx) -> None:
    add_view_types(
        {
            "byline": ViewType(compute_byline, render_byline),
            "about-author": ViewType(compute_about, render_about),
            "crisis-notice": ViewType(lambda index, docname, args: None, render_crisis_notice),
        }
    )
    app.connect("clinic-article-read", place_article_parts)
    app.connect("config-inited", check_site_crisis_notice)
