"""Front matter as other site generators write it, mapped onto sphinx-clinic's keys.

Pure functions, no Sphinx: a practice moving from Hugo, Jekyll, Material for MkDocs'
blog or a Squarespace export keeps its pages' front matter as it is. The mapping (also
the table in ``docs/guide/writing.md``):

=====================================  ==========================================
written                                read as
=====================================  ==========================================
``description``, ``excerpt``           ``summary`` (when the page has none)
``lastmod``                            ``updated`` (when the page has none)
``date: {created: ..., updated: ...}`` ``date`` and ``updated`` (Material)
``categories`` (a word or a list)      like ``tags``: specialties or free tags
=====================================  ==========================================

Date-times with a time and an offset (``2025-03-07T10:00:00-05:00``,
``2024-11-02 09:30:00 -0500``) keep the author's local date (see
:func:`~.frontmatter.parse_date`); ``layout``, ``permalink`` and ``slug`` are accepted
and not used (the page's URL stays its file name, so links never break).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Keys of other generators and the sphinx-clinic key each stands for, in order of
#: preference: the first one written wins when the page lacks the target.
ALIASES: tuple[tuple[str, str], ...] = (
    ("description", "summary"),
    ("excerpt", "summary"),
    ("lastmod", "updated"),
    ("categories", "category"),
)


def map_generator_keys(
    data: Mapping[str, Any], lines: Mapping[str, int]
) -> tuple[dict[str, Any], dict[str, int]]:
    """``data`` (decoded front matter) with other generators' keys renamed to ours.

    ``lines`` (key -> source line) follows the renames, so that a problem with a mapped
    value is reported at the line the author wrote. A key that sphinx-clinic's own key
    already gives is dropped: ``summary`` wins over ``description``.
    """
    mapped = dict(data)
    where = dict(lines)
    dates = mapped.get("date")
    if isinstance(dates, Mapping):  # Material for MkDocs: date: {created:, updated:}
        del mapped["date"]
        for part, key in (("created", "date"), ("updated", "updated")):
            value = dates.get(part)
            if value is not None and key not in mapped:
                mapped[key] = value
                if "date" in lines:
                    where[key] = lines["date"]
    for theirs, ours in ALIASES:
        if theirs not in mapped:
            continue
        value = mapped.pop(theirs)
        if ours == "category":
            mapped[ours] = _words(mapped.get(ours)) + _words(value)
        elif ours in mapped:
            continue
        else:
            mapped[ours] = value
        if theirs in lines:
            where.setdefault(ours, lines[theirs])
    return mapped, where


def _words(value: Any) -> list[Any]:
    """A word, a comma-separated string or a list, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
