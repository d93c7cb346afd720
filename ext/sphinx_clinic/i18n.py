"""The extension's labels in a page's language: its message catalogs, by BCP 47 tag."""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: The gettext domain of the extension's labels (``locale/<catalog>/LC_MESSAGES/``).
DOMAIN = "sphinx_clinic"
LOCALE_DIR = Path(__file__).parent / "locale"

#: The catalog a language without a region reads, where the catalog is regional: CLDR's
#: default script and region for the language (``zh`` is Simplified Chinese, ``pt`` is
#: Brazilian Portuguese).
DEFAULT_REGION = {"zh": "CN", "pt": "BR"}
#: Chinese written in Traditional characters: never given the Simplified catalog.
TRADITIONAL_CHINESE = frozenset({"hant", "tw", "hk", "mo"})


@functools.lru_cache(maxsize=256)
def catalog_names(language: str) -> tuple[str, ...]:
    """The catalogs that may hold labels for a BCP 47 tag, best first.

    ``es-MX`` -> ``es_MX``, ``es``; ``pt-PT`` -> ``pt_PT``, ``pt``, ``pt_BR``;
    ``zh-Hans-CN`` -> ``zh_CN``, ``zh``; ``zh-TW`` -> ``zh_TW``, ``zh`` only (Traditional
    Chinese readers get English labels rather than Simplified ones). ``pt_BR`` (Sphinx's
    spelling in ``conf.py``) reads as ``pt-BR``.
    """
    parts = [p for p in re.split(r"[-_]", language.strip()) if p]
    if not parts or not parts[0].isalpha():
        return ()
    lang = parts[0].lower()
    subtags = {p.lower() for p in parts[1:]}
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    names = [f"{lang}_{region}" for region in regions[:1]]
    if lang == "zh" and "hans" in subtags and not regions:
        names.append("zh_CN")
    names.append(lang)
    default = DEFAULT_REGION.get(lang)
    if default and not (lang == "zh" and subtags & TRADITIONAL_CHINESE):
        names.append(f"{lang}_{default}")
    return tuple(dict.fromkeys(names))


def page_language(own: str, site: str | None) -> str:
    """The language of a page's text: its front matter's ``language``, else the site's
    (``language`` in ``conf.py``), else English."""
    return own or str(site or "") or "en"


def same_language(one: str, other: str) -> bool:
    """Whether two tags name the same language and region (``pt_BR`` and ``pt-br`` do)."""
    return catalog_names(one)[:1] == catalog_names(other)[:1]


@functools.cache
def translator(language: str) -> gettext.NullTranslations:
    """The extension's catalog for ``language`` (a BCP 47 tag, or Sphinx's ``pt_BR``).

    A language the extension has no catalog for gets the English labels (the messages
    themselves). Cached: the catalogs are files of the installed package, read once.
    """
    for name in catalog_names(language):
        path = LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            with path.open("rb") as catalog:
                return gettext.GNUTranslations(catalog)
    return gettext.NullTranslations()


def for_language(mapping: Mapping[str, T], language: str) -> T | None:
    """The entry of a per-language mapping (``{"en": ..., "es": ...}``, keys BCP 47 tags
    or Sphinx's ``pt_BR``) that fits ``language`` best: its region's, then its
    language's; None when none fits."""
    by_name = {catalog_names(key)[:1]: entry for key, entry in mapping.items()}
    for name in catalog_names(language):
        entry = by_name.get((name,))
        if entry is not None:
            return entry
    return None
