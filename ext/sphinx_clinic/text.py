"""Text helpers every layer uses: slugs and plain ids, "did you mean" suggestions, name
comparison, and the one rule for which URLs may become links."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def check_url(value: Any) -> str | None:
    """Refuse a URL that could run code or leave the web (``javascript:``, ``data:``,
    a backslashed ``\\\\host/x``), and anything that is not text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected a web address as text, got {_kind(value)}")
    value = value.strip()
    if not is_safe_url(value):
        raise ValueError(
            f"{value!r} is not a web, mailto or tel address; use a link that starts "
            "with https://, mailto: or tel:"
        )
    return value


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and tel URLs and for relative URLs; never scripts.

    Browsers read a backslash as a slash, so ``\\\\evil.example/x`` and ``/\\evil`` are
    other sites, not relative paths: any backslash is refused.
    """
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    if "\\" in cleaned or cleaned.startswith("//"):
        return False
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return scheme in _SAFE_SCHEMES or scheme == ""


def _kind(value: Any) -> str:
    """How a wrong value reads to an author: "a list", "a number"..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


#: The longest id (and so file name) accepted; longer ones are cut (with a digest).
MAX_ID_LENGTH = 80


_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


class IdReading(NamedTuple):
    """An id as written and the id used; ``problem`` says why they differ ("" if not)."""

    id: str
    problem: str = ""


def clean_id(written: str, what: str = "id") -> IdReading:
    """The one rule for clinician, specialty and tag ids: lowercase ASCII letters and
    digits, joined by single ``-`` or ``_``, at most :data:`MAX_ID_LENGTH` characters.

    Anything else is turned into such an id (its slug, cut to length with a short
    digest so that two long ids stay apart) and ``problem`` names the offending
    characters and the id used instead.
    """
    text = written.strip()
    if _ID.fullmatch(text) and len(text) <= MAX_ID_LENGTH:
        return IdReading(text)
    used = slug(text)
    if len(used) > MAX_ID_LENGTH or not used:
        digest = hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
        used = (used[: MAX_ID_LENGTH - 9].rstrip("-") + "-" + digest).lstrip("-")
    offending = sorted({ch for ch in text if not (ch.isascii() and (ch.isalnum() or ch in "-_"))})
    reasons = []
    if offending:
        shown = " ".join(_show_char(ch) for ch in offending[:12])
        reasons.append(f"it contains {shown}")
    if len(text) > MAX_ID_LENGTH:
        reasons.append(f"it is {len(text)} characters long (at most {MAX_ID_LENGTH})")
    if not reasons:
        reasons.append("ids are lowercase letters and digits joined by single '-' or '_'")
    problem = (
        f"{what} {_short(text)!r} is not a plain id ({'; '.join(reasons)}); using "
        f"'{used}' instead; write it as lowercase letters, digits and hyphens"
    )
    return IdReading(used, problem)


def _show_char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return repr(ch)
    return {" ": "a space", "\t": "a tab"}.get(ch, f"U+{ord(ch):04X}")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def suggest(word: str, candidates: Iterable[str]) -> str:
    """Return a " did you mean ...?" suffix naming the closest candidates, or ""."""
    originals = {candidate.casefold(): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.casefold(), list(originals), n=3, cutoff=0.6)
    return did_you_mean([originals[c] for c in close])


def did_you_mean(options: Iterable[str]) -> str:
    """ "; did you mean 'a' or 'b'?" for the given options ("" for none)."""
    quoted = [f"'{option}'" for option in options]
    return "; did you mean " + " or ".join(quoted) + "?" if quoted else ""


def name_key(name: str) -> str:
    """How people's names are compared: case, spacing and typographic apostrophes are
    ignored, accents are not ("Zoë" is not "Zoe")."""
    text = unicodedata.normalize("NFC", name).translate(_SMART_QUOTES)
    return " ".join(text.casefold().split())


def slug(text: str) -> str:
    """Lowercase, hyphenated ASCII form of ``text`` (for ids and file names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
