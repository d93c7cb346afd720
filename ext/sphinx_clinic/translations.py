"""Which pages translate which: an original and its translations, linked by front matter
``translation_of`` and validated; language tags compared and named.

Pure: built from (docname, ``translation_of`` as written, language) triples, so it needs
no Sphinx application. :class:`~.siteindex.SiteIndex` links the articles and the profiles
of a site with :func:`link_translations`; ``checks`` reports the problems it finds.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from babel import Locale, UnknownLocaleError

from .text import did_you_mean


class Member(NamedTuple):
    """One page of a group: its language (BCP 47), its docname, whether it is the original."""

    language: str
    docname: str
    original: bool


class TranslationProblem(NamedTuple):
    """A ``translation_of`` that cannot be followed, at the page that wrote it."""

    docname: str
    message: str


@dataclass(frozen=True)
class Translations:
    """Groups of pages that are one text in several languages.

    ``groups`` holds every page of a group of two or more (original first, then by
    language tag); ``originals`` maps each translation to its original.
    """

    groups: dict[str, tuple[Member, ...]] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)
    problems: tuple[TranslationProblem, ...] = ()

    def group(self, docname: str) -> tuple[Member, ...]:
        """The group ``docname`` belongs to (``()`` for a page alone)."""
        return self.groups.get(docname, ())

    def original(self, docname: str) -> str:
        """The original of a translation; any other page is its own original."""
        return self.originals.get(docname, docname)


#: A language tag as BCP 47 writes it: ``es``, ``pt-BR``, ``zh-Hans`` (``_`` is accepted).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def is_language_tag(text: str) -> bool:
    """Whether ``text`` is written as a language tag (``es``, ``pt-BR``)."""
    return bool(_LANGUAGE_TAG.fullmatch(text.strip()))


def language_key(tag: str) -> str:
    """A language tag as compared: lower case, ``-`` between subtags (``pt_BR`` is
    ``pt-br``)."""
    return tag.strip().replace("_", "-").lower()


def pick_language(wanted: str, available: Iterable[str]) -> str | None:
    """The tag of ``available`` that serves a reader of ``wanted``: the same tag, else the
    same primary language (``es-MX`` is served by ``es``, ``es`` by ``es-419``)."""
    tags = list(available)
    key = language_key(wanted)
    for tag in tags:
        if language_key(tag) == key:
            return tag
    primary = key.split("-", 1)[0]
    for tag in tags:
        if language_key(tag) == primary:
            return tag
    for tag in tags:
        if language_key(tag).split("-", 1)[0] == primary:
            return tag
    return None


@functools.cache
def name_in_itself(tag: str) -> str:
    """A language's name as its speakers write it in a sentence ("English", "español",
    "português (Brasil)"); the tag itself when Babel does not know it."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return tag
    return str(locale.get_display_name(locale) or tag)


def own_name(tag: str) -> str:
    """A language's name in that language, as a reader looks for it in a list
    ("English", "Español", "Português (Brasil)")."""
    name = name_in_itself(tag)
    return name[:1].upper() + name[1:]


def _target(written: str, docname: str, known: Collection[str]) -> str | None:
    """The docname ``written`` names: as written (a leading ``/`` and a source suffix
    such as ``.md`` allowed), or relative to the page's folder."""
    text = written.strip().replace("\\", "/")
    candidates = [text.lstrip("/")]
    if not text.startswith("/"):
        candidates.append(posixpath.normpath(posixpath.join(posixpath.dirname(docname), text)))
    for candidate in candidates:
        stem = posixpath.splitext(candidate)[0]
        for name in (candidate, stem):
            if name in known:
                return name
    return None


def link_translations(
    pages: Mapping[str, tuple[str, str]],
    site_language: str,
    *,
    kind: str = "article",
    others: Collection[str] = (),
) -> Translations:
    """Group ``pages`` (docname -> (``translation_of`` as written, language or "" for the
    site's)) into originals and translations, with a problem for each link that cannot
    be followed: an unknown page (with the closest names), the page itself, a page of
    ``others`` (pages of another kind), a circle, a second translation in one language,
    a translation in the original's language. A link to a translation is followed to
    its original, with a problem that says so. Pages are visited in docname order, so
    the first of two claims wins in every build."""
    problems: list[TranslationProblem] = []
    kind_name = "clinician profile" if kind == "profile" else "article"
    a_kind = "a clinician profile" if kind == "profile" else "an article"
    links: dict[str, str] = {}
    for docname in sorted(pages):
        written = pages[docname][0].strip()
        if not written:
            continue
        target = _target(written, docname, pages)
        if target is None:
            other = _target(written, docname, others)
            if other is not None:
                message = (
                    f"translation_of '{written}' is not {a_kind}: {a_kind} can only be a "
                    f"translation of {a_kind}"
                )
            else:
                # Only originals are worth suggesting (a translation names its original).
                candidates = [d for d, (link, _) in pages.items() if not link.strip()]
                # Docnames share their folder: only a close match is a likely typo.
                close = difflib.get_close_matches(written, candidates, n=3, cutoff=0.8)
                message = f"translation_of: no {kind_name} is '{written}'" + did_you_mean(close)
            problems.append(TranslationProblem(docname, message))
        elif target == docname:
            problems.append(
                TranslationProblem(
                    docname,
                    f"translation_of '{written}' is this page itself; name the original "
                    f"{kind_name}, or remove translation_of from the original",
                )
            )
        else:
            links[docname] = target
    originals: dict[str, str] = {}
    for docname in sorted(links):
        path = [docname]
        current = links[docname]
        while current in links and current not in path:
            path.append(current)
            current = links[current]
        if current in links:  # the walk came back to a page it had seen: a circle
            circle = [*path[path.index(current) :], current]
            problems.append(
                TranslationProblem(
                    docname,
                    "translation_of goes round in a circle ("
                    + " -> ".join(circle)
                    + "); the original page must not have translation_of",
                )
            )
            continue
        if len(path) > 1:
            problems.append(
                TranslationProblem(
                    docname,
                    f"translation_of '{links[docname]}' is itself a translation of "
                    f"'{current}'; write translation_of: {current}",
                )
            )
        originals[docname] = current

    def language(docname: str) -> str:
        return pages[docname][1] or site_language

    members: dict[str, list[str]] = {}
    for docname, original in sorted(originals.items()):
        members.setdefault(original, []).append(docname)
    groups: dict[str, tuple[Member, ...]] = {}
    kept: dict[str, str] = {}
    for original, translations in sorted(members.items()):
        taken = {language_key(language(original)): original}
        group = [Member(language(original), original, True)]
        for docname in translations:
            key = language_key(language(docname))
            if taken.get(key) == original:
                problems.append(
                    TranslationProblem(
                        docname,
                        f"this translation is in '{language(docname)}', the language of its "
                        f"original '{original}'; set its language, e.g. 'language: es'",
                    )
                )
                continue
            if key in taken:
                problems.append(
                    TranslationProblem(
                        docname,
                        f"'{taken[key]}' is already the '{language(docname)}' translation of "
                        f"'{original}'; keep one translation per language",
                    )
                )
                continue
            taken[key] = docname
            kept[docname] = original
            group.append(Member(language(docname), docname, False))
        if len(group) > 1:
            ordered = (group[0], *sorted(group[1:], key=lambda m: language_key(m.language)))
            for member in ordered:
                groups[member.docname] = ordered
    problems.sort(key=lambda p: p.docname)
    return Translations(groups, kept, tuple(problems))
