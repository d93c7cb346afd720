"""Every warning this extension gives, declared once: :class:`ClinicWarning` and :func:`warn`.

Sphinx prints a warning as ``file:line: WARNING: message [clinic.<subtype>]``; a site may
silence one kind with ``suppress_warnings = ["clinic.<subtype>"]``. The guide's table
(docs/guide/warnings.md) lists every subtype with an example, and ``tests/test_warnings.py``
holds it to this enum.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)


class ClinicWarning(StrEnum):
    """The subtypes of ``type="clinic"`` warnings; :data:`MEANINGS` says what each means."""

    AUTHOR = "author"
    CLINICIAN = "clinician"
    CONFIG = "config"
    CREDENTIAL = "credential"
    CRISIS = "crisis"
    DATE = "date"
    DIRECTIVE = "directive"
    DUPLICATE = "duplicate"
    ENCODING = "encoding"
    FEED = "feed"
    FRONTMATTER = "frontmatter"
    HTML = "html"
    ID = "id"
    IMAGE = "image"
    INSURANCE = "insurance"
    LOCATION = "location"
    META = "meta"
    PAGE = "page"
    PATH = "path"
    REF = "ref"
    REVIEW = "review"
    SITEMAP = "sitemap"
    SPECIALTY = "specialty"
    TITLE = "title"
    TRANSLATION = "translation"
    VOCABULARY = "vocabulary"


MEANINGS: dict[ClinicWarning, str] = {
    ClinicWarning.AUTHOR: "An author no clinician profile has (in front matter, author-card "
    "or article-list), or a name that matches no profile.",
    ClinicWarning.CLINICIAN: "A clinician profile without a name.",
    ClinicWarning.CONFIG: "A clinic_* value in conf.py that cannot work.",
    ClinicWarning.CREDENTIAL: "Credential letters the glossary does not know.",
    ClinicWarning.CRISIS: "A page language the default crisis notice has not been checked in "
    "(it stays English until clinic_crisis_notice gives that language's).",
    ClinicWarning.DATE: "A date that is missing, not a date, or ambiguous.",
    ClinicWarning.DIRECTIVE: "A directive option the directive does not know.",
    ClinicWarning.DUPLICATE: "Two profiles with one id, or two articles with one title and date.",
    ClinicWarning.ENCODING: "A page or the vocabulary that is not UTF-8.",
    ClinicWarning.FEED: "Feeds that could not be written (no html_baseurl).",
    ClinicWarning.FRONTMATTER: "A front matter field with a wrong value or a misspelt key.",
    ClinicWarning.HTML: "Raw HTML or LaTeX in a page, shown as text (clinic_raw_html).",
    ClinicWarning.ID: "An id (clinician, specialty, tag) that is not a plain id; the plain "
    "one made of it is used.",
    ClinicWarning.IMAGE: "An image or photo that is missing or outside the source folder.",
    ClinicWarning.INSURANCE: "An insurance plan insurance.yaml does not have, or a problem in "
    "that file.",
    ClinicWarning.LOCATION: "An office locations.yaml does not have, or a problem in that file.",
    ClinicWarning.META: "An html_meta refresh to an address that is not safe (removed).",
    ClinicWarning.PAGE: "A generated page (an archive's page 2, say) whose name a source page "
    "already has, or that two listings generate; it is left out.",
    ClinicWarning.PATH: "A directive, picture or download that reads a file outside the source "
    "folder, or a :url: (refused).",
    ClinicWarning.REF: "A clinician or specialty role pointing at nothing.",
    ClinicWarning.REVIEW: "An unknown reviewer, or a review date in the future or too old.",
    ClinicWarning.SITEMAP: "A sitemap that could not be written (no html_baseurl).",
    ClinicWarning.SPECIALTY: "A specialty the vocabulary does not have.",
    ClinicWarning.TITLE: "A front matter title and a # heading that differ.",
    ClinicWarning.TRANSLATION: "A translation_of that names no page of its kind, the page "
    "itself, a translation, a circle, or a second translation in one language.",
    ClinicWarning.VOCABULARY: "A problem in the specialty vocabulary file.",
}


def warn(message: str, subtype: ClinicWarning, location: Any = None) -> None:
    """Warn as ``[clinic.<subtype>]``, at ``location`` (a node, ``(docname, line)`` or
    ``"path:line"``), so ``-W`` fails the build and the author sees where."""
    logger.warning(message, location=location, type="clinic", subtype=str(subtype))
