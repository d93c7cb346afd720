"""Clinician cards: the ``author-card`` directive (the directory is :mod:`.directory`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .renderers import CardData, card_data, render_cards
from .siteindex import SiteIndex
from .views import RenderContext, ViewType, add_view_types, placeholder
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# -- author-card -------------------------------------------------------------------------

CARD_PARTS = ("avatar", "pronouns", "summary", "specialties", "languages", "availability")


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


def setup_cards(app: Sphinx) -> None:
    add_view_types(
        {
            "author-card": ViewType(compute_author_cards, render_author_cards),
        }
    )
    app.add_directive("author-card", AuthorCardDirective)
