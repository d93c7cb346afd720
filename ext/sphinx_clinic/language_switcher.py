"""An article or profile in several languages: the switcher on each of its pages ("Read
this in English", "Leer en español") and the ``hreflang`` alternates in their heads.

Which pages translate which is :mod:`.translations`' (pure) and the ``SiteIndex``'s; every
article and profile records a ``translations`` view whose data is its group, so adding,
removing or editing a translation rewrites every page of the group (switcher and head).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .domain import get_domain
from .i18n import translator
from .records import Article
from .renderers import NO_SEARCH, language_link
from .templating import add_html_node, pass_node
from .translations import Member, language_key, name_in_itself, own_name
from .urls import is_website, page_address
from .views import RenderContext, ViewType, add_view_types, clinic_view, placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .siteindex import SiteIndex


class clinic_language_nav(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The switcher: ``<nav aria-label>`` in HTML; its paragraph alone elsewhere."""


def visit_language_nav_html(self: HTML5Translator, node: clinic_language_nav) -> None:
    self.body.append(
        f'<nav class="clinic-languages {NO_SEARCH}" aria-label="{escape(node["label"])}">'
    )


def depart_language_nav_html(self: HTML5Translator, node: clinic_language_nav) -> None:
    self.body.append("</nav>")


def compute_translations(index: SiteIndex, docname: str, args: tuple[()]) -> tuple[Member, ...]:
    """The page's group (itself included), ``()`` for a page alone."""
    return index.translations(docname)


def read_this_in(language: str) -> str:
    """ "Read this in English", "Leer en español": the label of a link to a page in
    ``language``, in that language. Where the extension has no catalog for it, the
    language's own name ("Português") says as much to its readers."""
    # Translators: a link to this page in your language; %s is its name in itself
    # ("español", "português (Brasil)"), as Babel writes it.
    label = translator(language).gettext("Read this in %s")
    if label == "Read this in %s" and language_key(language).split("-")[0] != "en":
        return own_name(language)
    return label % name_in_itself(language)


def render_translations(
    context: RenderContext, data: tuple[Member, ...], args: tuple[()]
) -> list[nodes.Node]:
    """clinic_language_nav.clinic-languages > paragraph: one link per other language."""
    others = [m for m in data if m.docname != context.docname]
    if not others:
        return []
    paragraph = nodes.paragraph(classes=["clinic-languages-links"])
    for position, member in enumerate(others):
        if position:
            paragraph += nodes.Text(" · ")
        paragraph += language_link(context, member, read_this_in(member.language))
    if not context.is_html:
        return [paragraph]
    label = context.gettext("Languages")
    return [clinic_language_nav("", paragraph, label=label)]


def place_switcher(app: Sphinx, doctree: nodes.document, page: Article | str) -> None:
    """``clinic-article-read``, ``clinic-profile-read``: the switcher goes right after the
    byline or the profile header (placed by their features, at the default priority)."""
    docname = page.docname if isinstance(page, Article) else page
    node = placeholder(app.env, docname, "translations")
    anchor = next(
        (v for v in doctree.findall(clinic_view) if v["kind"] in ("byline", "profile")), None
    )
    if anchor is not None and anchor.parent is not None:
        parent = anchor.parent
        parent.insert(parent.index(anchor) + 1, node)
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    target = section if section is not None else doctree
    title_index = target.first_child_matching_class(nodes.title)
    target.insert(0 if title_index is None else title_index + 1, node)


def link_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``<link rel="alternate" hreflang>`` for every page of the
    group, this one included, and ``x-default`` for the original; absolute addresses
    when ``html_baseurl`` is set (as search engines want them)."""
    if doctree is None or not is_website(app.builder):
        return
    group = compute_translations(get_domain(app.env).site_index(), pagename, ())
    if not group:
        return
    builder = app.builder

    links = [(m.language, page_address(builder, pagename, m.docname)) for m in group]
    links.append(("x-default", page_address(builder, pagename, group[0].docname)))
    tags = "".join(
        f'\n<link rel="alternate" hreflang="{escape(tag)}" href="{escape(href)}" />'
        for tag, href in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_language_switcher(app: Sphinx) -> None:
    add_view_types({"translations": ViewType(compute_translations, render_translations)})
    add_html_node(
        app,
        clinic_language_nav,
        (visit_language_nav_html, depart_language_nav_html),
        elsewhere=(pass_node, pass_node),
    )
    # After the byline and the profile header (default priority 500) are placed.
    app.connect("clinic-article-read", place_switcher, priority=600)
    app.connect("clinic-profile-read", place_switcher, priority=600)
    app.connect("html-page-context", link_alternates)
