"""The clinician directory, and the filters readers narrow it with.

``clinician-directory`` lists clinicians' cards. With ``:filters:``, the directory offers
the facets of :mod:`~.facets` (specialty, insurance, language, sessions, telehealth state,
ages, session type, availability):

* without JavaScript, each value is a link to a static page of its own (the facet pages,
  generated under the directory's page), and each facet page links to the pages that
  narrow it by one more filter, up to ``:filter-depth:`` filters and ``:filter-pages:``
  pages (see :func:`~.facets.selections`);
* with JavaScript (``clinic-directory.js``, same origin, no framework), the links become
  checkboxes that combine in place, the address reflects the selection, and a polite live
  region says how many clinicians match.

Directory markup (HTML only; other builders get the cards)::

    clinic_element div.clinic-filtered-directory (data-clinic-counts, data-clinic-text)
        clinic_element div.clinic-filters (role=search)
            clinic_element details.clinic-facet (data-facet) > summary, fieldset > legend,
                list of links a.clinic-facet-link (data-value)
        clinic_element p.clinic-filter-status (role=status, aria-live=polite)
        clinic_element div.clinic-filter-empty (hidden; filled by the script)
        container.clinic-directory
            clinic_element div.clinic-directory-item (data-clinic-facets) > the card

A card's ``data-clinic-facets`` are the positions of its values among the filters' values
(``.clinic-facet-link``, counted from 0 in page order): "0 7 12" rather than
"specialty:anxiety language:spanish format:telehealth", since fifty cards would repeat the
facet and value names a dozen times each. The script reads the names from the filters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .collector import specialty_option
from .domain import get_domain
from .facets import (
    FACETS,
    FACETS_BY_ID,
    FacetSummary,
    Selection,
    canonical,
    parse_facet_names,
    selection_title,
    summarise,
)
from .generated_pages import GeneratedPage, SiteData, add_page_sources
from .i18n import translator
from .practice import US_STATES
from .records import Clinician, DirectoryFilters, clinician_sort_key
from .renderers import (
    CardData,
    card_values,
    cards_html,
    clinician_card,
    render_card,
    render_cards,
)
from .siteindex import SiteIndex
from .templating import add_html_node
from .text import slug
from .urls import language_page
from .views import RenderContext, ViewType, add_view_types, placeholder
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Defaults of ``:filter-depth:`` and ``:filter-pages:`` (see docs/guide/directives.md).
DEFAULT_DEPTH = 3
DEFAULT_MAX_PAGES = 2000
#: The facets whose values combine on static pages unless ``:filter-combine:`` says
#: otherwise: what a reader can afford and reach. Their values are few (plans, languages,
#: states), so the pages stay bounded however many specialties a site has; the other
#: facets get a page per value, and with JavaScript everything combines.
DEFAULT_COMBINE = ("insurance", "language", "format", "state")
SCRIPT = "clinic-directory.js"
STYLES = "clinic-directory.css"


# -- an HTML element node ------------------------------------------------------------------


class clinic_element(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """An HTML element (``tag``, ``attrs``) around its children. Other builders show the
    children (``html_only`` False) or nothing (True)."""


def element(
    tag: str,
    *children: nodes.Node,
    classes: Sequence[str] = (),
    html_only: bool = False,
    attrs: Mapping[str, str] | None = None,
    **more: str,
) -> clinic_element:
    """A :class:`clinic_element` node; ``data_x`` / ``aria_x`` keywords become ``data-x``."""
    named = {key.replace("_", "-"): value for key, value in {**(attrs or {}), **more}.items()}
    return clinic_element(
        "", *children, tag=tag, attrs=named, html_only=html_only, classes=list(classes)
    )


def visit_html(self: HTML5Translator, node: clinic_element) -> None:
    # docutils' starttag escapes every attribute value.
    self.body.append(self.starttag(node, node["tag"], "", **node["attrs"]))


def depart_html(self: HTML5Translator, node: clinic_element) -> None:
    self.body.append(f"</{node['tag']}>")


def visit_elsewhere(self: Any, node: clinic_element) -> None:
    if node["html_only"]:
        raise nodes.SkipNode


def depart_elsewhere(self: Any, node: clinic_element) -> None:
    pass


def text(
    content: str, tag: str = "span", classes: Sequence[str] = (), **attrs: str
) -> clinic_element:
    return element(tag, nodes.Text(content), classes=classes, attrs=attrs)


# -- the directive --------------------------------------------------------------------------


class ClinicianDirectoryDirective(SphinxDirective):
    """```{clinician-directory}``` — every clinician's card, sorted by name.

    Options ``:specialty:`` (an id, label or alias) and ``:accepting:`` (only clinicians
    accepting new clients) keep some; ``:filters:`` (all facets, or the facet ids named)
    lets readers narrow the list; ``:filter-depth:`` and ``:filter-pages:`` bound its
    static pages. Emits one placeholder.
    """

    has_content = False
    option_spec = {  # noqa: RUF012
        "specialty": directives.unchanged_required,
        "accepting": directives.flag,
        "compact": directives.flag,
        "filters": directives.unchanged,
        "filter-depth": directives.nonnegative_int,
        "filter-pages": directives.nonnegative_int,
        "filter-combine": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        specialty = specialty_option(self)
        if specialty is None:
            return []
        accepting = "accepting" in self.options
        filters: tuple[str, ...] = ()
        if "filters" in self.options:
            filters, unknown = parse_facet_names(self.options["filters"] or "")
            for name in unknown:
                warn(
                    f"clinician-directory :filters: does not know '{name}'; use any of "
                    + ", ".join(f.id for f in FACETS),
                    ClinicWarning.DIRECTIVE,
                    self.get_location(),
                )
        combine = tuple(f for f in DEFAULT_COMBINE if f in filters)
        if "filter-combine" in self.options:
            combine, unknown = parse_facet_names(self.options["filter-combine"] or "")
            for name in unknown:
                warn(
                    f"clinician-directory :filter-combine: does not know '{name}'; use any "
                    "of " + ", ".join(filters or (f.id for f in FACETS)),
                    ClinicWarning.DIRECTIVE,
                    self.get_location(),
                )
            combine = tuple(f for f in combine if f in filters)
        if filters and not get_domain(self.env).add_filter_directory(
            self.env.docname,
            DirectoryFilters(
                filters,
                self.options.get("filter-depth", DEFAULT_DEPTH),
                self.options.get("filter-pages", DEFAULT_MAX_PAGES),
                specialty,
                accepting,
                combine,
            ),
        ):
            warn(
                "clinician-directory: only one directory on a page can have :filters:; "
                "this one lists its clinicians without them (remove :filters: here)",
                ClinicWarning.DIRECTIVE,
                self.get_location(),
            )
            filters = ()
        node = placeholder(
            self.env,
            self.env.docname,
            "clinician-directory",
            DirectoryArgs(specialty, accepting, "compact" in self.options, filters),
        )
        self.set_source_info(node)
        return [node]


@dataclass(frozen=True)
class DirectoryArgs:
    """A ``clinician-directory``: ``:specialty:`` (a vocabulary id or ""), ``:accepting:``,
    ``:compact:``, ``:filters:`` (facet ids; () for none)."""

    specialty: str
    accepting_only: bool
    compact: bool
    filters: tuple[str, ...] = ()


# -- what a directory shows -----------------------------------------------------------------


class FilterLink(NamedTuple):
    """A filter value as a link: its facet and id, label, count, and its page."""

    facet: str
    value: str
    label: str
    clinicians: int  # how many it shows
    page: str | None
    #: Every clinician of the page has it: it narrows nothing, so it is shown, not linked.
    every: bool = False


class FilterGroup(NamedTuple):
    facet: str
    legend: str
    links: tuple[FilterLink, ...]


class DirectoryItem(NamedTuple):
    """A card, and the facet values the script filters it by (``language:spanish``...)."""

    card: CardData
    tokens: tuple[str, ...]


class DirectoryData(NamedTuple):
    items: tuple[DirectoryItem, ...]
    groups: tuple[FilterGroup, ...]  # () for a directory without filters
    #: "" when this directory has filters; else the page that has them (a warning).
    filters_elsewhere: str = ""
    #: (pages the filters would have, pages ``:filter-pages:`` keeps) when it cuts some.
    pages_cut: tuple[int, int] | None = None


def facet_labels(index: SiteIndex) -> dict[str, dict[str, str]]:
    """Labels of values that a vocabulary names, by facet id: specialties, insurance plans
    (the name readers see for each id), states (their names)."""
    plans: dict[str, str] = {}
    for clinician in sorted(index.clinicians.values(), key=clinician_sort_key):
        for plan, name in zip(clinician.insurance, clinician.insurance_names, strict=False):
            plans.setdefault(slug(plan), name)
    return {
        "specialty": {s.id: s.label for s in index.vocabulary.sorted()},
        "insurance": plans,
        "state": dict(US_STATES),
    }


def tokens(clinician: Clinician, facet_ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(
        f"{facet_id}:{value}"
        for facet_id in facet_ids
        for value in FACETS_BY_ID[facet_id].values(clinician)
    )


def filter_groups(
    index: SiteIndex,
    summaries: Sequence[FacetSummary],
    selection: Selection = (),
) -> tuple[FilterGroup, ...]:
    """The values of each facet (those the selection does not fix) that some of its
    clinicians have, each with how many match and the page that lists them. A value every
    one of them has narrows nothing: it gets no link (the reader is already on its list)."""
    chosen = {facet for facet, _ in selection}
    total = index.facet_counts.get(selection, 0) if selection else None
    groups = []
    for summary in summaries:
        if summary.id in chosen:
            continue
        links = []
        for value in summary.values:
            narrowed = canonical((*selection, (summary.id, value.id)))
            count = value.count if total is None else index.facet_counts.get(narrowed, 0)
            if count == 0:
                continue
            every = count == total
            page = None if every else index.facet_page_for(narrowed)
            links.append(FilterLink(summary.id, value.id, value.label, count, page, every))
        if links:
            groups.append(FilterGroup(summary.id, summary.legend, tuple(links)))
    return tuple(groups)


def compute_directory(index: SiteIndex, docname: str, args: DirectoryArgs) -> DirectoryData:
    clinicians = index.directory_clinicians(args.specialty, args.accepting_only)
    items = tuple(
        DirectoryItem(clinician_card(index, c), tokens(c, args.filters)) for c in clinicians
    )
    if not args.filters:
        return DirectoryData(items, ())
    owner = index.filter_directory
    if owner is not None and owner[0] != docname:
        return DirectoryData(items, (), owner[0])
    summaries = summarise(args.filters, clinicians, facet_labels(index))
    wanted, kept = len(index.facet_selections), len(index.facet_pages)
    cut = (wanted, kept) if kept < wanted else None
    return DirectoryData(items, filter_groups(index, summaries), pages_cut=cut)


# -- rendering --------------------------------------------------------------------------------


def count_texts(context: RenderContext, most: int) -> list[str]:
    """ "No clinician matches", "1 clinician matches"... up to ``most``, in the page's
    language (so the script needs no plural rules of its own)."""
    texts = [context.gettext("No clinician matches")]
    texts += [
        context.ngettext("%d clinician matches", "%d clinicians match", n) % n
        for n in range(1, most + 1)
    ]
    return texts


def total_text(context: RenderContext, count: int) -> str:
    return context.ngettext("%d clinician", "%d clinicians", count) % count


def script_texts(context: RenderContext) -> dict[str, str]:
    """The script's sentences, translated here."""
    g = context.gettext
    return {
        "none": g("No clinician matches all of these filters yet. These come closest:"),
        "without": g("Without “%s”"),
        "clear": g("Clear all filters"),
        "all": g("Show every clinician"),
    }


def shown_label(context: RenderContext, facet_id: str, value: str, label: str) -> str:
    """A value's label in the page's language: the extension's own labels are message
    ids; a vocabulary's or a profile's are shown as written."""
    if value in dict(FACETS_BY_ID[facet_id].labels):
        return context.gettext(label)
    return label


def value_positions(groups: Sequence[FilterGroup]) -> dict[str, int]:
    """Each filter value's position among the panel's values (``facet:value`` to 0, 1...),
    in the order :func:`filter_panel` shows them: what a card's ``data-clinic-facets``
    holds."""
    links = (link for group in groups for link in group.links)
    return {f"{link.facet}:{link.value}": i for i, link in enumerate(links)}


def filter_panel(
    context: RenderContext,
    groups: Sequence[FilterGroup],
    label: str,
    scripted: bool = True,
) -> clinic_element:
    """The filters: a disclosure per facet holding a fieldset of links (or, where a
    value has no page, its plain label, which the script turns into a checkbox too).
    ``scripted``: the page has the script, so each value says which it is (``data-value``
    under its disclosure's ``data-facet``); a facet page has no script, and only links."""
    form = element(
        "div", classes=["clinic-filters"], role="search", aria_label=label, html_only=True
    )
    for group in groups:
        values = nodes.bullet_list(classes=["clinic-facet-values"])
        for link in group.links:
            # TRANSLATORS: a filter that every clinician on the page matches, "Telehealth (all)".
            count = context.gettext("(all)") if link.every else f"({link.clinicians})"
            content = [
                nodes.Text(shown_label(context, link.facet, link.value, link.label) + " "),
                text(count, classes=["clinic-facet-count"]),
            ]
            attrs = {"data_value": link.value} if scripted else {}
            if link.page is not None:
                uri = context.uri(link.page)
                if uri is not None:
                    attrs["href"] = uri
            value = element(
                "a" if "href" in attrs else "span",
                *content,
                classes=["clinic-facet-link"],
                attrs=attrs,
            )
            values += nodes.list_item("", value)
        legend = context.gettext(group.legend)
        fieldset = element(
            "fieldset",
            text(legend, "legend", classes=["clinic-visually-hidden"]),
            values,
        )
        form += element(
            "details",
            text(legend, "summary"),
            fieldset,
            classes=["clinic-facet"],
            attrs={"data_facet": group.facet} if scripted else {},
        )
    return form


def card_grid(
    context: RenderContext,
    items: Sequence[DirectoryItem],
    compact: bool,
    empty: str = "",
    positions: Mapping[str, int] | None = None,
) -> nodes.Node:
    """The cards, each in a ``div.clinic-directory-item`` with its facet values (as
    ``positions`` among the filters' values, :func:`value_positions`) when the page has
    the filters (``empty``: the text when there is no card)."""
    if positions is None:
        return render_cards(
            context, [item.card for item in items], "clinic-directory", compact, empty=empty
        )
    numbers = [
        " ".join(str(n) for n in sorted(positions[t] for t in item.tokens if t in positions))
        for item in items
    ]
    if context.uses_templates:
        cards = [card_values(context, item.card) for item in items]
        return cards_html(context, cards, "clinic-directory", compact, empty=empty, tokens=numbers)
    grid = nodes.container(classes=["clinic-directory"])
    for item, number in zip(items, numbers, strict=True):
        grid += element(
            "div",
            render_card(context, item.card, compact=compact),
            classes=["clinic-directory-item"],
            data_clinic_facets=number,
        )
    return grid


def render_directory(
    context: RenderContext, data: DirectoryData, args: DirectoryArgs
) -> list[nodes.Node]:
    if data.filters_elsewhere:
        context.warn(
            f"clinician-directory: only one directory can have :filters:, and "
            f"'{data.filters_elsewhere}' has them; remove :filters: here",
            ClinicWarning.DIRECTIVE,
        )
    if data.pages_cut is not None:
        wanted, kept = data.pages_cut
        context.warn(
            f"clinician-directory: its filters would have {wanted} pages and :filter-pages: "
            f"keeps {kept}, so some combinations need JavaScript; raise :filter-pages:, or "
            "combine fewer filters (:filter-combine:, :filter-depth:)",
            ClinicWarning.DIRECTIVE,
        )
    items = data.items
    if not data.groups or not context.is_html:
        return [card_grid(context, items, args.compact, context.gettext("No clinician matches."))]
    wrapper = element(
        "div",
        classes=["clinic-filtered-directory"],
        data_clinic_directory="",
        data_clinic_counts=json.dumps(count_texts(context, len(items)), ensure_ascii=False),
        data_clinic_text=json.dumps(script_texts(context), ensure_ascii=False),
    )
    wrapper += filter_panel(context, data.groups, context.gettext("Filter clinicians"))
    wrapper += text(
        total_text(context, len(items)),
        "p",
        classes=["clinic-filter-status"],
        role="status",
        aria_live="polite",
    )
    wrapper += element("div", classes=["clinic-filter-empty"], hidden="hidden", html_only=True)
    wrapper += card_grid(context, items, args.compact, positions=value_positions(data.groups))
    return [wrapper]


# -- facet pages -----------------------------------------------------------------------------


class Removal(NamedTuple):
    """A chosen filter on a facet page, and the page without it."""

    facet: str
    value: str
    label: str  # as :class:`FilterLink` labels: a message id for the extension's values
    page: str | None


class FacetPageData(NamedTuple):
    """What a facet page shows (all of it: the page is rewritten when this changes)."""

    directory: str  # the docname of the filtered directory
    removals: tuple[Removal, ...]
    groups: tuple[FilterGroup, ...]
    items: tuple[DirectoryItem, ...]


def facet_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of the directory's facet pages: every one, from the whole site's
    data (pure; sorted by name)."""
    index = site.index
    owner = index.filter_directory
    if owner is None:
        return []
    docname, filters = owner
    gettext = translator(site.index.page_language(docname)).gettext
    summaries = summarise(filters.facets, index.filtered_clinicians, facet_labels(index))
    raw = {(s.id, v.id): v.label for s in summaries for v in s.values}
    shown = {
        pair: gettext(label) if pair[1] in dict(FACETS_BY_ID[pair[0]].labels) else label
        for pair, label in raw.items()
    }
    pages = []
    for selection, pagename in sorted(index.facet_pages.items(), key=lambda kv: kv[1]):
        removals = []
        for pair in selection:
            rest = tuple(p for p in selection if p != pair)
            page = index.facet_page_for(rest) if rest else docname
            removals.append(Removal(*pair, raw.get(pair, pair[1]), page))
        items = tuple(
            DirectoryItem(clinician_card(index, c), ()) for c in index.facet_matches(selection)
        )
        data = FacetPageData(
            docname, tuple(removals), filter_groups(index, summaries, selection), items
        )
        title = selection_title(selection, shown, gettext)
        # One filter: a page people look for. Combinations: for readers narrowing the
        # list, kept out of search engines (near-duplicates of their parents).
        single = len(selection) == 1
        pages.append(
            GeneratedPage(
                pagename=pagename,
                title=title,
                origin=docname,
                data=data,
                render=render_facet_page,
                sitemap=single,
                robots="" if single else "noindex, follow",
            )
        )
    return pages


def render_facet_page(context: RenderContext, data: FacetPageData) -> list[nodes.Node]:
    """A facet page's content under its title: the filters chosen (each removable), how
    many match, the filters that narrow it further, the cards."""
    g = context.gettext
    # Elements rather than a docutils section: the page is rendered on its own, outside
    # any document, where Sphinx's section numbering has nothing to number.
    section = element("div", classes=["clinic-facet-page"])
    back = nodes.paragraph(classes=["clinic-facet-back"])
    back += context.link(data.directory, g("All clinicians"))
    section += back
    chosen = nodes.bullet_list(classes=["clinic-selected-filters"])
    for removal in data.removals:
        label = shown_label(context, removal.facet, removal.value, removal.label)
        uri = context.uri(removal.page) if removal.page is not None else None
        if uri is None:
            chip: nodes.Node = nodes.Text(label)
        else:
            chip = element(
                "a",
                nodes.Text(label + " "),
                text("✕", aria_hidden="true"),
                classes=["clinic-filter-remove"],
                href=uri,
                aria_label=g("Remove filter: %s") % label,
            )
        chosen += nodes.list_item("", nodes.paragraph("", "", chip))
    section += nodes.paragraph(
        g("Your filters:"), g("Your filters:"), classes=["clinic-selected-intro"]
    )
    section += chosen
    section += text(
        total_text(context, len(data.items)), "p", classes=["clinic-filter-status"], role="status"
    )
    if data.groups:
        section += nodes.paragraph(
            g("Narrow the list:"), g("Narrow the list:"), classes=["clinic-narrow-intro"]
        )
        section += filter_panel(context, data.groups, g("Narrow the list"), scripted=False)
    section += card_grid(context, data.items, compact=False)
    return [section]


def language_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of "clinicians who speak X": one page per language any clinician
    speaks (grouped by its page name, so "spanish" and "Spanish" are one), beside the site's
    first ``clinician-directory``, with those clinicians' cards. A directory readers filter
    by language has its own page per language (a facet page), so then there are none."""
    index = site.index
    directory = index.directory_page
    spoken: dict[str, tuple[str, list[CardData]]] = {}
    for clinician in sorted(index.clinicians.values(), key=clinician_sort_key):
        for language in clinician.languages:
            pagename = language_page(directory, language)
            if pagename not in index.language_pages:
                continue
            _written, cards = spoken.setdefault(pagename, (language, []))
            if all(card.clinician.id != clinician.id for card in cards):
                cards.append(clinician_card(index, clinician))
    gettext = translator(site.index.page_language(directory)).gettext
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


# -- wiring ---------------------------------------------------------------------------------


def add_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the script on the filtered directory's page, and the
    filters' styles there and on its facet pages (no other page downloads them)."""
    if app.builder.format != "html":
        return
    index = get_domain(app.env).site_index()
    owner = index.filter_directory
    if owner is not None and owner[0] == pagename:
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLES)
    elif pagename in index.facet_page_names:
        app.add_css_file(STYLES)


def setup_directory(app: Sphinx) -> None:
    add_view_types({"clinician-directory": ViewType(compute_directory, render_directory)})
    app.add_directive("clinician-directory", ClinicianDirectoryDirective)
    add_html_node(
        app, clinic_element, (visit_html, depart_html), (visit_elsewhere, depart_elsewhere)
    )
    app.connect("html-page-context", add_script)
    add_page_sources({"directory-facets": facet_pages, "clinicians-by-language": language_pages})
