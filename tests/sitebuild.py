"""Helpers for tests that build a copy of a test root, edit it and compare outputs."""

from __future__ import annotations

import json
import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def copy_root(rootdir: Path, name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` that a test may edit."""
    srcdir = dest / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def edit(path: Path, text: str) -> None:
    """Write ``text``, stamped with the precise current time.

    File systems may stamp writes with a coarse clock, a few milliseconds behind the
    time Sphinx noted when it last read the page; the precise time is always after it
    (and never in the future, which would make later builds read the page again).
    """
    path.write_text(text, encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def whole_site_outputs(outdir: Path) -> dict[str, bytes]:
    """Every feed and the sitemap, by path relative to the output directory."""
    found = {}
    for path in sorted(outdir.rglob("*.xml")):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith("feeds/") or relative == "sitemap.xml":
            found[relative] = path.read_bytes()
    return found


def atom(path: Path) -> ET.Element:
    """A parsed Atom feed."""
    return ET.parse(path).getroot()


def entries(feed: ET.Element) -> list[dict[str, Any]]:
    """The entries of a feed, in order, as plain dicts."""
    found = []
    for entry in feed.findall(f"{ATOM}entry"):
        found.append(
            {
                "id": entry.findtext(f"{ATOM}id"),
                "title": entry.findtext(f"{ATOM}title"),
                "updated": entry.findtext(f"{ATOM}updated"),
                "published": entry.findtext(f"{ATOM}published"),
                "summary": entry.findtext(f"{ATOM}summary"),
                "links": [link.get("href") for link in entry.findall(f"{ATOM}link")],
                "authors": [
                    (a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri"))
                    for a in entry.findall(f"{ATOM}author")
                ],
                "categories": [
                    (c.get("term"), c.get("label")) for c in entry.findall(f"{ATOM}category")
                ],
            }
        )
    return found


def page(outdir: Path, filename: str) -> BeautifulSoup:
    """An output HTML page."""
    return BeautifulSoup((outdir / filename).read_text(encoding="utf-8"), "html.parser")


def jsonld(soup: BeautifulSoup) -> list[Any]:
    """Every JSON-LD document in a page's ``<head>``."""
    return [
        json.loads(script.string or "")
        for script in soup.head.find_all("script", type="application/ld+json")
    ]


def sitemap_urls(outdir: Path) -> dict[str, str]:
    """The sitemap's addresses, each with its lastmod ("" when it has none)."""
    root = ET.parse(outdir / "sitemap.xml").getroot()
    return {
        url.findtext(f"{SITEMAP}loc") or "": url.findtext(f"{SITEMAP}lastmod") or ""
        for url in root.findall(f"{SITEMAP}url")
    }
