"""Renderers several features share: a clinician's card, name with credentials, avatar,
specialty badges, and a list of articles with their authors.

Features import these; they never import each other. For HTML builders cards and lists
are rendered from templates (``templates/clinic/``, one node each); the docutils trees
here are what text, LaTeX, epub and man builders get. Both show the same thing: the
``*_values`` functions give the templates the data the trees are built from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from markupsafe import Markup

from .credentials import credential_glossary
from .domain import get_domain
from .i18n import page_language, same_language, translator
from .practice import Accepting
from .records import Article, Clinician, specialty_anchor
from .siteindex import SiteIndex
from .templating import add_html_node, pass_node
from .translations import Member, own_name
from .urls import file_name, self_uri
from .views import RenderContext

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Sphinx leaves nodes with this class out of the search index. The parts every article
#: repeats (byline, notice, author cards) would otherwise make every article match a
#: search for an author's name or "crisis", and cost indexing time on large sites.
NO_SEARCH = "no-search"

PHOTO_DIR = "_clinic/photos"


def photo_file(clinician: Clinician) -> str:
    """Where a clinician's photo is published: a name made of the id alone (never of the
    author's path), so it stays inside ``_clinic/photos``."""
    suffix = clinician.photo.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    if not re.fullmatch(r"[a-z0-9]{1,5}", suffix):
        suffix = "img"
    return f"{PHOTO_DIR}/{file_name(clinician.id)}.{suffix}"


# -- data a card shows -------------------------------------------------------------------


class SpecialtyLink(NamedTuple):
    """A specialty as cards show it: its label and, when it has one, its index page and
    its page in the filtered directory (which badges then lead to)."""

    id: str
    label: str
    page: str | None
    filtered: str | None = None


class LanguageLink(NamedTuple):
    """A language a clinician speaks, as written, and its directory page ("Clinicians
    who speak Spanish"), if the site has one."""

    language: str
    filtered: str | None


class CardData(NamedTuple):
    """Everything a clinician's card shows."""

    clinician: Clinician
    specialties: tuple[SpecialtyLink, ...]
    languages: tuple[LanguageLink, ...] = ()


def specialty_links(
    index: SiteIndex, specialty_ids: Sequence[str], language: str = ""
) -> tuple[SpecialtyLink, ...]:
    """Labels (in ``language``, when the vocabulary has them) and index pages of
    specialty ids (unknown ids are skipped)."""
    links = []
    for specialty_id in specialty_ids:
        specialty = index.specialty(specialty_id)
        if specialty is not None:
            links.append(
                SpecialtyLink(
                    specialty_id,
                    specialty.label_in(language),
                    index.specialty_pages.get(specialty_id),
                    index.facet_page("specialty", specialty_id),
                )
            )
    return tuple(links)


#: What a card never shows: the facts of the profile's "Fees and insurance" and "Where and
#: how" sections, and where the front matter's fields are.
_NOT_ON_CARDS = Clinician("", "", "")
_OFF_CARD_FIELDS = {
    name: getattr(_NOT_ON_CARDS, name)
    for name in (
        "lines",
        "fees",
        "sliding_scale",
        "sliding_scale_note",
        "insurance",
        "insurance_names",
        "out_of_network",
        "superbills",
        "payment",
        "locations",
        "offices",
        "telehealth_states",
        "ages",
        "session_types",
        "identity",
    )
}


def as_on_card(clinician: Clinician) -> Clinician:
    """``clinician`` reduced to what cards show, so that a change to anything else (a
    fee, an office) does not rewrite every page with their card."""
    return dataclasses.replace(clinician, **_OFF_CARD_FIELDS)


def language_links(index: SiteIndex, clinician: Clinician) -> tuple[LanguageLink, ...]:
    """The clinician's languages, each with its directory page (() when the site has no
    page for any of them: cards then leave languages to the profile)."""
    links = tuple(
        LanguageLink(lang, index.facet_page("language", lang)) for lang in clinician.languages
    )
    return links if any(link.filtered for link in links) else ()


def clinician_card(index: SiteIndex, clinician: Clinician, language: str = "") -> CardData:
    """Everything the card of ``clinician`` shows (specialty labels in ``language``)."""
    return CardData(
        as_on_card(clinician),
        specialty_links(index, clinician.specialties, language),
        language_links(index, clinician),
    )


def card_data(index: SiteIndex, clinician_id: str, language: str = "") -> CardData | str:
    """The card of a clinician as a page in ``language`` shows it (their profile's
    translation in that language, when there is one), or the id itself when no profile
    has it."""
    clinician = index.clinician_in(clinician_id, language)
    if clinician is None:
        return clinician_id
    return clinician_card(index, clinician, language)


# -- nodes -------------------------------------------------------------------------------


class clinic_avatar(nodes.General, nodes.Inline, nodes.Element):  # noqa: N801
    """A clinician's photo, or their initials; decorative, so HTML only."""


def visit_avatar_html(self: HTML5Translator, node: clinic_avatar) -> None:
    classes = "clinic-avatar" + (" clinic-avatar-small" if node.get("small") else "")
    if node.get("src"):
        self.body.append(
            f'<img class="{classes}" src="{escape(node["src"])}" alt="" loading="lazy" '
            'width="96" height="96">'
        )
    else:
        self.body.append(
            f'<span class="{classes} clinic-avatar-initials" aria-hidden="true">'
            f"{escape(node['initials'])}</span>"
        )
    raise nodes.SkipNode


class clinic_lang(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Content in another language than the page around it: ``<div lang="...">``.
    Made for HTML builders only (:func:`in_language`)."""


class clinic_lang_text(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Text (and links) in another language inside a paragraph: ``<span lang="...">``."""


def visit_lang_html(self: HTML5Translator, node: nodes.Element) -> None:
    tag = "span" if isinstance(node, clinic_lang_text) else "div"
    self.body.append(self.starttag(node, tag, "", lang=node["lang"]))


def depart_lang_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>" if isinstance(node, clinic_lang_text) else "</div>\n")


def foreign_language(context: RenderContext, language: str) -> str:
    """The tag that marks content written in ``language`` (a page's ``language``, "" for
    the site's) on this page: "" when it is this page's own language, or not HTML."""
    language = page_language(language, context.config.language)
    if not context.is_html or same_language(language, context.language):
        return ""
    return language


def in_language(
    context: RenderContext, language: str, node: nodes.Node, inline: bool = False
) -> nodes.Node:
    """``node`` marked as written in ``language`` (a page's ``language``, "" for the
    site's) when that is not the language of the page it is shown on, so that screen
    readers pronounce it right; elsewhere (and outside HTML) ``node`` itself."""
    language = foreign_language(context, language)
    if not language:
        return node
    if inline:
        return clinic_lang_text("", "", node, lang=language, classes=["clinic-lang"])
    return clinic_lang("", node, lang=language, classes=["clinic-lang"])


def mark_page_language(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the content of a page in another language than the site's
    is wrapped in ``<div lang="...">`` (the theme's own words around it stay in the
    site's language, and so does ``<html lang>``)."""
    if app.builder.format != "html":
        return
    index = get_domain(app.env).site_index()
    page = index.article(docname) or index.profile_at(docname)
    site = page_language("", app.config.language)
    if page is None or not page.language or same_language(page.language, site):
        return
    content = list(doctree.children)
    doctree.clear()
    doctree += clinic_lang("", *content, lang=page.language, classes=["clinic-lang"])


def avatar(context: RenderContext, clinician: Clinician, small: bool = False) -> clinic_avatar:
    src = ""
    if clinician.photo:
        src = context.asset_uri(photo_file(clinician))
    return clinic_avatar("", initials=clinician.initials, src=src, small=small)


def name_with_credentials(
    context: RenderContext, clinician: Clinician, link: bool = True
) -> list[nodes.Node]:
    """``Name, LCSW`` with the name linked to the profile and letters as <abbr>."""
    name: nodes.Node = nodes.Text(clinician.name)
    if link:
        name = context.link(clinician.docname, clinician.name)
    result: list[nodes.Node] = [name]
    glossary = credential_glossary(context.config)
    for letters in clinician.credentials:
        result.append(nodes.Text(", "))
        meaning = glossary.get(letters.upper())
        if meaning:
            result.append(nodes.abbreviation(letters, letters, explanation=meaning))
        else:
            result.append(nodes.Text(letters))
    return result


def credentials_spelled_out(context: RenderContext, clinician: Clinician) -> list[nodes.Node]:
    """ "Licensed Clinical Social Worker (LCSW); ..." for a profile's header.

    The built-in meanings are the English names of US licences and degrees, as the
    letters are: on a page in another language they stay English, marked ``lang="en"``
    (a site's own ``clinic_credentials`` are taken to be in its language)."""
    glossary = credential_glossary(context.config)
    own = {letters.upper() for letters in context.config.clinic_credentials or {}}
    result: list[nodes.Node] = []
    for letters in clinician.credentials:
        if result:
            result.append(nodes.Text("; "))
        meaning = glossary.get(letters.upper())
        if not meaning:
            result.append(nodes.Text(letters))
            continue
        text = nodes.Text(f"{meaning} ({letters})")
        result.append(text if letters.upper() in own else in_language(context, "en", text, True))
    return result


def availability_text(context: RenderContext, clinician: Clinician) -> str:
    """ "Accepting new clients" and the like ("" when the profile does not say), in the
    page's language."""
    if clinician.accepting is None:
        return ""
    _ = context.gettext
    labels = {
        Accepting.ACCEPTING: _("Accepting new clients"),
        Accepting.WAITLIST: _("Waitlist for new clients"),
        Accepting.NOT_ACCEPTING: _("Not accepting new clients"),
    }
    text = labels[clinician.accepting]
    if clinician.accepting_as_of is not None:
        text += " " + _("(as of %s)") % context.format_day(clinician.accepting_as_of)
    return text


def specialty_badges(context: RenderContext, links: Sequence[SpecialtyLink]) -> nodes.bullet_list:
    """Specialties as a list of badges, each linking to its index entry (a list, so a
    screen reader announces how many there are; styled by clinic.css, not sphinx-design,
    so a page of cards needs no sphinx-design stylesheet)."""
    badges = nodes.bullet_list(classes=["clinic-specialties"])
    for link in links:
        if link.filtered is not None:
            label: nodes.Node = context.link(link.filtered, link.label)
        elif link.page is None:
            label = nodes.inline(link.label, link.label, classes=["clinic-badge-label"])
        else:
            label = context.link(link.page, link.label, specialty_anchor(link.id))
        badges += nodes.list_item("", nodes.paragraph("", "", label))
    return badges


def languages_paragraph(
    context: RenderContext, links: Sequence[LanguageLink], classes: Sequence[str] = ()
) -> nodes.paragraph:
    """ "Speaks English, Spanish", each language linked to its directory page."""
    paragraph = nodes.paragraph(classes=list(classes))
    paragraph += nodes.Text(context.gettext("Speaks") + " ")
    paragraph.extend(language_nodes(context, links))
    return paragraph


def language_nodes(context: RenderContext, links: Sequence[LanguageLink]) -> list[nodes.Node]:
    """Languages separated by commas, each linked to its directory page when it has one."""
    result: list[nodes.Node] = []
    for position, link in enumerate(links):
        if position:
            result.append(nodes.Text(", "))
        if link.filtered is None:
            result.append(nodes.Text(link.language))
        else:
            result.append(context.link(link.filtered, link.language))
    return result


def person_values(context: RenderContext, clinician: Clinician) -> dict[str, Any]:
    """A clinician as the templates' ``name_with_credentials`` shows them."""
    glossary = credential_glossary(context.config)
    return {
        "name": clinician.name,
        "uri": context.uri(clinician.docname),
        "credentials": [(c, glossary.get(c.upper(), "")) for c in clinician.credentials],
    }


def card_values(context: RenderContext, data: CardData | str) -> dict[str, Any] | str:
    """What ``clinic/card.html`` shows of a card (an unknown id stays a string)."""
    if isinstance(data, str):
        return data
    clinician = data.clinician
    return {
        **person_values(context, clinician),
        "initials": clinician.initials,
        "photo": context.asset_uri(photo_file(clinician)) if clinician.photo else "",
        "pronouns": clinician.pronouns,
        "role": clinician.role,
        "summary": clinician.summary,
        "specialties": [
            {
                "label": link.label,
                "uri": context.uri(link.filtered)
                if link.filtered is not None
                else None
                if link.page is None
                else context.uri(link.page, specialty_anchor(link.id)),
            }
            for link in data.specialties
        ],
        "languages": [
            {
                "label": link.language,
                "uri": None if link.filtered is None else context.uri(link.filtered),
            }
            for link in data.languages
        ],
        "lang": foreign_language(context, clinician.language),
        "accepting": str(clinician.accepting or ""),
        "accepting_as_of": (
            context.format_day(clinician.accepting_as_of) if clinician.accepting_as_of else ""
        ),
    }


def render_cards(
    context: RenderContext,
    cards: Sequence[CardData | str],
    wrapper: str,
    compact: bool = False,
    hide: Sequence[str] = (),
    empty: str = "",
    searchable: bool = True,
) -> nodes.Node:
    """Cards in a ``container.<wrapper>`` (``empty``: a paragraph when there are none)::

    container.<wrapper>
        container.clinic-card ...  (see :func:`render_card`)
    """
    if context.uses_templates:
        shown = [card_values(context, card) for card in cards]
        return cards_html(context, shown, wrapper, compact, hide, empty, searchable)
    container = nodes.container(classes=[wrapper])
    for card in cards:
        container += render_card(context, card, compact=compact, hide=hide)
    if not cards and empty:
        container += nodes.paragraph(empty, empty)
    return container


def cards_html(
    context: RenderContext,
    cards: Sequence[dict[str, Any] | str],
    wrapper: str,
    compact: bool = False,
    hide: Sequence[str] = (),
    empty: str = "",
    searchable: bool = True,
    tokens: Sequence[str] = (),
) -> nodes.Node:
    """``clinic/cards.html`` for cards' values (:func:`card_values`); ``tokens``: each
    card's facet values, for a directory readers filter.

    Each card is rendered once per build for its values and reused (``rendered``): the
    same card, with the same links, is on every article its clinician wrote and on many
    directory pages. A site's own ``card.html`` is rendered the same way.
    """
    hide = tuple(hide)
    shared = {"compact": compact, "hide": hide, "wrapper": wrapper}
    rendered = [
        card
        if isinstance(card, str)
        else Markup(context.render("one-card", {"card": card, **shared}, reuse=True))
        for card in cards
    ]
    values = {
        "cards": cards,
        "rendered": rendered,
        "tokens": tuple(tokens),
        "wrapper": wrapper,
        "compact": compact,
        "hide": hide,
        "empty": empty,
    }
    # The parts every article repeats (its "About the author") are reused as they are.
    return context.html("cards", values, searchable, reuse=not searchable)


def render_card(
    context: RenderContext, data: CardData | str, compact: bool = False, hide: Sequence[str] = ()
) -> nodes.Element:
    """One clinician card::

    container.clinic-card
        clinic_avatar
        container.clinic-card-body
            paragraph.clinic-card-name    (name linked, credentials as abbr)
            paragraph.clinic-card-meta    (pronouns · role)
            paragraph.clinic-card-summary
            bullet_list.clinic-specialties  (badges)
            paragraph.clinic-card-languages (with a filtered directory only)
            paragraph.clinic-card-status
            paragraph.clinic-card-more    (link to the full profile)
    """
    if isinstance(data, str):
        return nodes.paragraph(data, data, classes=["clinic-card-missing"])
    clinician = data.clinician
    card = nodes.container(classes=["clinic-card"] + (["clinic-card-compact"] if compact else []))
    if "avatar" not in hide:
        card += avatar(context, clinician, small=compact)
    body = nodes.container(classes=["clinic-card-body"])
    card += body
    body += nodes.paragraph(
        "", "", *name_with_credentials(context, clinician), classes=["clinic-card-name"]
    )
    meta = [t for t in (clinician.pronouns if "pronouns" not in hide else "", clinician.role) if t]
    if meta:
        text = " · ".join(meta)
        paragraph = nodes.paragraph(text, text, classes=["clinic-card-meta"])
        body += in_language(context, clinician.language, paragraph)
    if clinician.summary and not compact and "summary" not in hide:
        summary = nodes.paragraph(
            clinician.summary, clinician.summary, classes=["clinic-card-summary"]
        )
        body += in_language(context, clinician.language, summary)
    if data.specialties and not compact and "specialties" not in hide:
        body += specialty_badges(context, data.specialties)
    if data.languages and not compact and "languages" not in hide:
        body += languages_paragraph(context, data.languages, ["clinic-card-languages"])
    status = availability_text(context, clinician)
    if status and "availability" not in hide:
        body += nodes.paragraph(
            status, status, classes=["clinic-card-status", f"clinic-{clinician.accepting}"]
        )
    more = context.gettext("Read %s's full profile") % clinician.name
    body += nodes.paragraph(
        "", "", context.link(clinician.docname, more), classes=["clinic-card-more"]
    )
    return card


# -- articles in a list ----------------------------------------------------------------


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
    language: str = ""  # the article's own language, "" for the site's
    also_in: tuple[Member, ...] = ()  # the article in other languages (grouped listings)


def author_refs(index: SiteIndex, ids: Sequence[str], language: str = "") -> tuple[AuthorRef, ...]:
    """Names and profile pages (in ``language`` when translated) of author ids (an
    unknown id shows as itself)."""
    refs = []
    for author_id in ids:
        clinician = index.clinician_in(author_id, language)
        if clinician is None:
            refs.append(AuthorRef(author_id, author_id, None))
        else:
            refs.append(AuthorRef(author_id, clinician.name, clinician.docname))
    return tuple(refs)


def item_data(index: SiteIndex, article: Article, language: str = "") -> ItemData:
    """A listing's entry for ``article``, on a page in ``language``."""
    return ItemData(
        article.docname,
        article.title,
        article.date,
        author_refs(index, article.authors, language),
        article.summary,
        article.reading_minutes,
        article.draft,
        article.language,
        index.also_in(article.docname),
    )


def listed_items(
    index: SiteIndex, articles: Sequence[Article], language: str, limit: int = 0
) -> tuple[ItemData, ...]:
    """The entries of a listing on a page in ``language``: one per article and its
    translations where ``clinic_translations`` groups them, at most ``limit`` (0: all)."""
    shown = index.collapse(articles, language)
    if limit:
        shown = shown[:limit]
    return tuple(item_data(index, a, language) for a in shown)


# -- links to pages in other languages ---------------------------------------------------


class clinic_language_link(nodes.General, nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to a page in another language: ``<a href hreflang lang>`` in HTML (the
    text is in that language), the text alone in other formats."""


def visit_language_link_html(self: HTML5Translator, node: clinic_language_link) -> None:
    tag = escape(node["hreflang"])
    self.body.append(
        f'<a class="reference internal clinic-language-link" href="{escape(node["refuri"])}" '
        f'hreflang="{tag}" lang="{tag}">'
    )


def depart_language_link_html(self: HTML5Translator, node: clinic_language_link) -> None:
    self.body.append("</a>")


def language_link(context: RenderContext, member: Member, text: str) -> nodes.Node:
    """A link to ``member``'s page whose text ``text`` is in the member's language."""
    uri = context.uri(member.docname) if context.is_html else None
    if uri is None:
        return context.link(member.docname, text)
    return clinic_language_link(text, text, refuri=uri, hreflang=member.language)


def also_in(context: RenderContext, members: Sequence[Member]) -> nodes.paragraph:
    """paragraph.clinic-also-in: "Also in: Español, Português", each language named in
    itself and linked to its page."""
    label = context.gettext("Also in:")
    paragraph = nodes.paragraph(classes=["clinic-also-in"])
    paragraph += nodes.Text(label + " ")
    for position, member in enumerate(members):
        if position:
            paragraph += nodes.Text(", ")
        paragraph += language_link(context, member, own_name(member.language))
    return paragraph


def author_nodes(context: RenderContext, authors: Sequence[AuthorRef]) -> list[nodes.Node]:
    """``A``, ``A and B``, ``A, B and C``, each linked to its profile."""
    result: list[nodes.Node] = []
    for position, author in enumerate(authors):
        if position:
            sep = " " + context.gettext("and") + " " if position == len(authors) - 1 else ", "
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


def author_values(context: RenderContext, authors: Sequence[AuthorRef]) -> list[dict[str, Any]]:
    """Authors as the templates' ``authors`` macro shows them (``uri`` None: no profile)."""
    return [
        {"name": a.name, "uri": None if a.docname is None else context.uri(a.docname)}
        for a in authors
    ]


def item_values(context: RenderContext, item: ItemData) -> dict[str, Any]:
    """What ``clinic/article-item.html`` shows of an article."""
    return {
        "uri": context.uri(item.docname),
        "title": item.title,
        "draft": item.draft,
        "date": context.format_day(item.date) if item.date is not None else "",
        "authors": author_values(context, item.authors),
        "minutes": item.minutes,
        "summary": item.summary,
        "lang": foreign_language(context, item.language),
        "also_in": [
            {"uri": context.uri(m.docname), "language": m.language, "name": own_name(m.language)}
            for m in item.also_in
        ],
    }


def render_items(context: RenderContext, items: Sequence[ItemData], level: int = 2) -> nodes.Node:
    """A list of articles, each titled with a heading of ``level`` (``<h2>``...), so
    heading navigation finds them; rubrics, so they stay out of the table of contents::

    bullet_list.clinic-article-list
        list_item.clinic-article-item
            rubric.clinic-article-title     (link; heading-level)
            paragraph.clinic-article-meta   (date · by authors · N min read)
            paragraph.clinic-article-summary
    """
    if context.uses_templates:
        values = {"items": [item_values(context, item) for item in items], "level": level}
        return context.html("article-list", values)
    # The articles themselves are indexed; a list of them would make every hub page match.
    listing = nodes.bullet_list(classes=["clinic-article-list", NO_SEARCH])
    for item in items:
        entry = nodes.list_item(classes=["clinic-article-item"])
        title = nodes.rubric(
            "",
            "",
            in_language(context, item.language, context.link(item.docname, item.title), True),
            classes=["clinic-article-title"],
            **{"heading-level": level},
        )
        if item.draft:
            title += nodes.Text(" ")
            draft = context.gettext("Draft")
            title += nodes.inline(draft, draft, classes=["clinic-draft-label"])
        entry += title
        meta = nodes.paragraph(classes=["clinic-article-meta"])
        if item.date is not None:
            day = context.format_day(item.date)
            meta += nodes.inline(day, day, classes=["clinic-date"])
        if item.authors:
            meta += nodes.Text(" · " + context.gettext("by") + " ")
            meta.extend(author_nodes(context, item.authors))
        minutes = context.ngettext("%d min read", "%d min read", item.minutes)
        meta += nodes.Text(" · " + minutes % item.minutes)
        entry += meta
        if item.summary:
            summary = nodes.paragraph(
                item.summary, item.summary, classes=["clinic-article-summary"]
            )
            entry += in_language(context, item.language, summary)
        if item.also_in:
            entry += also_in(context, item.also_in)
        listing += entry
    return listing


# -- pages of a long list ----------------------------------------------------------------
#
# A long list shows its first page on its own page (whose address never changes); its
# pages 2..N are generated pages (see generated_pages) at ``<page>/page/<n>``.


def page_name(docname: str, number: int, folder: str = "") -> str:
    """The page name of page ``number`` of a list on ``docname``: the page itself for 1,
    else ``<docname>/page/<n>`` (``blog/page/2`` for ``blog/index``; ``page/2`` for the
    home page). ``folder`` is a part between them (``specialties/anxiety/page/2``)."""
    base = docname.removesuffix("index").rstrip("/") if _is_index(docname) else docname
    base = "/".join(part for part in (base, folder) if part)
    if number == 1 and not folder:
        return docname
    if number == 1:
        return base
    return f"{base}/page/{number}" if base else f"page/{number}"


def _is_index(docname: str) -> bool:
    return docname == "index" or docname.endswith("/index")


def page_title(title: str, number: int, language: str = "en") -> str:
    """ "Articles, page 2": a page's title in ``language`` (page 1 is the title alone).
    Titles are made before any page is rendered, hence no RenderContext."""
    if number == 1:
        return title
    label = translator(language).gettext("%(title)s, page %(number)d")
    return label % {"title": title, "number": number}


def split_pages(items: Sequence[Any], per_page: int) -> list[tuple[Any, ...]]:
    """``items`` in pages of ``per_page`` (one page, maybe empty, when ``per_page`` is 0)."""
    if per_page <= 0 or len(items) <= per_page:
        return [tuple(items)]
    return [tuple(items[start : start + per_page]) for start in range(0, len(items), per_page)]


def page_window(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a page's navigation shows: all of them up to 9, else the first,
    the last and ``around`` each side of ``number``, with ``None`` for each gap."""
    if count <= 9:
        return list(range(1, count + 1))
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    window: list[int | None] = []
    for before, page in zip([0, *shown], shown, strict=False):
        if before and page - before > 1:
            window.append(None)
        window.append(page)
    return window


class clinic_pagination(nodes.General, nodes.Element):  # noqa: N801
    """``<nav aria-label=...>`` around a list's page links (HTML only: lists are split
    into pages for websites alone)."""


class clinic_page_link(nodes.General, nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to one page of a list: ``uri``, ``rel`` (prev/next), ``current``, ``label``
    (its accessible name, e.g. "Page 3"; the visible text stays part of it)."""


def visit_pagination_html(self: HTML5Translator, node: clinic_pagination) -> None:
    self.body.append(
        self.starttag(node, "nav", CLASS="clinic-pagination", **{"aria-label": node["label"]})
    )


def depart_pagination_html(self: HTML5Translator, node: clinic_pagination) -> None:
    self.body.append("</nav>\n")


def visit_page_link_html(self: HTML5Translator, node: clinic_page_link) -> None:
    attributes = {"href": node["uri"]}
    if node.get("current"):
        attributes["aria-current"] = "page"
    if node.get("rel"):
        attributes["rel"] = node["rel"]
    if node.get("label"):
        attributes["aria-label"] = node["label"]
    self.body.append(self.starttag(node, "a", "", CLASS="clinic-page-link", **attributes))


def depart_page_link_html(self: HTML5Translator, node: clinic_page_link) -> None:
    self.body.append("</a>")


def pagination_nav(context: RenderContext, names: Sequence[str], number: int) -> clinic_pagination:
    """The navigation of page ``number`` of a list whose pages are ``names`` (page names,
    first page first): Newer, the numbers (the current one ``aria-current="page"``),
    Older; without JavaScript, with rel=prev/next on Newer and Older::

        clinic_pagination (nav)
            bullet_list.clinic-pagination-pages
                list_item > clinic_page_link ...
    """
    count = len(names)
    nav = clinic_pagination(label=context.gettext("Pages of this list"))
    pages = nodes.bullet_list(classes=["clinic-pagination-pages"])

    def entry(target: int, text: str, rel: str = "", label: str = "") -> nodes.list_item:
        current = target == number and not rel
        uri = self_uri(context.builder, names[target - 1]) if current else None
        if uri is None:
            uri = context.uri(names[target - 1]) or ""
        link = clinic_page_link(text, text, uri=uri, rel=rel, current=current, label=label)
        classes = ["clinic-page-current"] if current else []
        return nodes.list_item("", link, classes=classes + ([f"clinic-page-{rel}"] if rel else []))

    if number > 1:
        pages += entry(number - 1, context.gettext("Newer"), rel="prev")
    for page in page_window(number, count):
        if page is None:
            pages += nodes.list_item("", nodes.inline("…", "…"), classes=["clinic-page-gap"])
        else:
            label = context.gettext("Page %d") % page
            pages += entry(page, str(page), label=label)
    if number < count:
        pages += entry(number + 1, context.gettext("Older"), rel="next")
    nav += pages
    return nav


def setup_renderers(app: Sphinx) -> None:
    # Lists are split into pages for websites only; other builders never meet these.
    for node, visit, depart in (
        (clinic_pagination, visit_pagination_html, depart_pagination_html),
        (clinic_page_link, visit_page_link_html, depart_page_link_html),
    ):
        add_html_node(app, node, (visit, depart))
    for kind in (clinic_lang, clinic_lang_text):
        app.add_node(kind, html=(visit_lang_html, depart_lang_html))
    # After the views are rendered (500): they read the placeholders' section depth.
    app.connect("doctree-resolved", mark_page_language, priority=900)
    add_html_node(app, clinic_avatar, (visit_avatar_html, None))
    add_html_node(
        app,
        clinic_language_link,
        (visit_language_link_html, depart_language_link_html),
        elsewhere=(pass_node, pass_node),
    )
