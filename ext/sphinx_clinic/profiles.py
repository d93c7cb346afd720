"""A clinician's profile page: the header under its title and "Articles by" at its end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes

from .practice import Accepting
from .records import Clinician
from .renderers import (
    CardData,
    ItemData,
    LanguageLink,
    availability_text,
    avatar,
    clinician_card,
    credentials_spelled_out,
    heading_level,
    language_nodes,
    listed_items,
    render_items,
    specialty_badges,
)
from .siteindex import SiteIndex
from .text import is_safe_url
from .views import RenderContext, ViewType, add_view_types, placeholder

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


ArticlesByData = tuple[str, tuple[ItemData, ...]] | None  # (the clinician's name, items)


def compute_articles_by(index: SiteIndex, docname: str, args: tuple[()]) -> ArticlesByData:
    profile = compute_profile(index, docname, ())
    if profile is None:
        return None
    clinician = profile.clinician
    language = index.page_language(docname)
    return (clinician.name, listed_items(index, index.articles_by(clinician.id), language))


def render_articles_by(
    context: RenderContext, data: ArticlesByData, args: tuple[()]
) -> list[nodes.Node]:
    if data is None or not data[1]:
        return []
    name, items = data
    title = context.gettext("Articles by %s") % name
    section = nodes.section(ids=["clinic-articles-by"], classes=["clinic-articles-by"])
    section += nodes.title(title, title)
    section += render_items(context, items, heading_level(context, extra=1))
    return [section]


def place_profile_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``clinic-profile-read``: put the profile header under the title and the author's
    articles at the end."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    position = 0 if title_index is None else title_index + 1
    section.insert(position, placeholder(app.env, docname, "profile"))
    section += placeholder(app.env, docname, "articles-by")


def setup_profiles(app: Sphinx) -> None:
    add_view_types(
        {
            "profile": ViewType(compute_profile, render_profile),
            "articles-by": ViewType(compute_articles_by, render_articles_by),
        }
    )
    app.connect("clinic-profile-read", place_profile_parts)
