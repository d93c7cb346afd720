"""The old site's addresses of each imported page, and redirect maps to the new ones.

Two forms are written: ``_redirects`` (Netlify and Cloudflare Pages read it; other
hosts have an equivalent) and a JSON map for sphinx-reredirects, which writes a small
redirect page at each old address, for hosts with no redirect rules (GitHub Pages).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

#: What an old path may contain to become a redirect source file name.
_SAFE_PATH = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


@dataclass(frozen=True)
class Redirect:
    """One old address (a path, maybe with ``?p=ID``) and the new page's URL path."""

    old: str
    new: str


def old_paths(link: str, post_id: int, slug: str, date: str, post_type: str) -> list[str]:
    """Every address the old site answered for a post: its permalink, the short link
    ``/?p=ID``, ``/blog/<slug>`` (Squarespace's form) and WordPress's dated permalinks
    (``/2024/03/05/<slug>/``, ``/2024/03/<slug>/``)."""
    found: list[str] = []
    path = urlsplit(link).path if link else ""
    if path and path != "/":
        found.append(path)
    if post_id:
        found.append(f"/?p={post_id}" if post_type == "post" else f"/?page_id={post_id}")
    raw_slug = unquote(slug.rstrip("/").rsplit("/", 1)[-1]) if slug else ""
    if raw_slug and post_type == "post":
        found.append(f"/blog/{raw_slug}/")
        year, month, day = date[:4], date[5:7], date[8:10]
        if year.isdigit() and month.isdigit() and day.isdigit():
            found.append(f"/{year}/{month}/{day}/{raw_slug}/")
            found.append(f"/{year}/{month}/{raw_slug}/")
    elif raw_slug:
        found.append(f"/{raw_slug}/")
    return list(
        dict.fromkeys(p for p in found if _SAFE_PATH.match(p.split("?")[0]) and ".." not in p)
    )


def normalise_path(path: str) -> str:
    """How two old addresses are compared: decoded, without trailing slash or ``index``."""
    path = unquote(path).rstrip("/")
    return path.removesuffix("/index.html").removesuffix("/index.php") or "/"


def static_host_file(redirects: Iterable[Redirect], source: str) -> str:
    """A ``_redirects`` file: ``/old/ /new.html 301`` a line, each path with and without
    its trailing slash; ``/?p=ID`` short links as Netlify's query rules."""
    lines = [
        f"# Old addresses of the pages imported from {source}, and where they are now.",
        "# Netlify and Cloudflare Pages read this file from the site's root; keep it there.",
    ]
    seen: set[str] = set()
    for redirect in redirects:
        path, _, query = redirect.old.partition("?")
        if query:
            line = f"{path} {query} {redirect.new} 301"
            if line not in seen:
                seen.add(line)
                lines.append(line)
            continue
        for variant in dict.fromkeys((path, path.rstrip("/") or "/")):
            if variant != "/" and variant not in seen:
                seen.add(variant)
                lines.append(f"{variant} {redirect.new} 301")
    return "\n".join(lines) + "\n"


def reredirects_map(redirects: Iterable[Redirect], docnames: Iterable[str]) -> dict[str, str]:
    """sphinx-reredirects' ``redirects``: old page (a docname-like path) -> new URL.

    A path ending in ``/`` is served by its ``index.html``; query-string addresses
    cannot be static files and are left to ``_redirects``. A source that is, or would
    overwrite, a real page of the site is skipped.
    """
    existing = set(docnames)
    found: dict[str, str] = {}
    for redirect in redirects:
        if "?" in redirect.old:
            continue
        path = unquote(redirect.old).strip("/")
        if not path:
            continue
        source = path.removesuffix(".html") if redirect.old.endswith(".html") else f"{path}/index"
        if source in existing or source.removesuffix("/index") in existing:
            continue
        found.setdefault(source, redirect.new)
    return dict(sorted(found.items()))


def reredirects_json(mapping: dict[str, str]) -> str:
    return json.dumps(mapping, indent=2, ensure_ascii=False) + "\n"
