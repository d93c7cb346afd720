"""Dates as readers of a page's language write them."""

from __future__ import annotations

import functools
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date


def format_day(day: Any, config: Any = None, language: str = "") -> str:
    """A date as readers of ``language`` write it ("March 4, 2025", "4 de marzo de 2025");
    without one, the site's (``config.language``), else English."""
    if not language:
        language = (getattr(config, "language", None) or "en") if config is not None else "en"
    return _format_day(day, language)


@functools.lru_cache(maxsize=4096)
def _format_day(day: Any, language: str) -> str:
    """Babel takes tens of microseconds a date, and a site shows each date on many pages."""
    locale = _babel_locale(language)
    if locale is None:
        return str(day.isoformat())
    return str(format_date(day, format="long", locale=locale))


@functools.cache
def _babel_locale(language: str) -> Any:
    """Parsing a locale costs more than formatting a date with it: parse each once."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return None
