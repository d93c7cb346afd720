"""Pages with no source file: written by the website builders from the page sources that
features register (tests/roots/test-generated/demo_pages.py is one, as a site writes it),
with the theme's chrome, canonical and rel links, in the sitemap, kept out of the search,
rewritten only when they change, deleted when their source stops giving them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import warnings
from sitebuild import copy_root, edit, sitemap_urls
from sphinx_clinic.generated_pages import MANIFEST, is_page_name

BASE = "https://kb.example.org/"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def head_links(page: BeautifulSoup) -> dict[str, str]:
    return {
        rel: link["href"]
        for link in page.find_all("link", href=True)
        for rel in link.get("rel", [])
        if rel in {"canonical", "prev", "next"}
    }


def written_pages(app: Any) -> list[str]:
    """The page names the build renders (html-page-context), in order."""
    seen: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: seen.append(pagename))
    app.build()
    return seen


@pytest.mark.sphinx("html", testroot="generated", freshenv=True)
def test_generated_pages_are_written_with_the_theme(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    second = soup(out / "reading" / "2.html")
    # The page's title in the body and the window title; the theme's sidebar, with links
    # that work from the generated page's folder.
    assert second.find("article").h1.get_text(strip=True).rstrip("¶") == "Reading list, page 2"
    assert second.title.get_text().startswith("Reading list, page 2 - ")
    sidebar = [a["href"] for a in second.select(".sidebar-tree a")]
    assert sidebar == ["../reading.html", "../clinicians/ana-lima.html"]
    # The body, rendered with the generated page as the page links are relative to.
    (link,) = second.find("article").select("p a")
    assert (link.get_text(), link["href"]) == ("Sleep after a loss", "../articles/sleep.html")
    assert (out / "reading" / link["href"]).resolve() == (out / "articles/sleep.html").resolve()
    # Canonical to itself, rel prev/next in the head and as the theme's footer links.
    assert head_links(second) == {
        "canonical": f"{BASE}reading/2.html",
        "prev": "../reading.html",
        "next": "3.html",
    }
    footer = {a["class"][0]: a["href"] for a in second.select(".related-pages a")}
    assert footer == {"next-page": "3.html", "prev-page": "../reading.html"}
    assert second.select_one(".prev-page .title").get_text() == "Reading list"
    assert second.html["lang"] == "en"
    assert second.find("meta", attrs={"name": "robots"}) is None
    # The third page asks not to be indexed, and is not in the sitemap; the second is.
    third = soup(out / "reading" / "3.html")
    assert third.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert head_links(third) == {"canonical": f"{BASE}reading/3.html", "prev": "2.html"}
    urls = sitemap_urls(out)
    assert f"{BASE}reading/2.html" in urls and f"{BASE}reading/3.html" not in urls
    # Not in the site search (their text is other pages'); only the stylesheets they use.
    search = (out / "searchindex.js").read_text(encoding="utf-8")
    assert "reading/2" not in search
    sheets = [link["href"] for link in second.find_all("link", rel="stylesheet")]
    assert not any("pygments" in s or "furo-extensions" in s for s in sheets)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["pages"]) == ["reading/2", "reading/3"]


def test_dirhtml_writes_folders(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("dirhtml", srcdir=copy_root(rootdir, "generated", tmp_path), freshenv=True)
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    second = soup(out / "reading" / "2" / "index.html")
    assert head_links(second) == {
        "canonical": f"{BASE}reading/2/",
        "prev": "../",  # reading/2/ -> reading/
        "next": "../3/",
    }
    (link,) = second.find("article").select("p a")
    assert link["href"] == "../../articles/sleep/"
    assert f"{BASE}reading/2/" in sitemap_urls(out)


@pytest.mark.parametrize("builder", ["singlehtml", "text", "epub"])
def test_other_builders_have_no_generated_pages(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "generated", tmp_path), freshenv=True)
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    assert not (out / "reading").exists()
    assert not (out / MANIFEST).exists()


def test_incremental_builds_rewrite_and_delete_only_what_changed(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "generated", tmp_path / "site")
    out = srcdir / "_build" / "html"
    assert {"reading/2", "reading/3"} <= set(written_pages(make_app("html", srcdir=srcdir)))

    # Nothing changed: neither generated page is rendered again.
    assert not {"reading/2", "reading/3"} & set(written_pages(make_app("html", srcdir=srcdir)))

    # A retitled article that page 2 links to: page 2 again, not page 3.
    sleep = srcdir / "articles" / "sleep.md"
    edit(sleep, sleep.read_text().replace("# Sleep after a loss", "# Sleeping after a loss"))
    written = set(written_pages(make_app("html", srcdir=srcdir)))
    assert "reading/2" in written and "reading/3" not in written
    assert "Sleeping after a loss" in (out / "reading" / "2.html").read_text()

    # A retitled page that is no article: only its generated pages repeat its title (no
    # record has it), and both are written again.
    reading = srcdir / "reading.md"
    edit(reading, reading.read_text().replace("# Reading list", "# Reading shelf"))
    assert {"reading/2", "reading/3"} <= set(written_pages(make_app("html", srcdir=srcdir)))
    assert "Reading shelf, page 2" in (out / "reading" / "2.html").read_text()

    # A page deleted by hand is written again, though nothing else changed.
    (out / "reading" / "3.html").unlink()
    assert "reading/3" in written_pages(make_app("html", srcdir=srcdir))

    # Fewer pages: page 3 is deleted from the output and the sitemap.
    edit(reading, reading.read_text().replace(":pages: 3", ":pages: 2"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    # (Several apps in one process: Sphinx warns that their nodes are registered again.)
    assert [w for w in warnings(app) if "[clinic." in w] == []
    assert not (out / "reading" / "3.html").exists()
    assert (out / "reading" / "2.html").is_file()
    # Page 2 is now the last: it lost its rel=next.
    assert "next" not in head_links(soup(out / "reading" / "2.html"))

    # The same as a fresh build of the edited sources.
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    fresh_out = Path(fresh.outdir)
    for name in ("reading/2.html", MANIFEST, "sitemap.xml"):
        assert (out / name).read_bytes() == (fresh_out / name).read_bytes(), name
    assert sorted(p.name for p in (out / "reading").iterdir()) == ["2.html"]


def test_dirhtml_deletes_the_folders_of_pages_it_no_longer_needs(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "generated", tmp_path)
    make_app("dirhtml", srcdir=srcdir).build()
    out = srcdir / "_build" / "dirhtml"
    assert (out / "reading" / "3" / "index.html").is_file()
    reading = srcdir / "reading.md"
    edit(reading, reading.read_text().replace(":pages: 3", ":pages: 1"))
    make_app("dirhtml", srcdir=srcdir).build()
    assert sorted(p.name for p in (out / "reading").iterdir()) == ["index.html"]


def test_parallel_build_writes_the_same_pages(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    serial = make_app("html", srcdir=copy_root(rootdir, "generated", tmp_path / "serial"))
    serial.build()
    parallel = make_app(
        "html", srcdir=copy_root(rootdir, "generated", tmp_path / "parallel"), parallel=2
    )
    parallel.build()
    for name in ("reading/2.html", "reading/3.html", MANIFEST, "sitemap.xml"):
        assert Path(serial.outdir, name).read_bytes() == Path(parallel.outdir, name).read_bytes()


def test_a_name_a_source_page_has_is_left_to_that_page(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "generated", tmp_path)
    (srcdir / "reading").mkdir()
    edit(srcdir / "reading" / "2.md", "---\norphan: true\n---\n\n# Page two, written by hand\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (line,) = warnings(app)
    assert line.startswith(f"{srcdir / 'reading.md'}: WARNING: generated page 'reading/2' is ")
    assert "the name of a page of the site; it is left out" in line
    assert line.endswith("[clinic.page]")
    page = soup(Path(app.outdir, "reading", "2.html"))
    assert "Page two, written by hand" in page.find("article").get_text()
    assert "reading/2" not in json.loads(Path(app.outdir, MANIFEST).read_text())["pages"]
    assert (Path(app.outdir) / "reading" / "3.html").is_file()


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("blog/archive/page/2", True),
        ("page/2", True),
        ("directory/language/pt-BR", True),
        ("../outside", False),
        ("a/../../b", False),
        ("/absolute", False),
        ("_static/x", False),
        ("blog/index", False),
        ("index", False),
        ("a//b", False),
        ("trailing/", False),
        ("with space", False),
        ("ação", False),
        ("back\\slash", False),
    ],
)
def test_page_names_stay_inside_the_output(name: str, plain: bool) -> None:
    assert is_page_name(name) is plain
