"""Atom feeds: content, order, drafts, per-author and per-specialty feeds, head links,
and identical bytes for repeated, incremental and parallel builds."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings
from sitebuild import (
    ATOM,
    atom,
    copy_root,
    edit,
    entries,
    page,
    whole_site_outputs,
)
from sphinx_clinic.feeds import feed_path

BASE = "https://kb.example.org/practice/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _feed(app: Any, kind: str = "site", key: str = "") -> Any:
    return atom(Path(app.outdir, feed_path(kind, key)))


def _titles(feed: Any) -> list[str]:
    return [e["title"] for e in entries(feed)]


def test_feed_paths() -> None:
    assert feed_path("site") == "feeds/atom.xml"
    assert feed_path("author", "ana-lima") == "feeds/authors/ana-lima.xml"
    assert feed_path("specialty", "grief") == "feeds/specialties/grief.xml"
    # An id that is not a plain word cannot reach outside its folder.
    assert feed_path("author", "../../index") == "feeds/authors/index.xml"
    with pytest.raises(ValueError):
        feed_path("author")


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_site_feed_lists_published_articles_newest_first(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    feed = _feed(app)
    assert feed.findtext(f"{ATOM}title") == "Test practice"
    assert feed.findtext(f"{ATOM}id") == f"{BASE}feeds/atom.xml"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{BASE}feeds/atom.xml", "alternate": f"{BASE}index.html"}
    found = entries(feed)
    # Newest first by publication date; the draft (dated 2025-05-01) is absent.
    assert [e["title"] for e in found] == [
        "When worry takes over",
        "Grief at work",
        "The first weeks at home",
    ]
    worry, grief, first = found
    assert worry["id"] == "tag:kb.example.org,2025-03-02:/practice/articles/worry"
    assert len({e["id"] for e in found}) == 3
    assert worry["links"] == [f"{BASE}articles/worry.html"]
    assert worry["authors"] == [
        ("Ben Okafor", f"{BASE}clinicians/ben-okafor.html"),
        ("Ana Lima", f"{BASE}clinicians/ana-lima.html"),
    ]
    assert worry["summary"] == "A short look at worry & what helps <sometimes>."
    assert worry["categories"] == [("anxiety", "Anxiety"), ("grief", "Grief and loss")]
    # Without a summary in the front matter, the first paragraph stands in.
    assert first["summary"] == "The first weeks with a baby are a time of change."
    for entry in found:
        assert RFC3339.match(entry["updated"]) and RFC3339.match(entry["published"])
        assert all(link.startswith(BASE) for link in entry["links"])
    assert grief["published"].startswith("2025-02-14")
    assert grief["updated"].startswith("2025-04-01")  # its 'updated' date
    # The feed's 'updated' is its newest entry's (never the build's clock).
    updated = feed.findtext(f"{ATOM}updated")
    assert RFC3339.match(updated)
    assert updated == max(e["updated"] for e in found)
    assert dt.datetime.fromisoformat(updated).date() == dt.date(2025, 4, 1)


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_a_feed_per_clinician_and_per_specialty(app: Any) -> None:
    app.build()
    outputs = set(whole_site_outputs(Path(app.outdir)))
    assert {p for p in outputs if p.startswith("feeds/")} == {
        "feeds/atom.xml",
        "feeds/authors/ana-lima.xml",
        "feeds/authors/ben-okafor.xml",
        "feeds/specialties/anxiety.xml",
        "feeds/specialties/early-parenthood.xml",
        "feeds/specialties/grief.xml",
    }
    ana = _feed(app, "author", "ana-lima")
    assert _titles(ana) == ["When worry takes over", "Grief at work", "The first weeks at home"]
    assert ana.findtext(f"{ATOM}title") == "Test practice: articles by Ana Lima"
    assert ana.find(f"{ATOM}author/{ATOM}name").text == "Ana Lima"
    # Ben's only other article is a draft.
    assert _titles(_feed(app, "author", "ben-okafor")) == ["When worry takes over"]
    assert _titles(_feed(app, "specialty", "grief")) == ["When worry takes over", "Grief at work"]
    assert _titles(_feed(app, "specialty", "early-parenthood")) == ["The first weeks at home"]
    assert _titles(_feed(app, "specialty", "anxiety")) == ["When worry takes over"]
    # A clinician or specialty without published articles has no feed: Cara has none,
    # and nobody writes about sleep.
    assert not Path(app.outdir, "feeds/authors/cara-diaz.xml").exists()
    assert not Path(app.outdir, "feeds/specialties/sleep.xml").exists()


@pytest.mark.sphinx(
    "html", testroot="feeds", freshenv=True, confoverrides={"clinic_feed_length": 2}
)
def test_feeds_keep_the_newest_articles(app: Any) -> None:
    app.build()
    assert _titles(_feed(app)) == ["When worry takes over", "Grief at work"]
    assert _titles(_feed(app, "author", "ana-lima")) == ["When worry takes over", "Grief at work"]


@pytest.mark.sphinx(
    "html", testroot="feeds", freshenv=True, confoverrides={"clinic_feed_length": 0}
)
def test_a_bad_feed_length_warns(app: Any) -> None:
    app.build()
    (line,) = [w for w in warnings(app) if "clinic_feed_length" in w]
    assert "conf.py:1: WARNING: clinic_feed_length must be a whole number of at least 1" in line
    assert line.endswith("[clinic.config]")
    assert len(_titles(_feed(app))) == 3


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_pages_announce_the_feeds_in_the_head(app: Any) -> None:
    app.build()

    def feed_links(docname: str) -> dict[str, str]:
        head = html(app, docname).head
        links = head.find_all("link", rel="alternate", type="application/atom+xml")
        return {link["href"]: link["title"] for link in links}

    site = {f"{BASE}feeds/atom.xml": "Test practice"}
    assert feed_links("index") == site
    assert feed_links("articles/worry") == site
    assert feed_links("clinicians/ana-lima") == {
        **site,
        f"{BASE}feeds/authors/ana-lima.xml": "Test practice: articles by Ana Lima",
    }
    # No article, no feed, no link to one.
    assert feed_links("clinicians/cara-diaz") == site
    for href in feed_links("clinicians/ana-lima"):
        assert Path(app.outdir, href.removeprefix(BASE)).is_file()


def test_without_a_base_url_one_warning_and_no_feed(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"html_baseurl": ""}, freshenv=True)
    app.build()
    feed_warnings = [w for w in warnings(app) if "[clinic.feed]" in w]
    assert len(feed_warnings) == 1
    assert f"{srcdir / 'conf.py'}:1: WARNING: html_baseurl is not set" in feed_warnings[0]
    assert "html_baseurl = 'https://kb.example.org/'" in feed_warnings[0]
    assert not Path(app.outdir, "feeds").exists()
    assert not html(app, "index").head.find_all("link", type="application/atom+xml")


def test_feeds_can_be_turned_off(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"clinic_feeds": False}, freshenv=True)
    app.build()
    assert warnings(app) == []
    assert not Path(app.outdir, "feeds").exists()
    assert not html(app, "index").head.find_all("link", type="application/atom+xml")


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_only_websites_get_feeds(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "feeds", tmp_path), freshenv=True)
    app.build()
    assert not [w for w in warnings(app) if "clinic" in w]
    assert whole_site_outputs(Path(app.outdir)) == {}
    for written in Path(app.outdir).rglob("*html"):
        assert "application/ld+json" not in written.read_text(encoding="utf-8")


def test_dirhtml_feeds_link_to_directories(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("dirhtml", srcdir=copy_root(rootdir, "feeds", tmp_path), freshenv=True)
    app.build()
    assert entries(_feed(app))[0]["links"] == [f"{BASE}articles/worry/"]
    assert entries(_feed(app))[0]["authors"][0] == ("Ben Okafor", f"{BASE}clinicians/ben-okafor/")


def test_two_builds_write_the_same_bytes(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    results = []
    for run in ("one", "two"):
        app = make_app("html", srcdir=copy_root(rootdir, "feeds", tmp_path / run), freshenv=True)
        app.build()
        results.append(whole_site_outputs(Path(app.outdir)))
    assert len(results[0]) == 7  # 6 feeds and the sitemap
    assert results[0] == results[1]


def test_incremental_build_equals_a_fresh_one(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path / "incremental")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    before = whole_site_outputs(srcdir / "_build" / "html")
    assert "feeds/authors/cara-diaz.xml" not in before  # no article yet

    # Retitle an article, publish a new one, delete a profile.
    worry = srcdir / "articles" / "worry.md"
    edit(worry, worry.read_text().replace("# When worry takes over", "# When worry runs the show"))
    edit(
        srcdir / "articles" / "sleep-and-worry.md",
        "---\ndate: 2025-04-20\nauthor: ben-okafor\nspecialties: [anxiety]\n---\n\n"
        "# Sleep and worry\n\nWorry keeps people awake.\n",
    )
    (srcdir / "clinicians" / "cara-diaz.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "1 added, 1 changed, 1 removed" in app.status.getvalue()  # not a full reread
    incremental = whole_site_outputs(Path(app.outdir))
    assert incremental != before

    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    assert incremental == whole_site_outputs(Path(fresh.outdir))
    assert "feeds/authors/cara-diaz.xml" not in incremental
    site = atom(Path(app.outdir, "feeds/atom.xml"))
    assert _titles(site)[:2] == ["Sleep and worry", "When worry runs the show"]


def test_parallel_build_equals_serial(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    results = []
    for parallel in (1, 2):
        srcdir = copy_root(rootdir, "feeds", tmp_path / f"j{parallel}")
        app = make_app("html", srcdir=srcdir, parallel=parallel, freshenv=True)
        app.build()
        assert app.parallel == parallel
        outdir = Path(app.outdir)
        heads = {
            path: str(page(outdir, path).head)
            for path in (p.relative_to(outdir).as_posix() for p in outdir.rglob("*/*.html"))
        }
        results.append((whole_site_outputs(outdir), heads))
    assert results[0] == results[1]
    assert len(results[0][0]) == 7 and len(results[0][1]) == 7


@pytest.mark.parametrize("feeds", [True, False])
def test_specialty_index_links_only_feeds_that_are_written(
    make_app: Any, rootdir: Path, tmp_path: Path, feeds: bool
) -> None:
    srcdir = copy_root(rootdir, "clinic", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"clinic_feeds": feeds}, freshenv=True)
    app.build()
    links = html(app, "specialties").select("a.clinic-feed-link")
    assert bool(links) == feeds
    for link in links:
        assert Path(app.outdir, link["href"]).is_file()


def test_feeds_are_rendered_only_when_what_they_show_changes(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path / "skip")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    digest = srcdir / "_build" / "doctrees" / "clinic-feeds-shown.stamp"
    first = digest.stat().st_mtime_ns
    worry = srcdir / "articles" / "worry.md"

    # A new paragraph after the summary: nothing a feed shows changes; none is rendered.
    edit(worry, worry.read_text() + "\nAnother paragraph.\n")
    make_app("html", srcdir=srcdir).build()
    assert digest.stat().st_mtime_ns == first

    # A retitle shows in the feeds: they are rendered and say so.
    edit(worry, worry.read_text().replace("# When worry takes over", "# When worry rules"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert digest.stat().st_mtime_ns != first
    assert "When worry rules" in _titles(atom(Path(app.outdir, "feeds/atom.xml")))

    # A cleaned output folder gets its feeds back though nothing changed.
    shutil.rmtree(Path(app.outdir, "feeds"))
    make_app("html", srcdir=srcdir).build()
    assert Path(app.outdir, "feeds/atom.xml").is_file()


def test_a_feed_whose_last_article_becomes_a_draft_is_deleted_and_unlinked(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path / "draft")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    feed = "feeds/specialties/early-parenthood.xml"
    assert feed in whole_site_outputs(srcdir / "_build" / "html")
    # The specialty's only article goes back to being a draft.
    article = srcdir / "articles" / "first-weeks.md"
    edit(article, article.read_text().replace("---\n", "---\ndraft: true\n", 1))
    app = make_app("html", srcdir=srcdir)
    app.build()
    incremental = whole_site_outputs(Path(app.outdir))
    assert feed not in incremental
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    assert incremental == whole_site_outputs(Path(fresh.outdir))
    # Even a preview that shows drafts writes no feed of drafts, and links none.
    preview = make_app(
        "html", srcdir=fresh_src, freshenv=True, confoverrides={"clinic_show_drafts": True}
    )
    preview.build()
    assert feed not in whole_site_outputs(Path(preview.outdir))
