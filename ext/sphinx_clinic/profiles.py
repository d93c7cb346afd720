"""A clinician's profile page: the header under its title and "Articles by" at its end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from .frontmatter import Accepting
from .records import Clinician
from .renderers import (
    CardData,
    ItemData,
    availability_text,
    avatar,
    credentials_spelled_out,
    heading_level,
    listed_items,
    render_items,
    specialty_badges,
    specialty_links,
)
from .siteindex import SiteIndex
from .text import is_safe_url
from .urls import language_page
from .views import RenderContext, ViewType, add_view_types, placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ProfileData(NamedTuple):
    """What a profile's header shows: the card's data and, per language spoken, the
    page of the clinicians who speak it ("" when there is none)."""

    card: CardData
    languages: tuple[tuple[str, str], ...]


def compute_profile(index: SiteIndex, docname: str, args: tuple[()]) -> ProfileData | None:
    clinician = index.profile_at(docname)
    if clinician is None:  # a profile whose id another, earlier profile claimed
        return None
    card = CardData(
        clinician, specialty_links(index, clinician.specialties, index.page_language(docname))
    )
    return ProfileData(card, language_links(index, clinician))


def language_links(index: SiteIndex, clinician: Clinician) -> tuple[tuple[str, str], ...]:
    """Each language ``clinician`` speaks with its "clinicians who speak" page: generated
    beside the directory on websites, for the languages of the clinicians it lists."""
    pages: set[str] = set()
    if index.lists_in_pages and index.directory_page:
        spoken = {language for listed in index.clinicians.values() for language in listed.languages}
        pages = {language_page(index.directory_page, language) for language in spoken}
    links = []
    for language in clinician.languages:
        target = language_page(index.directory_page, language) if pages else ""
        links.append((language, target if target in pages else ""))
    return tuple(links)


def render_profile(
    context: RenderContext, data: ProfileData | None, args: tuple[()]
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
    clinician: Clinician = data.card.clinician
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
    if data.card.specialties:
        facts += specialty_badges(context, data.card.specialties)
    fields = nodes.field_list(classes=["clinic-profile-details"])
    formats = {"in-person": _("In person"), "telehealth": _("Telehealth")}
    rows = [
        (_("Approaches"), ", ".join(clinician.modalities)),
        (_("Works with"), ", ".join(clinician.populations)),
        (_("Languages"), language_list(context, data.languages)),
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
    for label, value in rows:
        if value:
            paragraph = _as_paragraph(value)
            fields += nodes.field(
                "",
                nodes.field_name(label, label),
                nodes.field_body("", paragraph),
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


def _as_paragraph(value: str | nodes.paragraph) -> nodes.paragraph:
    if isinstance(value, str):
        return nodes.paragraph(value, value)
    return value


def language_list(
    context: RenderContext, languages: tuple[tuple[str, str], ...]
) -> nodes.paragraph | str:
    """The Languages row: each language a link to its page where it has one."""
    if not languages:
        return ""
    paragraph = nodes.paragraph()
    for number, (language, target) in enumerate(languages):
        if number:
            paragraph += nodes.Text(", ")
        paragraph += context.link(target, language) if target else nodes.Text(language)
    return paragraph


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
    clinician = profile.card.clinician
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
