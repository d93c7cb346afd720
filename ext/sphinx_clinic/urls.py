"""Addresses of pages and files on the published site, for feeds, sitemap and JSON-LD."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import NoUri

from .text import clean_id
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


#: HTML-format builders whose output is not one page per document at its target URI.
_NOT_WEBSITES = frozenset({"singlehtml", "epub", "json", "pickle"})


def language_page(directory_docname: str, language: str) -> str:
    """The generated page of the clinicians who speak ``language`` (as written, any
    case): ``<directory page's folder>/language/<id>``, the id made by the one id rule
    (``spanish``; a name in another script, such as 中文, gets a short digest)."""
    if not language.strip():
        return ""
    name = file_name(language.strip().casefold())
    return posixpath.join(posixpath.dirname(directory_docname), "language", name)


def is_website(builder: Builder) -> bool:
    """True for builders that publish a website: one HTML page per document.

    ``html`` and ``dirhtml`` (and themes' builders derived from them) are; ``singlehtml``,
    ``epub`` and the serializing builders have ``format == "html"`` but are not.
    """
    return builder.format == "html" and builder.name not in _NOT_WEBSITES


def base_url(builder: Builder) -> str:
    """``html_baseurl``, or "" when it is not set."""
    return str(builder.config.html_baseurl or "")


def page_url(builder: Builder, docname: str) -> str:
    """The absolute URL of a page, computed as Sphinx computes its canonical link."""
    return posixpath.join(base_url(builder), builder.get_target_uri(docname))


def file_url(builder: Builder, path: str) -> str:
    """The absolute URL of a file written at ``path`` (POSIX, relative to the output)."""
    return posixpath.join(base_url(builder), path)


def self_uri(builder: Builder, docname: str) -> str:
    """A relative URL of a page from itself: ``worry.html``, or ``./`` for ``dirhtml``."""
    return builder.get_target_uri(docname).rsplit("/", 1)[-1] or "./"


def page_address(builder: Builder, fromdocname: str, docname: str) -> str:
    """How page ``fromdocname`` links to ``docname`` in its head and JSON-LD: the
    absolute URL when ``html_baseurl`` is set, else a relative one ("" when the output
    has no such page)."""
    if base_url(builder):
        return page_url(builder, docname)
    if docname == fromdocname:
        return self_uri(builder, docname)
    try:
        return builder.get_relative_uri(fromdocname, docname)
    except NoUri:
        return ""


def file_name(key: str) -> str:
    """A file name (without suffix) for an id: the id itself when it is a plain id such
    as ``ana-lima`` (see :func:`~.frontmatter.clean_id`), else the id that rule makes of
    it: never longer than ``MAX_ID_LENGTH``, never reaching outside its folder."""
    return clean_id(key).id


def conf_location(app: Sphinx) -> str:
    """Where configuration problems are located: the project's ``conf.py``.

    A location without a colon would be taken for a docname, hence the line number.
    """
    return f"{Path(app.confdir, 'conf.py')}:1"


def has_base_url(app: Sphinx, what: str, switch: str, subtype: ClinicWarning) -> bool:
    """Whether ``html_baseurl`` is set; if not, say what was skipped and how to fix it."""
    if app.config.html_baseurl:
        return True
    warn(
        f"html_baseurl is not set, so {what} needs absolute addresses); set it to the "
        "site's address in conf.py, e.g. html_baseurl = 'https://kb.example.org/', "
        f"or set {switch} = False",
        subtype,
        conf_location(app),
    )
    return False


# -- where feeds go (pages link to them; feeds.py writes them) ---------------------------

FEEDS_DIR = "feeds"
FEED_KIND_DIRS = {"author": "authors", "specialty": "specialties"}


def feed_path(kind: str, key: str = "") -> str:
    """Where a feed is written: a POSIX path relative to the output root.

    ``kind`` is ``"site"`` (no key), ``"author"`` (key: a clinician id) or
    ``"specialty"`` (key: a vocabulary id); e.g. ``feeds/specialties/anxiety.xml``.
    """
    if kind == "site":
        return f"{FEEDS_DIR}/atom.xml"
    if kind not in FEED_KIND_DIRS or not key:
        raise ValueError(f"no feed of kind {kind!r} for key {key!r}")
    return f"{FEEDS_DIR}/{FEED_KIND_DIRS[kind]}/{file_name(key)}.xml"


def feeds_enabled(app: Sphinx) -> bool:
    """Whether this build writes feeds (so pages may link to them)."""
    return bool(app.config.clinic_feeds and app.config.html_baseurl and is_website(app.builder))
