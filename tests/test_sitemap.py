"""sitemap.xml lists every published page, also after incremental builds; drafts stay
out of the sitemap and the site search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import warnings
from sitebuild import copy_root, edit, sitemap_urls, whole_site_outputs

BASE = "https://kb.example.org/practice/"
PAGES = {
    f"{BASE}index.html": "",
    f"{BASE}articles/first-weeks.html": "2025-01-10",
    f"{BASE}articles/grief-at-work.html": "2025-04-01",  # its 'updated'
    f"{BASE}articles/worry.html": "2025-03-02",
    f"{BASE}clinicians/ana-lima.html": "",
    f"{BASE}clinicians/ben-okafor.html": "",
    f"{BASE}clinicians/cara-diaz.html": "",
}


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_sitemap_lists_every_published_page(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    # Every page, absolute, articles with their last change; not the draft, and not
    # Sphinx's generated genindex and search pages.
    assert sitemap_urls(Path(app.outdir)) == PAGES


def test_sitemap_is_complete_after_incremental_builds(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path / "incremental")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    out = srcdir / "_build" / "html"
    assert sitemap_urls(out) == PAGES

    # Edit one page: only it is rewritten, yet the sitemap still lists every page.
    worry = srcdir / "articles" / "worry.md"
    edit(worry, worry.read_text().replace("Worry is common.", "Worry is very common."))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "0 added, 1 changed, 0 removed" in app.status.getvalue()
    assert sitemap_urls(out) == PAGES

    # Add a page and delete another: the sitemap follows.
    edit(srcdir / "about.md", "# About us\n\nA small practice.\n")
    (srcdir / "clinicians" / "cara-diaz.md").unlink()
    make_app("html", srcdir=srcdir).build()
    expected = {**PAGES, f"{BASE}about.html": ""}
    del expected[f"{BASE}clinicians/cara-diaz.html"]
    assert sitemap_urls(out) == expected

    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    assert (
        whole_site_outputs(out)["sitemap.xml"]
        == (whole_site_outputs(Path(fresh.outdir))["sitemap.xml"])
    )


def test_dirhtml_sitemap_lists_directories(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("dirhtml", srcdir=copy_root(rootdir, "feeds", tmp_path), freshenv=True)
    app.build()
    urls = sitemap_urls(Path(app.outdir))
    assert f"{BASE}" in urls and f"{BASE}articles/worry/" in urls
    assert len(urls) == len(PAGES)


def test_without_a_base_url_no_sitemap(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"html_baseurl": ""}, freshenv=True)
    app.build()
    (line,) = [w for w in warnings(app) if "[clinic.sitemap]" in w]
    assert f"{srcdir / 'conf.py'}:1: WARNING: html_baseurl is not set, so sitemap.xml" in line
    assert not Path(app.outdir, "sitemap.xml").exists()


def _search_index(app: Any) -> dict[str, Any]:
    text = Path(app.outdir, "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_drafts_are_not_in_the_search_index(app: Any) -> None:
    app.build()
    index = _search_index(app)
    assert "zephyrin" not in index["terms"]  # the stem of a word only the draft uses
    assert "An unfinished thought" not in index["titles"]
    # Not even its name: nosearch alone would leave it among the docnames and filenames.
    assert "articles/unfinished" not in index["docnames"]
    assert "articles/unfinished.md" not in index["filenames"]
    assert len(index["docnames"]) == len(index["titles"]) == len(index["filenames"])
    assert "common" in index["terms"]  # a published article's words are there


def test_a_published_article_made_a_draft_leaves_the_search_index(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    page = srcdir / "articles" / "worry.md"
    edit(page, page.read_text().replace("---\n", "---\ndraft: true\n", 1))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "articles/worry" not in _search_index(app)["docnames"]


def test_shown_drafts_are_searchable(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"clinic_show_drafts": True}, freshenv=True)
    app.build()
    index = _search_index(app)
    assert "zephyrin" in index["terms"]
    assert "An unfinished thought" in index["titles"]
    assert "articles/unfinished" in index["docnames"]
    # Shown or not, a draft is never in the sitemap.
    assert f"{BASE}articles/unfinished.html" not in sitemap_urls(Path(app.outdir))
