"""The specialty vocabulary in the build: loading it, and its warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .domain import get_domain
from .encoding import first_bad_byte
from .generated_pages import GeneratedPage, SiteData, add_page_sources, chained_pages
from .i18n import page_language, translator
from .records import ALL_SPECIALTIES, Article, Clinician, specialty_anchor
from .renderers import (
    ItemData,
    also_in,
    availability_text,
    in_language,
    item_data,
    name_with_credentials,
    page_name,
    page_title,
    pagination_nav,
    render_items,
    split_pages,
)
from .text import slug
from .translations import Member
from .urls import feed_path, feeds_enabled, file_name
from .views import RenderContext, ViewType, add_view_types, placeholder
from .vocabulary import Specialty, Vocabulary, VocabularyProblem, parse_vocabulary, text_digest
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .siteindex import SiteIndex

SHOW_CHOICES = ("both", "clinicians", "articles")

#: How many of a specialty's newest articles its entry in an index shows on a website;
#: the entry links to the specialty's own list, split into pages, for the rest.
INDEX_NEWEST = 5


class SpecialtyIndexDirective(SphinxDirective):
    """```{specialty-index}``` — every specialty with its clinicians and articles.

    Options: ``:group: name`` and ``:specialties: a, b`` choose a subset; ``:grouped:``
    sorts by group; ``:show: clinicians|articles`` leaves the other out; ``:hide-empty:``.
    ``:no-index:`` makes a secondary copy (e.g. on the home page): links to specialties
    and the general index then point at the other, main index.
    The entries (``section#specialty-<id>``) are rendered at write time from one
    placeholder; their general-index entries are made here, at read time.
    """

    has_content = False
    option_spec = {  # noqa: RUF012
        "group": directives.unchanged_required,
        "specialties": directives.unchanged_required,
        "grouped": directives.flag,
        "show": lambda text: directives.choice(text, SHOW_CHOICES),
        "hide-empty": directives.flag,
        "no-index": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        vocabulary = domain.vocabulary
        chosen = vocabulary.sorted()
        if "group" in self.options:
            group = self.options["group"].strip().casefold()
            chosen = [s for s in chosen if s.group.casefold() == group]
            if not chosen:
                groups = sorted({s.group for s in vocabulary.specialties.values() if s.group})
                warn(
                    f"no specialty is in group '{self.options['group']}'; groups are: "
                    + ", ".join(groups),
                    ClinicWarning.SPECIALTY,
                    self.get_location(),
                )
        if "specialties" in self.options:
            wanted = []
            for written in self.options["specialties"].split(","):
                specialty_id = vocabulary.resolve(written.strip())
                if specialty_id is None:
                    warn(
                        f"unknown specialty '{written.strip()}'"
                        f"{vocabulary.suggestion(written.strip())}",
                        ClinicWarning.SPECIALTY,
                        self.get_location(),
                    )
                elif specialty_id not in wanted:
                    wanted.append(specialty_id)
            chosen = [s for s in chosen if s.id in wanted]
        ids = tuple(s.id for s in chosen)
        # With no filter, the index also lists the specialties made of free blog tags,
        # which only the whole site knows (see SiteIndex.extra_specialties).
        everything = "group" not in self.options and "specialties" not in self.options
        primary = "no-index" not in self.options
        if primary:
            domain.add_specialty_targets(
                self.env.docname, ids + ((ALL_SPECIALTIES,) if everything else ())
            )
        if self.env.config.clinic_specialties_file:
            self.env.note_dependency(
                str(Path(self.env.srcdir, self.env.config.clinic_specialties_file))
            )
        # The general index is a page of the whole site: in the site's language.
        kind = translator(page_language("", self.env.config.language)).gettext("specialty")
        index_node = addnodes.index(
            entries=[
                ("single", f"{s.label}; {kind}", specialty_anchor(s.id), "", None)
                for s in chosen
                if primary
            ]
        )
        args = SpecialtyIndexArgs(
            ids,
            "grouped" in self.options,
            self.options.get("show", "both"),
            "hide-empty" in self.options,
            everything,
        )
        node = placeholder(self.env, self.env.docname, "specialty-index", args)
        self.set_source_info(node)
        return [index_node, node]


class EntryArticle(NamedTuple):
    """An article as an index entry shows it (a listing shows more: authors, summary)."""

    docname: str
    title: str
    date: dt.date | None
    language: str = ""  # the article's own, "" for the site's
    also_in: tuple[Member, ...] = ()  # the article in other languages (grouped listings)


class EntryData(NamedTuple):
    """One specialty's entry in an index: only what it shows, so that nothing else
    (an article's authors, a clinician's bio) rewrites the page."""

    specialty: Specialty
    clinicians: tuple[Clinician, ...]  # reduced to what the entry shows
    articles: tuple[EntryArticle, ...]
    feed: str  # output path of its feed, "" when there is none
    list_page: str = ""  # page name of its own list of articles, when it has one
    article_count: int = 0  # all its articles (``articles`` are the newest when shortened)
    filtered: str | None = None  # its page in the filtered directory


def _as_shown(clinician: Clinician) -> Clinician:
    """The fields an entry shows: linked name, credentials and availability."""
    return Clinician(
        id=clinician.id,
        docname=clinician.docname,
        name=clinician.name,
        credentials=clinician.credentials,
        accepting=clinician.accepting,
        accepting_as_of=clinician.accepting_as_of,
    )


@dataclass(frozen=True)
class SpecialtyIndexArgs:
    """A ``specialty-index``: the specialties chosen, ``:grouped:``, ``:show:``,
    ``:hide-empty:``, and whether it lists every specialty (free tags included)."""

    ids: tuple[str, ...]
    grouped: bool
    show: str
    hide_empty: bool
    everything: bool


def compute_index(
    index: SiteIndex, docname: str, args: SpecialtyIndexArgs
) -> tuple[EntryData, ...]:
    ids, show, everything = args.ids, args.show, args.everything
    if everything:
        extra = index.extra_specialties()
        if extra:
            chosen = [s for s in map(index.specialty, ids) if s is not None] + extra
            ids = tuple(s.id for s in sorted(chosen, key=lambda s: (s.label.casefold(), s.id)))

    def entry_article(article: Article) -> EntryArticle:
        return EntryArticle(
            article.docname,
            article.title,
            article.date,
            article.language,
            index.also_in(article.docname),
        )

    entries = []
    for specialty_id in ids:
        specialty = index.specialty(specialty_id)
        if specialty is None:
            continue
        clinicians = index.clinicians_for(specialty_id) if show != "articles" else ()
        articles = listed_about(index, specialty_id, docname) if show != "clinicians" else ()
        list_page = specialty_list_page(index, specialty_id)
        # With a list of its own, only the newest: older ones rewrite no index page.
        shown = articles[:INDEX_NEWEST] if list_page else articles
        entries.append(
            EntryData(
                specialty,
                tuple(_as_shown(c) for c in clinicians),
                tuple(entry_article(a) for a in shown),
                specialty_feed(index, specialty_id),
                list_page,
                len(articles),
                # "Narrow ... by insurance, language and more": only where those pages are.
                index.facet_page("specialty", specialty_id)
                if clinicians and index.facet_combines("specialty")
                else None,
            )
        )
    return tuple(entries)


def specialty_list_page(index: SiteIndex, specialty_id: str) -> str:
    """The page name of a specialty's list of articles (a generated page beside its
    index entry's page), or "" when its entry shows them all."""
    docname = index.specialty_pages.get(specialty_id)
    if not index.lists_in_pages or docname is None:
        return ""
    if len(listed_about(index, specialty_id, docname)) <= INDEX_NEWEST:
        return ""
    return page_name(docname, 1, folder=file_name(specialty_id))


def listed_about(index: SiteIndex, specialty_id: str, docname: str) -> tuple[Article, ...]:
    """The articles about a specialty as a list on ``docname`` shows them, newest first:
    one per article and its translations where ``clinic_translations`` groups them (in
    the page's language when it has that translation)."""
    return index.collapse(index.articles_about(specialty_id), index.page_language(docname))


def specialty_feed(index: SiteIndex, specialty_id: str) -> str:
    """The output path of a specialty's feed, or "" (feeds are optional)."""
    if not index.has_feed("specialty", specialty_id):
        return ""
    return feed_path("specialty", specialty_id)


def render_index(
    context: RenderContext, data: tuple[EntryData, ...], args: SpecialtyIndexArgs
) -> list[nodes.Node]:
    """container.clinic-specialty-index: the A-Z bar, then a section per specialty
    (grouped under a section per group with ``:grouped:``)."""
    grouped, show, hide_empty = args.grouped, args.show, args.hide_empty
    entries = [e for e in data if not hide_empty or e.clinicians or e.articles]
    hidden = [e for e in data if e not in entries]
    wrapper = nodes.container(classes=["clinic-specialty-index"])
    wrapper += jump_bar(entries, context.language)
    if grouped:
        groups: dict[str, list[EntryData]] = {}
        for entry in sorted(
            entries, key=lambda e: (e.specialty.group == "", e.specialty.group.casefold())
        ):
            other = context.gettext("Other")
            groups.setdefault(entry.specialty.group or other, []).append(entry)
        for group, members in groups.items():
            section = nodes.section(ids=[f"group-{_slug(group)}"], classes=["clinic-group"])
            section += nodes.title(group, group)
            for entry in members:
                section += render_entry(context, entry, show)
            wrapper += section
    else:
        for entry in entries:
            wrapper += render_entry(context, entry, show)
    for entry in hidden:  # keep the anchor that links and the general index point at
        wrapper += nodes.container(ids=[specialty_anchor(entry.specialty.id)])
    return [wrapper]


def _slug(text: str) -> str:
    return slug(text)


def jump_bar(entries: list[EntryData], language: str = "") -> nodes.Element:
    """bullet_list.clinic-az: one link per initial letter, to its first specialty."""
    bar = nodes.bullet_list(classes=["clinic-az"])
    firsts: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: e.specialty.label_in(language).casefold()):
        letter = entry.specialty.label_in(language)[:1].upper()
        firsts.setdefault(letter, specialty_anchor(entry.specialty.id))
    for letter, anchor in firsts.items():
        link = nodes.reference(letter, letter, refid=anchor, classes=["clinic-az-letter"])
        bar += nodes.list_item("", nodes.paragraph("", "", link))
    return bar


def render_entry(context: RenderContext, entry: EntryData, show: str) -> nodes.section:
    """section#specialty-<id>: title, counts and feed, description, clinicians, articles."""
    _ = context.gettext
    specialty = entry.specialty
    section = nodes.section(ids=[specialty_anchor(specialty.id)], classes=["clinic-specialty"])
    label = specialty.label_in(context.language)
    section += nodes.title(label, label)
    counts = nodes.paragraph(classes=["clinic-specialty-counts"])
    parts = []
    if show != "articles":
        count = len(entry.clinicians)
        parts.append(context.ngettext("%d clinician", "%d clinicians", count) % count)
    if show != "clinicians":
        count = entry.article_count
        parts.append(context.ngettext("%d article", "%d articles", count) % count)
    counts += nodes.Text(" · ".join(parts))
    # A clinicians-only index (e.g. on the home page) is about people, not subscriptions.
    if entry.feed and show != "clinicians" and feeds_enabled(context.app):
        counts += nodes.Text(" · ")
        label = _("Atom feed")
        counts += nodes.reference(
            label, label, refuri=context.asset_uri(entry.feed), classes=["clinic-feed-link"]
        )
    section += counts
    if specialty.description:
        section += nodes.paragraph(
            specialty.description, specialty.description, classes=["clinic-specialty-description"]
        )
    aliases = specialty.aliases_in(context.language)
    if aliases:
        text = _("Also called: %s") % ", ".join(aliases)
        section += nodes.paragraph(text, text, classes=["clinic-specialty-aliases"])
    if show != "articles" and entry.clinicians:
        people = nodes.bullet_list(classes=["clinic-specialty-clinicians"])
        for clinician in entry.clinicians:
            item = nodes.paragraph()
            item.extend(name_with_credentials(context, clinician))
            status = availability_text(context, clinician)
            if status:
                item += nodes.Text(" · ")
                item += nodes.inline(
                    status, status, classes=["clinic-card-status", f"clinic-{clinician.accepting}"]
                )
            people += nodes.list_item("", item)
        part = _labelled(_("Clinicians"), people)
        if entry.filtered is not None:
            narrow = context.gettext("Narrow the clinicians for %s by insurance, language and more")
            part += nodes.paragraph(
                "",
                "",
                context.link(entry.filtered, narrow % specialty.label),
                classes=["clinic-specialty-directory"],
            )
        section += part
    if show != "clinicians" and entry.articles:
        articles = nodes.bullet_list(classes=["clinic-specialty-articles"])
        # Websites show the newest few, and the specialty's own list for all of them.
        for article in entry.articles:
            item = nodes.paragraph()
            title = context.link(article.docname, article.title)
            item += in_language(context, article.language, title, inline=True)
            if article.date is not None:
                item += nodes.Text(" · ")
                item += nodes.inline("", context.format_day(article.date), classes=["clinic-date"])
            if article.also_in:
                item += nodes.Text(" · ")
                item.extend(also_in(context, article.also_in).children)
            articles += nodes.list_item("", item)
        section += _labelled(_("Articles"), articles)
        if entry.list_page:
            text = context.ngettext(
                "All %(count)d article about %(specialty)s",
                "All %(count)d articles about %(specialty)s",
                entry.article_count,
            ) % {"count": entry.article_count, "specialty": specialty.label}
            more = nodes.paragraph(classes=["clinic-specialty-more"])
            more += context.link(entry.list_page, text)
            section += more
    return section


# -- a specialty's own list of articles (generated pages) ------------------------------


class SpecialtyListPage(NamedTuple):
    """Page ``number`` of a specialty's list of articles (its data, for generated_pages)."""

    index_page: str  # the page of its index entry
    anchor: str
    label: str
    names: tuple[str, ...]  # every page of the list, the first first
    number: int
    items: tuple[ItemData, ...]


def specialty_list_pages(site: SiteData) -> list[GeneratedPage]:
    """The page source of specialties' lists: every article about a specialty whose
    index entry shows only the newest (see :func:`specialty_list_page`), newest first,
    ``clinic_per_page`` a page."""
    index = site.index
    found = []
    for specialty_id, docname in sorted(index.specialty_pages.items()):
        first = specialty_list_page(index, specialty_id)
        specialty = index.specialty(specialty_id)
        if not first or specialty is None:
            continue
        language = site.index.page_language(docname)
        articles = listed_about(index, specialty_id, docname)
        items = tuple(item_data(index, a, language) for a in articles)
        pages = split_pages(items, int(site.config.clinic_per_page))
        folder = file_name(specialty_id)
        names = tuple(page_name(docname, n, folder=folder) for n in range(1, len(pages) + 1))
        title = translator(language).gettext("Articles about %s") % specialty.label
        titles = [page_title(title, n, language) for n in range(1, len(pages) + 1)]
        anchor = specialty_anchor(specialty_id)
        shown = [
            SpecialtyListPage(docname, anchor, specialty.label, names, number, page)
            for number, page in enumerate(pages, start=1)
        ]
        found += chained_pages(docname, names, titles, shown, render_specialty_list_page)
    return found


def render_specialty_list_page(context: RenderContext, page: SpecialtyListPage) -> list[Any]:
    back = nodes.paragraph(classes=["clinic-specialty-back"])
    text = context.gettext("%s in the specialty index") % page.label
    back += context.link(page.index_page, text, anchor=page.anchor)
    shown: list[Any] = [back, render_items(context, page.items, 2)]
    if len(page.names) > 1:
        shown.append(pagination_nav(context, page.names, page.number))
    return shown


def _labelled(label: str, content: nodes.Element) -> nodes.Element:
    wrapper = nodes.container(classes=["clinic-specialty-part"])
    wrapper += nodes.paragraph(label, label, classes=["clinic-part-label"])
    wrapper += content
    return wrapper


def _vocabulary_file(env: BuildEnvironment) -> tuple[Path, bytes, str] | None:
    """The vocabulary file, its bytes and their :func:`text_digest` (None without one)."""
    configured = env.config.clinic_specialties_file
    path = Path(env.srcdir, configured) if configured else None
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    return path, data, text_digest(text, str(env.config.language or "en"))


def reread_on_vocabulary_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: every article and profile, when the vocabulary changed.

    They resolve their specialties against it while read. One check of the file here
    stands for a dependency of each page on it (``note_dependency``), which Sphinx would
    look up page by page on every build and keep in the pickled environment.
    """
    domain = get_domain(env)
    found = _vocabulary_file(env)
    if (found[2] if found else "") == domain.vocabulary.digest:
        return []
    pages = {*domain.articles, *domain.clinician_docs} - added - changed - removed
    return sorted(pages)


def load_vocabulary(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: (re)load the vocabulary before any page is read.

    Articles and profiles are reread when it changes (:func:`reread_on_vocabulary_change`),
    the pages with a specialty index through ``note_dependency``. Its problems are
    reported when its content changes.
    """
    domain = get_domain(env)
    found = _vocabulary_file(env)
    if found is None:
        if domain.vocabulary.digest:
            domain.set_vocabulary(Vocabulary())
        return
    path, data, digest = found
    if digest == domain.vocabulary.digest:
        return  # the vocabulary it was last read into: nothing to parse or report
    text = data.decode("utf-8", errors="replace")
    language = str(env.config.language or "en")
    configured = env.config.clinic_specialties_file
    vocabulary, problems = parse_vocabulary(text, configured, language=language)
    bad = first_bad_byte(data)
    if bad is not None:
        problems.insert(
            0, VocabularyProblem(bad[0], "the vocabulary is not UTF-8; save the file as UTF-8")
        )
    for problem in problems:
        warn(problem.message, ClinicWarning.VOCABULARY, f"{path}:{problem.line}")
    domain.set_vocabulary(vocabulary)


def setup_specialties(app: Sphinx) -> None:
    add_view_types({"specialty-index": ViewType(compute_index, render_index)})
    add_page_sources({"specialty-lists": specialty_list_pages})
    app.connect("env-get-outdated", reread_on_vocabulary_change)
    app.connect("env-before-read-docs", load_vocabulary)
    app.add_directive("specialty-index", SpecialtyIndexDirective)
