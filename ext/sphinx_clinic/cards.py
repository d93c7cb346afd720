"""Clinician cards: the ``author-card`` and ``clinician-directory`` directives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .frontmatter import Accepting
from .generated_pages import GeneratedPage, SiteData, add_page_sources
from .i18n import translator
from .records import clinician_sort_key
from .renderers import CardData, as_on_card, card_data, render_cards, specialty_links
from .siteindex import SiteIndex
from .urls import language_page
from .views import RenderContext, ViewType, add_view_types, placeholder
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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
                warn(
                    f"author-card :hide: does not know '{part}'; use any of "
                    + ", ".join(CARD_PARTS),
                    ClinicWarning.DIRECTIVE,
                    self.get_location(),
                )
        args = AuthorCardArgs(ids, "compact" in self.options, hide)
        node = placeholder(self.env, self.env.docname, "author-card", args)
        self.set_source_info(node)
        return [node]


@dataclass(frozen=True)
class AuthorCardArgs:
    """An ``author-card``: the clinician ids, ``:compact:``, the parts ``:hide:`` names."""

    ids: tuple[str, ...]
    compact: bool
    hide: tuple[str, ...]


def compute_author_cards(
    index: SiteIndex, docname: str, args: AuthorCardArgs
) -> tuple[CardData | str, ...]:
    language = index.page_language(docname)
    return tuple(card_data(index, clinician_id, language) for clinician_id in args.ids)


def render_author_cards(
    context: RenderContext, data: tuple[CardData | str, ...], args: AuthorCardArgs
) -> list[nodes.Node]:
    for card in data:
        if isinstance(card, str):
            context.warn(
                f"author-card: unknown clinician '{card}'" + context.suggest_clinician(card),
                ClinicWarning.AUTHOR,
            )
    return [render_cards(context, data, "clinic-cards", compact=args.compact, hide=args.hide)]


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
            DirectoryArgs(specialty, "accepting" in self.options, "compact" in self.options),
        )
        self.set_source_info(node)
        return [node]


@dataclass(frozen=True)
class DirectoryArgs:
    """A ``clinician-directory``: ``:specialty:`` (a vocabulary id or ""), ``:accepting:``,
    ``:compact:``."""

    specialty: str
    accepting_only: bool
    compact: bool


def compute_directory(index: SiteIndex, docname: str, args: DirectoryArgs) -> tuple[CardData, ...]:
    specialty, accepting_only = args.specialty, args.accepting_only
    clinicians = sorted(index.clinicians.values(), key=clinician_sort_key)
    if specialty:
        clinicians = [c for c in clinicians if specialty in c.specialties]
    if accepting_only:
        clinicians = [c for c in clinicians if c.accepting is Accepting.ACCEPTING]
    return tuple(CardData(as_on_card(c), specialty_links(index, c.specialties)) for c in clinicians)


def render_directory(
    context: RenderContext, data: tuple[CardData, ...], args: DirectoryArgs
) -> list[nodes.Node]:
    empty = context.gettext("No clinician matches.")
    return [render_cards(context, data, "clinic-directory", compact=args.compact, empty=empty)]


def language_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of "clinicians who speak X": one page per language any clinician
    speaks (grouped by its page name, so "spanish" and "Spanish" are one), beside the site's
    first ``clinician-directory``, with those clinicians' cards."""
    index = site.index
    directory = index.directory_page
    if not directory:
        return []
    clinicians = sorted(index.clinicians.values(), key=clinician_sort_key)
    spoken: dict[str, tuple[str, list[CardData]]] = {}
    for clinician in clinicians:
        for language in clinician.languages:
            pagename = language_page(directory, language)
            if not pagename:
                continue
            _written, cards = spoken.setdefault(pagename, (language, []))
            if all(card.clinician.id != clinician.id for card in cards):
                cards.append(
                    CardData(as_on_card(clinician), specialty_links(index, clinician.specialties))
                )
    gettext = translator(site.language(directory)).gettext
    return [
        GeneratedPage(
            pagename=pagename,
            title=gettext("Clinicians who speak %s") % written,
            origin=directory,
            data=tuple(cards),
            render=render_language_page,
        )
        for pagename, (written, cards) in sorted(spoken.items())
    ]


def render_language_page(context: RenderContext, data: Any) -> list[nodes.Node]:
    return [render_cards(context, data, "clinic-directory")]


def setup_cards(app: Sphinx) -> None:
    add_view_types(
        {
            "author-card": ViewType(compute_author_cards, render_author_cards),
            "clinician-directory": ViewType(compute_directory, render_directory),
        }
    )
    app.add_directive("author-card", AuthorCardDirective)
    app.add_directive("clinician-directory", ClinicianDirectoryDirective)
    add_page_sources({"clinicians-by-language": language_pages})
