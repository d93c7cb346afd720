"""A page's source as the build and the command line read it: the front matter block,
the line of each field, the values MyST hands over, and whether the page is an article, a
clinician profile or another page."""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from .text import _SMART_QUOTES

#: docutils parses these fields as inline markup (smart quotes included).
BIBLIOGRAPHIC_FIELDS = frozenset(
    {"author", "authors", "organization", "address", "contact", "version"}
    | {"revision", "status", "date", "copyright"}
)


def decode_value(key: str, raw: Any) -> Any:
    """Return the Python value MyST flattened into ``raw`` for front matter ``key``."""
    if isinstance(raw, list):
        # ``authors`` is split by docutils on "," (or ";"); glue the fragments back.
        raw = ", ".join(str(part) for part in raw)
    if not isinstance(raw, str):
        return raw
    text = raw.translate(_SMART_QUOTES) if key in BIBLIOGRAPHIC_FIELDS else raw
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return raw
    return raw


def decode_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Decode every front matter field of one page (see :func:`decode_value`).

    Keys that YAML 1.1 turned into booleans come back as ``"True"``/``"False"``; they
    are kept under that name so that validation can point at them.
    """
    return {str(key): decode_value(str(key), value) for key, value in metadata.items()}


_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*|'[^']*'|\"[^\"]*\")\s*:")


def field_lines(source: str) -> dict[str, int]:
    """Map each top-level front matter key to its 1-based line in ``source``.

    Only the YAML block between the leading ``---`` fences is scanned; keys YAML 1.1
    reads as booleans are also recorded under ``"True"``/``"False"``.
    """
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match.group(1).strip("'\"")
            found.setdefault(key, number)
            boolean = _YAML11_BOOLEAN_KEYS.get(key.lower())
            if boolean:
                found.setdefault(boolean, number)
    return found


_YAML11_BOOLEAN_KEYS = {
    word: str(value)
    for value, words in ((True, ("on", "yes", "y", "true")), (False, ("off", "no", "n", "false")))
    for word in words
}


def front_matter_end(source: str) -> int:
    """Return the 1-based line of the closing front matter fence (0 without one)."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return number
    return 0


class PageKind(StrEnum):
    """What a page is to sphinx-clinic."""

    ARTICLE = "article"
    CLINICIAN = "clinician"
    PAGE = "page"


def classify_page(
    docname: str,
    metadata: Mapping[str, Any],
    article_dirs: Iterable[str],
    clinician_dirs: Iterable[str],
    *,
    post_patterns: Iterable[str] = (),
    source_name: str = "",
    has_post_directive: bool = False,
) -> PageKind:
    """Recognise articles and clinician profiles.

    An explicit ``clinic: article|clinician|page`` in the front matter wins. Then
    ABlog's marks make an article: ``blogpost: true``, a ``post`` directive, or a source
    file (``source_name``, relative to the source folder) or docname that matches one of
    ``post_patterns`` (ABlog's ``blog_post_pattern`` globs). Otherwise a page is an
    article when it lives in one of ``article_dirs`` and a profile when it lives in one
    of ``clinician_dirs``; an ``index`` page there is a plain page.
    """
    explicit = str(metadata.get("clinic", "")).strip().lower()
    if explicit in PageKind._value2member_map_:
        return PageKind(explicit)
    if has_post_directive or is_true(metadata.get("blogpost")):
        return PageKind.ARTICLE
    if any(matches_glob(name, p) for p in post_patterns for name in (source_name, docname) if name):
        return PageKind.ARTICLE
    if docname == "index" or docname.endswith("/index"):
        return PageKind.PAGE
    if _in_dirs(docname, article_dirs):
        return PageKind.ARTICLE
    if _in_dirs(docname, clinician_dirs):
        return PageKind.CLINICIAN
    return PageKind.PAGE


def is_true(value: Any) -> bool:
    """YAML's and MyST's ways of writing "yes": ``true`` (``"True"`` once flattened)..."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "on", "1")


def matches_glob(path: str, pattern: str) -> bool:
    """Whether a POSIX ``path`` matches a glob ``pattern`` as ``glob(recursive=True)``
    reads it: ``*`` and ``?`` stay within a folder, a ``**`` part spans any folders."""
    pattern = pattern.strip()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    return _match_parts(path.strip("/").split("/"), pattern.strip("/").split("/"))


def _match_parts(parts: list[str], patterns: list[str]) -> bool:
    if not patterns:
        return not parts
    if patterns[0] == "**":
        return any(_match_parts(parts[i:], patterns[1:]) for i in range(len(parts) + 1))
    return (
        bool(parts)
        and fnmatch.fnmatchcase(parts[0], patterns[0])
        and _match_parts(parts[1:], patterns[1:])
    )


def _in_dirs(docname: str, dirs: Iterable[str]) -> bool:
    return any(docname.startswith(d.strip("/") + "/") for d in dirs if d.strip("/"))
