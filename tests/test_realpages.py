"""Pages shaped the way other tools write them build right (tests/roots/test-realpages).

A Squarespace-style article (title in front matter, sections at ``##``), one page each in
Hugo's, Jekyll's and Material for MkDocs' front matter, a page without any heading and a
profile without ``summary`` (its bio is its first paragraph).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import html, warnings
from sitebuild import atom, edit, entries

SITE = "Real Pages Counseling"
ARTICLE = "articles/why-connection-matters"
TITLE = "The Importance of Connection: Why We Need Each Other"
BIO = (
    "I specialize in helping adults who feel disconnected from the people around them. In our "
    "work together we look at the patterns that keep you at a distance and try small, steady "
    "ways of reaching out. I also work with worry that gets in the way of work, rest and "
    "friendship, and I welcome clients of every background."
)


pytestmark = pytest.mark.sphinx("html", testroot="realpages", freshenv=True)


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def _text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").replace("¶", "").split())


def _body(page: BeautifulSoup) -> Tag:
    body = page.select_one("div.body") or page.select_one("article")
    assert body is not None
    return body


def _jsonld(page: BeautifulSoup) -> dict[str, Any]:
    script = page.find("script", type="application/ld+json")
    assert script is not None
    return dict(json.loads(script.string or ""))


def _after(first: Tag, second: Tag) -> bool:
    """Whether ``second`` comes after ``first`` (and is not inside it) in the page."""
    return second in first.find_all_next() and second not in first.descendants


def test_every_real_page_builds_without_warnings(built: Any) -> None:
    assert warnings(built) == []


def test_front_matter_title_is_the_page_title_and_sections_stay_under_it(built: Any) -> None:
    page = html(built, ARTICLE)
    body = _body(page)
    assert [_text(h) for h in body.find_all("h1")] == [TITLE]
    assert _text(page.title).startswith(TITLE)
    assert [_text(h) for h in body.find_all("h2")] == [
        "Why Connection Matters",
        "What Gets in the Way",
        "Small Steps Toward Each Other",
        "About the author",
    ]
    assert [_text(h) for h in body.find_all("h3")] == ["When reaching out feels risky"]
    # One top-level section: every ## section is inside the title's.
    top = body.find("section")
    assert top is not None and top.find("h1") is not None
    assert all(h2.find_parent("section").find_parent("section") is top for h2 in top("h2"))


def test_byline_is_under_the_title_and_the_notice_and_card_after_the_last_section(
    built: Any,
) -> None:
    body = _body(html(built, ARTICLE))
    h1 = body.find("h1")
    assert h1 is not None
    byline = h1.find_next_sibling()
    assert byline is not None and "clinic-byline" in byline["class"]
    assert _text(byline) == "By Natalie Johnson · March 7, 2025 · 1 min read"
    headings = [h for h in body.find_all("h2") if _text(h) == "Small Steps Toward Each Other"]
    last_section = headings[0].find_parent("section")
    notice = body.select_one(".clinic-crisis")
    about = body.select_one("#about-the-author")
    assert notice is not None and about is not None
    assert _after(last_section, notice) and _after(notice, about)
    # Nothing of the article follows the card.
    later = [h for h in about.find_all_next(["h2", "h3"]) if h in body.descendants]
    assert [h for h in later if h not in about.descendants] == []
    assert _text(about.select_one(".clinic-card-summary")) == BIO


def test_title_everywhere_listings_navigation_feed_and_jsonld(built: Any) -> None:
    listing = html(built, "index").select(".clinic-article-title a")
    assert [_text(a) for a in listing] == [
        "Sleep and Worry: Notes for Busy Weeks",
        TITLE,
        "A Short Note on Rest",
        "Moving to a New City",
        "Saying Yes to Help",
    ]
    newer = html(built, "articles/a-short-note")
    assert newer.select_one('link[rel="next"]')["title"] == TITLE
    assert _jsonld(html(built, ARTICLE))["mainEntity"]["headline"] == TITLE
    feed = atom(Path(built.outdir, "feeds", "atom.xml"))
    assert TITLE in [entry["title"] for entry in entries(feed)]


def test_page_without_any_heading_gets_its_title_byline_and_card(built: Any) -> None:
    page = html(built, "articles/a-short-note")
    body = _body(page)
    assert [_text(h) for h in body.find_all("h1")] == ["A Short Note on Rest"]
    assert _text(page.title).startswith("A Short Note on Rest")
    h1 = body.find("h1")
    assert "clinic-byline" in h1.find_next_sibling()["class"]
    text = [p for p in body.find_all("p") if _text(p).startswith("Rest is not")]
    assert len(text) == 1 and _after(text[0], body.select_one("#about-the-author"))


def _card_and_meta(built: Any, docname: str) -> tuple[str, str, str, str]:
    page = html(built, docname)
    byline = _text(_body(page).select_one(".clinic-byline"))
    summary = page.find("meta", attrs={"name": "description"})["content"]
    ld = _jsonld(page)["mainEntity"]
    keywords = ", ".join(ld.get("keywords", []))
    return byline, summary, f"{ld['datePublished']} {ld.get('dateModified', '')}", keywords


def test_hugo_front_matter(built: Any) -> None:
    byline, summary, dates, specialties = _card_and_meta(built, "articles/hugo-post")
    # 22:30 at -05:00 is still March 20 where the author wrote it (March 21 in UTC).
    assert byline == "By Natalie Johnson · March 20, 2025 · updated April 2, 2025 · 1 min read"
    assert summary == "How worry keeps us awake, and a few gentle habits that help."
    assert dates == "2025-03-20 2025-04-02"
    assert specialties == "Anxiety, Life transitions"  # tags: worry; categories: a label
    card = _body(html(built, "articles/hugo-post")).select_one("#about-the-author .clinic-card")
    assert card.select_one(".clinic-card-name").get_text() == "Natalie Johnson, MHC-LP"


def test_jekyll_front_matter(built: Any) -> None:
    byline, summary, dates, specialties = _card_and_meta(built, "articles/jekyll-post")
    assert byline == "By Natalie Johnson · November 2, 2024 · 1 min read"
    assert summary == "A move changes routines, friendships and how we see ourselves."
    assert dates == "2024-11-02 2024-11-02"
    assert specialties == "Life transitions"  # categories: one string


def test_material_front_matter(built: Any) -> None:
    byline, summary, dates, specialties = _card_and_meta(built, "articles/material-post")
    assert byline == (
        "By Natalie Johnson · January 31, 2024 · updated February 10, 2024 · 1 min read"
    )
    assert summary == "Asking for support is a skill, and like any skill it gets easier."
    assert dates == "2024-01-31 2024-02-10"
    assert specialties == "Anxiety"
    assert Path(built.outdir, "articles", "material-post.html").is_file()  # slug: not a URL


def test_profile_bio_is_its_first_paragraph_everywhere(built: Any) -> None:
    profile = html(built, "clinicians/natalie-johnson")
    assert profile.find("meta", property="og:description")["content"] == BIO
    assert profile.find("meta", attrs={"name": "description"})["content"] == BIO
    assert _jsonld(profile)["mainEntity"]["description"] == BIO
    for docname in ("articles/hugo-post", "articles/jekyll-post", "articles/material-post"):
        card = _body(html(built, docname)).select_one("#about-the-author .clinic-card")
        assert _text(card.select_one(".clinic-card-summary")) == BIO


def test_a_site_that_sets_myst_title_to_header_itself(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    for value in (True, False):
        src = tmp_path / f"site-{value}"
        shutil.copytree(rootdir / "test-realpages", src)
        conf = src / "conf.py"
        conf.write_text(conf.read_text() + f"myst_title_to_header = {value}\n")
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()
        app.cleanup()
        body = _body(html(app, ARTICLE))
        if value:
            assert warnings(app) == []
            assert [_text(h) for h in body.find_all("h1")] == [TITLE]
        else:  # the site opted out: the first heading is the title, as in MyST
            assert any("[myst.header]" in line for line in warnings(app))


def test_editing_the_profile_paragraph_updates_every_card(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-realpages", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    profile = src / "clinicians" / "natalie-johnson.md"
    time.sleep(0.01)
    edit(profile, profile.read_text().replace("I specialize in", "I focus on"))
    again = make_app("html", srcdir=src)
    again.build()
    again.cleanup()
    new_bio = BIO.replace("I specialize in", "I focus on")
    for docname in (ARTICLE, "articles/hugo-post", "articles/a-short-note"):
        card = _body(html(again, docname)).select_one("#about-the-author .clinic-card")
        assert _text(card.select_one(".clinic-card-summary")) == new_bio, docname
    profile_page = html(again, "clinicians/natalie-johnson")
    assert _jsonld(profile_page)["mainEntity"]["description"] == new_bio


# -- a front matter title and an h1 ---------------------------------------------------------


def test_front_matter_title_and_h1(make_app: Any, tmp_path: Path, rootdir: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-realpages", src)
    (src / "articles" / "same.md").write_text(
        "---\ntitle: Same Words\ndate: 2025-02-01\nauthor: natalie-johnson\n---\n\n"
        "# Same Words\n\nText.\n\n## A section\n\nMore.\n"
    )
    (src / "articles" / "differ.md").write_text(
        "---\ntitle: The Front Matter Title\ndate: 2025-02-02\nauthor: natalie-johnson\n---\n\n"
        "# A Different Heading\n\nText.\n\n## A section\n\nMore.\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    found = [line for line in warnings(app) if "clinic.title" in line]
    assert len(found) == 1
    assert (
        "articles/differ.md:7: WARNING: the front matter title 'The Front Matter Title'"
        in (found[0])
    )
    for docname, title in (("same", "Same Words"), ("differ", "The Front Matter Title")):
        body = _body(html(app, f"articles/{docname}"))
        assert [_text(h) for h in body.find_all("h1")] == [title]
        assert [_text(h) for h in body.find_all("h2")] == ["A section", "About the author"]
        assert "clinic-byline" in body.find("h1").find_next_sibling()["class"]


def test_jsonld_of_a_page_marked_only_by_a_post_directive_follows_edits(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """Its JSON-LD is the only place that shows the author's credentials (no card)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-realpages", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "clinic_about_author = False\n")
    (src / "blog").mkdir()
    (src / "blog" / "post-only.md").write_text(
        "# A post from the old blog\n\n```{post} 2025-02-20\n:author: natalie-johnson\n```\n\n"
        "Text of the post.\n"
    )

    def suffix(app: Any) -> str:
        author = _jsonld(html(app, "blog/post-only"))["mainEntity"]["author"][0]
        return str(author["honorificSuffix"])

    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert warnings(app) == []
    assert suffix(app) == "MHC-LP"
    profile = src / "clinicians" / "natalie-johnson.md"
    time.sleep(0.01)
    edit(profile, profile.read_text().replace("[MHC-LP]", "[MHC-LP, PhD]"))
    again = make_app("html", srcdir=src)
    again.build()
    again.cleanup()
    assert suffix(again) == "MHC-LP, PhD"


# -- a prolific author of pages written for other tools ----------------------------------


def test_a_profile_pages_articles_written_in_other_tools_front_matter(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """Natalie Johnson wrote all five pages, each named her way (an id, her name, a
    Material ``authors`` list) with its own date format (a day, Hugo's time and zone,
    Jekyll's, Material's ``created``). Two a page: her profile shows the newest two and
    pages the rest, every article once, newest first, by its front matter title."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-realpages", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "clinic_per_page = 2\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert warnings(app) == []
    newest_first = [
        "Sleep and Worry: Notes for Busy Weeks",  # 2025-03-20T22:30:00-05:00
        TITLE,  # 2025-03-07
        "A Short Note on Rest",  # 2025-01-15
        "Moving to a New City",  # 2024-11-02 09:30:00 -0500
        "Saying Yes to Help",  # created: 2024-01-31
    ]
    profile = "clinicians/natalie-johnson"
    pages = [html(app, profile), html(app, f"{profile}/page/2"), html(app, f"{profile}/page/3")]
    listed = [
        [_text(a) for a in page.select(".clinic-article-list .clinic-article-title a")]
        for page in pages
    ]
    assert listed == [newest_first[:2], newest_first[2:4], newest_first[4:]]
    assert not Path(app.outdir, f"{profile}/page/4.html").exists()
    # the theme's Next link on the profile names page 2, in plain words
    following = pages[0].select_one('link[rel="next"]')
    assert following is not None and following["href"] == "natalie-johnson/page/2.html"
    assert _text(pages[1].find("h1")) == "Articles by Natalie Johnson, page 2"
