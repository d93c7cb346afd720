"""Clinician cards: the ``author-card`` and ``clinician-directory`` directives, and the
header and article list of a clinician's profile page."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .domain import Clinician, SiteIndex, specialty_anchor
from .frontmatter import Accepting, is_safe_url
from .views import RenderContext, ViewType, placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinx_clinic")
logger = logging.getLogger(__name__)

#: Credential letters a US practice commonly uses; ``clinic_credentials`` extends them.
DEFAULT_CREDENTIALS: dict[str, str] = {
    "LCSW": "Licensed Clinical Social Worker",
    "LICSW": "Licensed Independent Clinical Social Worker",
    "LMSW": "Licensed Master Social Worker",
    "LMHC": "Licensed Mental Health Counselor",
    "MHC-LP": "Mental Health Counselor, Limited Permit",
    "LPC": "Licensed Professional Counselor",
    "LPCC": "Licensed Professional Clinical Counselor",
    "LMFT": "Licensed Marriage and Family Therapist",
    "MFT-LP": "Marriage and Family Therapist, Limited Permit",
    "LCAT": "Licensed Creative Arts Therapist",
    "LCADC": "Licensed Clinical Alcohol and Drug Counselor",
    "NCC": "National Certified Counselor",
    "PMHNP": "Psychiatric-Mental Health Nurse Practitioner",
    "PsyD": "Doctor of Psychology",
    "PhD": "Doctor of Philosophy",
    "EdD": "Doctor of Education",
    "MD": "Doctor of Medicine",
    "MSW": "Master of Social Work",
    "MA": "Master of Arts",
    "MS": "Master of Science",
}

PHOTO_DIR = "_clinic/photos"


def credential_glossary(config: Any) -> dict[str, str]:
    """Credential letters (upper-cased keys) to their meaning, site entries winning."""
    merged = {**DEFAULT_CREDENTIALS, **(config.clinic_credentials or {})}
    return {letters.upper(): meaning for letters, meaning in merged.items()}


# -- data a card shows -------------------------------------------------------------------


class SpecialtyLink(NamedTuple):
    """A specialty as cards show it: its label and, when it has one, its index page."""

    id: str
    label: str
    page: str | None


class CardData(NamedTuple):
    """Everything a clinician's card shows."""

    clinician: Clinician
    specialties: tuple[SpecialtyLink, ...]


def specialty_links(index: SiteIndex, specialty_ids: Sequence[str]) -> tuple[SpecialtyLink, ...]:
    """Labels and index pages of specialty ids (unknown ids are skipped)."""
    links = []
    for specialty_id in specialty_ids:
        specialty = index.specialty(specialty_id)
        if specialty is not None:
            links.append(
                SpecialtyLink(
                    specialty_id, specialty.label, index.specialty_pages.get(specialty_id)
                )
            )
    return tuple(links)


def card_data(index: SiteIndex, clinician_id: str) -> CardData | str:
    """The card of a clinician, or the id itself when no profile has it."""
    clinician = index.clinicians.get(clinician_id)
    if clinician is None:
        return clinician_id
    return CardData(clinician, specialty_links(index, clinician.specialties))


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


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


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


def credentials_spelled_out(context: RenderContext, clinician: Clinician) -> str:
    """ "Licensed Clinical Social Worker (LCSW); ..." for a profile's header."""
    glossary = credential_glossary(context.config)
    parts = []
    for letters in clinician.credentials:
        meaning = glossary.get(letters.upper())
        parts.append(f"{meaning} ({letters})" if meaning else letters)
    return "; ".join(parts)


def availability_text(clinician: Clinician) -> str:
    """ "Accepting new clients" and the like ("" when the profile does not say)."""
    labels = {
        Accepting.ACCEPTING: _("Accepting new clients"),
        Accepting.WAITLIST: _("Waitlist for new clients"),
        Accepting.NOT_ACCEPTING: _("Not accepting new clients"),
    }
    if clinician.accepting is None:
        return ""
    text = labels[clinician.accepting]
    if clinician.accepting_as_of is not None:
        text += " " + _("(as of %s)") % format_day(clinician.accepting_as_of, None)
    return text


def format_day(day: Any, config: Any) -> str:
    """A date as readers of the site's language write it ("March 4, 2025")."""
    from babel.dates import format_date

    language = (getattr(config, "language", None) or "en") if config is not None else "en"
    locale = _babel_locale(language)
    if locale is None:
        return str(day.isoformat())
    return str(format_date(day, format="long", locale=locale))


@functools.cache
def _babel_locale(language: str) -> Any:
    """Parsing a locale costs more than formatting a date with it: parse each once."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return None


def specialty_badges(context: RenderContext, links: Sequence[SpecialtyLink]) -> nodes.bullet_list:
    """Specialties as a list of badges, each linking to its index entry (a list, so a
    screen reader announces how many there are; styled by clinic.css, not sphinx-design,
    so a page of cards needs no sphinx-design stylesheet)."""
    badges = nodes.bullet_list(classes=["clinic-specialties"])
    for link in links:
        if link.page is None:
            label: nodes.Node = nodes.inline(link.label, link.label, classes=["clinic-badge-label"])
        else:
            label = context.link(link.page, link.label, specialty_anchor(link.id))
        badges += nodes.list_item("", nodes.paragraph("", "", label), classes=["clinic-badge"])
    return badges


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
        body += nodes.paragraph(" · ".join(meta), " · ".join(meta), classes=["clinic-card-meta"])
    if clinician.summary and not compact and "summary" not in hide:
        body += nodes.paragraph(
            clinician.summary, clinician.summary, classes=["clinic-card-summary"]
        )
    if data.specialties and not compact and "specialties" not in hide:
        body += specialty_badges(context, data.specialties)
    status = availability_text(clinician)
    if status and "availability" not in hide:
        body += nodes.paragraph(
            status, status, classes=["clinic-card-status", f"clinic-{clinician.accepting}"]
        )
    more = _("Read %s's full profile") % clinician.name
    body += nodes.paragraph(
        "", "", context.link(clinician.docname, more), classes=["clinic-card-more"]
    )
    return card


# -- author-card -------------------------------------------------------------------------

CARD_PARTS = ("avatar", "pronouns", "summary", "specialties", "availability")


class AuthorCardDirective(SphinxDirective):
    """```{author-card} id [id ...]``` — the card of each clinician named.

    Emits one placeholder, filled at write time with ``container.clinic-card`` nodes.
    """

    required_arguments = 1
    optional_arguments = 20
    has_content = False
    option_spec = {  # noqa: RUF012
        "compact": directives.flag,
        "hide": lambda text: directives.unchanged(text),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        ids = tuple(part.strip(",") for part in self.arguments if part.strip(","))
        hide = tuple(
            sorted(w.strip() for w in (self.options.get("hide") or "").split(",") if w.strip())
        )
        for part in hide:
            if part not in CARD_PARTS:
                logger.warning(
                    f"author-card :hide: does not know '{part}'; use any of "
                    + ", ".join(CARD_PARTS),
                    location=self.get_location(),
                    type="clinic",
                    subtype="directive",
                )
        node = placeholder(
            self.env, self.env.docname, "author-card", (ids, "compact" in self.options, hide)
        )
        self.set_source_info(node)
        return [node]


def compute_author_cards(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    ids = args[0]
    return tuple(card_data(index, clinician_id) for clinician_id in ids)


def render_author_cards(
    context: RenderContext, data: Any, args: tuple[Any, ...]
) -> list[nodes.Node]:
    _ids, compact, hide = args
    cards = nodes.container(classes=["clinic-cards"])
    for card in data:
        if isinstance(card, str):
            context.warn(
                f"author-card: unknown clinician '{card}'" + context.suggest_clinician(card),
                "author",
            )
        cards += render_card(context, card, compact=compact, hide=hide)
    return [cards]


# -- clinician-directory -----------------------------------------------------------------


class ClinicianDirectoryDirective(SphinxDirective):
    """```{clinician-directory}``` — every clinician's card, sorted by name.

    Options ``:specialty:`` (an id, label or alias) and ``:accepting:`` (only clinicians
    accepting new clients) filter it.
    """

    has_content = False
    option_spec = {  # noqa: RUF012
        "specialty": directives.unchanged_required,
        "accepting": directives.flag,
        "compact": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        specialty = specialty_option(self)
        if specialty is None:
            return []
        node = placeholder(
            self.env,
            self.env.docname,
            "clinician-directory",
            (specialty, "accepting" in self.options, "compact" in self.options),
        )
        self.set_source_info(node)
        return [node]


def compute_directory(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    from .domain import clinician_sort_key

    specialty, accepting_only, _compact = args
    clinicians = sorted(index.clinicians.values(), key=clinician_sort_key)
    if specialty:
        clinicians = [c for c in clinicians if specialty in c.specialties]
    if accepting_only:
        clinicians = [c for c in clinicians if c.accepting is Accepting.ACCEPTING]
    return tuple(CardData(c, specialty_links(index, c.specialties)) for c in clinicians)


def render_directory(context: RenderContext, data: Any, args: tuple[Any, ...]) -> list[nodes.Node]:
    grid = nodes.container(classes=["clinic-directory"])
    for card in data:
        grid += render_card(context, card, compact=args[2])
    if not data:
        grid += nodes.paragraph(_("No clinician matches."), _("No clinician matches."))
    return [grid]


# -- the profile page --------------------------------------------------------------------


def compute_profile(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    clinician = next((c for c in index.clinicians.values() if c.docname == docname), None)
    if clinician is None:  # a profile whose id another, earlier profile claimed
        return None
    return CardData(clinician, specialty_links(index, clinician.specialties))


def render_profile(context: RenderContext, data: Any, args: tuple[Any, ...]) -> list[nodes.Node]:
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
        facts += nodes.paragraph(spelled, spelled, classes=["clinic-credentials"])
    meta = [t for t in (clinician.pronouns, clinician.role) if t]
    if meta:
        facts += nodes.paragraph(" · ".join(meta), " · ".join(meta), classes=["clinic-card-meta"])
    status = availability_text(clinician)
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
    rows = [
        (_("Approaches"), ", ".join(clinician.modalities)),
        (_("Works with"), ", ".join(clinician.populations)),
        (_("Languages"), ", ".join(clinician.languages)),
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
            fields += nodes.field(
                "",
                nodes.field_name(label, label),
                nodes.field_body("", nodes.paragraph(value, value)),
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


def compute_articles_by(index: SiteIndex, docname: str, args: tuple[Any, ...]) -> Any:
    from .listings import item_data

    profile = compute_profile(index, docname, ())
    if profile is None:
        return None
    clinician = profile.clinician
    return (clinician.name, tuple(item_data(index, a) for a in index.articles_by(clinician.id)))


def render_articles_by(
    context: RenderContext, data: Any, args: tuple[Any, ...]
) -> list[nodes.Node]:
    from .listings import heading_level, render_items

    if data is None or not data[1]:
        return []
    name, items = data
    title = _("Articles by %s") % name
    section = nodes.section(ids=["clinic-articles-by"], classes=["clinic-articles-by"])
    section += nodes.title(title, title)
    section += render_items(context, items, heading_level(context, extra=1))
    return [section]


def place_profile_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the profile header under the title and the author's articles at the end."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    position = 0 if title_index is None else title_index + 1
    section.insert(position, placeholder(app.env, docname, "profile"))
    section += placeholder(app.env, docname, "articles-by")


def photo_file(clinician: Clinician) -> str:
    """Where a clinician's photo is published: a name made of the id alone (never of the
    author's path), so it stays inside ``_clinic/photos``."""
    import re

    from .urls import file_name

    suffix = clinician.photo.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    if not re.fullmatch(r"[a-z0-9]{1,5}", suffix):
        suffix = "img"
    return f"{PHOTO_DIR}/{file_name(clinician.id)}.{suffix}"


def copy_photos(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy every profile photo to a stable, per-clinician name."""
    import shutil
    from pathlib import Path

    from .collector import clinic_domain

    if exception is not None or app.builder.format != "html":
        return
    for clinician in clinic_domain(app.env).site_index().clinicians.values():
        if not clinician.photo:
            continue
        source = Path(app.srcdir, clinician.photo).resolve()
        target = Path(app.outdir, photo_file(clinician))
        # checked when the page was read; again here, as a symlink may have changed since
        if not source.is_relative_to(Path(app.srcdir).resolve()):
            continue
        if source.is_file() and (
            not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


VIEWS = {
    "author-card": ViewType(compute_author_cards, render_author_cards),
    "clinician-directory": ViewType(compute_directory, render_directory),
    "profile": ViewType(compute_profile, render_profile),
    "articles-by": ViewType(compute_articles_by, render_articles_by),
}


def setup_cards(app: Sphinx) -> None:
    app.add_node(
        clinic_avatar,
        html=(visit_avatar_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("author-card", AuthorCardDirective)
    app.add_directive("clinician-directory", ClinicianDirectoryDirective)
    app.connect("build-finished", copy_photos)
