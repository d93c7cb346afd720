"""Long lists split into pages, as a reader gets them: the archive (its year headings on
every page), a list with ``:per-page:``, a specialty's own list from the specialty index;
a profile's "Articles by"; numbered links and Newer/Older in a labelled <nav>, rel
prev/next and canonical in the head, in the sitemap; whole lists for builders that have
one page per site or none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import warnings
from sitebuild import copy_root, edit, sitemap_urls

BASE = "https://kb.example.org/"
#: The articles of tests/roots/test-paginate, newest first (clinic_per_page = 3 there).
NEWEST_FIRST = [
    "Racing thoughts at night",
    "Panic at work",
    "When grief brings worry",
    "A budget for worry",
    "The first year after a loss",
    "Exam nerves",
    "Worrying about health",
]
ANXIETY = [t for t in NEWEST_FIRST if t != "The first year after a loss"]
#: Mira Hale's five articles, newest first (Tom Reyes wrote the other two).
MIRA = [
    t for t in NEWEST_FIRST if t not in {"When grief brings worry", "The first year after a loss"}
]


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def head(soup: BeautifulSoup) -> dict[str, str]:
    return {
        rel: link["href"]
        for link in soup.find_all("link", href=True)
        for rel in link.get("rel", [])
        if rel in {"canonical", "prev", "next"}
    }


def titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select("article .clinic-article-title a")]


def nav(soup: BeautifulSoup) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(text, href, aria-current, rel, aria-label) of each link of the page's list nav."""
    (pagination,) = soup.select("article nav.clinic-pagination")
    assert pagination["aria-label"] == "Pages of this list"
    return [
        (
            a.get_text(),
            a["href"],
            a.get("aria-current"),
            " ".join(a.get("rel", [])) or None,
            a.get("aria-label"),
        )
        for a in pagination.find_all("a")
    ]


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_the_archive_is_split_into_pages_with_stable_addresses(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    first, second, third = (
        page(out, name)
        for name in ("articles/index.html", "articles/page/2.html", "articles/page/3.html")
    )
    # Every article once, in order, three a page; page 1 is the archive's own page.
    assert titles(first) + titles(second) + titles(third) == NEWEST_FIRST
    assert [len(titles(p)) for p in (first, second, third)] == [3, 3, 1]
    assert not (out / "articles" / "page" / "4.html").exists()
    # Titles: the page's own, then "page 2"; in the <h1> and the window title.
    assert first.find("article").h1.get_text().rstrip("¶") == "Articles"
    for number, soup in ((2, second), (3, third)):
        assert soup.find("article").h1.get_text().rstrip("¶") == f"Articles, page {number}"
        assert soup.title.get_text().startswith(f"Articles, page {number} - ")
    # The year headings on every page: a year that goes on from the page before says so.
    years = [
        [h.get_text().rstrip("¶") for h in p.select("article section.clinic-archive-year > h2")]
        for p in (first, second, third)
    ]
    assert years == [["2025"], ["2024"], ["2024 (continued)"]]
    # Each page canonical to itself; rel prev/next chain the pages (page 1's next too).
    assert head(first)["canonical"] == f"{BASE}articles/index.html"
    assert head(first)["next"] == "page/2.html"
    assert head(second) == {
        "canonical": f"{BASE}articles/page/2.html",
        "prev": "../index.html",
        "next": "3.html",
    }
    assert head(third) == {"canonical": f"{BASE}articles/page/3.html", "prev": "2.html"}
    # The visible navigation: Newer, the numbers (the current one marked), Older.
    assert nav(first) == [
        ("1", "index.html", "page", None, "Page 1"),
        ("2", "page/2.html", None, None, "Page 2"),
        ("3", "page/3.html", None, None, "Page 3"),
        ("Older", "page/2.html", None, "next", None),
    ]
    assert nav(second) == [
        ("Newer", "../index.html", None, "prev", None),
        ("1", "../index.html", None, None, "Page 1"),
        ("2", "2.html", "page", None, "Page 2"),
        ("3", "3.html", None, None, "Page 3"),
        ("Older", "3.html", None, "next", None),
    ]
    for number, soup in ((2, second), (3, third)):
        folder = out / "articles" / "page"
        for _text, href, *_ in nav(soup):
            assert (folder / href).resolve().is_file(), href
        assert [a.get_text() for a in soup.select("nav.clinic-pagination [aria-current]")] == [
            str(number)
        ]
    # Links from the generated pages reach the articles.
    for link in second.select("article .clinic-article-title a"):
        assert (out / "articles" / "page" / link["href"]).resolve().is_file()
    # In the sitemap; not in the site search.
    urls = sitemap_urls(out)
    assert {f"{BASE}articles/page/2.html", f"{BASE}articles/page/3.html"} <= set(urls)
    assert "articles/page" not in (out / "searchindex.js").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_lists_with_a_limit_and_per_page(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    # :limit: keeps its behaviour: the newest three, no pages.
    home = page(out, "index.html")
    assert titles(home) == NEWEST_FIRST[:3]
    assert home.select("nav.clinic-pagination") == []
    assert not (out / "page").exists()
    # :per-page: 2 on the first list of a page; the second list is whole and has no nav.
    two = page(out, "two-lists.html")
    mira = [
        t
        for t in NEWEST_FIRST
        if t not in {"When grief brings worry", "The first year after a loss"}
    ]
    first_list, grief = two.select("article ul.clinic-article-list")
    assert [a.get_text() for a in first_list.select(".clinic-article-title a")] == mira[:2]
    assert [a.get_text() for a in grief.select(".clinic-article-title a")] == [
        "When grief brings worry",
        "The first year after a loss",
    ]
    assert len(two.select("nav.clinic-pagination")) == 1
    later = [page(out, f"two-lists/page/{n}.html") for n in (2, 3)]
    assert [titles(p) for p in later] == [mira[2:4], mira[4:]]
    assert later[0].find("article").h1.get_text().rstrip("¶") == "By Mira, and about grief, page 2"


def test_per_page_zero_and_no_pages_at_all(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "paginate", tmp_path)
    archive = srcdir / "articles" / "index.md"
    edit(archive, archive.read_text().replace(":group-by-year:", ":group-by-year:\n:per-page: 0"))
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"clinic_per_page": 0})
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    assert titles(page(out, "articles/index.html")) == NEWEST_FIRST
    assert page(out, "articles/index.html").select("nav.clinic-pagination") == []
    # two-lists asks for :per-page: 2 itself; nothing else is split.
    pages = json.loads((out / ".clinic-pages.json").read_text())["pages"]
    assert sorted(pages) == ["specialties/anxiety", "two-lists/page/2", "two-lists/page/3"]


def test_a_second_long_list_on_a_page_is_whole_and_warned_about(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "paginate", tmp_path)
    two = srcdir / "two-lists.md"
    edit(two, two.read_text().replace(":specialty: grief", ":specialty: anxiety"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (line,) = warnings(app)
    assert line.startswith(f"{two}:10: WARNING: article-list: this list has 6 articles, ")
    assert "only the first list of a page is split into pages" in line
    assert line.endswith("[clinic.page]")
    second = page(Path(app.outdir), "two-lists.html").select("article ul.clinic-article-list")[1]
    assert [a.get_text() for a in second.select(".clinic-article-title a")] == ANXIETY


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_the_specialty_index_shows_the_newest_and_links_to_the_whole_list(app: Any) -> None:
    app.build()
    out = Path(app.outdir)
    index = page(out, "specialties.html")
    entry = index.select_one("section#specialty-anxiety")
    assert [a.get_text() for a in entry.select(".clinic-specialty-articles a")] == ANXIETY[:5]
    more = entry.select_one(".clinic-specialty-more a")
    assert (more.get_text(), more["href"]) == (
        "All 6 articles about Anxiety",
        "specialties/anxiety.html",
    )
    # Grief has two articles: its entry shows both, and no list of its own.
    grief = index.select_one("section#specialty-grief")
    assert len(grief.select(".clinic-specialty-articles a")) == 2
    assert grief.select(".clinic-specialty-more") == []
    first = page(out, "specialties/anxiety.html")
    second = page(out, "specialties/anxiety/page/2.html")
    assert titles(first) + titles(second) == ANXIETY
    assert first.find("article").h1.get_text().rstrip("¶") == "Articles about Anxiety"
    back = first.select_one(".clinic-specialty-back a")
    assert back["href"] == "../specialties.html#specialty-anxiety"
    assert head(first) == {
        "canonical": f"{BASE}specialties/anxiety.html",
        "next": "anxiety/page/2.html",
    }
    assert head(second)["prev"] == "../../anxiety.html"
    assert [n[:3] for n in nav(second)] == [
        ("Newer", "../../anxiety.html", None),
        ("1", "../../anxiety.html", None),
        ("2", "2.html", "page"),
    ]
    assert f"{BASE}specialties/anxiety/page/2.html" in sitemap_urls(out)


def articles_by(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select("section#clinic-articles-by .clinic-article-title a")]


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_a_profile_shows_its_newest_articles_and_pages_the_rest(app: Any) -> None:
    """A prolific clinician's profile stays light: "Articles by" shows a page's worth,
    the rest go on at ``<profile>/page/<n>``, linked both ways like the archive's."""
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    profile = page(out, "clinicians/mira-hale.html")
    second = page(out, "clinicians/mira-hale/page/2.html")
    assert articles_by(profile) == MIRA[:3]
    assert titles(second) == MIRA[3:]
    assert not (out / "clinicians" / "mira-hale" / "page" / "3.html").exists()
    # The profile is page 1: its own title, its next page in the head and in the nav
    # (its prev stays the page before it in the site's order, as the archive's does).
    assert head(profile) == {
        "canonical": f"{BASE}clinicians/mira-hale.html",
        "prev": "../specialties.html",
        "next": "mira-hale/page/2.html",
    }
    assert nav(profile) == [
        ("1", "mira-hale.html", "page", None, "Page 1"),
        ("2", "mira-hale/page/2.html", None, None, "Page 2"),
        ("Older", "mira-hale/page/2.html", None, "next", None),
    ]
    assert second.find("article").h1.get_text().rstrip("¶") == "Articles by Mira Hale, page 2"
    assert head(second) == {
        "canonical": f"{BASE}clinicians/mira-hale/page/2.html",
        "prev": "../../mira-hale.html",
    }
    assert [n[:3] for n in nav(second)] == [
        ("Newer", "../../mira-hale.html", None),
        ("1", "../../mira-hale.html", None),
        ("2", "2.html", "page"),
    ]
    back = second.select_one("article .clinic-articles-by-back a")
    assert (back.get_text(), back["href"]) == (
        "Read Mira Hale's full profile",
        "../../mira-hale.html",
    )
    folder = out / "clinicians" / "mira-hale" / "page"
    for link in second.select("article .clinic-article-title a"):
        assert (folder / link["href"]).resolve().is_file(), link["href"]
    assert f"{BASE}clinicians/mira-hale/page/2.html" in sitemap_urls(out)
    # Two articles fit on one page: no navigation, no page 2.
    tom = page(out, "clinicians/tom-reyes.html")
    assert len(articles_by(tom)) == 2
    assert tom.select("nav.clinic-pagination") == []
    assert head(tom)["next"] == "../two-lists.html"  # the site's order, untouched
    assert not (out / "clinicians" / "tom-reyes" / "page").exists()


def test_a_profile_that_splits_a_list_of_its_own_shows_every_article(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """Pages 2..N are named after their page, so one list a page is split: a profile
    whose text has a long ``article-list`` keeps its "Articles by" whole."""
    srcdir = copy_root(rootdir, "paginate", tmp_path)
    profile = srcdir / "clinicians" / "mira-hale.md"
    text = profile.read_text(encoding="utf-8")
    edit(profile, text + "\n## Everything on the site\n\n```{article-list}\n```\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    soup = page(out, "clinicians/mira-hale.html")
    assert articles_by(soup) == MIRA
    assert titles(page(out, "clinicians/mira-hale/page/2.html")) == NEWEST_FIRST[3:6]
    assert len(soup.select("nav.clinic-pagination")) == 1  # the site list's


SPANISH_BUDGET = """---
date: 2024-12-02
author: mira-hale
specialties: [anxiety]
language: es
translation_of: articles/worry-budget
summary: Reservar un tiempo para preocuparse, para que ocupe menos del día.
---

# Un presupuesto para la preocupación

Reservar un tiempo para preocuparse. Esta página es educación general.
"""


def test_specialty_lists_group_translations_as_every_list_does(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """``clinic_translations = "group"`` (the default): a specialty's own list, and
    whether its entry needs one, count an article and its translation once."""
    srcdir = copy_root(rootdir, "paginate", tmp_path)
    (srcdir / "articles" / "es").mkdir()
    edit(srcdir / "articles" / "es" / "worry-budget.md", SPANISH_BUDGET)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert [w for w in warnings(app) if "[clinic." in w] == []
    out = Path(app.outdir)
    # Six articles about anxiety, one of them also in Spanish: two pages of three.
    first = page(out, "specialties/anxiety.html")
    second = page(out, "specialties/anxiety/page/2.html")
    assert titles(first) + titles(second) == ANXIETY
    assert not (out / "specialties" / "anxiety" / "page" / "3.html").exists()
    (budget,) = [
        item
        for item in first.select("article .clinic-article-item")
        + second.select("article .clinic-article-item")
        if "A budget for worry" in item.get_text()
    ]
    (also,) = budget.select(".clinic-also-in a")
    assert also["href"].endswith("es/worry-budget.html")
    # Five articles and a translation: the entry shows all five, and needs no list.
    (srcdir / "articles" / "racing-thoughts.md").unlink()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    out = Path(app.outdir)
    entry = page(out, "specialties.html").select_one("section#specialty-anxiety")
    shown = entry.select(".clinic-specialty-articles a:not(.clinic-language-link)")
    assert [a.get_text() for a in shown] == ANXIETY[1:]
    assert entry.select(".clinic-specialty-more") == []
    assert not (out / "specialties" / "anxiety.html").exists()


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_structured_data_lists_what_the_page_shows(app: Any) -> None:
    app.build()
    soup = page(Path(app.outdir), "articles/index.html")
    (script,) = soup.find_all("script", type="application/ld+json")
    listed = json.loads(script.string)["mainEntity"]["itemListElement"]
    assert [item["name"] for item in listed] == NEWEST_FIRST[:3]


def test_dirhtml_pages_are_folders(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("dirhtml", srcdir=copy_root(rootdir, "paginate", tmp_path), freshenv=True)
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    second = page(out, "articles/page/2/index.html")
    assert head(second) == {
        "canonical": f"{BASE}articles/page/2/",
        "prev": "../../",
        "next": "../3/",
    }
    assert head(page(out, "articles/index.html"))["next"] == "page/2/"
    assert nav(second)[2][:3] == ("2", "./", "page")
    assert f"{BASE}articles/page/3/" in sitemap_urls(out)
    assert head(page(out, "clinicians/mira-hale/page/2/index.html"))["prev"] == "../../"


@pytest.mark.parametrize("builder", ["singlehtml", "text"])
def test_builders_without_pages_show_whole_lists(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    app = make_app(builder, srcdir=copy_root(rootdir, "paginate", tmp_path), freshenv=True)
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    assert not (out / "articles" / "page").exists()
    if builder == "text":
        text = (out / "articles" / "index.txt").read_text(encoding="utf-8")
        assert all(title in text for title in NEWEST_FIRST)
        assert "Older" not in text
        profile = (out / "clinicians" / "mira-hale.txt").read_text(encoding="utf-8")
        assert all(title in profile for title in MIRA)
    else:
        soup = page(out, "index.html")
        archive = soup.select_one("section#articles")
        assert [a.get_text() for a in archive.select(".clinic-article-title a")] == NEWEST_FIRST
        assert soup.select("nav.clinic-pagination") == []


def test_a_per_page_that_cannot_work_is_reported(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "paginate", tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"clinic_per_page": -3})
    app.build()
    (line,) = warnings(app)
    assert line.startswith(f"{srcdir / 'conf.py'}:1: WARNING: clinic_per_page must be a whole")
    assert line.endswith("using 20 until it is fixed [clinic.config]")
    # 20 a page: seven articles fit on one.
    assert not (Path(app.outdir) / "articles" / "page").exists()
