"""JSON-LD in the ``<head>`` (descriptions and Open Graph tags are :mod:`.previews`').

* An article gets a schema.org ``MedicalWebPage`` whose ``mainEntity`` is a
  ``BlogPosting`` (with its image, a true ``dateModified`` and the practice as
  ``publisher``); a clinician's profile gets a ``ProfilePage`` whose ``mainEntity`` is a
  ``Person``; a page of listings (article lists, the directory, the specialty index) a
  ``CollectionPage`` with an ``ItemList`` per listing; the home page also describes the
  practice itself (``clinic_practice``) as a ``MedicalBusiness``. Each goes in a
  ``<script type="application/ld+json">``.

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
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

from .domain import get_domain
from .i18n import page_language
from .practice import US_STATES
from .previews import image_path, page_image, photo_path, site_file_url
from .records import View, specialty_anchor
from .siteindex import SiteIndex
from .text import suggest
from .urls import base_url, conf_location, is_website, page_address
from .views import RenderContext, ViewType, add_view_types, view_types
from .warnings_ import ClinicWarning, warn

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
    image: str = ""  # where the image is published, relative to the site's root
    image_alt: str = ""
    #: The article in other languages: (language, docname, is the original), itself too.
    translations: tuple[tuple[str, str, bool], ...] = ()
    docname: str = ""


class ProfileData(NamedTuple):
    """Everything a profile's JSON-LD shows."""

    name: str
    credentials: tuple[str, ...]
    role: str
    summary: str
    licenses: tuple[tuple[str, str, str], ...]  # (type, number, state)
    specialties: tuple[str, ...]  # labels
    languages: tuple[str, ...]
    id: str = ""
    photo: str = ""  # where the photo is published, relative to the site's root
    profile_url: str = ""  # an outside profile (sameAs)
    as_of: dt.date | None = None  # when the availability was last stated
    offices: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (name, address parts)
    fees: tuple[tuple[str, float, float], ...] = ()  # (session type, lowest, highest)
    currency: str = ""
    telehealth_states: tuple[str, ...] = ()  # USPS codes


class ListedItem(NamedTuple):
    """One entry of a hub page's list: a page (and an anchor in it) with a name."""

    name: str
    docname: str
    anchor: str = ""


class HubData(NamedTuple):
    """A page of listings: each listing's entries, in the order of the page."""

    lists: tuple[tuple[ListedItem, ...], ...]


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
    language = index.page_language(docname)
    if article is not None:
        authors = tuple(p for p in (_person(index, a) for a in article.authors) if p)
        topics = []
        for specialty_id in article.specialties:
            specialty = index.specialty(specialty_id)
            if specialty is not None:
                page = index.specialty_pages.get(specialty_id, "")
                topics.append(TopicData(specialty_id, specialty.label_in(language), page))
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
            image=image_path(article),
            image_alt=article.image_alt,
            translations=index.translations(docname),
            docname=docname,
        )
    clinician = index.profile_at(docname)
    if clinician is None:
        return None
    labels = (index.specialty(s) for s in clinician.specialties)
    return ProfileData(
        name=clinician.name,
        credentials=clinician.credentials,
        role=clinician.role,
        summary=clinician.summary,
        licenses=tuple((lic.type, lic.number, lic.state) for lic in clinician.licenses),
        specialties=tuple(s.label_in(language) for s in labels if s is not None),
        languages=clinician.languages,
        id=clinician.id,
        photo=photo_path(clinician),
        profile_url=clinician.profile_url,
        as_of=clinician.accepting_as_of,
        offices=tuple((office.name, office.address) for office in clinician.offices),
        fees=tuple(
            (session, fee.low, fee.high)
            for session, fee in (clinician.fees.sessions() if clinician.fees else [])
        ),
        currency=clinician.fees.currency if clinician.fees else "",
        telehealth_states=clinician.telehealth_states,
    )


def _listed(kind: str, data: Any, docname: str) -> tuple[ListedItem, ...]:
    """The entries of a listing view, read from the data its ``compute`` returned."""
    if kind == "article-list":
        return tuple(ListedItem(item.title, item.docname) for item in data[1])
    if kind == "clinician-directory":
        # directory.DirectoryData: its items hold the cards.
        cards = (item.card for item in data.items)
        return tuple(ListedItem(card.clinician.name, card.clinician.docname) for card in cards)
    if kind == "specialty-index":
        return tuple(
            ListedItem(entry.specialty.label, docname, specialty_anchor(entry.specialty.id))
            for entry in data
        )
    return ()


#: The views that list other pages (see :func:`_listed`).
HUB_VIEWS = ("article-list", "clinician-directory", "specialty-index")


def compute_hub(index: SiteIndex, docname: str, views: tuple[View, ...]) -> HubData | None:
    """The lists a page's listings show (None when it has none), from the same computed
    data the listings render, so an incremental build rewrites the page when it changes."""
    types = view_types()
    lists = []
    for view in views:
        if view.kind in HUB_VIEWS:
            data = types[view.kind].compute(index, docname, view.args)
            lists.append(_listed(view.kind, data, docname))
    return HubData(tuple(lists)) if lists else None


def _render_nothing(context: RenderContext, data: Any, args: tuple[Any, ...]) -> list[nodes.Node]:
    return []


# -- JSON-LD documents -----------------------------------------------------------------

Link = Callable[[str], str]


def _person_ld(person: PersonData, link: Link) -> dict[str, Any]:
    ld: dict[str, Any] = {"@type": "Person", "name": person.name, "url": link(person.docname)}
    if person.credentials:
        ld["honorificSuffix"] = ", ".join(person.credentials)
    return ld


def date_modified(data: ArticleData) -> dt.date | None:
    """When the article last changed: its ``updated`` date, else its last clinical
    review, else its publication date."""
    return data.updated or data.reviewed_on or data.date


def article_jsonld(
    data: ArticleData,
    url: str,
    link: Link,
    language: str = "",
    image: str = "",
    publisher: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``MedicalWebPage`` whose main entity is the article's ``BlogPosting``.

    ``image`` is the absolute URL of the article's (or the site's) picture; ``publisher``
    a reference to the practice (see :func:`practice_jsonld`).
    """
    posting: dict[str, Any] = {"@type": "BlogPosting", "headline": data.title, "url": url}
    if data.date is not None:
        posting["datePublished"] = data.date.isoformat()
    modified = date_modified(data)
    if modified is not None:
        posting["dateModified"] = modified.isoformat()
    if image:
        posting["image"] = image
    if data.authors:
        posting["author"] = [_person_ld(p, link) for p in data.authors]
    if publisher:
        posting["publisher"] = publisher
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
    # schema.org's link between a work and its translations, both ways.
    is_original = any(original for _, d, original in data.translations if d == data.docname)
    for other_language, docname, original in data.translations:
        if docname == data.docname:
            continue
        work = {"@type": "BlogPosting", "url": link(docname), "inLanguage": other_language}
        if original:
            posting["translationOfWork"] = work
        elif is_original:
            posting.setdefault("workTranslation", []).append(work)
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
    if publisher:
        page["publisher"] = publisher
    page["mainEntity"] = posting
    return page


def profile_jsonld(
    data: ProfileData,
    url: str,
    image: str = "",
    works_for: dict[str, Any] | None = None,
    language: str = "",
) -> dict[str, Any]:
    """A ``ProfilePage`` whose main entity is the clinician, a ``Person``, with the
    properties Google recommends for profile pages that the profile has: ``identifier``
    (the clinician's id), ``alternateName`` (the name with credentials), ``image`` (the
    photo), ``sameAs`` (an outside profile) and ``dateModified`` (when the availability
    was last stated)."""
    person: dict[str, Any] = {"@type": "Person", "name": data.name, "url": url}
    if data.id:
        person["identifier"] = data.id
    if data.credentials:
        person["honorificSuffix"] = ", ".join(data.credentials)
        person["alternateName"] = f"{data.name}, {', '.join(data.credentials)}"
    if image:
        person["image"] = image
    if data.profile_url:
        person["sameAs"] = data.profile_url
    if works_for:
        person["worksFor"] = works_for
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
    if data.offices:
        person["workLocation"] = [_place(name, address) for name, address in data.offices]
    offers = _offers(data)
    if offers:
        person["makesOffer"] = offers
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "ProfilePage", "url": url}
    if language:
        page["inLanguage"] = language
    if data.as_of is not None:
        page["dateModified"] = data.as_of.isoformat()
    page["mainEntity"] = person
    return page


def _place(name: str, address: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """An office as a ``Place``; a structured address as a ``PostalAddress``."""
    place: dict[str, Any] = {"@type": "Place", "name": name}
    parts = dict(address)
    if "text" in parts:
        place["address"] = parts["text"]
    elif parts:
        place["address"] = {"@type": "PostalAddress"} | {
            ADDRESS_FIELDS[part]: text for part, text in address if part in ADDRESS_FIELDS
        }
    return place


#: What each session's ``Service`` is called in JSON-LD.
SESSION_SERVICES = {
    "individual": "Individual therapy session",
    "couples": "Couples therapy session",
    "family": "Family therapy session",
    "group": "Group therapy session",
}


def _offers(data: ProfileData) -> list[dict[str, Any]]:
    """The sessions a clinician offers as ``Offer`` s: each fee with a
    ``PriceSpecification``, and telehealth with the states it serves (``areaServed``)."""
    offers: list[dict[str, Any]] = []
    for session, low, high in data.fees:
        price: dict[str, Any] = {
            "@type": "PriceSpecification",
            "minPrice": _number(low),
            "maxPrice": _number(high),
        }
        if data.currency:
            price["priceCurrency"] = data.currency
        offers.append(
            {
                "@type": "Offer",
                "itemOffered": {"@type": "Service", "name": SESSION_SERVICES[session]},
                "priceSpecification": price,
            }
        )
    if data.telehealth_states:
        offers.append(
            {
                "@type": "Offer",
                "itemOffered": {"@type": "Service", "name": "Telehealth therapy session"},
                "areaServed": [
                    {"@type": "AdministrativeArea", "name": US_STATES[code], "identifier": code}
                    for code in data.telehealth_states
                ],
            }
        )
    return offers


def _number(amount: float) -> float | int:
    return int(amount) if amount == int(amount) else amount


def hub_jsonld(data: HubData, url: str, name: str, link: Link) -> dict[str, Any]:
    """A ``CollectionPage`` whose main entity is an ``ItemList`` per listing on it."""
    lists = []
    for items in data.lists:
        elements = []
        for position, item in enumerate(items, start=1):
            target = link(item.docname)
            if item.anchor:
                target = f"{target}#{item.anchor}"
            elements.append(
                {"@type": "ListItem", "position": position, "name": item.name, "url": target}
            )
        lists.append(
            {"@type": "ItemList", "numberOfItems": len(elements), "itemListElement": elements}
        )
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "url": url,
        "name": name,
        "mainEntity": lists[0] if len(lists) == 1 else lists,
    }


#: ``clinic_practice`` keys and the schema.org properties they become.
PRACTICE_FIELDS = {
    "name": "name",
    "url": "url",
    "logo": "logo",
    "phone": "telephone",
    "email": "email",
    "address": "address",
    "description": "description",
}
#: Keys of a structured ``address`` and their ``PostalAddress`` properties.
ADDRESS_FIELDS = {
    "street": "streetAddress",
    "locality": "addressLocality",
    "region": "addressRegion",
    "postal_code": "postalCode",
    "country": "addressCountry",
}


def practice_jsonld(practice: dict[str, Any], file_link: Link) -> dict[str, Any]:
    """The practice as a ``MedicalBusiness`` (or the ``type`` it names, e.g.
    ``Organization``), from the ``clinic_practice`` setting; ``file_link`` makes the logo's
    address absolute. Its ``@id`` lets every article name it as publisher."""
    ld: dict[str, Any] = {"@type": str(practice.get("type") or "MedicalBusiness")}
    url = str(practice.get("url") or "")
    if url:
        ld["@id"] = f"{url.rstrip('/')}/#practice"
    for key, prop in PRACTICE_FIELDS.items():
        value = practice.get(key)
        if not value:
            continue
        if key == "logo":
            ld[prop] = {"@type": "ImageObject", "url": file_link(str(value))}
        elif key == "address" and isinstance(value, dict):
            address = {"@type": "PostalAddress"}
            address.update({ADDRESS_FIELDS[k]: str(v) for k, v in value.items() if v})
            ld[prop] = address
        else:
            ld[prop] = str(value)
    return ld


def practice_reference(practice: dict[str, Any]) -> dict[str, Any]:
    """The practice as a publisher or employer: its type, ``@id``, name and address."""
    full = practice_jsonld(practice, lambda path: path)
    return {k: full[k] for k in ("@type", "@id", "name", "url") if k in full}


_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, no ``<!--``, no entities.

    The escapes are JSON string escapes, so ``json.loads`` reads back the same text.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


# -- Sphinx events ---------------------------------------------------------------------


#: One object for every page's JSON-LD view: the environment's pickle then holds it once.
JSONLD_VIEW = View("jsonld", ())


def note_jsonld_view(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after the collector): articles and profiles show a JSON-LD view."""
    docname = app.env.docname
    domain = get_domain(app.env)
    # The collector has classified the page (an ABlog ``post`` directive it removed
    # included): never classify it again here.
    if domain.is_clinic_page(docname):
        domain.add_view(docname, JSONLD_VIEW)


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the page's JSON-LD into its ``<head>``."""
    if doctree is None or not is_website(app.builder):
        return
    domain = get_domain(app.env)
    index = domain.site_index()
    data: ArticleData | ProfileData | HubData | None = compute_jsonld(index, pagename)
    if data is None:
        data = compute_hub(index, pagename, domain.views.get(pagename, ()))
    practice = validated_practice(app)
    is_home = pagename == app.config.root_doc
    if data is None and not (is_home and practice):
        return
    builder = app.builder

    def link(docname: str) -> str:
        return page_address(builder, pagename, docname)

    def file_link(path: str) -> str:
        return site_file_url(app, path) if base_url(builder) else ""

    url = link(pagename)
    image = page_image(app, index, pagename)[0] if base_url(builder) else ""
    publisher = practice_reference(practice) if practice else None
    blocks: list[dict[str, Any]] = []
    if is_home and practice:
        blocks.append({"@context": "https://schema.org", **practice_jsonld(practice, file_link)})
    page = index.article(pagename) or index.profile_at(pagename)
    # The language of the page's text: its own (front matter), else the site's.
    language = page_language(page.language if page else "", app.config.language)
    if isinstance(data, ArticleData):
        blocks.append(article_jsonld(data, url, link, language, image, publisher))
    elif isinstance(data, ProfileData):
        # The person's photo, never the site's default picture.
        photo = file_link(data.photo) if data.photo else ""
        blocks.append(profile_jsonld(data, url, photo, publisher, language))
    elif isinstance(data, HubData):
        title = str(context.get("title") or "")
        blocks.append(hub_jsonld(data, url, html.unescape(re.sub("<[^>]+>", "", title)), link))
    tags = "".join(
        f'\n<script type="application/ld+json">{script_json(block)}</script>' for block in blocks
    )
    context["metatags"] = str(context.get("metatags", "")) + tags


def validated_practice(app: Sphinx) -> dict[str, Any]:
    """``clinic_practice``, with the site's name and address as defaults ({} when unset)."""
    practice = app.config.clinic_practice
    if not isinstance(practice, dict) or not practice:
        return {}
    return {"name": app.config.project, "url": app.config.html_baseurl or "", **practice}


def check_practice(app: Sphinx, config: Any) -> None:
    """``config-inited``: ``clinic_practice`` has known keys and a usable address."""
    practice = config.clinic_practice
    if not practice:
        return
    known = {*PRACTICE_FIELDS, "type"}
    problems = [f"unknown key '{key}'{suggest(key, known)}" for key in practice if key not in known]
    address = practice.get("address")
    if isinstance(address, dict):
        problems += [
            f"unknown address key '{key}'{suggest(key, ADDRESS_FIELDS)}"
            for key in address
            if key not in ADDRESS_FIELDS
        ]
    elif address is not None and not isinstance(address, str):
        problems.append("'address' must be text or a dict of " + ", ".join(ADDRESS_FIELDS))
    if practice.get("type") not in (None, "MedicalBusiness", "MedicalClinic", "Organization"):
        problems.append("'type' must be MedicalBusiness, MedicalClinic or Organization")
    for problem in problems:
        warn(f"clinic_practice: {problem}", ClinicWarning.CONFIG, conf_location(app))


def setup_structured_data(app: Sphinx) -> None:
    add_view_types({"jsonld": ViewType(compute_jsonld, _render_nothing)})
    # After the collector (600), which records the article or profile.
    app.connect("doctree-read", note_jsonld_view, priority=700)
    # Before sphinxext-opengraph (500), which reads the og:description we hand it and
    # leaves out its own description when the page already has one.
    app.connect("html-page-context", add_page_metadata, priority=450)
    app.connect("config-inited", check_practice)
