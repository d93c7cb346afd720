"""Warnings that need the whole site: unknown authors, duplicate ids, stale reviews.

They run at Sphinx's consistency check, after every page is read, so they are the same
for a serial, a parallel and an incremental build.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sphinx.util import logging

from .credentials import credential_glossary
from .text import slug, suggest
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .siteindex import SiteIndex

logger = logging.getLogger(__name__)


def check_site(env: BuildEnvironment, index: SiteIndex, today: dt.date | None = None) -> None:
    """Warn about cross-page problems, in docname order so output is stable."""
    today = today or dt.date.today()
    clinicians = index.clinicians
    for clinician_id, docnames in sorted(index.duplicate_clinicians.items()):
        files = " and ".join(str(env.doc2path(d, False)) for d in docnames)
        for docname in docnames[1:]:
            warn(
                f"clinician id '{clinician_id}' is used by {files}; give each profile its "
                "own id (the file name, or 'id:' in the front matter)",
                ClinicWarning.DUPLICATE,
                (docname, index.clinician_record(docname).line("id")),
            )
    _check_credentials(env, index)
    _check_translations(index)
    _report_unused_specialties(index)
    seen_titles: dict[tuple[str, dt.date | None], str] = {}
    max_age = dt.timedelta(days=int(env.config.clinic_review_max_age_days))
    _check_tag_map(env, index)
    warn_guests = env.config.clinic_guest_authors != "silent"
    for article in sorted(index.all_articles(), key=lambda a: a.docname):
        written = index.written_article(article.docname)
        for author in written.authors if written is not None and warn_guests else ():
            if index.author(author).clinician_id is None:
                warn(
                    _unknown_author_message(index, author),
                    ClinicWarning.AUTHOR,
                    (article.docname, article.line("author")),
                )
        if article.reviewed_by and article.reviewed_by not in clinicians:
            warn(
                f"unknown reviewer '{article.reviewed_by}'"
                f"{suggest(article.reviewed_by, clinicians)}",
                ClinicWarning.REVIEW,
                (article.docname, article.line("reviewed_by")),
            )
        if article.reviewed_on is not None:
            if article.reviewed_on > today:
                warn(
                    f"'reviewed_on' {article.reviewed_on.isoformat()} is in the future; "
                    "use the date the review happened",
                    ClinicWarning.REVIEW,
                    (article.docname, article.line("reviewed_on")),
                )
            elif max_age.days > 0 and today - article.reviewed_on > max_age:
                warn(
                    f"clinical review of {article.reviewed_on.isoformat()} is older than "
                    f"{max_age.days} days; ask a clinician to review the article again",
                    ClinicWarning.REVIEW,
                    (article.docname, article.line("reviewed_on")),
                )
        key = (article.title.casefold(), article.date)
        if key in seen_titles and not article.draft:
            warn(
                f"another article, '{seen_titles[key]}', has the same title and date; "
                "retitle one of them",
                ClinicWarning.DUPLICATE,
                (
                    article.docname,
                    article.line("title") if article.line("title") > 1 else article.line("date"),
                ),
            )
        elif not article.draft:
            seen_titles[key] = article.docname


def _looks_like_id(text: str) -> bool:
    return bool(text) and text == slug(text)


def _unknown_author_message(index: SiteIndex, author: str) -> str:
    """An unknown clinician id, or a name no profile has (a guest)."""
    name = index.author(author).name
    if _looks_like_id(author) and name == author:
        return (
            f"unknown author '{author}'{suggest(author, index.clinicians)} "
            "(authors are clinician ids: the file names of the profiles)"
        )
    names = {c.name: c.name for c in index.clinicians.values()}
    return (
        f"no clinician profile is named '{name}'{suggest(name, names)}; the byline shows "
        "the name without a card. Map it to a clinician id in clinic_author_map, or set "
        "clinic_guest_authors = 'silent' to accept authors without profiles"
    )


def _check_tag_map(env: BuildEnvironment, index: SiteIndex) -> None:
    """Each ``clinic_tag_map`` target that is no specialty, and the tags left out."""
    vocabulary = index.base_vocabulary
    for tag, target in sorted(env.config.clinic_tag_map.items()):
        if target and vocabulary.resolve(str(target)) is None:
            warn(
                f"clinic_tag_map in conf.py maps the tag '{tag}' to '{target}', which is not a "
                f"specialty{vocabulary.suggestion(str(target))}; posts keep the tag as it is "
                f"until you add it to {env.config.clinic_specialties_file} or fix the map",
                ClinicWarning.CONFIG,
            )
    if index.ignored_tags:
        logger.info(
            "sphinx-clinic: tags and categories left out (no specialty stands for them and "
            "clinic_unmapped_tags is 'ignore'; map them in clinic_tag_map): "
            + ", ".join(index.ignored_tags)
        )


def _check_translations(index: SiteIndex) -> None:
    """Each ``translation_of`` that cannot be followed, at its line."""
    for translations in (index.article_translations, index.profile_translations):
        for problem in translations.problems:
            page = index.written_article(problem.docname) or index.clinician_record(problem.docname)
            warn(
                problem.message,
                ClinicWarning.TRANSLATION,
                (problem.docname, page.line("translation_of")),
            )


def _check_credentials(env: BuildEnvironment, index: SiteIndex) -> None:
    """Each credential missing from the glossary, once, at its first profile."""
    glossary = credential_glossary(env.config)
    reported: set[str] = set()
    for clinician in sorted(index.clinicians.values(), key=lambda c: c.docname):
        for letters in clinician.credentials:
            if letters.upper() in glossary or letters.upper() in reported:
                continue
            reported.add(letters.upper())
            warn(
                f"unknown credential '{letters}'{suggest(letters, glossary)}; add its meaning "
                f"to clinic_credentials in conf.py, e.g. {{'{letters}': 'Licensed ...'}}",
                ClinicWarning.CREDENTIAL,
                (clinician.docname, clinician.line("credentials")),
            )


def _report_unused_specialties(index: SiteIndex) -> None:
    """Vocabulary entries no page uses: worth knowing, not worth a warning."""
    used = {s for a in index.all_articles() for s in a.specialties}
    used |= {s for c in index.clinicians.values() for s in c.specialties}
    unused = sorted(set(index.vocabulary.specialties) - used)
    if unused:
        logger.info(
            "sphinx-clinic: specialties no article or profile uses yet: " + ", ".join(unused)
        )
