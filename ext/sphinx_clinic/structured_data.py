"""Page metadata in the ``<head>``: JSON-LD for articles and profiles, and descriptions.

* An article gets a schema.org ``MedicalWebPage`` whose ``mainEntity`` is a
  ``BlogPosting``; a clinician's profile gets a ``ProfilePage`` whose ``mainEntity`` is
  a ``Person``. Both go in a ``<script type="application/ld+json">``.
* Both get ``<meta name="description">`` from their summary, and the summary is handed to
  sphinxext-opengraph (when the site uses it) as the page's ``og:description``.

The JSON-LD of an article shows other pages' data: its authors' and reviewer's names and
credentials, the specialties' labels. The head has no node that :mod:`.views` could
resolve, but the same machinery keeps it fresh: at read time each article and profile
records a ``jsonld`` view (registered in :func:`setup_structured_data`) whose ``compute``
returns exactly the data the JSON-LD shows and whose ``render`` returns nothing (no
placeholder is ever placed in the tree). ``views.pages_to_rewrite`` fingerprints that
data at ``env-get-updated``, so when a clinician's name changes every article they wrote
or reviewed is rewritten, and no other page. The head is then built at
``html-page-context`` from the very same ``compute``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.errors import NoUri

from .domain import get_domain
from .records import View, specialty_anchor
from .siteindex import SiteIndex
from .urls import base_url, is_website, page_url, self_uri
from .views import RenderContext, ViewType, add_view_types

if TYPE_CHECKING:
    from sphinx.application import Sphinx


# -- the data each page's metadata shows (compared between builds) ----------------------


class PersonData(NamedTuple):
    """A clinician as an article's JSON-LD names them."""

    name: str
    credentials: tuple[str, ...]
    docname: str


class TopicData(NamedTuple):
    """A specialty an article is about; ``docname`` holds its index entry, or ""."""

    id: str
    label: str
    docname: str


class ArticleData(NamedTuple):
    """Everything an article's JSON-LD shows."""

    title: str
    date: dt.date | None
    updated: dt.date | None
    summary: str
    words: int
    authors: tuple[PersonData, ...]
    reviewer: PersonData | None
    reviewed_on: dt.date | None
    topics: tuple[TopicData, ...]


class ProfileData(NamedTuple):
    """Everything a profile's JSON-LD shows."""

    name: str
    credentials: tuple[str, ...]
    role: str
    summary: str
    licenses: tuple[tuple[str, str, str], ...]  # (type, number, state)
    specialties: tuple[str, ...]  # labels
    languages: tuple[str, ...]


def _person(index: SiteIndex, clinician_id: str) -> PersonData | None:
    clinician = index.clinicians.get(clinician_id)
    if clinician is None:
        return None  # warned about by the consistency check; not published as a Person
    return PersonData(clinician.name, clinician.credentials, clinician.docname)


def compute_jsonld(
    index: SiteIndex, docname: str, args: tuple[Any, ...] = ()
) -> ArticleData | ProfileData | None:
    """The data the JSON-LD of ``docname`` shows (None for other pages)."""
    article = index.article(docname)
    if article is not None:
        authors = tuple(p for p in (_person(index, a) for a in article.authors) if p)
        topics = []
        for specialty_id in article.specialties:
            specialty = index.specialty(specialty_id)
            if specialty is not None:
                page = index.specialty_pages.get(specialty_id, "")
                topics.append(TopicData(specialty_id, specialty.label, page))
        return ArticleData(
            title=article.title,
            date=article.date,
            updated=article.updated,
            summary=article.summary,
            words=article.words,
            authors=authors,
            reviewer=_person(index, article.reviewed_by) if article.reviewed_by else None,
            reviewed_on=article.reviewed_on,
            topics=tuple(topics),
        )
    for clinician in index.clinicians.values():
        if clinician.docname == docname:
            labels = (index.specialty(s) for s in clinician.specialties)
            return ProfileData(
                name=clinician.name,
                credentials=clinician.credentials,
                role=clinician.role,
                summary=clinician.summary,
                licenses=tuple((lic.type, lic.number, lic.state) for lic in clinician.licenses),
                specialties=tuple(s.label for s in labels if s is not None),
                languages=clinician.languages,
            )
    return None


def _render_nothing(context: RenderContext, data: Any, args: tuple[Any, ...]) -> list[nodes.Node]:
    return []


# -- JSON-LD documents -----------------------------------------------------------------

Link = Callable[[str], str]


def _person_ld(person: PersonData, link: Link) -> dict[str, Any]:
    ld: dict[str, Any] = {"@type": "Person", "name": person.name, "url": link(person.docname)}
    if person.credentials:
        ld["honorificSuffix"] = ", ".join(person.credentials)
    return ld


def article_jsonld(data: ArticleData, url: str, link: Link, language: str = "") -> dict[str, Any]:
    """A ``MedicalWebPage`` whose main entity is the article's ``BlogPosting``."""
    posting: dict[str, Any] = {"@type": "BlogPosting", "headline": data.title, "url": url}
    if data.date is not None:
        posting["datePublished"] = data.date.isoformat()
        modified = max(data.updated, data.date) if data.updated else data.date
        posting["dateModified"] = modified.isoformat()
    if data.authors:
        posting["author"] = [_person_ld(p, link) for p in data.authors]
    if data.topics:
        about = []
        for topic in data.topics:
            thing: dict[str, Any] = {"@type": "Thing", "name": topic.label}
            if topic.docname:
                thing["url"] = f"{link(topic.docname)}#{specialty_anchor(topic.id)}"
            about.append(thing)
        posting["about"] = about
        posting["keywords"] = [t.label for t in data.topics]
    if data.summary:
        posting["description"] = data.summary
    posting["wordCount"] = data.words
    if language:
        posting["inLanguage"] = language
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": data.title,
    }
    if data.reviewer is not None:
        page["reviewedBy"] = _person_ld(data.reviewer, link)
    if data.reviewed_on is not None:
        page["lastReviewed"] = data.reviewed_on.isoformat()
    page["mainEntity"] = posting
    return page


def profile_jsonld(data: ProfileData, url: str) -> dict[str, Any]:
    """A ``ProfilePage`` whose main entity is the clinician, a ``Person``."""
    person: dict[str, Any] = {"@type": "Person", "name": data.name, "url": url}
    if data.credentials:
        person["honorificSuffix"] = ", ".join(data.credentials)
    if data.role:
        person["jobTitle"] = data.role
    if data.summary:
        person["description"] = data.summary
    credentials = []
    licensed = set()
    for kind, number, state in data.licenses:
        licence: dict[str, Any] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": kind,
        }
        if number:
            licence["identifier"] = number
        if state:
            licence["validIn"] = {"@type": "AdministrativeArea", "name": state}
        credentials.append(licence)
        licensed.add(kind.casefold())
    for letters in data.credentials:
        if letters.casefold() not in licensed:
            credentials.append({"@type": "EducationalOccupationalCredential", "name": letters})
    if credentials:
        person["hasCredential"] = credentials
    if data.specialties:
        person["knowsAbout"] = list(data.specialties)
    if data.languages:
        person["knowsLanguage"] = list(data.languages)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person,
    }


_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, no ``<!--``, no entities.

    The escapes are JSON string escapes, so ``json.loads`` reads back the same text.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


# -- Sphinx events ---------------------------------------------------------------------


def note_jsonld_view(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after the collector): articles and profiles show a JSON-LD view."""
    docname = app.env.docname
    domain = get_domain(app.env)
    # The collector has classified the page (an ABlog ``post`` directive it removed
    # included): never classify it again here.
    if domain.is_clinic_page(docname):
        domain.add_view(docname, View("jsonld", ()))


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: JSON-LD and descriptions into the page's ``<head>``."""
    if doctree is None or not is_website(app.builder):
        return
    data = compute_jsonld(get_domain(app.env).site_index(), pagename)
    if data is None:
        return
    builder = app.builder

    def link(docname: str) -> str:
        if base_url(builder):
            return page_url(builder, docname)
        if docname == pagename:
            return self_uri(builder, docname)
        try:
            return builder.get_relative_uri(pagename, docname)
        except NoUri:
            return ""

    url = link(pagename)
    if isinstance(data, ArticleData):
        jsonld = article_jsonld(data, url, link, str(app.config.language or ""))
    else:
        jsonld = profile_jsonld(data, url)
    tags = f'\n<script type="application/ld+json">{script_json(jsonld)}</script>'
    metatags = str(context.get("metatags", ""))
    if data.summary:
        if 'name="description"' not in metatags:
            tags += f'\n<meta name="description" content="{html.escape(data.summary)}" />'
        # sphinxext-opengraph takes ``og:*`` keys of the page metadata as overrides.
        # ``context["meta"]`` *is* env.metadata[pagename]: replace it, never mutate it.
        meta = dict(context.get("meta") or {})
        meta.setdefault("og:description", data.summary)
        context["meta"] = meta
    context["metatags"] = metatags + tags


def setup_structured_data(app: Sphinx) -> None:
    add_view_types({"jsonld": ViewType(compute_jsonld, _render_nothing)})
    # After the collector (600), which records the article or profile.
    app.connect("doctree-read", note_jsonld_view, priority=700)
    # Before sphinxext-opengraph (500), which reads the og:description we hand it and
    # leaves out its own description when the page already has one.
    app.connect("html-page-context", add_page_metadata, priority=450)
